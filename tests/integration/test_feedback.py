"""Feedback that teaches (issue 13), through HTTP against the real judge: one count of tests and
cases, failing rows first and the passing ones folded, the first failing hidden test's own
message in practice (names only in an interview unless its template says otherwise), compile
errors shown once with links to the editor's lines, and API mismatches named, never quoted."""

import re

import pytest
from django.urls import reverse

from interviews.models import InterviewTemplate
from interviews.services import interview_finish, interview_start
from judge import feedback
from judge.models import Submission
from tests.conftest import HTMX, user_and_client, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

TOPK = "top-k-frequent-elements"
MISSING_FUNCTION = "package topk\n\nfunc TopKFrequnt(nums []int, k int) []int { return nil }\n"
HTML_IN_MESSAGE = """package topk

import "fmt"

func TopKFrequent(nums []int, k int) []int {
	fmt.Print("\\x0f    hidden_test.go:1: <b>bold</b> & more\\x0e\\n")
	return nil
}
"""


@pytest.fixture
def client(transactional_db):
    user, client = user_and_client("lin")
    client.user = user
    return client


def submit(client, slug, code, url=None, **extra):
    """Submit as the workspace does (htmx), wait for the verdict, return it and the result panel."""
    response = client.post(url or reverse("problem_submit", args=[slug]),
                           {"code": code, "mode": "submit", **extra}, **HTMX)
    assert response.status_code == 200, response.content[:500]
    submission = Submission.objects.filter(user=client.user).order_by("-pk").first()
    wait_for_verdict(submission.pk)
    panel = client.get(reverse("submission_status", args=[submission.pk]) + "?oob=1").content.decode()
    return Submission.objects.get(pk=submission.pk), panel


def failing_table(panel: str) -> str:
    match = re.search(r'<table class="grid tests failing">.*?</table>', panel, re.DOTALL)
    return match.group(0) if match else ""


def test_a_wrong_answer_counts_once_lists_failures_first_and_shows_one_hidden_message(
        celery_worker_process, problems, client):
    problem = problems[TOPK]
    wrong = next(v for v in problem.wrong_variants if v["name"] == "ties-value-desc")
    sub, panel = submit(client, TOPK, wrong["files"]["solution.go"])
    assert sub.verdict == "wrong_answer", sub.message

    rows = list(sub.tests.all())
    counts = feedback.count(rows)
    line = f"{counts.tests_failed} of {counts.tests} tests failed · {counts.cases_passed} of {counts.cases} cases passed."
    assert counts.tests_failed and counts.cases != counts.tests
    # One count, the same in the stored message and on the panel, shown once.
    assert sub.message.startswith(line + " First failure: ")
    assert panel.count(line) == 1, panel
    assert "First failure: " in panel

    # Failing rows first, in their own table; the passing ones folded after it.
    table = failing_table(panel)
    assert table and panel.index(table) < panel.index('<details class="passing-tests">')
    assert '<details class="passing-tests" open' not in panel
    assert 'class="test pass"' not in table
    assert table.count('class="test fail"') == sum(r.status == "fail" for r in rows)
    assert f"Passed: {counts.tests_passed} tests · {counts.cases_passed} cases" in panel

    # The first failing hidden test's own message, and no other.
    revealed = [r for r in rows if r.message]
    assert len(revealed) == 1 and "want" in revealed[0].message, revealed
    assert panel.count('class="hidden-message"') == 1
    assert "The hidden test's message" in panel and "the first failure's message, the rest by name" in panel
    assert "hidden_test.go" not in panel


def test_an_interview_shows_names_only_unless_its_template_allows_the_message(celery_worker_process, problems,
                                                                            client):
    problem = problems[TOPK]
    wrong = next(v for v in problem.wrong_variants if v["name"] == "ties-value-desc")["files"]["solution.go"]
    template = InterviewTemplate.objects.create(slug="topk-only", title="Top K", duration_minutes=30,
                                                slots=[{"label": "Heaps", "slugs": [TOPK]}])
    assert template.shows_failing_case is False  # the default: names only

    for shows, expected in [(False, 0), (True, 1)]:
        template.shows_failing_case = shows
        template.save()
        session = interview_start(user=client.user, template=template)
        sub, panel = submit(client, TOPK, wrong, url=reverse("interview_submit", args=[session.pk]), problem=TOPK)
        assert sub.interview_id == session.pk and sub.verdict == "wrong_answer"
        assert sum(bool(r.message) for r in sub.tests.all()) == expected
        assert panel.count('class="hidden-message"') == expected
        assert ("names only" in failing_table(panel)) is not shows
        api = client.get(f"/api/submissions/{sub.pk}/").json()
        assert sum(bool(t["message"]) for t in api["tests"]) == expected
        interview_finish(session=session)


def test_a_compile_error_is_shown_once_with_links_to_the_editors_lines(celery_worker_process, problems, client):
    problem = problems["user-repository"]
    code = problem.starter_code.replace("\treturn nil, nil\n}", "\treturn nil, nil, undefinedThing\n}", 1)
    assert code != problem.starter_code
    sub, panel = submit(client, "user-repository", code)
    assert sub.verdict == "compile_error", sub.message
    first = sub.compile_output.splitlines()[0]
    file_name, file_line = re.match(r"\./([\w.]+):(\d+):", first).groups()
    assert panel.count("undefinedThing") == sub.compile_output.count("undefinedThing"), panel  # printed once
    # The link points at the editor's line: the file's line, counted from its `-- name.go --` header.
    editor_lines = code.split("\n")
    header = editor_lines.index(f"-- {file_name} --")
    link = re.search(r'<a class="line-link" href="#L-(\d+)" data-editor="code" data-line="(\d+)"', panel)
    assert link and link.group(1) == link.group(2)
    assert int(link.group(2)) == header + 1 + int(file_line)
    assert "undefinedThing" in editor_lines[int(link.group(2)) - 1]


def test_an_api_mismatch_names_the_identifier_never_the_hidden_file(celery_worker_process, problems, client):
    sub, panel = submit(client, TOPK, MISSING_FUNCTION)
    assert sub.verdict == "compile_error"
    assert sub.compile_output == ("Your code has no `TopKFrequent`: the tests call it (see the statement). "
                                  "Your `TopKFrequnt` is spelled differently.")
    assert panel.count("Your code has no `TopKFrequent`") == 1
    assert "hidden_test" not in panel and "dojo.local" not in panel


def test_printed_markup_in_a_message_is_text(celery_worker_process, problems, client):
    sub, panel = submit(client, TOPK, HTML_IN_MESSAGE)
    assert sub.verdict == "wrong_answer"
    assert "<b>bold</b>" not in panel
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in panel
