// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "packagechoice.h"
#include "plan.h"
#include "planwriter.h"

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
    void planEdited()
    {
        m_dirty = true;
        emit planChanged();
    }

    /*! Edited since the last save(). */
    bool isDirty() const { return m_dirty; }
    /*!
     * Writes plan() to path() (savePlanFile: comments and key order kept) when it changed; returns
     * the error, empty on success or when there is no path yet (a new plan is saved by "Save As").
     */
    QString save()
    {
        if (!m_dirty || m_path.isEmpty())
            return {};
        const QString error = savePlanFile(m_plan, m_path);
        if (error.isEmpty())
            m_dirty = false;
        emit saved(error);
        return error;
    }

    /*! What the run page's fleet run uses, with the package page's choice of package. */
    FleetRequest fleetRequest() const
    {
        FleetRequest request = m_fleetRequest;
        m_package.applyTo(request);
        return request;
    }
    void setFleetRequest(const FleetRequest& request) { m_fleetRequest = request; }

    /*! Where the sidecar package comes from (the package page; the plan has no place for it). */
    const PackageChoice& package() const { return m_package; }
    void setPackage(const PackageChoice& package) { m_package = package; }

signals:
    void planChanged();
    /*! save() wrote the plan (error empty) or could not. */
    void saved(const QString& error);
    /*!
     * An operation a page runs asks the user something (host key, password, sudo). Until
     * QuestionDialog answers them, the wizard's owner connects here.
     */
    void questionAsked(Question* question);

private:
    Plan m_plan;
    QString m_path;
    QPointer<OnboardingService> m_service;
    PackageChoice m_package;
    bool m_dirty = false;
    FleetRequest m_fleetRequest;
};
