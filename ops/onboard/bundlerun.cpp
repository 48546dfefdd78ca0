// SPDX-License-Identifier: Apache-2.0
#include "bundlerun.h"

#include "gatewayaddress.h"
#include "generation.h"
#include "kubeclient.h"
#include "newfile.h"
#include "operror.h"
#include "secrets.h"
#include "workloadcert.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <cstdio>

namespace {

struct LegacyIdentity
{
    QString namespaceName;
    QString serviceAccount;
};

// The namespace and service account of a group-less VM: those of the add-to-mesh entry that
// lists it (the seed's `add-to-mesh ... -n vm`, whose Service names the service account).
std::optional<LegacyIdentity> legacyIdentity(const Plan& plan, const Vm& vm, QString* error)
{
    QList<std::pair<QString, LegacyIdentity>> found;
    for (qsizetype i = 0; i < plan.legacy.meshExpansion.size(); ++i) {
        const MeshExpansionService& s = plan.legacy.meshExpansion.at(i);
        if (s.vms.contains(vm.name))
            found.append({u"legacy.meshExpansion[%1]"_qs.arg(i), LegacyIdentity{s.namespaceName, s.serviceAccount}});
    }
    if (found.isEmpty()) {
        *error = vm.name + u" belongs to no VM group and no legacy.meshExpansion entry lists it, so it has no namespace "
                             "for its workload certificate (spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>): "
                             "add \""_qs + vm.name + u"\" to the vms of a legacy.meshExpansion entry (its namespace and "
                             "serviceAccount make the identity), or put the VM into a vmGroups entry"_qs;
        return std::nullopt;
    }
    for (const auto& [origin, identity] : std::as_const(found)) {
        const LegacyIdentity& first = found.first().second;
        if (identity.namespaceName != first.namespaceName || identity.serviceAccount != first.serviceAccount) {
            *error = vm.name + u" is listed by "_qs + found.first().first + u" ("_qs + first.namespaceName + u'/'
                + first.serviceAccount + u") and "_qs + origin + u" ("_qs + identity.namespaceName + u'/'
                + identity.serviceAccount + u"): one certificate carries one identity; list the VM under one "
                                            "namespace and service account"_qs;
            return std::nullopt;
        }
    }
    return found.first().second;
}

// istioctl x workload entry configure --name refuses a group the cluster does not have: its VMs
// would never register (nothing creates their WorkloadEntries, and istiod knows no such group).
QString missingGroupError(const Plan& plan, const VmGroup& group)
{
    const QString planFile = plan.sourceFile.isEmpty() ? u"PLAN"_qs : QDir::toNativeSeparators(plan.sourceFile);
    return u"WorkloadGroup "_qs + group.name + u" is not in namespace "_qs + group.namespaceName
        + u": a VM of this group would never register (istioctl x workload entry configure --name refuses it too); "
          "apply the plan's cluster side first (meshdeck apply --plan "_qs + planFile
        + u", or the onboarding wizard's run page), then run this again"_qs;
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// The seed's hosts lines: Citadel and Pilot behind the gateway, then the *.global VIPs. Between
// them istiod behind the gateway, as `meshdeck export` and the 1.6+ guides write it: the package
// meshdeck installs is istiod's version, whose agent dials istiod[-<rev>].<ns>.svc:15012.
QByteArray legacyHostsFile(const Plan& plan, const QString& gateway, Problems* problems)
{
    QByteArray hosts;
    if (!gateway.isEmpty()) {
        const QString istiod = plan.mesh.revisioned(u"istiod"_qs);
        hosts = (gateway + u" istio-citadel istio-pilot istio-pilot."_qs + plan.mesh.istioNamespace + u'\n' + gateway + u' '
                 + istiod + u'.' + plan.mesh.istioNamespace + u".svc\n"_qs)
                    .toUtf8();
    }
    if (!plan.legacy.globalServices.isEmpty())
        hosts += Generators::legacyHosts(plan, problems);
    return hosts;
}

} // namespace

BundleResult makeLegacyBundle(const Plan& plan, const QString& vmName, const SharedClusterFacts& shared, bool withCredentials)
{
    BundleResult result;
    result.legacy = true;
    result.istiodVersion = shared.istiodVersion;
    result.warnings = shared.warnings;
    const Vm* vm = plan.vm(vmName);
    if (!vm) {
        result.error = u"the plan has no VM named "_qs + vmName;
        return result;
    }
    if (!plan.pluginCa) {
        result.error = vmName + u" belongs to no VM group, and the plan has no pluginCa: a VM of the legacy flow gets a "
                                 "workload certificate signed by the plug-in CA (add pluginCa, e.g. from "
                                 "scripts/make-plugin-ca), or put the VM into a vmGroups entry"_qs;
        return result;
    }
    const std::optional<LegacyIdentity> identity = legacyIdentity(plan, *vm, &result.error);
    if (!identity)
        return result;
    Problems problems;
    PluginCaMaterial ca = readPluginCa(plan, &problems);
    const auto wipe = qScopeGuard([&ca] { Secrets::wipe(ca.caKey); });
    QString gateway = GatewayAddress::forVms(plan, shared.gatewayAddress);
    if (gateway.isEmpty())
        gateway = plan.legacy.gatewayAddress;
    if (!shared.ok())
        result.warnings.append(u"the cluster's facts could not be read ("_qs + shared.error + u"); the legacy files need only "
                               "the gateway address, taken from the plan"_qs);
    if (gateway.isEmpty())
        result.warnings.append(u"no gateway address (eastWestGateway.address, the cluster, legacy.gatewayAddress): the hosts "
                               "block has no istio-citadel/istio-pilot line"_qs);
    const QByteArray hosts = legacyHostsFile(plan, gateway, &problems);
    QStringList errors;
    for (const Problem& p : std::as_const(problems))
        if (p.severity == Problem::Severity::Error)
            errors.append(p.path + u": "_qs + p.message);
    if (!errors.isEmpty()) {
        result.error = errors.join(u"; "_qs);
        return result;
    }

    result.workloadIdentity = WorkloadCert::spiffeId(plan.mesh.trustDomain, identity->namespaceName, identity->serviceAccount);
    result.credentialInputs = result.workloadIdentity.toUtf8() + '\n' + sha256Hex(ca.caCert) + '\n' + sha256Hex(ca.certChain);
    VmBundle& bundle = result.bundle;
    bundle.vm = vmName;
    bundle.files.append(VmFile{u"root-cert.pem"_qs, ca.rootCert, u"/etc/certs/root-cert.pem"_qs});
    if (withCredentials) {
        WorkloadCert::Request request;
        request.spiffeId = result.workloadIdentity;
        request.caCertPem = ca.caCert;
        request.caKeyPem = ca.caKey;
        request.certChainPem = ca.certChain;
        request.rootCertPem = ca.rootCert;
        WorkloadCert::Issued issued = WorkloadCert::issue(request);
        Secrets::wipe(request.caKeyPem);
        if (!issued.ok()) {
            result.error = u"issuing the workload certificate for "_qs + result.workloadIdentity + u": "_qs + issued.error;
            result.bundle.files.clear();
            return result;
        }
        bundle.files.append(VmFile{u"cert-chain.pem"_qs, issued.certChainPem, u"/etc/certs/cert-chain.pem"_qs});
        bundle.files.append(VmFile{u"key.pem"_qs, issued.keyPem, u"/etc/certs/key.pem"_qs});
        result.certificateExpiry = issued.notAfter;
    }
    bundle.files.append(VmFile{u"cluster.env"_qs, Generators::legacyClusterEnv(plan, *vm), u"/var/lib/istio/envoy/cluster.env"_qs});
    bundle.files.append(VmFile{u"hosts"_qs, hosts, u"/etc/hosts"_qs});
    return result;
}

BundleResult makeBundle(const Plan& plan, const QString& vmName, const SharedClusterFacts& shared, const QByteArray& token)
{
    BundleResult result;
    result.istiodVersion = shared.istiodVersion;
    result.warnings = shared.warnings;
    const Vm* vm = plan.vm(vmName);
    if (!vm) {
        result.error = u"the plan has no VM named "_qs + vmName;
        return result;
    }
    const VmGroup* group = plan.group(vm->group);
    if (!group)
        return makeLegacyBundle(plan, vmName, shared, false);
    if (!shared.ok()) {
        result.error = shared.error;
        return result;
    }
    const QByteArray rootCert = shared.rootCertByNamespace.value(group->namespaceName);
    if (rootCert.isEmpty()) {
        result.error = shared.rootCertErrors.value(group->namespaceName,
                                                   u"no root certificate for namespace "_qs + group->namespaceName);
        return result;
    }
    if (shared.missingWorkloadGroups.contains(group->namespaceName + u'/' + group->name)) {
        result.error = missingGroupError(plan, *group);
        return result;
    }
    ClusterFacts facts;
    facts.gatewayAddress = shared.gatewayAddress;
    facts.rootCert = rootCert;
    facts.token = token;
    facts.meshDefaultConfig = shared.meshDefaultConfig;
    facts.clusterId = plan.mesh.clusterName;
    // generate() rather than vmBundle(): it adds the legacy *.global hosts lines where a plan has them.
    const Generated generated = generate(plan, facts, PluginCaMaterial{});
    for (const VmBundle& b : generated.vmBundles) {
        if (b.vm == vmName)
            result.bundle = b;
    }
    if (result.bundle.files.isEmpty())
        result.error = u"no files were generated for "_qs + vmName;
    return result;
}

QString writeBundleDirectory(const VmBundle& bundle, const QString& directory)
{
    if (!QDir().mkpath(directory))
        return u"cannot create "_qs + QDir::toNativeSeparators(directory);
    for (const VmFile& f : bundle.files) {
        const QString target = QDir(directory).filePath(f.name);
        const QString temporary = QDir(directory).filePath(u'.' + f.name + u".meshdeck-new"_qs);
        QFile::remove(temporary);
        if (const QString error = NewFile::write(temporary, f.content, isSecretBundleFile(f.name)); !error.isEmpty())
            return u"cannot write "_qs + QDir::toNativeSeparators(temporary) + u": "_qs + error;
        // rename(2) replaces the old file in one step; QFile::rename refuses an existing target.
        if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) != 0) {
            QFile::remove(temporary);
            return u"cannot replace "_qs + QDir::toNativeSeparators(target);
        }
    }
    return {};
}

bool isSecretBundleFile(const QString& name)
{
    return name == u"istio-token" || name == u"key.pem";
}

QByteArray bundleInputHash(const VmBundle& bundle, const QByteArray& extra)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const VmFile& f : bundle.files) {
        // Made afresh on every run: only what they stand for counts (extra).
        if (f.name == u"istio-token" || f.name == u"key.pem" || f.name == u"cert-chain.pem")
            continue;
        hash.addData(f.name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(f.installPath.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QByteArray::number(f.content.size()));
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(f.content);
    }
    if (!extra.isEmpty()) {
        hash.addData(QByteArrayView("\0credentials\0", 13));
        hash.addData(extra);
    }
    return hash.result().toHex();
}

BundleRun::BundleRun(KubeClient* client, Plan plan, QString vmName, QObject* parent)
    : Task(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_vmName(std::move(vmName))
{
}

void BundleRun::abort()
{
    m_inFlight.cancelAll();
}

void BundleRun::run()
{
    // Known facts, or none to read: decided now, reported after start() returns (Task's rule).
    if (m_shared) {
        onShared(*m_shared);
        return;
    }
    if (!m_client) {
        // A legacy VM's files need no cluster; a group member's fail with this error.
        SharedClusterFacts none;
        none.error = u"no cluster connection"_qs;
        m_error = Error::make(Error::Kind::KubernetesUnreachable, none.error);
        onShared(none);
        return;
    }
    const Vm* vm = m_plan.vm(m_vmName);
    const VmGroup* group = vm ? m_plan.group(vm->group) : nullptr;
    auto* run = new ClusterFactsRun(m_client, m_plan, group ? QStringList{group->namespaceName} : QStringList{}, this);
    connect(run, &ClusterFactsRun::finished, this, [this, run](const Error& error) {
        run->deleteLater();
        if (!isRunning())
            return;
        m_error = error;
        onShared(run->facts());
    });
    m_inFlight.start(run);
}

void BundleRun::onShared(const SharedClusterFacts& facts)
{
    m_shared = facts;
    const Vm* vm = m_plan.vm(m_vmName);
    if (vm && !m_plan.group(vm->group)) {
        // The legacy flow: a certificate signed here instead of a token from the cluster.
        m_result = makeLegacyBundle(m_plan, m_vmName, facts, m_withToken);
        complete();
        return;
    }
    // Check everything but the token first: no credential is minted for a bundle that cannot be made.
    m_result = makeBundle(m_plan, m_vmName, facts, {});
    if (!m_result.ok() || !m_withToken) {
        complete();
        return;
    }
    requestToken();
}

void BundleRun::requestToken()
{
    const VmGroup* group = m_plan.group(m_plan.vm(m_vmName)->group);
    if (!m_client) {
        m_result.error = u"no cluster connection"_qs;
        m_error = Error::make(Error::Kind::KubernetesUnreachable, m_result.error);
        complete();
        return;
    }
    KubeOperation* op = m_client->requestToken(group->namespaceName, group->serviceAccount, {u"istio-ca"_qs},
                                               group->tokenDurationSeconds);
    connect(op, &KubeOperation::finished, this, &BundleRun::onToken);
    m_inFlight.start(op);
}

void BundleRun::onToken(const KubeResult& result)
{
    if (!isRunning())
        return;
    const VmGroup* group = m_plan.group(m_plan.vm(m_vmName)->group);
    const QString token = result.json[u"status"_qs][u"token"_qs].toString();
    if (!result.ok() || token.isEmpty()) {
        m_result.error = u"TokenRequest for ServiceAccount "_qs + group->namespaceName + u'/' + group->serviceAccount
            + u" failed: "_qs + (result.ok() ? u"the answer holds no token"_qs : result.error.message);
        m_error = result.ok() ? Error::make(Error::Kind::KubernetesStatus, m_result.error) : toError(result.error);
        complete();
        return;
    }
    m_result = makeBundle(m_plan, m_vmName, *m_shared, token.toUtf8());
    m_result.tokenExpiry = QDateTime::fromString(result.json[u"status"_qs][u"expirationTimestamp"_qs].toString(), Qt::ISODate);
    complete();
}

void BundleRun::complete()
{
    if (m_result.ok()) {
        finish();
        return;
    }
    // The result's sentence, with the kind of what caused it (the generators: the plan).
    Error error = m_error.isError() ? m_error : Error::make(Error::Kind::InvalidInput, {});
    if (error.message != m_result.error) {
        error.detail = error.text();
        error.message = m_result.error;
    }
    finish(error);
}
