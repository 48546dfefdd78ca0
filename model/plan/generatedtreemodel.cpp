// SPDX-License-Identifier: Apache-2.0
#include "generatedtreemodel.h"

#include "exporter.h"
#include "yamlwriter.h"

#include <array>

namespace {

// Enum order is apply order (resource.h); the tree follows it rather than the list's order so
// that a generator emitting late (say, a legacy entry) still lands in its own group.
constexpr std::array allStages{Stage::ControlPlane, Stage::EastWestGateway, Stage::IstiodExposure,
                               Stage::VmGroup,      Stage::Legacy,          Stage::TrafficSplit};

QString withCount(const QString& title, qsizetype count)
{
    return title + u" ("_qs + QString::number(count) + u')';
}

} // namespace

GeneratedTreeModel::GeneratedTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

GeneratedTreeModel::~GeneratedTreeModel() = default;

QString GeneratedTreeModel::stageTitle(Stage stage)
{
    switch (stage) {
    case Stage::ControlPlane:
        return tr("Control plane");
    case Stage::EastWestGateway:
        return tr("East-west gateway");
    case Stage::IstiodExposure:
        return tr("istiod exposure");
    case Stage::VmGroup:
        return tr("VM groups");
    case Stage::TrafficSplit:
        return tr("Traffic splits");
    case Stage::Legacy:
        return tr("Legacy mesh expansion");
    }
    return {};
}

void GeneratedTreeModel::setGenerated(const Generated& generated)
{
    beginResetModel();
    m_generated = generated;
    rebuild();
    endResetModel();
}

int GeneratedTreeModel::addNode(NodeType type, int parent, int item, int bundle)
{
    const int id = int(m_nodes.size());
    const int row = int(parent < 0 ? m_topLevel.size() : m_nodes.at(parent).children.size());
    m_nodes.append(Node{type, parent, row, item, bundle, {}});
    if (parent < 0)
        m_topLevel.append(id);
    else
        m_nodes[parent].children.append(id);
    return id;
}

void GeneratedTreeModel::rebuild()
{
    m_nodes.clear();
    m_topLevel.clear();
    for (const Stage stage : allStages) {
        int stageNode = -1;
        for (int i = 0; i < m_generated.resources.size(); ++i) {
            if (m_generated.resources.at(i).stage != stage)
                continue;
            if (stageNode < 0)
                stageNode = addNode(NodeType::Stage, -1, int(stage));
            addNode(NodeType::Resource, stageNode, i);
        }
    }
    if (m_generated.vmBundles.isEmpty())
        return;
    const int filesNode = addNode(NodeType::VmFiles, -1, -1);
    for (int b = 0; b < m_generated.vmBundles.size(); ++b) {
        const int vmNode = addNode(NodeType::Vm, filesNode, b, b);
        for (int f = 0; f < m_generated.vmBundles.at(b).files.size(); ++f)
            addNode(NodeType::VmFile, vmNode, f, b);
    }
}

const GeneratedTreeModel::Node* GeneratedTreeModel::nodeAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const auto id = qsizetype(index.internalId());
    return id < m_nodes.size() ? &m_nodes.at(id) : nullptr;
}

QModelIndex GeneratedTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node* parentNode = nodeAt(parent);
    if (parent.isValid() && (!parentNode || parent.column() != 0))
        return {};
    const QList<int>& siblings = parentNode ? parentNode->children : m_topLevel;
    if (row >= siblings.size())
        return {};
    return createIndex(row, column, quintptr(siblings.at(row)));
}

QModelIndex GeneratedTreeModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeAt(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes.at(node->parent).row, 0, quintptr(node->parent));
}

int GeneratedTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    const Node* node = nodeAt(parent);
    return node && parent.column() == 0 ? int(node->children.size()) : 0;
}

int GeneratedTreeModel::columnCount(const QModelIndex& /*parent*/) const
{
    return ColumnCount;
}

QModelIndex GeneratedTreeModel::indexForKey(const QString& wanted) const
{
    for (int id = 0; id < m_nodes.size(); ++id) {
        if (key(m_nodes.at(id)) == wanted)
            return createIndex(m_nodes.at(id).row, 0, quintptr(id));
    }
    return {};
}

QString GeneratedTreeModel::key(const Node& node) const
{
    switch (node.type) {
    case NodeType::Stage:
        return u"stage/"_qs + QString::number(node.item);
    case NodeType::Resource:
        return m_generated.resources.at(node.item).key();
    case NodeType::VmFiles:
        return u"vms"_qs;
    case NodeType::Vm:
        return u"vms/"_qs + m_generated.vmBundles.at(node.bundle).vm;
    case NodeType::VmFile: {
        const VmBundle& bundle = m_generated.vmBundles.at(node.bundle);
        return u"vms/"_qs + bundle.vm + u'/' + bundle.files.at(node.item).name;
    }
    }
    return {};
}

QVariant GeneratedTreeModel::displayData(const Node& node, int column) const
{
    switch (node.type) {
    case NodeType::Stage:
        if (column != NameColumn)
            return {};
        return withCount(stageTitle(Stage(node.item)), node.children.size());
    case NodeType::Resource: {
        const Resource& resource = m_generated.resources.at(node.item);
        return column == NameColumn ? QVariant(resource.kind() + u' ' + resource.name())
                                    : QVariant(resource.namespaceName());
    }
    case NodeType::VmFiles:
        return column == NameColumn ? QVariant(withCount(tr("VM files"), node.children.size())) : QVariant();
    case NodeType::Vm:
        return column == NameColumn ? QVariant(m_generated.vmBundles.at(node.bundle).vm) : QVariant();
    case NodeType::VmFile: {
        const VmFile& file = m_generated.vmBundles.at(node.bundle).files.at(node.item);
        return column == NameColumn ? file.name : file.installPath;
    }
    }
    return {};
}

QVariant GeneratedTreeModel::toolTip(const Node& node) const
{
    if (node.type == NodeType::Resource) {
        const Resource& resource = m_generated.resources.at(node.item);
        const QString how = resource.channel == Resource::Channel::Istioctl ? tr("installed with istioctl install -f")
                                                                            : tr("applied with kubectl apply -f");
        QString tip = resource.key() + u'\n' + how;
        if (!resource.origin.isEmpty())
            tip += u'\n' + tr("from %1").arg(resource.origin);
        return tip;
    }
    if (node.type == NodeType::VmFile) {
        const VmFile& file = m_generated.vmBundles.at(node.bundle).files.at(node.item);
        return tr("Installed on the VM as %1").arg(file.installPath);
    }
    return {};
}

QVariant GeneratedTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeAt(index);
    if (!node)
        return {};
    const bool isResource = node->type == NodeType::Resource;
    const bool isFile = node->type == NodeType::VmFile;
    const Resource* resource = isResource ? &m_generated.resources.at(node->item) : nullptr;
    const VmFile* file = isFile ? &m_generated.vmBundles.at(node->bundle).files.at(node->item) : nullptr;

    switch (role) {
    case Qt::DisplayRole:
        return displayData(*node, index.column());
    case Qt::ToolTipRole:
        return toolTip(*node);
    case NodeTypeRole:
        return QVariant::fromValue(node->type);
    case YamlRole:
        if (resource)
            return YamlWriter::toYaml(QJsonValue(resource->object));
        return file ? QString::fromUtf8(file->content) : QString();
    case DocumentRole:
        if (node->type == NodeType::Stage)
            return QString::fromUtf8(multiDocument(m_generated.resourcesIn(Stage(node->item))));
        return data(index, YamlRole);
    case OriginRole:
        return resource ? resource->origin : QString();
    case KindRole:
        return resource ? resource->kind() : file ? file->name : QString();
    case NameRole:
        if (resource)
            return resource->name();
        if (file)
            return file->name;
        return node->type == NodeType::Vm ? m_generated.vmBundles.at(node->bundle).vm : QString();
    case KeyRole:
        return key(*node);
    case StageRole:
        return resource ? int(resource->stage) : node->type == NodeType::Stage ? node->item : -1;
    case ChannelRole:
        return resource ? int(resource->channel) : -1;
    case VmNameRole:
        return node->bundle >= 0 ? m_generated.vmBundles.at(node->bundle).vm : QString();
    case InstallPathRole:
        return file ? file->installPath : QString();
    default:
        return {};
    }
}

QVariant GeneratedTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Generated");
    case NamespaceColumn:
        return tr("Namespace / path");
    default:
        return {};
    }
}
