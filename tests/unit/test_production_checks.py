"""The security checklist and production logging, each in a fresh process with production
settings and the environment .env.example documents (as a real server's .env would be)."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import REPO


def documented_env():
    """.env.example as an operator fills it in: real secrets instead of the placeholders."""
    values = {}
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    values["SECRET_KEY"] = secrets.token_hex(32)
    return values


def run_production(args, tmp_path, **overrides):
    # A fresh process as a deployment starts it: none of the test session's settings, and not
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set for their own process.
    dropped = ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(documented_env())
    # The documented URLs name the compose services; nothing here connects to them.
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", STATIC_ROOT=str(tmp_path), **overrides)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_is_clean_while_rotating_the_secret_key(tmp_path):
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path,
                            SECRET_KEY_FALLBACKS=secrets.token_hex(32))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_flags_a_weak_configuration(tmp_path):
    # The check really runs: plain HTTP cookies and no HSTS are reported.
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path,
                            SECURE_COOKIES="false", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    for check in ("security.W004", "security.W012", "security.W016"):
        assert check in result.stderr + result.stdout


REQUEST_SCRIPT = """
import django
django.setup()
from django.test import Client
client = Client()
for incoming in ("req-42.abc", "bad id\\nwith a newline", None):
    headers = {"X-Request-ID": incoming} if incoming else {}
    response = client.get("/healthz", headers=headers)
    print(response.status_code, response["X-Request-ID"])
print(client.get("/healthz", secure=False, headers={"Host": "dojo.example.com"}).status_code)
print(client.get("/problems/", headers={"Host": "dojo.example.com"}).status_code)
"""


@pytest.fixture(scope="module")
def production_requests(tmp_path_factory):
    result = run_production(["-c", REQUEST_SCRIPT], tmp_path_factory.mktemp("static"),
                            ALLOWED_HOSTS="testserver,dojo.example.com")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return result.stdout.split("\n"), lines, result.stderr


def test_request_id_is_taken_when_valid_and_made_otherwise(production_requests):
    out, _, _ = production_requests
    assert out[0] == "200 req-42.abc"
    status, made_up = out[1].split()
    assert status == "200" and len(made_up) == 32 and made_up != "req-42.abc"
    assert len(out[2].split()[1]) == 32


def test_https_redirect_spares_health_checks_only(production_requests):
    out, _, _ = production_requests
    assert out[3] == "200"   # /healthz over plain HTTP: no redirect (container health check)
    assert out[4] == "301"   # a page over plain HTTP goes to https://


def test_production_logs_are_json_lines_with_the_request_id(production_requests):
    _, lines, stderr = production_requests
    access = [entry for entry in lines if entry["logger"] == "dojo.access"]
    assert len(access) == 5, stderr
    first = access[0]
    assert first["request_id"] == "req-42.abc"
    assert first["method"] == "GET" and first["path"] == "/healthz" and first["status"] == 200
    assert {"time", "level", "message", "duration_ms"} <= first.keys()
    # The invalid incoming id never reaches the logs.
    assert "bad id" not in stderr
    assert all(len(entry["request_id"]) == 32 for entry in access[1:3])
