#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# meshdeck lab TEST STAND-IN for Istio's istio-start.sh (what istio.service runs). It follows the
# real script's contract, which is what the onboarding has to satisfy: from /, read
# ./var/lib/istio/envoy/sidecar.env then ./var/lib/istio/envoy/cluster.env when readable, fill in
# the same defaults, run the iptables step unless ISTIO_CUSTOM_IP_TABLES=true (the stand-in agent
# installs no rules), then run `pilot-agent proxy` as istio-proxy with stdout in
# /var/log/istio/istio.log and stderr in /var/log/istio/istio.err.log. `istio-start.sh clean` is
# the ExecStopPost cleanup.
set -e
cd /

if [ "${1:-}" = clean ]; then
    exec /usr/local/bin/pilot-agent istio-iptables --cleanup-only
fi

set -a
[ ! -r ./var/lib/istio/envoy/sidecar.env ] || . ./var/lib/istio/envoy/sidecar.env
[ ! -r ./var/lib/istio/envoy/cluster.env ] || . ./var/lib/istio/envoy/cluster.env
[ -n "${ISTIO_SVC_IP:-}" ] || ISTIO_SVC_IP=$(hostname --all-ip-addresses | cut -d' ' -f1)
[ -n "${POD_NAME:-}" ] || POD_NAME=$(hostname -s)
[ -n "${CA_ADDR:-}" ] || CA_ADDR=${PILOT_ADDRESS:-istiod.istio-system.svc:15012}
PROV_CERT=${PROV_CERT:-./etc/certs}
OUTPUT_CERTS=${OUTPUT_CERTS:-./etc/certs}
INSTANCE_IP=$ISTIO_SVC_IP
set +a

ISTIO_LOG_DIR=${ISTIO_LOG_DIR:-/var/log/istio}
if [ "${ISTIO_CUSTOM_IP_TABLES:-}" != true ]; then
    /usr/local/bin/pilot-agent istio-iptables --cleanup-only >/dev/null
    /usr/local/bin/pilot-agent istio-iptables
fi

# shellcheck disable=SC2016 # expanded by the inner shell, as istio-proxy
exec sudo -E -u "${ISTIO_USER:-istio-proxy}" /bin/sh -c \
    'exec /usr/local/bin/pilot-agent proxy ${ISTIO_AGENT_FLAGS:-} 2>"$0/istio.err.log" >"$0/istio.log"' \
    "$ISTIO_LOG_DIR"
