#!/usr/bin/env bash
# `make run`: the production stack on this machine, serving http://127.0.0.1:8000.
#
# gunicorn with DEBUG off and static files through whitenoise, the judge worker, one Celery
# beat, PostgreSQL, Redis and the Docker Engine, all under one supervisor (supervisord,
# platform/run/supervisord.conf) that starts again whatever dies. SIGTERM or SIGINT to this
# script, or to the `make` running it, stops all of them (within about 10 s) and removes the
# judge's containers. PostgreSQL, Redis and a Docker Engine another command of this checkout
# started (setup, `make test`) are taken over: stopped, then run under the supervisor, and
# stopped with the rest at the end (`make test` or `make setup` start them again when needed).
#
# `make dev` (platform/scripts/dev.sh) is the development server with autoreload instead.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

[ "$(id -u)" -eq 0 ] || die "make run supervises PostgreSQL and the Docker Engine: run it as root (sudo make run)"
sup_pid_file="$DOJO_RUN_DIR/supervisord.pid"
if [ -f "$sup_pid_file" ] && kill -0 "$(cat "$sup_pid_file")" 2>/dev/null; then
  die "make run is already running (supervisord pid $(cat "$sup_pid_file")); stop it first"
fi

: > "$DOJO_RUN_DIR/started-by-us"
bash platform/scripts/setup.sh
ensure_packages curl  # the readiness check below

# The production settings, with what a loopback-only HTTP server needs: no TLS redirect, cookies
# over plain HTTP, no HSTS. The secret key is made once and kept (sessions survive a restart).
key_file="$DOJO_RUN_DIR/secret-key"
[ -s "$key_file" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file")
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="$(cat "$key_file")"
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 TRUST_X_FORWARDED_PROTO=false
export LOG_FORMAT="${LOG_FORMAT:-plain}" ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export WEB_BIND="${WEB_BIND:-127.0.0.1:8000}" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" WEB_THREADS="${WEB_THREADS:-4}"
export JUDGE_WORKER_CONCURRENCY="${JUDGE_WORKER_CONCURRENCY:-2}"

say "collecting static files (.run/staticfiles, compressed for whitenoise)"
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py ensure_demo_user

# Hand the services to the supervisor.
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
read -r pg_version pg_name <<< "$cluster"
export DOJO_PG_BIN="/usr/lib/postgresql/$pg_version/bin" DOJO_PG_CONFIG_DIR="/etc/postgresql/$pg_version/$pg_name"
export DOJO_REDIS_PORT="${DOJO_REDIS_PORT:-6379}" DOJO_RUN_DIR REPO_ROOT
export DOJO_SUPERVISE_DOCKERD=true
if [ -f "$DOJO_RUN_DIR/dockerd.pid" ] && kill -0 "$(cat "$DOJO_RUN_DIR/dockerd.pid")" 2>/dev/null; then
  # dockerd-foreground.sh runs the engine with the options docker-engine.sh uses.
  bash platform/scripts/docker-engine.sh stop >/dev/null
elif docker info >/dev/null 2>&1; then
  say "a Docker Engine this checkout did not start is running: using it as it is (not supervised)"
  DOJO_SUPERVISE_DOCKERD=false
fi
pg_ctlcluster $cluster stop 2>/dev/null || true
redis-cli -p "$DOJO_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
install -d -o postgres -g postgres /var/run/postgresql
mkdir -p "$DOJO_RUN_DIR/redis"
: > "$DOJO_RUN_DIR/started-by-us"

sup_pid=""
supervisorctl() { .venv/bin/supervisorctl -c platform/run/supervisord.conf "$@"; }
stop_all() {
  trap - INT TERM EXIT
  [ -n "$sup_pid" ] || return 0
  say "stopping (web, worker, beat, then the services)"
  supervisorctl stop 'site:*' >/dev/null 2>&1 || true  # web, worker and beat at once
  # The judge's containers go before the engine stops; a stopped engine would keep them.
  ids=$(docker ps -aq --filter label=dojo.judge 2>/dev/null || true)
  [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
  kill -TERM "$sup_pid" 2>/dev/null || true
  wait "$sup_pid" 2>/dev/null || true
  say "stopped"
}
trap stop_all INT TERM EXIT

say "starting PostgreSQL, Redis, the Docker Engine, web (gunicorn), worker and beat under supervisord"
say "logs: .run/{web,worker,beat,postgres,redis,dockerd,supervisord}.log; state: .venv/bin/supervisorctl -c platform/run/supervisord.conf status"
# Its own session: a terminal's Ctrl-C reaches this script, which stops things in order.
setsid .venv/bin/supervisord -c platform/run/supervisord.conf &
sup_pid=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://$WEB_BIND/readyz" 2>/dev/null && break
  kill -0 "$sup_pid" 2>/dev/null || die "supervisord exited; see .run/supervisord.log"
  sleep 0.5
done
say "serving http://$WEB_BIND (Ctrl-C or SIGTERM stops everything this command started)"
# `wait` returns when a signal arrives, so the trap runs at once (a foreground child would delay it).
while kill -0 "$sup_pid" 2>/dev/null; do wait "$sup_pid" || true; done
