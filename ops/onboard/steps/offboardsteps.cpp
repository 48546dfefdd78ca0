// SPDX-License-Identifier: Apache-2.0
// The offboarding steps: each undoes one onboarding step and is a no-op when there is nothing
// to undo, so an interrupted offboarding simply runs again.
#include "vmpipeline.h"
#include "vmrun.h"

#include "istioversion.h"
#include "kubeclient.h"
#include "kubelist.h"
#include "operror.h"

#include <QCryptographicHash>

namespace {

const VmGroup* groupOf(const VmFacts& facts)
{
    const Vm* vm = facts.plan->vm(facts.vm);
    return vm ? facts.plan->group(vm->group) : nullptr;
}

QString workloadEntryApiVersion(const Plan& plan)
{
    return IstioVersion::parse(plan.mesh.istioVersion).value_or(IstioVersion{1, 29, 0}).networkingApiVersion();
}

// Whether anything of meshdeck's is left on the VM, going by the probe and the baseline.
bool leftovers(const VmFacts& facts)
{
    const VmBaseline& known = facts.record.baseline;
    const QStringList& paths = facts.probe->existingPaths;
    return std::any_of(paths.cbegin(), paths.cend(), [&](const QString& p) {
        return RemoveFilesStep::placedFiles().contains(p) || (known.recorded && !known.existingPaths.contains(p));
    });
}

} // namespace

const QStringList& RemoveFilesStep::placedFiles()
{
    static const QStringList files = {u"/etc/certs/root-cert.pem"_qs,           u"/etc/certs/key.pem"_qs,
                                      u"/etc/certs/cert-chain.pem"_qs,          u"/var/run/secrets/tokens/istio-token"_qs,
                                      u"/var/lib/istio/envoy/cluster.env"_qs,   u"/etc/istio/config/mesh"_qs};
    return files;
}

// --- stop ----------------------------------------------------------------------------------------

void StopStep::observe(VmPipeline& run, const StepRecord&, std::function<void()> then)
{
    run.runCommand(VmProbeWithHosts::command(VmProbing::probeCommand({}, VmProbing::touchedPaths() + RemoveFilesStep::placedFiles())),
                   false, StepTimeouts::probe, [&run, then](const CommandResult& r) {
        if (!r.ok()) {
            run.stepFailed(VmPipeline::commandError(u"the probe"_qs, r));
            return;
        }
        VmFacts& f = run.facts();
        f.probe = VmProbing::parse(VmProbeWithHosts::split(r.standardOutput, &f.hosts));
        f.format = VmProbing::packageFormat(*f.probe);
        if (!f.probe->primaryIp.isEmpty() && run.record().ip.isEmpty())
            run.record().ip = f.probe->primaryIp;
        then();
    });
}

StepDecision StopStep::decide(const VmFacts& facts, const StepRecord&) const
{
    if (!facts.probe)
        return StepDecision::fail(Error::Kind::LocalFailure, u"the VM was not probed"_qs);
    if (!facts.probe->unitPresent)
        return StepDecision::skip(u"istio.service is not installed"_qs);
    return StepDecision::run(u"would stop and disable istio.service"_qs, {u"systemctl disable --now istio"_qs});
}

void StopStep::apply(VmPipeline& run, const StepDecision&)
{
    run.setStepProgress(0.5, u"stopping istio.service"_qs);
    run.runScript(InstallScript::serviceStopScript(), true, StepTimeouts::service, [&run](const CommandResult& r) {
        if (!r.ok()) {
            run.stepFailed(VmPipeline::commandError(u"systemctl disable --now istio"_qs, r));
            return;
        }
        run.stepDone(u"istio.service stopped and disabled"_qs);
    });
}

// --- remove the package --------------------------------------------------------------------------

StepDecision RemovePackageStep::decide(const VmFacts& facts, const StepRecord&) const
{
    if (!facts.probe)
        return StepDecision::fail(Error::Kind::LocalFailure, u"the VM was not probed"_qs);
    const QString installed = facts.probe->installedVersion;
    const VmBaseline& baseline = facts.record.baseline;
    if (installed.isEmpty())
        return StepDecision::skip(u"istio-sidecar is not installed"_qs);
    if (baseline.recorded && !baseline.packageVersionBefore.isEmpty())
        return StepDecision::skip(u"istio-sidecar "_qs + installed + u" was installed before meshdeck onboarded the VM: left in place"_qs);
    if (!facts.format)
        return StepDecision::fail(Error::Kind::InvalidInput, u"neither dpkg nor rpm on the VM"_qs);
    return StepDecision::run(u"would purge istio-sidecar "_qs + installed, {u"purge istio-sidecar with sudo"_qs});
}

void RemovePackageStep::apply(VmPipeline& run, const StepDecision&)
{
    const QString installed = run.facts().probe->installedVersion;
    run.runScript(InstallScript::packageRemovalScript(*run.facts().format), true, StepTimeouts::packageInstall,
                  [&run, installed](const CommandResult& r) {
        if (!r.ok()) {
            run.stepFailed(VmPipeline::commandError(u"removing istio-sidecar"_qs, r));
            return;
        }
        run.stepDone(u"purged istio-sidecar "_qs + installed);
    });
}

// --- remove the files ----------------------------------------------------------------------------

StepDecision RemoveFilesStep::decide(const VmFacts& facts, const StepRecord&) const
{
    if (!facts.probe)
        return StepDecision::fail(Error::Kind::LocalFailure, u"the VM was not probed"_qs);
    if (facts.hosts) {
        const HostsBlock::Edit edit = HostsBlock::remove(*facts.hosts);
        if (!edit.ok())
            return StepDecision::fail(Error::Kind::InvalidInput, edit.error);
        // Nothing of meshdeck's left (a rerun of an offboarding): say so instead of running sudo.
        if (!leftovers(facts) && !edit.changed)
            return StepDecision::skip(u"no files or hosts block of meshdeck's left"_qs);
    }
    return StepDecision::run(u"would remove the placed files, the directories meshdeck created and the hosts block"_qs,
                             placedFiles() + QStringList{u"the hosts block of /etc/hosts"_qs});
}

void RemoveFilesStep::apply(VmPipeline& run, const StepDecision&)
{
    run.withHosts([this, &run](const QByteArray& hosts, bool retryOnChange) { remove(run, hosts, retryOnChange); });
}

// retryOnChange: hosts is the probe's copy; when the script finds /etc/hosts changed since
// (exit 4, nothing done), it is read again once.
void RemoveFilesStep::remove(VmPipeline& run, const QByteArray& hosts, bool retryOnChange)
{
    const HostsBlock::Edit edit = HostsBlock::remove(hosts);
    if (!edit.ok()) {
        run.stepFailed(edit.error);
        return;
    }
    run.facts().record = run.record();
    if (!leftovers(run.facts()) && !edit.changed) {
        run.stepSkipped(u"no files or hosts block of meshdeck's left"_qs);
        return;
    }
    InstallScript::Removal spec;
    spec.files = placedFiles();
    const VmBaseline& baseline = run.record().baseline;
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
    VmPipeline::Input input{};
    if (edit.changed) {
        // The new /etc/hosts travels as the script's stdin: no upload round trips.
        spec.hosts.expectedSha256 = QString::fromLatin1(QCryptographicHash::hash(hosts, QCryptographicHash::Sha256).toHex());
        spec.incoming = {InstallScript::Incoming{u"hosts"_qs, edit.content.size()}};
        spec.replaceHosts = true;
        spec.hosts.source = u"./hosts"_qs;
        input.bytes = edit.content;
    }
    run.setStepProgress(0.7, u"removing the files"_qs);
    const bool changed = edit.changed;
    run.runScript(InstallScript::removalScript(spec), true, StepTimeouts::files, [this, &run, changed, retryOnChange](const CommandResult& r) {
        if (!r.ok()) {
            if (run.retryHosts(r, retryOnChange, [this, &run](const QByteArray& again, bool retry) { remove(run, again, retry); }))
                return;
            run.stepFailed(VmPipeline::commandError(u"removing the files"_qs, r));
            return;
        }
        run.stepDone(u"files removed"_qs + (changed ? u", hosts block removed"_qs : QString()));
    }, input);
}

// --- remove the WorkloadEntry --------------------------------------------------------------------

QStringList RemoveWorkloadEntryStep::addresses(const VmFacts& facts)
{
    // The auto-registered entry carries the group in an annotation and the VM's address:
    // the plan's workload IP, else the address the agent took (hostname -I's first).
    const Vm* vm = facts.plan->vm(facts.vm);
    QStringList addresses;
    for (const QString& a : {vm ? vm->ip : QString(), facts.record.ip, facts.probe ? facts.probe->primaryIp : QString()})
        if (!a.isEmpty() && !addresses.contains(a))
            addresses.append(a);
    return addresses;
}

void RemoveWorkloadEntryStep::observe(VmPipeline& run, const StepRecord&, std::function<void()> then)
{
    VmFacts& f = run.facts();
    f.record = run.record();
    f.workloadEntries.reset();
    const VmGroup* group = groupOf(f);
    KubeClient* client = run.host()->kubeClient();
    if (!group || !client) {
        then();
        return;
    }
    const QStringList addresses = RemoveWorkloadEntryStep::addresses(f);
    const QString groupName = group->name;
    auto* list = client->list(ObjectRef{workloadEntryApiVersion(run.plan()), u"WorkloadEntry"_qs, group->namespaceName, {}});
    QObject::connect(list, &KubeListOperation::finished, &run, [&run, then, groupName, addresses](const KubeListResult& result) {
        if (!result.ok()) {
            Error e = toError(result.error);
            e.message = u"listing WorkloadEntries: "_qs + result.error.message;
            run.stepFailed(e);
            return;
        }
        QStringList names;
        for (const QJsonObject& we : result.items) {
            const QJsonObject meta = we[u"metadata"_qs].toObject();
            const bool ours = meta[u"annotations"_qs][u"istio.io/autoRegistrationGroup"_qs].toString() == groupName;
            if (ours && addresses.contains(we[u"spec"_qs][u"address"_qs].toString()))
                names.append(meta[u"name"_qs].toString());
        }
        run.facts().workloadEntries = names;
        then();
    });
    list->start();
}

StepDecision RemoveWorkloadEntryStep::decide(const VmFacts& facts, const StepRecord&) const
{
    const VmGroup* group = groupOf(facts);
    if (!group)
        return StepDecision::skip(u"a VM of the legacy flow has no WorkloadEntry (its add-to-mesh ServiceEntry stays with the plan's cluster resources)"_qs);
    if (!facts.hasCluster || !facts.workloadEntries)
        return StepDecision::skip(u"no cluster connection"_qs);
    if (facts.workloadEntries->isEmpty())
        return StepDecision::skip(u"no WorkloadEntry of "_qs + group->name + u" for "_qs + addresses(facts).join(u", "_qs));
    QStringList remote;
    for (const QString& name : *facts.workloadEntries)
        remote.append(u"delete WorkloadEntry "_qs + group->namespaceName + u'/' + name);
    return StepDecision::run(u"would delete WorkloadEntry "_qs + facts.workloadEntries->join(u", "_qs), remote);
}

void RemoveWorkloadEntryStep::apply(VmPipeline& run, const StepDecision&)
{
    const VmGroup* group = groupOf(run.facts());
    KubeClient* client = run.host()->kubeClient();
    const QStringList names = *run.facts().workloadEntries;
    const QString apiVersion = workloadEntryApiVersion(run.plan());
    auto remaining = std::make_shared<int>(int(names.size()));
    auto errors = std::make_shared<QList<Error>>();
    for (const QString& name : names) {
        KubeOperation* op = client->remove(ObjectRef{apiVersion, u"WorkloadEntry"_qs, group->namespaceName, name});
        QObject::connect(op, &KubeOperation::finished, &run, [&run, names, remaining, errors](const KubeResult& r) {
            if (!r.ok() && r.error.kind != KubeError::Kind::NotFound)
                errors->append(toError(r.error));
            if (--*remaining > 0)
                return;
            if (!errors->isEmpty()) {
                QStringList messages;
                for (const Error& e : std::as_const(*errors))
                    messages.append(e.message);
                Error first = errors->first();
                first.message = messages.join(u"; "_qs);
                run.stepFailed(first);
            } else {
                run.stepDone(u"deleted WorkloadEntry "_qs + names.join(u", "_qs));
            }
        });
        op->start();
    }
}
