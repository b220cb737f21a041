"""Fixtures shared by the integration tests (the real-service ones live in tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone


class Clock:
    """The interviews' clock, moved by hand: tests set `now` or call advance(), never sleep."""

    def __init__(self):
        self.now = timezone.now().replace(microsecond=0)

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr("interviews.clock.now", lambda: c.now)
    return c
