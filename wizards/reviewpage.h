// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for every object against the live cluster, each VM's steps. */
class ReviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)
public:
    explicit ReviewPage(WizardContext* context, QWidget* parent = nullptr);
    ~ReviewPage() override;

private:
    WizardContext* m_context;
};
