// SPDX-License-Identifier: Apache-2.0
#include "clustertarget.h"

#include <QDir>

ClusterTarget resolveClusterTarget(const QString& cliKubeconfig, const QString& cliContext,
                                   const QString& planKubeconfig, const QString& planContext,
                                   const QString& kubeconfigEnv, const QString& homeDir)
{
    ClusterTarget target;
    target.context = cliContext.isEmpty() ? planContext : cliContext;
    if (!cliKubeconfig.isEmpty()) {
        target.kubeconfigFiles = {cliKubeconfig};
        target.kubeconfigSource = u"--kubeconfig"_qs;
    } else if (!planKubeconfig.isEmpty()) {
        target.kubeconfigFiles = {planKubeconfig};
        target.kubeconfigSource = u"plan"_qs;
    } else if (!kubeconfigEnv.isEmpty()) {
        // client-go: split on the list separator, drop empty entries and repeats, keep order.
        for (const QString& part : kubeconfigEnv.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
            if (!target.kubeconfigFiles.contains(part))
                target.kubeconfigFiles.append(part);
        }
        target.kubeconfigSource = u"KUBECONFIG"_qs;
    }
    if (target.kubeconfigFiles.isEmpty()) {
        target.kubeconfigFiles = {QDir::cleanPath(homeDir + u"/.kube/config"_qs)};
        target.kubeconfigSource = u"default"_qs;
    }
    return target;
}
