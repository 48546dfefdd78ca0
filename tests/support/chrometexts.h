// SPDX-License-Identifier: Apache-2.0
#pragma once

// What a Chinese user sees of a window: every visible text of its chrome, and whether a text is
// still English. Shared by the translation suites (ui/tst_translations for the main window,
// wizards/tst_wizardtranslations for the onboarding wizard's pages).

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QTreeView>
#include <QWidget>

namespace ChromeTexts {

inline bool hasChinese(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

// What a string that never went through tr(), or whose translation is missing, looks like: no
// Chinese character, and either two English words in a row ("Open a plan") or a lone English
// word ("Legend"). Names that are data, not wording, are allowed: the product, the tools and
// formats it names, units, and the names in the book's plan and the recording.
inline bool looksEnglish(const QString& text)
{
    if (text.trimmed().isEmpty() || hasChinese(text))
        return false;
    // Data, not wording: one token that is a file, host, URL, path or value ("root-cert.pem",
    // "envoydummy.chapter10.svc.cluster.local", "https://…/istio-sidecar.deb").
    static const QRegularExpression dataToken(uR"(^\S*[./:-]\S*$)"_qs);
    if (dataToken.match(text.trimmed()).hasMatch())
        return false;
    static const QRegularExpression twoWords(uR"((?<![\w./*-])[A-Za-z][a-z]+ [a-z]{2,}(?![\w./-]))"_qs);
    // Commands quoted as they are typed are not wording either ("istioctl install").
    static const QRegularExpression command(uR"(\b(istioctl|kubectl|systemctl|ssh|sudo) [\w./=-]+)"_qs);
    QString wording = text;
    wording.remove(command);
    if (twoWords.match(wording).hasMatch())
        return true;
    static const QStringList names{u"meshdeck"_qs, u"istio"_qs, u"istiod"_qs, u"istioctl"_qs, u"kubectl"_qs,
                                   u"kubernetes"_qs, u"prometheus"_qs, u"yaml"_qs, u"json"_qs, u"png"_qs,
                                   u"svg"_qs, u"tcp"_qs, u"http"_qs, u"grpc"_qs, u"rps"_qs, u"bookinfo"_qs,
                                   u"chapter10vm"_qs,
                                   // Kubernetes and Istio kinds and values, written as kubectl shows them
                                   u"workloadentry"_qs, u"workloadgroup"_qs, u"service"_qs, u"pod"_qs, u"url"_qs,
                                   u"loadbalancer"_qs, u"nodeport"_qs, u"clusterip"_qs, u"istiooperator"_qs,
                                   u"virtualservice"_qs, u"default"_qs, u"systemd"_qs, u"ssh"_qs, u"sudo"_qs, u"envoy"_qs, u"sidecar"_qs};
    static const QRegularExpression word(uR"(^[A-Za-z]{3,}$)"_qs);
    const QStringList tokens = wording.split(QRegularExpression(uR"([\s:;,.()…&（）：]+)"_qs), Qt::SkipEmptyParts);
    for (const QString& token : tokens) {
        if (word.match(token).hasMatch() && !names.contains(token.toLower()))
            return true;
    }
    return false;
}

inline QString plain(const QString& text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

// Every text the window's chrome shows: labels, buttons, line-edit placeholders, combo items,
// group boxes, tabs, docks, headers, menus and their actions with their tooltips; the tree's
// stage rows (the generated resources themselves are data: names and kinds from the plan).
inline QStringList visibleTexts(QWidget* root)
{
    QStringList texts;
    auto add = [&](const QString& where, const QString& text) {
        if (!text.trimmed().isEmpty())
            texts.append(where + u": "_qs + plain(text));
    };
    add(u"title"_qs, root->windowTitle());
    const QList<QWidget*> widgets = root->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        if (!w->isVisibleTo(root) && !qobject_cast<QMenu*>(w))
            continue;
        const QString name = QString::fromLatin1(w->metaObject()->className()) + u'#' + w->objectName();
        add(name + u" tooltip"_qs, w->toolTip());
        if (auto* label = qobject_cast<QLabel*>(w))
            add(name, label->text());
        else if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(name, button->text());
        else if (auto* edit = qobject_cast<QLineEdit*>(w))
            add(name + u" placeholder"_qs, edit->placeholderText());
        else if (auto* group = qobject_cast<QGroupBox*>(w))
            add(name, group->title());
        else if (auto* dock = qobject_cast<QDockWidget*>(w))
            add(name, dock->windowTitle());
        if (auto* combo = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < combo->count(); ++i)
                add(name + u" item"_qs, combo->itemText(i));
        }
        if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(name + u" tab"_qs, tabs->tabText(i));
        }
        if (auto* header = qobject_cast<QHeaderView*>(w); header && header->model()) {
            for (int i = 0; i < header->count(); ++i)
                add(name + u" header"_qs, header->model()->headerData(i, header->orientation()).toString());
        }
        if (auto* tree = qobject_cast<QTreeView*>(w); tree && tree->model()) {
            for (int row = 0; row < tree->model()->rowCount(); ++row)
                add(name + u" row"_qs, tree->model()->index(row, 0).data().toString());
        }
        if (auto* menu = qobject_cast<QMenu*>(w)) {
            add(name + u" menu"_qs, menu->title());
            const QList<QAction*> actions = menu->actions();
            for (QAction* action : actions) {
                add(name + u" action"_qs, action->text());
                if (action->toolTip() != action->text().remove(u'&'))
                    add(name + u" action tooltip"_qs, action->toolTip());
            }
        }
    }
    return texts;
}

inline QStringList english(const QStringList& texts)
{
    QStringList found;
    for (const QString& text : texts) {
        if (looksEnglish(text.mid(text.indexOf(u": "_qs) + 2)))
            found.append(text);
    }
    return found;
}

} // namespace ChromeTexts

//! main() for a suite that runs as a Chinese desktop session: LANGUAGE and LANG set the way the
//! session sets them, before Qt reads them.
#define CHROMETEXTS_CHINESE_DESKTOP_MAIN(TestClass)                                                \
    int main(int argc, char* argv[])                                                               \
    {                                                                                              \
        qputenv("LANGUAGE", "zh_CN:zh");                                                           \
        qputenv("LANG", "zh_CN.UTF-8");                                                            \
        qunsetenv("LC_ALL");                                                                       \
        qunsetenv("LC_MESSAGES");                                                                  \
        QApplication app(argc, argv);                                                              \
        TestClass test;                                                                            \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
