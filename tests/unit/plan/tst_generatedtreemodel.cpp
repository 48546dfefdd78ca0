// SPDX-License-Identifier: Apache-2.0
#include "generatedtreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <yaml-cpp/yaml.h>

namespace {

Resource resource(Stage stage, const QString& apiVersion, const QString& kind, const QString& name,
                  const QString& ns, const QString& origin = {})
{
    QJsonObject metadata{{u"name"_qs, name}};
    if (!ns.isEmpty())
        metadata.insert(u"namespace"_qs, ns);
    Resource r;
    r.object = QJsonObject{{u"apiVersion"_qs, apiVersion}, {u"kind"_qs, kind}, {u"metadata"_qs, metadata}};
    r.stage = stage;
    r.origin = origin;
    return r;
}

// The shape of the book chapter's plan: namespace, operator, istiod exposure, one VM group.
Generated chapterLike()
{
    Generated g;
    g.resources << resource(Stage::ControlPlane, u"v1"_qs, u"Namespace"_qs, u"istio-system"_qs, {}, u"mesh"_qs);
    Resource op = resource(Stage::ControlPlane, u"install.istio.io/v1alpha1"_qs, u"IstioOperator"_qs,
                           u"control-plane"_qs, u"istio-system"_qs, u"mesh"_qs);
    op.channel = Resource::Channel::Istioctl;
    g.resources << op;
    g.resources << resource(Stage::IstiodExposure, u"networking.istio.io/v1"_qs, u"Gateway"_qs, u"istiod-gateway"_qs,
                            u"istio-system"_qs, u"istiodExposure"_qs);
    Resource wg = resource(Stage::VmGroup, u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"envoydummy"_qs,
                           u"chapter10vm"_qs, u"vmGroups[0]"_qs);
    QJsonObject spec{{u"template"_qs, QJsonObject{{u"serviceAccount"_qs, u"chapter10-sa"_qs},
                                                  {u"network"_qs, u"network1"_qs}}}};
    wg.object.insert(u"spec"_qs, spec);
    g.resources << wg;
    g.resources << resource(Stage::VmGroup, u"v1"_qs, u"Service"_qs, u"envoydummy"_qs, u"chapter10vm"_qs,
                            u"vmGroups[0].service"_qs);
    // Out of stage order on purpose: the tree groups by stage, keeping order inside a stage.
    g.resources << resource(Stage::ControlPlane, u"v1"_qs, u"Secret"_qs, u"cacerts"_qs, u"istio-system"_qs,
                            u"pluginCa"_qs);
    VmBundle bundle;
    bundle.vm = u"vm1"_qs;
    bundle.files << VmFile{u"cluster.env"_qs, "CANONICAL_SERVICE='envoydummy'\n", u"/var/lib/istio/envoy/cluster.env"_qs};
    bundle.files << VmFile{u"mesh.yaml"_qs, "defaultConfig:\n  meshId: mesh1\n", u"/etc/istio/config/mesh"_qs};
    bundle.files << VmFile{u"hosts"_qs, "198.51.100.7 istiod.istio-system.svc\n", u"/etc/hosts"_qs};
    g.vmBundles << bundle;
    return g;
}

QStringList childTexts(const QAbstractItemModel& model, const QModelIndex& parent, int column = 0)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row)
        texts << model.index(row, column, parent).data().toString();
    return texts;
}

} // namespace

class tst_GeneratedTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void passesModelTester()
    {
        GeneratedTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGenerated(chapterLike());
        model.setGenerated(Generated{});
        model.setGenerated(chapterLike());
    }

    void topLevelIsStagesInApplyOrderThenVmFiles()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        // East-west gateway, traffic splits and legacy produced nothing: no empty groups.
        QCOMPARE(childTexts(model, {}), (QStringList{u"Control plane (3)"_qs, u"istiod exposure (1)"_qs,
                                                      u"VM groups (2)"_qs, u"VM files (1)"_qs}));
        QCOMPARE(model.index(2, 0).data(GeneratedTreeModel::StageRole).toInt(), int(Stage::VmGroup));
        QCOMPARE(model.index(3, 0).data(GeneratedTreeModel::NodeTypeRole).value<GeneratedTreeModel::NodeType>(),
                 GeneratedTreeModel::NodeType::VmFiles);
    }

    void stageTitles_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("title");
        QTest::newRow("control plane") << int(Stage::ControlPlane) << u"Control plane"_qs;
        QTest::newRow("east-west") << int(Stage::EastWestGateway) << u"East-west gateway"_qs;
        QTest::newRow("istiod") << int(Stage::IstiodExposure) << u"istiod exposure"_qs;
        QTest::newRow("vm groups") << int(Stage::VmGroup) << u"VM groups"_qs;
        QTest::newRow("splits") << int(Stage::TrafficSplit) << u"Traffic splits"_qs;
        QTest::newRow("legacy") << int(Stage::Legacy) << u"Legacy mesh expansion"_qs;
    }

    void stageTitles()
    {
        QFETCH(int, stage);
        QFETCH(QString, title);
        QCOMPARE(GeneratedTreeModel::stageTitle(Stage(stage)), title);
    }

    void resourcesShowKindNameAndNamespace()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        const QModelIndex controlPlane = model.index(0, 0);
        QCOMPARE(childTexts(model, controlPlane),
                 (QStringList{u"Namespace istio-system"_qs, u"IstioOperator control-plane"_qs, u"Secret cacerts"_qs}));
        QCOMPARE(childTexts(model, controlPlane, GeneratedTreeModel::NamespaceColumn),
                 (QStringList{QString(), u"istio-system"_qs, u"istio-system"_qs}));
        const QModelIndex vmGroups = model.index(2, 0);
        QCOMPARE(childTexts(model, vmGroups), (QStringList{u"WorkloadGroup envoydummy"_qs, u"Service envoydummy"_qs}));
        QCOMPARE(childTexts(model, vmGroups, GeneratedTreeModel::NamespaceColumn),
                 (QStringList{u"chapter10vm"_qs, u"chapter10vm"_qs}));
    }

    void resourceRoles()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        const QModelIndex wg = model.index(0, 0, model.index(2, 0));
        QCOMPARE(wg.data(GeneratedTreeModel::NodeTypeRole).value<GeneratedTreeModel::NodeType>(),
                 GeneratedTreeModel::NodeType::Resource);
        QCOMPARE(wg.data(GeneratedTreeModel::KindRole).toString(), u"WorkloadGroup"_qs);
        QCOMPARE(wg.data(GeneratedTreeModel::NameRole).toString(), u"envoydummy"_qs);
        QCOMPARE(wg.data(GeneratedTreeModel::OriginRole).toString(), u"vmGroups[0]"_qs);
        QCOMPARE(wg.data(GeneratedTreeModel::KeyRole).toString(), u"WorkloadGroup/chapter10vm/envoydummy"_qs);
        QCOMPARE(wg.data(GeneratedTreeModel::StageRole).toInt(), int(Stage::VmGroup));
        QCOMPARE(wg.data(GeneratedTreeModel::ChannelRole).toInt(), int(Resource::Channel::Kubectl));
        QVERIFY(wg.data(Qt::ToolTipRole).toString().contains(u"vmGroups[0]"));

        const QModelIndex op = model.index(1, 0, model.index(0, 0));
        QCOMPARE(op.data(GeneratedTreeModel::ChannelRole).toInt(), int(Resource::Channel::Istioctl));
        QVERIFY(op.data(Qt::ToolTipRole).toString().contains(u"istioctl install"));
    }

    void yamlRoleReadsBackAsTheObject()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        const QModelIndex wg = model.index(0, 0, model.index(2, 0));
        const QString yaml = wg.data(GeneratedTreeModel::YamlRole).toString();
        QVERIFY(!yaml.isEmpty());
        const YAML::Node node = YAML::Load(yaml.toStdString());
        QCOMPARE(node["apiVersion"].as<std::string>(), std::string("networking.istio.io/v1"));
        QCOMPARE(node["kind"].as<std::string>(), std::string("WorkloadGroup"));
        QCOMPARE(node["metadata"]["name"].as<std::string>(), std::string("envoydummy"));
        QCOMPARE(node["metadata"]["namespace"].as<std::string>(), std::string("chapter10vm"));
        QCOMPARE(node["spec"]["template"]["serviceAccount"].as<std::string>(), std::string("chapter10-sa"));
        // Stages have no YAML of their own.
        QVERIFY(model.index(2, 0).data(GeneratedTreeModel::YamlRole).toString().isEmpty());
    }

    void vmFilesAreGrandchildren()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        const QModelIndex files = model.index(3, 0);
        QCOMPARE(childTexts(model, files), QStringList{u"vm1"_qs});
        const QModelIndex vm = model.index(0, 0, files);
        QCOMPARE(vm.data(GeneratedTreeModel::VmNameRole).toString(), u"vm1"_qs);
        QCOMPARE(childTexts(model, vm), (QStringList{u"cluster.env"_qs, u"mesh.yaml"_qs, u"hosts"_qs}));
        QCOMPARE(childTexts(model, vm, GeneratedTreeModel::NamespaceColumn),
                 (QStringList{u"/var/lib/istio/envoy/cluster.env"_qs, u"/etc/istio/config/mesh"_qs, u"/etc/hosts"_qs}));
        const QModelIndex env = model.index(0, 0, vm);
        QCOMPARE(env.data(GeneratedTreeModel::YamlRole).toString(), u"CANONICAL_SERVICE='envoydummy'\n"_qs);
        QCOMPARE(env.data(GeneratedTreeModel::KeyRole).toString(), u"vms/vm1/cluster.env"_qs);
        QCOMPARE(env.data(GeneratedTreeModel::VmNameRole).toString(), u"vm1"_qs);
        QCOMPARE(env.data(GeneratedTreeModel::InstallPathRole).toString(), u"/var/lib/istio/envoy/cluster.env"_qs);
        QCOMPARE(model.rowCount(env), 0);
    }

    void indexForKeyFindsEveryNode()
    {
        GeneratedTreeModel model;
        model.setGenerated(chapterLike());
        const QStringList keys{u"Secret/istio-system/cacerts"_qs, u"Namespace/istio-system"_qs, u"vms/vm1"_qs,
                               u"vms/vm1/hosts"_qs};
        for (const QString& key : keys) {
            const QModelIndex index = model.indexForKey(key);
            QVERIFY2(index.isValid(), qPrintable(key));
            QCOMPARE(index.data(GeneratedTreeModel::KeyRole).toString(), key);
        }
        QVERIFY(!model.indexForKey(u"Secret/istio-system/nope"_qs).isValid());
    }

    void setGeneratedResets()
    {
        GeneratedTreeModel model;
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setGenerated(chapterLike());
        QCOMPARE(reset.count(), 1);
        model.setGenerated(Generated{});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 2);
    }
};

QTEST_APPLESS_MAIN(tst_GeneratedTreeModel)
#include "tst_generatedtreemodel.moc"
