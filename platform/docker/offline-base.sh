#!/usr/bin/env bash
# Local stand-ins for the public base images, for a machine that reaches no container
# registry (this project's development machines do not). Built from Debian bookworm with
# debootstrap, like the runner image (platform/runner/build-image.sh):
#
#   dojo-local/python:3.11     ~ python:3.11-slim-bookworm (Debian's python3.11, `python`,
#                                `pip` and venv); the web image builds FROM it:
#                                docker build --network host --build-arg BASE=dojo-local/python:3.11 ...
#   dojo-local/postgres:15     ~ postgres:15 (POSTGRES_USER/PASSWORD/DB, PGDATA, pg_isready)
#   dojo-local/redis:7         ~ redis:7 (data in /data, `redis-server ...` as the command)
#
#   platform/docker/offline-base.sh            # python base only
#   platform/docker/offline-base.sh --services # and the PostgreSQL and Redis stand-ins
#
# On a server that reaches Docker Hub none of this is needed: docker-compose.yml uses the
# public images by default. `--network host` is needed here only because this machine's
# Docker Engine runs without a bridge (platform/scripts/docker-engine.sh); apt and pip in the
# build steps reach Debian and PyPI through the host.
set -euo pipefail

source "$(dirname "$0")/../scripts/lib.sh"
CACHE="$REPO_ROOT/.cache/docker-base"
PACKAGES=python3,python3-venv,python3-pip,ca-certificates,tzdata
PYTHON_IMAGE=dojo-local/python:3.11
POSTGRES_IMAGE=dojo-local/postgres:15
REDIS_IMAGE=dojo-local/redis:7

docker info >/dev/null 2>&1 || bash "$REPO_ROOT/platform/scripts/docker-engine.sh"

# What python:3.11-slim has: `python` and `pip` on PATH.
python_on_path() {
    ln -sf /usr/bin/python3 "$1/usr/local/bin/python"
    ln -sf /usr/bin/pip3 "$1/usr/local/bin/pip"
}
if ! docker image inspect "$PYTHON_IMAGE" >/dev/null 2>&1; then
    mkdir -p "$CACHE"
    ROOTFS="$CACHE/rootfs-$(echo "$DEBIAN_SUITE $DEBIAN_MIRROR $PACKAGES" | sha256sum | cut -c1-12).tar"
    debootstrap_tar "$ROOTFS" "$PACKAGES" python_on_path
    say "docker import as $PYTHON_IMAGE..."
    docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
        "$ROOTFS" "$PYTHON_IMAGE-rootfs" >/dev/null
    # The image trusts the certificate authorities this host added to its own store (a
    # TLS-inspecting proxy on the way to Debian, PyPI and npm, on machines that have one),
    # and tells pip and Node.js to use the system store, as the host does.
    ctx=$(mktemp -d)
    mkdir "$ctx/extra"
    cp /usr/local/share/ca-certificates/*.crt "$ctx/extra/" 2>/dev/null || true
    cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $PYTHON_IMAGE-rootfs
COPY extra/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
DOCKERFILE
    docker build -q --network none -t "$PYTHON_IMAGE" "$ctx" >/dev/null
    docker rmi "$PYTHON_IMAGE-rootfs" >/dev/null
    rm -rf "$ctx"
fi
say "$PYTHON_IMAGE ready ($(docker run --rm --network none "$PYTHON_IMAGE" python --version))"

[[ "${1:-}" == --services ]] || exit 0

# The official images' interface, as far as docker-compose.yml uses it.
if ! docker image inspect "$POSTGRES_IMAGE" >/dev/null 2>&1; then
    say "building $POSTGRES_IMAGE (Debian's postgresql-15)..."
    docker build -q --network host -t "$POSTGRES_IMAGE" - <<EOF >/dev/null
FROM $PYTHON_IMAGE
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      postgresql-15 postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /etc/postgresql/15 \
 && install -d -o postgres -g postgres -m 2775 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:\$PATH PGDATA=/var/lib/postgresql/data
RUN printf '%s\n' '#!/bin/sh' 'set -e' \
  'mkdir -p "\$PGDATA" && chown postgres:postgres "\$PGDATA" && chmod 700 "\$PGDATA"' \
  'if [ ! -s "\$PGDATA/PG_VERSION" ]; then' \
  '  echo "\$POSTGRES_PASSWORD" >/tmp/pw && chown postgres /tmp/pw' \
  '  runuser -u postgres -- initdb -D "\$PGDATA" -U "\${POSTGRES_USER:-postgres}" --pwfile=/tmp/pw --auth-local=trust --auth-host=scram-sha-256' \
  '  rm -f /tmp/pw && echo "host all all all scram-sha-256" >>"\$PGDATA/pg_hba.conf"' \
  '  runuser -u postgres -- pg_ctl -D "\$PGDATA" -o "-c listen_addresses=" -w start' \
  '  runuser -u postgres -- createdb -U "\${POSTGRES_USER:-postgres}" "\${POSTGRES_DB:-\${POSTGRES_USER:-postgres}}" || true' \
  '  runuser -u postgres -- pg_ctl -D "\$PGDATA" -m fast -w stop' \
  'fi' \
  'exec runuser -u postgres -- postgres -D "\$PGDATA" -c listen_addresses="*"' >/usr/local/bin/docker-entrypoint.sh \
 && chmod 755 /usr/local/bin/docker-entrypoint.sh
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
EOF
fi
say "$POSTGRES_IMAGE ready"

if ! docker image inspect "$REDIS_IMAGE" >/dev/null 2>&1; then
    say "building $REDIS_IMAGE (Debian's redis-server)..."
    docker build -q --network host -t "$REDIS_IMAGE" - <<EOF >/dev/null
FROM $PYTHON_IMAGE
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* && install -d -o redis -g redis /data
# Like the official image: no protected mode (it sits on a private network), data in /data.
RUN printf '%s\n' '#!/bin/sh' 'set -e' \
  'if [ "\$1" = redis-server ]; then shift; set -- redis-server --protected-mode no "\$@"; fi' \
  'exec runuser -u redis -- "\$@"' >/usr/local/bin/docker-entrypoint.sh \
 && chmod 755 /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["redis-server"]
EOF
fi
say "$REDIS_IMAGE ready"
