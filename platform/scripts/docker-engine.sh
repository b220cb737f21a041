#!/usr/bin/env bash
# Make sure a Docker engine is running for the judge, starting one if needed.
#
#   platform/scripts/docker-engine.sh         # ensure running (idempotent)
#   platform/scripts/docker-engine.sh stop    # stop it, only if this script started it
#
# Containers never get networking here: the daemon runs with lib.sh's DOCKERD_OPTIONS (no
# bridge, no iptables rules), so `--network none` is the only mode that works (and the only
# one we use).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PID_FILE="$DOJO_RUN_DIR/dockerd.pid"
LOG_FILE="$DOJO_RUN_DIR/dockerd.log"
TIMEOUT="${DOJO_DOCKERD_TIMEOUT:-60}"

ours_running() {
    [[ -f "$PID_FILE" ]] && alive "$(cat "$PID_FILE")" dockerd
}

if [[ "${1:-start}" == "stop" ]]; then
    if ours_running; then
        pid="$(cat "$PID_FILE")"
        say "stopping dockerd (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 30); do alive "$pid" dockerd || break; sleep 1; done
        alive "$pid" dockerd && { say "dockerd did not stop; sending KILL"; kill -9 "$pid"; }
        rm -f "$PID_FILE"
        say "stopped dockerd"
    else
        rm -f "$PID_FILE"
        say "dockerd not started by docker-engine.sh; leaving it alone"
    fi
    exit 0
fi

# The docker client may be a standalone binary (e.g. /usr/local/bin/docker); we only
# need the daemon from the distribution package.
command -v dockerd >/dev/null 2>&1 || ensure_packages docker.io

if docker info >/dev/null 2>&1; then
    say "Docker Engine already running"
    exit 0
fi

if ours_running; then
    say "dockerd (pid $(cat "$PID_FILE")) started earlier is still coming up"
else
    drop_stale_docker_pid_files
    say "starting dockerd (log: $LOG_FILE)"
    nohup dockerd "${DOCKERD_OPTIONS[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
fi

start=$SECONDS
until docker info >/dev/null 2>&1; do
    if ! ours_running; then
        tail -n 20 "$LOG_FILE" >&2 || true
        die "dockerd exited; the last lines of $LOG_FILE are above"
    fi
    if (( SECONDS - start >= TIMEOUT )); then
        tail -n 20 "$LOG_FILE" >&2 || true
        die "dockerd not ready after ${TIMEOUT}s; see $LOG_FILE"
    fi
    say "waiting for dockerd... $((SECONDS - start))s"
    sleep 1
done
say "dockerd started (pid $(cat "$PID_FILE")) in $((SECONDS - start))s"
