"""Live progress of a running submission (phase and tests finished), kept in the cache for
the status partial to show. The runner reads it off its own output stream; this module
only stores and reads it.

Display only: the counts come from untrusted output, so nothing is decided from them.
Cache failures never reach judging (progress is optional); a missing entry shows nothing.
"""

import contextlib
import logging

from django.core.cache import cache

from judge.runners import runner_for

log = logging.getLogger(__name__)


def _key(submission_id) -> str:
    return f"judge:progress:{submission_id}"


def progress_get(submission_id) -> dict | None:
    try:
        return cache.get(_key(submission_id))
    except Exception:  # noqa: BLE001 - the cache is optional here
        return None


def progress_clear(submission_id) -> None:
    with contextlib.suppress(Exception):  # the cache is optional here
        cache.delete(_key(submission_id))


def progress_publisher(submission_id):
    key = _key(submission_id)

    def publish(state: dict) -> None:
        try:
            cache.set(key, state, timeout=600)
        except Exception as exc:  # noqa: BLE001
            log.warning("progress not published: %s", exc)
    return publish


def progress_reporter_for(submission):
    """The sandbox's output callback for a submission: the runner reads its own stream
    (judge/runners/go/progress.py); this module only stores what it reports."""
    return runner_for(submission.language).output_progress(
        submission.problem, submission.mode, submission.custom_tests, publish=progress_publisher(submission.pk))
