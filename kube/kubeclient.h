// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubeoperation.h"
#include "kubestatus.h"
#include "ratelimiter.h"
#include "restconfig.h"
#include "restmapper.h"
#include "sharedresult.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <functional>

class ApiDiscovery;
class KubeListOperation;
class KubeWatch;
class QNetworkAccessManager;
class QNetworkRequest;
struct ListOptions;
struct WatchOptions;

struct KubeClientOptions
{
    double qps = 5.0; //!< client-go's defaults; <= 0 disables client-side rate limiting
    int burst = 10;
    int maxRetries = 10;                                     //!< for 429/5xx, as client-go
    std::chrono::milliseconds maxRetryDelay = std::chrono::seconds(30); //!< cap of one wait
    std::chrono::milliseconds retryBackoff = std::chrono::seconds(1);   //!< when no Retry-After
    std::chrono::milliseconds requestTimeout = std::chrono::seconds(30); //!< QNetworkRequest transfer timeout
    QString fieldManager = u"meshdeck"_qs;
    QByteArray userAgent = QByteArrayLiteral("meshdeck/" MESHDECK_VERSION);
};

struct ApplyOptions
{
    enum class FieldValidation { Strict, Warn, Ignore };
    bool force = false;   //!< take over fields another manager owns; only when the user asked
    bool dryRun = false;  //!< dryRun=All: validated and admitted, not stored
    /*! Strict by default: a field the cluster's schema does not know is an error, not silently dropped. */
    FieldValidation fieldValidation = FieldValidation::Strict;
    QString subresource;  //!< "status" to apply the status subresource
};

struct DeleteOptions
{
    enum class Propagation { Background, Foreground, Orphan };
    Propagation propagation = Propagation::Background;
    bool dryRun = false;
};

/*! A SelfSubjectAccessReview question: may I <verb> <resource> in <namespace>? */
struct AccessCheck
{
    QString verb;      //!< create, get, list, patch, ...
    QString group;     //!< "" for core
    QString resource;  //!< plural: "workloadgroups"
    QString namespaceName;
    QString name;
    QString subresource; //!< "token" for serviceaccounts/token
};

/*!
 * The asynchronous Kubernetes API client for one RestConfig (one cluster as one user).
 * Every call returns an operation object, a child of the client, not yet started: connect to
 * its finished() signal, then call start(). The client owns the QNetworkAccessManager, the
 * rate limiter and the discovered REST mapper.
 */
class KubeClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeClient)
public:
    explicit KubeClient(RestConfig config, KubeClientOptions options = {}, QObject* parent = nullptr);
    ~KubeClient() override;

    const RestConfig& config() const { return m_config; }
    const KubeClientOptions& options() const { return m_options; }

    /*! Discovery: REST mapper and served versions. The client keeps the result for later calls. */
    ApiDiscovery* discover();
    const RestMapper& restMapper() const { return m_mapper; }
    void setRestMapper(RestMapper mapper);
    /*! Forget the mapper, e.g. after CRDs were created; the next call runs discovery again. */
    void invalidateRestMapper();

    KubeOperation* request(KubeRequest request);
    KubeOperation* version(); //!< GET /version
    KubeOperation* get(const ObjectRef& object);
    KubeListOperation* list(const ObjectRef& collection, const ListOptions& options);
    KubeListOperation* list(const ObjectRef& collection);
    /*! Server-side apply of a full object (apiVersion, kind, metadata.name[, namespace]). */
    KubeOperation* apply(const QJsonObject& object, const ApplyOptions& options = {});
    KubeOperation* create(const QJsonObject& object, bool dryRun = false);
    KubeOperation* remove(const ObjectRef& object, const DeleteOptions& options = {});
    KubeOperation* getStatus(const ObjectRef& object);
    /*! JSON merge patch of the status subresource. */
    KubeOperation* patchStatus(const ObjectRef& object, const QJsonObject& mergePatch);
    /*!
     * TokenRequest for a service account: result.json.status.token and .expirationTimestamp.
     * The token is a credential: never log or display it.
     */
    KubeOperation* requestToken(const QString& namespaceName, const QString& serviceAccount,
                                const QStringList& audiences, int expirationSeconds = 3600);
    /*! SelfSubjectAccessReview; read the answer with accessAllowed(). */
    KubeOperation* accessReview(const AccessCheck& check);
    /*!
     * GET through the API server's service proxy:
     * /api/v1/namespaces/NS/services/[SCHEME:]NAME[:PORT]/proxy/PATH (for Prometheus).
     */
    KubeOperation* serviceProxy(const QString& namespaceName, const QString& service, const QString& port,
                                const QString& path, const QList<std::pair<QString, QString>>& query = {},
                                const QString& scheme = {});
    KubeWatch* watch(const ObjectRef& collection, const WatchOptions& options);
    KubeWatch* watch(const ObjectRef& collection);

    // For the operation classes of kube/ -----------------------------------------------------
    QNetworkAccessManager* network() const { return m_network; }
    /*!
     * A network manager for one long-lived stream (a watch). Requests use HTTP/1.1 (see
     * networkRequest()), which allows six connections per host and manager: streams get
     * managers of their own so that watches never starve ordinary requests.
     */
    QNetworkAccessManager* acquireStreamNetwork();
    void releaseStreamNetwork(QNetworkAccessManager* network);
    RateLimiter& rateLimiter() { return m_limiter; }
    /*! server + path (percent-encoded) + query (unencoded pairs, encoded here). */
    QUrl url(const QString& path, const QList<std::pair<QString, QString>>& query) const;
    QNetworkRequest networkRequest(const KubeRequest& request, const QString& path,
                                   const Credentials& credentials) const;
    quint64 mapperGeneration() const { return m_mapperGeneration; }
    using ResolveCallback = std::function<void(const ApiResource*, const KubeError&)>;
    /*!
     * Maps ref to its API resource. When the mapper does not know it and no discovery finished
     * since generation, runs discovery once (shared by all waiting callers) and looks again.
     */
    void resolve(const ObjectRef& ref, quint64 generation, QObject* context, ResolveCallback done);

private:
    void onDiscoveryFinished(const RestMapper& mapper, const KubeError& error);

    RestConfig m_config;
    KubeClientOptions m_options;
    QNetworkAccessManager* m_network;
    QList<std::pair<QNetworkAccessManager*, int>> m_streamNetworks; //!< manager, streams using it
    RateLimiter m_limiter;
    RestMapper m_mapper;
    quint64 m_mapperGeneration = 0;
    SharedResult<KubeError> m_discovered; //!< the resolve() callers waiting for the discovery in progress
};

/*! The answer of an accessReview(): status.allowed. */
bool accessAllowed(const KubeResult& result);
