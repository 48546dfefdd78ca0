// SPDX-License-Identifier: Apache-2.0
// VmRun's onboarding steps: preflight, bundle, package, distribute, start.
#include "vmrun.h"

#include "remotecommand.h"
#include "sshupload.h"
#include "workloadcert.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

namespace {

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString gatewayFor(const Plan& plan, const SharedClusterFacts& facts)
{
    if (!facts.gatewayAddress.isEmpty())
        return facts.gatewayAddress;
    return plan.eastWestGateway.address.isEmpty() ? plan.legacy.gatewayAddress : plan.eastWestGateway.address;
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
// `chown -R istio-proxy /etc/certs /var/lib/istio/envoy`; no token, no mesh file.
void legacyPlacement(InstallScript::Distribution& spec)
{
    spec.directories = {u"/etc/certs"_qs, u"/var/lib/istio/envoy"_qs};
    spec.chownRecursive = {u"/etc/certs"_qs, u"/var/lib/istio/envoy"_qs};
}

// The line the probe's output and /etc/hosts are separated by; the probe prints key=value lines
// only, so it cannot print this one.
const QByteArray hostsMarker = "\n--- meshdeck: /etc/hosts follows ---\n";

} // namespace

// The probe, then /etc/hosts, in one round trip: the distribution (and offboarding's removal)
// edit the hosts block from this copy instead of reading the file again. Whether the copy is
// still current is checked where it counts, by the sudo script (its SHA-256); only the probe's
// exit code counts. A /etc/hosts that cannot be read sends nothing, and the step reads it itself.
QStringList VmRun::probeWithHosts(const QStringList& probe)
{
    const QString wrapper = u"m=$1; shift; \"$@\"; rc=$?\n"
                            "if [ -r /etc/hosts ] && h=$(cat /etc/hosts && echo .); then printf '%s%s' \"$m\" \"${h%.}\"; fi\n"
                            "exit $rc\n"_qs;
    return QStringList{u"sh"_qs, u"-c"_qs, wrapper, u"meshdeck"_qs, QString::fromLatin1(hostsMarker)} + probe;
}

QByteArray VmRun::takeHosts(const QByteArray& output)
{
    const qsizetype at = output.indexOf(hostsMarker);
    if (at < 0) {
        m_hosts.reset();
        return output;
    }
    m_hosts = output.mid(at + hostsMarker.size());
    return output.left(at + 1);
}

void VmRun::runOnboardStep(StepKind step)
{
    switch (step) {
    case StepKind::Preflight: preflight(); return;
    case StepKind::Bundle: bundle(); return;
    case StepKind::Package: package(); return;
    case StepKind::Distribute: distribute(); return;
    case StepKind::Start: startService(); return;
    default: stepFailed(u"not an onboarding step"_qs); return;
    }
}

// --- preflight ---------------------------------------------------------------------------------

void VmRun::preflight()
{
    beginStep(StepKind::Preflight, u"checking the VM"_qs);
    m_host->sharedFacts(this, [this](const SharedClusterFacts& facts) {
        m_facts = facts;
        setProgress(0.4, u"probing OS, disk, clock and gateway ports"_qs);
        const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
        runRemote(probeWithHosts(VmProbing::probeCommand(gatewayFor(m_host->plan(), facts), VmProbing::touchedPaths())), false,
                  [this, startedAt](const CommandResult& r) { onProbe(r, startedAt, QDateTime::currentSecsSinceEpoch()); },
                  std::chrono::seconds(60));
    });
}

void VmRun::onProbe(const CommandResult& result, qint64 startedAt, qint64 endedAt)
{
    if (!result.ok()) {
        stepFailed(commandFailure(u"the preflight probe"_qs, result));
        return;
    }
    const VmProbe probe = VmProbing::parse(takeHosts(result.standardOutput));
    m_probe = probe;
    m_format = VmProbing::packageFormat(probe);
    const QList<ProbeCheck> checks = VmProbing::judge(probe, (startedAt + endedAt) / 2, (endedAt - startedAt) / 2 + 1,
                                                      !gatewayFor(m_host->plan(), m_facts).isEmpty());
    QStringList failures;
    for (const ProbeCheck& c : checks) {
        if (c.level == ProbeCheck::Level::Failure)
            failures.append(c.name + u": "_qs + c.message);
        else if (c.level == ProbeCheck::Level::Warning)
            m_warnings.append(c.name + u": "_qs + c.message);
    }
    if (!failures.isEmpty()) {
        stepFailed(failures.join(u"; "_qs));
        return;
    }
    VmRecord& r = record();
    r.os = probe.osId + (probe.osVersion.isEmpty() ? QString() : u' ' + probe.osVersion);
    r.arch = VmProbing::istioArch(probe.machine);
    r.format = m_format == InstallScript::PackageFormat::Deb ? u"deb"_qs : u"rpm"_qs;
    if (!probe.primaryIp.isEmpty())
        r.ip = probe.primaryIp;
    // What was there before meshdeck's first onboarding: offboarding restores exactly that.
    if (!r.baseline.recorded) {
        r.baseline.recorded = true;
        r.baseline.existingPaths = probe.existingPaths;
        r.baseline.proxyUserExisted = probe.proxyUser;
        r.baseline.packageVersionBefore = probe.installedVersion;
    }
    setProgress(0.8, u"checking sudo"_qs);
    runRemote({u"true"_qs}, true, [this, probe](const CommandResult& sudo) {
        if (!sudo.ok()) {
            stepFailed(u"sudo: "_qs + commandFailure(u"sudo true"_qs, sudo));
            return;
        }
        QString message = VmProbing::summary(probe);
        if (!m_warnings.isEmpty())
            message += u" (warnings: "_qs + m_warnings.join(u"; "_qs) + u')';
        stepDone(message);
    });
}

// --- bundle ------------------------------------------------------------------------------------

void VmRun::bundle()
{
    beginStep(StepKind::Bundle, u"generating the files"_qs);
    const BundleResult offline = makeBundle(m_host->plan(), m_vm, m_facts, {});
    if (!offline.ok()) {
        stepFailed(offline.error);
        return;
    }
    m_bundleHash = QString::fromLatin1(bundleInputHash(offline.bundle, offline.credentialInputs));
    const StepRecord distributed = record().step(StepKind::Distribute);
    const bool renew = offline.legacy && certificateRenewalDue(distributed);
    if (distributed.state == StepState::Done && distributed.inputs == m_bundleHash && !renew) {
        // The VM has exactly these files; its agent holds certificates already, so no new token
        // (a legacy VM: no new certificate).
        m_needsDistribution = false;
        m_bundle = offline;
        stepSkipped(u"files unchanged since "_qs + distributed.updated.toLocalTime().toString(Qt::ISODate)
                        + (offline.legacy ? u": no new certificate"_qs : u": no new token"_qs),
                    m_bundleHash);
        return;
    }
    if (m_host->options().dryRun) {
        m_bundle = offline;
        stepDone(offline.legacy ? u"would issue a certificate for "_qs + offline.workloadIdentity
                                      + u" and distribute the changed files"_qs
                                : u"would request a token and distribute the changed files"_qs,
                 m_bundleHash);
        return;
    }
    setProgress(0.5, offline.legacy ? u"issuing the workload certificate"_qs : u"requesting a token"_qs);
    auto* run = new BundleRun(m_host->kubeClient(), m_host->plan(), m_vm, this);
    run->setSharedFacts(m_facts);
    connect(run, &BundleRun::finished, this, [this, run](const BundleResult& result) {
        run->deleteLater();
        if (!result.ok()) {
            stepFailed(result.error);
            return;
        }
        m_bundle = result;
        if (result.legacy) {
            stepDone(u"certificate for "_qs + result.workloadIdentity + u", valid until "_qs
                         + result.certificateExpiry.toLocalTime().toString(u"yyyy-MM-dd"_qs),
                     m_bundleHash);
            return;
        }
        const Vm* vm = m_host->plan().vm(m_vm);
        const VmGroup* group = m_host->plan().group(vm->group);
        stepDone(u"token for "_qs + group->namespaceName + u'/' + group->serviceAccount
                     + (result.tokenExpiry.isValid() ? u", valid until "_qs + result.tokenExpiry.toLocalTime().toString(u"HH:mm"_qs)
                                                     : QString()),
                 m_bundleHash);
    });
    run->start();
}

// --- package -----------------------------------------------------------------------------------

void VmRun::package()
{
    const StepRecord before = record().step(StepKind::Package); // before beginStep() marks it running
    beginStep(StepKind::Package, u"choosing the package"_qs);
    const QString istiod = m_facts.istiodVersion.isEmpty() ? m_host->plan().mesh.istioVersion : m_facts.istiodVersion;
    PackageSource source = m_host->options().package;
    if (!source.isSet()) {
        const QString url = PackageSources::officialUrl(istiod, *m_format, record().arch);
        if (url.isEmpty()) {
            stepFailed(u"no package given and Istio "_qs + istiod
                       + u" names no release (x.y.z) to download: give --package FILE or URL"_qs);
            return;
        }
        source = PackageSources::url(url);
    }
    if (!source.ok()) {
        stepFailed(source.error);
        return;
    }
    if (source.format != *m_format) {
        stepFailed(u"the package is "_qs + source.remoteFileName().section(u'.', -1) + u" but the VM ("_qs + record().os
                   + u") takes "_qs + record().format);
        return;
    }
    if (!source.arch.isEmpty() && source.arch != u"all" && source.arch != u"noarch" && source.arch != record().arch) {
        stepFailed(u"the package is for "_qs + source.arch + u", the VM is "_qs + record().arch);
        return;
    }
    const QString installed = m_probe->installedVersion;
    if (!source.version.isEmpty()) {
        QString warning;
        const QString refusal = PackageSources::sidecarVersionRefusal(source.version, istiod, &warning);
        if (!refusal.isEmpty()) {
            stepFailed(refusal);
            return;
        }
        if (!warning.isEmpty())
            m_warnings.append(warning);
        if (installed == source.version) {
            record().packageVersion = installed;
            stepSkipped(u"istio-sidecar "_qs + installed + u" is installed"_qs, source.identity());
            return;
        }
    } else {
        if (before.state == StepState::Done && before.inputs == source.identity() && !installed.isEmpty()
            && installed == record().packageVersion) {
            stepSkipped(u"istio-sidecar "_qs + installed + u" is installed"_qs);
            return;
        }
    }
    if (m_host->options().dryRun) {
        stepDone(u"would install istio-sidecar "_qs + (source.version.isEmpty() ? source.location : source.version)
                 + (installed.isEmpty() ? QString() : u" over "_qs + installed));
        return;
    }
    // A local file whose version is known here needs nothing read on the VM before dpkg/rpm:
    // upload and install are one sudo round trip.
    if (source.kind == PackageSource::Kind::LocalFile && !source.version.isEmpty()) {
        packageStreamInstall(source);
        return;
    }
    packageTransfer(source);
}

void VmRun::packageStreamInstall(const PackageSource& source)
{
    const qint64 size = QFileInfo(source.location).size();
    setProgress(0.1, u"uploading istio-sidecar "_qs + source.version);
    runScript(InstallScript::packageReceiveInstallScript(*m_format, source.remoteFileName(), size), true,
              [this, source](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"installing the package"_qs, r));
            return;
        }
        m_changed = true;
        record().packageVersion = source.version;
        m_probe->installedVersion = source.version;
        m_probe->proxyUser = true;
        stepDone(u"installed istio-sidecar "_qs + source.version, source.identity());
    }, RemoteInput{{}, source.location, size});
}

void VmRun::packageTransfer(const PackageSource& source)
{
    const QString istiod = m_facts.istiodVersion.isEmpty() ? m_host->plan().mesh.istioVersion : m_facts.istiodVersion;
    // After the transfer: the version read on the VM when this machine could not, then install.
    auto transferred = [this, source, istiod](const QString& file, const QString& directory) {
        auto install = [this, source, file, directory, istiod](const QString& version) {
            QString warning;
            const QString refusal = PackageSources::sidecarVersionRefusal(version, istiod, &warning);
            const bool same = !version.isEmpty() && version == m_probe->installedVersion;
            if (!refusal.isEmpty() || same) {
                runRemote({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, [this, refusal, version, source](const CommandResult&) {
                    if (!refusal.isEmpty()) {
                        stepFailed(refusal);
                        return;
                    }
                    record().packageVersion = version;
                    stepSkipped(u"istio-sidecar "_qs + version + u" is installed"_qs, source.identity());
                });
                return;
            }
            if (!warning.isEmpty())
                m_warnings.append(warning);
            packageInstall(file, directory, version);
        };
        if (!source.version.isEmpty()) {
            install(source.version);
            return;
        }
        setProgress(0.8, u"reading the package's version"_qs);
        runRemote(InstallScript::packageQueryCommand(source.format, file), false, [this, install, directory](const CommandResult& r) {
            const QString version = InstallScript::parseFields(r.standardOutput, u':').value(u"Version"_qs);
            const QString name = InstallScript::parseFields(r.standardOutput, u':').value(u"Package"_qs);
            if (!r.ok() || version.isEmpty() || (name != u"istio-sidecar")) {
                const QString why = !r.ok() ? commandFailure(u"reading the package"_qs, r)
                                            : u"the file is the package \""_qs + name + u"\", not istio-sidecar"_qs;
                runRemote({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, [this, why](const CommandResult&) { stepFailed(why); });
                return;
            }
            install(version);
        });
    };

    if (source.kind == PackageSource::Kind::LocalFile) {
        setProgress(0.1, u"uploading the package"_qs);
        upload({UploadFile{source.location, {}, source.remoteFileName()}}, [this, transferred](const UploadResult& result) {
            if (!result.ok()) {
                stepFailed(result.error.message);
                return;
            }
            transferred(result.remotePaths.value(0), result.remoteDirectory);
        });
        return;
    }
    setProgress(0.1, u"the VM downloads "_qs + source.location);
    runScript(InstallScript::packageFetchScript(source.location, source.remoteFileName(), QString::fromLatin1(source.sha256)),
              false,
              [this, transferred, source](const CommandResult& r) {
        const QHash<QString, QString> fields = InstallScript::parseFields(r.standardOutput, u'=');
        const QString directory = fields.value(u"dir"_qs);
        if (!r.ok() || !directory.startsWith(u'/')) {
            stepFailed(commandFailure(u"downloading "_qs + source.location, r));
            return;
        }
        if (fields.value(u"sha256"_qs) != u"ok")
            m_warnings.append(u"no "_qs + source.location + u".sha256 to verify the download against"_qs);
        transferred(directory + u'/' + source.remoteFileName(), directory);
    });
}

void VmRun::packageInstall(const QString& file, const QString& directory, const QString& version)
{
    setProgress(0.85, u"installing istio-sidecar "_qs + version);
    const QString identity = m_host->options().package.isSet() ? m_host->options().package.identity() : QString();
    runScript(InstallScript::packageInstallScript(*m_format, file, directory), true,
              [this, version, identity, directory](const CommandResult& r) {
        if (!r.ok()) {
            const QString why = commandFailure(u"installing the package"_qs, r);
            // sudo never ran the script (and its trap): remove the upload ourselves.
            if (r.error.isError())
                runRemote({u"rm"_qs, u"-rf"_qs, u"--"_qs, directory}, false, [this, why](const CommandResult&) { stepFailed(why); });
            else
                stepFailed(why);
            return;
        }
        m_changed = true;
        record().packageVersion = version;
        m_probe->installedVersion = version;
        m_probe->proxyUser = true;
        stepDone(u"installed istio-sidecar "_qs + version, identity.isEmpty() ? u"version "_qs + version : identity);
    });
}

// --- distribute --------------------------------------------------------------------------------

void VmRun::distribute()
{
    beginStep(StepKind::Distribute, u"placing the files"_qs);
    if (!m_needsDistribution) {
        stepSkipped(placedNames(m_bundle.bundle) + u" and hosts unchanged"_qs, m_bundleHash);
        return;
    }
    if (m_host->options().dryRun) {
        stepDone(u"would install "_qs + placedNames(m_bundle.bundle) + (m_bundle.legacy ? u", cert-chain.pem, key.pem"_qs : u", istio-token"_qs)
                 + u" and the hosts block"_qs);
        return;
    }
    if (m_hosts) {
        const QByteArray hosts = *std::exchange(m_hosts, std::nullopt);
        distributeInstall(hosts, true);
        return;
    }
    setProgress(0.05, u"reading /etc/hosts"_qs);
    runRemote({u"cat"_qs, u"/etc/hosts"_qs}, false, [this](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"reading /etc/hosts"_qs, r));
            return;
        }
        distributeInstall(r.standardOutput, false);
    });
}

// One sudo script that receives the files on its stdin (into a private directory of its own)
// and places them: no upload round trips. retryOnChange: hosts is the preflight's copy, so when
// the script finds /etc/hosts changed since (exit 4, nothing installed) it is read again once.
void VmRun::distributeInstall(const QByteArray& hosts, bool retryOnChange)
{
    const VmFile* hostsFile = m_bundle.bundle.file(u"hosts"_qs);
    const HostsBlock::Edit edit = HostsBlock::replace(hosts, hostsFile ? hostsFile->content : QByteArray());
    if (!edit.ok()) {
        stepFailed(edit.error);
        return;
    }
    QList<InstallScript::Incoming> incoming;
    QStringList sources;
    QByteArray input;
    for (const VmFile& f : std::as_const(m_bundle.bundle.files)) {
        const QByteArray& content = f.name == u"hosts" ? edit.content : f.content;
        incoming.append(InstallScript::Incoming{f.name, content.size()});
        sources.append(u"./"_qs + f.name);
        input += content;
    }
    InstallScript::Distribution spec = InstallScript::istioDistribution(m_bundle.bundle, {}, sources);
    spec.incoming = incoming;
    spec.replaceHosts = spec.replaceHosts && edit.changed;
    // Credentials readable by istio-proxy alone, whatever istioDistribution() gives the rest.
    for (InstallScript::Placement& p : spec.files) {
        for (const VmFile& f : std::as_const(m_bundle.bundle.files))
            if (f.installPath == p.target && isSecretBundleFile(f.name))
                p.mode = u"0600"_qs;
    }
    if (m_bundle.legacy)
        legacyPlacement(spec);
    spec.hosts.expectedSha256 = sha256Hex(hosts);
    setProgress(0.3, u"installing the files"_qs);
    const RemoteInput stdinFiles{input, {}, 0};
    runScript(InstallScript::distributionScript(spec), true, [this, edit, retryOnChange](const CommandResult& r) {
        if (!r.ok()) {
            if (retryOnChange && !r.error.isError() && r.exitCode == 4) {
                setProgress(0.2, u"/etc/hosts changed since preflight: reading it again"_qs);
                runRemote({u"cat"_qs, u"/etc/hosts"_qs}, false, [this](const CommandResult& again) {
                    if (!again.ok()) {
                        stepFailed(commandFailure(u"reading /etc/hosts"_qs, again));
                        return;
                    }
                    distributeInstall(again.standardOutput, false);
                });
                return;
            }
            stepFailed(commandFailure(u"installing the files"_qs, r));
            return;
        }
        m_changed = true;
        stepDone(u"installed "_qs + placedNames(m_bundle.bundle)
                     + (edit.changed ? u", hosts block"_qs : u" (hosts block unchanged)"_qs),
                 m_bundleHash);
    }, stdinFiles);
}

// --- start -------------------------------------------------------------------------------------

void VmRun::startService()
{
    const StepRecord done = record().step(StepKind::Start); // before beginStep() marks it running
    beginStep(StepKind::Start, u"starting istio"_qs);
    const QString inputs = m_bundleHash + u'|' + record().packageVersion;
    if (m_host->options().dryRun || (done.state == StepState::Done && done.inputs == inputs && !m_changed)) {
        // Nothing changed since it was started: only look that it still runs.
        verifyService();
        return;
    }
    // Start and the wait for the agent to stay up run on the VM, in one sudo round trip (the
    // wait used to be a `systemctl show` over ssh every 250 ms); on failure the same answer
    // carries the agent's log tails.
    setProgress(0.3, u"starting istio.service, waiting for it to stay up"_qs);
    const int limit = m_host->options().startTimeoutSeconds;
    runScript(InstallScript::serviceStartAndWaitScript(m_changed, limit), true, [this, inputs](const CommandResult& r) {
        // The script's verdict is its first line: "meshdeck-start=ok <pid>", or
        // "meshdeck-start=failed" and then the reason and the log tails.
        const QByteArray& out = r.standardOutput;
        const QByteArray verdict = out.left(out.indexOf('\n'));
        if (r.ok() && verdict.startsWith("meshdeck-start=ok ")) {
            const QString pid = QString::fromLatin1(verdict.mid(verdict.indexOf(' ') + 1)).trimmed();
            stepDone(u"istio.service active and enabled (pid "_qs + pid + u')', inputs);
            return;
        }
        if (!r.error.isError() && r.exitCode == 1 && verdict == "meshdeck-start=failed") {
            stepFailed(QString::fromUtf8(out.mid(verdict.size() + 1)).trimmed());
            return;
        }
        stepFailed(commandFailure(u"starting istio.service"_qs, r));
    }, {}, std::chrono::seconds(limit + 60));
}

void VmRun::verifyService()
{
    setProgress(0.5, u"looking at istio.service"_qs);
    runRemote(InstallScript::serviceShowCommand(), false, [this](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandFailure(u"systemctl show istio"_qs, r));
            return;
        }
        const QHash<QString, QString> f = InstallScript::parseFields(r.standardOutput, u'=');
        const QString active = f.value(u"ActiveState"_qs);
        const QString sub = f.value(u"SubState"_qs);
        const bool enabled = f.value(u"UnitFileState"_qs) == u"enabled";
        const bool running = active == u"active" && sub == u"running";
        if (running && enabled) {
            stepSkipped(u"istio.service active and enabled"_qs, m_bundleHash + u'|' + record().packageVersion);
        } else if (m_host->options().dryRun) {
            stepDone(u"would enable and start istio.service (now "_qs + active + u'/' + sub + u')');
        } else {
            // It stopped since: start it again.
            m_changed = true;
            startService();
        }
    });
}
