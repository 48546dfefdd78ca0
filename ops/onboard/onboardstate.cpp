// SPDX-License-Identifier: Apache-2.0
#include "onboardstate.h"

#include "statefilewriter.h"

#include "jsonutil.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>

namespace {

constexpr int formatVersion = 1;

const QList<std::pair<StepState, QString>>& stateNames()
{
    static const QList<std::pair<StepState, QString>> names = {
        {StepState::Pending, u"pending"_qs}, {StepState::Running, u"running"_qs}, {StepState::Done, u"done"_qs},
        {StepState::Failed, u"failed"_qs},   {StepState::Skipped, u"skipped"_qs}};
    return names;
}

StepState stateFromKey(const QString& key)
{
    for (const auto& [state, name] : stateNames())
        if (name == key)
            return state;
    return StepState::Pending;
}

QJsonObject toJson(const StepRecord& r)
{
    QJsonObject o{{u"state"_qs, stateKey(r.state)}};
    if (!r.inputs.isEmpty())
        o.insert(u"inputs"_qs, r.inputs);
    if (!r.message.isEmpty())
        o.insert(u"message"_qs, r.message);
    if (r.updated.isValid())
        o.insert(u"updated"_qs, r.updated.toUTC().toString(Qt::ISODate));
    return o;
}

StepRecord stepFromJson(const QJsonObject& o)
{
    StepRecord r;
    r.state = stateFromKey(o.value(u"state"_qs).toString());
    // A step that was running when meshdeck stopped did not finish: it runs again.
    if (r.state == StepState::Running)
        r.state = StepState::Pending;
    r.inputs = o.value(u"inputs"_qs).toString();
    r.message = o.value(u"message"_qs).toString();
    r.updated = QDateTime::fromString(o.value(u"updated"_qs).toString(), Qt::ISODate);
    return r;
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString stepKey(StepKind step)
{
    switch (step) {
    case StepKind::Preflight: return u"preflight"_qs;
    case StepKind::Bundle: return u"bundle"_qs;
    case StepKind::Package: return u"package"_qs;
    case StepKind::Distribute: return u"distribute"_qs;
    case StepKind::Start: return u"start"_qs;
    case StepKind::Stop: return u"stop"_qs;
    case StepKind::RemovePackage: return u"remove-package"_qs;
    case StepKind::RemoveFiles: return u"remove-files"_qs;
    case StepKind::RemoveWorkloadEntry: return u"remove-workloadentry"_qs;
    }
    return {};
}

QString stepTitle(StepKind step)
{
    return stepKey(step).replace(u'-', u' ');
}

QString stateKey(StepState state)
{
    for (const auto& [s, name] : stateNames())
        if (s == state)
            return name;
    return {};
}

QList<StepKind> onboardSteps()
{
    // The package before the files: its postinst makes the istio-proxy user the files belong to
    // and the /etc/istio -> /var/lib/istio link that /etc/istio/config/mesh goes through.
    return {StepKind::Preflight, StepKind::Bundle, StepKind::Package, StepKind::Distribute, StepKind::Start};
}

QList<StepKind> offboardSteps()
{
    return {StepKind::Stop, StepKind::RemovePackage, StepKind::RemoveFiles, StepKind::RemoveWorkloadEntry};
}

QString OnboardState::pathForPlan(const QString& planFile)
{
    return QFileInfo(planFile).absoluteFilePath() + u".state.json"_qs;
}

OnboardState OnboardState::load(const QString& path, QString* error)
{
    OnboardState state;
    state.m_path = path;
    QFile file(path);
    if (!file.exists())
        return state;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read "_qs + path + u": "_qs + file.errorString();
        return state;
    }
    // Read by the window on its GUI thread: bounded. meshdeck writes about 2 KB per VM.
    if (file.size() > maxFileSize) {
        *error = path + u" is "_qs + QString::number(file.size() / (1024 * 1024)) + u" MiB, more than a meshdeck state file can be ("_qs
                 + QString::number(maxFileSize / (1024 * 1024)) + u" MiB): move it aside and run again (the VMs are checked afresh)"_qs;
        return state;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(maxFileSize), &parseError);
    if (!doc.isObject()) {
        *error = path + u" is not a meshdeck state file: "_qs + parseError.errorString();
        return state;
    }
    state = fromJson(doc.object(), error);
    state.m_path = path;
    return state;
}

QString OnboardState::save() const
{
    return StateFileWriter::writeNow(m_path, toBytes());
}

QByteArray OnboardState::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

QJsonObject OnboardState::toJson() const
{
    QJsonObject vms;
    for (auto it = m_vms.cbegin(); it != m_vms.cend(); ++it) {
        const VmRecord& r = it.value();
        QJsonObject steps;
        for (auto s = r.steps.cbegin(); s != r.steps.cend(); ++s)
            steps.insert(s.key(), ::toJson(s.value()));
        QJsonObject vm{{u"steps"_qs, steps}};
        for (const auto& [key, value] : {std::pair{u"os"_qs, r.os}, std::pair{u"arch"_qs, r.arch},
                                         std::pair{u"format"_qs, r.format}, std::pair{u"ip"_qs, r.ip},
                                         std::pair{u"packageVersion"_qs, r.packageVersion}}) {
            if (!value.isEmpty())
                vm.insert(key, value);
        }
        if (r.baseline.recorded) {
            vm.insert(u"baseline"_qs, QJsonObject{{u"existingPaths"_qs, toArray(r.baseline.existingPaths)},
                                                  {u"proxyUserExisted"_qs, r.baseline.proxyUserExisted},
                                                  {u"packageVersionBefore"_qs, r.baseline.packageVersionBefore}});
        }
        vms.insert(it.key(), vm);
    }
    return QJsonObject{{u"kind"_qs, u"MeshdeckOnboardingState"_qs}, {u"version"_qs, formatVersion}, {u"vms"_qs, vms}};
}

OnboardState OnboardState::fromJson(const QJsonObject& json, QString* error)
{
    OnboardState state;
    if (json.value(u"kind"_qs).toString() != u"MeshdeckOnboardingState" || json.value(u"version"_qs).toInt() != formatVersion) {
        *error = u"not a meshdeck onboarding state (kind MeshdeckOnboardingState, version 1)"_qs;
        return state;
    }
    const QJsonObject vms = json.value(u"vms"_qs).toObject();
    for (auto it = vms.constBegin(); it != vms.constEnd(); ++it) {
        const QJsonObject vm = it.value().toObject();
        VmRecord r;
        const QJsonObject steps = vm.value(u"steps"_qs).toObject();
        for (auto s = steps.constBegin(); s != steps.constEnd(); ++s)
            r.steps.insert(s.key(), stepFromJson(s.value().toObject()));
        r.os = vm.value(u"os"_qs).toString();
        r.arch = vm.value(u"arch"_qs).toString();
        r.format = vm.value(u"format"_qs).toString();
        r.ip = vm.value(u"ip"_qs).toString();
        r.packageVersion = vm.value(u"packageVersion"_qs).toString();
        if (vm.contains(u"baseline"_qs)) {
            const QJsonObject b = vm.value(u"baseline"_qs).toObject();
            r.baseline.recorded = true;
            r.baseline.existingPaths = JsonUtil::toStringList(b.value(u"existingPaths"_qs));
            r.baseline.proxyUserExisted = b.value(u"proxyUserExisted"_qs).toBool();
            r.baseline.packageVersionBefore = b.value(u"packageVersionBefore"_qs).toString();
        }
        state.m_vms.insert(it.key(), r);
    }
    return state;
}

OnboardStateLock::OnboardStateLock(const QString& statePath)
    : m_path(lockPathFor(statePath))
    , m_lock(std::make_unique<QLockFile>(m_path))
{
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never for its age
}

OnboardStateLock::~OnboardStateLock() = default;

QString OnboardStateLock::acquire()
{
    if (m_lock->isLocked())
        return {};
    // tryLock() takes over a lock whose process no longer runs on this host (a killed run).
    if (m_lock->tryLock(0))
        return {};
    const QString lock = QDir::toNativeSeparators(m_path);
    switch (m_lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        QString program;
        QString holder;
        if (m_lock->getLockInfo(&pid, &host, &program)) {
            holder = (program.isEmpty() ? u"meshdeck"_qs : program) + u" (PID "_qs + QString::number(pid)
                + (host.isEmpty() ? QString() : u" on "_qs + host) + u')';
        } else {
            holder = u"another process"_qs;
        }
        return u"Another run is working on this plan's VMs: "_qs + holder + u" holds "_qs + lock
            + u". Wait for it to finish, or stop it; a lock whose process no longer runs is taken over by the next run,"
              u" and one left on another host may be removed by hand once that run is gone."_qs;
    }
    case QLockFile::PermissionError:
        return u"Cannot create the lock "_qs + lock + u": no permission to write in "_qs
            + QDir::toNativeSeparators(QFileInfo(m_path).absolutePath())
            + u", where the run keeps the plan's state file too. Make the directory writable or copy the plan elsewhere."_qs;
    default:
        return u"Cannot create the lock "_qs + lock
            + u" (the file system refused it, or it is full). Make room there, or copy the plan elsewhere."_qs;
    }
}

bool OnboardStateLock::isLocked() const
{
    return m_lock->isLocked();
}

void OnboardStateLock::release()
{
    m_lock->unlock();
}
