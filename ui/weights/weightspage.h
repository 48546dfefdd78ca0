// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "weightsservice.h"

#include <QPointer>
#include <QString>
#include <QWidget>

class PlanDocument;
class QLabel;
class QPushButton;
class QTreeWidget;
class WeightsEditor;

/*!
 * The "Weights" tab: every route of the WeightsService on the left (the plan's splits and the
 * cluster's weighted VirtualService routes, where each comes from and whether plan and cluster
 * differ), the WeightsEditor of the selected one on the right. "Apply…" asks the service for the
 * difference, shows it, and applies only after the user confirms; "Save to plan" writes the
 * weights into the plan's split and saves the plan file through the PlanDocument (disabled, with
 * the reason, for routes only in the cluster). Nothing is read from the cluster before the tab is
 * first shown; nothing here waits: the tasks report through their signals.
 */
class WeightsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsPage)
public:
    explicit WeightsPage(QWidget* parent = nullptr);
    ~WeightsPage() override;

    /*! Where the routes come from (borrowed; nullptr = none). */
    void setService(WeightsService* service);
    WeightsService* service() const { return m_service; }
    /*! The plan "Save to plan" writes (borrowed; nullptr = saving disabled). */
    void setDocument(PlanDocument* document);

    /*! Selects the route with this key (WeightedRoute::key()); false when there is none. */
    bool selectRoute(const QString& key);
    QString selectedKey() const { return m_selectedKey; }
    WeightsEditor* editor() const { return m_editor; }
    QTreeWidget* routeList() const { return m_list; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* saveButton() const { return m_save; }
    /*! The status line as plain text (the last apply or save, the service's problem). */
    QString statusText() const;

    /*! Shows the difference of the edited weights, then applies them if the user confirms. */
    void startApply();
    /*! Writes the edited weights into the plan's split and saves the plan. */
    void saveToPlan();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showRoutes();
    void onSelectionChanged();
    void confirm(const QStringList& lines, const QString& yaml);
    void applyConfirmed();
    void updateButtons();
    void setStatus(const QString& text, bool error = false);

    QPointer<WeightsService> m_service;
    QPointer<PlanDocument> m_document;
    bool m_refreshed = false; //!< the service was asked to read the cluster since it was set
    bool m_busy = false;      //!< a diff or apply is running
    QString m_selectedKey;
    QTreeWidget* m_list = nullptr;
    WeightsEditor* m_editor = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_status = nullptr;
};
