// SPDX-License-Identifier: Apache-2.0
// The onboarding steps: preflight, bundle, package, distribute, start.
#include "vmpipeline.h"
#include "vmrun.h"

#include "gatewayaddress.h"
#include "operror.h"
#include "secrets.h"
#include "workloadcert.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QUrl>

namespace {

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString gatewayFor(const Plan& plan, const SharedClusterFacts& facts)
{
    const QString address = GatewayAddress::forVms(plan, facts.gatewayAddress);
    return address.isEmpty() ? plan.legacy.gatewayAddress : address;
}

// "root-cert.pem, istio-token, cluster.env, mesh.yaml" / "root-cert.pem, cert-chain.pem, key.pem, cluster.env".
QString placedNames(const VmBundle& bundle)
{
    QStringList names;
    for (const VmFile& f : bundle.files)
        if (f.name != u"hosts")
            names.append(f.name);
    return names.join(u", "_qs);
}

// A legacy certificate is renewed when a third of its lifetime is left: nothing on the VM renews
// it (the 1.5-era node agent did, from Citadel), and an expired one takes the VM out of the mesh.
bool certificateRenewalDue(const StepRecord& distributed)
{
    return distributed.updated.isValid()
        && distributed.updated.secsTo(QDateTime::currentDateTimeUtc()) > WorkloadCert::defaultValiditySeconds * 2 / 3;
}

// The seed's placement for a legacy VM: the three PEM files in /etc/certs and cluster.env, then
// `chown -R istio-proxy /etc/certs /var/lib/istio/envoy`; no token, no mesh file. The files get
// their owner as they are placed, the directories each alone (security review H4).
void legacyPlacement(InstallScript::Distribution& spec)
{
    spec.directories = {u"/etc/certs"_qs, u"/var/lib/istio/envoy"_qs};
    spec.ownedDirectories = {u"/etc/certs"_qs, u"/var/lib/istio/envoy"_qs};
    spec.rootDirectories = {u"/var/lib/istio"_qs};
}

// The line the probe's output and /etc/hosts are separated by; the probe prints key=value lines
// only, so it cannot print this one.
const QByteArray hostsMarker = "\n--- meshdeck: /etc/hosts follows ---\n";

QString istiodVersion(const VmFacts& facts)
{
    return facts.cluster.istiodVersion.isEmpty() ? facts.plan->mesh.istioVersion : facts.cluster.istiodVersion;
}

} // namespace

// The probe, then /etc/hosts, in one round trip: the distribution (and offboarding's removal)
// edit the hosts block from this copy instead of reading the file again. Whether the copy is
// still current is checked where it counts, by the sudo script (its SHA-256); only the probe's
// exit code counts. A /etc/hosts that cannot be read sends nothing, and the step reads it itself.
QStringList VmProbeWithHosts::command(const QStringList& probe)
{
    const QString wrapper = u"m=$1; shift; \"$@\"; rc=$?\n"
                            "if [ -r /etc/hosts ] && h=$(cat /etc/hosts && echo .); then printf '%s%s' \"$m\" \"${h%.}\"; fi\n"
                            "exit $rc\n"_qs;
    return QStringList{u"sh"_qs, u"-c"_qs, wrapper, u"meshdeck"_qs, QString::fromLatin1(hostsMarker)} + probe;
}

QByteArray VmProbeWithHosts::split(const QByteArray& output, std::optional<QByteArray>* hosts)
{
    const qsizetype at = output.indexOf(hostsMarker);
    if (at < 0) {
        hosts->reset();
        return output;
    }
    *hosts = output.mid(at + hostsMarker.size());
    return output.left(at + 1);
}

// --- preflight ---------------------------------------------------------------------------------

void PreflightStep::observe(VmPipeline& run, const StepRecord&, std::function<void()> then)
{
    run.host()->sharedFacts(&run, [&run, then](const SharedClusterFacts& shared) {
        run.facts().cluster = shared;
        run.setStepProgress(0.4, u"probing OS, disk, clock and gateway ports"_qs);
        const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
        const QString gateway = gatewayFor(run.plan(), shared);
        run.runCommand(VmProbeWithHosts::command(VmProbing::probeCommand(gateway, VmProbing::touchedPaths())), false,
                       StepTimeouts::probe, [&run, then, startedAt, gateway](const CommandResult& result) {
            const qint64 endedAt = QDateTime::currentSecsSinceEpoch();
            if (!result.ok()) {
                run.stepFailed(VmPipeline::commandError(u"the preflight probe"_qs, result));
                return;
            }
            VmFacts& f = run.facts();
            const VmProbe probe = VmProbing::parse(VmProbeWithHosts::split(result.standardOutput, &f.hosts));
            f.probe = probe;
            f.format = VmProbing::packageFormat(probe);
            f.checks = VmProbing::judge(probe, (startedAt + endedAt) / 2, (endedAt - startedAt) / 2 + 1, !gateway.isEmpty());
            const bool failed = std::any_of(f.checks.cbegin(), f.checks.cend(),
                                            [](const ProbeCheck& c) { return c.level == ProbeCheck::Level::Failure; });
            if (failed) {
                then();
                return;
            }
            VmRecord& r = run.record();
            r.os = probe.osId + (probe.osVersion.isEmpty() ? QString() : u' ' + probe.osVersion);
            r.arch = VmProbing::istioArch(probe.machine);
            r.format = f.format == InstallScript::PackageFormat::Deb ? u"deb"_qs : u"rpm"_qs;
            if (!probe.primaryIp.isEmpty())
                r.ip = probe.primaryIp;
            // What was there before meshdeck's first onboarding: offboarding restores exactly that.
            if (!r.baseline.recorded) {
                r.baseline.recorded = true;
                r.baseline.existingPaths = probe.existingPaths;
                r.baseline.proxyUserExisted = probe.proxyUser;
                r.baseline.packageVersionBefore = probe.installedVersion;
            }
            run.setStepProgress(0.8, u"checking sudo"_qs);
            run.runCommand({u"true"_qs}, true, StepTimeouts::quick, [&run, then](const CommandResult& sudo) {
                run.facts().sudoCheck = sudo;
                then();
            });
        });
    });
}

StepDecision PreflightStep::decide(const VmFacts& facts, const StepRecord&) const
{
    if (!facts.probe)
        return StepDecision::fail(Error::Kind::LocalFailure, u"the VM was not probed"_qs);
    QStringList failures;
    QStringList warnings;
    for (const ProbeCheck& c : facts.checks) {
        if (c.level == ProbeCheck::Level::Failure)
            failures.append(c.name + u": "_qs + c.message);
        else if (c.level == ProbeCheck::Level::Warning)
            warnings.append(c.name + u": "_qs + c.message);
    }
    StepDecision d;
    if (!failures.isEmpty()) {
        d = StepDecision::fail(Error::Kind::InvalidInput, failures.join(u"; "_qs));
    } else if (!facts.sudoCheck || !facts.sudoCheck->ok()) {
        Error e = facts.sudoCheck ? VmPipeline::commandError(u"sudo true"_qs, *facts.sudoCheck)
                                  : Error::make(Error::Kind::SudoRefused, u"not checked"_qs);
        e.message = u"sudo: "_qs + e.message;
        d = StepDecision::fail(e);
    } else {
        QString message = VmProbing::summary(*facts.probe);
        if (!warnings.isEmpty())
            message += u" (warnings: "_qs + warnings.join(u"; "_qs) + u')';
        d = StepDecision::run(message, {u"probe the OS, disk, clock, gateway ports and /etc/hosts"_qs, u"sudo true"_qs});
    }
    d.warnings = warnings;
    return d;
}

// --- bundle ------------------------------------------------------------------------------------

void BundleStep::observe(VmPipeline& run, const StepRecord&, std::function<void()> then)
{
    VmFacts& f = run.facts();
    f.offline = makeBundle(run.plan(), run.vmName(), f.cluster, {});
    if (f.offline.ok()) {
        f.bundleHash = QString::fromLatin1(bundleInputHash(f.offline.bundle, f.offline.credentialInputs));
        f.bundle = f.offline;
    }
    then();
}

bool BundleStep::filesInPlace(const VmFacts& facts, const StepRecord& distributed)
{
    const bool renew = facts.offline.legacy && certificateRenewalDue(distributed);
    return facts.offline.ok() && distributed.state == StepState::Done && distributed.inputs == facts.bundleHash && !renew;
}

StepDecision BundleStep::decide(const VmFacts& facts, const StepRecord&) const
{
    if (!facts.offline.ok())
        return StepDecision::fail(Error::Kind::InvalidInput, facts.offline.error);
    const StepRecord distributed = facts.record.step(StepKind::Distribute);
    if (filesInPlace(facts, distributed)) {
        // The VM has exactly these files; its agent holds certificates already, so no new token
        // (a legacy VM: no new certificate).
        return StepDecision::skip(u"files unchanged since "_qs + distributed.updated.toLocalTime().toString(Qt::ISODate)
                                      + (facts.offline.legacy ? u": no new certificate"_qs : u": no new token"_qs),
                                  facts.bundleHash);
    }
    if (facts.offline.legacy)
        return StepDecision::run(u"would issue a certificate for "_qs + facts.offline.workloadIdentity
                                     + u" and distribute the changed files"_qs,
                                 {u"sign a workload certificate with the plan's CA"_qs}, facts.bundleHash);
    return StepDecision::run(u"would request a token and distribute the changed files"_qs,
                             {u"TokenRequest for the group's service account"_qs}, facts.bundleHash);
}

void BundleStep::apply(VmPipeline& run, const StepDecision& decision)
{
    run.setStepProgress(0.5, run.facts().offline.legacy ? u"issuing the workload certificate"_qs : u"requesting a token"_qs);
    auto* bundle = new BundleRun(run.host()->kubeClient(), run.plan(), run.vmName(), &run);
    bundle->setSharedFacts(run.facts().cluster);
    const QString hash = decision.inputs;
    QObject::connect(bundle, &BundleRun::finished, &run, [&run, bundle, hash](const Error& error) {
        bundle->deleteLater();
        const BundleResult result = bundle->result();
        if (error.isError()) {
            run.stepFailed(result.error, error.kind);
            return;
        }
        run.facts().bundle = result;
        if (result.legacy) {
            run.stepDone(u"certificate for "_qs + result.workloadIdentity + u", valid until "_qs
                             + result.certificateExpiry.toLocalTime().toString(u"yyyy-MM-dd"_qs),
                         hash);
            return;
        }
        const Vm* vm = run.plan().vm(run.vmName());
        const VmGroup* group = run.plan().group(vm->group);
        run.stepDone(u"token for "_qs + group->namespaceName + u'/' + group->serviceAccount
                         + (result.tokenExpiry.isValid() ? u", valid until "_qs + result.tokenExpiry.toLocalTime().toString(u"HH:mm"_qs)
                                                         : QString()),
                     hash);
    });
    bundle->start();
}

// --- package -----------------------------------------------------------------------------------

PackageSource PackageStep::source(const VmFacts& facts, QString* error)
{
    const QString istiod = istiodVersion(facts);
    PackageSource source = facts.options->package;
    if (!source.isSet()) {
        const QString url = PackageSources::officialUrl(istiod, *facts.format, facts.record.arch);
        if (url.isEmpty()) {
            *error = u"no package given and Istio "_qs + istiod
                + u" names no release (x.y.z) to download: give --package FILE or URL"_qs;
            return {};
        }
        source = PackageSources::url(url);
    }
    return source;
}

StepDecision PackageStep::decide(const VmFacts& facts, const StepRecord& last) const
{
    if (!facts.probe || !facts.format)
        return StepDecision::fail(Error::Kind::InvalidInput, u"neither dpkg nor rpm on the VM"_qs);
    QString error;
    const PackageSource source = PackageStep::source(facts, &error);
    if (!error.isEmpty())
        return StepDecision::fail(Error::Kind::InvalidInput, error);
    if (!source.ok())
        return StepDecision::fail(Error::Kind::InvalidInput, source.error);
    // Nothing unverified is installed as root unless the user said so (security review H2).
    if (const QString refusal = PackageSources::verificationRefusal(source, facts.options->allowUnverifiedPackage);
        !refusal.isEmpty())
        return StepDecision::fail(Error::Kind::InvalidInput, refusal);
    const VmRecord& record = facts.record;
    if (source.format != *facts.format)
        return StepDecision::fail(Error::Kind::InvalidInput, u"the package is "_qs + source.remoteFileName().section(u'.', -1)
                                                                 + u" but the VM ("_qs + record.os + u") takes "_qs + record.format);
    if (!source.arch.isEmpty() && source.arch != u"all" && source.arch != u"noarch" && source.arch != record.arch)
        return StepDecision::fail(Error::Kind::InvalidInput, u"the package is for "_qs + source.arch + u", the VM is "_qs + record.arch);
    const QString installed = facts.probe->installedVersion;
    QStringList warnings;
    if (!source.version.isEmpty()) {
        QString warning;
        const QString refusal = PackageSources::sidecarVersionRefusal(source.version, istiodVersion(facts), &warning);
        if (!refusal.isEmpty())
            return StepDecision::fail(Error::Kind::InvalidInput, refusal);
        if (!warning.isEmpty())
            warnings.append(warning);
        if (installed == source.version) {
            StepDecision d = StepDecision::skip(u"istio-sidecar "_qs + installed + u" is installed"_qs, source.identity());
            d.warnings = warnings;
            return d;
        }
    } else if (last.state == StepState::Done && last.inputs == source.identity() && !installed.isEmpty()
               && installed == record.packageVersion) {
        return StepDecision::skip(u"istio-sidecar "_qs + installed + u" is installed"_qs);
    }
    StepDecision d = StepDecision::run(u"would install istio-sidecar "_qs
                                           + (source.version.isEmpty() ? source.displayLocation() : source.version)
                                           + (installed.isEmpty() ? QString() : u" over "_qs + installed),
                                       {source.kind == PackageSource::Kind::LocalFile ? u"upload "_qs + source.location
                                                                                      : u"the VM downloads "_qs + source.displayLocation(),
                                        u"install "_qs + source.remoteFileName() + u" with sudo"_qs});
    d.warnings = warnings;
    return d;
}

void PackageStep::skipped(VmPipeline& run, const StepDecision&)
{
    run.record().packageVersion = run.facts().probe->installedVersion;
}

void PackageStep::apply(VmPipeline& run, const StepDecision&)
{
    QString error;
    const PackageSource source = PackageStep::source(run.facts(), &error);
    // A local file whose version is known here needs nothing read on the VM before dpkg/rpm:
    // upload and install are one sudo round trip.
    if (source.kind == PackageSource::Kind::LocalFile && !source.version.isEmpty()) {
        streamInstall(run, source);
        return;
    }
    transfer(run, source);
}

void PackageStep::streamInstall(VmPipeline& run, const PackageSource& source)
{
    const qint64 size = QFileInfo(source.location).size();
    run.setStepProgress(0.1, u"uploading istio-sidecar "_qs + source.version);
    run.runScript(InstallScript::packageReceiveInstallScript(*run.facts().format, source.remoteFileName(), size), true,
                  StepTimeouts::packageUpload, [&run, source](const CommandResult& r) {
        if (!r.ok()) {
            run.stepFailed(VmPipeline::commandError(u"installing the package"_qs, r));
            return;
        }
        run.facts().changed = true;
        run.record().packageVersion = source.version;
        run.facts().probe->installedVersion = source.version;
        run.facts().probe->proxyUser = true;
        run.stepDone(u"installed istio-sidecar "_qs + source.version, source.identity());
    }, VmPipeline::Input{{}, source.location, size});
}

void PackageStep::transfer(VmPipeline& run, const PackageSource& source)
{
    const QString istiod = istiodVersion(run.facts());
    // After the transfer: the version read on the VM when this machine could not, then install.
    auto transferred = [this, &run, source, istiod](const QString& file, const QString& directory) {
        auto install = [this, &run, source, file, directory, istiod](const QString& version) {
            QString warning;
            const QString refusal = PackageSources::sidecarVersionRefusal(version, istiod, &warning);
            const bool same = !version.isEmpty() && version == run.facts().probe->installedVersion;
            if (!refusal.isEmpty() || same) {
                run.runCommand({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, StepTimeouts::quick,
                               [&run, refusal, version, source](const CommandResult&) {
                    if (!refusal.isEmpty()) {
                        run.stepFailed(refusal);
                        return;
                    }
                    run.record().packageVersion = version;
                    run.stepSkipped(u"istio-sidecar "_qs + version + u" is installed"_qs, source.identity());
                });
                return;
            }
            if (!warning.isEmpty())
                run.facts().warnings.append(warning);
            this->install(run, file, directory, version);
        };
        if (!source.version.isEmpty()) {
            install(source.version);
            return;
        }
        run.setStepProgress(0.8, u"reading the package's version"_qs);
        run.runCommand(InstallScript::packageQueryCommand(source.format, file), false, StepTimeouts::quick,
                       [&run, install, directory](const CommandResult& r) {
            const QString version = InstallScript::parseFields(r.standardOutput, u':').value(u"Version"_qs);
            const QString name = InstallScript::parseFields(r.standardOutput, u':').value(u"Package"_qs);
            if (!r.ok() || version.isEmpty() || (name != u"istio-sidecar")) {
                const Error why = !r.ok() ? VmPipeline::commandError(u"reading the package"_qs, r)
                                          : Error::make(Error::Kind::InvalidInput,
                                                        u"the file is the package \""_qs + name + u"\", not istio-sidecar"_qs);
                run.runCommand({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, StepTimeouts::quick,
                               [&run, why](const CommandResult&) { run.stepFailed(why); });
                return;
            }
            install(version);
        });
    };

    if (source.kind == PackageSource::Kind::LocalFile) {
        run.setStepProgress(0.1, u"uploading the package"_qs);
        run.upload({UploadFile{source.location, {}, source.remoteFileName()}}, [&run, transferred](const UploadResult& result) {
            if (!result.ok()) {
                run.stepFailed(toError(result.error));
                return;
            }
            transferred(result.remotePaths.value(0), result.remoteDirectory);
        });
        return;
    }
    // The URL may carry a credential: it goes to the VM on the script's stdin, and only its
    // shown form into the script, messages and the state file (security review M5).
    InstallScript::PackageFetch fetch;
    fetch.url = source.location;
    fetch.shownUrl = source.displayLocation();
    fetch.checksumUrl = source.checksumUrl();
    fetch.expectedSha256 = QString::fromLatin1(source.sha256);
    fetch.requireChecksum = !run.options().allowUnverifiedPackage;
    fetch.fileName = source.remoteFileName();
    const bool plainHttp = QUrl(source.location).scheme() != u"https";
    run.setStepProgress(0.1, u"the VM downloads "_qs + fetch.shownUrl);
    run.runScript(InstallScript::packageFetchScript(fetch), false,
                  StepTimeouts::packageDownload(fetch.maxSeconds, fetch.checksumMaxSeconds),
                  [&run, transferred, source, fetch, plainHttp](const CommandResult& r) {
        const QHash<QString, QString> fields = InstallScript::parseFields(r.standardOutput, u'=');
        const QString directory = fields.value(u"dir"_qs);
        if (!r.ok() || !directory.startsWith(u'/')) {
            run.stepFailed(VmPipeline::commandError(u"downloading "_qs + fetch.shownUrl, r));
            return;
        }
        // Only the user's choice gets here unverified (decide() and the script refuse otherwise).
        const bool published = fields.value(u"sha256"_qs) == u"ok";
        if (source.sha256.isEmpty() && (!published || plainHttp))
            run.facts().warnings.append(u"installed unverified (--allow-unverified-package): "_qs
                                        + (published ? QString(fetch.shownUrl + u" and its .sha256 both came over plain http"_qs)
                                                     : QString(u"no SHA-256 of "_qs + fetch.shownUrl + u" to check the download against"_qs)));
        transferred(directory + u'/' + source.remoteFileName(), directory);
    }, VmPipeline::Input{InstallScript::packageFetchInput(fetch), {}, 0});
}

void PackageStep::install(VmPipeline& run, const QString& file, const QString& directory, const QString& version)
{
    run.setStepProgress(0.85, u"installing istio-sidecar "_qs + version);
    const QString identity = run.options().package.isSet() ? run.options().package.identity() : QString();
    run.runScript(InstallScript::packageInstallScript(*run.facts().format, file, directory), true, StepTimeouts::packageInstall,
                  [&run, version, identity, directory](const CommandResult& r) {
        if (!r.ok()) {
            const Error why = VmPipeline::commandError(u"installing the package"_qs, r);
            // sudo never ran the script (and its trap): remove the upload ourselves.
            if (r.error.isError())
                run.runCommand({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, StepTimeouts::quick,
                               [&run, why](const CommandResult&) { run.stepFailed(why); });
            else
                run.stepFailed(why);
            return;
        }
        run.facts().changed = true;
        run.record().packageVersion = version;
        run.facts().probe->installedVersion = version;
        run.facts().probe->proxyUser = true;
        run.stepDone(u"installed istio-sidecar "_qs + version, identity.isEmpty() ? u"version "_qs + version : identity);
    });
}

// --- distribute --------------------------------------------------------------------------------

StepDecision DistributeStep::decide(const VmFacts& facts, const StepRecord& last) const
{
    if (BundleStep::filesInPlace(facts, last))
        return StepDecision::skip(placedNames(facts.bundle.bundle) + u" and hosts unchanged"_qs, facts.bundleHash);
    QStringList remote;
    for (const VmFile& f : facts.bundle.bundle.files)
        remote.append(f.installPath.isEmpty() ? f.name : f.installPath);
    return StepDecision::run(u"would install "_qs + placedNames(facts.offline.bundle)
                                 + (facts.offline.legacy ? u", cert-chain.pem, key.pem"_qs : u", istio-token"_qs)
                                 + u" and the hosts block"_qs,
                             remote, facts.bundleHash);
}

void DistributeStep::apply(VmPipeline& run, const StepDecision&)
{
    run.withHosts([this, &run](const QByteArray& hosts, bool retryOnChange) { install(run, hosts, retryOnChange); });
}

// One sudo script that receives the files on its stdin (into a private directory of its own)
// and places them: no upload round trips. retryOnChange: hosts is the preflight's copy, so when
// the script finds /etc/hosts changed since (exit 4, nothing installed) it is read again once.
void DistributeStep::install(VmPipeline& run, const QByteArray& hosts, bool retryOnChange)
{
    const BundleResult& bundle = run.facts().bundle;
    const VmFile* hostsFile = bundle.bundle.file(u"hosts"_qs);
    const HostsBlock::Edit edit = HostsBlock::replace(hosts, hostsFile ? hostsFile->content : QByteArray());
    if (!edit.ok()) {
        run.stepFailed(edit.error);
        return;
    }
    QList<InstallScript::Incoming> incoming;
    QStringList sources;
    QByteArray input;
    for (const VmFile& f : std::as_const(bundle.bundle.files)) {
        const QByteArray& content = f.name == u"hosts" ? edit.content : f.content;
        incoming.append(InstallScript::Incoming{f.name, content.size()});
        sources.append(u"./"_qs + f.name);
        input += content;
    }
    InstallScript::Distribution spec = InstallScript::istioDistribution(bundle.bundle, {}, sources);
    spec.incoming = incoming;
    spec.replaceHosts = spec.replaceHosts && edit.changed;
    // Credentials readable by istio-proxy alone, whatever istioDistribution() gives the rest.
    for (InstallScript::Placement& p : spec.files) {
        for (const VmFile& f : std::as_const(bundle.bundle.files))
            if (f.installPath == p.target && isSecretBundleFile(f.name))
                p.mode = u"0600"_qs;
    }
    if (bundle.legacy)
        legacyPlacement(spec);
    spec.hosts.expectedSha256 = sha256Hex(hosts);
    run.setStepProgress(0.3, u"installing the files"_qs);
    const bool changed = edit.changed;
    run.runScript(InstallScript::distributionScript(spec), true, StepTimeouts::files, [this, &run, changed, retryOnChange](const CommandResult& r) {
        if (!r.ok()) {
            if (run.retryHosts(r, retryOnChange, [this, &run](const QByteArray& again, bool retry) { install(run, again, retry); }))
                return;
            run.stepFailed(VmPipeline::commandError(u"installing the files"_qs, r));
            return;
        }
        run.facts().changed = true;
        run.stepDone(u"installed "_qs + placedNames(run.facts().bundle.bundle)
                         + (changed ? u", hosts block"_qs : u" (hosts block unchanged)"_qs),
                     run.facts().bundleHash);
    }, VmPipeline::Input{input, {}, 0});
    Secrets::wipe(input); // the token or key: the command's copy is the one that stays (M6)
}

// --- start -------------------------------------------------------------------------------------

QString StartStep::inputs(const VmFacts& facts)
{
    return facts.bundleHash + u'|' + facts.record.packageVersion;
}

void StartStep::observe(VmPipeline& run, const StepRecord& last, std::function<void()> then)
{
    VmFacts& f = run.facts();
    f.record = run.record();
    f.service.reset();
    // Nothing changed since it was started (or a dry run): only look that it still runs.
    if (!run.options().dryRun && !(last.state == StepState::Done && last.inputs == inputs(f) && !f.changed)) {
        then();
        return;
    }
    run.setStepProgress(0.5, u"looking at istio.service"_qs);
    run.runCommand(InstallScript::serviceShowCommand(), false, StepTimeouts::quick, [&run, then](const CommandResult& r) {
        if (!r.ok()) {
            run.stepFailed(VmPipeline::commandError(u"systemctl show istio"_qs, r));
            return;
        }
        const QHash<QString, QString> fields = InstallScript::parseFields(r.standardOutput, u'=');
        VmFacts::Service service;
        service.active = fields.value(u"ActiveState"_qs);
        service.sub = fields.value(u"SubState"_qs);
        service.enabled = fields.value(u"UnitFileState"_qs) == u"enabled";
        run.facts().service = service;
        then();
    });
}

StepDecision StartStep::decide(const VmFacts& facts, const StepRecord&) const
{
    const QStringList remote{u"systemctl enable --now istio, then wait for it to stay up"_qs};
    if (!facts.service)
        return StepDecision::run(u"would enable and start istio.service"_qs, remote, inputs(facts));
    if (facts.service->running() && facts.service->enabled)
        return StepDecision::skip(u"istio.service active and enabled"_qs, inputs(facts));
    return StepDecision::run(u"would enable and start istio.service (now "_qs + facts.service->active + u'/' + facts.service->sub + u')',
                             remote, inputs(facts));
}

void StartStep::apply(VmPipeline& run, const StepDecision& decision)
{
    if (run.facts().service) // it stopped since: start it again
        run.facts().changed = true;
    // Two sudo round trips. The first enables and starts the unit and answers once istio-start.sh
    // has set up the traffic capture. That capture can take over the very ssh connection it was
    // started through (a VM whose kernel tracked no connections before: the connection's packets,
    // first seen after the rules exist, go to Envoy), so the wait for the agent to stay up and
    // become ready runs over a new connection, whether the first answer came or not.
    run.setStepProgress(0.2, u"starting istio.service"_qs);
    const int limit = run.options().startTimeoutSeconds;
    const QString inputs = decision.inputs;
    const bool restart = run.facts().changed;
    run.runScript(InstallScript::serviceStartAndWaitScript(restart, limit, u"istio.service"_qs, InstallScript::StartPhase::Launch), true,
                  StepTimeouts::startLaunch, [&run, inputs, limit](const CommandResult& r) {
        const QByteArray& out = r.standardOutput;
        const QByteArray verdict = out.left(out.indexOf('\n'));
        if (!r.error.isError() && r.exitCode == 1 && verdict == "meshdeck-start=failed") {
            Error e = Error::make(Error::Kind::RemoteCommandFailed, QString::fromUtf8(out.mid(verdict.size() + 1)).trimmed());
            e.exitCode = 1;
            run.stepFailed(e);
            return;
        }
        // Launched, or no answer (a connection the capture took over: ssh's own exit 255, or the
        // timeout): the wait tells.
        const bool launched = r.ok() && verdict == "meshdeck-start=launched";
        if (!launched && !r.error.isError() && r.exitCode != 255) {
            run.stepFailed(VmPipeline::commandError(u"starting istio.service"_qs, r));
            return;
        }
        run.setStepProgress(0.5, u"waiting for the agent to stay up and become ready"_qs);
        run.reconnect([&run, inputs, limit](const SshError& error) {
            if (error.isError()) {
                run.stepFailed(Error::make(Error::Kind::RemoteCommandFailed,
                                           u"istio.service was started, but the VM cannot be reached again: "_qs + error.message));
                return;
            }
            run.runScript(InstallScript::serviceStartAndWaitScript(false, limit, u"istio.service"_qs, InstallScript::StartPhase::Wait,
                                                                   u"http://localhost:15021/healthz/ready"_qs),
                          true, StepTimeouts::start(limit), [&run, inputs](const CommandResult& w) {
                // The verdict is the first line: "meshdeck-start=ok <pid>", or
                // "meshdeck-start=failed" and then the reason, the agent's words and the log tails.
                const QByteArray& wout = w.standardOutput;
                const QByteArray wverdict = wout.left(wout.indexOf('\n'));
                if (w.ok() && wverdict.startsWith("meshdeck-start=ok ")) {
                    const QString pid = QString::fromLatin1(wverdict.mid(wverdict.indexOf(' ') + 1)).trimmed();
                    run.stepDone(u"istio.service active and enabled, the agent ready (pid "_qs + pid + u')', inputs);
                    return;
                }
                if (!w.error.isError() && w.exitCode == 1 && wverdict == "meshdeck-start=failed") {
                    Error e = Error::make(Error::Kind::RemoteCommandFailed, QString::fromUtf8(wout.mid(wverdict.size() + 1)).trimmed());
                    e.exitCode = 1;
                    run.stepFailed(e);
                    return;
                }
                run.stepFailed(VmPipeline::commandError(u"waiting for istio.service"_qs, w));
            });
        });
    });
}
