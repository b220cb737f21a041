#!/usr/bin/env bash
# `make test`: the same setup as `make run`, then the whole suite against real services.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash platform/scripts/setup.sh --test
say "linting (ruff)"
.venv/bin/ruff check --quiet .
say "running the test suite"
export DJANGO_SETTINGS_MODULE=config.settings.test
.venv/bin/python -m pytest "$@"
