// SPDX-License-Identifier: Apache-2.0
// The two examples reproduce the two source documents. Each generated object is checked field by
// field against the seeds and ../shared/reference/istio-vm-onboarding.md, not against snapshots
// of meshdeck's own output.
#include "generation.h"
#include "planloader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

using TestSupport::sourceDir;

namespace {

const Resource* find(const Generated& g, const QString& kind, const QString& name)
{
    for (const Resource& r : g.resources) {
        if (r.kind() == kind && r.name() == name)
            return &r;
    }
    return nullptr;
}

QJsonValue at(const QJsonValue& root, const QString& path)
{
    // "spec.template.serviceAccount" or "spec.http[0].route[1].weight"
    QJsonValue v = root;
    for (const QString& part : path.split(u'.')) {
        QString key = part;
        int index = -1;
        if (const qsizetype b = part.indexOf(u'['); b >= 0) {
            key = part.left(b);
            index = part.mid(b + 1).chopped(1).toInt();
        }
        if (!key.isEmpty())
            v = v.toObject().value(key);
        if (index >= 0)
            v = v.toArray().at(index);
    }
    return v;
}

QMap<QString, QString> envFile(const QByteArray& text)
{
    QMap<QString, QString> out;
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf('=');
        QString value = QString::fromUtf8(line.mid(eq + 1));
        if (value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2);
        out.insert(QString::fromUtf8(line.left(eq)), value);
    }
    return out;
}

Generated generateExample(const QString& planPath)
{
    const PlanLoadResult loaded = loadPlanFile(planPath);
    QStringList problems;
    for (const Problem& p : loaded.problems)
        problems.append(p.toString());
    if (!loaded.ok())
        qFatal("%s", qPrintable(problems.join(u'\n')));
    return generateOffline(*loaded.plan);
}

} // namespace

class TestExamples final : public QObject
{
    Q_OBJECT

private slots:
    void bookChapter10()
    {
        const Generated g = generateExample(sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY2(!hasErrors(g.problems), "generation problems");

        // IstioOperator of 01-Cluster1.yaml plus the two --set values.pilot.env flags.
        const Resource* iop = find(g, u"IstioOperator"_qs, u"control-plane"_qs);
        QVERIFY(iop);
        QCOMPARE(iop->apiVersion(), u"install.istio.io/v1alpha1"_qs);
        QCOMPARE(iop->channel, Resource::Channel::Istioctl);
        QCOMPARE(at(iop->object, u"spec.values.global.meshID"_qs).toString(), u"mesh1"_qs);
        QCOMPARE(at(iop->object, u"spec.values.global.multiCluster.clusterName"_qs).toString(), u"cluster1"_qs);
        QCOMPARE(at(iop->object, u"spec.values.global.network"_qs).toString(), u"network1"_qs);
        QCOMPARE(at(iop->object, u"spec.values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs).toString(), u"true"_qs);
        QCOMPARE(at(iop->object, u"spec.values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS"_qs).toString(), u"true"_qs);

        // gen-eastwest-gateway.sh --network network1.
        const Resource* ew = find(g, u"IstioOperator"_qs, u"eastwest"_qs);
        QVERIFY(ew);
        const QJsonValue gw = at(ew->object, u"spec.components.ingressGateways[0]"_qs);
        QCOMPARE(at(gw, u"name"_qs).toString(), u"istio-eastwestgateway"_qs);
        QCOMPARE(at(gw, u"label.topology.istio.io/network"_qs).toString(), QString()); // dotted key: read directly
        QCOMPARE(gw.toObject().value(u"label"_qs).toObject().value(u"topology.istio.io/network"_qs).toString(), u"network1"_qs);
        QCOMPARE(at(gw, u"k8s.env[0].name"_qs).toString(), u"ISTIO_META_REQUESTED_NETWORK_VIEW"_qs);
        QStringList ports;
        for (const QJsonValue& p : at(gw, u"k8s.service.ports"_qs).toArray())
            ports.append(p[u"name"_qs].toString() + u'=' + QString::number(p[u"port"_qs].toInt()));
        QCOMPARE(ports, (QStringList{u"status-port=15021"_qs, u"tls=15443"_qs, u"tls-istiod=15012"_qs, u"tls-webhook=15017"_qs}));

        // expose-istiod.yaml.
        const Resource* gateway = find(g, u"Gateway"_qs, u"istiod-gateway"_qs);
        const Resource* istiodVs = find(g, u"VirtualService"_qs, u"istiod-vs"_qs);
        QVERIFY(gateway && istiodVs);
        QCOMPARE(gateway->namespaceName(), u"istio-system"_qs);
        QCOMPARE(at(istiodVs->object, u"spec.tls[1].route[0].destination.port.number"_qs).toInt(), 443);

        // kubectl create ns chapter10vm; kubectl create serviceaccount chapter10-sa -n chapter10vm.
        QVERIFY(find(g, u"Namespace"_qs, u"chapter10vm"_qs));
        const Resource* sa = find(g, u"ServiceAccount"_qs, u"chapter10-sa"_qs);
        QVERIFY(sa);
        QCOMPARE(sa->namespaceName(), u"chapter10vm"_qs);

        // Chapter10/01-WorkloadGroup.yaml, with the thresholds written out.
        const Resource* wg = find(g, u"WorkloadGroup"_qs, u"envoydummy"_qs);
        QVERIFY(wg);
        QCOMPARE(wg->apiVersion(), u"networking.istio.io/v1"_qs); // 1.29 ≥ 1.22
        QCOMPARE(wg->namespaceName(), u"chapter10vm"_qs);
        QCOMPARE(at(wg->object, u"spec.metadata.labels.app"_qs).toString(), u"envoydummy"_qs);
        QCOMPARE(at(wg->object, u"spec.template.serviceAccount"_qs).toString(), u"chapter10-sa"_qs);
        QCOMPARE(at(wg->object, u"spec.template.network"_qs).toString(), u"network1"_qs);
        QCOMPARE(at(wg->object, u"spec.probe.periodSeconds"_qs).toInt(), 5);
        QCOMPARE(at(wg->object, u"spec.probe.initialDelaySeconds"_qs).toInt(), 1);
        QCOMPARE(at(wg->object, u"spec.probe.httpGet.port"_qs).toInt(), 10000);
        QCOMPARE(at(wg->object, u"spec.probe.httpGet.path"_qs).toString(), u"/"_qs);
        QCOMPARE(at(wg->object, u"spec.probe.failureThreshold"_qs).toInt(), 3); // explicit: the agent's default is 1
        QCOMPARE(at(wg->object, u"spec.probe.successThreshold"_qs).toInt(), 1);

        // Chapter10/02-envoy-proxy.yaml: Service envoydummy port 80 -> 10000, selecting the group.
        const Resource* svc = find(g, u"Service"_qs, u"envoydummy"_qs);
        QVERIFY(svc);
        QCOMPARE(svc->namespaceName(), u"chapter10vm"_qs);
        QCOMPARE(at(svc->object, u"spec.ports[0].port"_qs).toInt(), 80);
        QCOMPARE(at(svc->object, u"spec.ports[0].targetPort"_qs).toInt(), 10000);
        QCOMPARE(at(svc->object, u"spec.ports[0].name"_qs).toString(), u"tcp"_qs);
        QCOMPARE(at(svc->object, u"spec.selector.app"_qs).toString(), u"envoydummy"_qs);

        // The 50/50 route of 01-istio-gateway.yaml.
        const Resource* vs = find(g, u"VirtualService"_qs, u"envoydummy"_qs);
        QVERIFY(vs);
        QCOMPARE(at(vs->object, u"spec.http[0].route[0].destination.host"_qs).toString(), u"envoydummy.chapter10.svc.cluster.local"_qs);
        QCOMPARE(at(vs->object, u"spec.http[0].route[0].weight"_qs).toInt(), 50);
        QCOMPARE(at(vs->object, u"spec.http[0].route[1].destination.host"_qs).toString(), u"envoydummy.chapter10vm.svc.cluster.local"_qs);
        QCOMPARE(at(vs->object, u"spec.http[0].route[1].weight"_qs).toInt(), 50);

        // Apply order: what a later object needs comes first.
        const auto indexOf = [&g](const QString& key) {
            for (qsizetype i = 0; i < g.resources.size(); ++i) {
                if (g.resources.at(i).key() == key)
                    return i;
            }
            return qsizetype(-1);
        };
        QVERIFY(indexOf(u"Namespace/chapter10vm"_qs) < indexOf(u"ServiceAccount/chapter10vm/chapter10-sa"_qs));
        QVERIFY(indexOf(u"ServiceAccount/chapter10vm/chapter10-sa"_qs) < indexOf(u"WorkloadGroup/chapter10vm/envoydummy"_qs));
        QVERIFY(indexOf(u"Gateway/istio-system/istiod-gateway"_qs) < indexOf(u"WorkloadGroup/chapter10vm/envoydummy"_qs));
        QVERIFY(indexOf(u"Service/chapter10vm/envoydummy"_qs) < indexOf(u"VirtualService/chapter10/envoydummy"_qs));

        // istioctl x workload entry configure -f ... --clusterID cluster1 --autoregister.
        QCOMPARE(g.vmBundles.size(), 1);
        const VmBundle& bundle = g.vmBundles.front();
        QCOMPARE(bundle.vm, u"chapter10-instance"_qs);
        const auto env = envFile(bundle.file(u"cluster.env"_qs)->content);
        QCOMPARE(env.value(u"ISTIO_META_AUTO_REGISTER_GROUP"_qs), u"envoydummy"_qs);
        QCOMPARE(env.value(u"ISTIO_META_CLUSTER_ID"_qs), u"cluster1"_qs);
        QCOMPARE(env.value(u"ISTIO_META_NETWORK"_qs), u"network1"_qs);
        QCOMPARE(env.value(u"ISTIO_META_MESH_ID"_qs), u"mesh1"_qs);
        QCOMPARE(env.value(u"ISTIO_NAMESPACE"_qs), u"chapter10vm"_qs);
        QCOMPARE(env.value(u"ISTIO_SERVICE"_qs), u"envoydummy.chapter10vm"_qs);
        QCOMPARE(env.value(u"SERVICE_ACCOUNT"_qs), u"chapter10-sa"_qs);
        QCOMPARE(env.value(u"ISTIO_META_DNS_CAPTURE"_qs), u"true"_qs); // --capture-dns defaults to true
        QCOMPARE(env.value(u"ISTIO_LOCAL_EXCLUDE_PORTS"_qs), u"22,15090,15021,15020"_qs);
        QCOMPARE(env.value(u"CANONICAL_SERVICE"_qs), u"envoydummy"_qs); // from the app label
        QVERIFY(!env.contains(u"CA_ADDR"_qs));                            // no revision
        QCOMPARE(bundle.file(u"hosts"_qs)->content, QByteArray("198.18.0.2 istiod.istio-system.svc\n"));
        QCOMPARE(bundle.file(u"cluster.env"_qs)->installPath, u"/var/lib/istio/envoy/cluster.env"_qs);
        QCOMPARE(bundle.file(u"mesh.yaml"_qs)->installPath, u"/etc/istio/config/mesh"_qs);
        QVERIFY(bundle.file(u"mesh.yaml"_qs)->content.contains("discoveryAddress: istiod.istio-system.svc:15012\n"));
        QVERIFY(!bundle.file(u"istio-token"_qs)); // only with a cluster
    }

    void multinetworkLegacy()
    {
        // The plug-in CA is made at run time: the repository holds no private key.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString plan = dir.filePath(u"multinetwork-legacy.yaml"_qs);
        QVERIFY(QFile::copy(sourceDir() + u"/examples/multinetwork-legacy.yaml"_qs, plan));
        QProcess ca;
        ca.start(sourceDir() + u"/scripts/make-plugin-ca"_qs, {dir.filePath(u"certs"_qs)});
        QVERIFY(ca.waitForFinished(60000));
        QCOMPARE(ca.exitCode(), 0);

        const Generated g = generateExample(plan);
        QVERIFY2(!hasErrors(g.problems), "generation problems");

        // kubectl create secret generic cacerts -n istio-system --from-file=... (four files).
        const Resource* secret = find(g, u"Secret"_qs, u"cacerts"_qs);
        QVERIFY(secret);
        QCOMPARE(secret->namespaceName(), u"istio-system"_qs);
        QVERIFY(secret->keepOnCleanup);
        for (const QString& file : {u"ca-cert.pem"_qs, u"ca-key.pem"_qs, u"root-cert.pem"_qs, u"cert-chain.pem"_qs}) {
            QFile f(dir.filePath(u"certs/"_qs + file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray decoded = QByteArray::fromBase64(at(secret->object, u"data"_qs).toObject().value(file).toString().toLatin1());
            QCOMPARE(decoded, f.readAll());
        }

        // The httpbin.bar.global ServiceEntry of the guide.
        const Resource* se = find(g, u"ServiceEntry"_qs, u"httpbin.bar.forvms"_qs);
        QVERIFY(se);
        QCOMPARE(se->namespaceName(), u"bar"_qs);
        QCOMPARE(at(se->object, u"spec.hosts[0]"_qs).toString(), u"httpbin.bar.global"_qs);
        QCOMPARE(at(se->object, u"spec.location"_qs).toString(), u"MESH_INTERNAL"_qs);
        QCOMPARE(at(se->object, u"spec.resolution"_qs).toString(), u"DNS"_qs);
        QCOMPARE(at(se->object, u"spec.addresses[0]"_qs).toString(), u"127.255.0.3"_qs);
        QCOMPARE(at(se->object, u"spec.ports[0].name"_qs).toString(), u"http1"_qs);
        QCOMPARE(at(se->object, u"spec.ports[0].number"_qs).toInt(), 8000);
        QCOMPARE(at(se->object, u"spec.endpoints[0].address"_qs).toString(), u"198.18.0.2"_qs);
        QCOMPARE(at(se->object, u"spec.endpoints[0].ports.http1"_qs).toInt(), 15443); // "Do not change this port value"

        // istioctl x add-to-mesh external-service vmhttp <VM_IP> http:8888 -n vm.
        QVERIFY(find(g, u"Namespace"_qs, u"vm"_qs));
        const Resource* me = find(g, u"ServiceEntry"_qs, u"mesh-expansion-vmhttp"_qs);
        const Resource* meSvc = find(g, u"Service"_qs, u"vmhttp"_qs);
        QVERIFY(me && meSvc);
        QCOMPARE(at(me->object, u"spec.hosts[0]"_qs).toString(), u"vmhttp.vm.svc.cluster.local"_qs);
        QCOMPARE(at(me->object, u"spec.resolution"_qs).toString(), u"STATIC"_qs);
        QCOMPARE(at(me->object, u"spec.endpoints[0].address"_qs).toString(), u"198.18.0.20"_qs);
        QCOMPARE(at(me->object, u"spec.ports[0].number"_qs).toInt(), 8888);
        QCOMPARE(at(meSvc->object, u"spec.ports[0].port"_qs).toInt(), 8888);
        QVERIFY(!meSvc->object.value(u"spec"_qs).toObject().contains(u"selector"_qs)); // selector-less
        QCOMPARE(meSvc->object.value(u"metadata"_qs).toObject().value(u"annotations"_qs).toObject()
                     .value(u"kubernetes.io/service-account.name"_qs).toString(), u"default"_qs);

        // remove-from-mesh deletes exactly the pair; the cleanup never touches shared objects.
        QStringList cleanup;
        for (const Resource& r : g.cleanupResources())
            cleanup.append(r.key());
        QVERIFY(cleanup.contains(u"ServiceEntry/vm/mesh-expansion-vmhttp"_qs));
        QVERIFY(cleanup.contains(u"Service/vm/vmhttp"_qs));
        QVERIFY(!cleanup.contains(u"Secret/istio-system/cacerts"_qs));
        QVERIFY(!cleanup.contains(u"Namespace/istio-system"_qs));
        QVERIFY(!cleanup.contains(u"Namespace/vm"_qs));

        // The VM's hand-written cluster.env and hosts lines.
        QCOMPARE(g.vmBundles.size(), 1);
        QCOMPARE(g.vmBundles.front().file(u"cluster.env"_qs)->content,
                 QByteArray("ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\nISTIO_INBOUND_PORTS=8888\n"));
        QVERIFY(g.vmBundles.front().file(u"hosts"_qs)->content.contains("127.255.0.3 httpbin.bar.global\n"));
    }

    void sampleCertificatesRefused()
    {
        // The first seed plugs in samples/certs; meshdeck refuses those unless explicitly allowed.
        QTemporaryDir dir;
        const QString samples = sourceDir() + u"/tests/data/istio-samples/"_qs;
        QFile plan(dir.filePath(u"plan.yaml"_qs));
        QVERIFY(plan.open(QIODevice::WriteOnly));
        QProcess ca;
        ca.start(sourceDir() + u"/scripts/make-plugin-ca"_qs, {dir.path()});
        QVERIFY(ca.waitForFinished(60000));
        plan.write("apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmesh:\n  istioVersion: \"1.29.0\"\n"
                   "pluginCa:\n  caCert: " + (samples + u"ca-cert.pem"_qs).toUtf8() + "\n  caKey: ca-key.pem\n"
                   "  rootCert: " + (samples + u"root-cert.pem"_qs).toUtf8() + "\n  certChain: cert-chain.pem\n");
        plan.close();
        const PlanLoadResult loaded = loadPlanFile(plan.fileName());
        QVERIFY(loaded.ok());
        const Generated g = generateOffline(*loaded.plan);
        QVERIFY(hasErrors(g.problems));
        QVERIFY(!find(g, u"Secret"_qs, u"cacerts"_qs));
        QVERIFY(g.problems.front().message.contains(u"production"_qs));
    }
};

QTEST_APPLESS_MAIN(TestExamples)
#include "tst_examples.moc"
