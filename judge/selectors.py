"""Reads of submissions. Every lookup a user can reach goes through a permission check here."""

from django.http import Http404

from judge.models import Submission


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


def submission_list_for_user(*, user, problem_slug=None, verdict=None, mode=None):
    """The caller's own history, newest first (staff too: history is personal)."""
    qs = Submission.objects.select_related("problem").filter(user=user).defer("code", "compile_output", "judge_log")
    if problem_slug:
        qs = qs.filter(problem__slug=problem_slug)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if mode:
        qs = qs.filter(mode=mode)
    return qs.order_by("-created_at", "-id")
