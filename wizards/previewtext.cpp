// SPDX-License-Identifier: Apache-2.0
#include "previewtext.h"

#include "yamlwriter.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace {

QString hiddenValue(const QJsonValue& value, bool base64)
{
    const QByteArray raw = base64 ? QByteArray::fromBase64(value.toString().toLatin1()) : value.toString().toUtf8();
    return QCoreApplication::translate("PreviewText", "<hidden: %n bytes>", nullptr, int(raw.size()));
}

QString comment(const QString& text)
{
    QString out;
    const QStringList lines = text.split(u'\n');
    for (const QString& line : lines)
        out += u"# "_qs + line + u'\n';
    return out;
}

} // namespace

QJsonObject PreviewText::masked(const QJsonObject& object)
{
    if (object.value(u"kind").toString() != u"Secret")
        return object;
    QJsonObject out = object;
    for (const QString& key : {u"data"_qs, u"stringData"_qs}) {
        if (!out.value(key).isObject())
            continue;
        QJsonObject values = out.value(key).toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            it.value() = hiddenValue(it.value(), key == u"data");
        out.insert(key, values);
    }
    return out;
}

QString PreviewText::render(const Generated& generated, const QString& note)
{
    QString out;
    if (!note.isEmpty())
        out += comment(note);
    QList<QJsonObject> documents;
    for (const Resource& resource : generated.resources)
        documents.append(masked(resource.object));
    if (!documents.isEmpty()) {
        if (!out.isEmpty())
            out += u"---\n"_qs;
        out += YamlWriter::toMultiDocument(documents);
    }
    for (const VmBundle& bundle : generated.vmBundles) {
        for (const VmFile& file : bundle.files) {
            if (!out.isEmpty() && !out.endsWith(u'\n'))
                out += u'\n';
            out += comment(QCoreApplication::translate("PreviewText", "VM %1: %2 → %3")
                               .arg(bundle.vm, file.name, file.installPath));
            out += QString::fromUtf8(file.content);
        }
    }
    return out;
}
