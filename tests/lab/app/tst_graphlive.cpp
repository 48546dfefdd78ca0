// SPDX-License-Identifier: Apache-2.0
// `meshdeck graph --plan` live: the real binary reads the lab cluster's inventory through its API
// and the telemetry from the lab's Prometheus (Debian's package) scraping the lab traffic generator
// (tests/lab/trafficgen, a test tool standing in for the sidecars). The graph must agree with the
// generator's truth: the VM node told apart from the pods, the configured weights on the edges they
// govern, observed shares within tolerance, a weight change followed, and an unhealthy VM shown.
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>

#include "graphlabscenario.h"
#include "testsupport.h"

namespace {

using namespace GraphLab;

constexpr double kShareTolerance = 8.0; // percentage points: rates over a short window jitter
constexpr int kTimeoutMs = 90000;

using Run = TestSupport::BasicRun<QByteArray, QString>; // stdout as bytes: JSON, DOT, SVG

// The binary: two minutes, and a run that hangs ends the suite.
Run meshdeck(const QStringList& args)
{
    return TestSupport::run<Run>(qEnvironmentVariable("MESHDECK_BINARY"), args,
                                 TestSupport::RunOptions().withTimeout(120000).withAbortOnTimeout());
}

QJsonObject truth()
{
    QFile f(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH"));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

// A TCP forwarder (test tool): listens on argv[1] (an ephemeral port, printed), forwards to 127.0.0.1:argv[2].
const char* const kForwarder = R"(import asyncio, sys
async def pipe(r, w):
    try:
        while True:
            data = await r.read(65536)
            if not data:
                break
            w.write(data)
            await w.drain()
    finally:
        w.close()
async def handle(r, w):
    r2, w2 = await asyncio.open_connection('127.0.0.1', int(sys.argv[2]))
    await asyncio.gather(pipe(r, w2), pipe(r2, w))
async def main():
    server = await asyncio.start_server(handle, sys.argv[1], 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()
asyncio.run(main())
)";

QJsonObject nodeOf(const QJsonObject& graph, const QString& ns, const QString& workload)
{
    for (const QJsonValue& n : graph.value(u"nodes"_qs).toArray()) {
        if (n[u"namespace"_qs].toString() == ns && n[u"workload"_qs].toString() == workload)
            return n.toObject();
    }
    return {};
}

QJsonObject edgeTo(const QJsonObject& graph, const QString& nodeId)
{
    for (const QJsonValue& e : graph.value(u"edges"_qs).toArray()) {
        if (e[u"destination"_qs].toString() == nodeId && e[u"protocol"_qs].toString() == u"http")
            return e.toObject();
    }
    return {};
}

} // namespace

class TestGraphLive final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_plan;
    QString m_why;

    int apply(const QList<QJsonObject>& objects)
    {
        return kubectl({u"apply"_qs, u"--server-side"_qs, u"--force-conflicts"_qs, u"--field-manager=meshdeck-test"_qs,
                        u"-f"_qs, u"-"_qs},
                       listOf(objects));
    }

    int patchStatus(const QString& resource, const QString& ns, const QString& name, const QJsonObject& status)
    {
        return kubectl({u"patch"_qs, resource, name, u"-n"_qs, ns, u"--subresource=status"_qs, u"--type=merge"_qs,
                        u"-p"_qs, yaml(QJsonObject{{u"status"_qs, status}})});
    }

    int setVmHealthy(bool healthy)
    {
        return patchStatus(u"workloadentry"_qs, u"chapter10vm"_qs, u"envoydummy-198.18.0.10"_qs,
                           vmHealthStatus(healthy));
    }

    Run graph(const QStringList& extra = {})
    {
        return meshdeck(QStringList{u"graph"_qs, u"--plan"_qs, m_plan, u"--kubeconfig"_qs,
                                    qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs,
                                    u"--window"_qs, u"10s"_qs} + extra);
    }

    // The graph agrees with the generator's truth and the configured weights.
    bool matches(int podWeight, int vmWeight, bool vmHealthy)
    {
        const Run r = graph();
        if (r.exitCode != 0) {
            m_why = u"exit %1: %2"_qs.arg(r.exitCode).arg(r.err);
            return false;
        }
        const QJsonObject g = QJsonDocument::fromJson(r.out).object();
        const QJsonObject vm = nodeOf(g, u"chapter10vm"_qs, u"envoydummy"_qs);
        const QJsonObject pods = nodeOf(g, u"chapter10"_qs, u"envoydummy-v1"_qs);
        if (vm.isEmpty() || pods.isEmpty()) {
            m_why = u"VM or pod node missing: "_qs + QString::fromUtf8(r.out.left(2000));
            return false;
        }
        if (!vm[u"isVm"_qs].toBool() || vm[u"kind"_qs].toString() != u"vmWorkload" || pods[u"isVm"_qs].toBool()
            || vm[u"vmEntries"_qs].toInt() != 1 || pods[u"podsDesired"_qs].toInt() != 2) {
            m_why = u"node kinds: "_qs + yaml(vm) + u' ' + yaml(pods);
            return false;
        }
        const QString wantInstance = vmHealthy ? u"Healthy"_qs : u"Failure"_qs;
        if (vm[u"instanceHealth"_qs].toString() != wantInstance) {
            m_why = u"VM instance health %1, want %2"_qs.arg(vm[u"instanceHealth"_qs].toString(), wantInstance);
            return false;
        }
        const QJsonObject toVm = edgeTo(g, vm[u"id"_qs].toString());
        const QJsonObject toPods = edgeTo(g, pods[u"id"_qs].toString());
        double truthVm = 0;
        for (const QJsonValue& e : truth().value(u"edges"_qs).toArray()) {
            if (e[u"kind"_qs].toString() == u"vm")
                truthVm = e[u"share"_qs].toDouble() * 100.0;
        }
        const double observedVm = toVm.isEmpty() ? 0.0 : toVm[u"sharePercent"_qs].toDouble();
        if (std::abs(observedVm - truthVm) > kShareTolerance) {
            m_why = u"VM share %1%, generator's truth %2%"_qs.arg(observedVm).arg(truthVm);
            return false;
        }
        // The configured weights sit on the edges they govern (an idle edge has none to carry them:
        // the route checks list it instead).
        if (toPods[u"configured"_qs][u"weight"_qs].toInt() != podWeight
            || (!toVm.isEmpty() && toVm[u"configured"_qs][u"weight"_qs].toInt() != vmWeight)) {
            m_why = u"configured weights: "_qs + yaml(toPods) + u' ' + yaml(toVm);
            return false;
        }
        bool vmRouteSeen = false;
        for (const QJsonValue& c : g.value(u"routeChecks"_qs).toArray()) {
            if (c[u"destinationHost"_qs].toString().startsWith(u"envoydummy.chapter10vm"_qs)) {
                vmRouteSeen = c[u"weight"_qs].toInt() == vmWeight;
                // Drift exactly when the VM cannot take its weight.
                if (c[u"drift"_qs].toBool() != (!vmHealthy && vmWeight > 0)) {
                    m_why = u"drift flag: "_qs + yaml(c.toObject());
                    return false;
                }
            }
        }
        if (!vmRouteSeen) {
            m_why = u"no route check for the VM destination: "_qs + QString::fromUtf8(QJsonDocument(g.value(u"routeChecks"_qs).toArray()).toJson());
            return false;
        }
        return true;
    }

    // Polls `meshdeck graph` until it matches or the deadline passes (QTRY_* would count only its
    // own waits, not the second each run of the binary takes).
    bool eventually(int podWeight, int vmWeight, bool vmHealthy)
    {
        const QDeadlineTimer deadline(kTimeoutMs);
        while (!matches(podWeight, vmWeight, vmHealthy)) {
            if (deadline.hasExpired())
                return false;
            QTest::qWait(2000);
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        const QString kubeconfig = qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
        if (kubeconfig.isEmpty() || !QFile::exists(kubeconfig))
            QSKIP("the lab is not up (lab/up was skipped)");
        if (!QFile::exists(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH")))
            QSKIP("the lab's Prometheus is not up (lab/prometheus-up was skipped: no prometheus package?)");
        QVERIFY(m_dir.isValid());
        waitForScenarioGone();
        QCOMPARE(apply(scenario(50, 50)), 0);
        QCOMPARE(patchStatus(u"deployment"_qs, u"chapter10"_qs, u"envoydummy-v1"_qs,
                             QJsonObject{{u"replicas"_qs, 2}, {u"readyReplicas"_qs, 2}, {u"availableReplicas"_qs, 2}}), 0);
        QCOMPARE(setVmHealthy(true), 0);
        // The book's plan with the lab Prometheus by URL (the cluster comes from --kubeconfig/--context).
        const QByteArray plan = bookPlanForLab(false);
        QVERIFY(!plan.isEmpty());
        m_plan = m_dir.filePath(u"plan.yaml"_qs);
        QFile out(m_plan);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(plan);
    }

    void cleanupTestCase()
    {
        if (!m_plan.isEmpty())
            removeScenario();
    }

    void graphMatchesTheGenerator()
    {
        QVERIFY2(eventually(50, 50, true), qPrintable(m_why));
    }

    void weightChangeIsFollowed()
    {
        QCOMPARE(apply(scenario(80, 20)), 0);
        QVERIFY2(eventually(80, 20, true), qPrintable(m_why));
    }

    void unhealthyVmShowsAndDrifts()
    {
        QCOMPARE(setVmHealthy(false), 0);
        QVERIFY2(eventually(80, 20, false), qPrintable(m_why));
        QCOMPARE(setVmHealthy(true), 0);
    }

    void otherFormatsAndTypes()
    {
        const Run dot = graph({u"--format"_qs, u"dot"_qs, u"--type"_qs, u"app"_qs});
        QVERIFY2(dot.exitCode == 0, qPrintable(dot.err));
        QVERIFY(dot.out.startsWith("digraph"));
        QVERIFY(dot.out.contains("envoydummy"));
        const Run svg = graph({u"--format"_qs, u"svg"_qs, u"--namespace"_qs, u"chapter10"_qs});
        QVERIFY2(svg.exitCode == 0, qPrintable(svg.err));
        QVERIFY(svg.out.contains("<svg"));
    }

    void throughTheServiceProxy()
    {
        // Without a URL meshdeck reaches Prometheus as a cluster Service through the API server's
        // proxy, as users do with istio-system/prometheus. The real apiserver proxies only to
        // endpoint addresses outside 127/8, so the Service's endpoint is a forwarder (a test tool)
        // on the VM lab's host-side bridge address, 198.18.K.1, in front of the lab Prometheus. It
        // also proxies only to addresses of Pods (Endpoints targetRef, the Pod's status.podIPs): the
        // test plays the kubelet for one Pod that never runs.
        const QString net = qEnvironmentVariable("MESHDECK_LAB_VM_NET");
        const QString bridgeAddress = u"198.18.%1.1"_qs.arg(net);
        if (net.isEmpty() || !QNetworkInterface::allAddresses().contains(QHostAddress(bridgeAddress)))
            QSKIP("the VM lab's bridge is not up (labvms fixture): no non-loopback address for an endpoint");
        const QUrl prometheus(qEnvironmentVariable("MESHDECK_LAB_PROMETHEUS_URL"));
        QProcess forwarder;
        forwarder.start(u"python3"_qs, {u"-c"_qs, QString::fromLatin1(kForwarder), bridgeAddress,
                                        QString::number(prometheus.port())});
        QVERIFY(forwarder.waitForReadyRead(10000));
        const int port = forwarder.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        const QString ns = u"graphproxy"_qs;
        const QJsonObject service{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Service"_qs},
                                  {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus"_qs}, {u"namespace"_qs, ns}}},
                                  {u"spec"_qs, QJsonObject{{u"ports"_qs, QJsonArray{QJsonObject{
                                      {u"name"_qs, u"http"_qs}, {u"port"_qs, 9090}, {u"targetPort"_qs, port}}}}}}};
        const QJsonObject pod{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Pod"_qs},
                              {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus-0"_qs}, {u"namespace"_qs, ns}}},
                              {u"spec"_qs, QJsonObject{{u"containers"_qs, QJsonArray{QJsonObject{
                                  {u"name"_qs, u"prometheus"_qs}, {u"image"_qs, u"prometheus"_qs}}}}}}};
        const QJsonObject endpoints{
            {u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Endpoints"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus"_qs}, {u"namespace"_qs, ns}}},
            {u"subsets"_qs, QJsonArray{QJsonObject{
                {u"addresses"_qs, QJsonArray{QJsonObject{
                    {u"ip"_qs, bridgeAddress},
                    {u"targetRef"_qs, QJsonObject{{u"kind"_qs, u"Pod"_qs}, {u"name"_qs, u"prometheus-0"_qs}, {u"namespace"_qs, ns}}}}}},
                {u"ports"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"http"_qs}, {u"port"_qs, port}}}}}}}};
        QCOMPARE(apply({QJsonObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs},
                                    {u"metadata"_qs, QJsonObject{{u"name"_qs, ns}}}},
                        pod, service, endpoints}),
                 0);
        QCOMPARE(patchStatus(u"pod"_qs, ns, u"prometheus-0"_qs,
                             QJsonObject{{u"podIP"_qs, bridgeAddress},
                                         {u"podIPs"_qs, QJsonArray{QJsonObject{{u"ip"_qs, bridgeAddress}}}}}),
                 0);
        QFile base(m_plan);
        QVERIFY(base.open(QIODevice::ReadOnly));
        QByteArray text = base.readAll();
        text.replace(QByteArray(QByteArray("graph:\n  prometheus:\n    url: ") + qgetenv("MESHDECK_LAB_PROMETHEUS_URL")),
                     "graph:\n  prometheus:\n    namespace: graphproxy\n    service: prometheus\n    port: http");
        QVERIFY(text.contains("service: prometheus"));
        const QString proxyPlan = m_dir.filePath(u"proxy.yaml"_qs);
        QFile out(proxyPlan);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const Run r = meshdeck({u"graph"_qs, u"--plan"_qs, proxyPlan, u"--kubeconfig"_qs,
                                qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs,
                                u"--window"_qs, u"30s"_qs});
        forwarder.kill();
        forwarder.waitForFinished();
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject g = QJsonDocument::fromJson(r.out).object();
        QVERIFY2(nodeOf(g, u"chapter10vm"_qs, u"envoydummy"_qs)[u"isVm"_qs].toBool(), r.out.left(1500).constData());
        QVERIFY(!edgeTo(g, nodeOf(g, u"chapter10"_qs, u"envoydummy-v1"_qs)[u"id"_qs].toString()).isEmpty());

        // A plan that names no Prometheus: istio-system/prometheus does not exist in the lab, so
        // meshdeck looks for a Service labelled as Prometheus and finds this one.
        QCOMPARE(kubectl({u"label"_qs, u"service"_qs, u"prometheus"_qs, u"-n"_qs, ns, u"app.kubernetes.io/name=prometheus"_qs}), 0);
        const QString discoverPlan = m_dir.filePath(u"discover.yaml"_qs);
        {
            QFile example(QString::fromLocal8Bit(qgetenv("MESHDECK_SOURCE_DIR")) + u"/examples/book-chapter10.yaml"_qs);
            QVERIFY(example.open(QIODevice::ReadOnly));
            QFile plain(discoverPlan);
            QVERIFY(plain.open(QIODevice::WriteOnly));
            plain.write(example.readAll());
        }
        forwarder.start(u"python3"_qs, {u"-c"_qs, QString::fromLatin1(kForwarder), bridgeAddress,
                                        QString::number(prometheus.port())});
        QVERIFY(forwarder.waitForReadyRead(10000));
        const int port2 = forwarder.readLine().trimmed().toInt();
        QCOMPARE(kubectl({u"patch"_qs, u"endpoints"_qs, u"prometheus"_qs, u"-n"_qs, ns, u"--type=json"_qs, u"-p"_qs,
                          u"[{\"op\":\"replace\",\"path\":\"/subsets/0/ports/0/port\",\"value\":%1}]"_qs.arg(port2)}),
                 0);
        const Run discovered = meshdeck({u"graph"_qs, u"--plan"_qs, discoverPlan, u"--kubeconfig"_qs,
                                         qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs,
                                         u"--window"_qs, u"30s"_qs});
        forwarder.kill();
        forwarder.waitForFinished();
        QVERIFY2(discovered.exitCode == 0, qPrintable(discovered.err));
        QVERIFY2(nodeOf(QJsonDocument::fromJson(discovered.out).object(), u"chapter10vm"_qs, u"envoydummy"_qs)[u"isVm"_qs].toBool(),
                 discovered.out.left(3000).constData());
        kubectl({u"delete"_qs, u"namespace"_qs, ns, u"--wait=false"_qs});
        // Nothing labelled as Prometheus anywhere: the error says where meshdeck looked.
        QVERIFY(QTest::qWaitFor([&] { return kubectl({u"get"_qs, u"namespace"_qs, ns}) != 0; }, 60000));
        const Run nowhere = meshdeck({u"graph"_qs, u"--plan"_qs, discoverPlan, u"--kubeconfig"_qs,
                                      qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs});
        QCOMPARE(nowhere.exitCode, 4);
        QVERIFY2(nowhere.err.contains(u"istio-system/prometheus"_qs) && nowhere.err.contains(u"app.kubernetes.io/name=prometheus"_qs),
                 qPrintable(nowhere.err));

        // The same Service with no endpoint: the error says so rather than "502".
        QCOMPARE(apply({QJsonObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs},
                                    {u"metadata"_qs, QJsonObject{{u"name"_qs, u"graphproxy2"_qs}}}},
                        QJsonObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Service"_qs},
                                    {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus"_qs}, {u"namespace"_qs, u"graphproxy2"_qs}}},
                                    {u"spec"_qs, service[u"spec"_qs]}}}),
                 0);
        text.replace("namespace: graphproxy\n", "namespace: graphproxy2\n");
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text);
        out.close();
        const Run none = meshdeck({u"graph"_qs, u"--plan"_qs, proxyPlan, u"--kubeconfig"_qs,
                                   qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs});
        kubectl({u"delete"_qs, u"namespace"_qs, u"graphproxy2"_qs, u"--wait=false"_qs});
        QCOMPARE(none.exitCode, 4);
        QVERIFY2(none.err.contains(u"graphproxy2/prometheus"_qs) && none.err.contains(u"no running pod"_qs), qPrintable(none.err));
        // And no Service at all.
        text.replace("namespace: graphproxy2\n", "namespace: graphproxy3\n");
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(text);
        out.close();
        const Run missing = meshdeck({u"graph"_qs, u"--plan"_qs, proxyPlan, u"--kubeconfig"_qs,
                                      qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"), u"--context"_qs, u"admin"_qs});
        QCOMPARE(missing.exitCode, 4);
        QVERIFY2(missing.err.contains(u"There is no service graphproxy3/prometheus"_qs), qPrintable(missing.err));
    }

    void prometheusFailureIsNamed()
    {
        // A port nothing listens on: the error names where meshdeck looked, exit code 4 (cluster).
        const Run r = graph({u"--prometheus"_qs, u"http://127.0.0.1:1"_qs});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"http://127.0.0.1:1"_qs), qPrintable(r.err));
        const Run bad = graph({u"--window"_qs, u"soon"_qs});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"--window"_qs), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestGraphLive)
#include "tst_graphlive.moc"
