// SPDX-License-Identifier: Apache-2.0
#include "kubeconfig.h"

#include "clustertarget.h"
#include "kubeconfigparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace {

/*! Kubeconfigs are kilobytes; a huge file is not one (and would be slow to parse). */
constexpr qint64 kMaxKubeconfigSize = 16 * 1024 * 1024;

/*! Appends the entries whose names are new: client-go's merge, the first file wins, whole entry. */
template<class Entry>
void mergeEntries(QList<Entry>* into, const QList<Entry>& from)
{
    QSet<QString> known;
    for (const Entry& entry : *into)
        known.insert(entry.name);
    for (const Entry& entry : from) {
        if (!known.contains(entry.name))
            into->append(entry);
    }
}

template<class Entry>
const Entry* findEntry(const QList<Entry>& entries, const QString& name)
{
    for (const Entry& entry : entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

/*! Where an explicitly named kubeconfig came from, for "does not exist" messages. */
QString explicitOrigin(const QString& source)
{
    if (source == u"--kubeconfig")
        return u" (given with --kubeconfig)"_qs;
    if (source == u"plan")
        return u" (named by the plan's cluster.kubeconfig)"_qs;
    return {};
}

/*! Reads one file into result; false when it does not exist (not an error for $KUBECONFIG). */
bool readFile(const QString& path, KubeconfigLoadResult* result, QList<KubeconfigFileContent>* contents)
{
    const QFileInfo info(path);
    const QString shown = kubeconfigDisplayPath(path);
    if (!info.exists())
        return false;
    if (info.isDir()) {
        result->errors.append(shown + u": is a directory, not a kubeconfig file"_qs);
        return true;
    }
    if (info.size() > kMaxKubeconfigSize) {
        result->errors.append(u"%1: %2 bytes is too large for a kubeconfig file"_qs.arg(shown).arg(info.size()));
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result->errors.append(shown + u": cannot be read: "_qs + file.errorString());
        return true;
    }
    KubeconfigFileContent content = parseKubeconfig(file.readAll(), info.absoluteFilePath());
    result->files.append(info.absoluteFilePath());
    result->errors.append(content.errors);
    result->warnings.append(content.warnings);
    contents->append(std::move(content));
    return true;
}

} // namespace

QString kubeconfigDisplayPath(const QString& path)
{
    const QString home = QDir::homePath();
    if (home.size() > 1 && path.startsWith(home + u'/'))
        return u"~"_qs + path.mid(home.size());
    return path;
}

KubeconfigLoadResult loadKubeconfig(const ClusterTarget& target)
{
    KubeconfigLoadResult result;
    result.source = target.kubeconfigSource;
    result.requestedContext = target.context;
    const bool mustExist = target.kubeconfigSource == u"--kubeconfig" || target.kubeconfigSource == u"plan";

    QList<KubeconfigFileContent> contents;
    for (const QString& file : target.kubeconfigFiles) {
        const QString path = QFileInfo(file).absoluteFilePath();
        if (readFile(path, &result, &contents))
            continue;
        if (mustExist) {
            result.errors.append(kubeconfigDisplayPath(path) + u": kubeconfig file does not exist"_qs
                                 + explicitOrigin(target.kubeconfigSource));
        } else {
            result.missingFiles.append(path); // client-go skips missing $KUBECONFIG entries
        }
    }
    if (target.kubeconfigSource == u"KUBECONFIG" && result.files.isEmpty() && !result.missingFiles.isEmpty()) {
        QStringList shown;
        for (const QString& path : std::as_const(result.missingFiles))
            shown.append(kubeconfigDisplayPath(path));
        result.warnings.append(u"none of the files in KUBECONFIG exists: "_qs + shown.join(u", "_qs));
    }

    // contents[i] was read from files[i] (both are appended only for files that could be read).
    for (qsizetype i = 0; i < contents.size(); ++i) {
        const KubeconfigFileContent& content = contents.at(i);
        mergeEntries(&result.clusters, content.clusters);
        mergeEntries(&result.users, content.users);
        mergeEntries(&result.contexts, content.contexts);
        if (result.currentContext.isEmpty() && !content.currentContext.isEmpty()) {
            result.currentContext = content.currentContext; // the first non-empty value wins
            result.currentContextFile = result.files.at(i);
        }
    }
    return result;
}

QString KubeconfigLoadResult::selectedContext() const
{
    return requestedContext.isEmpty() ? currentContext : requestedContext;
}

const KubeconfigContext* KubeconfigLoadResult::context(const QString& name) const
{
    return findEntry(contexts, name);
}

const KubeconfigCluster* KubeconfigLoadResult::cluster(const QString& name) const
{
    return findEntry(clusters, name);
}

const KubeconfigUser* KubeconfigLoadResult::user(const QString& name) const
{
    return findEntry(users, name);
}
