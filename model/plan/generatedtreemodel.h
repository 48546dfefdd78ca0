// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation.h"

#include <QAbstractItemModel>
#include <QList>

/*!
 * Everything a plan generates, as a tree: the stages in apply order (only those that produced
 * something), each with its resources ("Kind name", namespace in the second column), then
 * "VM files" with one child per VM and that VM's files below it.
 *
 * The model holds an immutable snapshot (setGenerated), like hotspot's EventModel: a new plan
 * load replaces the whole tree, so a reset is the honest signal.
 */
class GeneratedTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GeneratedTreeModel)

public:
    enum Columns { NameColumn, NamespaceColumn, ColumnCount };

    enum Roles {
        NodeTypeRole = Qt::UserRole, //!< NodeType
        YamlRole,        //!< resource: the object as YAML; VM file: its content; else empty
        OriginRole,      //!< resource: the plan field that produced it ("vmGroups[0]"); else empty
        KindRole,        //!< resource: its kind; VM file: its file name
        NameRole,        //!< resource: metadata.name; VM: its name; VM file: its file name
        KeyRole,         //!< stable identity, survives a reload: Resource::key(), "vms/<vm>/<file>"
        StageRole,       //!< stage and resource nodes: int(Stage); else -1
        ChannelRole,     //!< resource: int(Resource::Channel); else -1
        VmNameRole,      //!< VM and VM file nodes: the VM's name
        InstallPathRole, //!< VM file: where it is installed on the VM
        /*!
         * What a preview shows: YamlRole for a resource or VM file; for a stage its resources as
         * one multi-document YAML, as `kubectl apply -f` takes it (multiDocument()); else empty.
         */
        DocumentRole,
    };

    enum class NodeType { Stage, Resource, VmFiles, Vm, VmFile };
    Q_ENUM(NodeType)

    explicit GeneratedTreeModel(QObject* parent = nullptr);
    ~GeneratedTreeModel() override;

    void setGenerated(const Generated& generated);
    const Generated& generated() const { return m_generated; }

    /*! The index (column 0) of the node whose KeyRole is key; invalid when there is none. */
    QModelIndex indexForKey(const QString& key) const;

    /*! The label of a stage group, e.g. "VM groups". */
    static QString stageTitle(Stage stage);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        NodeType type = NodeType::Stage;
        int parent = -1; //!< node index; -1 = top level
        int row = 0;     //!< row under its parent
        int item = -1;   //!< Stage value, resource index, bundle index or file index
        int bundle = -1; //!< VM file nodes: the bundle index
        QList<int> children;
    };

    void rebuild();
    int addNode(NodeType type, int parent, int item, int bundle = -1);
    const Node* nodeAt(const QModelIndex& index) const;
    QVariant displayData(const Node& node, int column) const;
    QVariant toolTip(const Node& node) const;
    QString key(const Node& node) const;

    Generated m_generated;
    QList<Node> m_nodes;
    QList<int> m_topLevel;
};
