#!/usr/bin/env bash
# The judge's Celery worker: the one place its command line is written. Every way of running
# one goes through here: `make worker` (worker.sh), `make dev` (dev.sh), `make run`
# (platform/run/supervisord.conf), the image's `worker` role (platform/docker/entrypoint.sh),
# the tests (tests/conftest.py) and the benches (platform/bench/).
#
#   judge-worker.sh [--restart] [--quiet] [CELERY WORKER OPTION...]
#
# JUDGE_WORKER_CONCURRENCY (2), LOG_LEVEL (INFO) and JUDGE_WORKER_NAME (judge@%h, %h being the
# host's name: every worker node has its own) set the usual options; the options given are added
# (`--beat --schedule FILE`, `--queues Q`). --quiet: no banner on stdout, so every line of a
# container's log is JSON. --restart: a worker that exits by itself is started again, as
# compose's restart policy does (Celery 5.7 can exit when Redis restarts under it: kombu fails
# closing the broken connection; `make drill` shows it); SIGINT or SIGTERM stop it for good.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

restart=0 global=()
while [ $# -gt 0 ]; do
  case "$1" in
    --restart) restart=1 ;;
    --quiet) global+=(--quiet) ;;
    *) break ;;
  esac
  shift
done

celery=celery  # the image's venv is on PATH; a checkout has its own
[ -x .venv/bin/celery ] && celery=.venv/bin/celery
worker=("$celery" -A config "${global[@]}" worker --loglevel "${LOG_LEVEL:-INFO}"
        --concurrency "${JUDGE_WORKER_CONCURRENCY:-2}" --hostname "${JUDGE_WORKER_NAME:-judge@%h}" "$@")
[ $restart = 1 ] || exec "${worker[@]}"

stop=0
child=
trap 'stop=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' INT TERM
while :; do
  "${worker[@]}" &
  child=$!
  code=0
  wait "$child" || code=$?
  if [ "$stop" = 1 ]; then
    wait "$child" 2>/dev/null || true
    exit 0
  fi
  say "the worker exited (code $code); starting it again in 2 s"
  sleep 2
done
