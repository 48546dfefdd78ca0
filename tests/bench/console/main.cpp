// SPDX-License-Identifier: Apache-2.0
// meshdeck-bench-console: how long the GUI thread stalls while the window onboards lab VMs
// (issue 11 item 7, docs/benchmarks.md "The console's GUI thread while onboarding"). Printed, not
// a test: a stall over the goal prints MISS, never an exit failure; the exit code is 1 only when
// the benchmark could not run (no cluster, the plan did not load, a run did not finish in time).
//
// Offscreen, as the window is composed (app/console.cpp): a MainWindow on the plan, the
// onboarding service on the lab's apiserver and ssh config, the VMs tab as an operations view
// (FleetMonitorImpl: WatchCaches on the plan's namespace, the state file, its ssh probes), and
// the onboarding wizard on its Run page. A watchdog QTimer on the GUI thread ticks every 5 ms;
// each tick's lateness (its gap since the previous tick, less 5 ms) is what the event loop could
// not serve. Start is pressed, the cluster side is applied, the fleet onboards; when every VM
// has finished the figures are printed. Then the VMs are offboarded and the same runs for 1 VM.
// tests/bench/console/run brings up the lab and runs this.
#include "clustertarget.h"
#include "error.h"
#include "fleetmodel.h"
#include "fleetmonitorimpl.h"
#include "graphsource.h"
#include "kubeclient.h"
#include "kubeconfig.h"
#include "kubeoperation.h"
#include "mainwindow.h"
#include "onboardingserviceimpl.h"
#include "onboardingwizard.h"
#include "onboardstate.h"
#include "plandocument.h"
#include "planloader.h"
#include "planwriter.h"
#include "question.h"
#include "runpage.h"
#include "sshcontext.h"
#include "vmspage.h"
#include "wizardcontext.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLoggingCategory>
#include <QJsonObject>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

namespace {

constexpr int tickMs = 5;
constexpr double goalMs = 50;
const QString ns = u"chapter10vm"_qs;
const QString group = u"envoydummy"_qs;

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void out(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

/*! The GUI thread's watchdog: a 5 ms precise timer, every tick's lateness recorded. */
class Watchdog final : public QObject
{
public:
    struct Stall
    {
        double atS = 0;      //!< since start()
        double lateMs = 0;
        double cpuMs = 0;    //!< the GUI thread's CPU time in that gap: near the gap = its own work
        QString stage;       //!< what the run was doing (stageOf())
    };

    std::function<QString()> stageOf;

    Watchdog()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(tickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        m_late.clear();
        m_stalls.clear();
        m_clock.start();
        m_last = 0;
        m_cpu = threadCpuMs();
        m_lastCpu = m_cpu;
        m_timer.start();
    }
    void stop()
    {
        tick(); // the time since the last tick counts too
        m_timer.stop();
        m_cpu = threadCpuMs() - m_cpu;
        m_wallMs = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
    }

    const QList<double>& lateness() const { return m_late; }
    const QList<Stall>& stalls() const { return m_stalls; }
    double cpuMs() const { return m_cpu; }
    double wallMs() const { return m_wallMs; }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const double cpu = threadCpuMs();
        const double late = std::max(0.0, static_cast<double>(now - m_last) / 1e6 - tickMs);
        m_last = now;
        m_late.append(late);
        if (late > 10)
            m_stalls.append({static_cast<double>(now) / 1e9, late, cpu - m_lastCpu, stageOf ? stageOf() : QString()});
        m_lastCpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_cpu = 0;
    double m_lastCpu = 0;
    double m_wallMs = 0;
    QList<double> m_late;
    QList<Stall> m_stalls; //!< ticks over 10 ms late
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto i = static_cast<qsizetype>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(i, values.size() - 1));
}

/*! Runs the event loop until done() or timeoutMs; false on timeout. */
bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start();
    if (!done())
        loop.exec();
    return done();
}

void pause(int ms)
{
    QElapsedTimer clock;
    clock.start();
    waitFor([&] { return clock.elapsed() >= ms; }, ms + 1000);
}

QString stageText(RunFlow::Stage stage)
{
    switch (stage) {
    case RunFlow::Stage::Idle: return u"idle"_qs;
    case RunFlow::Stage::Applying: return u"cluster side"_qs;
    case RunFlow::Stage::RunningFleet: return u"fleet"_qs;
    case RunFlow::Stage::Finished: return u"finished"_qs;
    case RunFlow::Stage::Failed: return u"failed"_qs;
    case RunFlow::Stage::Canceled: return u"canceled"_qs;
    }
    return {};
}

struct Settings
{
    QString book;
    QString kubeconfig;
    QString context;
    QString sshConfig;
    QString knownHosts;
    QString deb;
    QString work;
    int vmNet = 9;
    bool entries = true;
    int timeoutS = 900;
};

/*! One measured run: the window, the service, the monitor and the wizard, made afresh. */
class Bench
{
public:
    Bench(const Settings& settings, KubeClient* client, const Plan& book)
        : m_settings(settings)
        , m_client(client)
        , m_book(book)
    {
    }

    /*! Onboards vm1..vmCount through the wizard's Run page; prints the figures; false if it could not run. */
    bool measure(int count)
    {
        const Plan plan = planFor(count);
        // Cold ssh, as a user who meets these VMs for the first time: every host key asked.
        QFile::resize(m_settings.knownHosts, 0);
        // An empty state file, as a plan that was opened before has: FleetMonitorImpl follows only
        // a state file that exists when the plan is set, and through it the VMs tab shows each
        // VM's onboarding state while the wizard writes it.
        QFile::remove(OnboardState::pathForPlan(plan.sourceFile));
        OnboardState empty;
        empty.setPath(OnboardState::pathForPlan(plan.sourceFile));
        if (const QString error = empty.save(); !error.isEmpty())
            out(u"bench: %1"_qs.arg(error));

        // The composition root's order (app/console.cpp): the service outlives the window.
        auto service = std::make_unique<OnboardingServiceImpl>(nullptr);
        service->setKubeClient(m_client, u"the lab"_qs);
        SshOptions ssh;
        ssh.configFile = m_settings.sshConfig;
        service->setSshOptions(ssh);
        auto window = std::make_unique<MainWindow>(new PlanDocument);
        window->setOnboardingService(service.get());
        auto* monitor = new FleetMonitorImpl(service.get(), window.get());
        auto* monitorSsh = new SshContext(ssh, window.get());
        if (monitorSsh->isValid())
            monitor->setSshContext(monitorSsh);
        window->setFleetMonitor(monitor);
        window->vmsPage()->setQuestionHandler([](Question* question, QWidget*) { question->reject(); });
        window->openPlan(plan.sourceFile);
        monitor->setPlan(plan, plan.sourceFile);
        monitor->setCluster(m_client);
        if (auto* tabs = window->findChild<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->widget(i) == window->vmsPage() || tabs->widget(i)->isAncestorOf(window->vmsPage()))
                    tabs->setCurrentIndex(i);
        }
        window->resize(1400, 900);
        window->show();

        // The wizard as Console::openWizard makes it, started on its Run page.
        auto* wizard = new OnboardingWizard(plan, QString(), service.get(), window.get());
        wizard->setStartId(OnboardingWizard::RunPageId);
        WizardContext* context = wizard->context();
        context->setPath(plan.sourceFile);
        PackageChoice package;
        package.kind = PackageChoice::Kind::File;
        package.file = m_settings.deb;
        context->setPackage(package);
        int hostKeys = 0;
        QObject::connect(context, &WizardContext::questionAsked, wizard, [&hostKeys](Question* question) {
            if (question->kind() == Question::Kind::HostKey) {
                ++hostKeys;
                question->accept();
            } else {
                out(u"  unexpected question (%1) about %2: declined"_qs.arg(int(question->kind())).arg(question->subject()));
                question->reject();
            }
        });
        wizard->resize(900, 700);
        wizard->show();
        auto* runPage = qobject_cast<RunPage*>(wizard->page(OnboardingWizard::RunPageId));
        auto* start = runPage ? runPage->findChild<QPushButton*>(u"startButton"_qs) : nullptr;
        if (!runPage || wizard->currentId() != OnboardingWizard::RunPageId || !start || !start->isEnabled()) {
            out(u"bench: the wizard is not on its Run page with Start enabled"_qs);
            return false;
        }

        // istiod's auto-registration, which the lab does not run: a VM that finished gets its
        // WorkloadEntry, then the Healthy condition, so the VMs tab's watches have work as they
        // would on a real mesh.
        FleetModel* fleet = service->fleet();
        QSet<QString> registered;
        QObject::connect(fleet, &QAbstractItemModel::dataChanged, window.get(), [&, fleet] {
            if (!m_settings.entries)
                return;
            for (int row = 0; row < fleet->rowCount(); ++row) {
                const QString vm = fleet->vmName(row);
                const auto status = FleetModel::Status(fleet->index(row, FleetModel::StatusColumn).data(FleetModel::StatusRole).toInt());
                if (status == FleetModel::Status::Ok && !registered.contains(vm)) {
                    registered.insert(vm);
                    registerEntry(vm);
                }
            }
        });

        // Let the window settle (the plan loads in the background, the watches list), then measure.
        pause(1500);
        Watchdog watchdog;
        watchdog.stageOf = [runPage] { return stageText(runPage->flow().stage()); };
        watchdog.start();
        QElapsedTimer wall;
        wall.start();
        double clusterS = 0;
        QObject::connect(runPage, &QWizardPage::completeChanged, window.get(), [&] {
            if (clusterS == 0 && runPage->flow().stage() != RunFlow::Stage::Applying)
                clusterS = static_cast<double>(wall.elapsed()) / 1000;
        });
        start->click();
        const bool finished = waitFor([runPage] { return !runPage->flow().isRunning(); }, m_settings.timeoutS * 1000);
        const double wallS = static_cast<double>(wall.elapsed()) / 1000;
        // The VMs tab catching up (the last WorkloadEntries' watch events) is measured too.
        pause(2000);
        watchdog.stop();

        int ok = 0;
        QStringList failed;
        for (int row = 0; row < fleet->rowCount(); ++row) {
            const auto status = FleetModel::Status(fleet->index(row, FleetModel::StatusColumn).data(FleetModel::StatusRole).toInt());
            if (status == FleetModel::Status::Ok)
                ++ok;
            else
                failed << fleet->vmName(row) + u": "_qs + fleet->index(row, FleetModel::MessageColumn).data(FleetModel::MessageRole).toString();
        }
        report(count, watchdog, finished, wallS, clusterS, ok, failed, hostKeys, stageText(runPage->flow().stage()),
               window->vmsPage() && monitor->model() ? monitor->model()->rowCount() : 0);
        if (ok != count) {
            if (auto* status = runPage->findChild<QLabel*>(u"statusLabel"_qs))
                out(u"  the Run page says: "_qs + status->text());
        }

        // The VMs back to their first state for the next run, with the same window up.
        const bool offboarded = offboard(*service, plan);
        wizard->close();
        delete wizard;
        window.reset();
        service.reset();
        return finished && offboarded;
    }

private:
    Plan planFor(int count) const
    {
        Plan plan = m_book;
        plan.trafficSplits.clear(); // the book's chapter10 pods are not the lab's
        plan.eastWestGateway.address = address(2);
        Vm vm = m_book.vms.first();
        vm.ssh.user.clear(); // the lab's ssh config has the user
        plan.vms.clear();
        for (int i = 1; i <= count; ++i) {
            vm.name = u"vm%1"_qs.arg(i);
            vm.address = vm.name; // a Host alias of the lab's ssh config
            plan.vms << vm;
        }
        plan.sourceFile = QDir(m_settings.work).filePath(u"console-%1.yaml"_qs.arg(count));
        const QString error = savePlanFile(plan, plan.sourceFile);
        if (!error.isEmpty())
            out(u"bench: %1"_qs.arg(error));
        return plan;
    }

    QString address(int host) const { return u"198.18.%1.%2"_qs.arg(m_settings.vmNet).arg(host); }
    static QString entryName(const QString& address) { return u"envoydummy-"_qs + address + u"-network1"_qs; }
    QString vmAddress(const QString& vm) const { return address(10 + QStringView(vm).mid(2).toInt()); }

    void registerEntry(const QString& vm)
    {
        const QString ip = vmAddress(vm);
        const QJsonObject labels{{u"app"_qs, group}};
        const QJsonObject entry{
            {u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, entryName(ip)}, {u"namespace"_qs, ns}, {u"labels"_qs, labels},
                                         {u"annotations"_qs, QJsonObject{{u"istio.io/autoRegistrationGroup"_qs, group}}}}},
            {u"spec"_qs, QJsonObject{{u"address"_qs, ip}, {u"network"_qs, u"network1"_qs}, {u"labels"_qs, labels},
                                     {u"serviceAccount"_qs, u"chapter10-sa"_qs}}}};
        KubeOperation* created = m_client->apply(entry);
        QObject::connect(created, &KubeOperation::finished, m_client, [this, created, ip](const KubeResult& result) {
            created->deleteLater();
            if (!result.ok()) {
                out(u"  WorkloadEntry for %1: %2"_qs.arg(ip, result.error.message));
                return;
            }
            const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
            const QJsonObject healthy{{u"type"_qs, u"Healthy"_qs}, {u"status"_qs, u"True"_qs},
                                      {u"lastProbeTime"_qs, now}, {u"lastTransitionTime"_qs, now}};
            KubeOperation* patched = m_client->patchStatus(
                ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, ns, entryName(ip)},
                QJsonObject{{u"status"_qs, QJsonObject{{u"conditions"_qs, QJsonArray{healthy}}}}});
            QObject::connect(patched, &KubeOperation::finished, m_client, [patched] { patched->deleteLater(); });
            patched->start();
        });
        created->start();
    }

    bool offboard(OnboardingServiceImpl& service, const Plan& plan)
    {
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        std::unique_ptr<FleetTask> task(service.runFleet(plan, request, nullptr));
        QObject::connect(task.get(), &FleetTask::question, task.get(), [](Question* question) {
            if (question->kind() == Question::Kind::HostKey)
                question->accept();
            else
                question->reject();
        });
        bool done = false;
        QObject::connect(task.get(), &Task::finished, task.get(), [&done](const Error& error) {
            done = true;
            if (error.isError())
                out(u"  offboarding: %1"_qs.arg(error.message));
        });
        task->start();
        waitFor([&done] { return done; }, m_settings.timeoutS * 1000);
        for (const Vm& vm : plan.vms) {
            KubeOperation* removed = m_client->remove(
                ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, ns, entryName(vmAddress(vm.name))});
            QObject::connect(removed, &KubeOperation::finished, m_client, [removed] { removed->deleteLater(); });
            removed->start();
        }
        pause(1000);
        return done && task->failedVms().isEmpty();
    }

    void report(int count, const Watchdog& watchdog, bool finished, double wallS, double clusterS, int ok,
                const QStringList& failed, int hostKeys, const QString& stage, int vmsRows) const
    {
        const QList<double>& late = watchdog.lateness();
        double longest = 0;
        for (double l : late)
            longest = std::max(longest, l);
        qsizetype over = 0;
        qsizetype overBusy = 0; // the GUI thread itself ran for at least half of the stall
        for (const Watchdog::Stall& s : watchdog.stalls()) {
            over += s.lateMs > goalMs ? 1 : 0;
            overBusy += s.lateMs > goalMs && s.cpuMs >= (s.lateMs + tickMs) / 2 ? 1 : 0;
        }
        out(QString());
        out(u"== %1 VM%2: the wizard's Run page onboards, the VMs tab follows"_qs.arg(count).arg(count > 1 ? u"s"_qs : QString()));
        out(u"  VMs: %1 (ok %2, failed %3)%4"_qs.arg(count).arg(ok).arg(failed.size())
                .arg(finished ? QString() : u"; DID NOT FINISH within %1 s (stage %2)"_qs.arg(m_settings.timeoutS).arg(stage)));
        for (const QString& f : failed)
            out(u"    "_qs + f);
        out(u"  wall time: %1 s from Start to every VM finished (cluster side applied at %2 s); host-key questions answered: %3; VMs tab rows: %4"_qs
                .arg(wallS, 0, 'f', 1).arg(clusterS, 0, 'f', 1).arg(hostKeys).arg(vmsRows));
        out(u"  GUI thread: %1 CPU ms in %2 ms measured (%3%), %4 watchdog ticks of %5 ms"_qs
                .arg(watchdog.cpuMs(), 0, 'f', 0).arg(watchdog.wallMs(), 0, 'f', 0)
                .arg(100 * watchdog.cpuMs() / std::max(1.0, watchdog.wallMs()), 0, 'f', 1).arg(late.size()).arg(tickMs));
        out(u"  longest GUI stall: %1 ms"_qs.arg(longest, 0, 'f', 1));
        out(u"  lateness p50: %1 ms, p99: %2 ms, p99.9: %3 ms"_qs.arg(percentile(late, 0.5), 0, 'f', 2)
                .arg(percentile(late, 0.99), 0, 'f', 2).arg(percentile(late, 0.999), 0, 'f', 2));
        out(u"  stalls > 50 ms: %1, of them with the GUI thread on the CPU for half the time or more: %2 (stalls > 10 ms: %3)"_qs
                .arg(over).arg(overBusy).arg(watchdog.stalls().size()));
        QList<Watchdog::Stall> worst = watchdog.stalls();
        std::sort(worst.begin(), worst.end(), [](const auto& a, const auto& b) { return a.lateMs > b.lateMs; });
        QStringList top;
        for (qsizetype i = 0; i < std::min<qsizetype>(5, worst.size()); ++i)
            top << u"%1 ms at %2 s (%3, GUI thread CPU %4 ms)"_qs.arg(worst[i].lateMs, 0, 'f', 1).arg(worst[i].atS, 0, 'f', 2)
                       .arg(worst[i].stage).arg(worst[i].cpuMs, 0, 'f', 1);
        if (!top.isEmpty())
            out(u"  worst: "_qs + top.join(u", "_qs));
        out(u"  longest stall <= 50 ms: %1"_qs.arg(longest <= goalMs ? u"PASS"_qs : u"MISS"_qs));
    }

    const Settings& m_settings;
    KubeClient* m_client;
    Plan m_book;
};

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"meshdeck-bench-console"_qs);
    // As the window (app/gui.cpp): the ssh layer's debug lines are off unless QT_LOGGING_RULES says.
    QLoggingCategory::setFilterRules(u"meshdeck.*.debug=false"_qs);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"The GUI thread's longest stall while the wizard onboards lab VMs (tests/bench/console/run)."_qs);
    parser.addHelpOption();
    const QCommandLineOption book(u"book"_qs, u"the book's plan (examples/book-chapter10.yaml)"_qs, u"file"_qs,
                                  QStringLiteral(MESHDECK_SOURCE_DIR "/examples/book-chapter10.yaml"));
    const QCommandLineOption kubeconfig(u"kubeconfig"_qs, u"the lab's kubeconfig"_qs, u"file"_qs);
    const QCommandLineOption context(u"context"_qs, u"its context (default admin)"_qs, u"name"_qs, u"admin"_qs);
    const QCommandLineOption sshConfig(u"ssh-config"_qs, u"the ssh config (the lab's, with a known_hosts of its own)"_qs, u"file"_qs);
    const QCommandLineOption knownHosts(u"known-hosts"_qs, u"that known_hosts (emptied before each run)"_qs, u"file"_qs);
    const QCommandLineOption deb(u"deb"_qs, u"the sidecar package (MESHDECK_LAB_SIDECAR_DEB)"_qs, u"file"_qs);
    const QCommandLineOption work(u"work"_qs, u"where the plans and their state files go"_qs, u"dir"_qs);
    const QCommandLineOption vmNet(u"vm-net"_qs, u"the lab's VM network K (198.18.K.0/24)"_qs, u"K"_qs, u"9"_qs);
    const QCommandLineOption counts(u"vms"_qs, u"the runs, VM counts in order (default 20,1)"_qs, u"list"_qs, u"20,1"_qs);
    const QCommandLineOption noEntries(u"no-entries"_qs, u"make no WorkloadEntries for finished VMs"_qs);
    const QCommandLineOption timeout(u"timeout"_qs, u"seconds one run may take (default 900)"_qs, u"s"_qs, u"900"_qs);
    parser.addOptions({book, kubeconfig, context, sshConfig, knownHosts, deb, work, vmNet, counts, noEntries, timeout});
    parser.process(app);
    for (const QCommandLineOption* required : {&kubeconfig, &sshConfig, &knownHosts, &deb, &work}) {
        if (!parser.isSet(*required)) {
            out(u"bench: --%1 is required (tests/bench/console/run sets it)"_qs.arg(required->names().first()));
            return 1;
        }
    }
    Settings settings;
    settings.book = parser.value(book);
    settings.kubeconfig = parser.value(kubeconfig);
    settings.context = parser.value(context);
    settings.sshConfig = parser.value(sshConfig);
    settings.knownHosts = parser.value(knownHosts);
    settings.deb = parser.value(deb);
    settings.work = parser.value(work);
    settings.vmNet = parser.value(vmNet).toInt();
    settings.entries = !parser.isSet(noEntries);
    settings.timeoutS = parser.value(timeout).toInt();
    // The window keeps its layout in QSettings: the benchmark's go to its work folder.
    for (const QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, settings.work);

    ClusterTarget target;
    target.kubeconfigFiles = {settings.kubeconfig};
    target.context = settings.context;
    target.kubeconfigSource = u"--kubeconfig"_qs;
    const RestConfigResult rc = loadKubeconfig(target).restConfigFor(settings.context);
    if (!rc.ok()) {
        out(u"bench: %1"_qs.arg(rc.error));
        return 1;
    }
    KubeClient client(rc.config, KubeClientOptions{});
    const PlanLoadResult loaded = loadPlanFile(settings.book);
    if (!loaded.ok() || loaded.plan->vms.isEmpty()) {
        out(u"bench: the book's plan did not load: %1"_qs.arg(settings.book));
        return 1;
    }

    Bench bench(settings, &client, *loaded.plan);
    bool ran = true;
    for (const QString& n : parser.value(counts).split(u',', Qt::SkipEmptyParts))
        ran = bench.measure(n.toInt()) && ran;
    return ran ? 0 : 1;
}
