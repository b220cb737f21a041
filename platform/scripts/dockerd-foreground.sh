#!/usr/bin/env bash
# The Docker Engine in the foreground, for `make run`'s supervisor (platform/run/supervisord.conf),
# with the options of platform/scripts/docker-engine.sh: no bridge, no iptables rules, so
# `--network none` is the only mode containers can have.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A killed dockerd leaves its pid file, and containerd's; a stale one blocks the next start
# (dockerd waits forever on a containerd it believes alive). Drop them unless their owner lives.
alive() { [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2" ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
[[ -f /var/run/docker.pid ]] && ! alive "$(cat /var/run/docker.pid)" dockerd && rm -f /var/run/docker.pid
cpid_file=/var/run/docker/containerd/containerd.pid
[[ -f $cpid_file ]] && ! alive "$(cat "$cpid_file")" containerd && rm -f "$cpid_file"
# Judge containers live for seconds; on stop, do not wait the default 15 s for them.
exec dockerd --bridge=none --iptables=false --ip6tables=false --shutdown-timeout 2
