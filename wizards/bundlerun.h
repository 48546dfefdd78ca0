// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clusterfactsrun.h"
#include "generators.h"
#include "plan.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

class KubeClient;
struct KubeResult;

/*! One VM's bundle, or why there is none. */
struct BundleResult
{
    VmBundle bundle;     //!< root-cert.pem, istio-token (when asked for), cluster.env, mesh.yaml, hosts
    QDateTime tokenExpiry; //!< status.expirationTimestamp of the TokenRequest
    QString istiodVersion; //!< from the shared facts, for the package step
    QStringList warnings;
    QString error; //!< non-empty: no bundle
    bool ok() const { return error.isEmpty(); }
};

/*!
 * The bundle step: the shared facts (read here unless given), a TokenRequest for the group's
 * service account (audience istio-ca, the group's tokenDurationSeconds), then the generators
 * with those ClusterFacts (clusterId = the plan's clusterName). The token is a credential: it
 * lives only in the result's istio-token file and is never logged.
 */
class BundleRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BundleRun)
public:
    BundleRun(KubeClient* client, Plan plan, QString vmName, QObject* parent = nullptr);

    /*! Facts already read for this run (many VMs share them); otherwise they are read first. */
    void setSharedFacts(const SharedClusterFacts& facts) { m_shared = facts; }
    /*! false: everything but the token (dry runs, and reruns deciding whether anything changed). */
    void setWithToken(bool withToken) { m_withToken = withToken; }

    void start();

Q_SIGNALS:
    void finished(const BundleResult& result);

private:
    void onShared(const SharedClusterFacts& facts);
    void requestToken();
    void onToken(const KubeResult& result);
    void finish();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QString m_vmName;
    std::optional<SharedClusterFacts> m_shared;
    bool m_withToken = true;
    QByteArray m_token;
    BundleResult m_result;
};

/*!
 * Builds the bundle from facts already gathered (pure): the generators' files for the VM, with
 * root cert and token from the facts. Fails when the VM has no group or its namespace has no
 * root certificate.
 */
BundleResult makeBundle(const Plan& plan, const QString& vmName, const SharedClusterFacts& shared, const QByteArray& token);

/*!
 * Writes a bundle into directory as istioctl does (directory created, files replaced), each file
 * through a temporary name and a rename. istio-token is 0600 from its first byte (istioctl
 * writes every file 0744); the others 0644. Returns an error message, empty on success.
 */
QString writeBundleDirectory(const VmBundle& bundle, const QString& directory);

/*! SHA-256 over the files that decide what a VM gets, in order, without istio-token (a new one every run). */
QByteArray bundleInputHash(const VmBundle& bundle);
