// SPDX-License-Identifier: Apache-2.0
// VmRun's offboarding steps: each undoes one onboarding step and is a no-op when there is
// nothing to undo, so an interrupted offboarding simply runs again.
#include "vmrun.h"

#include "istioversion.h"
#include "kubeclient.h"
#include "kubelist.h"
#include "remotecommand.h"

#include <QCryptographicHash>

namespace {

// Files meshdeck places, and those the agent writes next to them (issued certificates).
const QStringList placedFiles = {u"/etc/certs/root-cert.pem"_qs,           u"/etc/certs/key.pem"_qs,
                                 u"/etc/certs/cert-chain.pem"_qs,          u"/var/run/secrets/tokens/istio-token"_qs,
                                 u"/var/lib/istio/envoy/cluster.env"_qs,   u"/etc/istio/config/mesh"_qs};

} // namespace

void VmRun::runOffboardStep(StepKind step)
{
    switch (step) {
    case StepKind::Stop: stopService(); return;
    case StepKind::RemovePackage: removePackage(); return;
    case StepKind::RemoveFiles: removeFiles(); return;
    case StepKind::RemoveWorkloadEntry: removeWorkloadEntry(); return;
    default: stepFailed(u"not an offboarding step"_qs); return;
    }
}

void VmRun::probeForOffboard(std::function<void()> then)
{
    runRemote(probeWithHosts(VmProbing::probeCommand({}, VmProbing::touchedPaths() + placedFiles)), false,
              [this, then = std::move(then)](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"the probe"_qs, r));
            return;
        }
        m_probe = VmProbing::parse(takeHosts(r.standardOutput));
        m_format = VmProbing::packageFormat(*m_probe);
        if (!m_probe->primaryIp.isEmpty() && record().ip.isEmpty())
            record().ip = m_probe->primaryIp;
        then();
    });
}

void VmRun::stopService()
{
    beginStep(StepKind::Stop, u"looking at the VM"_qs);
    probeForOffboard([this] {
        if (!m_probe->unitPresent) {
            stepSkipped(u"istio.service is not installed"_qs);
            return;
        }
        if (m_host->options().dryRun) {
            stepDone(u"would stop and disable istio.service"_qs);
            return;
        }
        setProgress(0.5, u"stopping istio.service"_qs);
        runScript(InstallScript::serviceStopScript(), true, [this](const CommandResult& r) {
            if (!r.ok()) {
                stepFailed(commandFailure(u"systemctl disable --now istio"_qs, r));
                return;
            }
            stepDone(u"istio.service stopped and disabled"_qs);
        });
    });
}

void VmRun::removePackage()
{
    beginStep(StepKind::RemovePackage, u"removing istio-sidecar"_qs);
    const QString installed = m_probe->installedVersion;
    const VmBaseline& baseline = record().baseline;
    if (installed.isEmpty()) {
        stepSkipped(u"istio-sidecar is not installed"_qs);
        return;
    }
    if (baseline.recorded && !baseline.packageVersionBefore.isEmpty()) {
        stepSkipped(u"istio-sidecar "_qs + installed + u" was installed before meshdeck onboarded the VM: left in place"_qs);
        return;
    }
    if (!m_format) {
        stepFailed(u"neither dpkg nor rpm on the VM"_qs);
        return;
    }
    if (m_host->options().dryRun) {
        stepDone(u"would purge istio-sidecar "_qs + installed);
        return;
    }
    runScript(InstallScript::packageRemovalScript(*m_format), true, [this, installed](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"removing istio-sidecar"_qs, r));
            return;
        }
        stepDone(u"purged istio-sidecar "_qs + installed);
    });
}

void VmRun::removeFiles()
{
    beginStep(StepKind::RemoveFiles, u"removing the files"_qs);
    if (m_host->options().dryRun) {
        stepDone(u"would remove the placed files, the directories meshdeck created and the hosts block"_qs);
        return;
    }
    if (m_hosts) {
        const QByteArray hosts = *std::exchange(m_hosts, std::nullopt);
        removeFilesInstall(hosts, true);
        return;
    }
    runRemote({u"cat"_qs, u"/etc/hosts"_qs}, false, [this](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"reading /etc/hosts"_qs, r));
            return;
        }
        removeFilesInstall(r.standardOutput, false);
    });
}

// retryOnChange: hosts is the probe's copy; when the script finds /etc/hosts changed since
// (exit 4, nothing done), it is read again once.
void VmRun::removeFilesInstall(const QByteArray& hosts, bool retryOnChange)
{
    const HostsBlock::Edit edit = HostsBlock::remove(hosts);
    if (!edit.ok()) {
        stepFailed(edit.error);
        return;
    }
    // Nothing of meshdeck's left (a rerun of an offboarding): say so instead of running sudo.
    const VmBaseline& known = record().baseline;
    const bool leftovers = std::any_of(m_probe->existingPaths.cbegin(), m_probe->existingPaths.cend(), [&](const QString& p) {
        return placedFiles.contains(p) || (known.recorded && !known.existingPaths.contains(p));
    });
    if (!leftovers && !edit.changed) {
        stepSkipped(u"no files or hosts block of meshdeck's left"_qs);
        return;
    }
    InstallScript::Removal spec;
    spec.files = placedFiles;
    const VmBaseline& baseline = record().baseline;
    if (baseline.recorded) {
        // Whatever did not exist before meshdeck's first onboarding goes, with its contents.
        for (const QString& path : {u"/var/lib/istio"_qs, u"/var/log/istio"_qs, u"/etc/certs"_qs,
                                    u"/var/run/secrets/tokens"_qs, u"/var/run/secrets"_qs}) {
            if (!baseline.existingPaths.contains(path))
                spec.trees.append(path);
        }
        if (!baseline.existingPaths.contains(u"/etc/istio"_qs)) {
            spec.symlinks.append(u"/etc/istio"_qs);
            spec.trees.append(u"/etc/istio"_qs);
        }
        if (!baseline.proxyUserExisted)
            spec.user = u"istio-proxy"_qs;
    } else {
        // No record of the VM before onboarding: remove only what is certainly meshdeck's or
        // the package's, and directories only when they are empty.
        spec.emptyDirectories = {u"/etc/istio/proxy"_qs, u"/etc/istio/config"_qs, u"/var/run/secrets/tokens"_qs,
                                 u"/etc/certs"_qs};
    }
    RemoteInput input{};
    if (edit.changed) {
        // The new /etc/hosts travels as the script's stdin: no upload round trips.
        spec.hosts.expectedSha256 = QString::fromLatin1(QCryptographicHash::hash(hosts, QCryptographicHash::Sha256).toHex());
        spec.incoming = {InstallScript::Incoming{u"hosts"_qs, edit.content.size()}};
        spec.replaceHosts = true;
        spec.hosts.source = u"./hosts"_qs;
        input.bytes = edit.content;
    }
    setProgress(0.7, u"removing the files"_qs);
    runScript(InstallScript::removalScript(spec), true, [this, edit, retryOnChange](const CommandResult& r) {
        if (!r.ok()) {
            if (retryOnChange && !r.error.isError() && r.exitCode == 4) {
                runRemote({u"cat"_qs, u"/etc/hosts"_qs}, false, [this](const CommandResult& again) {
                    if (!again.ok()) {
                        stepFailed(commandFailure(u"reading /etc/hosts"_qs, again));
                        return;
                    }
                    removeFilesInstall(again.standardOutput, false);
                });
                return;
            }
            stepFailed(commandFailure(u"removing the files"_qs, r));
            return;
        }
        stepDone(u"files removed"_qs + (edit.changed ? u", hosts block removed"_qs : QString()));
    }, input);
}

void VmRun::removeWorkloadEntry()
{
    beginStep(StepKind::RemoveWorkloadEntry, u"looking for the WorkloadEntry"_qs);
    const Plan& plan = m_host->plan();
    const Vm* vm = plan.vm(m_vm);
    const VmGroup* group = plan.group(vm->group);
    KubeClient* client = m_host->kubeClient();
    if (!group || !client) {
        stepSkipped(group ? u"no cluster connection"_qs
                          : u"a VM of the legacy flow has no WorkloadEntry (its add-to-mesh ServiceEntry stays with the plan's cluster resources)"_qs);
        return;
    }
    // The auto-registered entry carries the group in an annotation and the VM's address:
    // the plan's workload IP, else the address the agent took (hostname -I's first).
    QStringList addresses;
    for (const QString& a : {vm->ip, record().ip, m_probe ? m_probe->primaryIp : QString()})
        if (!a.isEmpty() && !addresses.contains(a))
            addresses.append(a);
    const QString apiVersion = IstioVersion::parse(plan.mesh.istioVersion).value_or(IstioVersion{1, 29, 0}).networkingApiVersion();
    auto* list = client->list(ObjectRef{apiVersion, u"WorkloadEntry"_qs, group->namespaceName, {}});
    const bool dryRun = m_host->options().dryRun;
    connect(list, &KubeListOperation::finished, this, [this, group, addresses, apiVersion, client, dryRun](const KubeListResult& result) {
        if (!result.ok()) {
            stepFailed(u"listing WorkloadEntries: "_qs + result.error.message);
            return;
        }
        QStringList names;
        for (const QJsonObject& we : result.items) {
            const QJsonObject meta = we[u"metadata"_qs].toObject();
            const bool ours = meta[u"annotations"_qs][u"istio.io/autoRegistrationGroup"_qs].toString() == group->name;
            if (ours && addresses.contains(we[u"spec"_qs][u"address"_qs].toString()))
                names.append(meta[u"name"_qs].toString());
        }
        if (names.isEmpty()) {
            stepSkipped(u"no WorkloadEntry of "_qs + group->name + u" for "_qs + addresses.join(u", "_qs));
            return;
        }
        if (dryRun) {
            stepDone(u"would delete WorkloadEntry "_qs + names.join(u", "_qs));
            return;
        }
        auto remaining = std::make_shared<int>(int(names.size()));
        auto errors = std::make_shared<QStringList>();
        for (const QString& name : names) {
            KubeOperation* op = client->remove(ObjectRef{apiVersion, u"WorkloadEntry"_qs, group->namespaceName, name});
            connect(op, &KubeOperation::finished, this, [this, names, remaining, errors](const KubeResult& r) {
                if (!r.ok() && r.error.kind != KubeError::Kind::NotFound)
                    errors->append(r.error.message);
                if (--*remaining > 0)
                    return;
                if (!errors->isEmpty())
                    stepFailed(errors->join(u"; "_qs));
                else
                    stepDone(u"deleted WorkloadEntry "_qs + names.join(u", "_qs));
            });
            op->start();
        }
    });
    list->start();
}
