#!/usr/bin/env bash
# `make test`: the same setup as `make run`, then the whole suite against real services.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

bash platform/scripts/setup.sh --test
say "linting (ruff)"
.venv/bin/ruff check --quiet .
.venv/bin/lint-imports --no-cache --no-logo  # the layers of docs/architecture.md
say "running the test suite"
export DJANGO_SETTINGS_MODULE=config.settings.test
.venv/bin/python -m pytest "$@"
