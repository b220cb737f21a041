from dataclasses import dataclass

from django.db import connection

from judge.models import Mode
from judge.verdicts import Verdict
from practice.models import Draft, ProblemNote

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


@dataclass
class Workspace:
    draft: Draft | None
    note: ProblemNote | None
    solved: bool  # a submit of the problem was accepted (learn.selectors.solved_slugs, for one problem)


# The signed-in problem page's own state in one statement. As three ORM queries it cost the
# busiest signed-in page ~2 ms of Python (building and compiling SQL, making model objects; not
# PostgreSQL, which answers all three in well under 1 ms) and two more round trips; as one, 0.2 ms.
_WORKSPACE_SQL = """
SELECT d.id, d.code, d.custom_tests, d.updated_at, n.id, n.text, n.updated_at,
       EXISTS (SELECT 1 FROM judge_submission s WHERE s.user_id = k.user_id AND s.problem_id = k.problem_id
                                                  AND s.mode = %s AND s.verdict = %s)
FROM (SELECT %s::bigint AS user_id, %s::bigint AS problem_id) AS k
LEFT JOIN practice_draft d ON d.user_id = k.user_id AND d.problem_id = k.problem_id
LEFT JOIN practice_problemnote n ON n.user_id = k.user_id AND n.problem_id = k.problem_id
"""


def workspace_get(*, user, problem) -> Workspace:
    """The user's draft and notes of `problem`, and whether they solved it."""
    if not user.is_authenticated:
        return Workspace(None, None, False)
    with connection.cursor() as cursor:
        cursor.execute(_WORKSPACE_SQL, [Mode.SUBMIT, Verdict.ACCEPTED, user.pk, problem.pk])
        draft_id, code, custom_tests, draft_at, note_id, text, note_at, solved = cursor.fetchone()
    ids = {"user_id": user.pk, "problem_id": problem.pk}
    draft = Draft(id=draft_id, code=code, custom_tests=custom_tests, updated_at=draft_at, **ids) if draft_id else None
    note = ProblemNote(id=note_id, text=text, updated_at=note_at, **ids) if note_id else None
    return Workspace(draft, note, solved)
