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
    : ConsoleTask(std::move(plan), std::move(clients), parent)
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
    withClient([this, resources](KubeClient* client) {
        auto* run = new ApplyRun(client, resources, {}, this);
        connect(run, &ApplyRun::stepFinished, this, [this, total = resources.size()](const ApplyRun::Step& step) {
            if (!isRunning())
                return;
            AppliedObject object{step.object, outcomeOf(step.outcome), step.message};
            m_objects.append(object);
            setProgress(int(m_objects.size()), int(total), step.object);
            emit objectApplied(object);
        });
        forwardFinished(run);
        m_inFlight.start(run);
    });
}
