"""How much judging one user, and everyone together, may ask for.

Counted from the submissions table itself, inside submission_create's per-user advisory lock:
the counts are exact (two racing requests of one user see each other), survive restarts and
need no second store. The queue cap is global and read without a global lock, so a burst of
different users may overshoot it by a few rows: it protects the judge from a flood, it is not
an accounting limit.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q

from config.errors import TooManyRequests
from judge.models import Submission
from judge.verdicts import Status

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


class SubmissionRefused(TooManyRequests):
    """Not queued because of a limit; nothing was stored. `retry_after`: seconds, a hint."""


def _seconds_until_below(user, *, since, window, limit, now) -> int:
    """When the row that keeps the count at the limit leaves the window."""
    times = (Submission.objects.filter(user=user, created_at__gte=since)
             .order_by("-created_at").values_list("created_at", flat=True))
    # Newest first: the limit-th newest must age out before one more fits.
    blocking = times[limit - 1]
    return math.ceil((blocking + window - now).total_seconds())


def submission_limits_check(*, user, now) -> None:
    """Raise SubmissionRefused when `user` may not queue one more submission at `now`.

    Per user (staff exempt): at most RATE_PER_MINUTE in the last minute and RATE_PER_HOUR in
    the last hour, every mode counted (a Run uses the judge as much as a Submit). Everyone:
    at most QUEUE_CAP submissions waiting or being judged.
    """
    judge = settings.JUDGE
    if not user.is_staff:
        counts = Submission.objects.filter(user=user, created_at__gte=now - HOUR).aggregate(
            hour=Count("id"), minute=Count("id", filter=Q(created_at__gte=now - MINUTE)))
        for count, limit, window, label in ((counts["minute"], judge["RATE_PER_MINUTE"], MINUTE, "minute"),
                                            (counts["hour"], judge["RATE_PER_HOUR"], HOUR, "hour")):
            if 0 < limit <= count:  # 0 turns a limit off
                wait = _seconds_until_below(user, since=now - window, window=window, limit=limit, now=now)
                raise SubmissionRefused(
                    f"Too many submissions: at most {limit} per {label}. Your code is kept; "
                    f"try again in {_human(wait)}.", retry_after=wait)
    if judge["QUEUE_CAP"] <= 0:
        return
    waiting = Submission.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).count()
    if waiting >= judge["QUEUE_CAP"]:
        wait = judge["QUEUE_RETRY_SECONDS"]
        raise SubmissionRefused(
            f"The judge is busy: {waiting} submissions are waiting. Your code is kept; "
            f"try again in {_human(wait)}.", retry_after=wait)


def _human(seconds: int) -> str:
    seconds = max(1, seconds)
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"
