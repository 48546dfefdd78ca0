// SPDX-License-Identifier: Apache-2.0
#include "prometheusclient.h"

#include "fakeapiserver.h"
#include "fakeclient.h"
#include "kubeoperation.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

// The Prometheus client: parsing of recorded /api/v1/query answers (the shapes of Prometheus'
// HTTP API documentation: vector, matrix, scalar, "NaN"/"+Inf"/"-Inf" strings, status error)
// and the request/error handling against a scripted server, directly and through the API
// server's service proxy path.

namespace {

QByteArray fixture(const QString& name)
{
    return KubeTest::fixture(u"prometheus/"_qs + name);
}

PrometheusResult wait(PrometheusOperation* operation, bool start = true)
{
    QSignalSpy spy(operation, &PrometheusOperation::finished);
    if (start)
        operation->start();
    if (spy.isEmpty() && !spy.wait(15000))
        return {};
    return spy.first().first().value<PrometheusResult>();
}

const QString promql = u"sum by (destination_workload) (rate(istio_requests_total{reporter=~\"source|destination\",destination_service=~\"^.+\\\\.a\\\\..+$\"}[60s])) + 1 > 0"_qs;

} // namespace

class TestPrometheusClient final : public QObject
{
    Q_OBJECT
private slots:
    void vector()
    {
        const PrometheusData data = parsePrometheusData(fixture(u"vector.json"_qs));
        QVERIFY(data.ok());
        QCOMPARE(data.resultType, u"vector"_qs);
        QCOMPARE(data.series.size(), 5);
        QCOMPARE(data.series[0].label(u"job"_qs), u"prometheus"_qs);
        QCOMPARE(data.series[0].value(), 1.0);
        QCOMPARE(data.series[0].samples[0].timestamp, 1795300000.5);
        QVERIFY(std::isinf(data.series[1].value()) && data.series[1].value() > 0);
        QCOMPARE(data.series[1].label(u"le"_qs), u"+Inf"_qs);
        QVERIFY(std::isnan(data.series[2].value()));
        QVERIFY(std::isinf(data.series[3].value()) && data.series[3].value() < 0);
        QVERIFY(data.series[3].metric.isEmpty());
        QCOMPARE(data.series[4].value(), 0.0015);
        QCOMPARE(data.warnings.size(), 1);
        QVERIFY(!data.series[0].metric.contains(u"destination_workload"_qs)); // missing stays missing
    }

    void matrixScalarEmpty()
    {
        const PrometheusData matrix = parsePrometheusData(fixture(u"matrix.json"_qs));
        QVERIFY(matrix.ok());
        QCOMPARE(matrix.resultType, u"matrix"_qs);
        QCOMPARE(matrix.series[0].samples.size(), 3);
        QCOMPARE(matrix.series[0].samples[1].timestamp, 1795300015.0);
        QCOMPARE(matrix.series[0].samples[1].value, 2.5);
        QVERIFY(std::isnan(matrix.series[0].samples[2].value));
        QVERIFY(matrix.series[1].samples.isEmpty());
        QVERIFY(std::isnan(matrix.series[1].value()));
        const PrometheusData scalar = parsePrometheusData(fixture(u"scalar.json"_qs));
        QCOMPARE(scalar.series.size(), 1);
        QCOMPARE(scalar.series[0].value(), 42.0);
        const PrometheusData empty = parsePrometheusData(fixture(u"empty.json"_qs));
        QVERIFY(empty.ok());
        QVERIFY(empty.series.isEmpty());
    }

    void errors()
    {
        const PrometheusResult bad = prometheusResultFrom(400, QJsonDocument::fromJson(fixture(u"error-bad-data.json"_qs)).object(), {}, u"x"_qs);
        QCOMPARE(bad.error.kind, PrometheusError::Kind::Prometheus);
        QCOMPARE(bad.error.errorType, u"bad_data"_qs);
        QVERIFY(bad.error.message.contains(u"parse error"_qs));
        const PrometheusResult timeout = prometheusResultFrom(503, QJsonDocument::fromJson(fixture(u"error-timeout.json"_qs)).object(), {}, u"x"_qs);
        QCOMPARE(timeout.error.errorType, u"timeout"_qs);
        // fuzz/prometheus: "status": "error" with no "error" text gave "Prometheus rejected the query: ".
        const PrometheusResult silent = prometheusResultFrom(422, QJsonDocument::fromJson(R"({"status":"error","errorType":"x"})").object(), {}, u"x"_qs);
        QCOMPARE(silent.error.kind, PrometheusError::Kind::Prometheus);
        QVERIFY2(silent.error.message.contains(u"gave no reason"_qs), qPrintable(silent.error.message));
        const PrometheusResult malformed = prometheusResultFrom(200, {}, fixture(u"malformed.json"_qs), u"x"_qs);
        QCOMPARE(malformed.error.kind, PrometheusError::Kind::BadResponse);
        const PrometheusResult html = prometheusResultFrom(200, {}, "<html>login</html>", u"x"_qs);
        QCOMPARE(html.error.kind, PrometheusError::Kind::BadResponse);
        const PrometheusResult http = prometheusResultFrom(502, {}, "bad gateway", u"x"_qs);
        QCOMPARE(http.error.kind, PrometheusError::Kind::Http);
        QCOMPARE(http.error.httpStatus, 502);
    }

    void hundredThousandSeries()
    {
        QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
        const int count = 100000;
        for (int i = 0; i < count; ++i) {
            if (i)
                body += ',';
            body += "{\"metric\":{\"destination_workload\":\"w" + QByteArray::number(i)
                + "\",\"reporter\":\"source\"},\"value\":[1795300000,\"" + QByteArray(i % 10 == 0 ? "NaN" : "0.5") + "\"]}";
        }
        body += "]}}";
        const PrometheusResult result = prometheusResultFrom(200, QJsonDocument::fromJson(body).object(), {}, u"x"_qs);
        QVERIFY(result.ok());
        QCOMPARE(result.data.series.size(), count);
        int nan = 0;
        for (const PrometheusSeries& s : result.data.series)
            nan += std::isnan(s.value()) ? 1 : 0;
        QCOMPARE(nan, count / 10);
        QCOMPARE(result.data.series.last().label(u"destination_workload"_qs), u"w99999"_qs);
    }

    void directInstantQuery()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest&, FakeExchange& exchange) { exchange.respond(200, fixture(u"vector.json"_qs)); });
        QUrl url = server.url();
        url.setPath(u"/prom/"_qs); // behind a path prefix
        PrometheusClient client(url);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1795300000500LL, Qt::UTC);
        const PrometheusResult result = wait(client.query(promql, at, std::chrono::seconds(7)));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.data.series.size(), 5);
        QCOMPARE(server.requests.size(), 1);
        const FakeRequest& r = server.requests[0];
        QCOMPARE(r.path, u"/prom/api/v1/query"_qs);
        QCOMPARE(r.param(u"query"_qs), promql); // + and quotes survive the encoding
        QCOMPARE(r.param(u"time"_qs), u"1795300000.500"_qs);
        QCOMPARE(r.param(u"timeout"_qs), u"7000ms"_qs);
    }

    void directRangeQuery()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest&, FakeExchange& exchange) { exchange.respond(200, fixture(u"matrix.json"_qs)); });
        PrometheusClient client(server.url());
        const QDateTime end = QDateTime::fromSecsSinceEpoch(1795300600, Qt::UTC);
        const PrometheusResult result = wait(client.queryRange(promql, end.addSecs(-600), end, std::chrono::seconds(30)));
        QVERIFY(result.ok());
        QCOMPARE(result.data.resultType, u"matrix"_qs);
        const FakeRequest& r = server.requests[0];
        QCOMPARE(r.path, u"/api/v1/query_range"_qs);
        QCOMPARE(r.param(u"start"_qs), u"1795300000.000"_qs);
        QCOMPARE(r.param(u"end"_qs), u"1795300600.000"_qs);
        QCOMPARE(r.param(u"step"_qs), u"30s"_qs);
    }

    void directPrometheusError()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest&, FakeExchange& exchange) { exchange.respond(400, fixture(u"error-bad-data.json"_qs)); });
        PrometheusClient client(server.url());
        const PrometheusResult result = wait(client.query(u"rate(x{"_qs));
        QCOMPARE(result.error.kind, PrometheusError::Kind::Prometheus);
        QCOMPARE(result.error.errorType, u"bad_data"_qs);
        QCOMPARE(result.error.httpStatus, 400);
    }

    void directUnreachable()
    {
        quint16 port = 0;
        {
            FakeApiServer closed;
            port = closed.port();
        }
        PrometheusClient client(QUrl(u"http://127.0.0.1:"_qs + QString::number(port)));
        const PrometheusResult result = wait(client.query(u"up"_qs));
        QCOMPARE(result.error.kind, PrometheusError::Kind::Unreachable);
        QVERIFY(result.error.message.contains(u"unreachable"_qs));
    }

    void directTimeoutAndCancel()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest&, FakeExchange&) {}); // never answers
        PrometheusClient client(server.url());
        client.setTransferGrace(std::chrono::milliseconds(100));
        const PrometheusResult late = wait(client.query(u"up"_qs, {}, std::chrono::milliseconds(100)));
        QCOMPARE(late.error.kind, PrometheusError::Kind::Timeout);
        PrometheusOperation* op = client.query(u"up"_qs);
        QSignalSpy spy(op, &PrometheusOperation::finished);
        op->start();
        QTRY_COMPARE(server.requests.size(), 2);
        op->cancel();
        QTRY_COMPARE(spy.size(), 1);
        QCOMPARE(spy.first().first().value<PrometheusResult>().error.kind, PrometheusError::Kind::Canceled);
    }

    void serviceProxy_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("kind");
        QTest::newRow("ok") << 200 << u"vector.json"_qs << static_cast<int>(PrometheusError::Kind::None);
        QTest::newRow("no endpoints") << 503 << u"no-endpoints.json"_qs << static_cast<int>(PrometheusError::Kind::NoRunningPod);
        QTest::newRow("prometheus error") << 400 << u"error-bad-data.json"_qs << static_cast<int>(PrometheusError::Kind::Prometheus);
    }
    void serviceProxy()
    {
        QFETCH(int, status);
        QFETCH(QString, body);
        QFETCH(int, kind);
        FakeApiServer server;
        server.setHandler([&](const FakeRequest&, FakeExchange& exchange) { exchange.respond(status, fixture(body)); });
        KubeClient kube(configFor(server.url()), fastOptions());
        PrometheusClient client(&kube);
        const PrometheusResult result = wait(client.query(promql));
        QCOMPARE(static_cast<int>(result.error.kind), kind);
        QCOMPARE(server.requests.size(), 1); // a 503 without Retry-After is an answer, not retried
        QCOMPARE(server.requests[0].path, u"/api/v1/namespaces/istio-system/services/prometheus:9090/proxy/api/v1/query"_qs);
        QCOMPARE(server.requests[0].param(u"query"_qs), promql);
        if (kind == static_cast<int>(PrometheusError::Kind::NoRunningPod))
            QVERIFY(result.error.message.startsWith(u"Prometheus has no running pod"_qs));
        if (kind == static_cast<int>(PrometheusError::Kind::Prometheus)) {
            // Recovered from the proxy's answer although it is not a Kubernetes Status.
            QCOMPARE(result.error.errorType, u"bad_data"_qs);
            QVERIFY(result.error.message.contains(u"parse error"_qs));
        }
        if (kind == static_cast<int>(PrometheusError::Kind::None))
            QCOMPARE(result.data.series.size(), 5);
    }

    void serviceProxyNotFound()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest&, FakeExchange& exchange) {
            exchange.respond(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"services \\\"prometheus\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"prometheus\",\"kind\":\"services\"},\"code\":404}");
        });
        KubeClient kube(configFor(server.url()), fastOptions());
        PrometheusEndpoint endpoint;
        endpoint.namespaceName = u"monitoring"_qs;
        PrometheusClient client(&kube, endpoint);
        const PrometheusResult result = wait(client.query(u"up"_qs));
        QCOMPARE(result.error.kind, PrometheusError::Kind::NotFound);
        QVERIFY(result.error.message.contains(u"monitoring/prometheus"_qs));
        QVERIFY(server.requests[0].path.startsWith(u"/api/v1/namespaces/monitoring/services/prometheus:9090/proxy/"_qs));
    }

    void serviceProxyRedirectToAnotherHostIsRefused()
    {
        // Security review M7: through the API server's service proxy the query carries the
        // cluster's token; a 302 to another origin (here another loopback port) must not take it
        // along, and ends the query with an error that says so.
        FakeApiServer other;
        other.setHandler([](const FakeRequest&, FakeExchange& exchange) { exchange.respond(200, fixture(u"vector.json"_qs)); });
        FakeApiServer server;
        server.setHandler([&other](const FakeRequest& request, FakeExchange& exchange) {
            exchange.respond(302, {}, {{"Location", other.url().toEncoded() + request.path.toLatin1()}});
        });
        auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"t1"});
        KubeClient kube(configFor(server.url(), credentials), fastOptions());
        PrometheusClient client(&kube);
        PrometheusOperation* operation = client.query(u"up"_qs);
        QSignalSpy finished(operation, &PrometheusOperation::finished);
        operation->start();
        QVERIFY2(!finished.isEmpty() || finished.wait(10000), "no answer: the refused redirect must end the query");
        const PrometheusResult result = finished.first().first().value<PrometheusResult>();
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests[0].headers.value("authorization"), QByteArray("Bearer t1"));
        for (const FakeRequest& r : std::as_const(other.requests))
            QVERIFY2(!r.headers.contains("authorization"), "the token followed the redirect");
        QCOMPARE(result.error.kind, PrometheusError::Kind::Unreachable);
        QVERIFY2(result.error.message.contains(u"redirected"_qs), qPrintable(result.error.message));
    }
};

QTEST_MAIN(TestPrometheusClient)
#include "tst_prometheusclient.moc"
