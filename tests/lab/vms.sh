# shellcheck shell=bash
# SPDX-License-Identifier: Apache-2.0
# The VM half of tests/lab/lab (sourced by it; docs/lab.md, "The VM lab"): Debian bookworm VMs,
# each a systemd-nspawn container booting real systemd in its own network namespace, reached over
# its real sshd on a lab bridge in 198.18.0.0/15 (the benchmarking range: reserved, never real):
#
#   host  mdlab0  198.18.0.1/24 (+ 198.18.0.2, the address `lab lb-ip` gives the east-west gateway)
#   vmN   netns mdvmN, eth0 198.18.0.(10+N)/24, host end mdvhN on mdlab0
#   bastion  netns mdvm-bastion, eth0 198.18.0.9/24 on mdlab0, eth1 198.19.0.1/24 to inner
#   inner    netns mdvm-inner, eth0 198.19.0.10/24: only the bastion reaches it (the host has an
#            `unreachable 198.18.0.0/15` route, so nothing of that range ever leaves the machine)
#
# That is VM network 0. MESHDECK_LAB_VM_NET=K (1-99) gives a build directory its own, so two labs
# can run VMs side by side: bridge mdlabK, 198.18.K.0/24 and 198.19.K.0/24, namespaces mdvmK-NAME,
# host ends mdvhK-N.
#
# Every VM has users root and meshdeck (lab key, passwordless sudo) and sudopw (lab key or the
# lab's password; sudo asks for that password). The rootfs is built once by debootstrap and
# cached by a hash of its recipe; each VM gets an overlay on it (or a copy where overlayfs fails).

vm_cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/meshdeck
vms=$state/vms
vm_k=${MESHDECK_LAB_VM_NET:-0}
[[ $vm_k =~ ^([0-9]|[1-9][0-9])$ ]] || { echo "lab: MESHDECK_LAB_VM_NET must be 0-99, not '$vm_k'" >&2; exit 2; }
vm_bridge=mdlab$vm_k
vm_net=198.18.$vm_k
vm_host_ip=$vm_net.1
vm_gateway_ip=$vm_net.2
vm_bastion_ip=$vm_net.9
vm_inner_net=198.19.$vm_k
vm_range=198.18.0.0/15
vm_max=200
vm_owner_dir=/run/meshdeck-lab
debian_suite=bookworm
# python3 and python3-apt: what Ansible needs on a managed host (the benchmark runs a playbook);
# openssl: the istio-sidecar stand-in checks the root cert with it; curl: the VM side of
# "fetch the package from a URL" and of the istio.io health check.
rootfs_include=openssh-server,sudo,iproute2,systemd-sysv,dbus,openssl,curl,python3,python3-apt,iptables,procps

vm_now() { date +%s%N; }
vm_secs() { # START-NS [END-NS]: elapsed seconds with one decimal
    local d=$((${2:-$(vm_now)} - $1))
    printf '%d.%d\n' $((d / 1000000000)) $((d / 100000000 % 10))
}

vm_addr() {
    case $1 in
        bastion) echo "$vm_bastion_ip" ;;
        inner) echo "$vm_inner_net.10" ;;
        vm*) echo "$vm_net.$((10 + ${1#vm}))" ;;
    esac
}
vm_netns() {
    if [ "$vm_k" = 0 ]; then
        case $1 in vm*) echo "mdvm${1#vm}" ;; *) echo "mdvm-$1" ;; esac
    else
        echo "mdvm$vm_k-$1"
    fi
}
vm_hostif() { # at most 15 characters
    if [ "$vm_k" = 0 ]; then
        case $1 in vm*) echo "mdvh${1#vm}" ;; *) echo "mdvh-$1" ;; esac
    else
        case $1 in vm*) echo "mdvh$vm_k-${1#vm}" ;; *) echo "mdvh$vm_k-${1:0:1}" ;; esac
    fi
}
vm_netns_ours() { # the namespaces of this VM network, as a regular expression
    if [ "$vm_k" = 0 ]; then echo '^mdvm([0-9]+|-bastion|-inner)$'; else echo "^mdvm$vm_k-"; fi
}
vm_names() { [ ! -f "$vms/names" ] || cat "$vms/names"; }

# Why VMs cannot run on this machine (empty when they can).
vm_problem() {
    [ "$(id -u)" = 0 ] || { echo "the VM lab needs root (network namespaces, systemd-nspawn, debootstrap)"; return; }
    local c
    for c in debootstrap systemd-nspawn ip ssh ssh-keygen dpkg-deb openssl flock setsid chroot; do
        command -v "$c" >/dev/null 2>&1 || { echo "$c is not installed (scripts/install-deps --test)"; return; }
    done
    if ! ip link show "$vm_bridge" >/dev/null 2>&1; then
        ip link add mdlab-probe type bridge 2>/dev/null && ip link del mdlab-probe 2>/dev/null ||
            { echo "cannot create a network bridge here (ip link add type bridge failed)"; return; }
    fi
    ip netns add mdvm-probe 2>/dev/null && ip netns del mdvm-probe 2>/dev/null ||
        { echo "cannot create network namespaces here (ip netns add failed)"; return; }
    grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
}

# Unmounts whatever is mounted under DIR, then removes it without crossing into other filesystems.
vm_rmtree() {
    local dir=$1 m
    [ -e "$dir" ] || return 0
    for m in $(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
    rm -rf --one-file-system "$dir"
}

# ---------------------------------------------------------------------------------------------
# Cached artifacts: the rootfs and the istio-sidecar package.

# shellcheck source=debian-mirror.sh
. "$here/debian-mirror.sh"

rootfs_recipe() {
    printf 'debootstrap --variant=minbase --include=%s %s\n' "$rootfs_include" "$debian_suite"
    cat "$here/vm/rootfs-setup"
}

# Sets rootfs (the cached root directory), building it on a miss: into a temporary directory that
# is renamed when complete, so a failed or interrupted build leaves nothing behind.
rootfs_ensure() {
    local hash dir tmp start mirror
    hash=$(rootfs_recipe | sha256sum | cut -c1-16)
    dir=$vm_cache_root/rootfs/$hash
    rootfs=$dir/root rootfs_hash=$hash
    [ -d "$rootfs" ] && return 0
    mkdir -p "$vm_cache_root/rootfs"
    exec 5>"$vm_cache_root/rootfs/.lock"
    flock 5
    if [ ! -d "$rootfs" ]; then
        mirror=$(debian_mirror) || die "no Debian mirror in the apt sources: set MESHDECK_LAB_DEBIAN_MIRROR"
        tmp=$(mktemp -d "$vm_cache_root/rootfs/.build-$hash.XXXXXX")
        log "building the VM rootfs $hash: debootstrap $debian_suite from $mirror (about a minute; cached in $dir)"
        start=$(vm_now)
        if ! debootstrap --variant=minbase --include="$rootfs_include" "$debian_suite" "$tmp/root" "$mirror" \
            >"$tmp/debootstrap.log" 2>&1; then
            tail -n 15 "$tmp/debootstrap.log" >&2
            local network=
            grep -qiE "couldn't download|failed getting release|temporary failure|could not resolve|connection (refused|timed out)" \
                "$tmp/debootstrap.log" && network=1
            vm_rmtree "$tmp"
            [ -z "$network" ] || skip "debootstrap cannot download $debian_suite from $mirror (set MESHDECK_LAB_DEBIAN_MIRROR)"
            die "debootstrap failed (log above)"
        fi
        if ! chroot "$tmp/root" /bin/sh -s <"$here/vm/rootfs-setup" >"$tmp/setup.log" 2>&1; then
            cat "$tmp/setup.log" >&2
            vm_rmtree "$tmp"
            die "tests/lab/vm/rootfs-setup failed in the new rootfs (log above)"
        fi
        rootfs_recipe >"$tmp/recipe"
        vm_secs "$start" >"$tmp/build-seconds"
        log "built the VM rootfs in $(cat "$tmp/build-seconds") s ($(du -sm "$tmp/root" | cut -f1) MB)"
        mv -T "$tmp" "$dir" 2>/dev/null || vm_rmtree "$tmp"
    fi
    exec 5>&-
}

# Sets sidecar_deb and standin_deb, each cached by a hash of its inputs:
# - sidecar_deb: the REAL istio-sidecar (tests/lab/vm/build-istio-deb): pilot-agent built from the
#   pinned Istio module, upstream Envoy, Istio's own packaging files;
# - standin_deb: the same package name with the TEST STAND-IN agent (tests/lab/vm/build-deb), kept
#   for what the real agent cannot check (the Istio 1.5-era flow, files judged before any istiod).
deb_ensure() {
    local hash dir tmp moddir
    ensure pilot-agent
    ensure_envoy
    hash=$( (echo "$ISTIO_MODULE_VERSION $ENVOY_VERSION $(dpkg --print-architecture)"; cat "$here/vm/build-istio-deb") |
        sha256sum | cut -c1-16)
    dir=$vm_cache_root/deb/istio-$hash
    sidecar_deb=$dir/istio-sidecar.deb
    if [ ! -f "$sidecar_deb" ]; then
        mkdir -p "$vm_cache_root/deb"
        moddir=$(istio_moddir)
        tmp=$(mktemp -d "$vm_cache_root/deb/.build-$hash.XXXXXX")
        "$here/vm/build-istio-deb" "$ISTIO_VERSION" "$moddir" "$bin_pilot_agent" "$bin_envoy" "$tmp/istio-sidecar.deb" ||
            { rm -rf "$tmp"; die "building the istio-sidecar package failed"; }
        (cd "$tmp" && sha256sum istio-sidecar.deb >istio-sidecar.deb.sha256)
        mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
        log "built istio-sidecar $ISTIO_VERSION (pilot-agent, Envoy $ENVOY_VERSION) into $dir"
    fi
    hash=$( (echo "$ISTIO_VERSION $(dpkg --print-architecture)"; cd "$here/vm" && cat build-deb istio-sidecar/*) |
        sha256sum | cut -c1-16)
    dir=$vm_cache_root/deb/standin-$hash
    standin_deb=$dir/istio-sidecar-standin.deb
    [ -f "$standin_deb" ] && return 0
    mkdir -p "$vm_cache_root/deb"
    tmp=$(mktemp -d "$vm_cache_root/deb/.build-$hash.XXXXXX")
    "$here/vm/build-deb" "$ISTIO_VERSION" "$tmp/istio-sidecar-standin.deb" || { rm -rf "$tmp"; die "building the stand-in istio-sidecar package failed"; }
    (cd "$tmp" && sha256sum istio-sidecar-standin.deb >istio-sidecar-standin.deb.sha256)
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
    log "built istio-sidecar $ISTIO_VERSION (lab stand-in) into $dir"
}

# The east-west gateway's passthrough of istiod's 15012, the way VMs reach istiod: no gateway pod
# runs here, so a STAND-IN for the gateway (upstream Envoy with a static TCP proxy, the same data
# path as the gateway's TLS passthrough) listens on the gateway address of the lab bridge and
# forwards to istiod on 127.0.0.1.
passthrough_up() {
    local cfg=$vms/eastwest-passthrough.yaml i
    cat >"$cfg" <<ENVOYCFG
# meshdeck lab: STAND-IN for the east-west gateway's passthrough of istiod (docs/lab.md).
admin: {address: {socket_address: {address: 127.0.0.1, port_value: 0}}}
static_resources:
  listeners:
  - name: istiod-15012
    address: {socket_address: {address: $vm_gateway_ip, port_value: 15012}}
    filter_chains:
    - filters:
      - name: envoy.filters.network.tcp_proxy
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
          stat_prefix: istiod
          cluster: istiod
  clusters:
  - name: istiod
    type: STATIC
    connect_timeout: 5s
    load_assignment:
      cluster_name: istiod
      endpoints: [{lb_endpoints: [{endpoint: {address: {socket_address: {address: $host, port_value: $istiod_port}}}}]}]
ENVOYCFG
    # shellcheck disable=SC2016 # expanded by that sh
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$vms/eastwest-passthrough.pid" \
        "$bin_envoy" -c "$cfg" --disable-hot-restart -l warning --log-path "$vms/eastwest-passthrough.log" \
        </dev/null >/dev/null 2>&1 5>&- 6>&- 7>&- 9>&- &
    for i in $(seq 100); do
        (exec 3<>"/dev/tcp/$vm_gateway_ip/15012") 2>/dev/null && return 0
        sleep 0.1
    done
    die "the east-west passthrough (Envoy) did not listen on $vm_gateway_ip:15012; see $vms/eastwest-passthrough.log"
}

passthrough_down() {
    local f=$vms/eastwest-passthrough.pid pid i
    [ -f "$f" ] || return 0
    pid=$(cat "$f")
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$vms/"; then
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
}

# ---------------------------------------------------------------------------------------------
# The lab network. Its names are fixed per VM network (MESHDECK_LAB_VM_NET), so one lab per network
# runs VMs; /run/meshdeck-lab/vms.owner (vms-K.owner) says which state directory that is.

vm_owner_file=$vm_owner_dir/vms.owner
[ "$vm_k" = 0 ] || vm_owner_file=$vm_owner_dir/vms-$vm_k.owner
net_owner() { cat "$vm_owner_file" 2>/dev/null || true; }
net_busy() { # a systemd-nspawn of some other lab still uses one of this network's namespaces
    local ns
    for ns in $(our_netns); do
        pgrep -f -- "--network-namespace-path=/run/netns/$ns " >/dev/null && return 0
    done
    return 1
}
other_networks() { ip -o link show type bridge 2>/dev/null | awk -F': ' '{ print $2 }' | grep -E '^mdlab[0-9]+$' | grep -vx "$vm_bridge" || true; }
our_netns() { ip netns list 2>/dev/null | awk '{ print $1 }' | grep -E "$(vm_netns_ours)" || true; }

net_up() {
    local owner
    owner=$(net_owner)
    if [ -n "$owner" ] && [ "$owner" != "$state" ] && [ -d "$owner/vms" ]; then
        skip "VM network $vm_k ($vm_bridge) is in use by the lab in $owner: take that one down, or give this one another network (MESHDECK_LAB_VM_NET=1-99; CMake -DMESHDECK_LAB_VM_NET=)"
    fi
    if [ "$owner" != "$state" ] && net_busy; then
        skip "VM network $vm_k ($vm_bridge) is in use by VMs of another lab: take them down, or give this lab another network (MESHDECK_LAB_VM_NET=1-99)"
    fi
    net_down # leftovers of a lab that died without `down`
    mkdir -p "$vm_owner_dir"
    echo "$state" >"$vm_owner_file"
    ip link add "$vm_bridge" type bridge
    ip addr add "$vm_host_ip/24" dev "$vm_bridge"
    ip addr add "$vm_gateway_ip/24" dev "$vm_bridge"
    ip link set "$vm_bridge" up
    # Whatever of 198.18.0.0/15 is not on the bridge (the inner VM's 198.19.0.0/24 included) is
    # unreachable from the host instead of going out of the default route.
    ip route replace unreachable "$vm_range"
    # Each VM's systemd, journald, logind and dbus take inotify instances from the one per-user
    # pool (all VMs run as host root): the default 128 runs out at about 15 VMs ("Failed to create
    # inotify object: Too many open files"). Raised while the VMs run, restored by net_down.
    local cur
    cur=$(cat /proc/sys/fs/inotify/max_user_instances)
    if [ "$cur" -lt 8192 ]; then
        [ -f "$vm_owner_dir/inotify.orig" ] || echo "$cur" >"$vm_owner_dir/inotify.orig"
        echo 8192 >/proc/sys/fs/inotify/max_user_instances
    fi
}

net_down() {
    local ns
    for ns in $(our_netns); do
        ip netns del "$ns" 2>/dev/null || true
    done
    ip link del "$vm_bridge" 2>/dev/null || true
    # The route and the inotify limit are shared by all VM networks: the last one restores them.
    if [ -z "$(other_networks)" ]; then
        ip route del unreachable "$vm_range" 2>/dev/null || true
        if [ -f "$vm_owner_dir/inotify.orig" ]; then
            cat "$vm_owner_dir/inotify.orig" >/proc/sys/fs/inotify/max_user_instances
            rm -f "$vm_owner_dir/inotify.orig"
        fi
    fi
    [ "$(net_owner)" != "$state" ] || rm -f "$vm_owner_file"
}

vm_link() { # NAME: its namespace and its veth to the bridge (bastion-inner is added later)
    local name=$1 ns hostif
    ns=$(vm_netns "$name")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    [ "$name" != inner ] || return 0
    hostif=$(vm_hostif "$name")
    ip link add "$hostif" type veth peer name eth0 netns "$ns"
    ip link set "$hostif" master "$vm_bridge" up
    ip -n "$ns" addr add "$(vm_addr "$name")/24" dev eth0
    ip -n "$ns" link set eth0 up
}

vm_link_inner() { # the bastion's second leg: a veth pair between the two namespaces only
    local b i
    b=$(vm_netns bastion) i=$(vm_netns inner)
    ip -n "$b" link add eth1 type veth peer name eth0 netns "$i"
    ip -n "$b" addr add "$vm_inner_net.1/24" dev eth1
    ip -n "$i" addr add "$vm_inner_net.10/24" dev eth0
    ip -n "$b" link set eth1 up
    ip -n "$i" link set eth0 up
}

# ---------------------------------------------------------------------------------------------
# One VM

vm_pid() { # NAME: the PID of its systemd-nspawn while that still runs this VM
    local f=$vms/$1/nspawn.pid pid
    [ -f "$f" ] || return 1
    pid=$(cat "$f")
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$vms/$1/root" &&
        echo "$pid"
}

vm_root() { # NAME: an overlay on the cached rootfs, else a copy
    local d=$vms/$1
    mkdir -p "$d/upper" "$d/work" "$d/root"
    if ! mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$d/upper,workdir=$d/work" "$d/root" 2>/dev/null; then
        rm -rf "$d/upper" "$d/work"
        cp --reflink=auto -a "$rootfs/." "$d/root/"
        echo copy >"$d/root-kind"
    fi
}

vm_home_key() { # ROOT USER: the lab key in USER's authorized_keys, owned as sshd wants it
    local r=$1 entry home uid gid
    entry=$(grep "^$2:" "$r/etc/passwd")
    home=$(echo "$entry" | cut -d: -f6) uid=$(echo "$entry" | cut -d: -f3) gid=$(echo "$entry" | cut -d: -f4)
    install -d -m 0700 -o "$uid" -g "$gid" "$r$home/.ssh"
    install -m 0600 -o "$uid" -g "$gid" "$vms/id_ed25519.pub" "$r$home/.ssh/authorized_keys"
}

vm_host_keys() { # NAME: fresh host keys, and their lines in the lab's own known_hosts
    local name=$1 r=$vms/$1/root t
    for t in ed25519 ecdsa; do
        rm -f "$r/etc/ssh/ssh_host_${t}_key" "$r/etc/ssh/ssh_host_${t}_key.pub"
        ssh-keygen -q -t "$t" -N '' -C "root@$name" -f "$r/etc/ssh/ssh_host_${t}_key"
    done
    for t in ed25519 ecdsa; do
        echo "$(vm_addr "$name") $(cut -d' ' -f1,2 "$r/etc/ssh/ssh_host_${t}_key.pub")"
    done >"$vms/$name/known_hosts"
}

vm_personalize() { # NAME
    local name=$1 r=$vms/$1/root u
    echo "$name" >"$r/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$name" >"$r/etc/hosts"
    vm_host_keys "$name"
    for u in root meshdeck sudopw; do vm_home_key "$r" "$u"; done
    sed -i "s|^sudopw:[^:]*:|sudopw:$sudo_hash:|" "$r/etc/shadow"
    vm_app "$name"
}

# The VM's application, what the lab plans' WorkloadGroup probes (httpGet :10000 /) and the mesh
# routes to: a TEST TOOL standing in for the book's envoydummy, Python's http.server answering
# "envoydummy <name>" on :10000. `systemctl stop lab-app` is "the application is down".
vm_app() { # NAME
    local name=$1 r=$vms/$1/root
    install -d -m 0755 "$r/srv/lab-app"
    echo "envoydummy $name" >"$r/srv/lab-app/index.html"
    cat >"$r/etc/systemd/system/lab-app.service" <<'UNIT'
[Unit]
Description=meshdeck lab application (test tool: the VM's service on port 10000)
After=network.target

[Service]
ExecStart=/usr/bin/python3 -m http.server 10000 --directory /srv/lab-app
DynamicUser=yes
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
    ln -sf /etc/systemd/system/lab-app.service "$r/etc/systemd/system/multi-user.target.wants/lab-app.service"
}

# The cgroup hierarchies systemd uses: cgroup2, and on a v1 (hybrid) host the name=systemd one.
vm_cgroup_roots() {
    awk '$3 == "cgroup2" || ($3 == "cgroup" && $4 ~ /(^|,)name=systemd(,|$)/) { print $2 }' /proc/mounts
}

# NAME: systemd-nspawn in the background, in its own session and cgroup, no inherited descriptors.
# Without a systemd on the host, nspawn --keep-unit builds the container's cgroups (supervisor/,
# payload/) under its own cgroup; in the same cgroup, every VM's systemd would manage one shared
# payload/system.slice and they would remove each other's unit cgroups while booting ("Failed at
# step CGROUP"). So each nspawn first moves into <root>/mdlabK/NAME of each hierarchy.
vm_boot() {
    local name=$1 d=$vms/$1 roots
    vm_now >"$d/boot-start"
    roots=$(vm_cgroup_roots | paste -sd' ')
    # shellcheck disable=SC2016 # expanded by that sh
    setsid sh -c 'echo $$ >"$0"; for r in $1; do mkdir -p "$r/$2" && echo $$ >"$r/$2/cgroup.procs"; done 2>/dev/null; shift 2; exec "$@"' \
        "$d/nspawn.pid" "$roots" "mdlab$vm_k/$name" \
        systemd-nspawn --quiet --register=no --keep-unit --network-namespace-path="/run/netns/$(vm_netns "$name")" \
        --machine="mdlab$vm_k-$name" --directory="$d/root" --boot --console=read-only \
        --resolv-conf=off --timezone=off --link-journal=no --capability=CAP_NET_ADMIN \
        </dev/null >"$d/console.log" 2>&1 5>&- 6>&- 7>&- 9>&- &
    local i
    for i in $(seq 50); do [ -s "$d/nspawn.pid" ] && return 0; sleep 0.1; done
    die "systemd-nspawn for $name did not start"
}

vm_ssh() { # NAME COMMAND...: as root, through the lab's own config (true host keys, batch mode)
    local name=$1
    shift
    ssh -F "$vms/lab_ssh_config" "$name" "$@"
}

# NAME SECONDS: until systemd says running over ssh; writes boot-seconds. "degraded" is not
# enough: a failed systemd-user-sessions, say, keeps /run/nologin and refuses every user but root.
# Failed units are started again up to three times before the VM counts as failed (a guard: the
# one cause seen, VMs sharing a cgroup, is fixed in vm_boot).
vm_wait() {
    local name=$1 deadline=$(($(date +%s) + $2)) out failed retries=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        vm_pid "$name" >/dev/null || { echo "systemd-nspawn exited" >"$vms/$name/boot-error"; return 1; }
        out=$(timeout 30 ssh -F "$vms/lab_ssh_config" -o ConnectTimeout=2 "$name" systemctl is-system-running --wait 2>/dev/null) || true
        case $out in
            running)
                vm_secs "$(cat "$vms/$name/boot-start")" >"$vms/$name/boot-seconds"
                return 0 ;;
            degraded)
                failed=$(vm_ssh "$name" systemctl list-units --state=failed --plain --no-legend 2>/dev/null |
                    awk '{ print $1 }' | paste -sd' ') || true
                if [ "$retries" -ge 3 ] || [ -z "$failed" ]; then
                    echo "degraded after $retries restarts; failed units: ${failed:-?}" >"$vms/$name/boot-error"
                    return 1
                fi
                retries=$((retries + 1))
                echo "$failed" >>"$vms/$name/restarted-units"
                # shellcheck disable=SC2086 # a list of unit names
                vm_ssh "$name" systemctl reset-failed $failed \; systemctl restart $failed >/dev/null 2>&1 || true
                continue ;;
        esac
        sleep 0.5
    done
    echo "not running after $2 s (last: ${out:-no ssh})" >"$vms/$name/boot-error"
    return 1
}

# ---------------------------------------------------------------------------------------------
# Files for tests: ssh configs, key, password

write_ssh_configs() {
    local name f
    {
        echo "# meshdeck lab VMs, written by tests/lab/lab vms-up. Use: ssh -F $state/ssh_config vm1"
        echo "# known_hosts beside this file starts empty at every vms-up: tests accept each host key."
        echo "# The VMs' true host keys: $vms/known_hosts.lab"
        for name in $(vm_names); do
            echo "Host $name"
            echo "    HostName $(vm_addr "$name")"
            [ "$name" != inner ] || echo "    ProxyJump bastion"
        done
        echo "Host *"
        echo "    User meshdeck"
        echo "    IdentityFile \"$vms/id_ed25519\""
        echo "    IdentitiesOnly yes"
        echo "    UserKnownHostsFile \"$state/known_hosts\""
        echo "    GlobalKnownHostsFile /dev/null"
        echo "    StrictHostKeyChecking yes"
        echo "    ConnectTimeout 10"
    } >"$state/ssh_config"
    # The lab's own: root, the true keys, never a prompt.
    sed -e 's/User meshdeck/User root/' -e "s|\"$state/known_hosts\"|\"$vms/known_hosts.lab\"|" \
        -e 's|ConnectTimeout 10|ConnectTimeout 5\n    BatchMode yes\n    LogLevel ERROR|' \
        "$state/ssh_config" >"$vms/lab_ssh_config"
    for name in $(vm_names); do cat "$vms/$name/known_hosts"; done >"$vms/known_hosts.lab"
    : >"$state/known_hosts"
    chmod 0644 "$state/ssh_config" "$vms/lab_ssh_config"
    chmod 0600 "$state/known_hosts"
}

vm_print() {
    local name reach
    printf '%-8s %-12s %s\n' NAME ADDRESS "REACHED (ssh -F $state/ssh_config NAME; user meshdeck)"
    for name in $(vm_names); do
        case $name in
            bastion) reach="direct; also $vm_inner_net.1, the way to inner" ;;
            inner) reach="only through bastion (ProxyJump)" ;;
            *) reach=direct ;;
        esac
        printf '%-8s %-12s %s\n' "$name" "$(vm_addr "$name")" "$reach"
    done
}

# ---------------------------------------------------------------------------------------------
# Commands

vms_stamp() { echo "$1 $rootfs_hash $(basename "$(dirname "$sidecar_deb")") $(basename "$(dirname "$standin_deb")")"; }

vms_healthy() { # STAMP
    local name
    [ -f "$vms/ready" ] && [ "$(cat "$vms/ready")" = "$1" ] || return 1
    for name in $(vm_names); do vm_pid "$name" >/dev/null || return 1; done
    (exec 3<>"/dev/tcp/$vm_gateway_ip/15012") 2>/dev/null || return 1
    vm_ssh vm1 true 2>/dev/null
}

lock_vms() {
    mkdir -p "$vm_cache_root"
    exec 6>"$vm_cache_root/.lab-vms.lock"
    flock 6
}

cmd_vms_up() { # COUNT
    local count=${1:-} why start name names failed=0 pids=()
    [[ $count =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le $vm_max ] ||
        die "usage: lab vms-up COUNT (1-$vm_max VMs vm1..vmCOUNT, plus bastion and inner)"
    why=$(vm_problem)
    [ -z "$why" ] || skip "$why"
    lock_vms
    rootfs_ensure
    deb_ensure
    if vms_healthy "$(vms_stamp "$count")"; then
        log "VMs already running (known_hosts emptied)"
        : >"$state/known_hosts"
        vm_print >&2
        echo "$state/ssh_config"
        return 0
    fi
    [ ! -d "$vms" ] || { log "replacing the VMs that run"; vms_down_all; }
    start=$(vm_now)
    mkdir -p "$vms"
    touch "$state/$marker"
    trap 'vms_failed' ERR
    names=$(seq -f 'vm%g' 1 "$count"; echo bastion; echo inner)
    echo "$names" >"$vms/names"
    cp "$sidecar_deb" "$sidecar_deb.sha256" "$standin_deb" "$standin_deb.sha256" "$vms/"
    ssh-keygen -q -t ed25519 -N '' -C meshdeck-lab -f "$vms/id_ed25519"
    chmod 0600 "$vms/id_ed25519"
    (umask 077 && openssl rand -base64 15 | tr -d '/+=\n' >"$vms/sudo-password" && echo >>"$vms/sudo-password")
    sudo_hash=$(openssl passwd -6 -stdin <"$vms/sudo-password")
    net_up
    passthrough_up
    for name in $names; do
        vm_root "$name"
        vm_personalize "$name"
        vm_link "$name"
    done
    vm_link_inner
    write_ssh_configs
    for name in $names; do vm_boot "$name"; done
    for name in $names; do
        (trap - ERR; vm_wait "$name" 300) &
        pids+=($!)
    done
    for name in $names; do
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    done
    if [ "$failed" = 1 ]; then
        for name in $names; do
            [ ! -f "$vms/$name/boot-error" ] || { log "$name: $(cat "$vms/$name/boot-error")"; tail -n 20 "$vms/$name/console.log" >&2; }
        done
        vms_failed
    fi
    vms_stamp "$count" >"$vms/ready"
    trap - ERR
    log "$(echo "$names" | wc -l) VMs up in $(vm_secs "$start") s (boot $(for n in $names; do cat "$vms/$n/boot-seconds"; done | sort -n | sed -n '1p;$p' | paste -sd- ) s each), rootfs $rootfs_hash, istio-sidecar $ISTIO_VERSION: $vms/istio-sidecar.deb (stand-in: $vms/istio-sidecar-standin.deb)"
    vm_print >&2
    echo "$state/ssh_config"
}

vms_failed() {
    trap - ERR
    # A failing command inside $(...) runs this trap in that subshell too (set -E): only the main
    # shell tears down.
    [ "$BASHPID" = "$$" ] || exit 1
    log "vms-up failed; taking the VMs down again"
    vms_down_all
    exit 1
}

# Stops every VM of this lab and removes the VM network, mounts and files.
vms_down_all() {
    local d name pid pids=() i
    passthrough_down
    for d in "$vms"/*/; do
        [ -d "$d" ] || continue
        name=$(basename "$d")
        # SIGTERM makes systemd-nspawn shut the container down cleanly (SIGRTMIN+3 to its systemd).
        pid=$(vm_pid "$name") && kill -TERM "$pid" 2>/dev/null && pids+=("$name:$pid")
    done
    for i in $(seq 200); do
        local alive=0 p
        for p in "${pids[@]}"; do kill -0 "${p#*:}" 2>/dev/null && alive=1; done
        [ "$alive" = 1 ] || break
        sleep 0.1
    done
    for p in "${pids[@]}"; do
        pid=${p#*:}
        kill -0 "$pid" 2>/dev/null || continue
        log "${p%%:*} did not shut down in 20 s; killing it"
        # Killing the container's init ends its whole PID namespace; nspawn then exits.
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    done
    for d in "$vms"/*/; do
        [ ! -d "$d" ] || vm_rmtree "${d%/}"
    done
    local root
    for root in $(vm_cgroup_roots); do
        [ ! -d "$root/mdlab$vm_k" ] || find "$root/mdlab$vm_k" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
    if [ "$(net_owner)" = "$state" ] || { { [ -z "$(net_owner)" ] || [ ! -d "$(net_owner)/vms" ]; } && ! net_busy; }; then
        net_down
    fi
    vm_rmtree "$vms"
    rm -f "$state/ssh_config" "$state/known_hosts"
}

cmd_vms_down() {
    lock_vms
    vms_down_all
    # Nothing of ours may remain: a leftover would break the next `up` or leak into the host.
    local left=
    if [ -z "$(net_owner)" ]; then
        ! ip link show "$vm_bridge" >/dev/null 2>&1 || left="$left bridge $vm_bridge;"
        ! ip netns list 2>/dev/null | awk '{ print $1 }' | grep -qE "$(vm_netns_ours)" || left="$left network namespaces $(vm_netns vm1)...;"
    fi
    ! grep -qF " $vms/" /proc/mounts || left="$left mounts under $vms;"
    ! pgrep -f "systemd-nspawn .*--directory=$vms/" >/dev/null || left="$left systemd-nspawn processes;"
    [ -z "$left" ] || die "vms-down left:$left"
    # The state directory goes when the control plane is gone too.
    if [ -d "$state" ] && [ -z "$(ls -A "$state" | grep -vx "$marker")" ]; then
        rm -rf --one-file-system "$state"
    fi
    log "VMs down"
}

cmd_vm_status() {
    local name pid state_ up=0 total=0
    if [ ! -f "$vms/names" ]; then
        echo "no VMs (lab vms-up COUNT, or lab up --vms COUNT)"
        return 3
    fi
    printf '%-8s %-12s %-8s %-9s %-10s %s\n' NAME ADDRESS PID SYSTEMD BOOT REACHED
    for name in $(vm_names); do
        total=$((total + 1))
        if pid=$(vm_pid "$name"); then
            state_=$(timeout 10 ssh -F "$vms/lab_ssh_config" "$name" systemctl is-system-running 2>/dev/null) ||
                state_=${state_:-no-ssh}
            case $state_ in running | degraded) up=$((up + 1)) ;; esac
        else
            pid=- state_=stopped
        fi
        printf '%-8s %-12s %-8s %-9s %-10s %s\n' "$name" "$(vm_addr "$name")" "$pid" "$state_" \
            "$(cat "$vms/$name/boot-seconds" 2>/dev/null || echo -) s" \
            "$([ "$name" = inner ] && echo "ProxyJump bastion" || echo direct)"
    done
    echo "ssh config: $state/ssh_config (user meshdeck; sudopw's password: $vms/sudo-password)"
    echo "istio-sidecar: $vms/istio-sidecar.deb"
    [ "$up" = "$total" ] && return 0
    [ "$up" = 0 ] && return 3
    return 1
}

vm_need() { # NAME: exits unless NAME is a running VM of this lab
    [ -n "${1:-}" ] && vm_names 2>/dev/null | grep -qx -- "$1" || die "no VM named '${1:-}' (lab vm-status)"
    vm_pid "$1" >/dev/null || die "VM $1 is not running"
}

cmd_vm_expect() { # NAME [GROUP NAMESPACE [SERVICEACCOUNT]]
    vm_need "${1:-}"
    local f=$vms/$1/root/etc/meshdeck-lab/expected.env v
    if [ $# -eq 1 ]; then
        rm -f "$f"
        return 0
    fi
    [ $# -ge 3 ] && [ $# -le 4 ] || die "usage: lab vm-expect NAME [GROUP NAMESPACE [SERVICEACCOUNT]]"
    for v in "${@:2}"; do
        [[ $v =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] || die "not a Kubernetes name: $v"
    done
    {
        echo "# What the lab's istio-sidecar stand-in accepts in cluster.env (lab vm-expect)."
        echo "GROUP=$2"
        echo "NAMESPACE=$3"
        [ -z "${4:-}" ] || echo "SERVICE_ACCOUNT=$4"
    } >"$f.tmp"
    chmod 0644 "$f.tmp"
    mv "$f.tmp" "$f"
}

cmd_vm_rekey() { # NAME: new host keys (sshd restarted; open connections stay)
    vm_need "${1:-}"
    lock_vms
    local name
    vm_host_keys "$1"
    for name in $(vm_names); do cat "$vms/$name/known_hosts"; done >"$vms/known_hosts.lab"
    # Debian's sshd re-executes per connection and so already shows the new keys; the restart is
    # for a listener that would hold them in memory (ssh.service keeps open sessions).
    vm_ssh "$1" systemctl restart ssh
    ssh-keygen -l -f "$vms/$1/root/etc/ssh/ssh_host_ed25519_key.pub"
}

# NAME [SECONDS]: a clean reboot (SIGTERM to nspawn: the VM's systemd shuts down; then a new boot
# of the same root), powered off for SECONDS in between (default 0). What lives on the VM's disk
# stays; /run is a new tmpfs, as on a real machine: the istio-token is gone.
cmd_vm_reboot() {
    vm_need "${1:-}"
    local name=$1 down=${2:-0} pid i
    [[ $down =~ ^[0-9]+$ ]] || die "usage: lab vm-reboot NAME [SECONDS powered off]"
    lock_vms
    pid=$(vm_pid "$name")
    kill -TERM "$pid"
    for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name did not shut down in 30 s; killing it"
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    sleep "$down"
    vm_boot "$name"
    vm_wait "$name" 120 || die "$name did not come back: $(cat "$vms/$name/boot-error" 2>/dev/null)"
    log "$name rebooted ($(cat "$vms/$name/boot-seconds") s to running)"
}

cmd_vm_link() { # NAME up|down: cut a VM off the network (or back on), as a failing link would
    vm_need "${1:-}"
    case ${2:-} in up | down) ;; *) die "usage: lab vm-link NAME up|down" ;; esac
    if [ "$1" = inner ]; then
        ip -n "$(vm_netns bastion)" link set eth1 "$2"
    else
        ip link set "$(vm_hostif "$1")" "$2"
    fi
}
