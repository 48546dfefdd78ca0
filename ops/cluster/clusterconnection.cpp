// SPDX-License-Identifier: Apache-2.0
#include "clusterconnection.h"

#include "clustertarget.h"
#include "execplugin.h"
#include "kubeclient.h"
#include "kubeconfig.h"
#include "plan.h"

#include <QDir>

ClusterConnection connectCluster(const Plan& plan, const ClusterChoice& choice, const ExecPluginOptions& exec,
                                 QObject* parent)
{
    ClusterConnection out;
    const ClusterTarget target = resolveClusterTarget(choice.kubeconfig, choice.context,
                                                      plan.resolvePath(plan.cluster.kubeconfig), plan.cluster.context,
                                                      qEnvironmentVariable("KUBECONFIG"), QDir::homePath());
    const KubeconfigLoadResult loaded = loadKubeconfig(target);
    out.warnings = loaded.warnings;
    if (!loaded.ok()) {
        out.error = loaded.errors.join(u'\n');
        return out;
    }
    const RestConfigResult rest = loaded.restConfigFor({}, exec);
    if (!rest.ok()) {
        out.error = rest.error;
        return out;
    }
    out.warnings += rest.config.warnings;
    out.contextName = rest.config.contextName;
    out.server = rest.config.server.toString();
    out.client = new KubeClient(rest.config, KubeClientOptions{}, parent);
    return out;
}
