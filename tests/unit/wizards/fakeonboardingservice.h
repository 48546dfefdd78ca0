// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "question.h"

#include <QMap>
#include <QPointer>
#include <QStandardItemModel>
#include <QTimer>

#include <functional>

/*!
 * A scripted OnboardingService for the wizard's offscreen tests: every task finishes through the
 * event loop (QTimer 0) with what the test put in; probeVm can ask a question first and waits for
 * its answer. Records the calls. (The plan pages' version; the run pages' helper has its own.)
 */
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

template<class Base>
class FakeTaskBase : public Base
{
public:
    explicit FakeTaskBase(QObject* parent)
        : Base(parent)
    {
    }
    Error result;

protected:
    void run() override
    {
        QTimer::singleShot(0, this, [this] {
            if (this->isRunning())
                this->finish(result);
        });
    }
};

class FakePreflightTask final : public FakeTaskBase<PreflightTask>
{
public:
    using FakeTaskBase::FakeTaskBase;
    QList<PreflightCheck> checks() const override { return {}; }
};

class FakeReviewTask final : public FakeTaskBase<ReviewTask>
{
public:
    using FakeTaskBase::FakeTaskBase;
    QList<ObjectDiff> objects() const override { return {}; }
    QList<VmStepPlan> vmSteps() const override { return {}; }
};

class FakeApplyTask final : public FakeTaskBase<ApplyTask>
{
public:
    using FakeTaskBase::FakeTaskBase;
    QList<AppliedObject> objects() const override { return {}; }
};

class FakeVerifyTask final : public FakeTaskBase<VerifyTask>
{
public:
    using FakeTaskBase::FakeTaskBase;
    QList<EntryHealth> entries() const override { return {}; }
    QList<ServiceEndpointsInfo> services() const override { return {}; }
    QStringList groupsWithoutEntries() const override { return {}; }
};

class FakeFleetTask final : public FakeTaskBase<FleetTask>
{
public:
    using FakeTaskBase::FakeTaskBase;
    QStringList failedVms() const override { return {}; }
};

/*! Finishes with info, or error; when ask is set, asks it first and fails if it is rejected. */
class FakeProbeTask final : public ProbeTask
{
public:
    explicit FakeProbeTask(QObject* parent)
        : ProbeTask(parent)
    {
    }
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

class FakeOnboardingService final : public OnboardingService
{
public:
    explicit FakeOnboardingService(QObject* parent = nullptr)
        : OnboardingService(parent)
        , m_fleet(new QStandardItemModel(this))
    {
    }

    bool connected = true;
    /*! Per VM name: how its probe ends (missing = default VmProbeInfo, success). */
    QMap<QString, VmProbeInfo> probeResults;
    QMap<QString, Error> probeErrors;
    std::optional<Question::Kind> probeAsks;
    QStringList calls;
    QList<FleetRequest> fleetRequests;

    bool isConnected() const override { return connected; }
    PreflightTask* preflight(const Plan&, QObject* parent) override
    {
        calls.append(u"preflight"_qs);
        return new FakePreflightTask(parent);
    }
    ReviewTask* review(const Plan&, QObject* parent) override
    {
        calls.append(u"review"_qs);
        return new FakeReviewTask(parent);
    }
    ApplyTask* applyCluster(const Plan&, QObject* parent) override
    {
        calls.append(u"apply"_qs);
        return new FakeApplyTask(parent);
    }
    FleetTask* runFleet(const Plan&, const FleetRequest& request, QObject* parent) override
    {
        calls.append(u"fleet"_qs);
        fleetRequests.append(request);
        return new FakeFleetTask(parent);
    }
    VerifyTask* verify(const Plan&, QObject* parent) override
    {
        calls.append(u"verify"_qs);
        return new FakeVerifyTask(parent);
    }
    ProbeTask* probeVm(const Plan&, const QString& vm, QObject* parent) override
    {
        calls.append(u"probe "_qs + vm);
        auto* task = new FakeProbeTask(parent);
        task->result = probeResults.value(vm);
        task->error = probeErrors.value(vm);
        task->ask = probeAsks;
        return task;
    }
    QAbstractItemModel* fleetModel() const override { return m_fleet; }

private:
    QStandardItemModel* m_fleet;
};
