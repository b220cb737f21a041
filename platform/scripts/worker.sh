#!/usr/bin/env bash
# A judge worker host: Docker Engine, the runner image, the Python environment, then a
# Celery worker taking from the shared queue. PostgreSQL and Redis live elsewhere: point
# DATABASE_URL and CELERY_BROKER_URL at them. Run it on as many machines as you like.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

[ -n "${DATABASE_URL:-}" ] && [ -n "${CELERY_BROKER_URL:-}" ] \
  || die "set DATABASE_URL and CELERY_BROKER_URL to the main server's PostgreSQL and Redis"

ensure_packages ca-certificates
ensure_venv requirements.txt
bash platform/scripts/docker-engine.sh
bash platform/runner/build-image.sh

say "judge worker: concurrency ${JUDGE_WORKER_CONCURRENCY:-2}, one sandbox per task"
# Started again whenever it exits by itself; Ctrl-C or SIGTERM stops it for good.
exec bash platform/scripts/judge-worker.sh --restart
