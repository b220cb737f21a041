#!/usr/bin/env bash
# The Docker Engine in the foreground, for `make run`'s supervisor (platform/run/supervisord.conf),
# with the options docker-engine.sh uses (lib.sh's DOCKERD_OPTIONS: no bridge, no iptables
# rules, so `--network none` is the only mode containers can have).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

drop_stale_docker_pid_files
# Judge containers live for seconds; on stop, do not wait the default 15 s for them.
exec dockerd "${DOCKERD_OPTIONS[@]}" --shutdown-timeout 2
