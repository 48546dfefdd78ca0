// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/*! One resource type a server serves in one group version. */
struct ApiResource
{
    QString group;    //!< "" for core
    QString version;  //!< "v1"
    QString kind;     //!< "WorkloadGroup"
    QString plural;   //!< "workloadgroups": the path segment
    QString singular; //!< "workloadgroup"
    bool namespaced = false;
    QStringList verbs;
    QStringList shortNames;
    QStringList subresources; //!< "status", "scale", "token", ...

    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    /*! "/api/v1" or "/apis/networking.istio.io/v1". */
    QString basePath() const;
    /*! The REST path of an object (name set) or collection; namespace ignored for cluster-scoped types. */
    QString path(const QString& namespaceName, const QString& name = {}, const QString& subresource = {}) const;
};

/*!
 * What discovery found: maps (apiVersion, kind) to the REST path of a resource, and knows which
 * versions each group serves (preferred first), so preflight can say e.g. which
 * networking.istio.io versions the cluster has.
 */
class RestMapper
{
public:
    /*! Records a group and its served versions, preferred first. */
    void addGroup(const QString& group, const QStringList& versionsPreferredFirst);
    void addResource(const ApiResource& resource);

    std::optional<ApiResource> find(const QString& apiVersion, const QString& kind) const;
    /*! The kind in the group's most preferred version that serves it. */
    std::optional<ApiResource> findPreferred(const QString& group, const QString& kind) const;

    bool hasGroup(const QString& group) const { return m_versions.contains(group); }
    QStringList groups() const;
    QStringList servedVersions(const QString& group) const { return m_versions.value(group); }
    QString preferredVersion(const QString& group) const;
    QList<ApiResource> resources() const;
    bool isEmpty() const { return m_versions.isEmpty(); }

    /*! Group versions the aggregated document marked Stale (an unavailable aggregated API server). */
    QStringList staleGroupVersions;

    /*!
     * Adds an aggregated discovery document (APIGroupDiscoveryList, apidiscovery.k8s.io v2 or
     * v2beta1, from /api or /apis). false when the document is not one.
     */
    bool addAggregated(const QJsonObject& document);
    /*! Adds an APIResourceList (legacy /api/v1 or /apis/GROUP/VERSION). */
    void addResourceList(const QJsonObject& document);

    /*! Legacy /apis (APIGroupList) or /api (APIVersions): group -> versions, preferred first. */
    static QList<std::pair<QString, QStringList>> legacyGroups(const QJsonObject& document);

private:
    static QString key(const QString& apiVersion, const QString& kind) { return apiVersion + u'|' + kind; }

    QHash<QString, QStringList> m_versions;    //!< group -> served versions, preferred first
    QHash<QString, ApiResource> m_resources;   //!< "apiVersion|Kind" -> resource
};
