// SPDX-License-Identifier: Apache-2.0
// The VMs page over a fake FleetMonitor: each action calls the monitor's method for the selected
// VMs (offboard only after the confirmation), selecting a row shows its step history and last
// errors, "Copy ssh command" puts the command on the clipboard, "Open SSH session" hands the
// argument list to the launcher, flags get an icon, entries outside the plan cannot be onboarded.

#include "fleetmonitor.h"
#include "palettecheck.h"
#include "vmspage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

namespace {

class FakeMonitor final : public FleetMonitor
{
public:
    explicit FakeMonitor(QObject* parent = nullptr)
        : FleetMonitor(parent)
        , m_model(new QStandardItemModel(0, ColumnCount, this))
    {
        addRow(u"vm-1"_qs, true, {});
        addRow(u"vm-2"_qs, true, {int(VmFlag::Kind::TokenMissing)});
        addRow(u"vm-ns/stray"_qs, false, {});
    }

    QAbstractItemModel* model() const override { return m_model; }
    Task* onboard(const QStringList& vms) override { calls << u"onboard "_qs + vms.join(u','); return nullptr; }
    Task* reonboard(const QStringList& vms) override { calls << u"reonboard "_qs + vms.join(u','); return nullptr; }
    Task* offboard(const QStringList& vms) override { calls << u"offboard "_qs + vms.join(u','); return nullptr; }
    Task* refreshToken(const QString& vm) override { calls << u"refreshToken "_qs + vm; return nullptr; }
    void probeNow(const QString& vm) override { calls << u"probeNow "_qs + vm; }
    QStringList sshArguments(const QString& vm) const override { return {u"ssh"_qs, u"-p"_qs, u"2222"_qs, u"me@"_qs + vm}; }
    QString sshCommand(const QString& vm) const override { return u"ssh -p 2222 me@"_qs + vm; }
    VmHistory stepHistory(const QString& vm) const override
    {
        VmHistory h;
        h.vm = vm;
        h.steps = {{u"preflight"_qs, u"done"_qs, u"debian 12"_qs, {}}, {u"start"_qs, u"failed"_qs, u"unit failed"_qs, {}}};
        h.lastErrors = {u"start: unit failed"_qs};
        return h;
    }

    QStringList calls;

private:
    void addRow(const QString& name, bool inPlan, const QVariantList& flags)
    {
        QList<QStandardItem*> items;
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QStandardItem(c == NameColumn ? name : QString());
            item->setData(name, NameRole);
            item->setData(inPlan, InPlanRole);
            item->setData(flags, FlagKindsRole);
            items << item;
        }
        m_model->appendRow(items);
    }
    QStandardItemModel* m_model;
};

} // namespace

class TestVmsPage final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void actionsCallTheMonitor();
    void offboardAsksFirst();
    void selectingShowsHistory();
    void copyPutsCommandOnClipboard();
    void openSessionLaunchesTerminal();
    void entriesOutsidePlanCannotBeOnboarded();
    void flagsHaveIcons();
    void followsTheDarkPalette_data();
    void followsTheDarkPalette();

private:
    void select(const QString& name);
    QAction* action(const char* name) const { return m_page->findChild<QAction*>(QString::fromLatin1(name)); }

    std::unique_ptr<VmsPage> m_page;
    FakeMonitor* m_monitor = nullptr;
    QList<QStringList> m_launched;
};

void TestVmsPage::init()
{
    m_page = std::make_unique<VmsPage>();
    m_monitor = new FakeMonitor(m_page.get());
    new QAbstractItemModelTester(m_monitor->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_monitor);
    m_launched.clear();
    m_page->setLauncher([this](const QStringList& argv, QString*) {
        m_launched << argv;
        return true;
    });
    m_page->setMonitor(m_monitor);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestVmsPage::cleanup()
{
    m_page.reset();
}

void TestVmsPage::select(const QString& name)
{
    QTableView* view = m_page->view();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data(FleetMonitor::NameRole).toString() == name) {
            view->selectRow(row);
            return;
        }
    }
    QFAIL("no such row");
}

void TestVmsPage::actionsCallTheMonitor()
{
    select(u"vm-1"_qs);
    action("onboardAction")->trigger();
    action("reonboardAction")->trigger();
    action("refreshTokenAction")->trigger();
    action("probeAction")->trigger();
    QCOMPARE(m_monitor->calls,
             (QStringList{u"onboard vm-1"_qs, u"reonboard vm-1"_qs, u"refreshToken vm-1"_qs, u"probeNow vm-1"_qs}));
}

void TestVmsPage::offboardAsksFirst()
{
    select(u"vm-2"_qs);
    action("offboardAction")->trigger();
    QVERIFY(m_monitor->calls.isEmpty());
    auto* confirm = m_page->findChild<QMessageBox*>(u"offboardConfirm"_qs);
    QVERIFY(confirm);
    QPushButton* yes = nullptr;
    for (QAbstractButton* button : confirm->buttons()) {
        if (confirm->buttonRole(button) == QMessageBox::DestructiveRole)
            yes = qobject_cast<QPushButton*>(button);
    }
    QVERIFY(yes);
    yes->click();
    QCOMPARE(m_monitor->calls, QStringList{u"offboard vm-2"_qs});
}

void TestVmsPage::selectingShowsHistory()
{
    QVERIFY(m_page->details()->toPlainText().isEmpty());
    select(u"vm-2"_qs);
    const QString text = m_page->details()->toPlainText();
    QVERIFY2(text.contains(u"start — failed: unit failed"_qs), qPrintable(text));
    QVERIFY(text.contains(u"preflight — done"_qs));
    QVERIFY(text.contains(u"start: unit failed"_qs));
}

void TestVmsPage::copyPutsCommandOnClipboard()
{
    select(u"vm-1"_qs);
    action("copySshAction")->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"ssh -p 2222 me@vm-1");
}

void TestVmsPage::openSessionLaunchesTerminal()
{
    select(u"vm-1"_qs);
    action("openSshAction")->trigger();
    QCOMPARE(m_launched, (QList<QStringList>{{u"ssh"_qs, u"-p"_qs, u"2222"_qs, u"me@vm-1"_qs}}));
}

void TestVmsPage::entriesOutsidePlanCannotBeOnboarded()
{
    select(u"vm-ns/stray"_qs);
    QVERIFY(!action("onboardAction")->isEnabled());
    QVERIFY(!action("offboardAction")->isEnabled());
    QVERIFY(action("copySshAction")->isEnabled());
    select(u"vm-1"_qs);
    QVERIFY(action("onboardAction")->isEnabled());
}

void TestVmsPage::flagsHaveIcons()
{
    const QAbstractItemModel* model = m_page->view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex flags = model->index(row, FleetMonitor::FlagsColumn);
        const bool flagged = flags.data(FleetMonitor::NameRole).toString() == u"vm-2";
        QCOMPARE(!flags.data(Qt::DecorationRole).value<QIcon>().isNull(), flagged);
    }
}

void TestVmsPage::followsTheDarkPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("Breeze Dark") << PaletteCheck::breezeDark();
    QTest::newRow("Adwaita-dark") << PaletteCheck::adwaitaDark();
}

// On a dark desktop the tab, its table, toolbar and details follow the palette: nothing keeps a
// light palette, no colour of its own loses its contrast (rows with flags and history shown).
void TestVmsPage::followsTheDarkPalette()
{
    QFETCH(QPalette, palette);
    select(u"vm-2"_qs);
    const PaletteCheck::ScopedPalette scoped(palette);
    QTRY_COMPARE(m_page->view()->palette().color(QPalette::Base), palette.color(QPalette::Base)); // delivered by events
    const QStringList problems = PaletteCheck::problems(m_page.get());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_MAIN(TestVmsPage)
#include "tst_vmspage.moc"
