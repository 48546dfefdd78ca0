// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

struct ClusterRef;

/*!
 * Which kubeconfig files and context a command uses. Precedence, as kubectl's: the command
 * line (--kubeconfig, --context) over the plan's cluster section over the environment
 * (KUBECONFIG, a ':'-separated list merged first-wins) over ~/.kube/config.
 */
struct ClusterTarget
{
    QStringList kubeconfigFiles; //!< in merge order (the first file that sets a value wins)
    QString context;             //!< empty = the merged current-context
    QString kubeconfigSource;    //!< "--kubeconfig", "plan", "KUBECONFIG" or "default", for messages
};

/*!
 * planKubeconfig must already be resolved against the plan's folder (Plan::resolvePath).
 * kubeconfigEnv is $KUBECONFIG as the process sees it; homeDir is the user's home.
 */
ClusterTarget resolveClusterTarget(const QString& cliKubeconfig, const QString& cliContext,
                                   const QString& planKubeconfig, const QString& planContext,
                                   const QString& kubeconfigEnv, const QString& homeDir);
