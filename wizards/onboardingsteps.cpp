// SPDX-License-Identifier: Apache-2.0
#include "onboardingsteps.h"

#include "plan.h"

namespace {

StepInfo step(StepId id, const QString& title, const QString& description)
{
    return StepInfo{id, title, description, true, {}};
}

void skip(StepInfo& s, const QString& reason)
{
    s.applies = false;
    s.reason = reason;
}

} // namespace

QList<StepInfo> onboardingSteps(const Plan& plan)
{
    QList<StepInfo> steps;
    steps << step(StepId::Preflight, u"Preflight"_qs,
                  u"Cluster reachable, Istio version and settings, permissions; VMs reachable over SSH."_qs);

    StepInfo ca = step(StepId::PluginCa, u"Plug-in CA"_qs,
                       u"Secret cacerts in the istio namespace (kubectl create secret generic cacerts ...)."_qs);
    if (!plan.pluginCa)
        skip(ca, u"the plan uses istiod's self-signed CA"_qs);
    steps << ca;

    steps << step(StepId::ControlPlane, u"Control plane"_qs,
                  u"meshID, clusterName, network and WorkloadEntry auto-registration/health checks (istioctl install -f)."_qs);

    StepInfo ew = step(StepId::EastWestGateway, u"East-west gateway"_qs,
                       u"The gateway VMs reach istiod and the mesh through (gen-eastwest-gateway.sh | istioctl install)."_qs);
    if (!plan.eastWestGateway.enabled)
        skip(ew, u"eastWestGateway.enabled is false"_qs);
    steps << ew;

    StepInfo ex = step(StepId::IstiodExposure, u"istiod exposure"_qs,
                       u"Gateway istiod-gateway and VirtualService istiod-vs (kubectl apply -f expose-istiod.yaml)."_qs);
    if (!plan.istiodExposure.enabled)
        skip(ex, u"istiodExposure.enabled is false"_qs);
    steps << ex;

    const bool groups = !plan.vmGroups.isEmpty();
    StepInfo ns = step(StepId::NamespaceAndServiceAccount, u"Namespace and service account"_qs,
                       u"kubectl create namespace / serviceaccount for each VM group."_qs);
    StepInfo wg = step(StepId::WorkloadGroup, u"WorkloadGroup and Service"_qs,
                       u"The template istiod turns into WorkloadEntries, and the Service selecting it."_qs);
    if (!groups) {
        skip(ns, u"the plan has no vmGroups"_qs);
        skip(wg, u"the plan has no vmGroups"_qs);
    }
    steps << ns << wg;

    const bool vms = !plan.vms.isEmpty();
    bool groupVms = false;
    bool legacyVms = false;
    for (const Vm& vm : plan.vms)
        (plan.group(vm.group) ? groupVms : legacyVms) = true;
    QString files;
    if (groupVms || !legacyVms)
        files = u"cluster.env, mesh.yaml, root-cert.pem, istio-token, hosts (istioctl x workload entry configure)."_qs;
    if (legacyVms && !files.isEmpty())
        files += u' ';
    if (legacyVms)
        files += u"VMs in no group (Istio 1.5 flow): cluster.env, the hosts lines, root-cert.pem, and cert-chain.pem/key.pem "
              "signed with the plug-in CA, as Citadel's istio.default Secret held them."_qs;
    const QList<std::pair<StepId, std::pair<QString, QString>>> vmSteps = {
        {StepId::VmFiles, {u"VM files"_qs, files}},
        {StepId::Distribute, {u"Distribute"_qs, u"Install the files with the owners and modes Istio expects (scp, sudo cp, chown)."_qs}},
        {StepId::InstallSidecar, {u"Install the sidecar"_qs, u"The istio-sidecar package matching istiod (dpkg -i / rpm -i)."_qs}},
        {StepId::StartSidecar, {u"Start the sidecar"_qs, u"systemctl enable --now istio."_qs}},
        {StepId::VerifyWorkloadEntry, {u"Verify the WorkloadEntry"_qs, u"kubectl get workloadentry: registered and Healthy."_qs}},
    };
    for (const auto& [id, text] : vmSteps) {
        StepInfo s = step(id, text.first, text.second);
        if (!vms)
            skip(s, u"the plan has no vms"_qs);
        else if (id == StepId::VerifyWorkloadEntry && !groupVms)
            skip(s, u"VMs in no group have no WorkloadEntry (the add-to-mesh ServiceEntry lists them)"_qs);
        steps << s;
    }

    StepInfo svc = step(StepId::VerifyService, u"Verify the Service"_qs,
                        u"The Service's endpoints include the VMs."_qs);
    if (!groups)
        skip(svc, u"the plan has no vmGroups"_qs);
    steps << svc;

    StepInfo split = step(StepId::VerifyTrafficSplit, u"Verify the traffic split"_qs,
                          u"Observed shares between pods and VMs match the configured weights."_qs);
    if (plan.trafficSplits.isEmpty())
        skip(split, u"the plan has no trafficSplits"_qs);
    steps << split;

    StepInfo legacy = step(StepId::LegacyServices, u"Legacy mesh expansion"_qs,
                           u"*.global ServiceEntries with VIPs and add-to-mesh pairs (Istio 1.5-era flow)."_qs);
    if (plan.legacy.isEmpty())
        skip(legacy, u"the plan has no legacy section"_qs);
    steps << legacy;
    return steps;
}
