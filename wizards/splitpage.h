// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QWizardPage>

#include <memory>

class WizardContext;

namespace Ui {
class SplitPage;
}

/*!
 * The onboarding wizard's traffic split page: the weights of the plan's splits (one at a time,
 * chosen above), edited with the WeightsEditor the Weights tab uses (the sum held at 100 as in
 * Kiali), written straight into the context's plan (trafficSplits) and shown as the
 * VirtualService and DestinationRules the plan will apply (Generators::trafficSplit), which can
 * be exported. The weights logic is model/plan's (WeightedRoutes, WeightShift), tested without
 * widgets; this page only wires it.
 */
class SplitPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SplitPage)
public:
    explicit SplitPage(WizardContext* context, QWidget* parent = nullptr);
    ~SplitPage() override;

    void initializePage() override;

    /*! The split shown (index in the plan's trafficSplits), -1 when the plan has none. */
    int currentSplit() const;
    void setCurrentSplit(int index);
    /*! The YAML shown: the current split's resources as kubectl takes them. */
    QByteArray yaml() const;
    /*! Writes yaml() to path; an error message, or empty. */
    QString exportTo(const QString& path) const;

private:
    void showSplits();
    void showSplit();
    void onWeightsChanged(const QList<int>& weights);
    void showYaml();
    void chooseExportPath();

    WizardContext* m_context;
    std::unique_ptr<Ui::SplitPage> m_ui;
    bool m_editing = false; //!< our own edit of the plan: the page must not rebuild the editor
};
