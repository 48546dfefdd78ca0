// SPDX-License-Identifier: Apache-2.0
#include "clusterapplytask.h"

#include "applyrun.h"
#include "generation.h"

namespace {

AppliedObject::Outcome outcomeOf(ApplyRun::Outcome outcome)
{
    switch (outcome) {
    case ApplyRun::Outcome::Created: return AppliedObject::Outcome::Created;
    case ApplyRun::Outcome::Configured: return AppliedObject::Outcome::Configured;
    case ApplyRun::Outcome::Unchanged: return AppliedObject::Outcome::Unchanged;
    case ApplyRun::Outcome::Failed: return AppliedObject::Outcome::Failed;
    }
    return AppliedObject::Outcome::Failed;
}

} // namespace

ClusterApplyTask::ClusterApplyTask(Plan plan, ClientSource clients, QObject* parent)
    : ApplyTask(parent)
    , m_plan(std::move(plan))
    , m_clients(std::move(clients))
{
}

void ClusterApplyTask::run()
{
    const Generated generated = generateOffline(m_plan);
    if (hasErrors(generated.problems)) {
        finish(Error::make(Error::Kind::InvalidInput, tr("The plan has errors; fix them before applying.")));
        return;
    }
    const QList<Resource> resources = generated.kubectlResources();
    m_clients(this, [this, resources](KubeClient* client, const QString& error) {
        if (!isRunning())
            return;
        if (!client) {
            finish(Error::make(Error::Kind::KubernetesUnreachable, error));
            return;
        }
        auto* run = new ApplyRun(client, resources, {}, this);
        connect(run, &ApplyRun::stepFinished, this, [this, total = resources.size()](const ApplyRun::Step& step) {
            if (!isRunning())
                return;
            AppliedObject object{step.object, outcomeOf(step.outcome), step.message};
            m_objects.append(object);
            setProgress(int(m_objects.size()), int(total), step.object);
            emit objectApplied(object);
        });
        connect(run, &Task::finished, this, [this](const Error& error) {
            if (isRunning())
                finish(error);
        });
        m_inFlight.start(run);
    });
}

void ClusterApplyTask::abort()
{
    m_inFlight.cancelAll();
}
