// SPDX-License-Identifier: Apache-2.0
#pragma once
// The chapter-10 scenario the lab traffic generator plays (tests/lab/trafficgen/trafficgen.py), as
// cluster objects: shared by the graph tests that run against the lab Prometheus.

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace GraphLab {

inline QString yaml(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The chapter-10 scenario the traffic generator plays (tests/lab/trafficgen/trafficgen.py): kubectl
// manifests as JSON (JSON is YAML), server-side applied.
inline QList<QJsonObject> scenario(int podWeight, int vmWeight)
{
    auto meta = [](const QString& ns, const QString& name) {
        return QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, ns}};
    };
    auto dest = [](const QString& host, int weight) {
        return QJsonObject{{u"destination"_qs, QJsonObject{{u"host"_qs, host}}}, {u"weight"_qs, weight}};
    };
    const QJsonObject labels{{u"app"_qs, u"envoydummy"_qs}, {u"version"_qs, u"v1"_qs}};
    return {
        {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs}, {u"metadata"_qs, QJsonObject{{u"name"_qs, u"chapter10"_qs}}}},
        {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs}, {u"metadata"_qs, QJsonObject{{u"name"_qs, u"chapter10vm"_qs}}}},
        {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadGroup"_qs},
         {u"metadata"_qs, meta(u"chapter10vm"_qs, u"envoydummy"_qs)},
         {u"spec"_qs, QJsonObject{{u"metadata"_qs, QJsonObject{{u"labels"_qs, labels}}},
                                  {u"template"_qs, QJsonObject{{u"serviceAccount"_qs, u"envoydummy"_qs}}}}}},
        {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
         {u"metadata"_qs, QJsonObject{{u"name"_qs, u"envoydummy-198.18.0.10"_qs}, {u"namespace"_qs, u"chapter10vm"_qs},
                                      {u"annotations"_qs, QJsonObject{{u"proxy.istio.io/health-checks-enabled"_qs, u"true"_qs}}}}},
         {u"spec"_qs, QJsonObject{{u"address"_qs, u"198.18.0.10"_qs}, {u"labels"_qs, labels},
                                  {u"serviceAccount"_qs, u"envoydummy"_qs}}}},
        {{u"apiVersion"_qs, u"apps/v1"_qs}, {u"kind"_qs, u"Deployment"_qs}, {u"metadata"_qs, meta(u"chapter10"_qs, u"envoydummy-v1"_qs)},
         {u"spec"_qs, QJsonObject{{u"replicas"_qs, 2},
                                  {u"selector"_qs, QJsonObject{{u"matchLabels"_qs, labels}}},
                                  {u"template"_qs, QJsonObject{{u"metadata"_qs, QJsonObject{{u"labels"_qs, labels}}},
                                                               {u"spec"_qs, QJsonObject{{u"containers"_qs, QJsonArray{QJsonObject{
                                                                   {u"name"_qs, u"envoydummy"_qs}, {u"image"_qs, u"envoydummy:v1"_qs}}}}}}}}}}},
        {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"VirtualService"_qs},
         {u"metadata"_qs, meta(u"chapter10"_qs, u"envoydummy"_qs)},
         {u"spec"_qs, QJsonObject{{u"hosts"_qs, QJsonArray{u"envoydummy.chapter10.svc.cluster.local"_qs}},
                                  {u"http"_qs, QJsonArray{QJsonObject{{u"route"_qs, QJsonArray{
                                      dest(u"envoydummy.chapter10.svc.cluster.local"_qs, podWeight),
                                      dest(u"envoydummy.chapter10vm.svc.cluster.local"_qs, vmWeight)}}}}}}}},
    };
}

/*! The status istiod's health controller writes for the VM's WorkloadEntry. */
inline QJsonObject vmHealthStatus(bool healthy)
{
    return QJsonObject{{u"conditions"_qs, QJsonArray{QJsonObject{
        {u"type"_qs, u"Healthy"_qs}, {u"status"_qs, healthy ? u"True"_qs : u"False"_qs},
        {u"lastTransitionTime"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}}}};
}

/*! A List of objects as kubectl apply -f - reads it. */
inline QByteArray listOf(const QList<QJsonObject>& objects)
{
    QJsonArray items;
    for (const QJsonObject& o : objects)
        items.append(o);
    return QJsonDocument(QJsonObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"List"_qs}, {u"items"_qs, items}}).toJson();
}

/*! The lab's own kubectl as its admin user; the exit code (-1 when it hangs), stderr as a warning. */
inline int kubectl(const QStringList& args, const QByteArray& input = {})
{
    const QString kubeconfig = qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
    QProcess p;
    p.start(QFileInfo(kubeconfig).absolutePath() + u"/bin/kubectl"_qs,
            QStringList{u"--kubeconfig"_qs, kubeconfig, u"--context"_qs, u"admin"_qs} + args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (p.exitCode() != 0)
        qWarning("kubectl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
    return p.exitCode();
}

/*! A namespace of an earlier test may still be terminating: objects applied into it would go. */
inline void waitForScenarioGone()
{
    kubectl({u"wait"_qs, u"--for=delete"_qs, u"namespace/chapter10"_qs, u"namespace/chapter10vm"_qs, u"--timeout=60s"_qs});
}

/*! Deletes the scenario's namespaces and waits: the next test reuses the names. */
inline void removeScenario()
{
    kubectl({u"delete"_qs, u"namespace"_qs, u"chapter10"_qs, u"chapter10vm"_qs, u"--timeout=60s"_qs});
}

/*!
 * examples/book-chapter10.yaml with the lab Prometheus by URL; with clusterInPlan, also the lab's
 * kubeconfig and context (for the window, which has no --kubeconfig). Empty when unreadable.
 */
inline QByteArray bookPlanForLab(bool clusterInPlan)
{
    QFile example(qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/examples/book-chapter10.yaml"_qs);
    if (!example.open(QIODevice::ReadOnly))
        return {};
    QByteArray plan = example.readAll();
    if (clusterInPlan) {
        const QByteArray was = "cluster:\n  context: \"\"";
        if (!plan.contains(was))
            return {};
        plan.replace(was, QByteArray("cluster:\n  kubeconfig: " + qgetenv("MESHDECK_LAB_KUBECONFIG") + "\n  context: admin"));
    }
    return plan + "\ngraph:\n  prometheus:\n    url: " + qgetenv("MESHDECK_LAB_PROMETHEUS_URL") + "\n";
}

} // namespace GraphLab
