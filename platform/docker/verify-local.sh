#!/usr/bin/env bash
# Brings docker-compose.yml up on THIS machine, with images built here (no registry needed),
# checks it end to end and takes it down again. What a first deployment does, in order:
#   local bases (offline-base.sh --services), runner image, app image, .env, `up -d`,
#   wait for health, /healthz and /readyz, a superuser, an API token, a judged submission,
#   pages and a hashed static file through the "proxy" (X-Forwarded-Proto: https), JSON
#   logs with request and task ids, then pg_dump, a lost row and pg_restore.
#
#   bash platform/docker/verify-local.sh            # port 18000; KEEP=1 leaves it running
#
# Only loopback is used: the web port is published on 127.0.0.1, the services talk on the
# project's own bridge network, sandboxes have no network at all.
set -euo pipefail

source "$(dirname "$0")/../scripts/lib.sh"
PROJECT=dojo-verify
PORT="${DOJO_VERIFY_PORT:-18000}"
WORK="$DOJO_RUN_DIR/compose-verify"
IMAGE=dojo:verify
fail() { die "compose check FAILED: $*"; }

# COMPOSE_BIN picks a Compose binary (e.g. a v2 plugin not installed into docker's CLI).
if [ -n "${COMPOSE_BIN:-}" ]; then COMPOSE=("$COMPOSE_BIN")
elif docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
say "compose: $("${COMPOSE[@]}" version | head -n 1)"
dc() { (cd "$WORK" && "${COMPOSE[@]}" --project-name "$PROJECT" "$@"); }

say "local base images (debootstrap; cached after the first run)"
bash "$REPO_ROOT/platform/docker/offline-base.sh" --services
bash "$REPO_ROOT/platform/runner/build-image.sh" >/dev/null
say "building $IMAGE from platform/docker/Dockerfile"
t=$SECONDS
(cd "$REPO_ROOT" && docker build -q --network host --build-arg BASE=dojo-local/python:3.11 \
    -f platform/docker/Dockerfile -t "$IMAGE" . >/dev/null)
say "built in $((SECONDS - t))s: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

mkdir -p "$WORK"
cp "$REPO_ROOT/docker-compose.yml" "$WORK/docker-compose.yml"
# .env.example filled in as an operator would; images and port are this machine's.
python3 - "$REPO_ROOT/.env.example" "$WORK/.env" "$PORT" "$IMAGE" "$(stat -c %g /var/run/docker.sock)" <<'EOF'
import re, secrets, sys
src, dst, port, image, gid = sys.argv[1:]
pg, rd = secrets.token_hex(16), secrets.token_hex(16)
values = {
    "SECRET_KEY": secrets.token_hex(32), "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "POSTGRES_PASSWORD": pg, "REDIS_PASSWORD": rd,
    "DATABASE_URL": f"postgres://dojo:{pg}@postgres:5432/dojo",
    "CELERY_BROKER_URL": f"redis://:{rd}@redis:6379/0", "CACHE_URL": f"redis://:{rd}@redis:6379/1",
    "DOJO_IMAGE": image, "POSTGRES_IMAGE": "dojo-local/postgres:15", "REDIS_IMAGE": "dojo-local/redis:7",
    "WEB_PORT": port, "WEB_CONCURRENCY": "2", "DOCKER_GID": gid,
}
out = []
for line in open(src):
    name = line.split("=", 1)[0]
    out.append(f"{name}={values[name]}\n" if re.fullmatch(r"[A-Z_0-9]+", name) and name in values else line)
open(dst, "w").writelines(out)
EOF
dc down -v --remove-orphans >/dev/null 2>&1 || true

say "docker compose up -d"
t=$SECONDS
dc up -d --no-build 2>&1 | sed 's/^/    /'
for _ in $(seq 1 120); do
  state=$(docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q web)" 2>/dev/null || echo starting)
  [ "$state" = healthy ] && break
  sleep 1
done
[ "$state" = healthy ] || { dc ps; dc logs --tail 30; fail "web is $state"; }
say "web healthy $((SECONDS - t))s after up"
dc ps | sed 's/^/    /'

BASE="http://127.0.0.1:$PORT"
PROXY=(-H "X-Forwarded-Proto: https")   # what the TLS proxy in front would add
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(code "$BASE/healthz")" = 200 ] || fail "/healthz"
for _ in $(seq 1 60); do [ "$(code "$BASE/readyz")" = 200 ] && break; sleep 1; done
say "/healthz: $(curl -s "$BASE/healthz")  /readyz: $(curl -s "$BASE/readyz")"
[ "$(code "$BASE/readyz")" = 200 ] || fail "/readyz"
say "plain HTTP page: $(code "$BASE/problems/") (redirect to https), through the proxy: $(code "${PROXY[@]}" "$BASE/problems/")"

say "first user: docker compose run --rm --no-deps web manage createsuperuser"
password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
dc run --rm --no-deps -e DJANGO_SUPERUSER_PASSWORD="$password" web manage createsuperuser --no-input \
    --username admin --email admin@example.com 2>&1 | grep -v '^{' | sed 's/^/    /'
token=$(curl -s "${PROXY[@]}" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$BASE/api/auth/token/" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
AUTH=(-H "Authorization: Token $token")

for url in / /problems/ /problems/unicode-palindrome/ /accounts/login/ /learn/ /api/docs/; do
  c=$(code "${PROXY[@]}" "${AUTH[@]}" "$BASE$url"); [ "$c" = 200 ] || fail "$url answered $c"
done
static=$(curl -s "${PROXY[@]}" "$BASE/problems/unicode-palindrome/" | grep -o '/static/[^"]*\.[0-9a-f]\{12\}\.js' | head -n 1)
[ -n "$static" ] || fail "no hashed static file in the problem page"
headers=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "${PROXY[@]}" "$BASE$static")
grep -qi '^cache-control: max-age=315360000' <<<"$headers" || fail "no far-future caching on $static"
say "pages 200; $static: $(grep -i -E '^(cache-control|content-encoding):' <<<"$headers" | tr -d '\r' | paste -sd ' ')"

# judge FILE REQUEST_ID: submits FILE to unicode-palindrome, waits; sets $id, $verdict, $seconds.
judge() {
  local body t0 result status
  body=$(python3 -c 'import json,sys; print(json.dumps({"problem":"unicode-palindrome","language":"go","mode":"submit","code":open(sys.argv[1]).read()}))' "$1")
  t0=$(date +%s.%N)
  id=$(curl -s "${PROXY[@]}" "${AUTH[@]}" -H 'Content-Type: application/json' -H "X-Request-ID: $2" \
      -d "$body" "$BASE/api/submissions/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  for _ in $(seq 1 480); do
    result=$(curl -s "${PROXY[@]}" "${AUTH[@]}" "$BASE/api/submissions/$id/")
    status=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$result")
    [ "$status" = finished ] && break
    sleep 0.25
  done
  seconds=$(python3 -c "import time; print(round(time.time() - $t0, 2))")
  verdict=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["verdict"], len(d["tests"]), "tests")' "$result")
}
CATALOG="$REPO_ROOT/problems/catalog/unicode-palindrome"
judge "$CATALOG/reference/solution.go" verify-submit-1
say "submission $id (reference): $verdict, submit→verdict $seconds s (the worker's first job)"
[[ "$verdict" == accepted* ]] || fail "expected accepted, got $verdict"
first_id=$id
wrong=$(ls "$CATALOG"/wrong/*/solution.go 2>/dev/null | head -n 1 || true)
if [ -n "$wrong" ]; then
  judge "$wrong" verify-submit-2
  say "submission $id (wrong/$(basename "$(dirname "$wrong")")): $verdict, submit→verdict $seconds s"
  [[ "$verdict" != accepted* ]] || fail "a known-wrong variant was accepted"
fi
id=$first_id

web_line=$(dc logs --no-color web 2>/dev/null | grep -o '{.*"request_id": "verify-submit-1".*}' | head -n 1)
worker_line=$(dc logs --no-color worker 2>/dev/null | grep -o '{.*"task_id": "[^"]*".*}' | tail -n 1)
[ -n "$web_line" ] && [ -n "$worker_line" ] || fail "JSON log lines with request_id / task_id not found"
say "web log:    $web_line"
say "worker log: $worker_line"

# Sandboxes carry their worker's hostname (the worker container's) in the owner label.
worker_host=$(docker inspect -f '{{.Config.Hostname}}' "$(dc ps -q worker)")
sandboxes() { docker ps -a --filter label=dojo.judge --format '{{.Label "dojo.owner"}}' | grep -c "^$worker_host:" || true; }
say "the worker's sandboxes on the Engine now (started ahead, waiting for a job): $(sandboxes)"
migrate_id=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=migrate" | head -n 1)
say "migrate (migrations + problems + lessons) took $(docker inspect -f '{{.State.StartedAt}} {{.State.FinishedAt}}' "$migrate_id" \
    | python3 -c 'import sys,datetime as d; a,b=[d.datetime.fromisoformat(x[:26]) for x in sys.stdin.read().split()]; print(round((b-a).total_seconds(),1))') s"

say "backup: pg_dump -Fc; then a row is lost; then pg_restore"
dc exec -T postgres pg_dump -U dojo -Fc dojo >"$WORK/dojo.dump"
count() { dc exec -T postgres psql -U dojo -d dojo -tAc 'SELECT count(*) FROM judge_submission'; }
before=$(count)
dc exec -T -e PGOPTIONS='-c client_min_messages=warning' postgres \
    psql -U dojo -d dojo -qc 'TRUNCATE judge_submission CASCADE' >/dev/null
lost=$(count)
dc stop web worker beat >/dev/null 2>&1
dc exec -T postgres pg_restore -U dojo -d dojo --clean --if-exists --no-owner <"$WORK/dojo.dump"
dc start web worker beat >/dev/null 2>&1
after=$(count)
say "dump $(du -h "$WORK/dojo.dump" | cut -f1); submissions: $before before, $lost after the loss, $after after pg_restore"
[ "$after" = "$before" ] || fail "restore did not bring the rows back"
for _ in $(seq 1 60); do [ "$(code "$BASE/readyz")" = 200 ] && break; sleep 1; done
[ "$(code "${PROXY[@]}" "${AUTH[@]}" "$BASE/api/submissions/$id/")" = 200 ] || fail "submission $id gone after restore"
say "after restore: /readyz $(code "$BASE/readyz"), submission $id readable"

dc ps | sed 's/^/    /'
if [ "${KEEP:-0}" = 1 ]; then
  say "left running (KEEP=1): cd $WORK && ${COMPOSE[*]} -p $PROJECT down -v"
else
  dc down -v --remove-orphans >/dev/null 2>&1
  say "taken down (volumes removed); the worker's sandboxes left: $(sandboxes)"
  [ "$(sandboxes)" = 0 ] || fail "the worker left sandboxes behind"
fi
say "OK"
