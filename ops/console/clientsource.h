// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

#include <functional>

class KubeClient;

/*!
 * How the console's tasks get the cluster client of the moment: ready is called once, from the
 * event loop or at once, with the client, or with nullptr and why there is none. context guards
 * the call (a task deleted meanwhile is not called). OnboardingServiceImpl hands one to each task.
 */
using ClientReady = std::function<void(KubeClient* client, const QString& error)>;
using ClientSource = std::function<void(QObject* context, ClientReady ready)>;
