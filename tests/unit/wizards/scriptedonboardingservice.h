// SPDX-License-Identifier: Apache-2.0
#pragma once

// An OnboardingService whose tasks answer what the test scripted: preflight, review, apply,
// verify, status and each VM's probe finish from the event loop with their scripted results (a
// probe can ask a question first and waits for its answer); fleet runs stay running until the
// test completes or cancels them (fleets(), fleetRequests()), unless finishFleets. Records the
// calls. No network, no ssh. The one fake of OnboardingService for the wizard's tests.

#include "onboardingservice.h"
#include "plan.h"
#include "testplans.h"
#include "question.h"

#include <QList>
#include <QMap>
#include <QMetaObject>
#include <QPointer>
#include <QStandardItemModel>
#include <QTimer>

#include <functional>
#include <optional>

namespace Scripted {

/*! A question the test answers through the Question interface; answered reports the answer. */
class FakeQuestion final : public Question
{
public:
    FakeQuestion(Kind kind, QString subject, QObject* parent)
        : Question(parent)
        , m_kind(kind)
        , m_subject(std::move(subject))
    {
    }
    Kind kind() const override { return m_kind; }
    QString subject() const override { return m_subject; }
    void accept() override { answered(true, {}); }
    void answer(const QByteArray& secret) override { answered(true, secret); }
    void reject() override { answered(false, {}); }
    /*! Called with the answer (a plain callback: this header is not moc'ed). */
    std::function<void(bool yes, const QByteArray& secret)> answered = [](bool, const QByteArray&) {};

private:
    Kind m_kind;
    QString m_subject;
};

/*! Finishes with error from the event loop, after before() (results, signals). */
template <typename Base>
class Finishing : public Base
{
public:
    using Base::Base;
    Error error;
    std::function<void()> before;

protected:
    void run() override
    {
        QMetaObject::invokeMethod(this, [this] {
            if (!this->isRunning())
                return;
            if (before)
                before();
            this->finish(error);
        }, Qt::QueuedConnection);
    }
};

class Preflight final : public Finishing<PreflightTask>
{
public:
    using Finishing::Finishing;
    QList<PreflightCheck> result;
    QList<PreflightCheck> checks() const override { return result; }
};

class Review final : public Finishing<ReviewTask>
{
public:
    using Finishing::Finishing;
    QList<ObjectDiff> diffs;
    QList<VmStepPlan> steps;
    QList<ObjectDiff> objects() const override { return diffs; }
    QList<VmStepPlan> vmSteps() const override { return steps; }
};

class Apply final : public Finishing<ApplyTask>
{
public:
    explicit Apply(QObject* parent)
        : Finishing(parent)
    {
        before = [this] {
            for (const AppliedObject& o : std::as_const(applied))
                emit objectApplied(o);
        };
    }
    QList<AppliedObject> applied;
    QList<AppliedObject> objects() const override { return applied; }
};

class Verify final : public Finishing<VerifyTask>
{
public:
    using Finishing::Finishing;
    QList<EntryHealth> entryList;
    QList<ServiceEndpointsInfo> serviceList;
    QStringList missing;
    QList<EntryHealth> entries() const override { return entryList; }
    QList<ServiceEndpointsInfo> services() const override { return serviceList; }
    QStringList groupsWithoutEntries() const override { return missing; }
};

class Status final : public Finishing<StatusTask>
{
public:
    using Finishing::Finishing;
    OnboardingStatus result;
    OnboardingStatus status() const override { return result; }
};

/*! Finishes with result, or error; when ask is set, asks it first and fails if it is rejected. */
class Probe final : public ProbeTask
{
public:
    using ProbeTask::ProbeTask;
    VmProbeInfo result;
    Error error;
    std::optional<Question::Kind> ask;
    VmProbeInfo info() const override { return m_info; }

protected:
    void run() override
    {
        QTimer::singleShot(0, this, [this] {
            if (!isRunning())
                return;
            if (!ask) {
                done(true);
                return;
            }
            auto* q = new FakeQuestion(*ask, u"vm"_qs, this);
            q->answered = [this](bool yes, const QByteArray&) { QTimer::singleShot(0, this, [this, yes] { done(yes); }); };
            emit question(q);
        });
    }

private:
    void done(bool yes)
    {
        if (!isRunning())
            return;
        if (!yes) {
            finish(Error::make(Error::Kind::SshHostKeyRejected, u"the host key was not accepted"_qs));
            return;
        }
        if (!error.isError())
            m_info = result;
        finish(error);
    }
    VmProbeInfo m_info;
};

/*! Runs until complete() or cancel(); with finishAtOnce, finishes from the event loop with success. */
class Fleet final : public FleetTask
{
public:
    using FleetTask::FleetTask;
    bool finishAtOnce = false;
    QStringList failed;
    QStringList failedVms() const override { return failed; }
    void report(int done, int total) { setProgress(done, total, {}); }
    void complete(const QStringList& failedVms = {})
    {
        failed = failedVms;
        finish(failed.isEmpty() ? Error{} : Error::make(Error::Kind::PartialFailure, failed.join(u", "_qs)));
    }

protected:
    void run() override
    {
        if (!finishAtOnce)
            return;
        QTimer::singleShot(0, this, [this] {
            if (isRunning())
                finish();
        });
    }
};

} // namespace Scripted

class ScriptedOnboardingService final : public OnboardingService
{
public:
    explicit ScriptedOnboardingService(QObject* parent = nullptr)
        : OnboardingService(parent)
        , m_model(new QStandardItemModel(0, 2, this))
    {
    }

    // scripts
    QList<QList<PreflightCheck>> preflightResults; //!< one per preflight() call; the last repeats
    QList<ObjectDiff> reviewObjects;
    QList<VmStepPlan> reviewSteps;
    QList<AppliedObject> applied;
    Error applyError;
    QList<EntryHealth> entries;
    QList<ServiceEndpointsInfo> services;
    QStringList groupsWithoutEntries;
    std::optional<OnboardingStatus> status; //!< not set: onboardingStatus() returns nullptr
    bool connected = true;
    QString clusterDescription = u"context scripted at https://127.0.0.1:6443"_qs; //!< clusterText()
    /*! Per VM name: how its probe ends (missing = default VmProbeInfo, success). */
    QMap<QString, VmProbeInfo> probeResults;
    QMap<QString, Error> probeErrors;
    std::optional<Question::Kind> probeAsks; //!< every probe asks this first
    bool finishFleets = false; //!< fleet runs finish at once with success

    // what was asked
    int preflights = 0;
    int reviews = 0;
    int applies = 0;
    int verifies = 0;
    QList<FleetRequest> fleetRequests;
    QList<QPointer<Scripted::Fleet>> fleets;
    QStringList calls; //!< "preflight", "review", "apply", "fleet", "verify", "probe <vm>", in order

    bool isConnected() const override { return connected; }
    PreflightTask* preflight(const Plan&, QObject* parent) override
    {
        calls.append(u"preflight"_qs);
        auto* task = new Scripted::Preflight(parent);
        if (!preflightResults.isEmpty())
            task->result = preflightResults.value(qMin(qsizetype(preflights), preflightResults.size() - 1));
        ++preflights;
        return task;
    }
    ReviewTask* review(const Plan&, QObject* parent) override
    {
        calls.append(u"review"_qs);
        ++reviews;
        auto* task = new Scripted::Review(parent);
        task->diffs = reviewObjects;
        task->steps = reviewSteps;
        return task;
    }
    ApplyTask* applyCluster(const Plan&, QObject* parent) override
    {
        calls.append(u"apply"_qs);
        ++applies;
        auto* task = new Scripted::Apply(parent);
        task->applied = applied;
        task->error = applyError;
        return task;
    }
    FleetTask* runFleet(const Plan&, const FleetRequest& request, QObject* parent) override
    {
        calls.append(u"fleet"_qs);
        fleetRequests.append(request);
        auto* task = new Scripted::Fleet(parent);
        task->finishAtOnce = finishFleets;
        fleets.append(task);
        return task;
    }
    VerifyTask* verify(const Plan&, QObject* parent) override
    {
        calls.append(u"verify"_qs);
        ++verifies;
        auto* task = new Scripted::Verify(parent);
        task->entryList = entries;
        task->serviceList = services;
        task->missing = groupsWithoutEntries;
        return task;
    }
    ProbeTask* probeVm(const Plan&, const QString& vm, QObject* parent) override
    {
        calls.append(u"probe "_qs + vm);
        auto* task = new Scripted::Probe(parent);
        task->result = probeResults.value(vm);
        task->error = probeErrors.value(vm);
        task->ask = probeAsks;
        return task;
    }
    QAbstractItemModel* fleetModel() const override { return m_model; }
    QString clusterText(const Plan&) const override { return clusterDescription; }
    StatusTask* onboardingStatus(const Plan&, QObject* parent) override
    {
        if (!status)
            return nullptr;
        auto* task = new Scripted::Status(parent);
        task->result = *status;
        return task;
    }

    Scripted::Fleet* lastFleet() const { return fleets.isEmpty() ? nullptr : fleets.last().data(); }

private:
    QStandardItemModel* m_model;
};

namespace Scripted {

inline PreflightCheck check(PreflightCheck::Status status, const QString& title)
{
    PreflightCheck c;
    c.status = status;
    c.title = title;
    c.detail = title + u" found"_qs;
    if (status != PreflightCheck::Status::Pass)
        c.fix = u"fix "_qs + title;
    return c;
}

} // namespace Scripted
