// SPDX-License-Identifier: Apache-2.0
// FleetHealthModel fed by WatchCaches against a scripted API server with watch streams: a
// WorkloadEntry appearing, changing Healthy and disappearing updates one row (never a reset);
// plan VMs without an entry after onboarding, entries the Service does not select, and an entry
// with another address than planned are flagged; token flags follow the probe and the clock.

#include "fakeapiserver.h"
#include "fleethealthmodel.h"
#include "kubeclient.h"
#include "watchcache.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

namespace {

const QString entriesPath = u"/apis/networking.istio.io/v1/namespaces/vm-ns/workloadentries"_qs;
const QString servicesPath = u"/api/v1/namespaces/vm-ns/services"_qs;

QJsonObject entry(const QString& name, const QString& address, const QString& healthy,
                  const QJsonObject& labels = {{u"app"_qs, u"web"_qs}}, const QString& group = u"web"_qs)
{
    QJsonObject metadata{{u"name"_qs, name}, {u"namespace"_qs, u"vm-ns"_qs}, {u"resourceVersion"_qs, u"11"_qs}};
    if (!group.isEmpty())
        metadata.insert(u"annotations"_qs, QJsonObject{{u"istio.io/autoRegistrationGroup"_qs, group}});
    QJsonObject object{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs},
                       {u"kind"_qs, u"WorkloadEntry"_qs},
                       {u"metadata"_qs, metadata},
                       {u"spec"_qs, QJsonObject{{u"address"_qs, address}, {u"labels"_qs, labels}}}};
    if (!healthy.isEmpty())
        object.insert(u"status"_qs,
                      QJsonObject{{u"conditions"_qs,
                                   QJsonArray{QJsonObject{{u"type"_qs, u"Healthy"_qs},
                                                          {u"status"_qs, healthy},
                                                          {u"lastTransitionTime"_qs, u"2026-12-07T10:00:00Z"_qs}}}}});
    return object;
}

QByteArray watchEvent(const QString& type, const QJsonObject& object)
{
    return QJsonDocument(QJsonObject{{u"type"_qs, type}, {u"object"_qs, object}}).toJson(QJsonDocument::Compact) + '\n';
}

Plan plan()
{
    Plan p;
    p.name = u"test"_qs;
    VmGroup g;
    g.name = u"web"_qs;
    g.namespaceName = u"vm-ns"_qs;
    g.labels = {{u"app"_qs, u"web"_qs}};
    p.vmGroups = {g};
    Vm a;
    a.name = u"vm-1"_qs;
    a.group = u"web"_qs;
    a.address = u"vm-1.example"_qs;
    a.ip = u"10.0.0.1"_qs;
    Vm b = a;
    b.name = u"vm-2"_qs;
    b.address = u"vm-2.example"_qs;
    b.ip = u"10.0.0.2"_qs;
    p.vms = {a, b};
    return p;
}

OnboardState onboarded()
{
    OnboardState state;
    for (const QString& vm : {u"vm-1"_qs, u"vm-2"_qs})
        state.vm(vm).steps[stepKey(StepKind::Start)] = StepRecord{StepState::Done, {}, u"active"_qs, {}};
    return state;
}

QList<VmFlag::Kind> kinds(const QList<VmFlag>& flags)
{
    QList<VmFlag::Kind> result;
    for (const VmFlag& f : flags)
        result << f.kind;
    return result;
}

} // namespace

class TestFleetHealthModel final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void entryLifecycleUpdatesOneRow();
    void labelsNotSelectedFlagged();
    void addressMismatchFlagged();
    void tokenFlagsFollowProbeAndClock();

private:
    void start(const QJsonArray& entries, const QJsonArray& services = {});

    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
    QHash<QString, FakeExchange> m_streams;
    QJsonArray m_entries;
    QJsonArray m_services;
    FleetHealthModel* m_model = nullptr;
    WatchCache* m_cache = nullptr;
};

void TestFleetHealthModel::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_streams.clear();
    m_server->setHandler([this](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.param(u"watch"_qs) == u"1") {
            x.startStream();
            m_streams.insert(r.path, x);
            return;
        }
        const bool entries = r.path == entriesPath;
        x.respondJson(200, {{u"kind"_qs, entries ? u"WorkloadEntryList"_qs : u"ServiceList"_qs},
                            {u"apiVersion"_qs, entries ? u"networking.istio.io/v1"_qs : u"v1"_qs},
                            {u"metadata"_qs, QJsonObject{{u"resourceVersion"_qs, u"10"_qs}}},
                            {u"items"_qs, entries ? m_entries : m_services}});
    });
    RestConfig config;
    config.server = m_server->url();
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    KubeClientOptions options;
    options.qps = 0;
    m_client = std::make_unique<KubeClient>(config, options);
    m_model = new FleetHealthModel(m_client.get());
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestFleetHealthModel::cleanup()
{
    m_client.reset(); // the model and cache are its children
    m_server.reset();
}

void TestFleetHealthModel::start(const QJsonArray& entries, const QJsonArray& services)
{
    m_entries = entries;
    m_services = services;
    m_model->setPlan(plan(), onboarded());
    WatchCache::Options options;
    options.namespaceName = u"vm-ns"_qs;
    m_cache = new WatchCache(m_client.get(), {{u"networking.istio.io"_qs, u"WorkloadEntry"_qs}, {{}, u"Service"_qs}},
                             options, m_client.get());
    connect(m_cache, &WatchCache::changed, m_model, &FleetHealthModel::applyChanges);
    connect(m_cache, &WatchCache::synced, m_model, [this] { m_model->setEntriesSynced(true); });
    QSignalSpy synced(m_cache, &WatchCache::synced);
    m_cache->start();
    QVERIFY(synced.wait());
    QTRY_VERIFY(m_streams.contains(entriesPath) && m_streams.contains(servicesPath));
    QTRY_COMPARE(m_model->rowCount(), 2);
}

void TestFleetHealthModel::entryLifecycleUpdatesOneRow()
{
    start({});
    QTRY_COMPARE(kinds(m_model->flags(u"vm-1"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::NoWorkloadEntry});
    QCOMPARE(m_model->index(0, FleetMonitor::HealthColumn).data().toString(), u"no entry");

    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);

    // Appears, healthy: vm-1's row changes, nothing else.
    m_streams[entriesPath].send(watchEvent(u"ADDED"_qs, entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"True"_qs)));
    QTRY_COMPARE(m_model->index(0, 0).data(FleetMonitor::HealthyRole).toString(), u"True");
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 0);
    QCOMPARE(m_model->index(0, 0).data(FleetMonitor::EntryRole).toString(), u"vm-ns/web-10.0.0.1");
    QVERIFY(m_model->flags(u"vm-1"_qs).isEmpty());
    QVERIFY(m_model->index(0, FleetMonitor::HealthColumn).data().toString().startsWith(u"True · "));

    // Turns unhealthy.
    m_streams[entriesPath].send(watchEvent(u"MODIFIED"_qs, entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"False"_qs)));
    QTRY_COMPARE(m_model->index(0, 0).data(FleetMonitor::HealthyRole).toString(), u"False");
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);

    // An entry no plan VM is: a row of its own, inserted; then removed.
    const QJsonObject stray = entry(u"stray"_qs, u"10.9.9.9"_qs, u"True"_qs, {{u"app"_qs, u"web"_qs}}, {});
    m_streams[entriesPath].send(watchEvent(u"ADDED"_qs, stray));
    QTRY_COMPARE(m_model->rowCount(), 3);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->index(2, 0).data().toString(), u"vm-ns/stray");
    QCOMPARE(m_model->index(2, 0).data(FleetMonitor::InPlanRole).toBool(), false);
    m_streams[entriesPath].send(watchEvent(u"DELETED"_qs, stray));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QCOMPARE(removed.size(), 1);

    // vm-1's entry goes: flagged again, one row changed.
    const int before = int(changed.size());
    m_streams[entriesPath].send(watchEvent(u"DELETED"_qs, entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"False"_qs)));
    QTRY_COMPARE(kinds(m_model->flags(u"vm-1"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::NoWorkloadEntry});
    QCOMPARE(changed.size(), before + 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
}

void TestFleetHealthModel::labelsNotSelectedFlagged()
{
    const QJsonObject service{{u"metadata"_qs, QJsonObject{{u"name"_qs, u"web"_qs}, {u"namespace"_qs, u"vm-ns"_qs}}},
                              {u"spec"_qs, QJsonObject{{u"selector"_qs, QJsonObject{{u"app"_qs, u"web"_qs}}}}}};
    start({entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"True"_qs, {{u"app"_qs, u"other"_qs}}),
           entry(u"web-10.0.0.2"_qs, u"10.0.0.2"_qs, u"True"_qs)},
          {service});
    QTRY_COMPARE(kinds(m_model->flags(u"vm-1"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::LabelsNotSelected});
    QVERIFY(m_model->flags(u"vm-2"_qs).isEmpty());
    const QStringList texts = m_model->index(0, 0).data(FleetMonitor::FlagTextsRole).toStringList();
    QCOMPARE(texts.size(), 1);
    QVERIFY2(texts.first().contains(u"app=web"), qPrintable(texts.first()));
    QVERIFY(!m_model->index(0, FleetMonitor::FlagsColumn).data(Qt::ToolTipRole).toString().isEmpty());
}

void TestFleetHealthModel::addressMismatchFlagged()
{
    start({entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"True"_qs),
           entry(u"web-192.168.7.5"_qs, u"192.168.7.5"_qs, u"True"_qs)});
    QTRY_COMPARE(kinds(m_model->flags(u"vm-2"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::AddressMismatch});
    QCOMPARE(m_model->rowCount(), 2); // the entry is vm-2's, not a row of its own
    QCOMPARE(m_model->index(1, 0).data(FleetMonitor::EntryRole).toString(), u"vm-ns/web-192.168.7.5");
    QVERIFY(m_model->flags(u"vm-1"_qs).isEmpty());
}

void TestFleetHealthModel::tokenFlagsFollowProbeAndClock()
{
    start({entry(u"web-10.0.0.1"_qs, u"10.0.0.1"_qs, u"True"_qs), entry(u"web-10.0.0.2"_qs, u"10.0.0.2"_qs, u"True"_qs)});
    QDateTime now = QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);
    m_model->setClock([&now] { return now; });
    VmHealth missing;
    missing.unitState = u"active"_qs;
    missing.ready = true;
    missing.token = VmHealth::Token::Missing;
    m_model->setHealth(u"vm-1"_qs, missing);
    VmHealth present = missing;
    present.token = VmHealth::Token::Present;
    present.tokenExpiry = now.addSecs(600);
    m_model->setHealth(u"vm-2"_qs, present);
    QTRY_COMPARE(kinds(m_model->flags(u"vm-1"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::TokenMissing});
    QVERIFY(m_model->flags(u"vm-2"_qs).isEmpty());
    QCOMPARE(m_model->index(1, FleetMonitor::TokenColumn).data().toString(), u"in 10 min");
    QCOMPARE(m_model->index(1, FleetMonitor::SidecarColumn).data().toString(), u"active, ready");
    now = now.addSecs(3600);
    m_model->setHealth(u"vm-2"_qs, present); // any input re-judges
    QTRY_COMPARE(kinds(m_model->flags(u"vm-2"_qs)), QList<VmFlag::Kind>{VmFlag::Kind::TokenExpired});
    QCOMPARE(m_model->index(1, FleetMonitor::TokenColumn).data().toString(), u"expired");
    m_model->setClock([] { return QDateTime::currentDateTimeUtc(); }); // now goes out of scope
}

QTEST_GUILESS_MAIN(TestFleetHealthModel)
#include "tst_fleethealthmodel.moc"
