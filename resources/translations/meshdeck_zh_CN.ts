<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
</TS>
