#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL and Redis on loopback; `stop` stops the
# ones this checkout started. Idempotent: a running service is left as it is.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DB_USER="${DOJO_DB_USER:-dojo}"
DB_PASSWORD="${DOJO_DB_PASSWORD:-dojo}"
DB_NAME="${DOJO_DB_NAME:-dojo}"
REDIS_PORT="${DOJO_REDIS_PORT:-6379}"

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

start_postgres() {
  ensure_packages postgresql
  if ! pg_ready; then
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
      say "creating PostgreSQL $version cluster"
      as_root pg_createcluster "$version" main >/dev/null
    fi
    local cluster
    cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
    say "starting PostgreSQL ($cluster)"
    # Retried: a postmaster killed a moment ago can linger as a zombie, and PostgreSQL then
    # refuses to start until it is reaped.
    local tries=0
    until as_root pg_ctlcluster $cluster start 2>"$DOJO_RUN_DIR/pg_start.err"; do
      tries=$((tries + 1))
      [ $tries -lt 15 ] || { cat "$DOJO_RUN_DIR/pg_start.err" >&2; die "PostgreSQL would not start"; }
      sleep 1
    done
    mark_started "postgres $cluster"
    for _ in $(seq 1 30); do pg_ready && break; sleep 0.5; done
    pg_ready || die "PostgreSQL did not become ready"
  fi
  # The role may create databases: pytest makes its own test database.
  as_root runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 \
    || as_root runuser -u postgres -- psql -qc "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
  as_root runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1 \
    || as_root runuser -u postgres -- createdb -O "$DB_USER" "$DB_NAME"
  say "PostgreSQL ready (database $DB_NAME)"
}

redis_ready() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
  ensure_packages redis-server
  if ! redis_ready; then
    say "starting Redis on 127.0.0.1:$REDIS_PORT"
    mkdir -p "$DOJO_RUN_DIR/redis"
    # Append-only file: queued tasks survive a Redis restart.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DOJO_RUN_DIR/redis" \
      --pidfile "$DOJO_RUN_DIR/redis.pid" --logfile "$DOJO_RUN_DIR/redis.log" --appendonly yes --save ""
    mark_started "redis"
    for _ in $(seq 1 30); do redis_ready && break; sleep 0.2; done
    redis_ready || die "Redis did not become ready (see $DOJO_RUN_DIR/redis.log)"
  fi
  say "Redis ready"
}

stop_started() {
  local file="$DOJO_RUN_DIR/started-by-us"
  [ -f "$file" ] || return 0
  while read -r what rest; do
    case "$what" in
      redis) redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; say "stopped Redis" ;;
      postgres) as_root pg_ctlcluster $rest stop || true; say "stopped PostgreSQL" ;;
    esac
  done < "$file"
  rm -f "$file"
}

case "${1:-start}" in
  start) start_postgres; start_redis ;;
  stop) stop_started ;;
  *) die "usage: $0 [start|stop]" ;;
esac
