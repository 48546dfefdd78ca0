// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTemporaryDir>
// For the tests that onboard onto the VM lab (meshdeck_labvm_test): running a program (the shared
// TestSupport::run), the VM seen as root through the lab's own ssh config, and the listing of
// everything onboarding touches.

#include "fleetmodel.h"
#include "labenv.h"
#include "fleetrun.h"
#include "packagefileread.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QFileInfo>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

namespace VmLab {

using TestSupport::Run;
using TestSupport::run;

inline QString sshConfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_SSH_CONFIG");
}

inline QString labDir()
{
    return QFileInfo(sshConfig()).absolutePath();
}

/*! As root on a VM, through the lab's own config (true host keys, batch mode): the judge's view. */
/*!
 * The lab's ssh config copied into dir with a known_hosts of the test's own (empty at first):
 * what the test accepts is gone with it, and other suites see the lab as it was. Returns the
 * copy's path (empty if it could not be written); knownHosts receives the file it names.
 */
inline QString privateSshConfig(const QTemporaryDir& dir, QString* knownHosts)
{
    QString config = QString::fromUtf8(TestSupport::readAll(sshConfig()));
    *knownHosts = dir.filePath(u"known_hosts"_qs);
    config.replace(labDir() + u"/known_hosts"_qs, *knownHosts);
    const QString path = dir.filePath(u"ssh_config"_qs);
    return TestSupport::writeFile(path, config.toUtf8()) ? path : QString();
}

inline Run onVm(const QString& vm, const QString& script, const QByteArray& input = {})
{
    return run(u"ssh"_qs, {u"-F"_qs, labDir() + u"/vms/lab_ssh_config"_qs, vm, script}, TestSupport::RunOptions().withInput(input));
}

/*!
 * Everything onboarding touches, as a stable text: paths, modes, owners, sizes; the hosts file;
 * the package; the user; the unit; meshdeck's temporaries.
 */
inline const QString listing = uR"(for p in /etc/certs /etc/istio /var/lib/istio /var/log/istio /var/run/secrets /usr/local/bin /lib/systemd/system/istio.service; do
  if [ -e "$p" ] || [ -L "$p" ]; then find "$p" -printf '%p %M %u:%g %s\n' 2>/dev/null | sort; else echo "$p absent"; fi
done
echo '--- hosts'; cat /etc/hosts
echo '--- package'; dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' istio-sidecar 2>&1
echo '--- user'; getent passwd istio-proxy; getent group istio-proxy
echo '--- unit'; systemctl is-enabled istio.service 2>&1; ls /etc/systemd/system/multi-user.target.wants/
echo '--- tmp'; ls -a /tmp | grep meshdeck || true
)"_qs;

/*!
 * Before a suite onboards vms into the book's group (envoydummy, namespace ns, service account
 * chapter10-sa): each VM's stand-in agent told to expect it, and each VM's listing kept in
 * before. Empty, or what failed.
 */
inline QString expectBookGroup(const QStringList& vms, const QString& ns, QHash<QString, QString>* before)
{
    for (const QString& vm : vms) {
        if (!Lab::labScript({u"vm-expect"_qs, vm, u"envoydummy"_qs, ns, u"chapter10-sa"_qs}))
            return u"lab vm-expect "_qs + vm + u" failed"_qs;
        const Run listed = onVm(vm, listing);
        if (listed.exitCode != 0)
            return u"the listing of "_qs + vm + u" failed: "_qs + listed.err;
        before->insert(vm, listed.out);
    }
    return {};
}

/*! After the suite: the VMs whose listing is not as in before; every VM expects nothing again. */
inline QStringList changedSince(const QHash<QString, QString>& before)
{
    QStringList changed;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (onVm(it.key(), listing).out != it.value())
            changed << it.key();
        Lab::labScript({u"vm-expect"_qs, it.key()});
    }
    changed.sort();
    return changed;
}

// An address on this build's VM network (MESHDECK_LAB_VM_NET=K, tests/lab/vms.sh): vmN is
// 198.18.K.(10+N), the east-west gateway's lab address 198.18.K.2.
inline QString labAddress(int host)
{
    return u"198.18.%1.%2"_qs.arg(qEnvironmentVariableIntValue("MESHDECK_LAB_VM_NET")).arg(host);
}

/*! The SHA256 fingerprints of the keys the VM at labAddress(host) really has (the lab's own known_hosts). */
inline QStringList trueFingerprints(int host)
{
    const Run r = run(u"ssh-keygen"_qs, {u"-l"_qs, u"-F"_qs, labAddress(host), u"-f"_qs, qEnvironmentVariable("MESHDECK_LAB_VM_KNOWN_HOSTS")});
    QStringList out;
    for (const QString& line : r.out.split(u'\n', Qt::SkipEmptyParts))
        if (!line.startsWith(u'#'))
            out << line.section(u' ', 2, 2);
    return out;
}

/*! The name istiod's auto-registration gives the book group's WorkloadEntry for address. */
inline QString bookEntryName(const QString& address)
{
    return u"envoydummy-"_qs + address + u"-network1"_qs;
}

/*!
 * The lab runs no istiod yet (issue 12): the WorkloadEntry its auto-registration makes for a VM
 * of the book's group at address in ns, made here as it names it, with the Healthy condition its
 * prober writes. false (and a warning) when the cluster refused either.
 */
inline bool makeHealthyBookEntry(KubeClient& client, const QString& ns, const QString& address)
{
    const QJsonObject labels{{u"app"_qs, u"envoydummy"_qs}};
    const QJsonObject entry{
        {u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
        {u"metadata"_qs, QJsonObject{{u"name"_qs, bookEntryName(address)}, {u"namespace"_qs, ns}, {u"labels"_qs, labels},
                                     {u"annotations"_qs, QJsonObject{{u"istio.io/autoRegistrationGroup"_qs, u"envoydummy"_qs}}}}},
        {u"spec"_qs, QJsonObject{{u"address"_qs, address}, {u"network"_qs, u"network1"_qs}, {u"labels"_qs, labels},
                                 {u"serviceAccount"_qs, u"chapter10-sa"_qs}}}};
    const KubeResult created = Lab::run(client.apply(entry));
    if (!created.ok()) {
        qWarning("%s", qPrintable(created.error.message));
        return false;
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QJsonObject healthy{{u"type"_qs, u"Healthy"_qs}, {u"status"_qs, u"True"_qs},
                              {u"lastProbeTime"_qs, now}, {u"lastTransitionTime"_qs, now}};
    const KubeResult patched = Lab::run(client.patchStatus(
        ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, ns, bookEntryName(address)},
        QJsonObject{{u"status"_qs, QJsonObject{{u"conditions"_qs, QJsonArray{healthy}}}}}));
    if (!patched.ok())
        qWarning("%s", qPrintable(patched.error.message));
    return patched.ok();
}

using TestSupport::sha256;

/*! The lab's sidecar package, read as the CLI reads --package (PackageFileRead). */
inline PackageSource readPackage(const QString& path)
{
    PackageFileRead read(path);
    QSignalSpy finished(&read, &Task::finished);
    read.start();
    if (!finished.wait(30000)) {
        PackageSource timedOut;
        timedOut.error = path + u": not read within 30 s"_qs;
        return timedOut;
    }
    return read.source();
}

/*! What a VM that finished came to, as the fleet model has it. */
struct Outcome
{
    bool ok = false;
    QString message;
};

/*!
 * Runs fleet to its end (three minutes at most) with the one fleet model attached, seeded from
 * plan and state; returns whether the run succeeded and fills outcomes with every VM that
 * finished.
 */
inline bool runFleet(FleetRun& fleet, const Plan& plan, const OnboardState* state, QMap<QString, Outcome>* outcomes)
{
    FleetModel model;
    model.seed(plan, fleet.vmNames(), state);
    model.attach(&fleet);
    QSignalSpy finished(&fleet, &FleetRun::finished);
    fleet.start();
    if (!finished.wait(180000))
        qWarning("the fleet run did not finish");
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto status = FleetModel::Status(model.index(row, FleetModel::StatusColumn).data(FleetModel::StatusRole).toInt());
        if (status == FleetModel::Status::Ok || status == FleetModel::Status::Failed)
            outcomes->insert(model.vmName(row), Outcome{status == FleetModel::Status::Ok,
                                                        model.index(row, FleetModel::MessageColumn).data(FleetModel::MessageRole).toString()});
    }
    return !finished.isEmpty() && !finished.first().first().value<Error>().isError();
}

} // namespace VmLab
