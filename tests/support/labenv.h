// SPDX-License-Identifier: Apache-2.0
#pragma once

// For the tests that run against the real lab apiserver (tests/lab, meshdeck_lab_test()):
// the lab's kubeconfig read with meshdeck's own loader, and helpers that wait for operations.

#include "clustertarget.h"
#include "kubeclient.h"
#include "kubeconfig.h"
#include "kubelist.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace Lab {

inline QString kubeconfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
}

/*! QSKIP, in one line, when there is no lab (the variable is unset, or lab/up was skipped). */
#define MESHDECK_REQUIRE_LAB()                                                                     \
    do {                                                                                           \
        if (Lab::kubeconfig().isEmpty() || !QFileInfo::exists(Lab::kubeconfig()))                  \
            QSKIP("no lab: MESHDECK_LAB_KUBECONFIG is unset or missing (run via ctest, or tests/lab/lab up)"); \
    } while (false)

/*! The RestConfig of a lab context (admin: client certificate; token; exec), or an empty server. */
inline RestConfigResult config(const QString& context = QStringLiteral("admin"))
{
    ClusterTarget target;
    target.kubeconfigFiles = {kubeconfig()};
    target.context = context;
    target.kubeconfigSource = QStringLiteral("--kubeconfig");
    return loadKubeconfig(target).restConfigFor(context);
}

/*! A namespace name nobody else uses in this lab. */
inline QString uniqueName(const QString& prefix)
{
    return prefix + u'-' + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36);
}

inline KubeResult run(KubeOperation* operation, int timeoutMs = 30000)
{
    QSignalSpy spy(operation, &KubeOperation::finished);
    operation->start();
    if (spy.isEmpty() && !spy.wait(timeoutMs)) {
        KubeResult timedOut;
        timedOut.error.kind = KubeError::Kind::Timeout;
        timedOut.error.message = QStringLiteral("the test gave up waiting");
        return timedOut;
    }
    return spy.first().first().value<KubeResult>();
}

inline KubeListResult run(KubeListOperation* operation, int timeoutMs = 60000)
{
    QSignalSpy spy(operation, &KubeListOperation::finished);
    operation->start();
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return {};
    return spy.first().first().value<KubeListResult>();
}

/*! Polls until the object is gone (a namespace takes its controller a few seconds). */
inline bool waitUntilGone(KubeClient& client, const ObjectRef& ref, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (run(client.get(ref)).error.kind == KubeError::Kind::NotFound)
            return true;
        QTest::qWait(200);
    }
    return false;
}

inline QJsonObject namespaceObject(const QString& name)
{
    return {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"labels"_qs, QJsonObject{{u"meshdeck-test"_qs, u"true"_qs}}}}}};
}

inline QJsonObject configMap(const QString& namespaceName, const QString& name, const QString& value = QStringLiteral("v"))
{
    return {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"ConfigMap"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, namespaceName},
                                         {u"labels"_qs, QJsonObject{{u"meshdeck-test"_qs, u"true"_qs}}}}},
            {u"data"_qs, QJsonObject{{u"key"_qs, value}}}};
}

/*! Runs `tests/lab/lab ARGS` without blocking the event loop (watches keep running meanwhile). */
inline bool labScript(const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(qEnvironmentVariable("MESHDECK_LAB_SCRIPT"), arguments);
    if (!finished.wait(timeoutMs))
        return false;
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace Lab
