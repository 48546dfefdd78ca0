// SPDX-License-Identifier: Apache-2.0
#include "onboardingstatustask.h"

#include "generation.h"
#include "onboardstate.h"
#include "statusrun.h"

OnboardingStatusTask::OnboardingStatusTask(Plan plan, ClientSource clients, QObject* parent)
    : ConsoleTask(std::move(plan), std::move(clients), parent)
{
}

bool OnboardingStatusTask::readState()
{
    for (const Vm& vm : std::as_const(m_plan.vms))
        m_status.vms.append(vm.name);
    if (m_plan.sourceFile.isEmpty())
        return true;
    QString error;
    const OnboardState state = OnboardState::load(OnboardState::pathForPlan(m_plan.sourceFile), &error);
    if (!error.isEmpty()) {
        m_status.error = error;
        return false;
    }
    for (const QString& vm : std::as_const(m_status.vms)) {
        const VmRecord record = state.vmRecord(vm);
        bool done = state.hasVm(vm);
        for (StepKind step : onboardSteps()) {
            const StepState s = record.step(step).state;
            done = done && (s == StepState::Done || s == StepState::Skipped);
            if (s == StepState::Failed && !m_status.vmsFailed.contains(vm))
                m_status.vmsFailed.append(vm);
        }
        if (done)
            m_status.vmsOnboarded.append(vm);
    }
    return true;
}

void OnboardingStatusTask::run()
{
    if (!readState()) {
        finish(Error::make(Error::Kind::InvalidInput, m_status.error));
        return;
    }
    const Generated generated = generateOffline(m_plan);
    const QList<Resource> resources = generated.kubectlResources();
    m_clients(this, [this, resources](KubeClient* client, const QString& error) {
        if (!isRunning())
            return;
        if (!client) {
            m_status.error = error;
            finish();
            return;
        }
        auto* status = new StatusRun(client, m_plan, resources, this);
        connect(status, &Task::finished, this, [this, status](const Error& error) {
            if (!isRunning())
                return;
            const StatusRun::Report& report = status->report();
            m_status.clusterAnswered = !error.isError() || !report.objects.isEmpty();
            m_status.objects = int(report.objects.size());
            for (const StatusRun::ObjectState& o : report.objects)
                m_status.objectsInSync += o.state == StatusRun::ObjectState::State::InSync ? 1 : 0;
            for (const StatusRun::Entry& e : report.entries)
                m_status.entriesHealthy += e.healthy == u"True" ? 1 : 0;
            if (error.isError()) {
                m_status.clusterAnswered = false;
                m_status.error = error.message;
            }
            finish();
        });
        m_inFlight.start(status);
    });
}
