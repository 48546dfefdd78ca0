// SPDX-License-Identifier: Apache-2.0
// The export folder: numbered files in apply order that `kubectl apply -f` takes, a cleanup
// in reverse order without shared objects, the VM files byte for byte, key material readable by
// its owner only, and an all-or-nothing replacement of an earlier export.
#include "exporter.h"

#include "generation.h"
#include "planloader.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "testsupport.h"

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

using namespace TestSupport;


// Every file under dir (hidden ones too), relative, sorted.
QStringList filesUnder(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

// Every file under dir with its content, to show that a refused or failed export changed nothing.
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> out;
    for (const QString& f : filesUnder(dir))
        out.insert(f, readAll(dir + u'/' + f));
    return out;
}

// The staging and moved-aside folders an export must never leave behind.
QStringList leftovers(const QString& parent, const QString& target)
{
    QStringList found;
    for (const QString& e : QDir(parent).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (e.startsWith(u".meshdeck-export-"))
            found.append(e);
    }
    if (QFileInfo(target).isDir()) {
        for (const QString& e : QDir(target).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
            if (e.endsWith(u".meshdeck-old"))
                found.append(e);
        }
    }
    return found;
}

struct Identity
{
    QString kind;
    QString name;
    QString namespaceName;
    friend bool operator==(const Identity&, const Identity&) = default;
};

QString show(const QList<Identity>& ids)
{
    QStringList parts;
    for (const Identity& i : ids)
        parts.append(i.kind + u'/' + i.namespaceName + u'/' + i.name);
    return parts.join(u", "_qs);
}

QList<Identity> identities(const QList<Resource>& resources)
{
    QList<Identity> ids;
    for (const Resource& r : resources)
        ids.append(Identity{r.kind(), r.name(), r.namespaceName()});
    return ids;
}

// kind, name and namespace of every document of a multi-document YAML file, read by yaml-cpp.
std::optional<QList<Identity>> documentsOf(const QString& path)
{
    try {
        QList<Identity> ids;
        for (const YAML::Node& doc : YAML::LoadAll(readAll(path).toStdString())) {
            const YAML::Node meta = doc["metadata"];
            ids.append(Identity{QString::fromStdString(doc["kind"].as<std::string>()),
                                QString::fromStdString(meta["name"].as<std::string>()),
                                QString::fromStdString(meta["namespace"].as<std::string>(std::string()))});
        }
        return ids;
    } catch (const YAML::Exception& e) {
        qWarning("%s: %s", qPrintable(path), e.what());
        return std::nullopt;
    }
}

Plan loadBook()
{
    const PlanLoadResult r = loadPlanFile(sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    if (!r.ok())
        qWarning("%s", qPrintable(describe(r.problems)));
    return r.plan.value_or(Plan{});
}

// Runs f with a file size limit in force (it binds root too): writes past it fail with EFBIG.
template<class F>
auto withFileSizeLimit(rlim_t bytes, F f)
{
    rlimit saved{};
    getrlimit(RLIMIT_FSIZE, &saved);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &small);
    auto result = f();
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);
    return result;
}

} // namespace

class TestExporter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // file modes are asserted below: make them independent of the caller's umask
        ::umask(022);
    }

    // Security review M4: a plan naming a device or a FIFO as a CA file is a problem on that
    // field, not a hang or an endless read when the plan is opened.
    void pluginCaFromADeviceIsAProblem()
    {
        const PlanLoadResult r = loadPlanFile(sourceDir() + u"/examples/multinetwork-legacy.yaml"_qs);
        QVERIFY(r.plan && r.plan->pluginCa);
        Plan plan = *r.plan;
        plan.pluginCa->caKey = u"/dev/zero"_qs;
        const Generated generated = generateOffline(plan);
        const auto it = std::find_if(generated.problems.cbegin(), generated.problems.cend(),
                                     [](const Problem& p) { return p.path == u"pluginCa.caKey"; });
        QVERIFY(it != generated.problems.cend());
        QVERIFY2(it->message.contains(u"/dev/zero is not a regular file"_qs), qPrintable(it->message));
    }

    void fileNames_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two digits") << 1 << 5 << u"Namespace"_qs << u"vm"_qs << u"01-namespace-vm.yaml"_qs;
        QTest::newRow("9 of 9") << 9 << 9 << u"Service"_qs << u"web"_qs << u"09-service-web.yaml"_qs;
        QTest::newRow("99 of 99") << 99 << 99 << u"Gateway"_qs << u"g"_qs << u"99-gateway-g.yaml"_qs;
        QTest::newRow("1 of 100") << 1 << 100 << u"WorkloadGroup"_qs << u"envoydummy"_qs << u"001-workloadgroup-envoydummy.yaml"_qs;
        QTest::newRow("100 of 100") << 100 << 100 << u"VirtualService"_qs << u"istiod-vs"_qs << u"100-virtualservice-istiod-vs.yaml"_qs;
        QTest::newRow("7 of 120") << 7 << 120 << u"ServiceEntry"_qs << u"httpbin.bar.global"_qs << u"007-serviceentry-httpbin.bar.global.yaml"_qs;
        QTest::newRow("12 of 1000") << 12 << 1000 << u"Secret"_qs << u"cacerts"_qs << u"0012-secret-cacerts.yaml"_qs;
    }

    void fileNames()
    {
        QFETCH(int, index);
        QFETCH(int, count);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(exportFileName(index, count, kind, name), expected);
    }

    void fileNamesSortInApplyOrder()
    {
        // `kubectl apply -f cluster/` takes the files in lexical order: it must be the numeric one.
        for (const int count : {9, 10, 99, 100, 101, 250}) {
            QStringList names;
            for (int i = 1; i <= count; ++i)
                names.append(exportFileName(i, count, u"ConfigMap"_qs, u"z"_qs + QString::number(count - i)));
            QStringList sorted = names;
            sorted.sort();
            QCOMPARE(sorted, names);
        }
    }

    void exportsTheBookExample()
    {
        const Generated generated = generateOffline(loadBook());
        const QList<Resource> kubectl = generated.kubectlResources();
        const QList<Resource> istioctl = generated.istioctlResources();
        QVERIFY(!kubectl.isEmpty());
        QVERIFY(!istioctl.isEmpty()); // the control plane (and east-west gateway) IstioOperators
        QVERIFY(kubectl.size() < 100);

        QTemporaryDir parent;
        const QString target = parent.filePath(u"export"_qs);
        const ExportResult result = exportGenerated(generated, target);
        QCOMPARE(result.error, QString());
        QCOMPARE(leftovers(parent.path(), target), QStringList());

        // cluster/: one file per kubectl resource, NN-<kind>-<name>.yaml in apply order
        QStringList expectedCluster;
        const QRegularExpression numbered(u"^(\\d{2})-([a-z]+)-(.+)\\.yaml$"_qs);
        for (qsizetype i = 0; i < kubectl.size(); ++i) {
            const Resource& r = kubectl.at(i);
            QVERIFY2(r.kind() != u"IstioOperator", qPrintable(r.key()));
            const QString name = exportFileName(int(i) + 1, int(kubectl.size()), r.kind(), r.name());
            const QRegularExpressionMatch m = numbered.match(name);
            QVERIFY2(m.hasMatch(), qPrintable(name));
            QCOMPARE(m.captured(1).toInt(), int(i) + 1);
            QCOMPARE(m.captured(2), r.kind().toLower());
            QCOMPARE(m.captured(3), r.name());
            expectedCluster.append(name);
            const std::optional<QList<Identity>> docs = documentsOf(target + u"/cluster/"_qs + name);
            QVERIFY2(docs && docs->size() == 1, qPrintable(name));
            QCOMPARE(docs->first(), (Identity{r.kind(), r.name(), r.namespaceName()}));
        }
        QStringList clusterFiles = QDir(target + u"/cluster"_qs).entryList(QDir::Files | QDir::Hidden, QDir::Name);
        QVERIFY(clusterFiles.removeOne(u"all.yaml"_qs));
        QCOMPARE(clusterFiles, expectedCluster); // lexical order is apply order

        // cluster/all.yaml: exactly the kubectl resources, in order, and the numbered files joined
        const std::optional<QList<Identity>> all = documentsOf(target + u"/cluster/all.yaml"_qs);
        QVERIFY(all);
        QVERIFY2(*all == identities(kubectl), qPrintable(show(*all) + u"\n!=\n"_qs + show(identities(kubectl))));
        QByteArray joined;
        for (const QString& f : std::as_const(expectedCluster))
            joined += (joined.isEmpty() ? QByteArray() : QByteArray("---\n")) + readAll(target + u"/cluster/"_qs + f);
        QCOMPARE(readAll(target + u"/cluster/all.yaml"_qs), joined);
        QCOMPARE(readAll(target + u"/cluster/all.yaml"_qs), kubectlDocument(generated));

        // istioctl/: the IstioOperators, numbered the same way
        QStringList expectedIstioctl;
        for (qsizetype i = 0; i < istioctl.size(); ++i) {
            const Resource& r = istioctl.at(i);
            QCOMPARE(r.kind(), u"IstioOperator"_qs);
            expectedIstioctl.append(exportFileName(int(i) + 1, int(istioctl.size()), r.kind(), r.name()));
            const std::optional<QList<Identity>> docs = documentsOf(target + u"/istioctl/"_qs + expectedIstioctl.last());
            QVERIFY(docs && docs->size() == 1);
            QCOMPARE(docs->first(), (Identity{r.kind(), r.name(), r.namespaceName()}));
        }
        QCOMPARE(QDir(target + u"/istioctl"_qs).entryList(QDir::Files | QDir::Hidden, QDir::Name), expectedIstioctl);

        // cleanup/all.yaml: reverse apply order, without the objects shared with the cluster
        QList<Identity> expectedCleanup;
        for (auto it = kubectl.crbegin(); it != kubectl.crend(); ++it) {
            if (!it->keepOnCleanup)
                expectedCleanup.append(Identity{it->kind(), it->name(), it->namespaceName()});
        }
        const std::optional<QList<Identity>> cleanup = documentsOf(target + u"/cleanup/all.yaml"_qs);
        QVERIFY(cleanup);
        QVERIFY2(*cleanup == expectedCleanup, qPrintable(show(*cleanup)));
        QVERIFY(!cleanup->isEmpty());
        for (const Identity& id : *cleanup) {
            // the istio namespace is never deleted by a cleanup
            QVERIFY2(!(id.kind == u"Namespace" && id.name == u"istio-system"), qPrintable(show(*cleanup)));
        }
        QVERIFY(cleanup->contains(Identity{u"WorkloadGroup"_qs, u"envoydummy"_qs, u"chapter10vm"_qs}));

        // vms/<vm>/: the bundle's bytes
        QStringList expectedFiles = {u".meshdeck-export"_qs, u"README.txt"_qs, u"cleanup/all.yaml"_qs, u"cluster/all.yaml"_qs};
        for (const QString& f : std::as_const(expectedCluster))
            expectedFiles.append(u"cluster/"_qs + f);
        for (const QString& f : std::as_const(expectedIstioctl))
            expectedFiles.append(u"istioctl/"_qs + f);
        QCOMPARE(generated.vmBundles.size(), 1);
        for (const VmBundle& bundle : generated.vmBundles) {
            QCOMPARE(bundle.vm, u"chapter10-instance"_qs);
            for (const QString& name : {u"cluster.env"_qs, u"mesh.yaml"_qs, u"hosts"_qs})
                QVERIFY2(bundle.file(name), qPrintable(name));
            for (const VmFile& file : bundle.files) {
                const QString relative = u"vms/"_qs + bundle.vm + u'/' + file.name;
                QCOMPARE(readAll(target + u'/' + relative), file.content);
                expectedFiles.append(relative);
            }
        }
        expectedFiles.sort();
        QCOMPARE(filesUnder(target), expectedFiles);
        QStringList written = result.written;
        written.sort();
        QCOMPARE(written, expectedFiles);
        QVERIFY(readAll(target + u"/README.txt"_qs).contains("kubectl apply -f cluster/all.yaml"));

        // nothing here is secret: every file is 0644
        for (const QString& f : std::as_const(expectedFiles))
            QVERIFY2(modeOf(target + u'/' + f) == 0644, qPrintable(f + u' ' + QString::number(modeOf(target + u'/' + f), 8)));
    }

    void keyMaterialIsOwnerOnly()
    {
        if (QStandardPaths::findExecutable(u"openssl"_qs).isEmpty())
            QSKIP("openssl not found");
        QTemporaryDir work;
        QProcess ca;
        ca.setProcessChannelMode(QProcess::MergedChannels);
        ca.start(u"/bin/sh"_qs, {sourceDir() + u"/scripts/make-plugin-ca"_qs, work.filePath(u"certs"_qs)});
        QVERIFY(ca.waitForFinished(120000));
        QVERIFY2(ca.exitCode() == 0, ca.readAll().constData());
        const QString planPath = work.filePath(u"plan.yaml"_qs);
        QVERIFY(QFile::copy(sourceDir() + u"/examples/multinetwork-legacy.yaml"_qs, planPath));
        const PlanLoadResult loaded = loadPlanFile(planPath);
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.problems)));
        const Generated generated = generateOffline(*loaded.plan);
        QVERIFY2(!hasErrors(generated.problems), qPrintable(describe(generated.problems)));

        const QString target = work.filePath(u"out"_qs);
        const ExportResult result = exportGenerated(generated, target);
        QCOMPARE(result.error, QString());
        const QList<Resource> kubectl = generated.kubectlResources();
        QString secretFile;
        for (qsizetype i = 0; i < kubectl.size(); ++i) {
            if (kubectl.at(i).kind() == u"Secret") {
                QCOMPARE(kubectl.at(i).name(), u"cacerts"_qs); // istio-system/cacerts, as Istio's plug-in CA task
                QCOMPARE(kubectl.at(i).namespaceName(), u"istio-system"_qs);
                secretFile = u"cluster/"_qs + exportFileName(int(i) + 1, int(kubectl.size()), u"Secret"_qs, u"cacerts"_qs);
            }
        }
        QVERIFY(!secretFile.isEmpty());
        QVERIFY(readAll(target + u'/' + secretFile).contains("ca-key.pem"));
        for (const QString& f : filesUnder(target)) {
            const bool secret = f == secretFile || f == u"cluster/all.yaml";
            QVERIFY2(modeOf(target + u'/' + f) == (secret ? 0600 : 0644),
                     qPrintable(f + u' ' + QString::number(modeOf(target + u'/' + f), 8)));
        }
        // the key never reaches the cleanup (cacerts is shared) nor a VM
        QVERIFY(!readAll(target + u"/cleanup/all.yaml"_qs).contains("cacerts"));
        for (const QString& f : filesUnder(target + u"/vms"_qs))
            QVERIFY(!readAll(target + u"/vms/"_qs + f).contains("PRIVATE KEY"));
    }

    void reExportReplacesAndKeepsUserFiles()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(u"export"_qs);
        const Plan book = loadBook();
        QCOMPARE(exportGenerated(generateOffline(book), target).error, QString());
        QVERIFY(writeFile(target + u"/notes.txt"_qs, "my notes\n"));
        QVERIFY(writeFile(target + u"/mine/kustomization.yaml"_qs, "resources: []\n"));

        // a smaller plan: no split, another VM name
        Plan smaller = book;
        smaller.trafficSplits.clear();
        smaller.vms.first().name = u"other-vm"_qs;
        const Generated generated = generateOffline(smaller);
        const ExportResult result = exportGenerated(generated, target);
        QCOMPARE(result.error, QString());
        QCOMPARE(leftovers(parent.path(), target), QStringList());

        QCOMPARE(readAll(target + u"/notes.txt"_qs), QByteArray("my notes\n"));
        QCOMPARE(readAll(target + u"/mine/kustomization.yaml"_qs), QByteArray("resources: []\n"));
        QVERIFY(!QFileInfo::exists(target + u"/vms/chapter10-instance"_qs));
        QVERIFY(QFileInfo::exists(target + u"/vms/other-vm/cluster.env"_qs));
        QStringList clusterFiles = QDir(target + u"/cluster"_qs).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(clusterFiles.removeOne(u"all.yaml"_qs));
        QCOMPARE(clusterFiles.size(), generated.kubectlResources().size());
        QStringList expected = result.written + QStringList{u"notes.txt"_qs, u"mine/kustomization.yaml"_qs};
        expected.sort();
        QCOMPARE(filesUnder(target), expected);
        const std::optional<QList<Identity>> all = documentsOf(target + u"/cluster/all.yaml"_qs);
        QVERIFY(all && *all == identities(generated.kubectlResources()));
    }

    void refusesAFolderThatIsNotAnExport()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(u"photos"_qs);
        QVERIFY(writeFile(target + u"/holiday.jpg"_qs, "not a plan"));
        QVERIFY(writeFile(target + u"/.hidden"_qs, "x"));
        const auto before = snapshot(parent.path());
        const ExportResult result = exportGenerated(generateOffline(loadBook()), target);
        QVERIFY(!result.error.isEmpty());
        QVERIFY2(result.error.contains(target) && result.error.contains(u".meshdeck-export"), qPrintable(result.error));
        QVERIFY(result.written.isEmpty());
        QCOMPARE(snapshot(parent.path()), before);
        QCOMPARE(QDir(parent.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{u"photos"_qs});

        // a folder holding only a hidden file is not empty either
        const QString hiddenOnly = parent.filePath(u"dotfiles"_qs);
        QVERIFY(writeFile(hiddenOnly + u"/.profile"_qs, "x"));
        QVERIFY(!exportGenerated(generateOffline(loadBook()), hiddenOnly).error.isEmpty());
        QCOMPARE(filesUnder(hiddenOnly), QStringList{u".profile"_qs});
    }

    void refusesARegularFile()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(u"export"_qs);
        QVERIFY(writeFile(target, "a file"));
        const ExportResult result = exportGenerated(generateOffline(loadBook()), target);
        QVERIFY(!result.error.isEmpty());
        QVERIFY2(result.error.contains(target), qPrintable(result.error));
        QCOMPARE(readAll(target), QByteArray("a file"));
        QCOMPARE(QDir(parent.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{u"export"_qs});
    }

    void intoAnEmptyOrNewNestedFolder()
    {
        QTemporaryDir parent;
        const QString empty = parent.filePath(u"empty"_qs);
        QVERIFY(QDir().mkpath(empty));
        QCOMPARE(exportGenerated(generateOffline(loadBook()), empty).error, QString());
        QVERIFY(QFileInfo::exists(empty + u"/.meshdeck-export"_qs));
        const QString nested = parent.filePath(u"a/b/c"_qs);
        QCOMPARE(exportGenerated(generateOffline(loadBook()), nested).error, QString());
        QVERIFY(QFileInfo::exists(nested + u"/cluster/all.yaml"_qs));
        QCOMPARE(leftovers(parent.path(), empty), QStringList());
        QCOMPARE(leftovers(parent.filePath(u"a/b"_qs), nested), QStringList());
    }

    void failedExportKeepsThePreviousOne()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(u"export"_qs);
        const Plan book = loadBook();
        QCOMPARE(exportGenerated(generateOffline(book), target).error, QString());
        QVERIFY(writeFile(target + u"/notes.txt"_qs, "mine\n"));
        const auto before = snapshot(target);

        Plan other = book;
        other.vms.first().name = u"other-vm"_qs;
        const Generated generated = generateOffline(other);
        // every resource file is larger than this: the first write fails half-way
        const ExportResult result = withFileSizeLimit(40, [&] { return exportGenerated(generated, target); });
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(snapshot(target), before);
        QCOMPARE(leftovers(parent.path(), target), QStringList());
    }
};

QTEST_APPLESS_MAIN(TestExporter)
#include "tst_exporter.moc"
