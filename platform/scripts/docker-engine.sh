#!/usr/bin/env bash
# Make sure a Docker engine is running for the judge, starting one if needed.
#
#   platform/scripts/docker-engine.sh         # ensure running (idempotent)
#   platform/scripts/docker-engine.sh stop    # stop it, only if this script started it
#
# Containers never get networking here: the daemon runs without a bridge or iptables
# rules, so `--network none` is the only mode that works (and the only one we use).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${DOJO_RUN_DIR:-$ROOT/.run}"
PID_FILE="$RUN_DIR/dockerd.pid"
LOG_FILE="$RUN_DIR/dockerd.log"
TIMEOUT="${DOJO_DOCKERD_TIMEOUT:-60}"

log() { echo "docker-engine: $*"; }

# alive PID NAME: a live process of that name (a killed one lingers as a zombie until
# reaped, and its pid may be reused).
alive() {
    [[ "$(cat "/proc/$1/comm" 2>/dev/null)" == "$2" ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

ours_running() {
    [[ -f "$PID_FILE" ]] && alive "$(cat "$PID_FILE")" dockerd
}

if [[ "${1:-start}" == "stop" ]]; then
    if ours_running; then
        pid="$(cat "$PID_FILE")"
        log "stopping dockerd (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 30); do alive "$pid" dockerd || break; sleep 1; done
        alive "$pid" dockerd && { log "dockerd did not stop; sending KILL"; kill -9 "$pid"; }
        rm -f "$PID_FILE"
        log "stopped"
    else
        rm -f "$PID_FILE"
        log "not started by this script; leaving it alone"
    fi
    exit 0
fi

# The docker client may be a standalone binary (e.g. /usr/local/bin/docker); we only
# need the daemon from the distribution package.
if ! command -v dockerd >/dev/null 2>&1; then
    log "dockerd missing; installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q docker.io
fi

if docker info >/dev/null 2>&1; then
    log "already running"
    exit 0
fi

mkdir -p "$RUN_DIR"
if ours_running; then
    log "dockerd (pid $(cat "$PID_FILE")) started earlier is still coming up"
else
    # A stale pid file from a crashed daemon would block a restart. So would containerd's:
    # dockerd waits forever on a containerd it believes alive (a killed one can linger as a
    # zombie, or its pid can be reused), so drop the file unless a live containerd owns it.
    rm -f /var/run/docker.pid
    cpid_file=/var/run/docker/containerd/containerd.pid
    if [[ -f $cpid_file ]] && ! alive "$(cat "$cpid_file")" containerd; then
        rm -f "$cpid_file"
    fi
    log "starting dockerd (log: $LOG_FILE)"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false \
        >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
fi

start=$SECONDS
until docker info >/dev/null 2>&1; do
    if ! ours_running; then
        log "ERROR: dockerd exited; last lines of $LOG_FILE:" >&2
        tail -n 20 "$LOG_FILE" >&2 || true
        exit 1
    fi
    if (( SECONDS - start >= TIMEOUT )); then
        log "ERROR: dockerd not ready after ${TIMEOUT}s; see $LOG_FILE" >&2
        tail -n 20 "$LOG_FILE" >&2 || true
        exit 1
    fi
    log "waiting for dockerd... $((SECONDS - start))s"
    sleep 1
done
log "started (pid $(cat "$PID_FILE")) in $((SECONDS - start))s"
