// SPDX-License-Identifier: Apache-2.0
#include "clusterreviewtask.h"

#include "askpass.h"
#include "fleetrun.h"
#include "hostkeycheck.h"
#include "generation.h"
#include "objectref.h"
#include "sshcontext.h"
#include "statusrun.h"
#include "yamlwriter.h"

#include <algorithm>

namespace {

ObjectDiff::State stateOf(StatusRun::ObjectState::State state)
{
    switch (state) {
    case StatusRun::ObjectState::State::InSync: return ObjectDiff::State::InSync;
    case StatusRun::ObjectState::State::Differs: return ObjectDiff::State::Differs;
    case StatusRun::ObjectState::State::Missing: return ObjectDiff::State::Missing;
    case StatusRun::ObjectState::State::Error: return ObjectDiff::State::Error;
    }
    return ObjectDiff::State::Error;
}

/*! A Secret's data is never shown: the keys stay, the values are masked (as Drift's differences). */
QJsonObject masked(QJsonObject object)
{
    if (object[u"kind"_qs].toString() != u"Secret")
        return object;
    for (const QString& field : {u"data"_qs, u"stringData"_qs}) {
        QJsonObject values = object[field].toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            it.value() = u"***"_qs;
        if (!values.isEmpty())
            object[field] = values;
    }
    return object;
}

} // namespace

ClusterReviewTask::ClusterReviewTask(Plan plan, ClientSource clients, SshContext* ssh, QObject* parent)
    : ConsoleTask(std::move(plan), std::move(clients), parent)
    , m_ssh(ssh)
{
}

ClusterReviewTask::~ClusterReviewTask() = default;

void ClusterReviewTask::run()
{
    withClient([this](KubeClient* client) {
        m_pending = 1; // held until both parts are started
        startStatus(client);
        if (!m_plan.vms.isEmpty())
            startDryRun(client);
        partDone();
    });
}

void ClusterReviewTask::startStatus(KubeClient* client)
{
    const Generated generated = generateOffline(m_plan);
    const QList<Resource> resources = generated.kubectlResources();
    for (const Resource& r : resources) {
        ObjectDiff d;
        d.object = ObjectRef::of(r.object).displayName();
        d.desiredYaml = YamlWriter::toYaml(masked(r.object), {u"apiVersion"_qs, u"kind"_qs, u"metadata"_qs});
        m_objects.append(d);
    }
    ++m_pending;
    // Only the objects: the WorkloadEntries are the verify page's, and a group's may not exist yet.
    Plan objectsOnly = m_plan;
    objectsOnly.vmGroups.clear();
    auto* status = new StatusRun(client, objectsOnly, resources, this);
    connect(status, &Task::finished, this, [this, status](const Error& error) {
        if (!isRunning())
            return;
        const StatusRun::Report& report = status->report();
        for (qsizetype i = 0; i < report.objects.size() && i < m_objects.size(); ++i) {
            m_objects[i].state = stateOf(report.objects.at(i).state);
            m_objects[i].differences = report.objects.at(i).differences;
            m_objects[i].error = report.objects.at(i).error;
        }
        if (error.isError() && !m_error.isError())
            m_error = error;
        partDone();
    });
    m_inFlight.start(status);
}

void ClusterReviewTask::startDryRun(KubeClient* client)
{
    if (!m_remoteFactory && (!m_ssh || !m_ssh->isValid())) {
        const QString why = m_ssh ? m_ssh->errorString() : tr("ssh is not set up.");
        for (const Vm& vm : std::as_const(m_plan.vms))
            m_steps.append(VmStepPlan{vm.name, u"connect"_qs, tr("connect"), VmStepPlan::Action::Fail, why});
        return;
    }
    if (!m_plan.sourceFile.isEmpty()) {
        QString stateError;
        m_state = OnboardState::load(OnboardState::pathForPlan(m_plan.sourceFile), &stateError);
        if (!stateError.isEmpty())
            m_state = OnboardState{}; // planned from nothing done; the run says what is wrong with the file
    }
    OnboardOptions options;
    options.dryRun = true;
    auto* fleet = new FleetRun(m_plan, m_ssh, client, &m_state, options, this);
    if (m_remoteFactory)
        fleet->setRemoteFactory(m_remoteFactory);
    fleet->setInteractive(true);
    connect(fleet, &FleetRun::hostKeyQuestion, this, [this](HostKeyQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::passwordQuestion, this, [this](PasswordQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::sudoPasswordQuestion, this, [this](SudoPasswordQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::stepChanged, this,
            [this](const QString& vm, StepKind step, StepState state, const QString& message) {
                if (!isRunning() || state == StepState::Running || state == StepState::Pending)
                    return;
                VmStepPlan p;
                p.vm = vm;
                p.step = stepKey(step);
                p.title = stepTitle(step);
                p.action = state == StepState::Skipped ? VmStepPlan::Action::Skip
                    : state == StepState::Failed       ? VmStepPlan::Action::Fail
                                                       : VmStepPlan::Action::Run;
                p.reason = message;
                m_steps.append(p);
            });
    // A VM that fails before any step (no connection, no cluster facts) still gets its line.
    connect(fleet, &FleetRun::vmFinished, this, [this](const QString& vm, bool ok, const QString& message) {
        if (!isRunning() || ok)
            return;
        const bool reported = std::any_of(m_steps.cbegin(), m_steps.cend(), [&](const VmStepPlan& s) { return s.vm == vm; });
        if (!reported)
            m_steps.append(VmStepPlan{vm, u"connect"_qs, tr("connect"), VmStepPlan::Action::Fail, message});
    });
    forwardProgress(fleet);
    ++m_pending;
    connect(fleet, &Task::finished, this, [this](const Error&) {
        // A VM that would fail is a result (its Fail row), not the review's error.
        if (isRunning())
            partDone();
    });
    m_inFlight.start(fleet);
}

void ClusterReviewTask::partDone()
{
    if (--m_pending == 0)
        finish(m_error);
}
