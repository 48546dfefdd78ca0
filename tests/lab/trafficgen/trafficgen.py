#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""meshdeck lab traffic generator -- a TEST TOOL, not a mesh component.

It stands in for the Envoy sidecars of the lab's workloads, which never run (the lab has no
kubelet): it serves Istio's standard metrics (istio_requests_total, istio_request_duration_
milliseconds, istio_tcp_sent/received_bytes_total) with their full label set in Prometheus' text
format on 127.0.0.1, for the book's chapter-10 scenario: workload `caller` in chapter10 calls
service envoydummy.chapter10.svc.cluster.local, which a VirtualService splits between the pod
workload envoydummy-v1 (chapter10) and the VM workload envoydummy (chapter10vm).

It follows the lab cluster the way the real mesh would: every few seconds it reads the
VirtualServices and WorkloadEntries (through the lab's kubectl), routes the configured total rate
by the route's weights, and gives the VM no traffic while it is unhealthy (no WorkloadEntry, or
Healthy=False), moving its share to the healthy destinations as Envoy's outlier handling would.
Both reporters get the same counts (source- and destination-reported series agree, as with a
sidecar on both ends). Its current truth, the rate per edge, is written to a JSON file for tests.

Python 3 standard library only. docs/lab.md "Prometheus and the traffic generator".
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Istio's default request-duration buckets (ms), as in its stats filter.
BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
           300000, 600000, 1800000, 3600000]

SOURCE = {"workload": "caller", "namespace": "chapter10", "app": "caller", "version": "v1",
          "principal": "spiffe://cluster.local/ns/chapter10/sa/caller"}
# The destinations behind the split, keyed by the host a VirtualService route names.
DESTINATIONS = [
    {"host": "envoydummy.chapter10.svc.cluster.local", "kind": "pod", "workload": "envoydummy-v1",
     "namespace": "chapter10", "app": "envoydummy", "version": "v1", "latencyMs": 8.0,
     "errorFraction": 0.02, "principal": "spiffe://cluster.local/ns/chapter10/sa/envoydummy"},
    {"host": "envoydummy.chapter10vm.svc.cluster.local", "kind": "vm", "workload": "envoydummy",
     "namespace": "chapter10vm", "app": "envoydummy", "version": "v1", "latencyMs": 20.0,
     "errorFraction": 0.05, "principal": "spiffe://cluster.local/ns/chapter10vm/sa/envoydummy"},
]
SERVICE_HOST = "envoydummy.chapter10.svc.cluster.local"
SERVICE_NAMESPACE = "chapter10"
CLUSTER = "cluster1"
BYTES_PER_REQUEST = 512   # request bytes; responses are twice that


def short_host(host, namespace):
    """A VirtualService host as written ("envoydummy") to its FQDN, as Istio resolves it."""
    return host if "." in host else "%s.%s.svc.cluster.local" % (host, namespace)


class Cluster:
    """What the generator reads from the lab: the split's weights and the VM's health."""

    def __init__(self, kubectl, kubeconfig):
        self.kubectl = kubectl
        self.kubeconfig = kubeconfig
        self.error = ""

    def read(self):
        """Returns (weights by destination host or None, vm_healthy) or None when unreadable."""
        try:
            out = subprocess.run(
                [self.kubectl, "--kubeconfig", self.kubeconfig, "--context", "admin", "--request-timeout=5s",
                 "get", "virtualservices.networking.istio.io,workloadentries.networking.istio.io",
                 "-A", "-o", "json"], capture_output=True, timeout=15, check=True).stdout
            items = json.loads(out).get("items", [])
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            self.error = str(e)
            return None
        self.error = ""
        return self.weights(items), self.vm_healthy(items)

    @staticmethod
    def weights(items):
        # The VirtualService for the service's host in its namespace; its first http route.
        for vs in items:
            if vs.get("kind") != "VirtualService":
                continue
            ns = vs["metadata"].get("namespace", "")
            hosts = [short_host(h, ns) for h in vs.get("spec", {}).get("hosts", [])]
            if ns != SERVICE_NAMESPACE or SERVICE_HOST not in hosts:
                continue
            for route in vs["spec"].get("http", []):
                dests = route.get("route", [])
                if not dests:
                    continue
                w = {}
                for d in dests:
                    host = short_host(d.get("destination", {}).get("host", ""), ns)
                    # Istio: a lone destination without weight gets 100.
                    w[host] = w.get(host, 0) + int(d.get("weight", 100 if len(dests) == 1 else 0))
                return w
        return None

    @staticmethod
    def vm_healthy(items):
        """The VM workload is healthy when one of its WorkloadEntries is: Healthy=True, or no
        health checks and no Healthy=False (Kiali's and istiod's reading)."""
        vm = next(d for d in DESTINATIONS if d["kind"] == "vm")
        for we in items:
            if we.get("kind") != "WorkloadEntry" or we["metadata"].get("namespace") != vm["namespace"]:
                continue
            if we.get("spec", {}).get("labels", {}).get("app") != vm["app"]:
                continue
            checks = we["metadata"].get("annotations", {}).get("proxy.istio.io/health-checks-enabled") == "true"
            cond = next((c for c in we.get("status", {}).get("conditions", []) if c.get("type") == "Healthy"), None)
            status = cond.get("status") if cond else None
            if status == "True" or (not checks and status != "False"):
                return True
        return False


class Traffic:
    """Counters advanced continuously at the current rates; read by /metrics."""

    def __init__(self, total_rate):
        self.total_rate = total_rate
        self.lock = threading.Lock()
        self.shares = {}          # destination host -> share of total
        self.weights = None
        self.vm_healthy = False
        self.changed_at = time.time()
        self.generation = 0
        # per (destination host, code): request count; per host: bucket counts, sum, bytes
        self.requests = {}
        self.buckets = {}
        self.duration_sum = {}
        self.bytes = {}
        self.last = time.monotonic()
        self.set_state(None, False)

    def set_state(self, weights, vm_healthy):
        """Routes by weights (None: no VirtualService, the Service balances evenly) over the
        healthy destinations; an unhealthy destination's share goes to the healthy ones."""
        healthy = {d["host"]: d["kind"] != "vm" or vm_healthy for d in DESTINATIONS}
        w = weights if weights is not None else {d["host"]: 1 for d in DESTINATIONS}
        live = {h: v for h, v in w.items() if healthy.get(h) and v > 0}
        total = sum(live.values())
        shares = {h: (live.get(h, 0) / total if total else 0.0) for h in healthy}
        with self.lock:
            self.advance_locked()
            if shares != self.shares or weights != self.weights or vm_healthy != self.vm_healthy:
                self.shares, self.weights, self.vm_healthy = shares, weights, vm_healthy
                self.changed_at = time.time()
                self.generation += 1
                return True
        return False

    def advance_locked(self):
        now = time.monotonic()
        dt, self.last = now - self.last, now
        for d in DESTINATIONS:
            n = self.total_rate * self.shares.get(d["host"], 0.0) * dt
            if n <= 0:
                continue
            h = d["host"]
            err = n * d["errorFraction"]
            self.requests[(h, "200")] = self.requests.get((h, "200"), 0.0) + n - err
            self.requests[(h, "503")] = self.requests.get((h, "503"), 0.0) + err
            # A fixed latency distribution around latencyMs: 20% at half, 60% at it, 20% at 4x.
            b = self.buckets.setdefault(h, [0.0] * len(BUCKETS))
            for frac, ms in ((0.2, d["latencyMs"] / 2), (0.6, d["latencyMs"]), (0.2, d["latencyMs"] * 4)):
                for i, le in enumerate(BUCKETS):
                    if ms <= le:
                        b[i] += n * frac
                self.duration_sum[h] = self.duration_sum.get(h, 0.0) + n * frac * ms
            self.bytes[h] = self.bytes.get(h, 0.0) + n * BYTES_PER_REQUEST

    def truth(self):
        with self.lock:
            edges = []
            for d in DESTINATIONS:
                rate = self.total_rate * self.shares.get(d["host"], 0.0)
                edges.append({
                    "sourceWorkload": SOURCE["workload"], "sourceNamespace": SOURCE["namespace"],
                    "destinationService": d["host"], "destinationWorkload": d["workload"],
                    "destinationNamespace": d["namespace"], "kind": d["kind"],
                    "share": self.shares.get(d["host"], 0.0), "rate": rate,
                    "errorRate": rate * d["errorFraction"], "errorFraction": d["errorFraction"],
                    "weight": (self.weights or {}).get(d["host"]),
                })
            return {"tool": "meshdeck lab traffic generator (test tool)", "totalRate": self.total_rate,
                    "generation": self.generation, "changedAt": self.changed_at,
                    "virtualService": self.weights is not None, "vmHealthy": self.vm_healthy, "edges": edges}

    def metrics(self):
        with self.lock:
            self.advance_locked()
            return render(self)


def labels(d, reporter, protocol=True):
    lab = {
        "reporter": reporter, "source_workload": SOURCE["workload"],
        "source_workload_namespace": SOURCE["namespace"], "source_app": SOURCE["app"],
        "source_version": SOURCE["version"], "source_canonical_service": SOURCE["app"],
        "source_canonical_revision": SOURCE["version"], "source_cluster": CLUSTER,
        "source_principal": SOURCE["principal"],
        "destination_workload": d["workload"], "destination_workload_namespace": d["namespace"],
        "destination_service": d["host"], "destination_service_name": d["host"].split(".")[0],
        "destination_service_namespace": d["host"].split(".")[1], "destination_app": d["app"],
        "destination_version": d["version"], "destination_canonical_service": d["app"],
        "destination_canonical_revision": d["version"], "destination_cluster": CLUSTER,
        "destination_principal": d["principal"],
        "connection_security_policy": "mutual_tls" if reporter == "destination" else "unknown",
        "response_flags": "-",
    }
    if protocol:
        lab["request_protocol"] = "http"
        lab["grpc_response_status"] = ""
    return lab


def fmt(name, lab, value):
    body = ",".join('%s="%s"' % (k, v.replace("\\", "\\\\").replace('"', '\\"')) for k, v in lab.items())
    return "%s{%s} %s\n" % (name, body, repr(float(value)) if not isinstance(value, int) else value)


def render(t):
    out = []
    test_tool = " Generated by meshdeck's lab traffic generator, a TEST TOOL (no real traffic)."
    out.append("# HELP istio_requests_total Total requests." + test_tool + "\n# TYPE istio_requests_total counter\n")
    for d in DESTINATIONS:
        for code in ("200", "503"):
            n = t.requests.get((d["host"], code))
            if n is None:
                continue
            for reporter in ("source", "destination"):
                lab = labels(d, reporter)
                lab["response_code"] = code
                lab["response_flags"] = "-" if code == "200" else "URX"
                out.append(fmt("istio_requests_total", lab, int(n)))
    name = "istio_request_duration_milliseconds"
    out.append("# HELP %s Request duration in milliseconds.%s\n# TYPE %s histogram\n" % (name, test_tool, name))
    for d in DESTINATIONS:
        b = t.buckets.get(d["host"])
        if b is None:
            continue
        count = sum(v for (h, _), v in t.requests.items() if h == d["host"])
        for reporter in ("source", "destination"):
            base = labels(d, reporter)
            base["response_code"] = "200"
            for le, v in zip(BUCKETS, b):
                out.append(fmt(name + "_bucket", dict(base, le=repr(float(le))), int(v)))
            out.append(fmt(name + "_bucket", dict(base, le="+Inf"), int(count)))
            out.append(fmt(name + "_sum", base, t.duration_sum.get(d["host"], 0.0)))
            out.append(fmt(name + "_count", base, int(count)))
    for metric, factor, what in (("istio_tcp_sent_bytes_total", 2, "sent"), ("istio_tcp_received_bytes_total", 1, "received")):
        out.append("# HELP %s Bytes %s during TCP connections.%s\n# TYPE %s counter\n" % (metric, what, test_tool, metric))
        for d in DESTINATIONS:
            n = t.bytes.get(d["host"])
            if n is None:
                continue
            for reporter in ("source", "destination"):
                out.append(fmt(metric, labels(d, reporter, protocol=False), int(n * factor)))
    out.append("# HELP meshdeck_trafficgen_info The meshdeck lab traffic generator, a TEST TOOL.\n"
               "# TYPE meshdeck_trafficgen_info gauge\n")
    out.append('meshdeck_trafficgen_info{tool="test",generation="%d"} 1\n' % t.generation)
    return "".join(out)


def write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description="meshdeck lab traffic generator (a test tool)")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--rate", type=float, default=10.0, help="total requests per second")
    p.add_argument("--kubectl", required=True)
    p.add_argument("--kubeconfig", required=True)
    p.add_argument("--truth", required=True, help="JSON file with the current rates per edge")
    p.add_argument("--poll", type=float, default=2.0, help="seconds between cluster reads")
    a = p.parse_args()

    traffic = Traffic(a.rate)
    cluster = Cluster(a.kubectl, a.kubeconfig)
    write_json(a.truth, traffic.truth())

    def follow():
        while True:
            state = cluster.read()
            if state is not None:
                traffic.set_state(*state)
            t = traffic.truth()
            t["clusterError"] = cluster.error
            t["readAt"] = time.time()
            write_json(a.truth, t)
            time.sleep(a.poll)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] == "/metrics":
                body, ctype = traffic.metrics().encode(), "text/plain; version=0.0.4; charset=utf-8"
            elif self.path == "/truth":
                body, ctype = json.dumps(traffic.truth()).encode(), "application/json"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    threading.Thread(target=follow, daemon=True).start()
    print("meshdeck lab traffic generator (test tool) on http://127.0.0.1:%d/metrics" % a.port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
