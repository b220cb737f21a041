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

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON="$candidate"; break
    fi
  done
fi
[ -n "$PYTHON" ] || die "Python 3.11 is required (Django 5.2 LTS); install python3.11"

packages=(postgresql redis-server debootstrap ca-certificates)
# docker-compose: tests/unit/test_compose_file.py validates docker-compose.yml with it.
[ $want_test -eq 1 ] && packages+=(chromium docker-compose)
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
ensure_packages "${packages[@]}"

# Python environment: rebuilt only when the requirements change.
stamp=".venv/.requirements-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "installing Python packages into .venv"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
  rm -f .venv/.requirements-* && touch "$stamp"
fi
say "Python packages ready"

bash platform/scripts/services.sh start
bash platform/scripts/docker-engine.sh
bash platform/runner/build-image.sh
bash platform/editor/build.sh   # the code editor bundle (Node.js via apt when missing)

say "migrating the database"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_problems
.venv/bin/python manage.py load_lessons
say "setup done"
