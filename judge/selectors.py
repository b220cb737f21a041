"""Reads of submissions. Every lookup a user can reach goes through a permission check here."""

from django.db.models import Q
from django.http import Http404

from config.compiled_query import CompiledQuery, as_bigint
from judge.models import Mode, Submission
from judge.verdicts import Verdict

_LIST_FIELDS = ("id", "user_id", "problem__slug", "problem__title", "language", "mode", "status", "verdict",
                "message", "created_at", "started_at", "finished_at", "interview_id")


# A submission and what its pages and API show of its problem. The rest of a problem row
# (statement, reference and test files: 12-70 KB of JSON to fetch and decode) cost the status
# partial and the API most of their time, for nothing; a field left out still loads if read.
_SUBMISSION_FIELDS = [f.attname for f in Submission._meta.concrete_fields]
_PROBLEM_FIELDS = ["problem__id", "problem__slug", "problem__title", "problem__kind", "problem__language"]


def _with_problem():
    return Submission.objects.select_related("problem").only(*_SUBMISSION_FIELDS, *_PROBLEM_FIELDS)


# The status partial and the API poll this every 400 ms while a submission is judged: its SQL
# is compiled once (config/compiled_query.py). Staff, who may read anyone's, take the ORM path.
_own_submission = CompiledQuery(lambda pk, user_id: _with_problem().filter(pk=pk, user_id=user_id), "pk", "user_id")


def submission_get_for_user(*, user, submission_id) -> Submission:
    """Someone else's submission is a 404, not a 403: its existence is not ours to reveal."""
    if not user.is_authenticated:
        raise Http404
    # Tests and benchmarks load when read (a query each, as a prefetch would take): the
    # status partial of a submission still being judged reads neither.
    pk = as_bigint(submission_id)
    if pk is None:
        raise Http404
    if user.is_staff:
        submission = _with_problem().select_related("user").filter(pk=pk).first()
    else:
        submission = _own_submission.first(pk=pk, user_id=user.pk)
    if submission is None:
        raise Http404
    if submission.user_id == user.pk:
        submission.user = user  # the caller: no join to read them again
    return submission


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
    return _previous(**_position(submission)).only("id", "code", "created_at", "mode", "verdict", "status").first()


def submission_previous_id(submission) -> int | None:
    """submission_previous's id only (the API links it; its code is not needed). Compiled once:
    a client polls a submission being judged every 400 ms, and each answer names it."""
    rows = _previous_id.rows(**_position(submission))
    return rows[0][0] if rows else None


def _position(submission) -> dict:
    return {"user_id": submission.user_id, "problem_id": submission.problem_id,
            "created_at": submission.created_at, "pk": submission.pk}


def _previous(*, user_id, problem_id, created_at, pk):
    return (Submission.objects.filter(user_id=user_id, problem_id=problem_id)
            .filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
            .order_by("-created_at", "-id"))


_previous_id = CompiledQuery(lambda **position: _previous(**position).values_list("id")[:1],
                             "user_id", "problem_id", "created_at", "pk", datetimes=["created_at"])


# -- what a user has solved and tried (the "solved" badges of every page) ----------------------

def solved_slugs(user) -> set:
    if not user.is_authenticated:
        return set()
    return {slug for (slug,) in _solved_slugs.rows(user_id=user.pk)}


# Every signed-in problem list and page asks: compiled once (config/compiled_query.py).
# order_by(): the default ordering's columns would join the DISTINCT, a row per accepted submit.
_solved_slugs = CompiledQuery(
    lambda user_id: Submission.objects.filter(user_id=user_id, mode=Mode.SUBMIT, verdict=Verdict.ACCEPTED)
    .order_by().values_list("problem__slug").distinct(), "user_id")


def tried_slugs(user) -> set:
    """Every problem the user ran or submitted at least once (a drill is a review of it, not a try)."""
    if not user.is_authenticated:
        return set()
    return set(Submission.objects.filter(user=user, mode__in=[Mode.RUN, Mode.SUBMIT]).order_by().values_list("problem__slug", flat=True).distinct())
