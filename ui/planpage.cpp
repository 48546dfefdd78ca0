// SPDX-License-Identifier: Apache-2.0
#include "planpage.h"

#include "codeview.h"
#include "decorationproxymodel.h"
#include "generatedtreemodel.h"
#include "plandocument.h"
#include "yamlhighlighter.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

using NodeType = GeneratedTreeModel::NodeType;

// A title above a pane: what is shown there, elided rather than widening the splitter.
QLabel* paneTitle(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setContentsMargins(4, 2, 4, 2);
    label->setMinimumWidth(1);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QWidget* pane(QLabel* title, QWidget* body, QWidget* parent)
{
    auto* widget = new QWidget(parent);
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(body);
    return widget;
}

// "~/plans" rather than "/home/someone/plans", as shells and file managers show it.
QString homeRelative(const QString& path)
{
    const QString home = QDir::homePath();
    if (path == home || path.startsWith(home + u'/'))
        return QDir::toNativeSeparators(u'~' + path.mid(home.size()));
    return QDir::toNativeSeparators(path);
}

QIcon nodeIcon(const QStyle* style, const QModelIndex& index)
{
    switch (index.data(GeneratedTreeModel::NodeTypeRole).value<NodeType>()) {
    case NodeType::Stage:
    case NodeType::VmFiles:
        return style->standardIcon(QStyle::SP_DirIcon);
    case NodeType::Vm:
        return style->standardIcon(QStyle::SP_ComputerIcon);
    case NodeType::Resource:
    case NodeType::VmFile:
        break;
    }
    return style->standardIcon(QStyle::SP_FileIcon);
}

} // namespace

PlanPage::PlanPage(PlanDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_treeModel(new GeneratedTreeModel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(u"planPage"_qs);
    const QStyle* s = style();
    m_treeProxy = new DecorationProxyModel([s](const QModelIndex& index) { return nodeIcon(s, index); }, this);
    m_treeProxy->setSourceModel(m_treeModel);

    m_splitter->setObjectName(u"mainSplitter"_qs);
    m_splitter->setChildrenCollapsible(false);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(u"generatedTree"_qs);
    m_tree->setModel(m_treeProxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &PlanPage::showPreview);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) { goToOrigin(index, false); });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex& index) { goToOrigin(index, true); });

    m_preview = new CodeView(m_splitter);
    m_preview->setObjectName(u"preview"_qs);
    m_preview->setHighlightCurrentLine(false);
    new YamlHighlighter(m_preview->document());
    m_previewTitle = paneTitle(m_splitter);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(pane(m_previewTitle, m_preview, m_splitter));

    m_source = new CodeView(m_splitter);
    m_source->setObjectName(u"planSource"_qs);
    new YamlHighlighter(m_source->document());
    m_sourceTitle = paneTitle(m_splitter);
    m_splitter->addWidget(pane(m_sourceTitle, m_source, m_splitter));

    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_expandAll = new QAction(tr("&Expand All"), this);
    connect(m_expandAll, &QAction::triggered, m_tree, &QTreeView::expandAll);
    m_collapseAll = new QAction(tr("&Collapse All"), this);
    connect(m_collapseAll, &QAction::triggered, m_tree, &QTreeView::collapseAll);

    connect(m_document, &PlanDocument::loaded, this, &PlanPage::showDocument);
}

PlanPage::~PlanPage() = default;

QByteArray PlanPage::saveState() const
{
    return m_splitter->saveState();
}

bool PlanPage::restoreState(const QByteArray& state)
{
    if (m_splitter->restoreState(state))
        return true;
    m_splitter->setSizes({400, 440, 440});
    return false;
}

void PlanPage::showDocument()
{
    const PlanSnapshot& snapshot = m_document->snapshot();
    // The source first: tree selection below jumps into it.
    const int line = m_source->cursorLine();
    m_source->setPlainText(QString::fromUtf8(snapshot.text));
    m_source->goTo(line, 0); // a reload keeps the reader's place
    m_source->setMarkedLines(snapshot.problemLines());
    m_sourceTitle->setText(u"<b>"_qs + QFileInfo(snapshot.path).fileName().toHtmlEscaped() + u"</b>  "_qs
                           + homeRelative(QFileInfo(snapshot.path).absolutePath()).toHtmlEscaped());

    const QString keep = m_selectedKey;
    m_treeModel->setGenerated(snapshot.generated);
    m_tree->expandAll();
    m_tree->resizeColumnToContents(GeneratedTreeModel::NameColumn);
    selectTreeKey(keep);
}

void PlanPage::selectTreeKey(const QString& key)
{
    QModelIndex index = m_treeProxy->mapFromSource(m_treeModel->indexForKey(key));
    if (!index.isValid()) // first load, or the item is gone: the first resource
        index = m_treeProxy->index(0, 0, m_treeProxy->index(0, 0));
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        showPreview({});
    }
}

void PlanPage::showPreview(const QModelIndex& index)
{
    m_selectedKey = index.data(GeneratedTreeModel::KeyRole).toString();
    const auto type = index.data(GeneratedTreeModel::NodeTypeRole).value<NodeType>();
    QString title = index.data(Qt::DisplayRole).toString().toHtmlEscaped();
    if (type == NodeType::Resource) {
        const QString ns = index.siblingAtColumn(GeneratedTreeModel::NamespaceColumn).data().toString();
        title = u"<b>"_qs + index.data(GeneratedTreeModel::KindRole).toString().toHtmlEscaped() + u"</b> "_qs
            + (ns.isEmpty() ? QString() : ns.toHtmlEscaped() + u'/')
            + index.data(GeneratedTreeModel::NameRole).toString().toHtmlEscaped();
        const QString origin = index.data(GeneratedTreeModel::OriginRole).toString();
        if (!origin.isEmpty())
            title += u"  <i>"_qs + tr("from %1").arg(origin).toHtmlEscaped() + u"</i>"_qs;
    } else if (type == NodeType::VmFile) {
        title = u"<b>"_qs + title + u"</b>  "_qs
            + index.data(GeneratedTreeModel::InstallPathRole).toString().toHtmlEscaped();
    }
    m_previewTitle->setText(index.isValid() ? title : QString());
    // A stage reads as the multi-document YAML of its resources, as kubectl would take it.
    m_preview->setPlainText(index.data(GeneratedTreeModel::DocumentRole).toString());
    m_preview->setPlaceholderText(
        !m_document->snapshot().load.ok() && !m_document->path().isEmpty()
            ? tr("The plan has errors. Fix them (see Problems) to see what it generates.")
            : tr("Open a plan (File → Open…) to see the resources and VM files it generates."));
}

void PlanPage::goToOrigin(const QModelIndex& index, bool focus)
{
    QString origin = index.data(GeneratedTreeModel::OriginRole).toString();
    if (origin.isEmpty())
        origin = m_document->vmFieldPath(index.data(GeneratedTreeModel::VmNameRole).toString());
    const SourceLocation location = m_document->locate(origin);
    if (location.line <= 0)
        return;
    m_source->goTo(location.line, location.column);
    if (focus)
        m_source->setFocus();
}

bool PlanPage::goToProblem(const QString& file, int line, int column, const QString& fieldPath, bool focus)
{
    if (!m_document->snapshot().isOwnFile(file))
        return false;
    if (line <= 0) { // located by field only
        const SourceLocation location = m_document->locate(fieldPath);
        line = location.line;
        column = location.column;
    }
    if (line <= 0)
        return true;
    m_source->goTo(line, column);
    if (focus)
        m_source->setFocus();
    return true;
}
