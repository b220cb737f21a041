#!/usr/bin/env bash
# Everything `make run` and `make test` need, installed when missing and started when
# stopped. A second run only checks and prints; it changes nothing that exists.
#   setup.sh            services, venv, runner image, migrations, problems
#   setup.sh --test     the same plus what the tests need (Chromium)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

find_python
packages=(postgresql redis-server ca-certificates)
# docker-compose: tests/unit/test_compose_file.py validates docker-compose.yml with it.
[ $want_test -eq 1 ] && packages+=(chromium docker-compose)
ensure_packages "${packages[@]}"
ensure_venv requirements-dev.txt

bash platform/scripts/services.sh start
bash platform/scripts/docker-engine.sh
bash platform/runner/build-image.sh
bash platform/editor/build.sh   # the code editor bundle (Node.js via apt when missing)

say "migrating the database"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_problems
.venv/bin/python manage.py load_lessons
say "setup done"
