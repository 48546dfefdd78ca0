// SPDX-License-Identifier: Apache-2.0
// The wizard's plan pages offscreen (qtbase tst_qwizard's way: show, click Next, check the page):
// mesh → gateway → group → VMs → package, each blocking Next on invalid input, the sample CA
// refused until acknowledged, "Test connection" with a host-key question, the previews.
#include "scriptedonboardingservice.h"

#include "gatewaypage.h"
#include "groupcolumndelegate.h"
#include "grouppage.h"
#include "meshpage.h"
#include "onboardingwizard.h"
#include "packagepage.h"
#include "pagepreview.h"
#include "sshconfigimport.h"
#include "vmlistpage.h"
#include "wizardcontext.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <memory>

class TestPlanPages final : public QObject
{
    Q_OBJECT

private:
    template<class T>
    static T* child(QWidget* page, const char* name)
    {
        T* w = page->findChild<T*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    static void clickNext(QWizard& wizard)
    {
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    }

    static void retype(QLineEdit* edit, const QString& text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
    }

    void nextThroughThePages()
    {
        ScriptedOnboardingService service;
        service.probeAsks = Question::Kind::HostKey;
        VmProbeInfo info;
        info.os = u"Debian GNU/Linux 12 (bookworm)"_qs;
        info.architecture = u"amd64"_qs;
        info.systemd = true;
        info.freeDiskBytes = qint64(8) << 30;
        info.clockSkewSeconds = 0.5;
        info.gatewayDiscoveryReachable = true;
        service.probeResults.insert(u"web-1"_qs, info);

        Plan plan;
        plan.mesh.istioVersion = u"1.29.2"_qs;
        OnboardingWizard wizard(plan, QString(), &service);
        wizard.setStartId(OnboardingWizard::MeshPageId);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QAbstractButton* next = wizard.button(QWizard::NextButton);

        // --- mesh: the sample CA is refused until acknowledged --------------------------------
        auto* mesh = qobject_cast<MeshPage*>(wizard.currentPage());
        QVERIFY(mesh);
        QVERIFY(next->isEnabled());
        auto* preview = child<PagePreview>(mesh, "preview");
        QTRY_VERIFY(preview->text().contains(u"kind: IstioOperator"_qs));
        QVERIFY(child<QPushButton>(preview, "exportButton")->isEnabled());

        const QString samples = QFINDTESTDATA("../../data/istio-samples/root-cert.pem").section(u'/', 0, -2);
        child<QGroupBox>(mesh, "pluginCaGroup")->setChecked(true);
        QVERIFY(!next->isEnabled()); // four files needed
        QTest::keyClicks(child<QLineEdit>(mesh, "rootCert"), samples + u"/root-cert.pem"_qs);
        QTest::keyClicks(child<QLineEdit>(mesh, "caCert"), samples + u"/ca-cert.pem"_qs);
        QTest::keyClicks(child<QLineEdit>(mesh, "caKey"), samples + u"/ca-key.pem"_qs);
        QTest::keyClicks(child<QLineEdit>(mesh, "certChain"), samples + u"/ca-cert.pem"_qs);
        QCOMPARE(mesh->sampleFields(), (QStringList{u"rootCert"_qs, u"caCert"_qs, u"certChain"_qs}));
        QVERIFY(!next->isEnabled());
        auto* warning = child<QLabel>(mesh, "sampleWarning");
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(u"widely distributed"_qs));
        auto* acknowledge = child<QCheckBox>(mesh, "acknowledgeSamples");
        QVERIFY(acknowledge->isVisible());
        acknowledge->click();
        QVERIFY(next->isEnabled());
        QVERIFY(wizard.context()->plan().pluginCa->allowSampleCertificates);
        // A bad version blocks too.
        retype(child<QLineEdit>(mesh, "istioVersion"), u"latest"_qs);
        QVERIFY(!next->isEnabled());
        retype(child<QLineEdit>(mesh, "istioVersion"), u"1.29.2"_qs);
        QVERIFY(next->isEnabled());
        QTest::keyClicks(child<QLineEdit>(mesh, "network"), u"vm-net"_qs);
        QCOMPARE(wizard.context()->plan().mesh.network, u"vm-net"_qs);
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::GatewayPageId));

        // --- gateway ---------------------------------------------------------------------------
        auto* gateway = qobject_cast<GatewayPage*>(wizard.currentPage());
        QVERIFY(gateway);
        QVERIFY(next->isEnabled());
        QTest::keyClicks(child<QLineEdit>(gateway, "gatewayAddress"), u"not an address!"_qs);
        QVERIFY(!next->isEnabled());
        retype(child<QLineEdit>(gateway, "gatewayAddress"), u"198.18.0.2"_qs);
        QVERIFY(next->isEnabled());
        QCOMPARE(wizard.context()->plan().eastWestGateway.address, u"198.18.0.2"_qs);
        QTRY_VERIFY(child<PagePreview>(gateway, "preview")->text().contains(u"istiod-gateway"_qs));
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::GroupPageId));

        // --- group: one made for an empty plan; the token duration is checked -------------------
        auto* group = qobject_cast<GroupPage*>(wizard.currentPage());
        QVERIFY(group);
        QCOMPARE(wizard.context()->plan().vmGroups.size(), 1);
        QVERIFY2(next->isEnabled(), qPrintable(group->problems().join(u'\n')));
        retype(child<QLineEdit>(group, "groupName"), u"web"_qs);
        retype(child<QLineEdit>(group, "tokenDuration"), u"5s"_qs);
        QVERIFY(!next->isEnabled());
        retype(child<QLineEdit>(group, "tokenDuration"), u"2h"_qs);
        QVERIFY(next->isEnabled());
        QCOMPARE(wizard.context()->plan().vmGroups[0].tokenDurationSeconds, 7200);
        QCOMPARE(wizard.context()->plan().vmGroups[0].name, u"web"_qs);
        auto* labels = child<QTableWidget>(group, "labelsTable");
        labels->item(0, 1)->setText(u"bad value!"_qs);
        QVERIFY(!next->isEnabled());
        labels->item(0, 1)->setText(u"web"_qs);
        QVERIFY(next->isEnabled());
        QTRY_VERIFY(child<PagePreview>(group, "preview")->text().contains(u"kind: WorkloadGroup"_qs));
        // A second group, then removed again.
        group->addGroup();
        QCOMPARE(wizard.context()->plan().vmGroups.size(), 2);
        QCOMPARE(group->currentGroup(), 1);
        group->removeGroup();
        QCOMPARE(wizard.context()->plan().vmGroups.size(), 1);
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::VmsPageId));

        // --- VMs: none blocks; add, fill, test the connection ----------------------------------
        auto* vms = qobject_cast<VmListPage*>(wizard.currentPage());
        QVERIFY(vms);
        QVERIFY(!next->isEnabled());
        vms->addVm();
        QVERIFY(!next->isEnabled()); // no address yet
        auto* table = child<QTableWidget>(vms, "vmTable");
        table->item(0, VmListPage::NameColumn)->setText(u"web-1"_qs);
        table->item(0, VmListPage::AddressColumn)->setText(u"10.0.0.5"_qs);
        QVERIFY2(next->isEnabled(), qPrintable(vms->problems().join(u'\n')));
        QCOMPARE(wizard.context()->plan().vms[0].group, u"web"_qs);

        QList<QPointer<Question>> asked;
        connect(wizard.context(), &WizardContext::questionAsked, this, [&asked](Question* q) {
            asked.append(q);
            q->accept();
        });
        QSignalSpy probed(vms, &VmListPage::probeFinished);
        table->setCurrentCell(0, 0);
        QTest::mouseClick(child<QPushButton>(vms, "testConnection"), Qt::LeftButton);
        QVERIFY(probed.wait(2000));
        QCOMPARE(probed.first().at(1).toString(), QString());
        QCOMPARE(asked.size(), 1);
        QCOMPARE(service.calls.last(), u"probe web-1"_qs);
        QCOMPARE(child<QLabel>(vms, "probeOs")->text(), info.os);
        QCOMPARE(child<QLabel>(vms, "probe15012")->text(), u"reachable"_qs);
        QCOMPARE(child<QLabel>(vms, "probe15443")->text(), u"not reachable"_qs);
        QTRY_VERIFY(child<PagePreview>(vms, "preview")->text().contains(u"cluster.env"_qs));

        // Imported hosts: names made unique, a known address skipped.
        vms->importHosts({SshConfigHost{u"web-1"_qs, u"10.0.0.6"_qs, u"debian"_qs, 2222, {}, {}},
                          SshConfigHost{u"dup"_qs, u"10.0.0.5"_qs, {}, 0, {}, {}}},
                         u"web"_qs);
        QCOMPARE(wizard.context()->plan().vms.size(), 2);
        QCOMPARE(wizard.context()->plan().vms[1].name, u"web-1-2"_qs);
        QCOMPARE(wizard.context()->plan().vms[1].ssh.port, 2222);
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(next->isEnabled());
        // A bad cell blocks.
        table->item(1, VmListPage::PortColumn)->setText(u"ssh"_qs);
        QVERIFY(!next->isEnabled());
        table->item(1, VmListPage::PortColumn)->setText(u"22"_qs);
        QVERIFY(next->isEnabled());
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::PackagePageId));

        // --- package: the release by default, a URL needs its SHA-256 -------------------------
        auto* package = qobject_cast<PackagePage*>(wizard.currentPage());
        QVERIFY(package);
        QVERIFY(next->isEnabled());
        QVERIFY(child<QLabel>(package, "releaseUrl")->text().contains(u"/1.29.2/deb/istio-sidecar.deb"_qs));
        child<QRadioButton>(package, "urlChoice")->click();
        QVERIFY(!next->isEnabled());
        QTest::keyClicks(child<QLineEdit>(package, "packageUrl"), u"https://mirror.example/istio-sidecar.deb"_qs);
        QTest::keyClicks(child<QLineEdit>(package, "packageSha256"), u"abc"_qs);
        QVERIFY(!next->isEnabled());
        retype(child<QLineEdit>(package, "packageSha256"), QString(64, u'a'));
        QVERIFY(next->isEnabled());
        QCOMPARE(wizard.context()->package().kind, PackageChoice::Kind::Url);
        QTRY_VERIFY(child<PagePreview>(package, "preview")->text().contains(u"mirror.example"_qs));
        // Security review H2: without a SHA-256 only when the user allows an unverified package in
        // so many words; M5: a URL's credentials are not shown in the preview.
        auto* unverified = child<QCheckBox>(package, "allowUnverified");
        QVERIFY(!unverified->isChecked());
        retype(child<QLineEdit>(package, "packageUrl"), u"https://u:S3CR3T@mirror.example/istio-sidecar.deb?sig=S3CR3T"_qs);
        retype(child<QLineEdit>(package, "packageSha256"), QString());
        QVERIFY(!next->isEnabled());
        unverified->click();
        QVERIFY(next->isEnabled());
        QVERIFY(wizard.context()->package().allowUnverified);
        QTRY_VERIFY(child<PagePreview>(package, "preview")->text().contains(u"https://***@mirror.example/istio-sidecar.deb?***"_qs));
        QVERIFY(!child<PagePreview>(package, "preview")->text().contains(u"S3CR3T"_qs));
        unverified->click();
        QVERIFY(!next->isEnabled());
        retype(child<QLineEdit>(package, "packageUrl"), u"https://mirror.example/istio-sidecar.deb"_qs);
        retype(child<QLineEdit>(package, "packageSha256"), QString(64, u'a'));
        QVERIFY(next->isEnabled());
        // Hidden pages' previews wait: the mesh page's shows the sample CA only once visible again.
        QVERIFY(!mesh->isVisible());
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ReviewPageId));
    }

    // A plan naming a gateway Service of its own (eastWestGateway.service / namespace, istioctl's
    // --ingressService) with the gateway ticked: the page says which box to untick.
    void gatewayPageNamesTheOwnGateway()
    {
        Plan plan;
        QVERIFY(GatewayPage::problemsOf(plan).isEmpty());
        plan.eastWestGateway.namespaceName = plan.mesh.istioNamespace; // the default, spelled out
        QVERIFY(GatewayPage::problemsOf(plan).isEmpty());
        plan.eastWestGateway.service = u"vm-gateway"_qs;
        plan.eastWestGateway.namespaceName = u"gateways"_qs;
        const QStringList problems = GatewayPage::problemsOf(plan);
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.at(0).contains(u"vm-gateway"_qs) && problems.at(0).contains(u"istio-eastwestgateway"_qs), qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).contains(u"gateways"_qs) && problems.at(1).contains(u"istio-system"_qs), qPrintable(problems.at(1)));
        plan.eastWestGateway.enabled = false;
        QVERIFY(GatewayPage::problemsOf(plan).isEmpty());
    }

    void groupColumnOffersTheGroups()
    {
        Plan plan;
        plan.vmGroups = {VmGroup{}, VmGroup{}};
        plan.vmGroups[0].name = u"web"_qs;
        plan.vmGroups[1].name = u"db"_qs;
        WizardContext context(plan, QString(), nullptr);
        QTableWidget table(1, 1);
        table.setItem(0, 0, new QTableWidgetItem(u"db"_qs));
        GroupColumnDelegate delegate(&context);
        const QModelIndex index = table.model()->index(0, 0);
        std::unique_ptr<QWidget> editor(delegate.createEditor(table.viewport(), QStyleOptionViewItem(), index));
        auto* combo = qobject_cast<QComboBox*>(editor.get());
        QVERIFY(combo);
        QCOMPARE(combo->count(), 2);
        delegate.setEditorData(combo, index);
        QCOMPARE(combo->currentText(), u"db"_qs);
        combo->setCurrentIndex(0);
        delegate.setModelData(combo, table.model(), index);
        QCOMPARE(table.item(0, 0)->text(), u"web"_qs);
    }

    void probeFailureShown()
    {
        ScriptedOnboardingService service;
        service.probeErrors.insert(u"web-1"_qs, Error::make(Error::Kind::SshConnectionFailed, u"connection refused"_qs));
        Plan plan;
        VmGroup g;
        g.name = u"web"_qs;
        g.namespaceName = u"vm"_qs;
        g.labels.insert(u"app"_qs, u"web"_qs);
        plan.vmGroups = {g};
        Vm vm;
        vm.name = u"web-1"_qs;
        vm.group = u"web"_qs;
        vm.address = u"10.0.0.5"_qs;
        plan.vms = {vm};
        OnboardingWizard wizard(plan, QString(), &service);
        wizard.setStartId(OnboardingWizard::VmsPageId);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        auto* vms = qobject_cast<VmListPage*>(wizard.currentPage());
        QVERIFY(vms);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QSignalSpy probed(vms, &VmListPage::probeFinished);
        child<QTableWidget>(vms, "vmTable")->setCurrentCell(0, 0);
        vms->testConnection();
        QVERIFY(probed.wait(2000));
        QVERIFY(probed.first().at(1).toString().contains(u"connection refused"_qs));
        QVERIFY(child<QLabel>(vms, "probeStatus")->text().contains(u"connection refused"_qs));
        QVERIFY(!vms->probeResult(u"web-1"_qs));
    }
};

QTEST_MAIN(TestPlanPages)
#include "tst_planpages.moc"
