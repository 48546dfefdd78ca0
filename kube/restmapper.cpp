// SPDX-License-Identifier: Apache-2.0
#include "restmapper.h"

#include "jsonutil.h"
#include <QJsonArray>
#include <QUrl>

#include <algorithm>

static QString segment(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString ApiResource::basePath() const
{
    if (group.isEmpty())
        return u"/api/"_qs + version;
    return u"/apis/"_qs + group + u'/' + version;
}

QString ApiResource::path(const QString& namespaceName, const QString& name, const QString& subresource) const
{
    QString result = basePath();
    if (namespaced && !namespaceName.isEmpty())
        result += u"/namespaces/"_qs + segment(namespaceName);
    result += u'/' + plural;
    if (!name.isEmpty()) {
        result += u'/' + segment(name);
        if (!subresource.isEmpty())
            result += u'/' + subresource;
    }
    return result;
}

void RestMapper::addGroup(const QString& group, const QStringList& versionsPreferredFirst)
{
    QStringList& versions = m_versions[group];
    for (const QString& version : versionsPreferredFirst) {
        if (!versions.contains(version))
            versions.append(version);
    }
}

void RestMapper::addResource(const ApiResource& resource)
{
    addGroup(resource.group, {resource.version});
    m_resources.insert(key(resource.apiVersion(), resource.kind), resource);
}

std::optional<ApiResource> RestMapper::find(const QString& apiVersion, const QString& kind) const
{
    const auto it = m_resources.constFind(key(apiVersion, kind));
    if (it == m_resources.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<ApiResource> RestMapper::findPreferred(const QString& group, const QString& kind) const
{
    for (const QString& version : m_versions.value(group)) {
        if (auto found = find(group.isEmpty() ? version : group + u'/' + version, kind))
            return found;
    }
    return std::nullopt;
}

QStringList RestMapper::groups() const
{
    QStringList names = m_versions.keys();
    names.sort();
    return names;
}

QString RestMapper::preferredVersion(const QString& group) const
{
    const QStringList versions = m_versions.value(group);
    return versions.isEmpty() ? QString() : versions.first();
}

QList<ApiResource> RestMapper::resources() const
{
    QList<ApiResource> all = m_resources.values();
    std::sort(all.begin(), all.end(), [](const ApiResource& a, const ApiResource& b) {
        return std::tie(a.group, a.version, a.plural) < std::tie(b.group, b.version, b.plural);
    });
    return all;
}

bool RestMapper::addAggregated(const QJsonObject& document)
{
    if (document.value(u"kind").toString() != u"APIGroupDiscoveryList")
        return false;
    for (const QJsonValue& groupValue : document.value(u"items").toArray()) {
        const QJsonObject groupObject = groupValue.toObject();
        // The core group has no name (or ""): /api answers with one item for it.
        const QString group = groupObject.value(u"metadata").toObject().value(u"name").toString();
        QStringList versions;
        for (const QJsonValue& versionValue : groupObject.value(u"versions").toArray()) {
            const QJsonObject versionObject = versionValue.toObject();
            const QString version = versionObject.value(u"version").toString();
            versions.append(version);
            if (versionObject.value(u"freshness").toString() == u"Stale")
                staleGroupVersions.append(group.isEmpty() ? version : group + u'/' + version);
            for (const QJsonValue& resourceValue : versionObject.value(u"resources").toArray()) {
                const QJsonObject r = resourceValue.toObject();
                const QJsonObject responseKind = r.value(u"responseKind").toObject();
                ApiResource resource;
                resource.group = group;
                resource.version = version;
                resource.kind = responseKind.value(u"kind").toString();
                resource.plural = r.value(u"resource").toString();
                resource.singular = r.value(u"singularResource").toString();
                resource.namespaced = r.value(u"scope").toString() == u"Namespaced";
                resource.verbs = JsonUtil::toStringList(r.value(u"verbs"));
                resource.shortNames = JsonUtil::toStringList(r.value(u"shortNames"));
                for (const QJsonValue& sub : r.value(u"subresources").toArray())
                    resource.subresources.append(sub.toObject().value(u"subresource").toString());
                if (!resource.kind.isEmpty())
                    m_resources.insert(key(resource.apiVersion(), resource.kind), resource);
            }
        }
        addGroup(group, versions); // document order is preference order
    }
    return true;
}

void RestMapper::addResourceList(const QJsonObject& document)
{
    const QString groupVersion = document.value(u"groupVersion").toString();
    const qsizetype slash = groupVersion.indexOf(u'/');
    const QString group = slash < 0 ? QString() : groupVersion.left(slash);
    const QString version = slash < 0 ? groupVersion : groupVersion.mid(slash + 1);
    addGroup(group, {version});
    QHash<QString, QStringList> subresources; // "deployments" -> {"status", "scale"}
    QList<ApiResource> found;
    for (const QJsonValue& value : document.value(u"resources").toArray()) {
        const QJsonObject r = value.toObject();
        const QString name = r.value(u"name").toString();
        const qsizetype sub = name.indexOf(u'/');
        if (sub >= 0) {
            subresources[name.left(sub)].append(name.mid(sub + 1));
            continue;
        }
        ApiResource resource;
        resource.group = group;
        resource.version = version;
        resource.kind = r.value(u"kind").toString();
        resource.plural = name;
        resource.singular = r.value(u"singularName").toString();
        resource.namespaced = r.value(u"namespaced").toBool();
        resource.verbs = JsonUtil::toStringList(r.value(u"verbs"));
        resource.shortNames = JsonUtil::toStringList(r.value(u"shortNames"));
        found.append(resource);
    }
    for (ApiResource& resource : found) {
        resource.subresources = subresources.value(resource.plural);
        m_resources.insert(key(resource.apiVersion(), resource.kind), resource);
    }
}

QList<std::pair<QString, QStringList>> RestMapper::legacyGroups(const QJsonObject& document)
{
    QList<std::pair<QString, QStringList>> result;
    if (document.value(u"kind").toString() == u"APIVersions") {
        result.append({QString(), JsonUtil::toStringList(document.value(u"versions"))});
        return result;
    }
    for (const QJsonValue& value : document.value(u"groups").toArray()) {
        const QJsonObject g = value.toObject();
        QStringList versions{g.value(u"preferredVersion").toObject().value(u"version").toString()};
        for (const QJsonValue& v : g.value(u"versions").toArray()) {
            const QString version = v.toObject().value(u"version").toString();
            if (!versions.contains(version))
                versions.append(version);
        }
        versions.removeAll(QString());
        result.append({g.value(u"name").toString(), versions});
    }
    return result;
}
