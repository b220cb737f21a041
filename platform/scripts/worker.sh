#!/usr/bin/env bash
# A judge worker host: Docker Engine, the runner image, the Python environment, then a
# Celery worker taking from the shared queue. PostgreSQL and Redis live elsewhere: point
# DATABASE_URL and CELERY_BROKER_URL at them. Run it on as many machines as you like.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

[ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ] \
  || die "set DATABASE_URL and CELERY_BROKER_URL to the main server's PostgreSQL and Redis"

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || die "Python 3.11 is required"
ensure_packages debootstrap ca-certificates
if [ ! -x .venv/bin/celery ]; then
  say "installing Python packages into .venv"
  "$PYTHON" -m venv .venv && .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
fi
bash platform/scripts/docker-engine.sh
bash platform/runner/build-image.sh

say "judge worker: concurrency ${JUDGE_WORKER_CONCURRENCY:-2}, one sandbox per task"
# A worker that exits by itself is started again, as compose's restart policy does: Celery 5.7
# can exit when Redis restarts under it (kombu fails closing the broken connection; `make
# drill` shows it). Ctrl-C or SIGTERM stops it for good.
stop=0
child=
trap 'stop=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' INT TERM
while :; do
  .venv/bin/celery -A config worker --loglevel INFO --concurrency "${JUDGE_WORKER_CONCURRENCY:-2}" \
    --hostname "judge@%h" &
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
