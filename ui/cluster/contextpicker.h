// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class ConnectionService;
class QComboBox;
class QLabel;
class QToolButton;

/*!
 * The toolbar's cluster connection: a combo box of the kubeconfig's contexts (cluster and user
 * in each tooltip), the state (a coloured dot and a word), one line of what the connection is
 * ("server · Kubernetes v1.30 · Istio 1.29.2 (rev default) · user · namespace"), a Details
 * button with the error and its fix (and warnings), and Reconnect. Choosing a context calls
 * ConnectionService::useContext; everything shown comes from the service's signals. The service
 * is borrowed (the composition root's).
 */
class ContextPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContextPicker)
public:
    explicit ContextPicker(ConnectionService* service, QWidget* parent = nullptr);
    ~ContextPicker() override;

    QComboBox* comboBox() const { return m_contexts; }
    QToolButton* reconnectButton() const { return m_reconnect; }
    QToolButton* detailsButton() const { return m_details; }
    /*! "Connected", "Connecting…", "Failed", "Not connected". */
    QString stateText() const;
    /*! The one-line summary next to the state. */
    QString summaryText() const;
    /*! What Details shows: the error and its fix, then the warnings. */
    QString detailsText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateContexts();
    void updateInfo();
    void onActivated(int index);
    void showDetails();

    QPointer<ConnectionService> m_service;
    QComboBox* m_contexts;
    QLabel* m_state;
    QLabel* m_summary;
    QToolButton* m_details;
    QToolButton* m_reconnect;
    QString m_stateText;
    QString m_detailsText;
};
