<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClusterApplyTask</name>
    <message>
        <source>The plan has errors; fix them before applying.</source>
        <translation>计划文件有错误：请先修正再应用。</translation>
    </message>
</context>
<context>
    <name>ClusterConnectionService</name>
    <message>
        <source>The Istio version is not shown: %1</source>
        <translation>未显示 Istio 版本：%1</translation>
    </message>
    <message>
        <source>No istiod in namespace %1: Istio is not installed there (istioctl install), or the plan&apos;s mesh.istioNamespace names another namespace.</source>
        <translation>命名空间 %1 中没有 istiod：该处未安装 Istio（istioctl install），或计划文件的 mesh.istioNamespace 指定了另一个命名空间。</translation>
    </message>
    <message>
        <source>No istiod of revision %1 (the plan&apos;s mesh.revision) in namespace %2; shown: revision %3.</source>
        <translation>命名空间 %2 中没有修订版本 %1（计划文件的 mesh.revision）的 istiod；显示的是：修订版本 %3。</translation>
    </message>
    <message>
        <source>%1 (revision %2, Istio %3)</source>
        <translation>%1（修订版本 %2，Istio %3）</translation>
    </message>
    <message>
        <source>Several control planes: %1.</source>
        <translation>存在多个控制平面：%1。</translation>
    </message>
    <message>
        <source>Reading the kubeconfig did not finish within %1 s.</source>
        <translation>读取 kubeconfig 未在 %1 秒内完成。</translation>
    </message>
    <message>
        <source>Check that the kubeconfig files and the files they name are ordinary local files, then Reconnect.</source>
        <translation>请检查 kubeconfig 文件及其引用的文件是否为普通本地文件，然后点击“重新连接”。</translation>
    </message>
    <message>
        <source>The API server %1 did not answer within %2 s.</source>
        <translation>API 服务器 %1 未在 %2 秒内响应。</translation>
    </message>
    <message>
        <source>Check that it is running and reachable from this machine (VPN, proxy, firewall), then Reconnect; or choose another context.</source>
        <translation>请检查它是否正在运行且可从本机访问（VPN、代理、防火墙），然后点击“重新连接”；或选择其他上下文。</translation>
    </message>
    <message>
        <source>the kubeconfig</source>
        <translation>kubeconfig</translation>
    </message>
    <message>
        <source>Check that the API server %1 is running and reachable from this machine (VPN, proxy, firewall), then Reconnect; or choose another context.</source>
        <translation>请检查 API 服务器 %1 是否正在运行且可从本机访问（VPN、代理、防火墙），然后点击“重新连接”；或选择其他上下文。</translation>
    </message>
    <message>
        <source>Check certificate-authority (or certificate-authority-data) and tls-server-name of the cluster in %1: they must match the server&apos;s certificate.</source>
        <translation>请检查 %1 中该集群的 certificate-authority（或 certificate-authority-data）和 tls-server-name：它们必须与服务器证书相符。</translation>
    </message>
    <message>
        <source>Reconnect and allow the exec plugin, or choose a context of your own kubeconfig.</source>
        <translation>请重新连接并允许 exec 插件，或选择您自己 kubeconfig 中的上下文。</translation>
    </message>
    <message>
        <source>Check the credentials of user %1 in %2: an exec plugin must be installed and able to log in (try kubectl with the same context); or choose another context.</source>
        <translation>请检查 %2 中用户 %1 的凭据：exec 插件必须已安装且能够登录（可用相同上下文试试 kubectl）；或选择其他上下文。</translation>
    </message>
    <message>
        <source>The server refused the credentials of user %1: log in again, or renew the token or client certificate in %2.</source>
        <translation>服务器拒绝了用户 %1 的凭据：请重新登录，或在 %2 中更新令牌或客户端证书。</translation>
    </message>
    <message>
        <source>User %1 may not read the cluster&apos;s version: ask the cluster&apos;s administrator for access (RBAC), or choose another context.</source>
        <translation>用户 %1 无权读取集群版本：请向集群管理员申请访问权限（RBAC），或选择其他上下文。</translation>
    </message>
    <message>
        <source>Check the server address of context %1 in %2, or choose another context.</source>
        <translation>请检查 %2 中上下文 %1 的服务器地址，或选择其他上下文。</translation>
    </message>
    <message>
        <source>Point the plan&apos;s cluster.kubeconfig at an existing file, set KUBECONFIG, or create ~/.kube/config.</source>
        <translation>请将计划文件的 cluster.kubeconfig 指向一个已存在的文件、设置 KUBECONFIG，或创建 ~/.kube/config。</translation>
    </message>
    <message>
        <source>Choose one of the contexts listed, or correct cluster.context in the plan.</source>
        <translation>请从列出的上下文中选择一个，或修正计划文件中的 cluster.context。</translation>
    </message>
    <message>
        <source>Correct the kubeconfig entry named above, then Reconnect.</source>
        <translation>请修正上面指出的 kubeconfig 条目，然后点击“重新连接”。</translation>
    </message>
</context>
<context>
    <name>ClusterPage</name>
    <message>
        <source>Cluster:</source>
        <translation>集群：</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Continue despite the warnings</source>
        <translation>忽略警告继续</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>The cluster and its preflight</source>
        <translation>集群及其预检</translation>
    </message>
    <message>
        <source>Checks that the cluster is ready for VMs. Fix what fails, then run the checks again.</source>
        <translation>检查集群是否已为虚拟机做好准备。请修复失败项，然后重新运行检查。</translation>
    </message>
    <message>
        <source>no cluster service</source>
        <translation>无集群服务</translation>
    </message>
    <message>
        <source>No cluster service: preflight cannot run.</source>
        <translation>无集群服务：无法运行预检。</translation>
    </message>
    <message>
        <source>Running preflight…</source>
        <translation>正在运行预检…</translation>
    </message>
    <message>
        <source>Preflight canceled.</source>
        <translation>预检已取消。</translation>
    </message>
    <message>
        <source>Preflight could not run: %1</source>
        <translation>预检无法运行：%1</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: fix them and run again.</source>
        <translation>
            <numerusform>%n 项检查失败：请修复后重新运行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): read them, then tick &quot;continue&quot; to go on.</source>
        <translation>
            <numerusform>%n 个警告：请阅读后勾选“继续”以继续。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>所有检查均已通过。</translation>
    </message>
</context>
<context>
    <name>ClusterReviewTask</name>
    <message>
        <source>ssh is not set up.</source>
        <translation>ssh 尚未设置。</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>ConsoleFleetTask</name>
    <message>
        <source>%1 (move it away to start afresh)</source>
        <translation>%1（将其移走以重新开始）</translation>
    </message>
    <message>
        <source>No cluster connection (%1): the WorkloadEntries stay.</source>
        <translation>无集群连接（%1）：WorkloadEntry 保持不变。</translation>
    </message>
    <message>
        <source>ssh is not set up.</source>
        <translation>ssh 尚未设置。</translation>
    </message>
</context>
<context>
    <name>ContextPicker</name>
    <message>
        <source>Context:</source>
        <translation>上下文：</translation>
    </message>
    <message>
        <source>The kubeconfig context to connect to; the plan&apos;s cluster section chooses the first one.</source>
        <translation>要连接的 kubeconfig 上下文；计划文件的 cluster 部分选择第一个。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Read the kubeconfig again and ask the cluster again</source>
        <translation>重新读取 kubeconfig 并重新查询集群</translation>
    </message>
    <message>
        <source>cluster %1 (%2)
user %3
namespace %4
from %5</source>
        <translation>集群 %1（%2）
用户 %3
命名空间 %4
来自 %5</translation>
    </message>
    <message>
        <source>no server</source>
        <translation>无服务器</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connected, with warnings</source>
        <translation>已连接，有警告</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Kubernetes %1</source>
        <translation>Kubernetes %1</translation>
    </message>
    <message>
        <source>Istio %1</source>
        <translation>Istio %1</translation>
    </message>
    <message>
        <source>Istio %1 (rev %2)</source>
        <translation>Istio %1（rev %2）</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Cluster connection</source>
        <translation>集群连接</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Open the traffic graph</source>
        <translation>打开流量图</translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation>全部导出…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>The plan&apos;s %n VM(s) are in the mesh. Watch their traffic in the graph, or export every resource and file the plan generates.</source>
        <translation>
            <numerusform>计划中的 %n 台虚拟机已加入网格。可在流量图中观察其流量，或导出计划生成的所有资源和文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writes every generated resource and VM file: cluster/all.yaml for kubectl apply -f, istioctl/ for istioctl install -f, cleanup/all.yaml for kubectl delete -f, and vms/&lt;vm&gt;/ for each VM.</source>
        <translation>写出所有生成的资源和虚拟机文件：cluster/all.yaml 供 kubectl apply -f 使用，istioctl/ 供 istioctl install -f 使用，cleanup/all.yaml 供 kubectl delete -f 使用，每台虚拟机一个 vms/&lt;vm&gt;/ 目录。</translation>
    </message>
    <message>
        <source>&amp;Directory:</source>
        <translation>目录(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Files to be written:</source>
        <translation>将写入的文件：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Files to be written (%1):</source>
        <translation>将写入的文件（%1 个）：</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Wrote %1 files.</source>
        <translation>已写入 %1 个文件。</translation>
    </message>
</context>
<context>
    <name>FleetHealthModel</name>
    <message>
        <source>Its WorkloadEntry %1 has the address %2, not the planned %3: the agent registered another interface&apos;s address.</source>
        <translation>其 WorkloadEntry %1 的地址为 %2，而非计划的 %3：代理注册了另一个网络接口的地址。</translation>
    </message>
    <message>
        <source>Set vms[].ip to the address the mesh should use (ISTIO_SVC_IP) and re-onboard.</source>
        <translation>将 vms[].ip 设置为网格应使用的地址（ISTIO_SVC_IP），然后重新接入。</translation>
    </message>
    <message>
        <source>Onboarded, but no WorkloadEntry in %1 carries its address: auto-registration did nothing.</source>
        <translation>已接入，但 %1 中没有任何 WorkloadEntry 带有其地址：自动注册未生效。</translation>
    </message>
    <message>
        <source>Check that WorkloadGroup %1 exists, that istiod has PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION on, and the agent&apos;s log (journalctl -u istio) for &quot;cannot find WorkloadGroup&quot;; then re-onboard.</source>
        <translation>请检查 WorkloadGroup %1 是否存在、istiod 是否开启了 PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION，并在代理日志（journalctl -u istio）中查找 &quot;cannot find WorkloadGroup&quot;；然后重新接入。</translation>
    </message>
    <message>
        <source>The group does not auto-register: apply its WorkloadEntry, or turn on autoRegister and re-onboard.</source>
        <translation>该组不会自动注册：请应用其 WorkloadEntry，或开启 autoRegister 并重新接入。</translation>
    </message>
    <message>
        <source>Service %1 does not select its WorkloadEntry: the entry lacks %2.</source>
        <translation>Service %1 未选中其 WorkloadEntry：该条目缺少 %2。</translation>
    </message>
    <message>
        <source>Put the Service&apos;s selector labels on WorkloadGroup %1&apos;s template (vmGroups[].labels) and re-onboard, or change the Service&apos;s selector.</source>
        <translation>请将 Service 的选择器标签加到 WorkloadGroup %1 的模板（vmGroups[].labels）上并重新接入，或修改 Service 的选择器。</translation>
    </message>
    <message>
        <source>The istio-token is gone from the VM (a reboot empties /var/run): once the workload certificate expires, the agent cannot reconnect.</source>
        <translation>虚拟机上的 istio-token 已不存在（重启会清空 /var/run）：工作负载证书一旦过期，代理将无法重新连接。</translation>
    </message>
    <message>
        <source>Refresh the token.</source>
        <translation>刷新令牌。</translation>
    </message>
    <message>
        <source>The istio-token expired %1 ago: the agent falls back to it when the certificate lapses and is then refused (&quot;token has expired&quot;).</source>
        <translation>istio-token 已于 %1 前过期：证书失效时代理会回退使用该令牌，随后被拒绝（&quot;token has expired&quot;）。</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>%n 秒后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>%n 小时后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n d</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>修复：%1</translation>
    </message>
    <message>
        <source>(legacy)</source>
        <translation>（旧版）</translation>
    </message>
    <message>
        <source>no entry</source>
        <translation>无条目</translation>
    </message>
    <message>
        <source>no condition</source>
        <translation>无状态条件</translation>
    </message>
    <message>
        <source>probing…</source>
        <translation>探测中…</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>未探测</translation>
    </message>
    <message>
        <source>probe failed</source>
        <translation>探测失败</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unknown (needs sudo)</source>
        <translation>未知（需要 sudo）</translation>
    </message>
    <message>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Sidecar</source>
        <translation>Sidecar</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>FleetModel</name>
    <message>
        <source>VM</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>当前活动</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>FleetMonitorImpl</name>
    <message>
        <source>Watching %1 in %2: %3</source>
        <translation>正在监视 %2 中的 %1：%3</translation>
    </message>
    <message>
        <source>Open a plan with VMs first.</source>
        <translation>请先打开包含虚拟机的计划文件。</translation>
    </message>
    <message>
        <source>The operation could not start.</source>
        <translation>无法启动该操作。</translation>
    </message>
    <message>
        <source>Only the plan&apos;s VMs can be probed: meshdeck does not know how to reach %1.</source>
        <translation>只能探测计划中的虚拟机：meshdeck 不知道如何访问 %1。</translation>
    </message>
    <message>
        <source>No ssh to reach %1.</source>
        <translation>没有可访问 %1 的 ssh。</translation>
    </message>
    <message>
        <source>ssh asks about the host key: probe now to answer.</source>
        <translation>ssh 在询问主机密钥：请立即探测以作答。</translation>
    </message>
    <message>
        <source>ssh asks for a password: probe now to answer.</source>
        <translation>ssh 在要求输入密码：请立即探测以作答。</translation>
    </message>
    <message>
        <source>probe: %1</source>
        <translation>探测：%1</translation>
    </message>
</context>
<context>
    <name>GatewayPage</name>
    <message>
        <source>East-west gateway</source>
        <translation>东西向网关</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <source>the mesh&apos;s network</source>
        <translation>网格的网络</translation>
    </message>
    <message>
        <source>&amp;Service type:</source>
        <translation>服务类型(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>形式(&amp;F)：</translation>
    </message>
    <message>
        <source>IstioOperator (istioctl install)</source>
        <translation>IstioOperator（istioctl install）</translation>
    </message>
    <message>
        <source>Manifests (kubectl apply)</source>
        <translation>清单（kubectl apply）</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>discovered at apply time</source>
        <translation>应用时发现</translation>
    </message>
    <message>
        <source>The VMs reach istiod and the mesh through this gateway: ports 15012 (istiod), 15443 (mTLS between networks) and 15017. Give the address when the load balancer has only a host name.</source>
        <translation>虚拟机通过此网关访问 istiod 和网格：端口 15012（istiod）、15443（网络间 mTLS）和 15017。当负载均衡器只有主机名时，请填写地址。</translation>
    </message>
    <message>
        <source>Expose istiod through the gateway</source>
        <translation>通过网关暴露 istiod</translation>
    </message>
    <message>
        <source>&amp;Cross-network gateway:</source>
        <translation>跨网络网关(&amp;C)：</translation>
    </message>
    <message>
        <source>When a VM is on another network</source>
        <translation>当虚拟机位于其他网络时</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>始终</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>East-west gateway and istiod</source>
        <translation>东西向网关和 istiod</translation>
    </message>
    <message>
        <source>How the VMs reach the control plane and the mesh from their network.</source>
        <translation>虚拟机如何从其所在网络访问控制平面和网格。</translation>
    </message>
    <message>
        <source>Network: %1</source>
        <translation>网络：%1</translation>
    </message>
    <message>
        <source>Address: %1 is neither an IP address nor a host name.</source>
        <translation>地址：%1 既不是 IP 地址也不是主机名。</translation>
    </message>
    <message>
        <source>a single network</source>
        <translation>单一网络</translation>
    </message>
    <message>
        <source>the mesh&apos;s: %1</source>
        <translation>网格的：%1</translation>
    </message>
    <message>
        <source>Service: the plan names %1, a gateway you run yourself, but with the gateway ticked meshdeck generates %2. Untick it to use %1.</source>
        <translation>Service：计划指定了 %1，即你自己运行的网关，但勾选网关时 meshdeck 会生成 %2。取消勾选即可使用 %1。</translation>
    </message>
    <message>
        <source>Namespace: the plan names %1 for a gateway you run yourself, but with the gateway ticked meshdeck generates it in %2. Untick it to use the gateway in %1.</source>
        <translation>命名空间：计划为你自己运行的网关指定了 %1，但勾选网关时 meshdeck 会在 %2 中生成网关。取消勾选即可使用 %1 中的网关。</translation>
    </message>
</context>
<context>
    <name>GeneratedTreeModel</name>
    <message>
        <source>Control plane</source>
        <translation>控制平面</translation>
    </message>
    <message>
        <source>East-west gateway</source>
        <translation>东西向网关</translation>
    </message>
    <message>
        <source>istiod exposure</source>
        <translation>暴露 istiod</translation>
    </message>
    <message>
        <source>VM groups</source>
        <translation>虚拟机组</translation>
    </message>
    <message>
        <source>Traffic splits</source>
        <translation>流量拆分</translation>
    </message>
    <message>
        <source>Legacy mesh expansion</source>
        <translation>旧版网格扩展</translation>
    </message>
    <message>
        <source>VM files</source>
        <translation>虚拟机文件</translation>
    </message>
    <message>
        <source>installed with istioctl install -f</source>
        <translation>用 istioctl install -f 安装</translation>
    </message>
    <message>
        <source>applied with kubectl apply -f</source>
        <translation>用 kubectl apply -f 应用</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Installed on the VM as %1</source>
        <translation>在虚拟机上安装为 %1</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成的内容</translation>
    </message>
    <message>
        <source>Namespace / path</source>
        <translation>命名空间 / 路径</translation>
    </message>
</context>
<context>
    <name>GraphDetailsPanel</name>
    <message>
        <source>Select a node or an edge to see its metrics.</source>
        <translation>选择一个节点或一条边以查看其指标。</translation>
    </message>
    <message>
        <source>Requests and errors</source>
        <translation>请求与错误</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>No graph source: no time series.</source>
        <translation>没有图数据源：无时间序列。</translation>
    </message>
    <message>
        <source>No time series in a recording.</source>
        <translation>录制的数据中没有时间序列。</translation>
    </message>
    <message>
        <source>Loading time series…</source>
        <translation>正在加载时间序列…</translation>
    </message>
</context>
<context>
    <name>GraphExport</name>
    <message>
        <source>the image could not be encoded</source>
        <translation>无法编码该图像</translation>
    </message>
    <message>
        <source>Traffic graph</source>
        <translation>流量图</translation>
    </message>
    <message>
        <source>Exported by meshdeck</source>
        <translation>由 meshdeck 导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Graph JSON (*.json)</source>
        <translation>图 JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>GraphLegend</name>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Workload on pods</source>
        <translation>运行在 Pod 上的工作负载</translation>
    </message>
    <message>
        <source>Workload on VMs</source>
        <translation>运行在虚拟机上的工作负载</translation>
    </message>
    <message>
        <source>Workload on VMs and pods</source>
        <translation>同时运行在虚拟机和 Pod 上的工作负载</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Service entry</source>
        <translation>服务条目（ServiceEntry）</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>未知调用方</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状态</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Degraded or not ready</source>
        <translation>降级或未就绪</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>No health data</source>
        <translation>无健康数据</translation>
    </message>
    <message>
        <source>Edges</source>
        <translation>边</translation>
    </message>
    <message>
        <source>Drift: observed share differs from the configured weight</source>
        <translation>偏离：观测到的流量占比与配置的权重不一致</translation>
    </message>
    <message>
        <source>Thin: little traffic</source>
        <translation>细：流量很少</translation>
    </message>
    <message>
        <source>Wide: busy (width by request rate, log scale; bytes/s for tcp)</source>
        <translation>粗：繁忙（宽度按请求速率的对数刻度；tcp 按字节/秒）</translation>
    </message>
</context>
<context>
    <name>GraphPage</name>
    <message>
        <source>Examples: health = failure · vm · namespace = bookinfo and inrate &gt; 1 · error &gt; 5% · drift · p99 &gt; 200ms</source>
        <translation>示例：health = failure · vm · namespace = bookinfo and inrate &gt; 1 · error &gt; 5% · drift · p99 &gt; 200ms</translation>
    </message>
    <message>
        <source>Connect a cluster: open a plan whose cluster runs Prometheus and connect to it, or start meshdeck with --graph-recording FILE to look at recorded telemetry.</source>
        <translation>连接集群：打开一个其集群运行着 Prometheus 的计划并连接，或者用 --graph-recording 文件 启动 meshdeck 来查看录制的遥测数据。</translation>
    </message>
    <message>
        <source>Workload graph</source>
        <translation>工作负载图</translation>
    </message>
    <message>
        <source>App graph</source>
        <translation>应用图</translation>
    </message>
    <message>
        <source>Versioned app graph</source>
        <translation>带版本的应用图</translation>
    </message>
    <message>
        <source>Service graph</source>
        <translation>服务图</translation>
    </message>
    <message>
        <source>Namespaces, separated by commas; empty = the plan&apos;s namespaces</source>
        <translation>命名空间，用逗号分隔；留空 = 计划中的命名空间</translation>
    </message>
    <message>
        <source>Last 1m</source>
        <translation>最近 1 分钟</translation>
    </message>
    <message>
        <source>Last 5m</source>
        <translation>最近 5 分钟</translation>
    </message>
    <message>
        <source>Last 10m</source>
        <translation>最近 10 分钟</translation>
    </message>
    <message>
        <source>Last 30m</source>
        <translation>最近 30 分钟</translation>
    </message>
    <message>
        <source>Last 1h</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Every 10s</source>
        <translation>每 10 秒</translation>
    </message>
    <message>
        <source>Every 15s</source>
        <translation>每 15 秒</translation>
    </message>
    <message>
        <source>Every 30s</source>
        <translation>每 30 秒</translation>
    </message>
    <message>
        <source>Every 1m</source>
        <translation>每 1 分钟</translation>
    </message>
    <message>
        <source>Every 5m</source>
        <translation>每 5 分钟</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>显示整个图</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>SVG image…</source>
        <translation>SVG 图像…</translation>
    </message>
    <message>
        <source>Graph JSON…</source>
        <translation>图 JSON…</translation>
    </message>
    <message>
        <source>Namespaces:</source>
        <translation>命名空间：</translation>
    </message>
    <message>
        <source>Find (nodes or edges)</source>
        <translation>查找（节点或边）</translation>
    </message>
    <message>
        <source>Hide (nodes or edges)</source>
        <translation>隐藏（节点或边）</translation>
    </message>
    <message>
        <source>Edge labels:</source>
        <translation>边标签：</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Configured weight</source>
        <translation>配置的权重</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>A recording does not change: nothing to refresh</source>
        <translation>录制的数据不会变化：无需刷新</translation>
    </message>
    <message>
        <source>Column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Node positions not saved: %1</source>
        <translation>节点位置未保存：%1</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation>导出到 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>n/a</source>
        <comment>graph health</comment>
        <translation>不可用</translation>
    </message>
    <message>
        <source>healthy</source>
        <comment>graph health</comment>
        <translation>健康</translation>
    </message>
    <message>
        <source>not ready</source>
        <comment>graph health</comment>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>degraded</source>
        <comment>graph health</comment>
        <translation>降级</translation>
    </message>
    <message>
        <source>failure</source>
        <comment>graph health</comment>
        <translation>故障</translation>
    </message>
    <message>
        <source>id: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>namespace: %1</source>
        <translation>命名空间：%1</translation>
    </message>
    <message>
        <source>runs on: VMs and pods</source>
        <translation>运行于：虚拟机和 Pod</translation>
    </message>
    <message>
        <source>runs on: VMs</source>
        <translation>运行于：虚拟机</translation>
    </message>
    <message>
        <source>WorkloadEntries: %1 healthy of %2</source>
        <translation>WorkloadEntry：%2 个中 %1 个健康</translation>
    </message>
    <message>
        <source>pods: %1 ready of %2</source>
        <translation>Pod：%2 个中 %1 个就绪</translation>
    </message>
    <message>
        <source>inbound: %1 rps</source>
        <translation>入站：%1 rps</translation>
    </message>
    <message>
        <source>outbound: %1 rps</source>
        <translation>出站：%1 rps</translation>
    </message>
    <message>
        <source>health: %1 (traffic %2, instances %3)</source>
        <translation>健康状态：%1（流量 %2，实例 %3）</translation>
    </message>
    <message>
        <source>rate: %1</source>
        <translation>速率：%1</translation>
    </message>
    <message>
        <source>errors: %1%</source>
        <translation>错误：%1%</translation>
    </message>
    <message>
        <source>share of caller&apos;s traffic: %1%</source>
        <translation>占调用方流量：%1%</translation>
    </message>
    <message>
        <source>p95: %1  p99: %2</source>
        <translation>p95：%1  p99：%2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>configured weight: %1% (%2, subset %3)</source>
        <translation>配置的权重：%1%（%2，子集 %3）</translation>
    </message>
    <message>
        <source>observed share: %1% — DRIFT from the configured weight</source>
        <translation>观测到的占比：%1% — 偏离配置的权重</translation>
    </message>
    <message>
        <source>observed share: %1%</source>
        <translation>观测到的占比：%1%</translation>
    </message>
    <message>
        <source>health: %1, reporter: %2</source>
        <translation>健康状态：%1，上报方：%2</translation>
    </message>
</context>
<context>
    <name>GraphStyle</name>
    <message>
        <source>unknown</source>
        <comment>graph node of an unknown source</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source> (%1% err)</source>
        <translation>（%1% 错误）</translation>
    </message>
    <message>
        <source>weight %1% (drift)</source>
        <translation>权重 %1%（偏离）</translation>
    </message>
    <message>
        <source>weight %1%</source>
        <translation>权重 %1%</translation>
    </message>
</context>
<context>
    <name>GraphTask</name>
    <message>
        <source>no graph source</source>
        <translation>没有图数据源</translation>
    </message>
</context>
<context>
    <name>GroupForm</name>
    <message>
        <source>Labels, row %1: %2</source>
        <translation>标签，第 %1 行：%2</translation>
    </message>
    <message>
        <source>Labels, row %1: the key %2 is already used.</source>
        <translation>标签，第 %1 行：键 %2 已被使用。</translation>
    </message>
    <message>
        <source>Workload ports</source>
        <translation>工作负载端口</translation>
    </message>
    <message>
        <source>Workload ports, row %1: %2</source>
        <translation>工作负载端口，第 %1 行：%2</translation>
    </message>
    <message>
        <source>Workload ports, row %1: the name %2 is already used.</source>
        <translation>工作负载端口，第 %1 行：名称 %2 已被使用。</translation>
    </message>
    <message>
        <source>Service ports</source>
        <translation>Service 端口</translation>
    </message>
    <message>
        <source>Service ports, row %1: the protocol is TCP, UDP or SCTP.</source>
        <translation>Service 端口，第 %1 行：协议须为 TCP、UDP 或 SCTP。</translation>
    </message>
    <message>
        <source>Service ports, row %1: %2</source>
        <translation>Service 端口，第 %1 行：%2</translation>
    </message>
    <message>
        <source>Service ports, row %1: the name %2 is already used.</source>
        <translation>Service 端口，第 %1 行：名称 %2 已被使用。</translation>
    </message>
    <message>
        <source>Service ports, row %1: the port %2 is already used.</source>
        <translation>Service 端口，第 %1 行：端口 %2 已被使用。</translation>
    </message>
    <message>
        <source>Service ports: every port needs a name when there are several.</source>
        <translation>Service 端口：有多个端口时，每个端口都需要名称。</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>Name: another group is called %1.</source>
        <translation>名称：已有另一个组名为 %1。</translation>
    </message>
    <message>
        <source>Namespace: %1</source>
        <translation>命名空间：%1</translation>
    </message>
    <message>
        <source>Service account: %1</source>
        <translation>服务账号：%1</translation>
    </message>
    <message>
        <source>Labels: give at least one (the Service selects the VMs by them, e.g. app=%1).</source>
        <translation>标签：至少填写一个（Service 通过标签选择虚拟机，例如 app=%1）。</translation>
    </message>
    <message>
        <source>Token duration: from 10 minutes (600 s) to one year (31536000 s).</source>
        <translation>令牌有效期：从 10 分钟（600 秒）到一年（31536000 秒）。</translation>
    </message>
    <message>
        <source>Service name: %1</source>
        <translation>Service 名称：%1</translation>
    </message>
    <message>
        <source>Probe: give the port to check (1–65535).</source>
        <translation>探针：请填写要检查的端口（1–65535）。</translation>
    </message>
    <message>
        <source>Probe: the HTTP path starts with /.</source>
        <translation>探针：HTTP 路径须以 / 开头。</translation>
    </message>
    <message>
        <source>Probe: give the command to run, one argument per line.</source>
        <translation>探针：请填写要运行的命令，每行一个参数。</translation>
    </message>
    <message>
        <source>Probe: period, timeout and thresholds are at least 1, the initial delay at least 0.</source>
        <translation>探针：周期、超时和阈值至少为 1，初始延迟至少为 0。</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>Add group</source>
        <translation>添加组</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>删除组</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Name&amp;space:</source>
        <translation>命名空间(&amp;S)：</translation>
    </message>
    <message>
        <source>Service &amp;account:</source>
        <translation>服务账号(&amp;A)：</translation>
    </message>
    <message>
        <source>Net&amp;work:</source>
        <translation>网络(&amp;W)：</translation>
    </message>
    <message>
        <source>the mesh&apos;s network</source>
        <translation>网格的网络</translation>
    </message>
    <message>
        <source>VMs register themselves (auto-registration)</source>
        <translation>虚拟机自行注册（自动注册）</translation>
    </message>
    <message>
        <source>Capture DNS on the VMs (ISTIO_META_DNS_CAPTURE): cluster names resolve there</source>
        <translation>在虚拟机上捕获 DNS（ISTIO_META_DNS_CAPTURE）：可在其上解析集群名称</translation>
    </message>
    <message>
        <source>&amp;Token duration:</source>
        <translation>令牌有效期(&amp;T)：</translation>
    </message>
    <message>
        <source>1h, 90m or seconds</source>
        <translation>1h、90m 或秒数</translation>
    </message>
    <message>
        <source>Lifetime of the istio-token each VM gets (600 s to 1 year)</source>
        <translation>每台虚拟机获得的 istio-token 的有效期（600 秒到 1 年）</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Workload ports (the VMs&apos; inbound ports; none = all captured):</source>
        <translation>工作负载端口（虚拟机的入站端口；不填 = 全部捕获）：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>A Service selecting the group&apos;s VMs</source>
        <translation>选择该组虚拟机的 Service</translation>
    </message>
    <message>
        <source>Service na&amp;me:</source>
        <translation>Service 名称(&amp;M)：</translation>
    </message>
    <message>
        <source>the group&apos;s name</source>
        <translation>组名</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Health probe</source>
        <translation>健康探针</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>HTTP GET</source>
        <translation>HTTP GET</translation>
    </message>
    <message>
        <source>TCP socket</source>
        <translation>TCP 套接字</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Exec</translation>
    </message>
    <message>
        <source>gRPC</source>
        <translation>gRPC</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>the VM itself</source>
        <translation>虚拟机本身</translation>
    </message>
    <message>
        <source>Pa&amp;th:</source>
        <translation>路径(&amp;T)：</translation>
    </message>
    <message>
        <source>Sch&amp;eme:</source>
        <translation>协议(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>one argument per line</source>
        <translation>每行一个参数</translation>
    </message>
    <message>
        <source>gRPC ser&amp;vice:</source>
        <translation>gRPC 服务(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Initial delay:</source>
        <translation>初始延迟(&amp;I)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Perio&amp;d:</source>
        <translation>周期(&amp;D)：</translation>
    </message>
    <message>
        <source>Time&amp;out:</source>
        <translation>超时(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Success threshold:</source>
        <translation>成功阈值(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Failure threshold:</source>
        <translation>失败阈值(&amp;F)：</translation>
    </message>
    <message>
        <source>VM groups</source>
        <translation>虚拟机组</translation>
    </message>
    <message>
        <source>Each group is a WorkloadGroup: its VMs share a namespace, a service account, labels, ports and a health probe.</source>
        <translation>每个组是一个 WorkloadGroup：组内虚拟机共享同一个命名空间、服务账号、标签、端口和健康探针。</translation>
    </message>
    <message>
        <source>Token duration: &quot;%1&quot; is no duration (3600, 1h, 90m).</source>
        <translation>令牌有效期：“%1”不是有效的时长（如 3600、1h、90m）。</translation>
    </message>
    <message>
        <source>Add a VM group.</source>
        <translation>添加一个虚拟机组。</translation>
    </message>
</context>
<context>
    <name>LiveGraphs</name>
    <message>
        <source>No traffic graph: %1.</source>
        <translation>没有流量图：%1。</translation>
    </message>
    <message>
        <source>No traffic graph for this plan: %1</source>
        <translation>此计划没有流量图：%1</translation>
    </message>
    <message>
        <source>the plan has errors (see Problems)</source>
        <translation>计划有错误（见“问题”）</translation>
    </message>
</context>
<context>
    <name>LiveWeights</name>
    <message>
        <source>The plan has errors (see Problems).</source>
        <translation>计划有错误（见“问题”）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a plan file</source>
        <translation>打开计划文件</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the plan to another file, in the documented key order</source>
        <translation>按文档规定的键顺序把计划写入另一个文件</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Write every generated resource and VM file to a directory</source>
        <translation>把所有生成的资源和虚拟机文件写入一个目录</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>Read the plan file again</source>
        <translation>重新读取计划文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About meshdeck</source>
        <translation>关于 meshdeck(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Traffic graph</source>
        <translation>流量图</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <source>Could not read %1:
%2</source>
        <translation>无法读取 %1：
%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>无法写入 %1：
%2</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>已将 %1 导出到 %2</translation>
    </message>
    <message>
        <source>file</source>
        <translation>个文件</translation>
    </message>
    <message>
        <source>files</source>
        <translation>个文件</translation>
    </message>
    <message>
        <source>This problem is in %1</source>
        <translation>此问题位于 %1</translation>
    </message>
    <message>
        <source>resource</source>
        <translation>个资源</translation>
    </message>
    <message>
        <source>resources</source>
        <translation>个资源</translation>
    </message>
    <message>
        <source>VM file</source>
        <translation>个虚拟机文件</translation>
    </message>
    <message>
        <source>VM files</source>
        <translation>个虚拟机文件</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>个问题</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>个问题</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清空菜单(&amp;C)</translation>
    </message>
    <message>
        <source>Open Plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <source>Plans (*.yaml *.yml);;All files (*)</source>
        <translation>计划 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Plan As</source>
        <translation>计划另存为</translation>
    </message>
    <message>
        <source>Plans (*.yaml *.yml)</source>
        <translation>计划 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>About meshdeck</source>
        <translation>关于 meshdeck</translation>
    </message>
    <message>
        <source>meshdeck %1

Onboards VMs and bare-metal hosts into Istio service meshes: one plan file in, cluster resources and VM files out.

Licensed under the Apache License 2.0.</source>
        <translation>meshdeck %1

将虚拟机和裸金属主机接入 Istio 服务网格：输入一个计划文件，输出集群资源和虚拟机文件。

基于 Apache License 2.0 许可发布。</translation>
    </message>
    <message>
        <source>VMs</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Onboard &amp;VMs…</source>
        <translation>接入虚拟机(&amp;V)…</translation>
    </message>
    <message>
        <source>Open the onboarding wizard on this plan</source>
        <translation>在此计划上打开接入向导</translation>
    </message>
    <message>
        <source>&amp;New Onboarding…</source>
        <translation>新建接入(&amp;N)…</translation>
    </message>
    <message>
        <source>Open the onboarding wizard on an empty plan</source>
        <translation>在空计划上打开接入向导</translation>
    </message>
</context>
<context>
    <name>MeshForm</name>
    <message>
        <source>The root and intermediate certificates from the samples directory are widely distributed and known. Do not use these certificates in production as your clusters would then be open to security vulnerabilities and compromise.</source>
        <translation>samples 目录中的根证书和中间证书已被广泛分发且众所周知。请勿在生产环境中使用这些证书，否则您的集群将面临安全漏洞和被入侵的风险。</translation>
    </message>
    <message>
        <source>Istio version: &quot;%1&quot; is not a version such as 1.29 or 1.29.2.</source>
        <translation>Istio 版本：“%1”不是形如 1.29 或 1.29.2 的版本号。</translation>
    </message>
    <message>
        <source>Revision: %1</source>
        <translation>修订版本：%1</translation>
    </message>
    <message>
        <source>Istio namespace: %1</source>
        <translation>Istio 命名空间：%1</translation>
    </message>
    <message>
        <source>Trust domain: give one (cluster.local is Istio&apos;s default).</source>
        <translation>信任域：请填写一个（cluster.local 是 Istio 的默认值）。</translation>
    </message>
    <message>
        <source>Plug-in CA: choose all four files (root certificate, CA certificate, CA key, chain).</source>
        <translation>插件 CA：请选择全部四个文件（根证书、CA 证书、CA 密钥、证书链）。</translation>
    </message>
    <message>
        <source>Plug-in CA: %1 is one of Istio&apos;s sample certificates. Choose your own CA, or tick the acknowledgement for a throwaway lab.</source>
        <translation>插件 CA：%1 是 Istio 的示例证书之一。请选择您自己的 CA，或勾选确认项（仅限一次性实验环境）。</translation>
    </message>
</context>
<context>
    <name>MeshPage</name>
    <message>
        <source>Istio &amp;version:</source>
        <translation>Istio 版本(&amp;V)：</translation>
    </message>
    <message>
        <source>1.29.0</source>
        <translation>1.29.0</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>修订版本(&amp;R)：</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>&amp;Mesh ID:</source>
        <translation>网格 ID(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Cluster name:</source>
        <translation>集群名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <source>empty: a single network</source>
        <translation>留空：单一网络</translation>
    </message>
    <message>
        <source>&amp;Trust domain:</source>
        <translation>信任域(&amp;T)：</translation>
    </message>
    <message>
        <source>Istio &amp;namespace:</source>
        <translation>Istio 命名空间(&amp;N)：</translation>
    </message>
    <message>
        <source>VMs register themselves (WorkloadEntry auto-registration)</source>
        <translation>虚拟机自行注册（WorkloadEntry 自动注册）</translation>
    </message>
    <message>
        <source>Report the VMs&apos; health checks (WorkloadEntry health checks)</source>
        <translation>上报虚拟机的健康检查结果（WorkloadEntry 健康检查）</translation>
    </message>
    <message>
        <source>Plug-in CA (your own root and intermediate CA)</source>
        <translation>插件 CA（您自己的根 CA 和中间 CA）</translation>
    </message>
    <message>
        <source>R&amp;oot certificate:</source>
        <translation>根证书(&amp;O)：</translation>
    </message>
    <message>
        <source>root-cert.pem</source>
        <translation>root-cert.pem</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>CA c&amp;ertificate:</source>
        <translation>CA 证书(&amp;E)：</translation>
    </message>
    <message>
        <source>ca-cert.pem</source>
        <translation>ca-cert.pem</translation>
    </message>
    <message>
        <source>CA &amp;key:</source>
        <translation>CA 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>ca-key.pem</source>
        <translation>ca-key.pem</translation>
    </message>
    <message>
        <source>Certificate c&amp;hain:</source>
        <translation>证书链(&amp;H)：</translation>
    </message>
    <message>
        <source>cert-chain.pem</source>
        <translation>cert-chain.pem</translation>
    </message>
    <message>
        <source>Create a CA for this mesh with scripts/make-plugin-ca DIR, then choose its four files. Without a plug-in CA istiod makes its own self-signed root.</source>
        <translation>使用 scripts/make-plugin-ca DIR 为此网格创建一个 CA，然后选择它的四个文件。不使用插件 CA 时，istiod 会自行生成自签名根证书。</translation>
    </message>
    <message>
        <source>I understand: this mesh is a throwaway lab; use Istio&apos;s sample certificates anyway</source>
        <translation>我已了解：此网格是一次性实验环境；仍然使用 Istio 的示例证书</translation>
    </message>
    <message>
        <source>The mesh and the plug-in CA</source>
        <translation>网格与插件 CA</translation>
    </message>
    <message>
        <source>The control plane&apos;s values, and the CA that signs the workloads&apos; certificates.</source>
        <translation>控制平面的参数值，以及为工作负载签发证书的 CA。</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>选择 PEM 文件</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1: Istio&apos;s sample certificates (samples/certs).</source>
        <translation>%1：Istio 的示例证书（samples/certs）。</translation>
    </message>
</context>
<context>
    <name>OnboardingServiceImpl</name>
    <message>
        <source>The cluster connection was closed.</source>
        <translation>集群连接已关闭。</translation>
    </message>
    <message>
        <source>Not connected to a cluster: choose a context in the main window.</source>
        <translation>未连接到集群：请在主窗口中选择一个上下文。</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>not connected to a cluster</source>
        <translation>未连接到集群</translation>
    </message>
    <message>
        <source>reading the kubeconfig…</source>
        <translation>正在读取 kubeconfig…</translation>
    </message>
    <message>
        <source>not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>context %1 at %2</source>
        <translation>上下文 %1，位于 %2</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <source>Onboard VMs</source>
        <translation>接入虚拟机</translation>
    </message>
</context>
<context>
    <name>PackageChoice</name>
    <message>
        <source>Choose the istio-sidecar package file (.deb or .rpm).</source>
        <translation>请选择 istio-sidecar 软件包文件（.deb 或 .rpm）。</translation>
    </message>
    <message>
        <source>The package file must be a .deb or an .rpm.</source>
        <translation>软件包文件必须是 .deb 或 .rpm。</translation>
    </message>
    <message>
        <source>Give the package&apos;s URL.</source>
        <translation>请填写软件包的 URL。</translation>
    </message>
    <message>
        <source>The URL must be an http:// or https:// address.</source>
        <translation>URL 必须是 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>The SHA-256 must be 64 hexadecimal digits (sha256sum prints it).</source>
        <translation>SHA-256 必须是 64 位十六进制数字（由 sha256sum 输出）。</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 不存在或不是文件。</translation>
    </message>
    <message>
        <source>Give the package&apos;s SHA-256, or allow an unverified package.</source>
        <translation>请填写软件包的 SHA-256，或允许安装未经校验的软件包。</translation>
    </message>
</context>
<context>
    <name>PackagePage</name>
    <message>
        <source>Istio&apos;s release for the mesh&apos;s version (default)</source>
        <translation>与网格版本对应的 Istio 发布包（默认）</translation>
    </message>
    <message>
        <source>A local package file (.deb or .rpm), uploaded by meshdeck</source>
        <translation>本地软件包文件（.deb 或 .rpm），由 meshdeck 上传</translation>
    </message>
    <message>
        <source>istio-sidecar.deb</source>
        <translation>istio-sidecar.deb</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A URL the VMs download, with the SHA-256 it must have</source>
        <translation>虚拟机下载的 URL，以及其应有的 SHA-256</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>https://…/istio-sidecar.deb</source>
        <translation>https://…/istio-sidecar.deb</translation>
    </message>
    <message>
        <source>&amp;SHA-256:</source>
        <translation>SHA-256(&amp;S)：</translation>
    </message>
    <message>
        <source>64 hexadecimal digits (sha256sum)</source>
        <translation>64 位十六进制数字（sha256sum）</translation>
    </message>
    <message>
        <source>meshdeck uploads %1 to each VM and installs it.</source>
        <translation>meshdeck 将 %1 上传到每台虚拟机并进行安装。</translation>
    </message>
    <message>
        <source>Each VM downloads %1 and installs it only if its SHA-256 is %2.</source>
        <translation>每台虚拟机下载 %1，仅当其 SHA-256 为 %2 时才安装。</translation>
    </message>
    <message>
        <source>Each VM downloads Istio&apos;s release package for its architecture.</source>
        <translation>每台虚拟机下载与其架构对应的 Istio 发布包。</translation>
    </message>
    <message>
        <source>Each VM downloads %1 (or the -arm64 package on arm64).</source>
        <translation>每台虚拟机下载 %1（在 arm64 上则下载 -arm64 软件包）。</translation>
    </message>
    <message>
        <source>The sidecar package</source>
        <translation>sidecar 软件包</translation>
    </message>
    <message>
        <source>Where the VMs get istio-sidecar. It must not be newer than istiod.</source>
        <translation>虚拟机从何处获取 istio-sidecar。其版本不得高于 istiod。</translation>
    </message>
    <message>
        <source>Choose the istio-sidecar package</source>
        <translation>选择 istio-sidecar 软件包</translation>
    </message>
    <message>
        <source>Packages (*.deb *.rpm);;All files (*)</source>
        <translation>软件包 (*.deb *.rpm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The mesh&apos;s version %1 has no patch number: give a file or a URL, or an x.y.z version on the mesh page.</source>
        <translation>网格版本 %1 没有补丁号：请提供文件或 URL，或在网格页面填写 x.y.z 形式的版本。</translation>
    </message>
    <message>
        <source>Istio&apos;s release needs an x.y.z version (the mesh page).</source>
        <translation>Istio 发布包需要 x.y.z 形式的版本（见网格页面）。</translation>
    </message>
    <message>
        <source>Install the package even if it cannot be verified (no SHA-256)</source>
        <translation>即使无法校验也安装软件包（无 SHA-256）</translation>
    </message>
    <message>
        <source>Without a SHA-256 (yours, or the .sha256 an https server publishes beside the package) the VMs refuse a downloaded package. Tick this only to install it unverified, as root.</source>
        <translation>没有 SHA-256（您提供的，或 https 服务器在软件包旁发布的 .sha256）时，虚拟机会拒绝下载的软件包。仅当您要以 root 身份安装未经校验的软件包时才勾选此项。</translation>
    </message>
    <message>
        <source>Each VM downloads %1 and installs it even if it cannot be verified.</source>
        <translation>每台虚拟机下载 %1，即使无法校验也会安装。</translation>
    </message>
    <message>
        <source>Without the .sha256 published beside it, it is installed unverified.</source>
        <translation>若旁边没有发布的 .sha256，将不经校验直接安装。</translation>
    </message>
    <message>
        <source>It is installed only if it matches the .sha256 published beside it.</source>
        <translation>仅当其与旁边发布的 .sha256 一致时才安装。</translation>
    </message>
</context>
<context>
    <name>PagePreview</name>
    <message>
        <source>What this page produces:</source>
        <translation>此页面生成的内容：</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>%1 is one of Istio&apos;s sample certificates (samples/certs). The sample root and intermediate certificates are widely distributed and known: never use them in production, or the cluster is exposed to security breaches and compromise.</source>
        <translation>%1 是 Istio 的示例证书（samples/certs）。示例根证书和中间证书已被广泛分发、众所周知：切勿在生产环境中使用，否则集群将面临安全漏洞和被攻破的风险。</translation>
    </message>
    <message>
        <source>pluginCa.allowSampleCertificates is true: acceptable for a throwaway lab only.</source>
        <translation>pluginCa.allowSampleCertificates 为 true：仅可用于用完即弃的实验环境。</translation>
    </message>
    <message>
        <source>Generate your own CA (Istio&apos;s tools/certs: make -f Makefile.selfsigned.mk root-ca &lt;cluster&gt;-cacerts), or set pluginCa.allowSampleCertificates: true for a throwaway lab.</source>
        <translation>请生成您自己的 CA（Istio 的 tools/certs：make -f Makefile.selfsigned.mk root-ca &lt;cluster&gt;-cacerts），或者在用完即弃的实验环境中设置 pluginCa.allowSampleCertificates: true。</translation>
    </message>
    <message>
        <source>%1 and %2 both generate %3 with different contents</source>
        <translation>%1 和 %2 都会生成 %3，但内容不同</translation>
    </message>
    <message>
        <source>rename one of them</source>
        <translation>请重命名其中一个</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>VIP %1 is already used by another global service</source>
        <translation>VIP %1 已被另一个全局服务使用</translation>
    </message>
    <message>
        <source>Every *.global host needs its own address.</source>
        <translation>每个 *.global 主机都需要自己的地址。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 CIDR</source>
        <translation>&quot;%1&quot; 不是 IPv4 CIDR</translation>
    </message>
    <message>
        <source>Use a block such as 127.255.0.0/16.</source>
        <translation>请使用 127.255.0.0/16 这样的地址块。</translation>
    </message>
    <message>
        <source>The VIP pool %1 has no free address left for %2</source>
        <translation>VIP 地址池 %1 已没有空闲地址可分配给 %2</translation>
    </message>
    <message>
        <source>Widen legacy.vipPool or give the service an explicit vip.</source>
        <translation>请扩大 legacy.vipPool，或为该服务显式指定 vip。</translation>
    </message>
    <message>
        <source>The *.global ServiceEntries need the gateway&apos;s address</source>
        <translation>*.global 的 ServiceEntry 需要网关地址</translation>
    </message>
    <message>
        <source>Set legacy.gatewayAddress to the ingress gateway&apos;s routable IP.</source>
        <translation>请将 legacy.gatewayAddress 设为入口网关的可路由 IP。</translation>
    </message>
    <message>
        <source>The PEM block &quot;%1&quot; ends with &quot;%2&quot; instead of &quot;-----END %1-----&quot;.</source>
        <translation>PEM 块 &quot;%1&quot; 以 &quot;%2&quot; 结尾，而不是 &quot;-----END %1-----&quot;。</translation>
    </message>
    <message>
        <source>The PEM block &quot;%1&quot; is not closed: &quot;-----END %1-----&quot; is missing.</source>
        <translation>PEM 块 &quot;%1&quot; 没有闭合：缺少 &quot;-----END %1-----&quot;。</translation>
    </message>
    <message>
        <source>The body of the PEM block &quot;%1&quot; is not valid base64.</source>
        <translation>PEM 块 &quot;%1&quot; 的内容不是有效的 base64。</translation>
    </message>
    <message>
        <source>No PEM block found (a &quot;-----BEGIN ...-----&quot; line is missing).</source>
        <translation>未找到 PEM 块（缺少 &quot;-----BEGIN ...-----&quot; 行）。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>%1 is %2 bytes, too large for a PEM certificate or key.</source>
        <translation>%1 有 %2 字节，作为 PEM 证书或密钥过大。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>%1 holds a private key (%2) where a certificate is expected; check that the certificate and key paths are not swapped.</source>
        <translation>%1 中是私钥（%2），而此处需要证书；请检查证书和密钥的路径是否写反了。</translation>
    </message>
    <message>
        <source>%1 holds a &quot;%2&quot; block; only certificates are expected.</source>
        <translation>%1 中有 &quot;%2&quot; 块；此处只应包含证书。</translation>
    </message>
    <message>
        <source>%1 holds an encrypted private key; istiod needs it unencrypted.</source>
        <translation>%1 中的私钥已加密；istiod 需要未加密的私钥。</translation>
    </message>
    <message>
        <source>%1: the &quot;%2&quot; block is damaged (its content is not one DER structure).</source>
        <translation>%1: &quot;%2&quot; 块已损坏（其内容不是单个 DER 结构）。</translation>
    </message>
    <message>
        <source>%1 holds no certificate.</source>
        <translation>%1 中没有证书。</translation>
    </message>
    <message>
        <source>%1 holds no private key.</source>
        <translation>%1 中没有私钥。</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>use a port number from 1 to 65535</source>
        <translation>请使用 1 到 65535 之间的端口号</translation>
    </message>
    <message>
        <source>name the PEM file, relative to the plan&apos;s folder or absolute</source>
        <translation>请指定 PEM 文件，可以是相对于计划文件所在目录的路径，也可以是绝对路径</translation>
    </message>
    <message>
        <source>name a PEM file of the right kind</source>
        <translation>请指定类型正确的 PEM 文件</translation>
    </message>
    <message>
        <source>correct the path, or create the CA: %1</source>
        <translation>请更正路径，或创建 CA：%1</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>correct the path, or remove the key to use KUBECONFIG / ~/.kube/config</source>
        <translation>请更正路径，或删除该键以使用 KUBECONFIG / ~/.kube/config</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an Istio version</source>
        <translation>&quot;%1&quot; 不是有效的 Istio 版本</translation>
    </message>
    <message>
        <source>write it as &quot;1.29&quot; or &quot;1.29.2&quot;</source>
        <translation>请写成 &quot;1.29&quot; 或 &quot;1.29.2&quot;</translation>
    </message>
    <message>
        <source>Istio %1 predates WorkloadGroup (1.8)</source>
        <translation>Istio %1 早于引入 WorkloadGroup 的版本（1.8）</translation>
    </message>
    <message>
        <source>meshdeck onboards VMs into Istio 1.8 and later; the legacy section covers the older flow&apos;s resources</source>
        <translation>meshdeck 只将虚拟机接入 Istio 1.8 及更高版本；旧流程的资源由 legacy 部分描述</translation>
    </message>
    <message>
        <source>Istio %1 is newer than this meshdeck knows (1.31)</source>
        <translation>Istio %1 比此版本 meshdeck 所知的最新版本（1.31）更新</translation>
    </message>
    <message>
        <source>the generated resources follow 1.31; check the release notes</source>
        <translation>生成的资源以 1.31 为准；请查阅发行说明</translation>
    </message>
    <message>
        <source>revisions are DNS labels such as 1-29-0 or canary</source>
        <translation>修订版本（revision）须为 DNS 标签，例如 1-29-0 或 canary</translation>
    </message>
    <message>
        <source>&quot;default&quot; names the default revision</source>
        <translation>&quot;default&quot; 指的是默认修订版本</translation>
    </message>
    <message>
        <source>leave revision out for the default revision</source>
        <translation>使用默认修订版本时请省略 revision</translation>
    </message>
    <message>
        <source>no clusterName: VMs get ISTIO_META_CLUSTER_ID=&apos;&apos;</source>
        <translation>未设置 clusterName：虚拟机将得到 ISTIO_META_CLUSTER_ID=&apos;&apos;</translation>
    </message>
    <message>
        <source>set it to the cluster&apos;s values.global.multiCluster.clusterName; a wrong ID breaks the VM&apos;s authentication</source>
        <translation>请将其设为集群的 values.global.multiCluster.clusterName；ID 错误会导致虚拟机身份认证失败</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an IP address nor a host name</source>
        <translation>&quot;%1&quot; 既不是 IP 地址，也不是主机名</translation>
    </message>
    <message>
        <source>a host name cannot go into the VMs&apos; hosts file (istioctl writes IPs only), so it stays empty</source>
        <translation>主机名无法写入虚拟机的 hosts 文件（istioctl 只写入 IP），因此该项将留空</translation>
    </message>
    <message>
        <source>give the load balancer&apos;s IP address</source>
        <translation>请填写负载均衡器的 IP 地址</translation>
    </message>
    <message>
        <source>%1 is below the minimum of %2</source>
        <translation>%1 小于最小值 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not start with &apos;/&apos;</source>
        <translation>&quot;%1&quot; 没有以 &apos;/&apos; 开头</translation>
    </message>
    <message>
        <source>write an absolute path such as /healthz</source>
        <translation>请写绝对路径，例如 /healthz</translation>
    </message>
    <message>
        <source>gRPC probes need Istio 1.25 or later</source>
        <translation>gRPC 探针需要 Istio 1.25 或更高版本</translation>
    </message>
    <message>
        <source>use httpGet or tcpSocket, or raise mesh.istioVersion</source>
        <translation>请改用 httpGet 或 tcpSocket，或提高 mesh.istioVersion</translation>
    </message>
    <message>
        <source>name the WorkloadGroup, e.g. name: envoydummy</source>
        <translation>请为 WorkloadGroup 命名，例如 name: envoydummy</translation>
    </message>
    <message>
        <source>a VM group named &quot;%1&quot; already exists</source>
        <translation>名为 &quot;%1&quot; 的虚拟机组已存在</translation>
    </message>
    <message>
        <source>group names must be unique</source>
        <translation>组名必须唯一</translation>
    </message>
    <message>
        <source>the namespace of the WorkloadGroup, e.g. namespace: vm</source>
        <translation>WorkloadGroup 所在的命名空间，例如 namespace: vm</translation>
    </message>
    <message>
        <source>name each port, e.g. http: 8080</source>
        <translation>请为每个端口命名，例如 http: 8080</translation>
    </message>
    <message>
        <source>port names are DNS labels such as http or grpc-api</source>
        <translation>端口名须为 DNS 标签，例如 http 或 grpc-api</translation>
    </message>
    <message>
        <source>port name &quot;%1&quot; is used twice</source>
        <translation>端口名 &quot;%1&quot; 被使用了两次</translation>
    </message>
    <message>
        <source>without auto-registration nothing creates this group&apos;s WorkloadEntries</source>
        <translation>未启用自动注册时，没有任何组件会为该组创建 WorkloadEntry</translation>
    </message>
    <message>
        <source>create a WorkloadEntry per VM yourself, or set autoRegister: true</source>
        <translation>请自行为每台虚拟机创建 WorkloadEntry，或设置 autoRegister: true</translation>
    </message>
    <message>
        <source>mesh.autoRegistration is false, so istiod ignores the VMs&apos; registration</source>
        <translation>mesh.autoRegistration 为 false，istiod 会忽略虚拟机的注册</translation>
    </message>
    <message>
        <source>set mesh.autoRegistration: true</source>
        <translation>请设置 mesh.autoRegistration: true</translation>
    </message>
    <message>
        <source>mesh.healthChecks is false, so istiod ignores this probe&apos;s results</source>
        <translation>mesh.healthChecks 为 false，istiod 会忽略该探针的结果</translation>
    </message>
    <message>
        <source>set mesh.healthChecks: true</source>
        <translation>请设置 mesh.healthChecks: true</translation>
    </message>
    <message>
        <source>%1 seconds is outside 10 minutes to 1 year</source>
        <translation>%1 秒超出了 10 分钟到 1 年的范围</translation>
    </message>
    <message>
        <source>Kubernetes refuses tokens shorter than 600 s; the default is 3600</source>
        <translation>Kubernetes 拒绝有效期短于 600 秒的令牌；默认值为 3600</translation>
    </message>
    <message>
        <source>the proxy.istio.io/config annotation is not a YAML mapping of ProxyConfig fields</source>
        <translation>proxy.istio.io/config 注解不是由 ProxyConfig 字段组成的 YAML 映射</translation>
    </message>
    <message>
        <source>write it as a block, e.g. |
  proxyMetadata:
    KEY: value</source>
        <translation>请写成块格式，例如 |
  proxyMetadata:
    KEY: value</translation>
    </message>
    <message>
        <source>the Service is named after the group; set service.name to a DNS-1035 label</source>
        <translation>Service 以组名命名；请将 service.name 设为 DNS-1035 标签</translation>
    </message>
    <message>
        <source>another VM group already defines Service %1</source>
        <translation>另一个虚拟机组已定义了 Service %1</translation>
    </message>
    <message>
        <source>give one of them service.name</source>
        <translation>请为其中一个设置 service.name</translation>
    </message>
    <message>
        <source>the group has no labels, so its Service would select nothing</source>
        <translation>该组没有标签，其 Service 将选不中任何工作负载</translation>
    </message>
    <message>
        <source>add labels such as app: %1</source>
        <translation>请添加标签，例如 app: %1</translation>
    </message>
    <message>
        <source>a Service with several ports needs a name on each</source>
        <translation>有多个端口的 Service 需要为每个端口命名</translation>
    </message>
    <message>
        <source>add name: http (or tcp, grpc, ...)</source>
        <translation>请添加 name: http（或 tcp、grpc 等）</translation>
    </message>
    <message>
        <source>port %1 is used twice</source>
        <translation>端口 %1 被使用了两次</translation>
    </message>
    <message>
        <source>name the VM, e.g. name: vm-1</source>
        <translation>请为虚拟机命名，例如 name: vm-1</translation>
    </message>
    <message>
        <source>VM names are DNS labels: they name folders and WorkloadEntries</source>
        <translation>虚拟机名称须为 DNS 标签：它们会用作文件夹和 WorkloadEntry 的名称</translation>
    </message>
    <message>
        <source>duplicate VM name &quot;%1&quot; (also %2)</source>
        <translation>虚拟机名称 &quot;%1&quot; 重复（%2 也使用了该名称）</translation>
    </message>
    <message>
        <source>VM names must be unique</source>
        <translation>虚拟机名称必须唯一</translation>
    </message>
    <message>
        <source>no VM group named &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的虚拟机组</translation>
    </message>
    <message>
        <source>use one of the names under vmGroups</source>
        <translation>请使用 vmGroups 下的某个名称</translation>
    </message>
    <message>
        <source>name the VM group (WorkloadGroup) this VM joins</source>
        <translation>请指定此虚拟机加入的虚拟机组（WorkloadGroup）</translation>
    </message>
    <message>
        <source>the IP or host name SSH reaches the VM at</source>
        <translation>通过 SSH 访问该虚拟机所用的 IP 或主机名</translation>
    </message>
    <message>
        <source>an IP address, a host name or a ~/.ssh/config Host alias</source>
        <translation>应为 IP 地址、主机名或 ~/.ssh/config 中的 Host 别名</translation>
    </message>
    <message>
        <source>address %1 is already used by %2</source>
        <translation>地址 %1 已被 %2 使用</translation>
    </message>
    <message>
        <source>each VM needs its own address; cloned VMs with one IP make duplicate WorkloadEntries</source>
        <translation>每台虚拟机都需要自己的地址；克隆出的虚拟机共用一个 IP 会产生重复的 WorkloadEntry</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address</source>
        <translation>&quot;%1&quot; 不是 IP 地址</translation>
    </message>
    <message>
        <source>the workload IP the mesh reaches the VM at</source>
        <translation>应填写网格访问该虚拟机所用的工作负载 IP</translation>
    </message>
    <message>
        <source>ipKind needs ip</source>
        <translation>ipKind 需要配合 ip 使用</translation>
    </message>
    <message>
        <source>add ip: &lt;the VM&apos;s internal or external address&gt;</source>
        <translation>请添加 ip: &lt;虚拟机的内部或外部地址&gt;</translation>
    </message>
    <message>
        <source>user names are letters, digits, &apos;_&apos; and &apos;-&apos;</source>
        <translation>用户名只能包含字母、数字、&apos;_&apos; 和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>correct the path, or remove it to use ssh-agent and ~/.ssh/config</source>
        <translation>请更正路径，或删除该项以使用 ssh-agent 和 ~/.ssh/config</translation>
    </message>
    <message>
        <source>a VM cannot be its own jump host</source>
        <translation>虚拟机不能作为自己的跳板机</translation>
    </message>
    <message>
        <source>the jump hosts form a loop: %1</source>
        <translation>跳板机形成了环路：%1</translation>
    </message>
    <message>
        <source>end the chain at a VM without jumpHost</source>
        <translation>请让跳板链止于一台未设置 jumpHost 的虚拟机</translation>
    </message>
    <message>
        <source>a VM of this plan, or [user@]host[:port] as ssh -J takes it</source>
        <translation>应为本计划中的虚拟机，或 ssh -J 接受的 [user@]host[:port] 格式</translation>
    </message>
    <message>
        <source>the documented pool is 127.255.0.0/16</source>
        <translation>文档给出的地址池是 127.255.0.0/16</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a CIDR</source>
        <translation>&quot;%1&quot; 不是 CIDR</translation>
    </message>
    <message>
        <source>e.g. 172.21.0.0/16, the cluster&apos;s Service range</source>
        <translation>例如 172.21.0.0/16，即集群的 Service 网段</translation>
    </message>
    <message>
        <source>the gateway address *.global traffic is sent to (port 15443)</source>
        <translation>*.global 流量发往的网关地址（端口 15443）</translation>
    </message>
    <message>
        <source>the cluster Service&apos;s name</source>
        <translation>集群中 Service 的名称</translation>
    </message>
    <message>
        <source>the cluster Service&apos;s namespace</source>
        <translation>集群中 Service 的命名空间</translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation>%1 被列出了两次</translation>
    </message>
    <message>
        <source>needs at least one port</source>
        <translation>至少需要一个端口</translation>
    </message>
    <message>
        <source>add ports: [{name: http1, number: 8000, protocol: HTTP}]</source>
        <translation>请添加 ports: [{name: http1, number: 8000, protocol: HTTP}]</translation>
    </message>
    <message>
        <source>the endpoint&apos;s port map is keyed by it, e.g. name: http1</source>
        <translation>端点的端口映射以它为键，例如 name: http1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address</source>
        <translation>&quot;%1&quot; 不是 IPv4 地址</translation>
    </message>
    <message>
        <source>VIP %1 overlaps %2</source>
        <translation>VIP %1 与 %2 重叠</translation>
    </message>
    <message>
        <source>every *.global service needs its own VIP; remove vip to have one allocated</source>
        <translation>每个 *.global 服务都需要自己的 VIP；删除 vip 即可自动分配一个</translation>
    </message>
    <message>
        <source>VIP %1 is outside legacy.vipPool %2</source>
        <translation>VIP %1 不在 legacy.vipPool %2 范围内</translation>
    </message>
    <message>
        <source>VIPs must be unique and not routable outside the sidecar; the pool guarantees that</source>
        <translation>VIP 必须唯一，且在 sidecar 之外不可路由；地址池可以保证这一点</translation>
    </message>
    <message>
        <source>the Service name the VM is reached by</source>
        <translation>访问该虚拟机所用的 Service 名称</translation>
    </message>
    <message>
        <source>e.g. namespace: vm</source>
        <translation>例如 namespace: vm</translation>
    </message>
    <message>
        <source>names no VM and no address</source>
        <translation>既未指定虚拟机，也未指定地址</translation>
    </message>
    <message>
        <source>add vms: [&lt;vm name&gt;] or addresses: [&lt;ip&gt;]</source>
        <translation>请添加 vms: [&lt;虚拟机名称&gt;] 或 addresses: [&lt;ip&gt;]</translation>
    </message>
    <message>
        <source>no VM named &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的虚拟机</translation>
    </message>
    <message>
        <source>use a name from vms</source>
        <translation>请使用 vms 中的名称</translation>
    </message>
    <message>
        <source>VM &quot;%1&quot; has no IP address for the ServiceEntry endpoint</source>
        <translation>虚拟机 &quot;%1&quot; 没有可用作 ServiceEntry 端点的 IP 地址</translation>
    </message>
    <message>
        <source>give the VM ip: &lt;address&gt;</source>
        <translation>请为该虚拟机设置 ip: &lt;地址&gt;</translation>
    </message>
    <message>
        <source>add ports: [{name: http, port: 8888}]</source>
        <translation>请添加 ports: [{name: http, port: 8888}]</translation>
    </message>
    <message>
        <source>the protocol, e.g. name: http</source>
        <translation>协议名，例如 name: http</translation>
    </message>
    <message>
        <source>lower-case protocol names such as http, grpc, tcp</source>
        <translation>应为小写的协议名，例如 http、grpc、tcp</translation>
    </message>
    <message>
        <source>the VirtualService&apos;s name</source>
        <translation>VirtualService 的名称</translation>
    </message>
    <message>
        <source>the VirtualService&apos;s namespace</source>
        <translation>VirtualService 的命名空间</translation>
    </message>
    <message>
        <source>another split is named %1</source>
        <translation>另一个流量拆分也名为 %1</translation>
    </message>
    <message>
        <source>needs at least one host</source>
        <translation>至少需要一个主机</translation>
    </message>
    <message>
        <source>the host clients call, e.g. envoydummy.chapter10.svc.cluster.local</source>
        <translation>客户端调用的主机，例如 envoydummy.chapter10.svc.cluster.local</translation>
    </message>
    <message>
        <source>needs at least one destination</source>
        <translation>至少需要一个目标</translation>
    </message>
    <message>
        <source>the Service host to send this share to</source>
        <translation>这部分流量发往的 Service 主机</translation>
    </message>
    <message>
        <source>%1 is outside 0–100</source>
        <translation>%1 超出了 0–100 的范围</translation>
    </message>
    <message>
        <source>no subsetLabels, so meshdeck generates no DestinationRule for subset %1</source>
        <translation>未设置 subsetLabels，因此 meshdeck 不会为子集 %1 生成 DestinationRule</translation>
    </message>
    <message>
        <source>add subsetLabels, or make sure a DestinationRule of yours defines the subset</source>
        <translation>请添加 subsetLabels，或确保您自己的某个 DestinationRule 定义了该子集</translation>
    </message>
    <message>
        <source>subsetLabels need a subset name</source>
        <translation>subsetLabels 需要配合子集名称（subset）使用</translation>
    </message>
    <message>
        <source>add subset: vm (or v1, ...)</source>
        <translation>请添加 subset: vm（或 v1 等）</translation>
    </message>
    <message>
        <source>destination %1 is listed twice</source>
        <translation>目标 %1 被列出了两次</translation>
    </message>
    <message>
        <source>destination %1 subset %2 is listed twice</source>
        <translation>目标 %1 的子集 %2 被列出了两次</translation>
    </message>
    <message>
        <source>the weights add up to %1, not 100</source>
        <translation>权重之和为 %1，而不是 100</translation>
    </message>
    <message>
        <source>adjust the weights so they total 100</source>
        <translation>请调整权重，使其总和为 100</translation>
    </message>
    <message>
        <source>the version %1 is read as a number by YAML</source>
        <translation>YAML 会把版本 %1 读成数字</translation>
    </message>
    <message>
        <source>quote it: %1</source>
        <translation>请加上引号：%1</translation>
    </message>
    <message>
        <source>the probe has no handler</source>
        <translation>探针未指定处理程序</translation>
    </message>
    <message>
        <source>add exactly one of httpGet, tcpSocket, exec, grpc</source>
        <translation>请在 httpGet、tcpSocket、exec、grpc 中恰好添加一个</translation>
    </message>
    <message>
        <source>the probe has %1 handlers (%2)</source>
        <translation>探针有 %1 个处理程序（%2）</translation>
    </message>
    <message>
        <source>keep exactly one of them</source>
        <translation>只保留其中一个</translation>
    </message>
    <message>
        <source>httpGet needs a port</source>
        <translation>httpGet 需要端口</translation>
    </message>
    <message>
        <source>add port: &lt;the port your service&apos;s health endpoint listens on&gt;</source>
        <translation>请添加 port: &lt;服务健康检查端点监听的端口&gt;</translation>
    </message>
    <message>
        <source>tcpSocket needs a port</source>
        <translation>tcpSocket 需要端口</translation>
    </message>
    <message>
        <source>add port: &lt;port&gt;</source>
        <translation>请添加 port: &lt;端口&gt;</translation>
    </message>
    <message>
        <source>exec needs a command</source>
        <translation>exec 需要命令</translation>
    </message>
    <message>
        <source>add command: [&quot;/bin/check&quot;, &quot;arg&quot;]</source>
        <translation>请添加 command: [&quot;/bin/check&quot;, &quot;arg&quot;]</translation>
    </message>
    <message>
        <source>grpc needs a port</source>
        <translation>grpc 需要端口</translation>
    </message>
    <message>
        <source>a Service port needs a port number</source>
        <translation>Service 端口需要端口号</translation>
    </message>
    <message>
        <source>add port: 80</source>
        <translation>请添加 port: 80</translation>
    </message>
    <message>
        <source>a destination needs a weight</source>
        <translation>目标需要权重</translation>
    </message>
    <message>
        <source>add weight: &lt;0-100&gt;</source>
        <translation>请添加 weight: &lt;0-100&gt;</translation>
    </message>
    <message>
        <source>the drift tolerance must be 0..100 percentage points</source>
        <translation>漂移容差必须在 0..100 个百分点之间</translation>
    </message>
    <message>
        <source>10 flags a 50% weight seen as 39% or 61%</source>
        <translation>例如设为 10 时，配置为 50% 的权重若实测为 39% 或 61% 即会被标记</translation>
    </message>
    <message>
        <source>not an http(s) URL: %1</source>
        <translation>不是 http(s) URL：%1</translation>
    </message>
    <message>
        <source>write it as http://host:9090, or leave url out to reach the Service through the cluster</source>
        <translation>请写成 http://host:9090 的形式，或省略 url 以通过集群访问该 Service</translation>
    </message>
    <message>
        <source>scheme must be http or https</source>
        <translation>scheme 必须为 http 或 https</translation>
    </message>
    <message>
        <source>https only when the Service&apos;s port speaks TLS</source>
        <translation>仅当 Service 的端口使用 TLS 时才用 https</translation>
    </message>
    <message>
        <source>apiVersion is missing</source>
        <translation>缺少 apiVersion</translation>
    </message>
    <message>
        <source>unsupported apiVersion &quot;%1&quot;</source>
        <translation>不支持的 apiVersion &quot;%1&quot;</translation>
    </message>
    <message>
        <source>start the plan with apiVersion: %1</source>
        <translation>请以 apiVersion: %1 作为计划的开头</translation>
    </message>
    <message>
        <source>kind is missing</source>
        <translation>缺少 kind</translation>
    </message>
    <message>
        <source>unsupported kind &quot;%1&quot;</source>
        <translation>不支持的 kind &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a plan has kind: %1</source>
        <translation>计划应使用 kind: %1</translation>
    </message>
    <message>
        <source>the plan has no mesh section</source>
        <translation>计划缺少 mesh 部分</translation>
    </message>
    <message>
        <source>add mesh: with istioVersion, meshID, clusterName, network</source>
        <translation>请添加 mesh:，并填写 istioVersion、meshID、clusterName、network</translation>
    </message>
    <message>
        <source>YAML syntax error: %1</source>
        <translation>YAML 语法错误：%1</translation>
    </message>
    <message>
        <source>fix the YAML at this position (indentation, a missing &apos;:&apos; or quote)</source>
        <translation>请修正此处的 YAML（缩进、缺少的 &apos;:&apos; 或引号）</translation>
    </message>
    <message>
        <source>the plan file is empty</source>
        <translation>计划文件为空</translation>
    </message>
    <message>
        <source>start from examples/book-chapter10.yaml or docs/plan-format.md</source>
        <translation>可以从 examples/book-chapter10.yaml 或 docs/plan-format.md 开始</translation>
    </message>
    <message>
        <source>the plan file holds %1 YAML documents</source>
        <translation>计划文件包含 %1 个 YAML 文档</translation>
    </message>
    <message>
        <source>a plan is one document: remove the &quot;---&quot; separators and the extra documents</source>
        <translation>计划只能是一个文档：请删除 &quot;---&quot; 分隔符和多余的文档</translation>
    </message>
    <message>
        <source>could not read this part of the plan: %1</source>
        <translation>无法读取计划的这一部分：%1</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>cannot read the plan: %1</source>
        <translation>无法读取计划：%1</translation>
    </message>
    <message>
        <source>check the path given with --plan</source>
        <translation>请检查 --plan 指定的路径</translation>
    </message>
    <message>
        <source>the plan file is larger than 16 MiB</source>
        <translation>计划文件超过 16 MiB</translation>
    </message>
    <message>
        <source>is this the right file?</source>
        <translation>这是正确的文件吗？</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 63 characters</source>
        <translation>&quot;%1&quot; 超过了 63 个字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DNS-1123 label: use lower-case letters, digits and &apos;-&apos;, starting and ending with a letter or digit</source>
        <translation>&quot;%1&quot; 不是 DNS-1123 标签：只能使用小写字母、数字和 &apos;-&apos;，并以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 253 characters</source>
        <translation>&quot;%1&quot; 超过了 253 个字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DNS-1123 subdomain: use lower-case letters, digits, &apos;-&apos; and &apos;.&apos;, starting and ending with a letter or digit</source>
        <translation>&quot;%1&quot; 不是 DNS-1123 子域名：只能使用小写字母、数字、&apos;-&apos; 和 &apos;.&apos;，并以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DNS-1035 label (Service names): use lower-case letters, digits and &apos;-&apos;, starting with a letter</source>
        <translation>&quot;%1&quot; 不是 DNS-1035 标签（Service 名称）：只能使用小写字母、数字和 &apos;-&apos;，并以字母开头</translation>
    </message>
    <message>
        <source>a label or annotation key must not be empty</source>
        <translation>标签或注解的键不能为空</translation>
    </message>
    <message>
        <source>the prefix of key &quot;%1&quot; is not a DNS subdomain</source>
        <translation>键 &quot;%1&quot; 的前缀不是 DNS 子域名</translation>
    </message>
    <message>
        <source>the name part of key &quot;%1&quot; is longer than 63 characters</source>
        <translation>键 &quot;%1&quot; 的名称部分超过了 63 个字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid key</source>
        <translation>&quot;%1&quot; 不是有效的键</translation>
    </message>
    <message>
        <source>label value &quot;%1&quot; is longer than 63 characters</source>
        <translation>标签值 &quot;%1&quot; 超过了 63 个字符</translation>
    </message>
    <message>
        <source>label value &quot;%1&quot; is not valid</source>
        <translation>标签值 &quot;%1&quot; 无效</translation>
    </message>
    <message>
        <source>keys are [prefix/]name: name up to 63 of letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, starting and ending alphanumeric; prefix a DNS subdomain such as example.com</source>
        <translation>键的格式为 [prefix/]name：name 最多 63 个字符，由字母、数字、&apos;-&apos;、&apos;_&apos;、&apos;.&apos; 组成，以字母或数字开头和结尾；prefix 为 DNS 子域名，例如 example.com</translation>
    </message>
    <message>
        <source>label values are empty or up to 63 letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;, starting and ending alphanumeric</source>
        <translation>标签值可以为空，或为最多 63 个由字母、数字、&apos;-&apos;、&apos;_&apos;、&apos;.&apos; 组成的字符，以字母或数字开头和结尾</translation>
    </message>
    <message>
        <source>port %1 is outside 1–65535</source>
        <translation>端口 %1 超出了 1–65535 的范围</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name</source>
        <translation>&quot;%1&quot; 不是有效的主机名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid user name</source>
        <translation>&quot;%1&quot; 不是有效的用户名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an unclosed &apos;[&apos;</source>
        <translation>&quot;%1&quot; 中的 &apos;[&apos; 没有闭合</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has something after &apos;]&apos; that is not :port</source>
        <translation>&quot;%1&quot; 在 &apos;]&apos; 之后的内容不是 :port</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv6 address</source>
        <translation>&quot;%1&quot; 不是 IPv6 地址</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no valid port after &apos;:&apos;</source>
        <translation>&quot;%1&quot; 在 &apos;:&apos; 之后没有有效的端口</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a VM of this plan nor [user@]host[:port]</source>
        <translation>&quot;%1&quot; 既不是本计划中的虚拟机，也不是 [user@]host[:port] 格式</translation>
    </message>
    <message>
        <source>nothing (null)</source>
        <translation>空值（null）</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a mapping</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>应为%1，实际为%2</translation>
    </message>
    <message>
        <source>expected a mapping (key: value lines), found %1</source>
        <translation>应为映射（key: value 形式的行），实际为%1</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>重复的键 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>each key may appear once in a mapping; remove one of them</source>
        <translation>每个键在映射中只能出现一次；请删除其中一个</translation>
    </message>
    <message>
        <source>did you mean &quot;%1&quot;?</source>
        <translation>您是不是要写 &quot;%1&quot;？</translation>
    </message>
    <message>
        <source>known keys here: %1</source>
        <translation>此处可用的键：%1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation>未知的键 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>remove the quotes</source>
        <translation>请去掉引号</translation>
    </message>
    <message>
        <source>write a whole number such as 8080</source>
        <translation>请写一个整数，例如 8080</translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation>应为整数，实际为%1</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>布尔值 true 或 false</translation>
    </message>
    <message>
        <source>expected true or false, found %1</source>
        <translation>应为 true 或 false，实际为%1</translation>
    </message>
    <message>
        <source>write true or false without quotes</source>
        <translation>请写 true 或 false，不要加引号</translation>
    </message>
    <message>
        <source>expected a mapping of names to values, found %1</source>
        <translation>应为名称到值的映射，实际为%1</translation>
    </message>
    <message>
        <source>a string value</source>
        <translation>字符串值</translation>
    </message>
    <message>
        <source>the value %1 is a YAML boolean here</source>
        <translation>值 %1 在此处会被 YAML 当作布尔值</translation>
    </message>
    <message>
        <source>quote it (&quot;%1&quot;) so every tool reads it as text</source>
        <translation>请加上引号（&quot;%1&quot;），让所有工具都将其当作文本读取</translation>
    </message>
    <message>
        <source>expected a list, found %1</source>
        <translation>应为列表，实际为%1</translation>
    </message>
    <message>
        <source>write it as [a, b] or as lines starting with &quot;- &quot;</source>
        <translation>请写成 [a, b]，或写成以 &quot;- &quot; 开头的多行</translation>
    </message>
    <message>
        <source>a duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>expected a duration, found %1</source>
        <translation>应为时长，实际为%1</translation>
    </message>
    <message>
        <source>write seconds (3600) or a duration such as 1h, 30m, 1h30m, 90s</source>
        <translation>请写秒数（3600）或时长，例如 1h、30m、1h30m、90s</translation>
    </message>
    <message>
        <source>write each entry on a line starting with &quot;- &quot;</source>
        <translation>请将每一项写在以 &quot;- &quot; 开头的行上</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2</source>
        <translation>&quot;%1&quot; 不是以下值之一：%2</translation>
    </message>
    <message>
        <source>use one of the listed values (spelling and case matter)</source>
        <translation>请使用列出的值之一（拼写和大小写都必须一致）</translation>
    </message>
    <message>
        <source>the proxy.istio.io/config annotation is refused: %1</source>
        <translation>proxy.istio.io/config 注解被拒绝：%1</translation>
    </message>
    <message>
        <source>write the values out instead of nesting aliases</source>
        <translation>请直接写出各个值，不要嵌套使用别名</translation>
    </message>
    <message>
        <source>the YAML expands to more than %1 values (aliases referring to aliases?)</source>
        <translation>该 YAML 展开后超过 %1 个值（别名引用了别名？）</translation>
    </message>
    <message>
        <source>the YAML nests deeper than %1 levels</source>
        <translation>该 YAML 的嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>the plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>%1: cannot keep the file&apos;s comments and layout: %2</source>
        <translation>%1：无法保留文件的注释和布局：%2</translation>
    </message>
    <message>
        <source>the plan is larger than 16 MiB</source>
        <translation>计划大于 16 MiB</translation>
    </message>
    <message>
        <source>the new plan cannot be read</source>
        <translation>无法读取新计划</translation>
    </message>
    <message>
        <source>line %1: the file is not valid YAML (%2)</source>
        <translation>第 %1 行：文件不是有效的 YAML（%2）</translation>
    </message>
    <message>
        <source>the new plan is not valid YAML (%1)</source>
        <translation>新计划不是有效的 YAML（%1）</translation>
    </message>
    <message>
        <source>the file is not a plan</source>
        <translation>该文件不是计划文件</translation>
    </message>
    <message>
        <source>the plan is not written as a block mapping</source>
        <translation>计划未以块映射（block mapping）形式编写</translation>
    </message>
    <message>
        <source>the plan as read cannot be written again</source>
        <translation>读取后的计划无法重新写出</translation>
    </message>
    <message>
        <source>its structure is not one the merge can follow</source>
        <translation>其结构无法被合并处理</translation>
    </message>
    <message>
        <source>the merged text would not read as the new plan</source>
        <translation>合并后的文本无法读取为新计划</translation>
    </message>
    <message>
        <source>%1: %2% → %3%</source>
        <translation>%1：%2% → %3%</translation>
    </message>
    <message>
        <source>Only in the cluster: the plan has no traffic split for this VirtualService.</source>
        <translation>仅存在于集群中：计划中没有此 VirtualService 的流量拆分。</translation>
    </message>
    <message>
        <source>The cluster&apos;s destinations are not the plan&apos;s: %1 is not in the plan&apos;s split.</source>
        <translation>集群中的目标与计划不一致：%1 不在计划的拆分中。</translation>
    </message>
    <message>
        <source>The plan&apos;s split is the VirtualService&apos;s first http route only.</source>
        <translation>计划的拆分仅对应 VirtualService 的第一条 http 路由。</translation>
    </message>
    <message>
        <source>proxyMetadata.%1 turns auto-registration back on although autoRegister is false</source>
        <translation>proxyMetadata.%1 会重新开启自动注册，而 autoRegister 为 false</translation>
    </message>
    <message>
        <source>remove %1 from the annotation&apos;s proxyMetadata, or set autoRegister: true</source>
        <translation>从注解的 proxyMetadata 中删除 %1，或设置 autoRegister: true</translation>
    </message>
    <message>
        <source>proxyMetadata.%1 turns DNS capture back on although captureDNS is false</source>
        <translation>proxyMetadata.%1 会重新开启 DNS 捕获，而 captureDNS 为 false</translation>
    </message>
    <message>
        <source>remove %1 from the annotation&apos;s proxyMetadata, or set captureDNS: true</source>
        <translation>从注解的 proxyMetadata 中删除 %1，或设置 captureDNS: true</translation>
    </message>
    <message>
        <source>proxyMetadata.%1 asks for DNS capture&apos;s address allocation although captureDNS is false</source>
        <translation>proxyMetadata.%1 要求 DNS 捕获的自动地址分配，而 captureDNS 为 false</translation>
    </message>
    <message>
        <source>meshdeck generates the gateway&apos;s Service as %1; another name is for a gateway you run yourself</source>
        <translation>meshdeck 生成的网关 Service 名为 %1；其他名称只用于你自己运行的网关</translation>
    </message>
    <message>
        <source>set enabled: false to use Service %1, or leave service out</source>
        <translation>设置 enabled: false 以使用 Service %1，或删除 service</translation>
    </message>
    <message>
        <source>meshdeck generates the gateway in mesh.istioNamespace (%1); another namespace is for a gateway you run yourself</source>
        <translation>meshdeck 在 mesh.istioNamespace（%1）中生成网关；其他命名空间只用于你自己运行的网关</translation>
    </message>
    <message>
        <source>set enabled: false to use namespace %1, or leave namespace out</source>
        <translation>设置 enabled: false 以使用命名空间 %1，或删除 namespace</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB: not a PEM certificate or key</source>
        <translation>%1 大于 1 MiB：不是 PEM 证书或密钥</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 不是普通文件</translation>
    </message>
    <message>
        <source>point pluginCa.%1 at the PEM file itself</source>
        <translation>请让 pluginCa.%1 指向 PEM 文件本身</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>&amp;Expand All</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>The plan has errors. Fix them (see Problems) to see what it generates.</source>
        <translation>计划有错误。请先修正（见“问题”），再查看它生成的内容。</translation>
    </message>
    <message>
        <source>Open a plan (File → Open…) to see the resources and VM files it generates.</source>
        <translation>打开一个计划（文件 → 打开…）以查看它生成的资源和虚拟机文件。</translation>
    </message>
</context>
<context>
    <name>PreviewText</name>
    <message numerus="yes">
        <source>&lt;hidden: %n bytes&gt;</source>
        <translation>
            <numerusform>&lt;已隐藏：%n 字节&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>VM %1: %2 → %3</source>
        <translation>虚拟机 %1：%2 → %3</translation>
    </message>
</context>
<context>
    <name>ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>namespace </source>
        <translation>命名空间 </translation>
    </message>
</context>
<context>
    <name>QuestionDialog</name>
    <message>
        <source>The question is no longer open.</source>
        <translation>该问题已不再等待回答。</translation>
    </message>
    <message>
        <source>New host key for %1</source>
        <translation>%1 的新主机密钥</translation>
    </message>
    <message>
        <source>The jump host %1 on the way to %2 offered a %3 key:</source>
        <translation>通往 %2 途中的跳板机 %1 提供了一个 %3 密钥：</translation>
    </message>
    <message>
        <source>%1 offered a %2 key:</source>
        <translation>%1 提供了一个 %2 密钥：</translation>
    </message>
    <message>
        <source>The key is new: nobody has confirmed it on this machine yet. Compare the fingerprint with the one the host&apos;s administrator gives you (ssh-keygen -lf on the host&apos;s key) before trusting it.</source>
        <translation>这是一个新密钥：尚未有人在本机上确认过它。信任之前，请将指纹与主机管理员提供的指纹（在主机密钥上运行 ssh-keygen -lf）进行比对。</translation>
    </message>
    <message>
        <source>Trusting it adds it to %1.</source>
        <translation>信任后会将其添加到 %1。</translation>
    </message>
    <message>
        <source>Trust this key</source>
        <translation>信任此密钥</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>ssh asks for a password for %1.</source>
        <translation>ssh 要求输入 %1 的密码。</translation>
    </message>
    <message>
        <source>sudo password for %1</source>
        <translation>%1 的 sudo 密码</translation>
    </message>
    <message>
        <source>sudo on %1 needs your password. It is kept in memory for this run only.</source>
        <translation>%1 上的 sudo 需要您的密码。密码仅在本次运行期间保存在内存中。</translation>
    </message>
    <message>
        <source>The previous password was refused there: try again.</source>
        <translation>上一次输入的密码被拒绝：请重试。</translation>
    </message>
    <message>
        <source>Run an exec plugin?</source>
        <translation>运行 exec 插件？</translation>
    </message>
    <message>
        <source>The plan&apos;s kubeconfig %1 asks meshdeck to run this program to log in (%2):</source>
        <translation>计划中的 kubeconfig %1 要求 meshdeck 运行此程序进行登录（%2）：</translation>
    </message>
    <message>
        <source>It is not your own kubeconfig: run the program only if you trust where the plan comes from. meshdeck remembers your yes for this kubeconfig and this command.</source>
        <translation>这不是您自己的 kubeconfig：仅当您信任该计划的来源时才运行此程序。meshdeck 会针对此 kubeconfig 和此命令记住您的同意。</translation>
    </message>
    <message>
        <source>Run it</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Don&apos;t run</source>
        <translation>不运行</translation>
    </message>
    <message>
        <source>Use this password for every VM of this run that asks</source>
        <translation>本次运行中所有要求密码的 VM 都使用此密码</translation>
    </message>
    <message>
        <source>Off, each VM&apos;s own password is asked for: a VM you do not trust never sees the others&apos; password.</source>
        <translation>不勾选时逐台询问各 VM 自己的密码：不受信任的 VM 永远看不到其他 VM 的密码。</translation>
    </message>
</context>
<context>
    <name>RecordingGraphSource</name>
    <message>
        <source>Recording %1</source>
        <translation>录制数据 %1</translation>
    </message>
    <message>
        <source>a recording has no time series</source>
        <translation>录制的数据中没有时间序列</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Cluster object</source>
        <translation>集群对象</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>VM / step</source>
        <translation>虚拟机 / 步骤</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Review again</source>
        <translation>重新审查</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>What applying the plan changes in the cluster, and what each VM&apos;s onboarding will do.</source>
        <translation>应用计划会在集群中更改哪些内容，以及每台虚拟机的接入将执行哪些操作。</translation>
    </message>
    <message>
        <source>in sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>有差异</translation>
    </message>
    <message>
        <source>missing (will be created)</source>
        <translation>缺失（将创建）</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Comparing with the cluster and asking each VM…</source>
        <translation>正在与集群比对并询问每台虚拟机…</translation>
    </message>
    <message>
        <source>Review canceled.</source>
        <translation>审查已取消。</translation>
    </message>
    <message>
        <source>The review is incomplete: %1</source>
        <translation>审查不完整：%1</translation>
    </message>
    <message>
        <source>Reviewed.</source>
        <translation>审查完成。</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Cluster side, in order:</source>
        <translation>集群侧，按顺序：</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>The VMs:</source>
        <translation>虚拟机：</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel the run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <source>Retry the failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Applies the cluster side in order, then onboards the VMs. A canceled run resumes where it stopped.</source>
        <translation>按顺序应用集群侧配置，然后接入虚拟机。已取消的运行会从停止处继续。</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>configured</source>
        <translation>已配置</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Press Start to apply the cluster side and onboard the VMs.</source>
        <translation>按“开始”以应用集群侧配置并接入虚拟机。</translation>
    </message>
    <message>
        <source>The plan could not be saved: %1</source>
        <translation>无法保存计划：%1</translation>
    </message>
    <message>
        <source>Applying the cluster side…</source>
        <translation>正在应用集群侧配置…</translation>
    </message>
    <message>
        <source>the rest</source>
        <translation>其余部分</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Canceled. Start again to resume.</source>
        <translation>已取消。再次开始即可继续。</translation>
    </message>
    <message>
        <source>The cluster side failed: %1</source>
        <translation>集群侧失败：%1</translation>
    </message>
    <message>
        <source>Onboarding the VMs…</source>
        <translation>正在接入虚拟机…</translation>
    </message>
    <message>
        <source>Canceled: the VMs at work stopped after their current command. Start again to resume.</source>
        <translation>已取消：正在处理的虚拟机在当前命令完成后已停止。再次开始即可继续。</translation>
    </message>
    <message>
        <source>Every VM is onboarded.</source>
        <translation>所有虚拟机均已接入。</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>SplitPage</name>
    <message>
        <source>Split:</source>
        <translation>拆分：</translation>
    </message>
    <message>
        <source>The plan has no traffic split: all traffic to the group&apos;s Service goes wherever Kubernetes sends it.</source>
        <translation>计划中没有流量拆分：发往该组 Service 的所有流量均由 Kubernetes 决定去向。</translation>
    </message>
    <message>
        <source>What the plan will apply:</source>
        <translation>计划将应用的内容：</translation>
    </message>
    <message>
        <source>Export YAML…</source>
        <translation>导出 YAML…</translation>
    </message>
    <message>
        <source>Traffic split</source>
        <translation>流量拆分</translation>
    </message>
    <message>
        <source>How requests are shared between the pods and the VMs. The weights always add up to 100%.</source>
        <translation>请求如何在 Pod 与虚拟机之间分配。权重之和始终为 100%。</translation>
    </message>
    <message>
        <source>Export the traffic split</source>
        <translation>导出流量拆分</translation>
    </message>
    <message>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>SshImportDialog</name>
    <message>
        <source>Import VMs from ~/.ssh/config</source>
        <translation>从 ~/.ssh/config 导入虚拟机</translation>
    </message>
    <message>
        <source>Host entries (wildcard patterns and Match blocks are left out):</source>
        <translation>Host 条目（不含通配符模式和 Match 块）：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Add to the &amp;group:</source>
        <translation>添加到组(&amp;G)：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>TerminalLauncher</name>
    <message>
        <source>No terminal found: set $TERMINAL, or install xterm.</source>
        <translation>未找到终端：请设置 $TERMINAL，或安装 xterm。</translation>
    </message>
    <message>
        <source>%1 did not start.</source>
        <translation>%1 未能启动。</translation>
    </message>
</context>
<context>
    <name>TokenRefreshFleet</name>
    <message>
        <source>refreshing tokens</source>
        <translation>正在刷新令牌</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>token delivered</source>
        <translation>令牌已送达</translation>
    </message>
    <message>
        <source>The token could not be refreshed on %1.</source>
        <translation>无法在 %1 上刷新令牌。</translation>
    </message>
</context>
<context>
    <name>TokenRefreshRun</name>
    <message>
        <source>The plan has no VM %1.</source>
        <translation>计划中没有虚拟机 %1。</translation>
    </message>
    <message>
        <source>%1 is a legacy VM: it has a workload certificate, not a token. Re-onboard it to renew the certificate.</source>
        <translation>%1 是旧式虚拟机：它使用工作负载证书而非令牌。请重新接入以续期证书。</translation>
    </message>
    <message>
        <source>Not connected to a cluster.</source>
        <translation>未连接到集群。</translation>
    </message>
    <message>
        <source>No way to reach %1 over ssh.</source>
        <translation>无法通过 ssh 访问 %1。</translation>
    </message>
    <message>
        <source>requesting a token for %1/%2</source>
        <translation>正在为 %1/%2 请求令牌</translation>
    </message>
    <message>
        <source>TokenRequest for ServiceAccount %1/%2 failed: %3</source>
        <translation>ServiceAccount %1/%2 的 TokenRequest 失败：%3</translation>
    </message>
    <message>
        <source>the answer holds no token</source>
        <translation>响应中不含令牌</translation>
    </message>
    <message>
        <source>delivering the token to %1</source>
        <translation>正在将令牌送达 %1</translation>
    </message>
    <message>
        <source>No sudo password given.</source>
        <translation>未提供 sudo 密码。</translation>
    </message>
    <message>
        <source>Writing the token on %1 failed.</source>
        <translation>在 %1 上写入令牌失败。</translation>
    </message>
    <message>
        <source>token delivered</source>
        <translation>令牌已送达</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>WorkloadEntry</source>
        <translation>WorkloadEntry</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Each VM&apos;s WorkloadEntry and its health, and the endpoints behind each Service.</source>
        <translation>每台虚拟机的 WorkloadEntry 及其健康状态，以及每个 Service 背后的端点。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Could not check everything: %1</source>
        <translation>无法完成全部检查：%1</translation>
    </message>
    <message>
        <source>Every VM is healthy and its Service has ready endpoints.</source>
        <translation>所有虚拟机均健康，且其 Service 有就绪的端点。</translation>
    </message>
    <message>
        <source>Not all healthy yet.</source>
        <translation>尚未全部健康。</translation>
    </message>
    <message>
        <source>Automatic checks stopped; check again when ready.</source>
        <translation>自动检查已停止；准备好后请重新检查。</translation>
    </message>
    <message>
        <source>not reported yet</source>
        <translation>尚未上报</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>不健康</translation>
    </message>
    <message>
        <source>no WorkloadEntry</source>
        <translation>无 WorkloadEntry</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
</context>
<context>
    <name>VmListPage</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Workload IP</source>
        <translation>工作负载 IP</translation>
    </message>
    <message>
        <source>SSH user</source>
        <translation>SSH 用户</translation>
    </message>
    <message>
        <source>SSH port</source>
        <translation>SSH 端口</translation>
    </message>
    <message>
        <source>Jump host</source>
        <translation>跳板机</translation>
    </message>
    <message>
        <source>Identity file</source>
        <translation>身份文件</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Import from ~/.ssh/config…</source>
        <translation>从 ~/.ssh/config 导入…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>连接测试</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>操作系统：</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>架构：</translation>
    </message>
    <message>
        <source>systemd:</source>
        <translation>systemd：</translation>
    </message>
    <message>
        <source>Free disk:</source>
        <translation>可用磁盘：</translation>
    </message>
    <message>
        <source>Clock skew:</source>
        <translation>时钟偏差：</translation>
    </message>
    <message>
        <source>Gateway 15012 (istiod):</source>
        <translation>网关 15012（istiod）：</translation>
    </message>
    <message>
        <source>Gateway 15443 (mTLS):</source>
        <translation>网关 15443（mTLS）：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>VMs</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>The machines to onboard and how ssh reaches them. Test the connection before you go on.</source>
        <translation>要接入的机器以及 ssh 如何访问它们。继续之前请先测试连接。</translation>
    </message>
    <message>
        <source>Each VM&apos;s files as `istioctl x workload entry configure` writes them. root-cert.pem and the istio-token come from the cluster during the run.</source>
        <translation>每台虚拟机的文件，与 `istioctl x workload entry configure` 写出的一致。root-cert.pem 和 istio-token 在运行期间从集群获取。</translation>
    </message>
    <message>
        <source>%1 has no Host entries without wildcards.</source>
        <translation>%1 中没有不含通配符的 Host 条目。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>%1 The host key changed: known %2, offered %3.</source>
        <translation>%1 主机密钥已变更：已知 %2，提供的是 %3。</translation>
    </message>
    <message>
        <source>Connection test: %1</source>
        <translation>连接测试：%1</translation>
    </message>
    <message>
        <source>Select a VM.</source>
        <translation>请选择一台虚拟机。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>尚未测试。</translation>
    </message>
    <message>
        <source>No cluster connection: the test is not available.</source>
        <translation>未连接集群：无法进行测试。</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>可达</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>不可达</translation>
    </message>
    <message>
        <source>Reached.</source>
        <translation>已连通。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no: the sidecar needs systemd</source>
        <translation>否：sidecar 需要 systemd</translation>
    </message>
</context>
<context>
    <name>VmProbeTask</name>
    <message>
        <source>The plan has no such VM, or there is no ssh to reach it.</source>
        <translation>计划中没有该虚拟机，或没有可访问它的 ssh。</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>probing OS, disk, clock and gateway ports</source>
        <translation>正在探测操作系统、磁盘、时钟和网关端口</translation>
    </message>
    <message>
        <source>The probe failed on the VM.</source>
        <translation>虚拟机上的探测失败。</translation>
    </message>
    <message>
        <source>checking sudo</source>
        <translation>正在检查 sudo</translation>
    </message>
    <message>
        <source>sudo asks for a password: the onboarding will ask for it.</source>
        <translation>sudo 需要密码：接入过程中会询问。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>VmRowCheck</name>
    <message>
        <source>Name: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>Name: another VM is called %1.</source>
        <translation>名称：已有另一台虚拟机名为 %1。</translation>
    </message>
    <message>
        <source>Group: choose the VM&apos;s group.</source>
        <translation>组：请选择虚拟机所属的组。</translation>
    </message>
    <message>
        <source>Group: there is no group %1 (the previous page defines the groups).</source>
        <translation>组：不存在组 %1（组在上一页中定义）。</translation>
    </message>
    <message>
        <source>Address: give the IP or host name ssh reaches the VM at.</source>
        <translation>地址：请填写 ssh 访问该虚拟机所用的 IP 或主机名。</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>Workload IP: %1 is not an IP address.</source>
        <translation>工作负载 IP：%1 不是 IP 地址。</translation>
    </message>
    <message>
        <source>SSH user: %1</source>
        <translation>SSH 用户：%1</translation>
    </message>
    <message>
        <source>SSH port: 1–65535, or empty for ssh&apos;s own choice.</source>
        <translation>SSH 端口：1–65535，留空则由 ssh 自行决定。</translation>
    </message>
    <message>
        <source>Jump host: %1</source>
        <translation>跳板机：%1</translation>
    </message>
    <message>
        <source>Add at least one VM, or import them from ~/.ssh/config.</source>
        <translation>请至少添加一台虚拟机，或从 ~/.ssh/config 导入。</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 — too far off: workload certificates may be refused; enable NTP on the VM</source>
        <translation>%1 — 偏差过大：工作负载证书可能被拒绝；请在虚拟机上启用 NTP</translation>
    </message>
</context>
<context>
    <name>VmsPage</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待执行</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Filter VMs by name, address, group, step or message</source>
        <translation>按名称、地址、组、步骤或消息筛选虚拟机</translation>
    </message>
    <message>
        <source>Open a plan with VMs to see where each one stands.</source>
        <translation>打开一个包含虚拟机的计划，查看每台虚拟机的进展。</translation>
    </message>
    <message>
        <source>Select a VM to see its steps and last errors.</source>
        <translation>选择一台虚拟机以查看其步骤和最近的错误。</translation>
    </message>
    <message>
        <source>Onboard</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Onboard the selected VMs (resumes where each stopped)</source>
        <translation>接入所选虚拟机（从各自中断处继续）</translation>
    </message>
    <message>
        <source>Re-onboard</source>
        <translation>重新接入</translation>
    </message>
    <message>
        <source>Run every step again on the selected VMs</source>
        <translation>在所选虚拟机上重新运行所有步骤</translation>
    </message>
    <message>
        <source>Offboard…</source>
        <translation>移出…</translation>
    </message>
    <message>
        <source>Take the selected VMs out of the mesh</source>
        <translation>将所选虚拟机移出网格</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>Mint a new istio-token and deliver only that (no restart)</source>
        <translation>签发新的 istio-token 并仅送达该令牌（不重启）</translation>
    </message>
    <message>
        <source>Probe now</source>
        <translation>立即探测</translation>
    </message>
    <message>
        <source>Read the sidecar&apos;s state, token and certificate over ssh</source>
        <translation>通过 ssh 读取 sidecar 的状态、令牌和证书</translation>
    </message>
    <message>
        <source>Open SSH session</source>
        <translation>打开 SSH 会话</translation>
    </message>
    <message>
        <source>Open a terminal with ssh to the VM</source>
        <translation>打开终端并 ssh 到该虚拟机</translation>
    </message>
    <message>
        <source>Copy ssh command</source>
        <translation>复制 ssh 命令</translation>
    </message>
    <message>
        <source>Put the ssh command on the clipboard</source>
        <translation>将 ssh 命令复制到剪贴板</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Steps of %1</source>
        <translation>%1 的步骤</translation>
    </message>
    <message>
        <source>  none recorded yet</source>
        <translation>  尚无记录</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Last errors</source>
        <translation>最近的错误</translation>
    </message>
    <message>
        <source>  none</source>
        <translation>  无</translation>
    </message>
    <message>
        <source>Offboard</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Take %1 out of the mesh? The sidecar is stopped and removed, its files and WorkloadEntry deleted.</source>
        <translation>将 %1 移出网格？sidecar 将被停止并移除，其文件和 WorkloadEntry 将被删除。</translation>
    </message>
    <message>
        <source>%1 has no address to reach.</source>
        <translation>%1 没有可访问的地址。</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>已复制：%1</translation>
    </message>
</context>
<context>
    <name>WeightsApplyRun</name>
    <message>
        <source>Not connected to a cluster: connect first, then apply.</source>
        <translation>未连接到集群：请先连接，再应用。</translation>
    </message>
    <message>
        <source>The weights do not fit route %1.</source>
        <translation>权重与路由 %1 不匹配。</translation>
    </message>
    <message>
        <source>Reading VirtualService %1/%2</source>
        <translation>正在读取 VirtualService %1/%2</translation>
    </message>
    <message>
        <source>VirtualService %1/%2 changed in the cluster since it was read: refresh and try again.</source>
        <translation>VirtualService %1/%2 在读取后已在集群中发生变化：请刷新后重试。</translation>
    </message>
    <message>
        <source>Applying VirtualService %1/%2</source>
        <translation>正在应用 VirtualService %1/%2</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>configured</source>
        <translation>已配置</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变更</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
</context>
<context>
    <name>WeightsDiffRun</name>
    <message>
        <source>VirtualService %1/%2 changed in the cluster since it was read: refresh and try again.</source>
        <translation>VirtualService %1/%2 在读取后已在集群中发生变化：请刷新后重试。</translation>
    </message>
    <message>
        <source>The weights do not fit route %1.</source>
        <translation>权重与路由 %1 不匹配。</translation>
    </message>
    <message>
        <source>VirtualService %1/%2 is not in the cluster: it will be created.</source>
        <translation>VirtualService %1/%2 不在集群中：将会创建它。</translation>
    </message>
</context>
<context>
    <name>WeightsEditor</name>
    <message>
        <source>Distribute evenly</source>
        <translation>平均分配</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the weights configured now</source>
        <translation>恢复为当前已配置的权重</translation>
    </message>
    <message>
        <source>Select a route.</source>
        <translation>请选择一条路由。</translation>
    </message>
    <message>
        <source>VirtualService %1/%2, %3 route %4%5</source>
        <translation>VirtualService %1/%2，%3 路由 %4%5</translation>
    </message>
    <message>
        <source>VMs of group %1</source>
        <translation>组 %1 的虚拟机</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Not known from the plan</source>
        <translation>计划中未知</translation>
    </message>
    <message>
        <source>Weight of %1</source>
        <translation>%1 的权重</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Keep this weight while the others move</source>
        <translation>其他权重调整时保持此权重不变</translation>
    </message>
    <message>
        <source>Total %1%</source>
        <translation>合计 %1%</translation>
    </message>
    <message>
        <source>now %1%, planned %2%</source>
        <translation>当前 %1%，计划 %2%</translation>
    </message>
    <message>
        <source>now %1%</source>
        <translation>当前 %1%</translation>
    </message>
    <message>
        <source>planned %1%</source>
        <translation>计划 %1%</translation>
    </message>
    <message>
        <source>%1, observed: unknown</source>
        <translation>%1，实测：未知</translation>
    </message>
    <message>
        <source>No traffic through this route in the graph&apos;s window, or no graph yet.</source>
        <translation>图表时间窗口内没有流量经过此路由，或尚无图表。</translation>
    </message>
    <message>
        <source>%1, observed %2% (drift)</source>
        <translation>%1，实测 %2%（偏离）</translation>
    </message>
    <message>
        <source>More than %1 percentage points from the configured weight</source>
        <translation>与已配置权重相差超过 %1 个百分点</translation>
    </message>
    <message>
        <source>%1, observed %2%</source>
        <translation>%1，实测 %2%</translation>
    </message>
</context>
<context>
    <name>WeightsPage</name>
    <message>
        <source>plan only</source>
        <translation>仅计划</translation>
    </message>
    <message>
        <source>cluster only</source>
        <translation>仅集群</translation>
    </message>
    <message>
        <source>plan and cluster differ</source>
        <translation>计划与集群不一致</translation>
    </message>
    <message>
        <source>plan and cluster</source>
        <translation>计划与集群</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Save to plan</source>
        <translation>保存到计划</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>应用…</translation>
    </message>
    <message>
        <source>Show what changes in the cluster, then apply it server-side</source>
        <translation>显示集群中将发生的变更，然后以服务器端方式应用</translation>
    </message>
    <message>
        <source>Saved the weights to %1.</source>
        <translation>已将权重保存到 %1。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>The plan&apos;s weights or destinations are not the cluster&apos;s.</source>
        <translation>计划中的权重或目标与集群中的不一致。</translation>
    </message>
    <message>
        <source>Comparing with the cluster…</source>
        <translation>正在与集群比较…</translation>
    </message>
    <message>
        <source>Apply weights</source>
        <translation>应用权重</translation>
    </message>
    <message>
        <source>The cluster already has these weights. Apply anyway?</source>
        <translation>集群中已是这些权重。仍要应用吗？</translation>
    </message>
    <message>
        <source>Applying changes VirtualService %1/%2 in the cluster:</source>
        <translation>应用将更改集群中的 VirtualService %1/%2：</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>已应用：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not connected to a cluster</source>
        <translation>未连接到集群</translation>
    </message>
    <message>
        <source>Select a route</source>
        <translation>请选择一条路由</translation>
    </message>
    <message>
        <source>No plan file to save to</source>
        <translation>没有可保存到的计划文件</translation>
    </message>
    <message>
        <source>Write these weights into the plan&apos;s traffic split and save the plan</source>
        <translation>将这些权重写入计划的流量拆分并保存计划</translation>
    </message>
</context>
<context>
    <name>WeightsServiceImpl</name>
    <message>
        <source>VirtualServices in %1: %2</source>
        <translation>%1 中的 VirtualService：%2</translation>
    </message>
</context>
</TS>
