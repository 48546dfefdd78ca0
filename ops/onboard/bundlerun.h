// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clusterfactsrun.h"
#include "generators.h"
#include "inflight.h"
#include "plan.h"
#include "task.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

class KubeClient;
struct KubeResult;

/*! One VM's bundle, or why there is none. */
struct BundleResult
{
    /*!
     * A WorkloadGroup member: root-cert.pem, istio-token (when asked for), cluster.env, mesh.yaml,
     * hosts. A legacy VM (no group): root-cert.pem, cert-chain.pem and key.pem (when asked for),
     * cluster.env, hosts.
     */
    VmBundle bundle;
    QDateTime tokenExpiry; //!< status.expirationTimestamp of the TokenRequest
    bool legacy = false;   //!< the Istio 1.5-era flow: certificates instead of a token
    QString workloadIdentity; //!< legacy: the SPIFFE ID the certificate is (or would be) issued for
    QDateTime certificateExpiry; //!< legacy: the issued certificate's notAfter
    /*!
     * legacy: what the certificate stands for, beside the files (SPIFFE ID, hashes of the CA's
     * certificate and chain; no secret), so that bundleInputHash() changes when a new one is due.
     */
    QByteArray credentialInputs;
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
 *
 * A VM in no group (the Istio 1.5-era flow) gets, instead of a token, a workload certificate
 * signed here with the plan's plug-in CA (makeLegacyBundle()); it needs nothing of the cluster
 * but the gateway's address, and takes the plan's when the cluster cannot be read.
 *
 * A Task: finished() carries Error{} when result() holds a bundle; otherwise the typed error
 * (the TokenRequest's Kubernetes Status, the facts' error, InvalidInput for a plan the
 * generators refuse) with result().error as its message.
 */
class BundleRun final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BundleRun)
public:
    BundleRun(KubeClient* client, Plan plan, QString vmName, QObject* parent = nullptr);

    /*! Facts already read for this run (many VMs share them); otherwise they are read first. */
    void setSharedFacts(const SharedClusterFacts& facts) { m_shared = facts; }
    /*!
     * false: everything but the token, for a legacy VM everything but key.pem and cert-chain.pem
     * (dry runs, and reruns deciding whether anything changed).
     */
    void setWithToken(bool withToken) { m_withToken = withToken; }

    /*! After finished(). */
    const BundleResult& result() const { return m_result; }

private:
    void run() override;
    void abort() override;
    void onShared(const SharedClusterFacts& facts);
    void requestToken();
    void onToken(const KubeResult& result);
    void complete();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QString m_vmName;
    std::optional<SharedClusterFacts> m_shared;
    bool m_withToken = true;
    QByteArray m_token;
    BundleResult m_result;
    Error m_error; //!< the typed cause behind m_result.error, where one is known
    InFlight m_inFlight; //!< the facts run, then the TokenRequest
};

/*!
 * Builds the bundle from facts already gathered: the generators' files for the VM, with root
 * cert and token from the facts. Fails when the VM's namespace has no root certificate, and
 * when the cluster has no WorkloadGroup of its group (as istioctl's --name). A VM in
 * no group gets makeLegacyBundle() without credentials (which reads the plug-in CA files).
 */
BundleResult makeBundle(const Plan& plan, const QString& vmName, const SharedClusterFacts& shared, const QByteArray& token);

/*!
 * The files of the first seed's (Istio 1.5) multi-network VM guide for a VM in no group:
 * /etc/certs/root-cert.pem (the plug-in root), cert-chain.pem and key.pem (what Citadel's
 * `istio.default` Secret held: a key and a leaf for spiffe://<trustDomain>/ns/<ns>/sa/<sa>, signed
 * by the plug-in CA, followed by its cert-chain.pem), cluster.env (legacyClusterEnv) and the
 * hosts block ("<gateway> istio-citadel istio-pilot istio-pilot.<istioNamespace>" and the *.global
 * VIPs). Namespace and service account come from the legacy.meshExpansion entry listing the VM.
 * Reads the plug-in CA files; withCredentials false leaves out cert-chain.pem and key.pem (no
 * key is made: for hashing and dry runs).
 */
BundleResult makeLegacyBundle(const Plan& plan, const QString& vmName, const SharedClusterFacts& shared, bool withCredentials);

/*!
 * Writes a bundle into directory as istioctl does (directory created, files replaced), each file
 * through a temporary name and a rename. istio-token and key.pem are 0600 from their first byte
 * (istioctl writes every file 0744); the others 0644. Returns an error message, empty on success.
 */
QString writeBundleDirectory(const VmBundle& bundle, const QString& directory);

/*! Whether a bundle file is a credential (istio-token, key.pem): mode 0600, never logged. */
bool isSecretBundleFile(const QString& name);

/*!
 * SHA-256 over the files that decide what a VM gets, in order, without the credentials made
 * fresh every run (istio-token; a legacy VM's key.pem and cert-chain.pem), plus extra (a legacy
 * bundle's credentialInputs).
 */
QByteArray bundleInputHash(const VmBundle& bundle, const QByteArray& extra = {});
