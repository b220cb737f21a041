#!/usr/bin/env bash
# `make dev`: set up, then Django's development server (DEBUG on, autoreload) on 127.0.0.1:8000
# with a Celery worker judging. Ctrl-C stops the web server and the worker, and the services
# this run started. `make run` (run.sh) is the production stack, supervised.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

: > "$DOJO_RUN_DIR/started-by-us"
bash platform/scripts/setup.sh
.venv/bin/python manage.py ensure_demo_user

worker_pid=""
stop_worker() {
  [ -n "$worker_pid" ] || return 0
  # The worker has its own process group (setsid): stop it and its pool processes together.
  kill -TERM -- "-$worker_pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 -- "-$worker_pid" 2>/dev/null || return 0; sleep 0.2; done
  # Celery's embedded beat can miss a shutdown that arrives while it is still starting.
  say "the worker did not stop within 10 s; killing it"
  kill -KILL -- "-$worker_pid" 2>/dev/null || true
}
cleanup() {
  trap - INT TERM EXIT
  say "stopping"
  stop_worker
  bash platform/scripts/docker-engine.sh stop >/dev/null || true
  bash platform/scripts/services.sh stop || true
}
trap cleanup INT TERM EXIT

say "starting the judge worker with the sweeper's schedule (log: .run/worker.log)"
# --beat embeds the scheduler: right for one machine; a deployment runs one beat process.
# --restart: started again when it exits by itself; stop_worker ends it for good.
setsid bash platform/scripts/judge-worker.sh --restart --beat --schedule "$DOJO_RUN_DIR/celerybeat-schedule" \
  > "$DOJO_RUN_DIR/worker.log" 2>&1 &
worker_pid=$!

say "serving http://127.0.0.1:8000 (Ctrl-C stops everything this command started)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
