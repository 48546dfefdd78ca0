// SPDX-License-Identifier: Apache-2.0
// Lays out a graph written by meshdeck-bench-graph (--json-dir) with dagre, the layout engine
// behind Kiali's default graph view (cytoscape-dagre), and prints the figures as one JSON line.
//
//   node dagre-bench.js --graph graph-2000.json --modules <dir with node_modules/dagre>
//                       [--runs 3] [--cap 600]
//
// Every run is a fresh child process: a run that takes longer than --cap seconds is killed and
// reported as skipped instead of hanging the benchmark, and each run's memory is its own.
// Crossings are counted the way countCrossings() counts ours: ranks are the distinct x of the
// nodes (rankdir LR); an edge is its source, its bends that lie on a rank, and its target; the
// segments between two adjacent ranks are sorted by their left end and inversions of their right
// end counted. dagre also puts a bend half-way between ranks (it doubles every edge's minlen to
// make room for edge labels); those are left out, as our layout has no such bends.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function parseArgs(argv) {
    const args = { runs: 0, cap: 600, child: false };
    for (let i = 2; i < argv.length; ++i) {
        const a = argv[i];
        if (a === '--child') args.child = true;
        else if (a === '--graph') args.graph = argv[++i];
        else if (a === '--modules') args.modules = argv[++i];
        else if (a === '--runs') args.runs = Number(argv[++i]);
        else if (a === '--cap') args.cap = Number(argv[++i]);
        else throw new Error(`unknown argument ${a}`);
    }
    if (!args.graph || !args.modules) throw new Error('--graph and --modules are required');
    return args;
}

// Kilobytes from /proc/self/status; 0 where there is no /proc.
function statusKb(key) {
    try {
        const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(key + ':'));
        return line ? Number(line.split(/\s+/)[1]) : 0;
    } catch (e) {
        return 0;
    }
}

// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
function resetPeak() {
    try {
        fs.writeFileSync('/proc/self/clear_refs', '5');
        return true;
    } catch (e) {
        return false;
    }
}

function mergeCount(v, tmp, lo, hi) {
    if (hi - lo < 2) return 0;
    const mid = (lo + hi) >> 1;
    let count = mergeCount(v, tmp, lo, mid) + mergeCount(v, tmp, mid, hi);
    let i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (v[j] < v[i]) {
            count += mid - i;
            tmp[k++] = v[j++];
        } else {
            tmp[k++] = v[i++];
        }
    }
    while (i < mid) tmp[k++] = v[i++];
    while (j < hi) tmp[k++] = v[j++];
    for (let m = lo; m < hi; ++m) v[m] = tmp[m];
    return count;
}

function countCrossings(g) {
    const key = (x) => Math.round(x * 1000);
    const rankX = new Set();
    for (const v of g.nodes()) rankX.add(key(g.node(v).x));
    const gaps = new Map(); // left x -> [[yLeft, yRight]]
    for (const e of g.edges()) {
        const label = g.edge(e);
        const s = g.node(e.v);
        const t = g.node(e.w);
        const chain = [{ x: s.x, y: s.y }];
        for (const p of label.points.slice(1, -1)) {
            if (rankX.has(key(p.x))) chain.push(p);
        }
        chain.push({ x: t.x, y: t.y });
        for (let k = 0; k + 1 < chain.length; ++k) {
            let a = chain[k], b = chain[k + 1];
            if (a.x > b.x) [a, b] = [b, a];
            const left = key(a.x);
            if (!gaps.has(left)) gaps.set(left, []);
            gaps.get(left).push([a.y, b.y]);
        }
    }
    let total = 0;
    for (const segments of gaps.values()) {
        segments.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
        const right = segments.map((s) => s[1]);
        total += mergeCount(right, new Array(right.length), 0, right.length);
    }
    return { crossings: total, ranks: rankX.size };
}

function child(args) {
    const dagre = require(path.join(args.modules, 'node_modules', 'dagre'));
    const data = JSON.parse(fs.readFileSync(args.graph, 'utf8'));
    const o = data.options;
    const rssBefore = statusKb('VmRSS');
    const peakReset = resetPeak();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    // As cytoscape-dagre builds it: a multigraph, one dagre node per graph node.
    const g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: o.rankdir, nodesep: o.nodesep, edgesep: o.edgesep, ranksep: o.ranksep });
    g.setDefaultEdgeLabel(() => ({}));
    data.nodes.forEach((id, i) => g.setNode(String(i), { width: o.width, height: o.height }));
    data.edges.forEach(([s, t], i) => g.setEdge(String(s), String(t), {}, 'e' + i));
    const t1 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    dagre.layout(g);
    const cpu = process.cpuUsage(cpu0); // all of node's threads (the garbage collector's too)
    const t2 = process.hrtime.bigint();
    const peakKb = statusKb('VmHWM');
    const heapAfter = process.memoryUsage().heapUsed;
    const quality = countCrossings(g);
    process.stdout.write(JSON.stringify({
        nodes: data.nodes.length,
        edges: data.edges.length,
        buildMs: Number(t1 - t0) / 1e6,
        layoutMs: Number(t2 - t1) / 1e6,
        layoutCpuMs: (cpu.user + cpu.system) / 1000,
        peakMb: peakReset ? (peakKb - rssBefore) / 1024 : null,
        heapMb: (heapAfter - heapBefore) / 1048576,
        crossings: quality.crossings,
        ranks: quality.ranks,
    }) + '\n');
}

function median(values) {
    const v = [...values].sort((a, b) => a - b);
    if (v.length === 0) return null;
    const mid = v.length >> 1;
    return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function main(args) {
    const data = JSON.parse(fs.readFileSync(args.graph, 'utf8'));
    const size = data.nodes.length;
    const runs = args.runs > 0 ? args.runs : size < 5000 ? 5 : 1;
    const results = [];
    let skipped = false;
    const begun = Date.now();
    for (let r = 0; r < runs; ++r) {
        if (r > 0 && Date.now() - begun > 60000) break; // slow: one or two runs say enough
        const started = Date.now();
        const run = spawnSync(process.execPath,
            [__filename, '--child', '--graph', args.graph, '--modules', args.modules],
            { encoding: 'utf8', timeout: args.cap * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 20 });
        if (run.error || run.signal || run.status !== 0) {
            const timedOut = run.signal === 'SIGKILL' || (run.error && run.error.code === 'ETIMEDOUT');
            if (timedOut) {
                process.stderr.write(`dagre ${size} nodes: skipped (> ${args.cap} s cap)\n`);
                skipped = true;
                break;
            }
            process.stderr.write(`dagre ${size} nodes: run failed: ${run.error || run.stderr}\n`);
            process.exit(1);
        }
        results.push(JSON.parse(run.stdout));
        process.stderr.write(`dagre ${size} nodes: run ${r + 1}/${runs} layout ${results[r].layoutMs.toFixed(1)} ms`
            + ` (${((Date.now() - started) / 1000).toFixed(1)} s with node start)\n`);
    }
    const out = {
        size,
        dagreVersion: require(path.join(args.modules, 'node_modules', 'dagre', 'package.json')).version,
        nodeVersion: process.version,
        runs: results.length,
        skipped,
        cap: args.cap,
    };
    if (results.length > 0) {
        out.layoutMs = median(results.map((r) => r.layoutMs));
        out.layoutMinMs = Math.min(...results.map((r) => r.layoutMs));
        out.layoutCpuMs = median(results.map((r) => r.layoutCpuMs));
        out.buildMs = median(results.map((r) => r.buildMs));
        out.peakMb = results[0].peakMb;
        out.heapMb = results[0].heapMb;
        out.crossings = results[0].crossings;
        out.ranks = results[0].ranks;
    }
    process.stdout.write(JSON.stringify(out) + '\n');
}

const args = parseArgs(process.argv);
if (args.child) child(args);
else main(args);
