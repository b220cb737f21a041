"""Deployment behaviour that needs the real services: /readyz without a Docker socket (the
compose web container) and rotating SECRET_KEY through SECRET_KEY_FALLBACKS (README)."""

import time

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client

from tests.conftest import user_and_client


def test_readiness_without_docker_asks_the_judge_workers(celery_worker_process, settings, db):
    settings.READYZ_CHECKS_DOCKER = False
    deadline = time.monotonic() + 60   # the worker process may still be starting
    while True:
        ready = Client().get("/readyz")
        if ready.status_code == 200 or time.monotonic() > deadline:
            break
        assert list(ready.json()["failing"]) == ["judge_workers"]
        time.sleep(1)
    assert ready.status_code == 200, ready.json()
    assert ready.json()["checked"] == ["database", "broker", "judge_workers"]


OLD_KEY = "old-" + "a1b2c3d4e5" * 6
NEW_KEY = "new-" + "f6e7d8c9b0" * 6


@pytest.fixture
def signed_in_under_the_old_key(settings, db):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    user, client = user_and_client("rotating")
    assert client.get("/submissions/").status_code == 200
    return client, user, default_token_generator.make_token(user)


def test_rotating_the_secret_key_keeps_sessions_and_reset_links(settings, signed_in_under_the_old_key):
    client, user, reset_token = signed_in_under_the_old_key
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert client.get("/submissions/").status_code == 200          # still signed in
    assert default_token_generator.check_token(user, reset_token)   # the mailed link still works


def test_dropping_the_old_key_ends_what_it_signed(settings, signed_in_under_the_old_key):
    client, user, reset_token = signed_in_under_the_old_key
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    assert client.get("/submissions/").status_code == 302           # signed out
    assert not default_token_generator.check_token(user, reset_token)
