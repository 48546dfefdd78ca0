// SPDX-License-Identifier: Apache-2.0
#include "k8sjson.h"

#include <QJsonArray>

namespace K8sJson {

QJsonObject metadata(const QString& name, const QString& ns, const QJsonObject& labels,
                     const QJsonObject& annotations, EmptyNamespace emptyNamespace)
{
    QJsonObject m{{u"name"_qs, name}};
    if (!ns.isEmpty() || emptyNamespace == EmptyNamespace::Write)
        m.insert(u"namespace"_qs, ns);
    if (!labels.isEmpty())
        m.insert(u"labels"_qs, labels);
    if (!annotations.isEmpty())
        m.insert(u"annotations"_qs, annotations);
    return m;
}

QJsonObject object(const QString& apiVersion, const QString& kind, const QJsonObject& metadata)
{
    return QJsonObject{{u"apiVersion"_qs, apiVersion}, {u"kind"_qs, kind}, {u"metadata"_qs, metadata}};
}

Resource resource(QJsonObject object, Stage stage, const QString& origin, Resource::Channel channel,
                  bool keepOnCleanup)
{
    Resource r;
    r.object = std::move(object);
    r.stage = stage;
    r.origin = origin;
    r.channel = channel;
    r.keepOnCleanup = keepOnCleanup;
    return r;
}

QJsonObject fromStringMap(const StringMap& map)
{
    QJsonObject out;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

StringMap managedByLabels()
{
    return StringMap{{u"app.kubernetes.io/managed-by"_qs, u"meshdeck"_qs}};
}

IstioVersion istioVersion(const Plan& plan)
{
    return IstioVersion::parse(plan.mesh.istioVersion).value_or(IstioVersion{1, 29, 0});
}

namespace {

std::pair<QString, QJsonObject> probeHandler(const Probe& probe)
{
    switch (probe.kind) {
    case Probe::Kind::None:
        break;
    case Probe::Kind::HttpGet: {
        QJsonObject h{{u"port"_qs, probe.port}};
        if (!probe.path.isEmpty()) // the loader fills in the API default "/"
            h.insert(u"path"_qs, probe.path);
        if (!probe.host.isEmpty())
            h.insert(u"host"_qs, probe.host);
        // HTTP is the API default; written only when it says something (HTTPS).
        if (!probe.scheme.isEmpty() && probe.scheme.compare(u"HTTP", Qt::CaseInsensitive) != 0)
            h.insert(u"scheme"_qs, probe.scheme);
        if (!probe.httpHeaders.isEmpty()) {
            QJsonArray headers;
            for (const HttpHeader& header : probe.httpHeaders)
                headers.append(QJsonObject{{u"name"_qs, header.name}, {u"value"_qs, header.value}});
            h.insert(u"httpHeaders"_qs, headers);
        }
        return {u"httpGet"_qs, h};
    }
    case Probe::Kind::TcpSocket: {
        QJsonObject h{{u"port"_qs, probe.port}};
        if (!probe.host.isEmpty())
            h.insert(u"host"_qs, probe.host);
        return {u"tcpSocket"_qs, h};
    }
    case Probe::Kind::Exec:
        return {u"exec"_qs, QJsonObject{{u"command"_qs, QJsonArray::fromStringList(probe.command)}}};
    case Probe::Kind::Grpc: {
        QJsonObject h{{u"port"_qs, probe.port}};
        if (!probe.service.isEmpty())
            h.insert(u"service"_qs, probe.service);
        return {u"grpc"_qs, h};
    }
    }
    return {};
}

QJsonValue withoutZero(const QJsonValue& value)
{
    if (value.isObject())
        return withoutZeroValues(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray())
            out.append(withoutZero(item));
        return out;
    }
    return value;
}

bool isZero(const QJsonValue& v)
{
    return (v.isDouble() && v.toDouble() == 0) || (v.isString() && v.toString().isEmpty())
        || (v.isArray() && v.toArray().isEmpty()) || (v.isBool() && !v.toBool()) || v.isNull();
}

} // namespace

QJsonObject workloadGroupProbe(const Probe& probe)
{
    const auto [handlerName, handler] = probeHandler(probe);
    if (handlerName.isEmpty())
        return {};
    return QJsonObject{
        {u"initialDelaySeconds"_qs, probe.initialDelaySeconds},
        {u"timeoutSeconds"_qs, probe.timeoutSeconds},
        {u"periodSeconds"_qs, probe.periodSeconds},
        {u"successThreshold"_qs, probe.successThreshold},
        {u"failureThreshold"_qs, probe.failureThreshold},
        {handlerName, handler},
    };
}

QJsonObject withoutZeroValues(const QJsonObject& object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = withoutZero(it.value());
        // A oneof message that is set stays even when empty (an exec probe without fields).
        if (!isZero(v) || (v.isObject()))
            out.insert(it.key(), v);
    }
    return out;
}

} // namespace K8sJson
