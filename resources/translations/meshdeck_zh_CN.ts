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
        <source>Namespaces, separated by commas; empty = the plan's namespaces</source>
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
        <translation><numerusform>找到 %n 个</numerusform></translation>
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
        <translation><numerusform>%n 个警告</numerusform></translation>
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
        <source>share of caller's traffic: %1%</source>
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
    <name>LiveGraphs</name>
    <message>
        <source>No traffic graph: %1.</source>
        <translation>没有流量图：%1。</translation>
    </message>
    <message>
        <source>No traffic graph for this plan: %1</source>
        <translation>此计划没有流量图：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>the plan has errors (see Problems)</source>
        <translation>计划有错误（见“问题”）</translation>
    </message>
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
        <source>&amp;Expand All</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse All</source>
        <translation>全部折叠(&amp;C)</translation>
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
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
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
</TS>