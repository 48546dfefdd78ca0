# shellcheck shell=bash
# SPDX-License-Identifier: Apache-2.0
# The Debian mirror for debootstrap: MESHDECK_LAB_DEBIAN_MIRROR, else the first non-security
# mirror in this machine's apt sources (one-line and deb822 formats). Sourced by tests/lab/vms.sh
# (the VM lab's rootfs) and tests/fresh/fresh (the clean root file system); prints nothing and
# returns 1 when there is none.
debian_mirror() {
    if [ -n "${MESHDECK_LAB_DEBIAN_MIRROR:-}" ]; then
        echo "$MESHDECK_LAB_DEBIAN_MIRROR"
        return
    fi
    local m
    m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -E '^(deb |URIs:)' | grep -v security | grep -o 'https\?://[^ ]*/debian/\?' | head -n1) || true
    [ -n "$m" ] || return 1
    echo "$m"
}
