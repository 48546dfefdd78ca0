// SPDX-License-Identifier: Apache-2.0
// Server-side apply against the real lab apiserver with Istio's real CRDs: every kubectl resource
// both examples generate is accepted with fieldValidation=Strict (our YAML against Istio's
// schemas), applying twice changes nothing, a conflicting field manager is reported by name (and
// force takes the field over), dry runs store nothing, delete with propagation, the status
// subresource. Skips in one line without the lab (MESHDECK_LAB_KUBECONFIG).

#include "apidiscovery.h"
#include "generation.h"
#include "labenv.h"
#include "planloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTemporaryDir>

class TestKubeLabApply final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void discovery();
    void examplesApplyStrictAndIdempotent_data();
    void examplesApplyStrictAndIdempotent();
    void conflictNamesTheOtherManager();
    void dryRunStoresNothing();
    void invalidObjectIsExplained();
    void statusSubresource();
    void deleteWithPropagation();

private:
    QJsonObject workloadGroup(const QString& serviceAccount, int port = 8080) const;

    std::unique_ptr<KubeClient> m_client;
    QString m_namespace;
};

void TestKubeLabApply::initTestCase()
{
    MESHDECK_REQUIRE_LAB();
    const RestConfigResult config = Lab::config();
    QVERIFY2(config.ok(), qPrintable(config.error));
    m_client = std::make_unique<KubeClient>(config.config);
    m_namespace = Lab::uniqueName(u"apply"_qs);
    const KubeResult created = Lab::run(m_client->apply(Lab::namespaceObject(m_namespace)));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
}

void TestKubeLabApply::cleanupTestCase()
{
    if (m_client && !m_namespace.isEmpty())
        Lab::run(m_client->remove({u"v1"_qs, u"Namespace"_qs, {}, m_namespace}));
}

void TestKubeLabApply::discovery()
{
    ApiDiscovery* discovery = m_client->discover();
    QSignalSpy spy(discovery, &ApiDiscovery::finished);
    discovery->start();
    QVERIFY(spy.wait(30000));
    const auto result = spy.first().first().value<DiscoveryResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.aggregated); // Kubernetes 1.30+ serves apidiscovery.k8s.io/v2
    const QStringList istio = result.mapper.servedVersions(u"networking.istio.io"_qs);
    QCOMPARE(istio.value(0), u"v1");
    QVERIFY(istio.contains(u"v1beta1"_qs));
    const auto entry = result.mapper.find(u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs);
    QVERIFY(entry);
    QCOMPARE(entry->plural, u"workloadentries");
    QVERIFY(entry->namespaced);
    QVERIFY(entry->subresources.contains(u"status"_qs));
    const KubeResult version = Lab::run(m_client->version());
    QVERIFY(version.ok());
    QCOMPARE(version.json.value(u"major").toString(), u"1");
}

void TestKubeLabApply::examplesApplyStrictAndIdempotent_data()
{
    QTest::addColumn<QString>("example");
    QTest::newRow("book-chapter10") << u"book-chapter10.yaml"_qs;
    QTest::newRow("multinetwork-legacy") << u"multinetwork-legacy.yaml"_qs;
}

// What meshdeck's apply changed: the object's generation (its spec) and meshdeck's own
// managedFields entry (its time moves only when meshdeck's apply changes a field it owns). Not the
// resourceVersion: istiod, which runs in the lab, writes status of its own (a ServiceEntry's
// auto-allocated addresses) between two applies.
static QString resourceVersionOf(const KubeResult& result)
{
    const QJsonObject metadata = result.json.value(u"metadata").toObject();
    QString mine;
    for (const QJsonValue& entry : metadata.value(u"managedFields").toArray()) {
        const QJsonObject e = entry.toObject();
        if (e.value(u"manager").toString() == u"meshdeck" && e.value(u"operation").toString() == u"Apply")
            mine += e.value(u"time").toString() + QString::fromUtf8(QJsonDocument(e.value(u"fieldsV1").toObject()).toJson(QJsonDocument::Compact));
    }
    const QString generation = QString::number(metadata.value(u"generation").toInteger(-1));
    return metadata.value(u"uid").toString().isEmpty() ? QString() : generation + u'/' + mine;
}

void TestKubeLabApply::examplesApplyStrictAndIdempotent()
{
    QFETCH(QString, example);
    // A copy beside a fresh plug-in CA: the repository holds no private key.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString plan = dir.filePath(example);
    QVERIFY(QFile::copy(QStringLiteral(MESHDECK_TEST_SOURCE_DIR "/examples/") + example, plan));
    QProcess ca;
    QSignalSpy caDone(&ca, &QProcess::finished);
    ca.start(QStringLiteral(MESHDECK_TEST_SOURCE_DIR "/scripts/make-plugin-ca"), {dir.filePath(u"certs"_qs)});
    QVERIFY(caDone.wait(60000));
    QCOMPARE(ca.exitCode(), 0);
    const PlanLoadResult loaded = loadPlanFile(plan);
    QVERIFY(loaded.ok());
    const Generated generated = generateOffline(*loaded.plan);
    QVERIFY(!hasErrors(generated.problems));
    const QList<Resource> resources = generated.kubectlResources();
    QVERIFY(resources.size() >= 4);

    // A namespace of the example still terminating (an earlier run's cleanup) would swallow
    // the apply: wait until it is gone.
    for (const Resource& resource : resources) {
        if (resource.kind() != u"Namespace")
            continue;
        const KubeResult existing = Lab::run(m_client->get(ObjectRef::of(resource.object)));
        if (existing.ok() && existing.json.value(u"metadata").toObject().contains(u"deletionTimestamp"))
            QVERIFY2(Lab::waitUntilGone(*m_client, ObjectRef::of(resource.object), 180000),
                     qPrintable(resource.key() + u" stays terminating"_qs));
    }
    // Namespaces the plan only refers to (the app's, e.g. "bar" of a global service) exist in a
    // real cluster; here they are made for the test and removed after it.
    QStringList made;
    for (const Resource& resource : resources) {
        const QString ns = resource.namespaceName();
        if (ns.isEmpty() || made.contains(ns))
            continue;
        const KubeResult exists = Lab::run(m_client->get({u"v1"_qs, u"Namespace"_qs, {}, ns}));
        const bool generated = std::any_of(resources.begin(), resources.end(), [&ns](const Resource& r) {
            return r.kind() == u"Namespace" && r.name() == ns;
        });
        if (exists.error.kind == KubeError::Kind::NotFound && !generated) {
            QVERIFY(Lab::run(m_client->apply(Lab::namespaceObject(ns))).ok());
            made.append(ns);
        }
    }
    auto removeMade = qScopeGuard([this, &made] {
        for (const QString& ns : made)
            Lab::run(m_client->remove({u"v1"_qs, u"Namespace"_qs, {}, ns}));
        for (const QString& ns : made)
            Lab::waitUntilGone(*m_client, {u"v1"_qs, u"Namespace"_qs, {}, ns});
    });

    QHash<QString, QString> versions;
    for (const Resource& resource : resources) {
        const KubeResult applied = Lab::run(m_client->apply(resource.object)); // Strict by default
        QVERIFY2(applied.ok(), qPrintable(resource.key() + u": "_qs + applied.error.message));
        QVERIFY2(applied.warnings.isEmpty(), qPrintable(resource.key() + u": "_qs + applied.warnings.join(u"; "_qs)));
        versions.insert(resource.key(), resourceVersionOf(applied));
        QVERIFY(!versions.value(resource.key()).isEmpty());
    }
    // The same apply again is a no-op for the server: no new generation, nothing of meshdeck's changed.
    for (const Resource& resource : resources) {
        const KubeResult again = Lab::run(m_client->apply(resource.object));
        QVERIFY2(again.ok(), qPrintable(resource.key() + u": "_qs + again.error.message));
        // (A Namespace that sets no field beyond its name would fail here: meshdeck would own
        // nothing, and the second apply files the server-set fields under "before-first-apply".
        // The generators label everything app.kubernetes.io/managed-by=meshdeck for that reason.)
        QVERIFY2(resourceVersionOf(again) == versions.value(resource.key()),
                 qPrintable(resource.key() + u" changed on the second apply: "_qs + versions.value(resource.key())
                            + u" -> "_qs + resourceVersionOf(again)));
    }
    // What the example created goes again (shared objects such as cacerts stay, as in a cleanup),
    // completely: a namespace still terminating would take the next apply's changes.
    for (const Resource& resource : generated.cleanupResources()) {
        const KubeResult removed = Lab::run(m_client->remove(ObjectRef::of(resource.object)));
        QVERIFY2(removed.ok() || removed.error.kind == KubeError::Kind::NotFound,
                 qPrintable(resource.key() + u": "_qs + removed.error.message));
    }
    for (const Resource& resource : generated.cleanupResources()) {
        if (resource.kind() == u"Namespace" && !Lab::waitUntilGone(*m_client, ObjectRef::of(resource.object), 20000))
            qWarning("%s is still terminating", qPrintable(resource.key()));
    }
}

QJsonObject TestKubeLabApply::workloadGroup(const QString& serviceAccount, int port) const
{
    return {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadGroup"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, u"envoydummy"_qs}, {u"namespace"_qs, m_namespace}}},
            {u"spec"_qs, QJsonObject{{u"metadata"_qs, QJsonObject{{u"labels"_qs, QJsonObject{{u"app"_qs, u"envoydummy"_qs}}}}},
                                     {u"template"_qs, QJsonObject{{u"serviceAccount"_qs, serviceAccount}}},
                                     {u"probe"_qs, QJsonObject{{u"httpGet"_qs, QJsonObject{{u"port"_qs, port}}}}}}}};
}

void TestKubeLabApply::conflictNamesTheOtherManager()
{
    QVERIFY(Lab::run(m_client->apply(workloadGroup(u"envoydummy"_qs))).ok());
    // Someone edits the field meshdeck owns (kubectl edit is an update by manager "kubectl-edit").
    KubeRequest edit;
    edit.method = "PATCH";
    edit.verb = u"patch"_qs;
    edit.target = {u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, m_namespace, u"envoydummy"_qs};
    edit.contentType = "application/merge-patch+json";
    edit.body = R"({"spec":{"template":{"serviceAccount":"edited"}}})";
    edit.query = {{u"fieldManager"_qs, u"kubectl-edit"_qs}};
    QVERIFY(Lab::run(m_client->request(edit)).ok());

    const KubeResult conflict = Lab::run(m_client->apply(workloadGroup(u"envoydummy"_qs)));
    QCOMPARE(conflict.error.kind, KubeError::Kind::Conflict);
    QCOMPARE(conflict.httpStatus, 409);
    QCOMPARE(conflict.error.conflictManagers, QStringList{u"kubectl-edit"_qs});
    QCOMPARE(conflict.error.message,
             u"the WorkloadGroup "_qs + m_namespace + u"/envoydummy has fields owned by another field manager: "
             ".spec.template.serviceAccount (managed by \"kubectl-edit\"); apply with force to take them over"_qs);

    ApplyOptions force;
    force.force = true;
    const KubeResult forced = Lab::run(m_client->apply(workloadGroup(u"envoydummy"_qs), force));
    QVERIFY2(forced.ok(), qPrintable(forced.error.message));
    QCOMPARE(forced.json.value(u"spec").toObject().value(u"template").toObject().value(u"serviceAccount").toString(),
             u"envoydummy");
}

void TestKubeLabApply::dryRunStoresNothing()
{
    ApplyOptions dryRun;
    dryRun.dryRun = true;
    QJsonObject other = workloadGroup(u"sa"_qs);
    other.insert(u"metadata", QJsonObject{{u"name"_qs, u"dry"_qs}, {u"namespace"_qs, m_namespace}});
    const KubeResult result = Lab::run(m_client->apply(other, dryRun));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.json.value(u"metadata").toObject().value(u"name").toString(), u"dry");
    const KubeResult get = Lab::run(m_client->get(ObjectRef::of(other)));
    QCOMPARE(get.error.kind, KubeError::Kind::NotFound);
    QCOMPARE(get.error.message, u"the WorkloadGroup "_qs + m_namespace + u"/dry was not found"_qs);
}

void TestKubeLabApply::invalidObjectIsExplained()
{
    QJsonObject invalid = workloadGroup(u"sa"_qs, 0);
    invalid.insert(u"metadata", QJsonObject{{u"name"_qs, u"invalid"_qs}, {u"namespace"_qs, m_namespace}});
    const KubeResult result = Lab::run(m_client->apply(invalid));
    QCOMPARE(result.error.kind, KubeError::Kind::Invalid);
    QVERIFY2(result.error.message.startsWith(u"the WorkloadGroup "_qs + m_namespace
                                             + u"/invalid is invalid: spec.probe.httpGet.port: "_qs),
             qPrintable(result.error.message));
    // A field Istio's schema does not have: rejected by apply itself (Strict or not).
    QJsonObject unknown = workloadGroup(u"sa"_qs);
    QJsonObject spec = unknown.value(u"spec").toObject();
    spec.insert(u"bogus", 1);
    unknown.insert(u"spec", spec);
    const KubeResult rejected = Lab::run(m_client->apply(unknown));
    QCOMPARE(rejected.error.kind, KubeError::Kind::Invalid);
    QVERIFY2(rejected.error.message.endsWith(u"does not match the cluster's schema: .spec.bogus: field not declared in schema"_qs),
             qPrintable(rejected.error.message));
}

void TestKubeLabApply::statusSubresource()
{
    const QJsonObject entry{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
                            {u"metadata"_qs, QJsonObject{{u"name"_qs, u"vm-1"_qs}, {u"namespace"_qs, m_namespace}}},
                            {u"spec"_qs, QJsonObject{{u"address"_qs, u"192.0.2.10"_qs}}}};
    QVERIFY(Lab::run(m_client->apply(entry)).ok());
    const QJsonObject healthy{{u"status"_qs, QJsonObject{{u"conditions"_qs, QJsonArray{QJsonObject{
        {u"type"_qs, u"Healthy"_qs}, {u"status"_qs, u"True"_qs}, {u"lastProbeTime"_qs, u"2026-01-01T00:00:00Z"_qs}}}}}}};
    const ObjectRef ref = ObjectRef::of(entry);
    const KubeResult patched = Lab::run(m_client->patchStatus(ref, healthy));
    QVERIFY2(patched.ok(), qPrintable(patched.error.message));
    const KubeResult status = Lab::run(m_client->getStatus(ref));
    QVERIFY(status.ok());
    const QJsonObject condition = status.json.value(u"status").toObject().value(u"conditions").toArray().first().toObject();
    QCOMPARE(condition.value(u"type").toString(), u"Healthy");
    QCOMPARE(condition.value(u"status").toString(), u"True");
    // The main resource ignores status; the subresource ignores spec.
    QCOMPARE(status.json.value(u"spec").toObject().value(u"address").toString(), u"192.0.2.10");
}

void TestKubeLabApply::deleteWithPropagation()
{
    const QJsonObject map = Lab::configMap(m_namespace, u"doomed"_qs);
    QVERIFY(Lab::run(m_client->apply(map)).ok());
    DeleteOptions options;
    options.propagation = DeleteOptions::Propagation::Foreground;
    const KubeResult removed = Lab::run(m_client->remove(ObjectRef::of(map), options));
    QVERIFY2(removed.ok(), qPrintable(removed.error.message));
    QTRY_COMPARE_WITH_TIMEOUT(Lab::run(m_client->get(ObjectRef::of(map))).error.kind, KubeError::Kind::NotFound, 20000);
    const KubeResult again = Lab::run(m_client->remove(ObjectRef::of(map)));
    QCOMPARE(again.error.kind, KubeError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestKubeLabApply)
#include "tst_kubelabapply.moc"
