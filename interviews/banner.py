"""What every page needs to show the banner of a running interview (base.html,
{% interview_banner %}): the user's active interview, if any, with its deadline.

It is read on every signed-in page, so once warm it costs no query: the answer (the interview,
or that there is none) is kept in the cache per user and forgotten whenever one of their
interviews starts or ends (interviews.services). A session past its deadline shows no banner
whatever the cache says, and a cached answer lives CACHE_SECONDS at most, so one whose
forgetting failed (Redis unreachable) corrects itself. With Redis down it is one query."""

import logging
import time

from django.core.cache import cache

from interviews import clock
from interviews.models import InterviewSession

log = logging.getLogger(__name__)
CACHE_SECONDS = 300
# Each process also keeps its answer this long, so a user clicking through pages costs no round
# trip (as problems.selectors does for the problem page): another process sees a start or an end
# that much later, the process that made it at once. The deadline is checked on every page.
LOCAL_SECONDS = 2.0
_local: dict[int, tuple[float, dict]] = {}


def _key(user_id) -> str:
    return f"interview-banner:{user_id}"


def _cache_call(method, *args):
    try:
        return getattr(cache, method)(*args)
    except Exception:  # Redis down: the database answers instead
        log.warning("interview banner cache unavailable (%s)", method, exc_info=True)
        return None


def _read(user) -> dict:
    row = (InterviewSession.objects.filter(user=user, status=InterviewSession.Status.ACTIVE)
           .values_list("pk", "template__title", "deadline").first())
    # `joined` tells this user from one an emptied database gave the same id (a test run):
    # their cached answers are not this user's.
    return {"joined": user.date_joined, "active": row}


def active_interview_banner(user) -> dict | None:
    """{"id", "title", "deadline", "remaining"} of the user's running interview, else None."""
    if not user.is_authenticated:
        return None
    local = _local.get(user.pk)
    if local is not None and local[0] > time.monotonic() and local[1].get("joined") == user.date_joined:
        entry = local[1]
    else:
        entry = _cache_call("get", _key(user.pk))
        if not entry or entry.get("joined") != user.date_joined:
            entry = _read(user)
            _cache_call("set", _key(user.pk), entry, CACHE_SECONDS)
        if len(_local) > 10_000:  # one entry per user seen in the last seconds; drop the old ones
            _local.clear()
        _local[user.pk] = (time.monotonic() + LOCAL_SECONDS, entry)
    if not entry["active"]:
        return None
    pk, title, deadline = entry["active"]
    remaining = (deadline - clock.now()).total_seconds()
    if remaining <= 0:
        return None
    return {"id": pk, "title": title, "deadline": deadline, "remaining": remaining}


def forget(user_id) -> None:
    """An interview of this user started or ended: the next page reads the database again."""
    _local.pop(user_id, None)
    _cache_call("delete", _key(user_id))
