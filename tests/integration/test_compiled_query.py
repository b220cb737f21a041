"""config/compiled_query.py gives what the ORM gives for the same queryset, against PostgreSQL;
and the lookups built on it (sign-in session, API token, a submission) decide as before."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.compiled_query import CompiledQuery, as_bigint
from judge.models import Submission
from judge.selectors import solved_slugs, submission_get_for_user
from judge.verdicts import Status, Verdict
from practice.selectors import workspace_get
from tests.conftest import make_token, make_user, password_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def problem(problems):
    return problems["unicode-palindrome"]


def _submit(user, problem, **fields):
    return Submission.objects.create(user=user, problem=problem, code="package palindrome\n", **fields)


def _state(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if f.attname not in obj.get_deferred_fields()}


def test_objects_equal_the_orms_with_deferred_fields_and_select_related(user, problem):
    sub = _submit(user, problem, status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    build = lambda pk, user_id: (Submission.objects.select_related("problem").only("id", "user_id", "verdict", "problem__slug")  # noqa: E731
                                 .filter(pk=pk, user_id=user_id))
    compiled = CompiledQuery(build, "pk", "user_id")
    got = compiled.first(pk=sub.pk, user_id=user.pk)
    want = build(sub.pk, user.pk).get()
    assert _state(got) == _state(want)
    assert got.get_deferred_fields() == want.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert got.problem.slug == problem.slug  # loaded with the row, as select_related does
    assert len(queries) == 0
    # The same compiled query, other values: nothing of the first call sticks.
    assert compiled.first(pk=sub.pk, user_id=user.pk + 1000) is None


def test_rows_equal_values_list_and_constants_stay(user, problem):
    _submit(user, problem, mode="submit", status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    _submit(user, problem, mode="run", status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    build = lambda user_id: Submission.objects.filter(user_id=user_id, mode="submit").values_list("problem__slug", "mode")  # noqa: E731
    assert CompiledQuery(build, "user_id").rows(user_id=user.pk) == list(build(user.pk))


def test_a_parameter_the_query_does_not_use_is_refused():
    with pytest.raises(ValueError, match="not in the compiled query"):
        CompiledQuery(lambda pk, unused: get_user_model().objects.filter(pk=pk), "pk", "unused").first(pk=1, unused=2)


@pytest.mark.parametrize("value, want", [("12", 12), (12, 12), ("x", None), (None, None), ("1.5", None),
                                         (str(2**63), None), (str(-(2**63)), -(2**63))])
def test_as_bigint(value, want):
    assert as_bigint(value) == want


def test_submission_lookup_owner_only_and_hostile_ids(user, problem):
    sub = _submit(user, problem)
    other = make_user("compiled-other")
    assert submission_get_for_user(user=user, submission_id=str(sub.pk)).pk == sub.pk
    from django.http import Http404
    for bad in [sub.pk + 10_000, "abc", str(2**70), "-1", None]:
        with pytest.raises(Http404):
            submission_get_for_user(user=user, submission_id=bad)
    with pytest.raises(Http404):
        submission_get_for_user(user=other, submission_id=sub.pk)


def test_recent_rows_and_solved_slugs(user, problem, problems):
    """The problem page's recent rows come with its workspace statement (practice.selectors):
    what the ORM would give, newest first (ties by id), this user's and this problem's only."""
    subs = [_submit(user, problem, mode="submit", status=Status.FINISHED, verdict=Verdict.WRONG_ANSWER) for _ in range(11)]
    Submission.objects.filter(pk__in=[s.pk for s in subs[-3:]]).update(created_at=subs[-3].created_at)  # a tie
    subs.append(_submit(user, problem, mode="run"))  # queued, no verdict yet
    _submit(make_user("someone-else"), problem, mode="submit")
    _submit(user, problems["rotate-left"], mode="submit")
    rows = workspace_get(user=user, problem=problem).recent
    fields = ("id", "user_id", "problem_id", "mode", "status", "verdict", "created_at")
    expected = Submission.objects.filter(user=user, problem=problem).order_by("-created_at", "-id")[:10]
    assert [[getattr(r, f) for f in fields] for r in rows] == [[getattr(s, f) for f in fields] for s in expected]
    assert rows[0].pk == subs[-1].pk and rows[0].is_done is False and rows[1].get_verdict_display() == "Wrong answer"
    assert all(r.problem is problem for r in rows)
    assert workspace_get(user=make_user("newcomer"), problem=problem).recent == []
    assert solved_slugs(user) == set()
    _submit(user, problem, mode="submit", status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    assert solved_slugs(user) == {problem.slug}


def test_session_and_token_sign_in_still_decide_as_django_and_drf(client, user):
    assert client.login(username=user.username, password=password_for(user.username))
    assert client.get("/submissions/").status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/submissions/").status_code == 302  # an inactive user's session is signed out
    user.is_active = True
    user.save(update_fields=["is_active"])
    token = make_token(user)
    assert client.get("/api/submissions/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    for bad in ["nope", "a\x00b", token.upper(), token + "0"]:
        assert client.get("/api/submissions/", HTTP_AUTHORIZATION=f"Token {bad}").status_code == 401, bad
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/submissions/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_the_previous_submission_as_the_orm_finds_it(user, problem, problems):
    """submission_previous_id (compiled, with datetime parameters) names what the ORM's
    submission_previous finds: the user's own, of the same problem, ties broken by id."""
    from judge.selectors import submission_previous, submission_previous_id

    other_problem = next(p for slug, p in problems.items() if slug != problem.slug)
    first, second = _submit(user, problem), _submit(user, problem)
    Submission.objects.filter(pk=second.pk).update(created_at=first.created_at)  # the same instant
    second.refresh_from_db()
    _submit(user, other_problem)
    _submit(make_user("previous-other"), problem)
    third = _submit(user, problem)
    for sub, want in [(first, None), (second, first.pk), (third, second.pk)]:
        assert submission_previous_id(sub) == want
        assert getattr(submission_previous(sub), "pk", None) == want
