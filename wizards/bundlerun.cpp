// SPDX-License-Identifier: Apache-2.0
#include "bundlerun.h"

#include "generation.h"
#include "kubeclient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

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
    if (!group) {
        result.error = vmName + u" belongs to no VM group: the legacy flow's files are written by `meshdeck export`, "
                                "meshdeck onboards WorkloadGroup members only"_qs;
        return result;
    }
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
        const bool secret = f.name == u"istio-token";
        const QFileDevice::Permissions perms = secret
            ? QFileDevice::ReadOwner | QFileDevice::WriteOwner
            : QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
        const QString target = QDir(directory).filePath(f.name);
        const QString temporary = QDir(directory).filePath(u'.' + f.name + u".meshdeck-new"_qs);
        QFile::remove(temporary);
        QFile out(temporary);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly, perms) || out.write(f.content) != f.content.size()
            || !out.flush()) {
            const QString error = u"cannot write "_qs + QDir::toNativeSeparators(temporary) + u": "_qs + out.errorString();
            out.close();
            QFile::remove(temporary);
            return error;
        }
        out.close();
        // rename(2) replaces the old file in one step; QFile::rename refuses an existing target.
        if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) != 0) {
            QFile::remove(temporary);
            return u"cannot replace "_qs + QDir::toNativeSeparators(target);
        }
    }
    return {};
}

QByteArray bundleInputHash(const VmBundle& bundle)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const VmFile& f : bundle.files) {
        if (f.name == u"istio-token")
            continue;
        hash.addData(f.name.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(f.installPath.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(QByteArray::number(f.content.size()));
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(f.content);
    }
    return hash.result().toHex();
}

BundleRun::BundleRun(KubeClient* client, Plan plan, QString vmName, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_vmName(std::move(vmName))
{
}

void BundleRun::start()
{
    if (m_shared) {
        // Queued: finished() never arrives inside start().
        QMetaObject::invokeMethod(this, [this] { onShared(*m_shared); }, Qt::QueuedConnection);
        return;
    }
    const Vm* vm = m_plan.vm(m_vmName);
    const VmGroup* group = vm ? m_plan.group(vm->group) : nullptr;
    auto* run = new ClusterFactsRun(m_client, m_plan, group ? QStringList{group->namespaceName} : QStringList{}, this);
    connect(run, &ClusterFactsRun::finished, this, &BundleRun::onShared);
    run->start();
}

void BundleRun::onShared(const SharedClusterFacts& facts)
{
    m_shared = facts;
    // Check everything but the token first: no credential is minted for a bundle that cannot be made.
    m_result = makeBundle(m_plan, m_vmName, facts, {});
    if (!m_result.ok() || !m_withToken) {
        finish();
        return;
    }
    requestToken();
}

void BundleRun::requestToken()
{
    const VmGroup* group = m_plan.group(m_plan.vm(m_vmName)->group);
    if (!m_client) {
        m_result.error = u"no cluster connection"_qs;
        finish();
        return;
    }
    KubeOperation* op = m_client->requestToken(group->namespaceName, group->serviceAccount, {u"istio-ca"_qs},
                                               group->tokenDurationSeconds);
    connect(op, &KubeOperation::finished, this, &BundleRun::onToken);
    op->start();
}

void BundleRun::onToken(const KubeResult& result)
{
    const VmGroup* group = m_plan.group(m_plan.vm(m_vmName)->group);
    const QString token = result.json[u"status"_qs][u"token"_qs].toString();
    if (!result.ok() || token.isEmpty()) {
        m_result.error = u"TokenRequest for ServiceAccount "_qs + group->namespaceName + u'/' + group->serviceAccount
            + u" failed: "_qs + (result.ok() ? u"the answer holds no token"_qs : result.error.message);
        finish();
        return;
    }
    m_result = makeBundle(m_plan, m_vmName, *m_shared, token.toUtf8());
    m_result.tokenExpiry = QDateTime::fromString(result.json[u"status"_qs][u"expirationTimestamp"_qs].toString(), Qt::ISODate);
    finish();
}

void BundleRun::finish()
{
    Q_EMIT finished(m_result);
}
