// SPDX-License-Identifier: Apache-2.0
#pragma once

// Client-side helpers for the tests that talk to fakeapiserver.h.

#include "kubeclient.h"

#include <QNetworkProxy>
#include <QSignalSpy>

using namespace std::chrono_literals;

inline RestConfig configFor(const QUrl& server, std::shared_ptr<CredentialProvider> credentials = {})
{
    RestConfig config;
    config.contextName = u"fake"_qs;
    config.server = server;
    config.defaultNamespace = u"default"_qs;
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    config.credentials = std::move(credentials);
    return config;
}

inline KubeClientOptions fastOptions()
{
    KubeClientOptions options;
    options.qps = 0; // tests measure their own timing
    options.retryBackoff = 10ms;
    return options;
}

inline KubeResult run(KubeOperation* operation)
{
    QSignalSpy spy(operation, &KubeOperation::finished);
    operation->start();
    if (spy.isEmpty() && !spy.wait(15000))
        return {};
    return spy.first().first().value<KubeResult>();
}

inline const QJsonObject namespaceObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs},
                                         {u"metadata"_qs, QJsonObject{{u"name"_qs, u"istio-system"_qs}}}};
