// SPDX-License-Identifier: Apache-2.0
#include "exporter.h"

#include "generation.h"
#include "newfile.h"
#include "yamlwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace {

const QString markerFile = u".meshdeck-export"_qs;
const QStringList ownedEntries = {u"cluster"_qs, u"istioctl"_qs, u"cleanup"_qs, u"vms"_qs, u"README.txt"_qs, markerFile};

bool holdsSecret(const QList<Resource>& resources)
{
    return std::any_of(resources.cbegin(), resources.cend(), [](const Resource& r) { return r.kind() == u"Secret"; });
}

// The staging tree: every file written with the permissions it keeps. Files that carry key
// material (the cacerts Secret, istio-token) are 0600 from their first byte.
class StagingTree
{
public:
    explicit StagingTree(QString root)
        : m_root(std::move(root))
    {
    }

    bool write(const QString& relative, const QByteArray& content, bool secret)
    {
        const QString path = m_root + u'/' + relative;
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            m_error = u"cannot create the folder for "_qs + relative;
            return false;
        }
        if (const QString error = NewFile::write(path, content, secret); !error.isEmpty()) {
            m_error = u"cannot write "_qs + relative + u": "_qs + error;
            return false;
        }
        m_written.append(relative);
        return true;
    }

    const QString& error() const { return m_error; }
    const QStringList& written() const { return m_written; }

private:
    QString m_root;
    QString m_error;
    QStringList m_written;
};

QString yamlOf(const Resource& r)
{
    return YamlWriter::toYaml(r.object);
}

void addNumbered(QList<ExportEntry>& entries, const QString& folder, const QList<Resource>& resources)
{
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const Resource& r = resources.at(i);
        const QString name = exportFileName(int(i) + 1, int(resources.size()), r.kind(), r.name());
        entries.append(ExportEntry{folder + u'/' + name, yamlOf(r).toUtf8(), r.kind() == u"Secret"});
    }
}

QString runbookText(const Generated& g)
{
    QString text = u"meshdeck export\n\n"_qs
                   u"1. istioctl install -f istioctl/<file>, for each file in istioctl/ in order (control plane, east-west gateway)\n"_qs
                   u"2. kubectl apply -f cluster/all.yaml   (or the numbered files in cluster/ one by one, in order)\n"_qs;
    if (!g.vmBundles.isEmpty()) {
        text += u"3. for each VM, install vms/<vm>/* where the files' headers in docs say, plus root-cert.pem and\n"_qs
                u"   istio-token from the cluster (`meshdeck bundle`, or istioctl x workload entry configure)\n"_qs;
    }
    text += u"\nTo remove it again: kubectl delete -f cleanup/all.yaml\n"_qs
            u"cluster/ files holding a Secret are readable by their owner only.\n"_qs;
    return text;
}

// Moves the staged tree into the target: our own entries are replaced, anything else the user
// keeps there is left alone. Old entries are moved aside first and dropped only at the end.
QString swapInto(const QString& staged, const QString& target)
{
    QDir dir(target);
    if (!dir.exists() && !QDir().mkpath(target))
        return u"cannot create "_qs + target;
    QStringList movedAside;
    const QString suffix = u".meshdeck-old"_qs;
    for (const QString& entry : ownedEntries) {
        if (!QFileInfo::exists(target + u'/' + entry))
            continue;
        QDir(target + u'/' + entry + suffix).removeRecursively();
        QFile::remove(target + u'/' + entry + suffix);
        if (!dir.rename(entry, entry + suffix))
            return u"cannot replace "_qs + target + u'/' + entry;
        movedAside.append(entry);
    }
    for (const QString& entry : ownedEntries) {
        if (!QFileInfo::exists(staged + u'/' + entry))
            continue;
        if (!QDir().rename(staged + u'/' + entry, target + u'/' + entry)) {
            // Put the previous export back rather than leave a mix of old and new.
            for (const QString& old : movedAside) {
                QDir(target + u'/' + old).removeRecursively();
                QFile::remove(target + u'/' + old);
                dir.rename(old + suffix, old);
            }
            return u"cannot move "_qs + entry + u" into "_qs + target;
        }
    }
    for (const QString& old : movedAside) {
        QDir(target + u'/' + old + suffix).removeRecursively();
        QFile::remove(target + u'/' + old + suffix);
    }
    return {};
}

} // namespace

QList<ExportEntry> exportEntries(const Generated& generated)
{
    QList<ExportEntry> entries;
    const QList<Resource> kubectl = generated.kubectlResources();
    addNumbered(entries, u"cluster"_qs, kubectl);
    entries.append(ExportEntry{u"cluster/all.yaml"_qs, multiDocument(kubectl), holdsSecret(kubectl)});
    addNumbered(entries, u"istioctl"_qs, generated.istioctlResources());
    entries.append(ExportEntry{u"cleanup/all.yaml"_qs, multiDocument(generated.cleanupResources()), false});
    for (const VmBundle& bundle : generated.vmBundles) {
        for (const VmFile& file : bundle.files)
            entries.append(ExportEntry{u"vms/"_qs + bundle.vm + u'/' + file.name, file.content, file.name == u"istio-token"});
    }
    entries.append(ExportEntry{u"README.txt"_qs, runbookText(generated).toUtf8(), false});
    entries.append(ExportEntry{markerFile, QByteArray("meshdeck export\n"), false});
    return entries;
}

QString exportFileName(int index, int count, const QString& kind, const QString& name)
{
    const int width = std::max(2, int(QString::number(count).size()));
    return QString::number(index).rightJustified(width, u'0') + u'-' + kind.toLower() + u'-' + name + u".yaml"_qs;
}

QByteArray multiDocument(const QList<Resource>& resources)
{
    QList<QJsonObject> objects;
    objects.reserve(resources.size());
    for (const Resource& r : resources)
        objects.append(r.object);
    return YamlWriter::toMultiDocument(objects).toUtf8();
}

QByteArray kubectlDocument(const Generated& generated)
{
    return multiDocument(generated.kubectlResources());
}

ExportResult exportGenerated(const Generated& generated, const QString& directory)
{
    ExportResult result;
    const QFileInfo target(directory);
    if (target.exists() && !target.isDir()) {
        result.error = directory + u" exists and is not a folder"_qs;
        return result;
    }
    if (target.exists()) {
        const QDir dir(directory);
        const bool empty = dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        if (!empty && !QFileInfo::exists(directory + u'/' + markerFile)) {
            result.error = directory + u" is not empty and holds no earlier meshdeck export"_qs
                           u" (no .meshdeck-export): choose an empty or new folder"_qs;
            return result;
        }
    }
    // Stage beside the target (same file system, so the final moves are renames).
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent)) {
        result.error = u"cannot create "_qs + parent;
        return result;
    }
    QTemporaryDir staging(parent + u"/.meshdeck-export-XXXXXX"_qs); // 0700, removed on return
    if (!staging.isValid()) {
        result.error = u"cannot create a staging folder in "_qs + parent + u": "_qs + staging.errorString();
        return result;
    }

    StagingTree stage(staging.path());
    bool ok = true;
    for (const ExportEntry& entry : exportEntries(generated))
        ok = ok && stage.write(entry.path, entry.content, entry.secret);
    if (!ok) {
        result.error = stage.error();
        return result;
    }
    result.error = swapInto(staging.path(), directory);
    if (result.error.isEmpty())
        result.written = stage.written();
    return result;
}
