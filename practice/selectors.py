from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q

from config.errors import DomainError
from config.prepared import PreparedStatement
from interviews import clock
from interviews.models import InterviewSession
from judge.models import Mode, Submission
from judge.selectors import solved_slugs, tried_slugs
from judge.verdicts import Verdict
from practice.models import Draft, ProblemNote
from practice.review import Review, review_for
from problems.models import Problem
from problems.search import matching_slugs

CUSTOM_TESTS_TEMPLATE = """package {package}

import "testing"

// Your own cases. Run judges this file together with the visible examples, and shows
// the output of every failing case. Give your tests names the examples do not use.
func TestMyCases(t *testing.T) {{
}}
"""


def draft_get(*, user, problem) -> Draft | None:
    if not user.is_authenticated:
        return None
    return Draft.objects.filter(user=user, problem=problem).first()


def note_get(*, user, problem) -> ProblemNote | None:
    if not user.is_authenticated:
        return None
    return ProblemNote.objects.filter(user=user, problem=problem).first()


def custom_tests_template(problem) -> str:
    return CUSTOM_TESTS_TEMPLATE.format(package=problem.package)


# -- who may see a problem's solution ---------------------------------------------------------

class SolutionHidden(DomainError, PermissionDenied):
    """The solution is not for this user (yet); the message says why, for the user. The API
    answers it 403 (config.api); the pages show the panel with its "Show solution" button."""

    status_code = 403


@dataclass(frozen=True)
class SolutionAccess:
    """Whether a user may see a problem's reference solution, what interviewers look for and its
    common mistakes (practice/review.py). The one rule, for pages, htmx partials and the API."""

    signed_in: bool = False
    solved: bool = False  # a Submit of it was accepted
    revealed_at: datetime | None = None  # they chose "show solution" (practice.models.SolutionReveal)
    in_interview: bool = False  # it is a problem of their interview that is running now

    @property
    def visible(self) -> bool:
        return self.signed_in and not self.in_interview and (self.solved or self.revealed_at is not None)

    @property
    def can_reveal(self) -> bool:
        """"Show solution" is offered (and accepted) while it is hidden, outside a running interview."""
        return self.signed_in and not self.in_interview and not self.visible

    @property
    def hidden_reason(self) -> str:
        if not self.signed_in:
            return "Sign in and solve this problem to see its solution."
        if self.in_interview:
            return "This problem is part of your running interview: its solution stays hidden until the interview ends."
        return "Solve this problem first, or choose \"Show solution\"."


# The facts SolutionAccess needs, as columns of a query over k (user_id, problem_id): whether a
# Submit was accepted, when the solution was revealed, and whether the problem belongs to the
# user's interview that is running now (active and before its deadline).
_ACCESS_COLUMNS = """
       EXISTS (SELECT 1 FROM judge_submission s WHERE s.user_id = k.user_id AND s.problem_id = k.problem_id
                                                  AND s.mode = %s AND s.verdict = %s),
       (SELECT r.revealed_at FROM practice_solutionreveal r WHERE r.user_id = k.user_id AND r.problem_id = k.problem_id),
       EXISTS (SELECT 1 FROM interviews_interviewproblem ip JOIN interviews_interviewsession se ON se.id = ip.session_id
               WHERE se.user_id = k.user_id AND ip.problem_id = k.problem_id AND se.status = %s AND se.deadline > %s)
"""
_KEY = "FROM (SELECT %s::bigint AS user_id, %s::bigint AS problem_id) AS k"


def _access_params(user, problem) -> list:
    return [Mode.SUBMIT, Verdict.ACCEPTED, InterviewSession.Status.ACTIVE, clock.now(), user.pk, problem.pk]


def solution_access(*, user, problem) -> SolutionAccess:
    if not user.is_authenticated:
        return SolutionAccess()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_ACCESS_COLUMNS} {_KEY}", _access_params(user, problem))
        solved, revealed_at, in_interview = cursor.fetchone()
    return SolutionAccess(True, solved, revealed_at, in_interview)


def solution_review(access: SolutionAccess, problem) -> Review | None:
    """The problem's review (reference, what interviewers look for, common mistakes) if `access`
    lets its user see it, else None. Every way to the review goes through here."""
    return review_for(problem) if access.visible else None


def solution_get_for_user(*, user, problem) -> tuple[Review, SolutionAccess]:
    """solution_review for `user`; SolutionHidden (with the reason) when it is not theirs to see."""
    access = solution_access(user=user, problem=problem)
    review = solution_review(access, problem)
    if review is None:
        raise SolutionHidden(access.hidden_reason)
    return review, access


# -- the problem page's own state ----------------------------------------------------------------

RECENT_ROWS = 10  # the page's "Your recent submissions"


@dataclass
class Workspace:
    draft: Draft | None
    note: ProblemNote | None
    solution: SolutionAccess
    recent: list[Submission]  # the user's latest RECENT_ROWS submissions of the problem, newest first

    @property
    def solved(self) -> bool:
        """A submit of the problem was accepted (judge.selectors.solved_slugs, for one problem)."""
        return self.solution.solved


# The signed-in problem page's own state in one statement. As separate ORM queries it cost the
# busiest signed-in page ~2 ms of Python (building and compiling SQL, making model objects; not
# PostgreSQL, which answers them all in well under 1 ms) and a round trip each; as one, 0.2 ms.
# The recent submissions come as one array per column (what a history row shows, judge/_row.html),
# in the history's order, so the draft's columns are not repeated per row.
_WORKSPACE_SQL = f"""
SELECT d.id, d.code, d.custom_tests, d.updated_at, n.id, n.text, n.updated_at, {_ACCESS_COLUMNS},
       r.ids, r.modes, r.statuses, r.verdicts, r.created
{_KEY}
LEFT JOIN practice_draft d ON d.user_id = k.user_id AND d.problem_id = k.problem_id
LEFT JOIN practice_problemnote n ON n.user_id = k.user_id AND n.problem_id = k.problem_id
LEFT JOIN LATERAL (
    SELECT array_agg(s.id ORDER BY s.created_at DESC, s.id DESC) AS ids,
           array_agg(s.mode ORDER BY s.created_at DESC, s.id DESC) AS modes,
           array_agg(s.status ORDER BY s.created_at DESC, s.id DESC) AS statuses,
           array_agg(s.verdict ORDER BY s.created_at DESC, s.id DESC) AS verdicts,
           array_agg(s.created_at ORDER BY s.created_at DESC, s.id DESC) AS created
    FROM (SELECT id, mode, status, verdict, created_at FROM judge_submission
          WHERE user_id = k.user_id AND problem_id = k.problem_id
          ORDER BY created_at DESC, id DESC LIMIT {RECENT_ROWS}) AS s
) AS r ON true
"""  # noqa: S608 - only this module's constants are formatted in; values go as parameters


# Planning it took PostgreSQL five times as long as running it: prepared once per connection.
_workspace_statement = PreparedStatement("practice_workspace", _WORKSPACE_SQL)


def workspace_get(*, user, problem) -> Workspace:
    """The user's draft and notes of `problem`, whether they solved it and may see its solution,
    and their recent submissions of it (rows whose `problem` is `problem`: no join per row)."""
    if not user.is_authenticated:
        return Workspace(None, None, SolutionAccess(), [])
    (draft_id, code, custom_tests, draft_at, note_id, text, note_at, *access,
     ids, modes, statuses, verdicts, created) = _workspace_statement.fetchone(_access_params(user, problem))
    ids_of = {"user_id": user.pk, "problem_id": problem.pk}
    draft = Draft(id=draft_id, code=code, custom_tests=custom_tests, updated_at=draft_at, **ids_of) if draft_id else None
    note = ProblemNote(id=note_id, text=text, updated_at=note_at, **ids_of) if note_id else None
    recent = []
    # One array per column, aggregated over the same rows: equally long.
    for row in zip(ids or (), modes or (), statuses or (), verdicts or (), created or (), strict=True):
        submission = Submission(**dict(zip(("id", "mode", "status", "verdict", "created_at"), row, strict=True)), **ids_of)
        submission.problem = problem
        recent.append(submission)
    return Workspace(draft, note, SolutionAccess(True, *access), recent)


# -- the problem list's filters that read the user's history --------------------------------

def problem_search(filters, rows, *, user, solved=None) -> list[str]:
    """The slugs of `rows` matching `filters` (problems/search.py) for `user`: reads the text
    match and the user's history only when a filter needs them."""
    text_slugs = None
    if filters.q:
        text_slugs = set(Problem.objects.filter(Q(title__icontains=filters.q) | Q(statement__icontains=filters.q))
                         .values_list("slug", flat=True))
    tried = frozenset()
    if filters.status:
        solved = solved_slugs(user) if solved is None else solved
        tried = tried_slugs(user)
    return matching_slugs(filters, rows, text_slugs=text_slugs, solved=solved or frozenset(), tried=tried)
