// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

class KubeClient;
class QObject;
struct Plan;
struct ExecPluginOptions;

/*! Which cluster and user a command talks to, as the user overrides the plan. */
struct ClusterChoice
{
    QString kubeconfig; //!< --kubeconfig; empty = the plan's, else KUBECONFIG, else ~/.kube/config
    QString context;    //!< --context; empty = the plan's, else current-context
};

struct ClusterConnection
{
    KubeClient* client = nullptr; //!< owned by the parent given to connectCluster
    QString contextName;
    QString server;
    QStringList warnings; //!< e.g. insecure-skip-tls-verify
    QString error;        //!< non-empty: no client, and why (file, context, field)
};

/*!
 * Resolves the plan's cluster section with the command-line overrides, loads the kubeconfig
 * files and makes a client for the chosen context. Loading only: nothing is sent yet.
 */
ClusterConnection connectCluster(const Plan& plan, const ClusterChoice& choice, const ExecPluginOptions& exec,
                                 QObject* parent);
