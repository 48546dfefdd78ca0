// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "plan.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAbstractItemModel;

/*!
 * What every page of the onboarding wizard shares: the plan being edited (a copy of the window's
 * plan, or an empty one) and where it is saved, and the operations (OnboardingService) it runs on
 * the cluster the window is connected to. Pages read and change plan() through this object and
 * call planEdited() after a change; the wizard saves to path() (comments and key order kept).
 */
class WizardContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WizardContext)
public:
    WizardContext(Plan plan, QString path, OnboardingService* service, QObject* parent = nullptr)
        : QObject(parent)
        , m_plan(std::move(plan))
        , m_path(std::move(path))
        , m_service(service)
    {
    }

    const Plan& plan() const { return m_plan; }
    Plan& plan() { return m_plan; }
    /*! Where the plan is saved; empty until the user chooses (a new plan). */
    QString path() const { return m_path; }
    void setPath(const QString& path) { m_path = path; }
    OnboardingService* service() const { return m_service; }

    /*! Call after changing plan(): pages showing YAML or files refresh. */
    void planEdited() { emit planChanged(); }

signals:
    void planChanged();

private:
    Plan m_plan;
    QString m_path;
    QPointer<OnboardingService> m_service;
};
