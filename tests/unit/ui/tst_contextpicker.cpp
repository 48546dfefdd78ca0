// SPDX-License-Identifier: Apache-2.0
// ContextPicker over a fake ConnectionService: the contexts in the combo box (cluster and user in
// the tooltip), choosing one calls useContext (filling the box does not), the state and the
// one-line summary, the error with its fix, Reconnect.
#include "contextpicker.h"
#include "palettecheck.h"

#include "connectionservice.h"

#include <QApplication>
#include <QComboBox>
#include <QTest>
#include <QToolButton>

namespace {

class FakeConnectionService final : public ConnectionService
{
public:
    void setPlan(const Plan&) override { }
    QList<KubeContextInfo> contexts() const override { return m_contexts; }
    ConnectionInfo info() const override { return m_info; }
    void useContext(const QString& name) override { used.append(name); }
    void reconnect() override { ++reconnects; }

    void setContexts(QList<KubeContextInfo> contexts)
    {
        m_contexts = std::move(contexts);
        emit contextsChanged();
    }
    void setInfo(ConnectionInfo info)
    {
        m_info = std::move(info);
        emit infoChanged();
    }

    QStringList used;
    int reconnects = 0;

private:
    QList<KubeContextInfo> m_contexts;
    ConnectionInfo m_info;
};

KubeContextInfo context(const QString& name, const QString& cluster, const QString& user)
{
    KubeContextInfo c;
    c.name = name;
    c.cluster = cluster;
    c.user = user;
    c.server = u"https://"_qs + cluster + u":6443"_qs;
    c.file = u"/home/someone/.kube/config"_qs;
    return c;
}

} // namespace

class TestContextPicker final : public QObject
{
    Q_OBJECT

private slots:
    void listsContextsAndSwitches()
    {
        FakeConnectionService service;
        ContextPicker picker(&service);
        ConnectionInfo info;
        info.state = ConnectionInfo::State::Connecting;
        info.context = u"lab"_qs;
        service.setInfo(info);
        service.setContexts({context(u"lab"_qs, u"lab-cluster"_qs, u"admin"_qs), context(u"prod"_qs, u"gke"_qs, u"alice"_qs)});

        QComboBox* box = picker.comboBox();
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(0), u"lab"_qs);
        QCOMPARE(box->itemText(1), u"prod"_qs);
        QCOMPARE(box->currentText(), u"lab"_qs);
        const QString tip = box->itemData(1, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"gke"_qs) && tip.contains(u"alice"_qs), qPrintable(tip));
        QVERIFY(service.used.isEmpty()); // filling the box is not choosing

        // The user picks another one (activated is what a click or a key emits).
        box->setCurrentIndex(1);
        emit box->activated(1);
        QCOMPARE(service.used, QStringList{u"prod"_qs});

        picker.reconnectButton()->click();
        QCOMPARE(service.reconnects, 1);
    }

    void showsStateAndSummary()
    {
        FakeConnectionService service;
        ContextPicker picker(&service);
        QCOMPARE(picker.stateText(), u"Not connected"_qs);

        ConnectionInfo info;
        info.state = ConnectionInfo::State::Connecting;
        service.setInfo(info);
        QCOMPARE(picker.stateText(), u"Connecting…"_qs);

        info.state = ConnectionInfo::State::Connected;
        info.context = u"lab"_qs;
        info.server = u"https://10.0.0.1:6443"_qs;
        info.kubernetesVersion = u"v1.30.2"_qs;
        info.istioVersion = u"1.29.2"_qs;
        info.istioRevision = u"default"_qs;
        info.user = u"admin"_qs;
        info.defaultNamespace = u"default"_qs;
        service.setInfo(info);
        QCOMPARE(picker.stateText(), u"Connected"_qs);
        QCOMPARE(picker.summaryText(),
                 u"https://10.0.0.1:6443 · Kubernetes v1.30.2 · Istio 1.29.2 (rev default) · admin · default"_qs);
        QVERIFY(!picker.detailsButton()->isEnabled()); // nothing to tell

        info.state = ConnectionInfo::State::Failed;
        info.error = u"The API server https://10.0.0.1:6443 did not answer within 20 s."_qs;
        info.fix = u"Check that it is running and reachable from this machine."_qs;
        service.setInfo(info);
        QCOMPARE(picker.stateText(), u"Failed"_qs);
        QCOMPARE(picker.summaryText(), info.error);
        QVERIFY(picker.detailsText().contains(info.error));
        QVERIFY(picker.detailsText().contains(info.fix));
        QVERIFY(picker.detailsButton()->isEnabled());
    }

    // Every state's dot keeps 3:1 on the toolbar, on the light palette and on dark desktops, and
    // follows a palette switched while the window is open.
    void followsThePalette_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << QApplication::palette();
        QTest::newRow("Breeze Dark") << PaletteCheck::breezeDark();
        QTest::newRow("Adwaita-dark") << PaletteCheck::adwaitaDark();
    }

    void followsThePalette()
    {
        QFETCH(QPalette, palette);
        FakeConnectionService service;
        ContextPicker picker(&service);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        const PaletteCheck::ScopedPalette scoped(palette);
        QTRY_COMPARE(picker.palette().color(QPalette::Base), palette.color(QPalette::Base)); // delivered by events
        ConnectionInfo info;
        info.warnings = QStringList{u"no istiod"_qs};
        for (const auto state : {ConnectionInfo::State::Disconnected, ConnectionInfo::State::Connecting,
                                 ConnectionInfo::State::Connected, ConnectionInfo::State::Failed}) {
            info.state = state;
            service.setInfo(info);
            const QStringList problems = PaletteCheck::problems(&picker);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        }
    }
};

QTEST_MAIN(TestContextPicker)
#include "tst_contextpicker.moc"
