// SPDX-License-Identifier: Apache-2.0
// The REST mapper from discovery documents recorded from the lab's kube-apiserver v1.33 with
// Istio's CRDs (tests/data/kube/discovery/): aggregated apidiscovery.k8s.io/v2 from /api and
// /apis, and the legacy APIVersions / APIGroupList / APIResourceList forms.

#include "kubetestutil.h"
#include "restmapper.h"

#include <QJsonDocument>
#include <QTest>

class TestRestMapper final : public QObject
{
    Q_OBJECT
private slots:
    void aggregated();
    void aggregatedAndLegacyAgree();
    void legacyGroups();
    void paths();
    void notAggregated();
};

static QJsonObject json(const QString& name)
{
    return QJsonDocument::fromJson(KubeTest::fixture(u"discovery/"_qs + name)).object();
}

static RestMapper aggregatedMapper()
{
    RestMapper mapper;
    mapper.addAggregated(json(u"aggregated-api.json"_qs));
    mapper.addAggregated(json(u"aggregated-apis.json"_qs));
    return mapper;
}

void TestRestMapper::aggregated()
{
    RestMapper mapper;
    QVERIFY(mapper.addAggregated(json(u"aggregated-api.json"_qs)));
    QVERIFY(mapper.addAggregated(json(u"aggregated-apis.json"_qs)));
    // Istio 1.22+ serves its networking kinds at v1, keeps v1beta1 and v1alpha3, v1 preferred.
    QCOMPARE(mapper.servedVersions(u"networking.istio.io"_qs), (QStringList{u"v1"_qs, u"v1beta1"_qs, u"v1alpha3"_qs}));
    QCOMPARE(mapper.preferredVersion(u"networking.istio.io"_qs), u"v1");
    QCOMPARE(mapper.servedVersions(u"security.istio.io"_qs), (QStringList{u"v1"_qs, u"v1beta1"_qs}));
    QCOMPARE(mapper.servedVersions(QString()), QStringList{u"v1"_qs});
    QCOMPARE(mapper.preferredVersion(u"autoscaling"_qs), u"v2");

    const auto wg = mapper.find(u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs);
    QVERIFY(wg);
    QCOMPARE(wg->plural, u"workloadgroups");
    QCOMPARE(wg->singular, u"workloadgroup");
    QVERIFY(wg->namespaced);
    QVERIFY(wg->verbs.contains(u"patch"_qs));
    QVERIFY(wg->verbs.contains(u"watch"_qs));
    QVERIFY(wg->subresources.contains(u"status"_qs));
    const auto se = mapper.find(u"networking.istio.io/v1beta1"_qs, u"ServiceEntry"_qs);
    QVERIFY(se);
    QCOMPARE(se->plural, u"serviceentries");
    QVERIFY(se->shortNames.contains(u"se"_qs));

    const auto ns = mapper.find(u"v1"_qs, u"Namespace"_qs);
    QVERIFY(ns);
    QCOMPARE(ns->plural, u"namespaces");
    QVERIFY(!ns->namespaced);
    const auto sa = mapper.find(u"v1"_qs, u"ServiceAccount"_qs);
    QVERIFY(sa);
    QVERIFY(sa->subresources.contains(u"token"_qs));
    QVERIFY(mapper.find(u"apiextensions.k8s.io/v1"_qs, u"CustomResourceDefinition"_qs));
    QVERIFY(!mapper.find(u"networking.istio.io/v1"_qs, u"Sidecarz"_qs));
    QVERIFY(!mapper.find(u"networking.istio.io/v2"_qs, u"WorkloadGroup"_qs));
    QVERIFY(mapper.staleGroupVersions.isEmpty());

    const auto preferred = mapper.findPreferred(u"networking.istio.io"_qs, u"Gateway"_qs);
    QVERIFY(preferred);
    QCOMPARE(preferred->apiVersion(), u"networking.istio.io/v1");
    QVERIFY(!mapper.hasGroup(u"gateway.networking.k8s.io"_qs));
}

void TestRestMapper::aggregatedAndLegacyAgree()
{
    const RestMapper aggregated = aggregatedMapper();
    RestMapper legacy;
    for (const QString& file : {u"legacy-api-v1.json"_qs, u"legacy-apps_v1.json"_qs,
                                u"legacy-networking.istio.io_v1.json"_qs, u"legacy-networking.istio.io_v1beta1.json"_qs,
                                u"legacy-networking.istio.io_v1alpha3.json"_qs, u"legacy-authorization.k8s.io_v1.json"_qs})
        legacy.addResourceList(json(file));
    QVERIFY(legacy.resources().size() > 40);
    for (const ApiResource& r : legacy.resources()) {
        const auto other = aggregated.find(r.apiVersion(), r.kind);
        QVERIFY2(other, qPrintable(r.apiVersion() + u' ' + r.kind));
        QCOMPARE(other->plural, r.plural);
        QCOMPARE(other->namespaced, r.namespaced);
        QCOMPARE(other->subresources, r.subresources);
    }
    const auto pod = legacy.find(u"v1"_qs, u"Pod"_qs);
    QVERIFY(pod);
    QVERIFY(pod->subresources.contains(u"status"_qs));
    QVERIFY(pod->subresources.contains(u"log"_qs));
}

void TestRestMapper::legacyGroups()
{
    const auto core = RestMapper::legacyGroups(json(u"legacy-api.json"_qs));
    QCOMPARE(core.size(), 1);
    QCOMPARE(core.first().first, QString());
    QCOMPARE(core.first().second, QStringList{u"v1"_qs});
    const auto groups = RestMapper::legacyGroups(json(u"legacy-apis.json"_qs));
    QCOMPARE(groups.size(), 3);
    const auto istio = std::find_if(groups.begin(), groups.end(),
                                    [](const auto& g) { return g.first == u"networking.istio.io"; });
    QVERIFY(istio != groups.end());
    QCOMPARE(istio->second, (QStringList{u"v1"_qs, u"v1beta1"_qs, u"v1alpha3"_qs}));
}

void TestRestMapper::paths()
{
    const RestMapper mapper = aggregatedMapper();
    const auto wg = mapper.find(u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs);
    QVERIFY(wg);
    QCOMPARE(wg->path(u"chapter10vm"_qs, u"envoydummy"_qs),
             u"/apis/networking.istio.io/v1/namespaces/chapter10vm/workloadgroups/envoydummy");
    QCOMPARE(wg->path(u"chapter10vm"_qs, u"envoydummy"_qs, u"status"_qs),
             u"/apis/networking.istio.io/v1/namespaces/chapter10vm/workloadgroups/envoydummy/status");
    QCOMPARE(wg->path({}), u"/apis/networking.istio.io/v1/workloadgroups"); // all namespaces
    const auto ns = mapper.find(u"v1"_qs, u"Namespace"_qs);
    QVERIFY(ns);
    // A namespace given for a cluster-scoped kind is ignored, as kubectl does.
    QCOMPARE(ns->path(u"ignored"_qs, u"istio-system"_qs), u"/api/v1/namespaces/istio-system");
    const auto pod = mapper.find(u"v1"_qs, u"Pod"_qs);
    QVERIFY(pod);
    QCOMPARE(pod->path(u"a b"_qs, u"p/q"_qs), u"/api/v1/namespaces/a%20b/pods/p%2Fq");
}

void TestRestMapper::notAggregated()
{
    RestMapper mapper;
    QVERIFY(!mapper.addAggregated(json(u"legacy-apis.json"_qs)));
    QVERIFY(mapper.isEmpty());
}

QTEST_APPLESS_MAIN(TestRestMapper)
#include "tst_restmapper.moc"
