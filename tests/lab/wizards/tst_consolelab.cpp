// SPDX-License-Identifier: Apache-2.0
// The onboarding wizard as the window runs it (offscreen), on the real lab: OnboardingServiceImpl
// on the lab's kube-apiserver and the VM lab's systemd VMs over sshd, judged on the VMs. Next
// through every page with the host-key questions answered; Cancel in the middle of the run, then
// resume; a changed host key stops with both fingerprints; a wrong sudo password is asked again;
// a VM cut off the network fails alone while the other finishes. Each case offboards what it
// onboarded, and the VMs' listings are as before (other lab suites compare them too).
#include "error.h"
#include "fleetmodel.h"
#include "fleetrun.h"
#include "generation.h"
#include "hostkeycheck.h"
#include "onboardingserviceimpl.h"
#include "onboardingwizard.h"
#include "planloader.h"
#include "planwriter.h"
#include "reviewpage.h"
#include "runpage.h"
#include "verifypage.h"
#include "wizardcontext.h"

#include "labenv.h"
#include "testsupport.h"
#include "vmlabsupport.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

namespace {

using namespace VmLab;

// Onboarding two VMs takes seconds; a cut-off VM's ssh gives up after its ConnectTimeout.
constexpr int fleetTimeout = 300000;

const QString ns = u"chapter10vm"_qs;

/*! A question the wizard passed on, as the test answered it. */
struct Asked
{
    Question::Kind kind;
    QString subject;     //!< the VM
    QString fingerprint; //!< HostKey
    bool retry = false;  //!< SudoPassword
};

} // namespace

class TestConsoleLab final : public QObject
{
    Q_OBJECT

    /*! The window's pieces for one wizard: the service (its own ssh and fleet model), the wizard. */
    struct Console
    {
        std::unique_ptr<OnboardingServiceImpl> service;
        std::unique_ptr<OnboardingWizard> wizard;
        Console() = default;
        Console(Console&&) = default;
        ~Console()
        {
            wizard.reset(); // before the service it holds
        }
        FleetModel* model() const { return service->fleet(); }
        RunPage* runPage() const { return qobject_cast<RunPage*>(wizard->page(OnboardingWizard::RunPageId)); }
        QAbstractButton* next() const { return wizard->button(QWizard::NextButton); }
        FleetModel::Status status(const QString& vm) const
        {
            const int row = model()->rowOf(vm);
            if (row < 0)
                return FleetModel::Status::Waiting;
            return FleetModel::Status(model()->index(row, FleetModel::StatusColumn).data(FleetModel::StatusRole).toInt());
        }
        QString message(const QString& vm) const
        {
            const int row = model()->rowOf(vm);
            return row < 0 ? QString() : model()->index(row, FleetModel::MessageColumn).data(FleetModel::MessageRole).toString();
        }
        bool anyStepRunning() const
        {
            for (int row = 0; row < model()->rowCount(); ++row)
                if (StepState(model()->index(row, FleetModel::StateColumn).data(FleetModel::StateRole).toInt()) == StepState::Running)
                    return true;
            return false;
        }
        QString messages() const
        {
            QStringList out;
            for (int row = 0; row < model()->rowCount(); ++row)
                out << model()->vmName(row) + u": "_qs + message(model()->vmName(row));
            return out.join(u" | "_qs);
        }
    };

private slots:
    void initTestCase()
    {
        MESHDECK_REQUIRE_LAB();
        if (sshConfig().isEmpty() || !QFileInfo::exists(sshConfig()))
            QSKIP("no VM lab: MESHDECK_LAB_SSH_CONFIG is unset or missing (lab vms-up)");
        QVERIFY(m_dir.isValid());
        // The lab's ssh config with a known_hosts of this test's own (emptied before each case).
        m_sshConfig = privateSshConfig(m_dir, &m_knownHosts);
        QVERIFY(!m_sshConfig.isEmpty());
        const RestConfigResult rc = Lab::config(u"admin"_qs);
        QVERIFY2(rc.ok(), qPrintable(rc.error));
        m_client = new KubeClient(rc.config, KubeClientOptions{}, this);
        m_deb = qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB");
        QVERIFY(QFileInfo::exists(m_deb));
        m_sudoPassword = TestSupport::readAll(qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")).trimmed();
        QVERIFY(!m_sudoPassword.isEmpty());

        // The book's plan (examples/book-chapter10.yaml) on the lab, as tst_onboardlab adapts it:
        // the lab's gateway address, no traffic split (its chapter10 pods are not the lab's), and
        // the VMs reached through the lab's ssh config (its Host aliases, user meshdeck).
        const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        m_book = *loaded.plan;
        m_book.trafficSplits.clear();
        m_book.eastWestGateway.address = labAddress(2);
        Vm vm1 = m_book.vms.first();
        vm1.name = u"vm1"_qs;
        vm1.address = u"vm1"_qs;
        vm1.ssh.user.clear();
        Vm vm3 = vm1;
        vm3.name = u"vm3"_qs;
        vm3.address = u"vm3"_qs;
        Vm sudoVm = vm1;
        sudoVm.name = u"sudo-vm"_qs;
        sudoVm.address = u"vm2"_qs;
        sudoVm.ssh.user = u"sudopw"_qs;
        m_book.vms = {vm1, vm3, sudoVm};

        // istiod publishes its root certificate into the group's namespace; it does not run in
        // the lab, so the namespace is made here and the lab publishes the certificate. The rest
        // of the cluster side is the wizard's to apply.
        for (const Resource& r : generateOffline(m_book).kubectlResources()) {
            if (r.object.value(u"kind"_qs).toString() == u"Namespace"_qs && r.object[u"metadata"_qs][u"name"_qs].toString() == ns)
                QVERIFY(Lab::run(m_client->apply(r.object)).ok());
        }
        QVERIFY(Lab::labScript({u"publish-root-cert"_qs, ns}));
        const QString expected = expectBookGroup({u"vm1"_qs, u"vm2"_qs, u"vm3"_qs}, ns, &m_before);
        QVERIFY2(expected.isEmpty(), qPrintable(expected));
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        Lab::labScript({u"vm-link"_qs, u"vm3"_qs, u"up"_qs});
        // Whatever a failed case left onboarded goes (nothing to undo is no failure).
        QFile::resize(m_knownHosts, 0);
        {
            Console console = open(planFor(u"cleanup"_qs, {u"vm1"_qs, u"vm3"_qs, u"sudo-vm"_qs}), false);
            offboard(console, console.wizard->context()->plan());
        }
        const QStringList changed = changedSince(m_before); // judged after the cleanup, which runs in any case
        for (const Resource& r : generateOffline(m_book).cleanupResources())
            Lab::run(m_client->remove(ObjectRef::of(r.object)));
        // Gone, not just terminating: the next suite may create the book's namespace again.
        Lab::run(m_client->remove(ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, ns}));
        QVERIFY(Lab::waitUntilGone(*m_client, ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, ns}));
        QVERIFY2(changed.isEmpty(), qPrintable(u"not as before the suite: "_qs + changed.join(u", "_qs)));
    }

    void init()
    {
        // Every case meets the VMs' host keys afresh.
        QVERIFY(TestSupport::writeFile(m_knownHosts, {}));
        m_asked.clear();
        m_sudoAnswers.clear();
        m_clock.start();
    }

    void cleanup()
    {
        qInfo("%s took %.1f s", QTest::currentTestFunction(), double(m_clock.elapsed()) / 1000);
    }

    void wholeWizard()
    {
        // A plan the wizard is opened on but does not resume (a plan it has not run yet): every
        // page in turn.
        const Plan plan = planFor(u"whole"_qs, {u"vm1"_qs, u"vm3"_qs});
        Console console = open(plan, false);
        OnboardingWizard& wizard = *console.wizard;
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ClusterPageId));

        // Cluster: preflight against the lab. Warnings pass with the "continue" box ticked; a
        // failure stops here (the table is the message).
        QWizardPage* cluster = wizard.currentPage();
        auto* checks = cluster->findChild<QTreeWidget*>(u"checksTree"_qs);
        auto* continueBox = cluster->findChild<QCheckBox*>(u"continueAnywayBox"_qs);
        auto* runAgain = cluster->findChild<QPushButton*>(u"runAgainButton"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(runAgain->isEnabled(), 60000); // preflight finished
        if (!console.next()->isEnabled() && continueBox->isEnabled())
            QTest::mouseClick(continueBox, Qt::LeftButton);
        QVERIFY2(console.next()->isEnabled(), qPrintable(treeText(checks)));

        for (const int id : {OnboardingWizard::MeshPageId, OnboardingWizard::GatewayPageId, OnboardingWizard::GroupPageId,
                             OnboardingWizard::VmsPageId, OnboardingWizard::PackagePageId, OnboardingWizard::ReviewPageId}) {
            QVERIFY2(console.next()->isEnabled(), qPrintable(wizard.currentPage()->title()));
            QTest::mouseClick(console.next(), Qt::LeftButton);
            QCOMPARE(wizard.currentId(), id);
        }
        // Review: the cluster objects against the lab, and each VM's dry run (it connects, so
        // it asks about the host keys).
        auto* review = qobject_cast<ReviewPage*>(wizard.currentPage());
        QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 120000);
        auto* objects = review->findChild<QTreeWidget*>(u"objectsTree"_qs);
        QVERIFY(treeText(objects).contains(u"WorkloadGroup chapter10vm/envoydummy"_qs));
        QCOMPARE(review->findChild<QTreeWidget*>(u"vmTree"_qs)->topLevelItemCount(), 2);
        const qsizetype askedInReview = m_asked.size();
        QTest::mouseClick(console.next(), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::RunPageId));
        QVERIFY(!console.next()->isEnabled());

        // Run: the cluster side, then both VMs.
        QTest::mouseClick(console.runPage()->findChild<QPushButton*>(u"startButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(console.runPage()->flow().stage() == RunFlow::Stage::Finished, fleetTimeout);
        QVERIFY2(console.status(u"vm1"_qs) == FleetModel::Status::Ok && console.status(u"vm3"_qs) == FleetModel::Status::Ok,
                 qPrintable(console.messages()));
        auto* applied = console.runPage()->findChild<QTreeWidget*>(u"clusterTree"_qs);
        QVERIFY2(treeText(applied).contains(u"WorkloadGroup chapter10vm/envoydummy"_qs), qPrintable(treeText(applied)));
        QVERIFY(!treeText(applied).contains(RunPage::outcomeText(AppliedObject::Outcome::Failed)));
        // One host-key question per VM (the review's or the run's), with the VM's true key.
        QCOMPARE(hostKeySubjects(), (QStringList{u"vm1"_qs, u"vm3"_qs}));
        qInfo("host-key questions: %lld on the review page, %lld on the run page", qlonglong(askedInReview),
              qlonglong(m_asked.size() - askedInReview));
        for (const Asked& a : std::as_const(m_asked))
            QVERIFY2(trueFingerprints(a.subject == u"vm1"_qs ? 11 : 13).contains(a.fingerprint), qPrintable(a.fingerprint));
        for (const QString& vm : {u"vm1"_qs, u"vm3"_qs})
            QCOMPARE(onVm(vm, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QTRY_VERIFY(console.next()->isEnabled());

        // Verify: istiod does not run in the lab, so the WorkloadEntries its auto-registration
        // would make are made here as it names them, with the Healthy condition it would write.
        for (const int host : {11, 13})
            QVERIFY(makeHealthyBookEntry(*m_client, ns, labAddress(host)));
        QTest::mouseClick(console.next(), Qt::LeftButton);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::VerifyPageId));
        auto* entries = wizard.currentPage()->findChild<QTreeWidget*>(u"entriesTree"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(entries->topLevelItemCount(), 2, 30000);
        for (const int host : {11, 13}) {
            const QList<QTreeWidgetItem*> rows = entries->findItems(bookEntryName(labAddress(host)), Qt::MatchExactly, 1);
            QCOMPARE(rows.size(), 1);
            QCOMPARE(rows.first()->text(2), labAddress(host));
            QCOMPARE(rows.first()->text(3), VerifyPage::tr("healthy"));
        }

        offboardAndCompare(console, {u"vm1"_qs, u"vm3"_qs});
    }

    void cancelThenResume()
    {
        Console console = open(planFor(u"cancel"_qs, {u"vm1"_qs, u"vm3"_qs}), true);
        toRunPage(console);
        QCOMPARE(console.wizard->currentId(), int(OnboardingWizard::RunPageId));
        RunPage* page = console.runPage();
        auto* start = page->findChild<QPushButton*>(u"startButton"_qs);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->findChild<FleetTask*>(), 60000);
        QSignalSpy finished(page->findChild<FleetTask*>(), &Task::finished);
        QTRY_VERIFY_WITH_TIMEOUT(console.anyStepRunning(), 120000);

        page->cancelRun();
        QCOMPARE(finished.size(), 1); // at once
        QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
        QCOMPARE(page->flow().stage(), RunFlow::Stage::Canceled);
        QVERIFY(start->isEnabled());
        QVERIFY(!console.next()->isEnabled());
        // Nothing more happens: no row changes, no question, and neither VM got its agent.
        QSignalSpy changes(console.model(), &QAbstractItemModel::dataChanged);
        const qsizetype asked = m_asked.size();
        QVERIFY2(!changes.wait(5000), qPrintable(console.messages()));
        QCOMPARE(m_asked.size(), asked);
        QCOMPARE(finished.size(), 1);
        qInfo("canceled: %s", qPrintable(console.messages()));
        for (const QString& vm : {u"vm1"_qs, u"vm3"_qs}) {
            QVERIFY(console.status(vm) != FleetModel::Status::Ok);
            QVERIFY(onVm(vm, u"systemctl is-active istio"_qs).out != u"active\n"_qs);
        }

        // Start again: it resumes, and both VMs end onboarded.
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(page->flow().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!page->flow().isRunning(), fleetTimeout);
        QVERIFY2(console.status(u"vm1"_qs) == FleetModel::Status::Ok && console.status(u"vm3"_qs) == FleetModel::Status::Ok,
                 qPrintable(console.messages()));
        QCOMPARE(page->flow().stage(), RunFlow::Stage::Finished);
        for (const QString& vm : {u"vm1"_qs, u"vm3"_qs})
            QCOMPARE(onVm(vm, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QTRY_VERIFY(console.next()->isEnabled());

        offboardAndCompare(console, {u"vm1"_qs, u"vm3"_qs});
    }

    void changedHostKey()
    {
        // known_hosts holds another key for vm1 than the one it offers (a reinstalled VM, or a
        // man in the middle), as tst_onboardlab's changedHostKeyIsAHardStop makes it.
        const QString vm1 = labAddress(11);
        const QString fake = m_dir.filePath(u"fake_host_key"_qs);
        QFile::remove(fake);
        QFile::remove(fake + u".pub"_qs);
        QCOMPARE(run(u"ssh-keygen"_qs, {u"-q"_qs, u"-t"_qs, u"ed25519"_qs, u"-N"_qs, QString(), u"-f"_qs, fake}).exitCode, 0);
        const QString fakeFingerprint = run(u"ssh-keygen"_qs, {u"-l"_qs, u"-f"_qs, fake + u".pub"_qs}).out.section(u' ', 1, 1);
        QVERIFY(fakeFingerprint.startsWith(u"SHA256:"_qs));
        QVERIFY(TestSupport::writeFile(m_knownHosts, vm1.toLatin1() + ' ' + TestSupport::readAll(fake + u".pub"_qs).split(' ').mid(0, 2).join(' ') + '\n'));

        Console console = open(planFor(u"hostkey"_qs, {u"vm1"_qs, u"vm3"_qs}), true);
        toRunPage(console);
        QCOMPARE(console.wizard->currentId(), int(OnboardingWizard::RunPageId));
        RunPage* page = console.runPage();
        QTest::mouseClick(page->findChild<QPushButton*>(u"startButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->flow().stage() == RunFlow::Stage::Finished, fleetTimeout);
        QCOMPARE(console.status(u"vm1"_qs), FleetModel::Status::Failed);
        QVERIFY2(console.status(u"vm3"_qs) == FleetModel::Status::Ok, qPrintable(console.messages()));
        QCOMPARE(page->flow().failedVms(), QStringList{u"vm1"_qs});
        const QString message = console.message(u"vm1"_qs);
        QVERIFY2(message.contains(fakeFingerprint), qPrintable(message));
        bool offeredShown = false;
        for (const QString& offered : trueFingerprints(11))
            offeredShown = offeredShown || message.contains(offered);
        QVERIFY2(offeredShown, qPrintable(message + u"\nthe VM's keys: "_qs + trueFingerprints(11).join(u", "_qs)));
        QCOMPARE(hostKeySubjects(), QStringList{u"vm3"_qs}); // vm1's never offered for acceptance
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs));

        offboardAndCompare(console, {u"vm3"_qs});
    }

    void wrongSudoPassword()
    {
        Console console = open(planFor(u"sudo"_qs, {u"sudo-vm"_qs}), true);
        toRunPage(console);
        QCOMPARE(console.wizard->currentId(), int(OnboardingWizard::RunPageId));
        m_sudoAnswers = {"wrong-password", m_sudoPassword};
        RunPage* page = console.runPage();
        QTest::mouseClick(page->findChild<QPushButton*>(u"startButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->flow().isRunning(), fleetTimeout);
        QVERIFY2(console.status(u"sudo-vm"_qs) == FleetModel::Status::Ok, qPrintable(console.messages()));
        QList<Asked> sudo;
        for (const Asked& a : std::as_const(m_asked))
            if (a.kind == Question::Kind::SudoPassword)
                sudo << a;
        QCOMPARE(sudo.size(), 2);
        QVERIFY(!sudo.at(0).retry);
        QVERIFY(sudo.at(1).retry); // the wrong one was refused there and asked again
        QCOMPARE(sudo.at(1).subject, u"sudo-vm"_qs);
        QCOMPARE(onVm(u"vm2"_qs, u"systemctl is-active istio; stat -c %U /var/run/secrets/tokens/istio-token"_qs).out,
                 u"active\nistio-proxy\n"_qs);

        offboardAndCompare(console, {u"sudo-vm"_qs});
    }

    void vmCutOff()
    {
        QVERIFY(Lab::labScript({u"vm-link"_qs, u"vm3"_qs, u"down"_qs}));
        auto linkUp = qScopeGuard([] { Lab::labScript({u"vm-link"_qs, u"vm3"_qs, u"up"_qs}); });

        Console console = open(planFor(u"cutoff"_qs, {u"vm1"_qs, u"vm3"_qs}), true);
        toRunPage(console);
        QCOMPARE(console.wizard->currentId(), int(OnboardingWizard::RunPageId));
        RunPage* page = console.runPage();
        QTest::mouseClick(page->findChild<QPushButton*>(u"startButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->flow().stage() == RunFlow::Stage::Finished, fleetTimeout);
        QVERIFY2(console.status(u"vm1"_qs) == FleetModel::Status::Ok, qPrintable(console.messages()));
        QCOMPARE(console.status(u"vm3"_qs), FleetModel::Status::Failed);
        QVERIFY(!console.message(u"vm3"_qs).isEmpty());
        qInfo("cut off: %s", qPrintable(console.message(u"vm3"_qs)));
        QCOMPARE(page->flow().failedVms(), QStringList{u"vm3"_qs});
        QCOMPARE(onVm(u"vm1"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QVERIFY(console.next()->isEnabled()); // the run finished; the failed VM is shown

        // Back on the network: "Retry the failed" runs vm3 alone.
        linkUp.dismiss();
        QVERIFY(Lab::labScript({u"vm-link"_qs, u"vm3"_qs, u"up"_qs}));
        auto* retry = page->findChild<QPushButton*>(u"retryButton"_qs);
        QVERIFY(retry->isEnabled());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->flow().isRunning(), fleetTimeout);
        QVERIFY2(console.status(u"vm3"_qs) == FleetModel::Status::Ok, qPrintable(console.messages()));
        QCOMPARE(onVm(u"vm3"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);

        offboardAndCompare(console, {u"vm1"_qs, u"vm3"_qs});
    }

private:
    /*! The book plan with only these VMs, saved to its own file (its own state file beside it). */
    Plan planFor(const QString& name, const QStringList& vms)
    {
        Plan plan = m_book;
        plan.vms.clear();
        for (const Vm& vm : m_book.vms)
            if (vms.contains(vm.name))
                plan.vms << vm;
        plan.sourceFile = m_dir.filePath(name + u".yaml"_qs);
        const QString error = savePlanFile(plan, plan.sourceFile);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return plan;
    }

    /*!
     * The wizard on plan, shown, with the lab's sidecar package chosen and the questions
     * answered. resume: opened on the plan's file (it resumes where the plan stands); otherwise
     * the file is set after opening, so the wizard starts at its first page.
     */
    Console open(const Plan& plan, bool resume)
    {
        Console console;
        console.service = std::make_unique<OnboardingServiceImpl>(nullptr);
        console.service->setKubeClient(m_client, u"the lab"_qs);
        SshOptions ssh;
        ssh.configFile = m_sshConfig;
        console.service->setSshOptions(ssh);
        console.wizard = std::make_unique<OnboardingWizard>(plan, resume ? plan.sourceFile : QString(), console.service.get());
        WizardContext* context = console.wizard->context();
        context->setPath(plan.sourceFile);
        PackageChoice package;
        package.kind = PackageChoice::Kind::File;
        package.file = m_deb;
        context->setPackage(package);
        connect(context, &WizardContext::questionAsked, this, &TestConsoleLab::answer);
        console.wizard->show();
        if (!QTest::qWaitForWindowExposed(console.wizard.get()))
            qWarning("the wizard was not exposed");
        return console;
    }

    /*! A reopened wizard moves to where the plan stands: the run page, or the review before it. */
    void toRunPage(Console& console)
    {
        OnboardingWizard& wizard = *console.wizard;
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentId() == OnboardingWizard::RunPageId || wizard.currentId() == OnboardingWizard::ReviewPageId,
                                 60000);
        if (wizard.currentId() == OnboardingWizard::ReviewPageId) { // the cluster side not applied yet
            auto* review = qobject_cast<ReviewPage*>(wizard.currentPage());
            QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 120000);
            QTest::mouseClick(console.next(), Qt::LeftButton);
        }
    }

    void answer(Question* question)
    {
        Asked asked{question->kind(), question->subject(), {}, false};
        switch (question->kind()) {
        case Question::Kind::HostKey:
            asked.fingerprint = question->property("fingerprint").toString();
            m_asked << asked;
            question->accept();
            return;
        case Question::Kind::SudoPassword:
            asked.retry = question->property("retry").toBool();
            m_asked << asked;
            question->answer(m_sudoAnswers.isEmpty() ? m_sudoPassword : m_sudoAnswers.takeFirst());
            return;
        case Question::Kind::Password:
        case Question::Kind::ExecPlugin:
            m_asked << asked;
            question->reject();
            return;
        }
    }

    QStringList hostKeySubjects() const
    {
        QStringList out;
        for (const Asked& a : m_asked)
            if (a.kind == Question::Kind::HostKey)
                out << a.subject;
        out.sort();
        return out;
    }


    /*! Offboards vms (empty: all) of plan through the console's service; returns the run's error. */
    Error offboard(Console& console, const Plan& plan, const QStringList& vms = {})
    {
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        request.vms = vms;
        std::unique_ptr<FleetTask> task(console.service->runFleet(plan, request, nullptr));
        connect(task.get(), &FleetTask::question, this, &TestConsoleLab::answer);
        QSignalSpy finished(task.get(), &Task::finished);
        task->start();
        if (finished.isEmpty() && !finished.wait(fleetTimeout))
            return Error::make(Error::Kind::LocalFailure, u"offboarding did not finish"_qs);
        return finished.first().first().value<Error>();
    }

    /*! Offboards vms and checks each VM's listing is as before the suite. */
    void offboardAndCompare(Console& console, const QStringList& vms)
    {
        const Error error = offboard(console, console.wizard->context()->plan(), vms);
        QVERIFY2(!error.isError(), qPrintable(error.message + u" / "_qs + console.messages()));
        for (const QString& vm : vms) {
            const QString host = console.wizard->context()->plan().vm(vm)->address;
            QCOMPARE(onVm(host, listing).out, m_before.value(host));
        }
    }

    static QString treeText(const QTreeWidget* tree)
    {
        QStringList lines;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QStringList cells;
            for (int c = 0; c < tree->columnCount(); ++c)
                cells << tree->topLevelItem(i)->text(c);
            lines << cells.join(u" | "_qs);
        }
        return lines.join(u'\n');
    }

    QTemporaryDir m_dir;
    QElapsedTimer m_clock;
    QString m_sshConfig;
    QString m_knownHosts;
    QString m_deb;
    KubeClient* m_client = nullptr;
    Plan m_book;
    QByteArray m_sudoPassword;
    QHash<QString, QString> m_before;
    QList<Asked> m_asked;
    QList<QByteArray> m_sudoAnswers;
};

QTEST_MAIN(TestConsoleLab)
#include "tst_consolelab.moc"
