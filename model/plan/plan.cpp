// SPDX-License-Identifier: Apache-2.0
#include "plan.h"

#include <QDir>
#include <QFileInfo>

const VmGroup* Plan::group(const QString& name) const
{
    for (const VmGroup& g : vmGroups) {
        if (g.name == name)
            return &g;
    }
    return nullptr;
}

const Vm* Plan::vm(const QString& name) const
{
    for (const Vm& v : vms) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

QString Plan::groupNetwork(const VmGroup& g) const
{
    return g.network.isEmpty() ? mesh.network : g.network;
}

QString Plan::gatewayNamespace() const
{
    return eastWestGateway.namespaceName.isEmpty() ? mesh.istioNamespace : eastWestGateway.namespaceName;
}

QString Plan::resolvePath(const QString& path) const
{
    if (path.isEmpty())
        return {};
    QString p = path;
    if (p == u"~" || p.startsWith(u"~/"))
        p = QDir::homePath() + p.mid(1);
    if (QFileInfo(p).isAbsolute())
        return QDir::cleanPath(p);
    const QString base = sourceFile.isEmpty() ? QDir::currentPath() : QFileInfo(sourceFile).absolutePath();
    return QDir::cleanPath(base + u'/' + p);
}

QStringList Plan::graphNamespaces() const
{
    if (!graph.namespaces.isEmpty())
        return graph.namespaces;
    QStringList names;
    for (const VmGroup& g : vmGroups)
        names << g.namespaceName;
    for (const TrafficSplit& s : trafficSplits)
        names << s.namespaceName;
    for (const GlobalService& s : legacy.globalServices)
        names << s.namespaceName;
    for (const MeshExpansionService& s : legacy.meshExpansion)
        names << s.namespaceName;
    names.removeAll(QString());
    names.sort();
    names.removeDuplicates();
    return names;
}
