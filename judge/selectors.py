"""Reads of submissions. Every lookup a user can reach goes through a permission check here."""

from django.db.models import Q
from django.http import Http404

from judge.models import Submission


_LIST_FIELDS = ("id", "user_id", "problem__slug", "problem__title", "language", "mode", "status", "verdict",
                "message", "created_at", "started_at", "finished_at", "interview_id")


def _visible_to(user):
    qs = Submission.objects.select_related("problem", "user")
    return qs if user.is_staff else qs.filter(user=user)


def submission_get_for_user(*, user, submission_id) -> Submission:
    """Someone else's submission is a 404, not a 403: its existence is not ours to reveal."""
    if not user.is_authenticated:
        raise Http404
    try:
        return _visible_to(user).prefetch_related("tests", "benchmarks").get(pk=submission_id)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def submission_list_for_user(*, user, problem_slug=None, verdict=None, mode=None, since=None, until=None):
    """The caller's own history, newest first (staff too: history is personal).

    `since` and `until` are dates, both included, in the site's time zone.
    """
    # Only what lists show: a problem row carries its whole statement and test files.
    qs = Submission.objects.select_related("problem").filter(user=user).only(*_LIST_FIELDS)
    if problem_slug:
        qs = qs.filter(problem__slug=problem_slug)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if mode:
        qs = qs.filter(mode=mode)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs.order_by("-created_at", "-id")


def submission_previous(submission) -> Submission | None:
    """The same user's submission of the same problem just before this one (for a diff)."""
    return (Submission.objects.filter(user_id=submission.user_id, problem_id=submission.problem_id)
            .filter(Q(created_at__lt=submission.created_at)
                    | Q(created_at=submission.created_at, id__lt=submission.id))
            .order_by("-created_at", "-id").only("id", "code", "created_at", "mode", "verdict", "status").first())
