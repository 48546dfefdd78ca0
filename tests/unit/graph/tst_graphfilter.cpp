// SPDX-License-Identifier: Apache-2.0
#include "graphfilter.h"
#include "graphstyle.h"

#include <QTest>

// The find/hide language of graphfilter.h over a small bookinfo mesh with a VM: which nodes and
// edges each expression selects (every operator, unit, flag, precedence and quoting rule) and,
// for bad expressions, the 1-based column and the message that tells the user what to write.

namespace {

GraphNode node(const QString& id, GraphNode::Kind kind, GraphHealth health)
{
    GraphNode n;
    n.id = id;
    n.kind = kind;
    n.health = health;
    n.namespaceName = u"bookinfo"_qs;
    n.cluster = u"Kubernetes"_qs;
    return n;
}

GraphNode workload(const QString& name, GraphHealth health, double inRate, double outRate)
{
    GraphNode n = node(u"wl_Kubernetes_bookinfo_"_qs + name, GraphNode::Kind::Workload, health);
    n.workload = name;
    n.app = name.section(u'-', 0, 0);
    n.version = name.section(u'-', 1);
    n.podsDesired = n.podsReady = 1;
    n.inboundRate = inRate;
    n.outboundRate = outRate;
    return n;
}

// productpage-v1, reviews-v1 (pods), reviews-vm (a VM workload), ratings-v1 (pods and a VM:
// mixed), details (a service node), api.example.com (a ServiceEntry), and an unknown caller.
const TrafficGraph& graph()
{
    static const TrafficGraph g = [] {
        TrafficGraph g;
        GraphNode vm = workload(u"reviews-vm"_qs, GraphHealth::Degraded, 3, 0);
        vm.kind = GraphNode::Kind::VmWorkload;
        vm.isVm = true;
        vm.podsDesired = vm.podsReady = 0;
        vm.vmEntries = 1;
        GraphNode mixed = workload(u"ratings-v1"_qs, GraphHealth::Failure, 0.5, 0);
        mixed.isVm = true;
        mixed.vmEntries = 1;
        GraphNode details = node(u"svc_Kubernetes_bookinfo_details"_qs, GraphNode::Kind::Service, GraphHealth::NotReady);
        details.service = u"details"_qs;
        GraphNode external = node(u"svc_unknown_bookinfo_api.example.com"_qs, GraphNode::Kind::ServiceEntry,
                                  GraphHealth::NotAvailable);
        external.service = u"api.example.com"_qs;
        external.cluster = u"unknown"_qs;
        GraphNode caller = node(u"Kubernetes_unknown_source"_qs, GraphNode::Kind::Unknown, GraphHealth::NotAvailable);
        caller.namespaceName = u"unknown"_qs;
        g.nodes = {workload(u"productpage-v1"_qs, GraphHealth::Healthy, 10, 5), workload(u"reviews-v1"_qs, GraphHealth::Healthy, 2, 0.5),
                   vm, mixed, details, external, caller};

        const auto edge = [&](int from, int to, const QString& protocol, double rate, double errors, double share) {
            GraphEdge e;
            e.source = g.nodes[from].id;
            e.destination = g.nodes[to].id;
            e.protocol = protocol;
            (protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate) = rate;
            e.errorRate = errors;
            e.sharePercent = share;
            return e;
        };
        GraphEdge toPods = edge(0, 1, u"http"_qs, 2, 0.2, 40);
        toPods.p95Ms = 25;
        toPods.p99Ms = 120;
        toPods.configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"v1"_qs, 50, 40, false};
        GraphEdge toVm = edge(0, 2, u"http"_qs, 3, 0, 60);
        toVm.p95Ms = 1500;
        toVm.p99Ms = 2500;
        toVm.configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"vm"_qs, 50, 60, true};
        GraphEdge grpc = edge(1, 3, u"grpc"_qs, 0.5, 0.0125, 100);
        grpc.p95Ms = 8;
        g.edges = {edge(6, 0, u"http"_qs, 10, 0, 100),     // unknown > productpage-v1: no latency (NaN)
                   toPods, toVm,
                   edge(2, 3, u"tcp"_qs, 2048, 0, 0),       // reviews-vm > ratings-v1
                   grpc,                                    // reviews-v1 > ratings-v1
                   edge(0, 4, u"http"_qs, 0, 0, 0),         // productpage-v1 > details: idle
                   edge(3, 5, u"tcp"_qs, 1572864, 0, 0)};   // ratings-v1 > api.example.com: 1.5 MB/s
        return g;
    }();
    return g;
}

QString edgeName(const GraphEdge& e)
{
    return GraphStyle::nodeLabel(*graph().node(e.source)) + u'>' + GraphStyle::nodeLabel(*graph().node(e.destination));
}

QStringList matchingNodes(const GraphFilter& filter)
{
    QStringList names;
    for (const GraphNode& n : graph().nodes) {
        if (filter.matchesNode(n))
            names.append(GraphStyle::nodeLabel(n));
    }
    return names;
}

QStringList matchingEdges(const GraphFilter& filter)
{
    QStringList names;
    for (const GraphEdge& e : graph().edges) {
        if (filter.matchesEdge(e))
            names.append(edgeName(e));
    }
    return names;
}

// Short names for the expected lists.
const QString pp = u"productpage-v1"_qs, rv1 = u"reviews-v1"_qs, rvm = u"reviews-vm"_qs, rat = u"ratings-v1"_qs,
              det = u"details"_qs, api = u"api.example.com"_qs, unk = u"unknown"_qs;
const QString e0 = u"unknown>productpage-v1"_qs, e1 = u"productpage-v1>reviews-v1"_qs,
              e2 = u"productpage-v1>reviews-vm"_qs, e3 = u"reviews-vm>ratings-v1"_qs, e4 = u"reviews-v1>ratings-v1"_qs,
              e5 = u"productpage-v1>details"_qs, e6 = u"ratings-v1>api.example.com"_qs;

} // namespace

class TestGraphFilter final : public QObject
{
    Q_OBJECT

private slots:
    void nodes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("expected");
        const auto row = [](const char* expr, QStringList expected) {
            QTest::newRow(expr) << QString::fromUtf8(expr) << expected;
        };
        // name: the label or the id; = exact without case; ~ contains, or a glob over the whole value
        row("name = reviews-v1", {rv1});
        row("name = REVIEWS-V1", {rv1});
        row("name = review", {});
        row("name = wl_Kubernetes_bookinfo_reviews-vm", {rvm});
        row("name = unknown", {unk});
        row("name != reviews-v1", {pp, rvm, rat, det, api, unk});
        row("name ~ review", {rv1, rvm});
        row("name ~ REV*", {rv1, rvm});
        row("name ~ *-v1", {pp, rv1, rat});
        row("name ~ *-v?", {pp, rv1, rvm, rat});
        row("name ~ example", {api});
        row("name ~ 'api?example*'", {api});
        row("name ~ 'api.ex'", {api});
        row("name ~ 'a.i'", {});          // '.' is literal, not a regex
        row("name ~ bookinfo_det", {det}); // contains, over the id too
        // the other text attributes
        row("namespace = bookinfo", {pp, rv1, rvm, rat, det, api});
        row("ns = unknown", {unk});
        row("namespace != bookinfo", {unk});
        row("app = reviews", {rv1, rvm});
        row("version = vm", {rvm});
        row("workload ~ ratings", {rat});
        row("service = details", {det});
        row("cluster != kubernetes", {api});
        // kind and health
        row("kind = vm", {rvm, rat});
        row("kind = workload", {pp, rv1, rat});
        row("kind = service", {det});
        row("kind = ServiceEntry", {api});
        row("kind = 'service-entry'", {api});
        row("kind = unknown", {unk});
        row("kind != vm", {pp, rv1, det, api, unk});
        row("health = healthy", {pp, rv1});
        row("health = Degraded", {rvm});
        row("health = failure", {rat});
        row("health = 'Not Ready'", {det});
        row("health = notready", {det});
        row("health = na", {api, unk});
        row("health = N/A", {api, unk});
        row("health != healthy", {rvm, rat, det, api, unk});
        // rates, with and without units
        row("inrate > 2", {pp, rvm});
        row("inrate >= 2", {pp, rv1, rvm});
        row("inrate < 1", {rat, det, api, unk});
        row("inrate <= 0.5", {rat, det, api, unk});
        row("inrate = 3rps", {rvm});
        row("inrate = 3RPS", {rvm});
        row("inrate != 0", {pp, rv1, rvm, rat});
        row("outrate > '0.4 req/s'", {pp, rv1});
        row("inrate > 1e1", {});
        row("inrate > .4", {pp, rv1, rvm, rat});
        // flags
        row("vm", {rvm, rat});
        row("mixed", {rat});
        row("healthy", {pp, rv1});
        row("unhealthy", {rvm, rat, det});
        row("not vm", {pp, rv1, det, api, unk});
        row("! vm", {pp, rv1, det, api, unk});
        row("not not vm", {rvm, rat});
        // precedence: not > and > or
        row("not vm and healthy", {pp, rv1});
        row("not (vm and healthy)", {pp, rv1, rvm, rat, det, api, unk});
        row("vm or healthy and app = productpage", {pp, rvm, rat});
        row("(vm or healthy) and app = reviews", {rv1, rvm});
        row("healthy or vm and mixed", {pp, rv1, rat});
        row("(healthy or vm) and mixed", {rat});
        row("not (vm or healthy)", {det, api, unk});
        row("vm and not mixed", {rvm});
        row("vm || healthy && app = productpage", {pp, rvm, rat});
        row("NOT vm AND healthy OR kind = unknown", {pp, rv1, unk});
        row("((vm))", {rvm, rat});
        // quoting and keywords as values
        row("name = \"api.example.com\"", {api});
        row("name='reviews-vm'", {rvm});
        row("namespace = \"book info\"", {});
        row("name = 'it\\'s'", {});
        row("name = and", {});
        row("name = \"or\" or vm", {rvm, rat});
        row("name=reviews-v1||name=reviews-vm", {rv1, rvm});
    }

    void nodes()
    {
        QFETCH(QString, expression);
        QFETCH(QStringList, expected);
        GraphFilterError error;
        const std::optional<GraphFilter> filter = GraphFilter::parse(expression, &error);
        QVERIFY2(filter, qPrintable(u"column %1: %2"_qs.arg(error.column).arg(error.message)));
        QVERIFY(filter->target() == GraphFilter::Target::Nodes);
        QCOMPARE(matchingNodes(*filter), expected);
        QVERIFY(matchingEdges(*filter).isEmpty()); // a node expression never selects edges
    }

    void edges_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("expected");
        const auto row = [](const char* expr, QStringList expected) {
            QTest::newRow(expr) << QString::fromUtf8(expr) << expected;
        };
        row("rate > 1", {e0, e1, e2});
        row("rate >= 2", {e0, e1, e2});
        row("rate = 2rps", {e1});
        row("rate < 1", {e3, e4, e5, e6});
        row("rate <= 0.5", {e3, e4, e5, e6});
        row("rate != 0", {e0, e1, e2, e4});
        row("rate > '0.4 req/s'", {e0, e1, e2, e4});
        // error % = errorRate / requestRate; "=" tolerates rounding (0.2 / 2 * 100)
        row("error > 5", {e1});
        row("error >= 2%", {e1, e4});
        row("error = 10%", {e1});
        row("error = 2.5", {e4});
        row("share < 50%", {e1, e3, e5, e6});
        row("share = 100", {e0, e4});
        // latency: ms by default, s converted; an unknown latency (NaN) matches no comparison
        row("p95 > 100ms", {e2});
        row("p95 > 1s", {e2});
        row("p95 < 1.5s", {e1, e4});
        row("p95 <= 1.5S", {e1, e2, e4});
        row("p95 = 0.025s", {e1});
        row("p95 != 25", {e2, e4});
        row("not p95 > 0", {e0, e3, e5, e6});
        row("p99 >= 2.5s", {e2});
        row("p99 = 120ms", {e1});
        row("p99 > 0", {e1, e2});
        // tcp bytes/s, 1024-based units
        row("tcp > 1KB/s", {e3, e6});
        row("tcp >= 2KB/s", {e3, e6});
        row("tcp = 2048", {e3});
        row("tcp = 2kb/s", {e3});
        row("tcp = '2048 B/s'", {e3});
        row("tcp > 1MB/s", {e6});
        row("tcp = 1.5MB/s", {e6});
        row("tcp > 0.001GB/s", {e6});
        row("tcp < 2048B/s", {e0, e1, e2, e4, e5});
        // protocol
        row("protocol = tcp", {e3, e6});
        row("protocol = GRPC", {e4});
        row("protocol != http", {e3, e4, e6});
        row("protocol ~ t", {e0, e1, e2, e3, e5, e6});
        row("protocol ~ '*c'", {e4});
        // configured weights: an edge without one matches no weight comparison
        row("weight = 50", {e1, e2});
        row("weight = 50%", {e1, e2});
        row("weight != 50", {});
        row("weight < 100", {e1, e2});
        row("not weight = 50", {e0, e3, e4, e5, e6});
        // flags
        row("drift", {e2});
        row("weighted", {e1, e2});
        row("idle", {e5});
        row("not idle", {e0, e1, e2, e3, e4, e6});
        row("weighted and not drift", {e1});
        row("drift or idle", {e2, e5});
        // precedence
        row("protocol = tcp or rate > 1 and error > 5", {e1, e3, e6});
        row("(protocol = tcp or rate > 1) and error > 5", {e1});
        row("protocol = tcp or rate > 2 and not weighted", {e0, e3, e6});
        row("!(rate>1)&&!idle", {e3, e4, e6});
    }

    void edges()
    {
        QFETCH(QString, expression);
        QFETCH(QStringList, expected);
        GraphFilterError error;
        const std::optional<GraphFilter> filter = GraphFilter::parse(expression, &error);
        QVERIFY2(filter, qPrintable(u"column %1: %2"_qs.arg(error.column).arg(error.message)));
        QVERIFY(filter->target() == GraphFilter::Target::Edges);
        QCOMPARE(matchingEdges(*filter), expected);
        QVERIFY(matchingNodes(*filter).isEmpty()); // an edge expression never selects nodes
    }

    void emptyExpressionMatchesNothing_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("empty") << QString();
        QTest::newRow("blanks") << u"  \t "_qs;
    }

    void emptyExpressionMatchesNothing()
    {
        QFETCH(QString, expression);
        GraphFilterError error{7, u"stale"_qs};
        const std::optional<GraphFilter> filter = GraphFilter::parse(expression, &error);
        QVERIFY(filter);
        QVERIFY(filter->isEmpty());
        QVERIFY(filter->target() == GraphFilter::Target::None);
        QVERIFY(matchingNodes(*filter).isEmpty());
        QVERIFY(matchingEdges(*filter).isEmpty());
        QVERIFY(!GraphFilter().matchesNode(graph().nodes[0])); // a default filter too
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("says"); // all of these, in the message
        const auto row = [](const char* expr, int column, const QString& says) {
            QTest::newRow(expr) << QString::fromUtf8(expr) << column << says.split(u'|');
        };
        // unknown attribute: every valid one is listed, by target
        row("foo = 1", 1, u"unknown attribute 'foo'|node attributes are name, namespace, ns, app, version, workload, "
                          "service, cluster, kind, health, inrate, outrate|node flags are vm, mixed, healthy, unhealthy"
                          "|edge attributes are rate, error, share, p95, p99, tcp, protocol, weight"
                          "|edge flags are drift, weighted, idle"_qs);
        row("weight = 50 and colour = red", 17, u"unknown attribute 'colour'"_qs);
        // missing value, operator or term
        row("rate >", 7, u"missing value after 'rate >'"_qs);
        row("name = (", 8, u"missing value after 'name ='"_qs);
        row("(rate >)", 8, u"missing value after 'rate >'"_qs);
        row("rate", 5, u"'rate' needs an operator (=, !=, >, >=, <, <=, ~) and a value"_qs);
        row("rate 5", 6, u"'rate' needs an operator"_qs);
        row("vm and", 7, u"expected an attribute or a flag, found the end|node attributes are name"_qs);
        row("rate > 1 or", 12, u"expected an attribute or a flag, found the end"_qs);
        row("not", 4, u"expected an attribute or a flag"_qs);
        row("()", 2, u"expected an attribute or a flag, found ')'"_qs);
        row("= 5", 1, u"expected an attribute or a flag, found '='"_qs);
        row("vm healthy", 4, u"expected 'and', 'or' or the end of the expression before 'healthy'"_qs);
        row("(vm healthy)", 5, u"expected 'and', 'or' or ')' before 'healthy'"_qs);
        // parentheses
        row("(rate > 1", 1, u"unbalanced '('"_qs);
        row("((vm) or (healthy)", 1, u"unbalanced '('"_qs);
        row("rate > 1)", 9, u"unbalanced ')'"_qs);
        row("vm or healthy))", 14, u"unbalanced ')'"_qs);
        // node and edge terms mixed: both terms are named
        row("name = a and rate > 1", 14, u"'rate > 1' is an edge term but 'name = a' is a node term"_qs);
        row("drift or vm", 10, u"'vm' is a node term but 'drift' is an edge term"_qs);
        row("(vm or p95>100ms)", 8, u"'p95>100ms' is an edge term but 'vm' is a node term"_qs);
        // numbers and units
        row("rate > abc", 8, u"bad number 'abc' for 'rate'|rps or req/s"_qs);
        row("p95 > 5xs", 7, u"bad number '5xs' for 'p95'|ms or s"_qs);
        row("tcp > 5%", 7, u"bad number '5%' for 'tcp'|B/s or KB/s or MB/s or GB/s"_qs);
        row("error > 5ms", 9, u"bad number '5ms' for 'error'|%"_qs);
        row("rate > 1.2.3", 8, u"bad number '1.2.3'"_qs);
        row("rate >= -", 9, u"bad number '-'"_qs);
        row("inrate > 1e999", 10, u"bad number '1e999'"_qs);
        // enumerations list their values
        row("health = great", 10, u"unknown health 'great': valid values are healthy, degraded, failure, notready, na"_qs);
        row("kind = pod", 8, u"unknown kind 'pod': valid values are workload, vm, service, serviceentry, unknown"_qs);
        // operators that do not fit the attribute
        row("name > a", 6, u"'name' compares with =, !=, ~, not '>'"_qs);
        row("rate ~ 1", 6, u"'rate' compares with =, !=, >, >=, <, <=, not '~'"_qs);
        row("kind < vm", 6, u"'kind' compares with =, !=, not '<'"_qs);
        row("vm = true", 4, u"'vm' is a flag and takes no value: write 'vm' or 'not vm'"_qs);
        // lexical
        row("name = \"abc", 8, u"the quote \" is never closed"_qs);
        row("name = 'abc\\'", 8, u"the quote ' is never closed"_qs);
        row("vm & healthy", 4, u"'&' alone is not an operator: write '&&' or 'and'"_qs);
        row("vm | healthy", 4, u"'|' alone is not an operator: write '||' or 'or'"_qs);
    }

    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(int, column);
        QFETCH(QStringList, says);
        GraphFilterError error;
        QVERIFY(!GraphFilter::parse(expression, &error));
        QVERIFY(!GraphFilter::parse(expression)); // no error pointer: still refused, no crash
        for (const QString& part : says)
            QVERIFY2(error.message.contains(part), qPrintable(error.message));
        QCOMPARE(error.column, column);
    }

    void deepNestingIsRefused()
    {
        // Pasted garbage must not exhaust the stack.
        GraphFilterError error;
        QVERIFY(!GraphFilter::parse(QString(100000, u'('), &error));
        QCOMPARE(error.column, 102);
        QVERIFY2(error.message.contains(u"nested too deeply"_qs), qPrintable(error.message));
        const QString fifty = QString(50, u'(') + u"vm"_qs + QString(50, u')');
        QVERIFY(GraphFilter::parse(fifty)); // but reasonable nesting is fine
    }
};

QTEST_APPLESS_MAIN(TestGraphFilter)
#include "tst_graphfilter.moc"
