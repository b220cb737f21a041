"""Production settings refuse unsafe configurations; they are checked in a fresh process."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

GOOD_KEY = "k" * 20 + "3f9a0c7e5b1d2f4a6c8e0b2d4f6a8c0e"


def start_django(**env):
    full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=REPO, env=full,
                          capture_output=True, text=True)


@pytest.mark.parametrize("env,message", [
    ({}, "Set SECRET_KEY"),
    ({"SECRET_KEY": "short"}, "Set SECRET_KEY"),
    ({"SECRET_KEY": GOOD_KEY, "DEBUG": "1"}, "DEBUG must be off"),
])
def test_production_refuses_unsafe_settings(env, message):
    result = start_django(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_secret():
    result = start_django(SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
