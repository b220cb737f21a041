"""The code-review round (interview template `code-review-round`): three offered drills of rising
difficulty under the interviews' server clock, one at a time, each test judged through the drill
path with the interview set; the bug is revealed only in the report, scored on its own rubric.

Drills are recorded as validation would record them (problems.drills.drills_record, as
test_drills_pages.py does; test_drills_judging.py proves validation for real). Time is injected
(tests/integration/conftest.py `clock`); the tests' verdicts come from the real worker and sandbox."""

import time
from datetime import timedelta

import pytest
from django.test import Client

from interviews.api_serializers import InterviewStateSerializer, TemplateSerializer
from interviews.defaults import install_default_templates
from interviews.draw import NO_DRILLS, interview_draw_drills
from interviews.models import REVIEW_RUBRIC_CRITERIA, InterviewSession, InterviewTemplate
from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from practice.drill_selectors import drill_access
from practice.models import DrillReview, DrillUnlock
from problems.drills import DrillFinding, drills_record
from problems.models import Drill
from tests.conftest import HTMX, api_as, make_user, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
ROUND = "code-review-round"

# keeps-marks (5 of 7 hidden tests fail on it: easy), negative-as-left (3 of 8: medium),
# drops-error (1 of 11: hard). Cheap to judge: small packages, no race detector.
EASY, MEDIUM, HARD = ("unicode-palindrome", "keeps-marks"), ("rotate-left", "negative-as-left"), \
    ("limit-reader", "drops-error")
FINDINGS = [DrillFinding(*EASY, True, "", 5, 7), DrillFinding(*MEDIUM, True, "", 3, 8),
            DrillFinding(*HARD, True, "", 1, 11)]

CATCHES_KEEPS_MARKS = '''package palindrome

import "testing"

func TestMarksAreSkipped(t *testing.T) {
	if !IsPalindrome("ab\\u0301a") {
		t.Fatal("a combining mark is neither a letter nor a digit")
	}
}
'''

# Passes on the reference and on negative-as-left alike: a positive k is rotated right by both.
MISSES_NEGATIVE_K = '''package rotate

import (
	"slices"
	"testing"
)

func TestRotateByOne(t *testing.T) {
	s := []int{1, 2, 3}
	RotateLeft(s, 1)
	if !slices.Equal(s, []int{2, 3, 1}) {
		t.Fatalf("got %v", s)
	}
}
'''

REVIEW = {key: {"score": 3, "note": f"note on {key}"} for key, _ in REVIEW_RUBRIC_CRITERIA}


@pytest.fixture
def templates(problems):
    """The shipped templates (a transactional test's flush removes what the migrations installed)."""
    install_default_templates(InterviewTemplate)
    return {t.slug: t for t in InterviewTemplate.objects.all()}


@pytest.fixture
def drills(problems, templates):
    drills_record(FINDINGS)
    return {(d.problem.slug, d.variant): d for d in Drill.objects.select_related("problem")}


@pytest.fixture
def alice(problems):
    return make_user("alice")


def why(problems, slug, variant):
    return next(w["why"] for w in problems[slug].wrong_variants if w["name"] == variant)


def reference_line(problems, slug):
    """A line only the reference has (its code must never reach a page or the API during the round)."""
    reference = "\n".join(problems[slug].reference_files.values())
    variant = "\n".join(next(w for w in problems[slug].wrong_variants if w["name"] == dict([EASY, MEDIUM, HARD])[slug])
                        ["files"].values())
    return next(line.strip() for line in reference.splitlines() if len(line.strip()) > 20 and line not in variant)


def assert_declared(data, serializer=None):
    """`data` has the shape the OpenAPI schema declares (test_api_schema.py fuzzes the coding
    interviews; a round's drill and bug fields are checked here)."""
    checked = (serializer or InterviewStateSerializer)(data=data)
    assert checked.is_valid(), checked.errors


def wait_for_status(client, submission_id, timeout=120) -> str:
    """The live status partial the pages poll, until it shows a verdict."""
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"/submissions/{submission_id}/status/", **HTMX).content.decode()
        if 'data-verdict="' in status or time.monotonic() > deadline:
            return status
        time.sleep(0.3)


def test_the_round_is_listed_but_cannot_start_while_no_drill_is_offered(alice, templates, clock):
    page = signed_in(alice).get("/interviews/").content.decode()
    assert "Code-review round" in page and "3 code-review drills" in page and "Not available yet." in page
    api = api_as(alice)
    listed = {t["slug"]: t for t in api.get("/api/interviews/templates/").json()}
    assert (listed[ROUND]["kind"], listed[ROUND]["duration_minutes"], listed[ROUND]["problem_count"]) == (
        "drills", 45, 3)
    assert [c["key"] for c in listed[ROUND]["rubric"]] == [key for key, _ in REVIEW_RUBRIC_CRITERIA]
    refused = api.post("/api/interviews/", {"template": ROUND}, format="json")
    assert refused.status_code == 400 and refused.json()["detail"] == NO_DRILLS
    plain = signed_in(alice).post("/interviews/start/", {"template": ROUND}, follow=True)
    assert plain.status_code == 200 and "No code-review drills are offered yet" in plain.content.decode()
    assert not InterviewSession.objects.exists()


def test_slots_draw_rising_difficulty_avoiding_drills_already_caught(alice, drills, problems):
    slots = InterviewTemplate.objects.get(slug=ROUND).slots
    for _ in range(3):
        picks = [(d.problem.slug, d.variant) for _, d in interview_draw_drills(user=alice, slots=slots)]
        assert picks == [EASY, MEDIUM, HARD]
    # A second easy drill, of another problem; alice has caught the first: the slot takes the other.
    drills_record([DrillFinding("pop-front-k", problems["pop-front-k"].wrong_variants[0]["name"], True, "", 4, 6)])
    Submission.objects.create(user=alice, problem=problems[EASY[0]], code="x", mode=Mode.DRILL, variant=EASY[1],
                              status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    for _ in range(3):
        first = interview_draw_drills(user=alice, slots=slots)[0][1]
        assert first.problem.slug == "pop-front-k" and first.difficulty == "easy"
    # No hard drill left: the hard slot takes the nearest difficulty, and never a problem twice.
    Drill.objects.filter(problem__slug=HARD[0]).update(offered=False)
    picks = interview_draw_drills(user=alice, slots=slots)
    assert [d.difficulty for _, d in picks] == ["easy", "medium", "easy"]
    assert len({d.problem_id for _, d in picks}) == 3


@pytest.mark.docker
def test_a_round_through_the_pages_judged_for_real(celery_worker_process, alice, drills, problems, clock):
    page_client = signed_in(alice)
    started = page_client.post("/interviews/start/", {"template": ROUND})
    session = InterviewSession.objects.get(user=alice)
    assert started.status_code == 302 and started["Location"] == f"/interviews/{session.pk}/"
    assert [(p.problem.slug, p.variant) for p in session.problems.order_by("position")] == [EASY, MEDIUM, HARD]
    assert session.deadline - session.started_at == timedelta(minutes=45)

    # Drill 1: the statement, the code under review and a test editor; not the reference, not the bug.
    easy = drills[EASY]
    page = page_client.get(f"/interviews/{session.pk}/").content.decode()
    assert "Drill 1 of 3" in page and "unicode.IsMark(r)" in page and "Your test" in page
    assert f'action="/review/{easy.pk}/submit/"' in page and f'name="interview" value="{session.pk}"' in page
    assert reference_line(problems, EASY[0]) not in page and why(problems, *EASY) not in page
    assert "func TestCatchTheBug" in page  # the editor starts from a test file
    # Inside the interview only this drill is open, and only as the interview's: its practice page,
    # its reveal and its API stay closed; other drills stay refused.
    access = drill_access(user=alice, problem=easy.problem, variant=easy.variant)
    assert access.may_submit(session) and not access.visible and not access.may_submit(None)
    locked = page_client.get(f"/review/{easy.pk}/")
    assert locked.status_code == 403 and "current one of your running interview" in locked.content.decode()
    assert page_client.post(f"/review/{easy.pk}/review/", {"line": ["9"], "explanation": "x"}, **HTMX).status_code == 403
    assert api_as(alice).get(f"/api/review/{easy.pk}/").status_code == 403
    other = page_client.post(f"/review/{drills[MEDIUM].pk}/submit/",
                             {"code": MISSES_NEGATIVE_K, "interview": session.pk}, **HTMX)
    assert other.status_code == 403 and not Submission.objects.exists()
    assert page_client.post(f"/interviews/{session.pk}/next/", {"position": 1}).status_code == 302
    assert session.problems.get(position=1).state == "current"  # Next needs a test first

    # A test that catches the bug: judged against the variant and the reference, counted in the interview.
    answer = page_client.post(f"/review/{easy.pk}/submit/",
                              {"code": CATCHES_KEEPS_MARKS, "interview": session.pk, "mode": "submit"}, **HTMX)
    body = answer.content.decode()
    assert answer.status_code == 200 and 'id="moves"' in body and 'data-submits="1">1 test<' in body
    caught = Submission.objects.get(user=alice, variant=EASY[1])
    assert (caught.mode, caught.interview_id) == (Mode.DRILL, session.pk)
    status = wait_for_status(page_client, caught.pk)
    assert 'data-verdict="accepted"' in status and "Caught" in status, status
    assert page_client.post(f"/interviews/{session.pk}/next/", {"position": 1}).status_code == 302

    # Drill 2: a test that passes on both does not catch it. The first drill is closed now.
    medium = drills[MEDIUM]
    page = page_client.get(f"/interviews/{session.pk}/").content.decode()
    assert "Drill 2 of 3" in page and "k = -k" in page and why(problems, *MEDIUM) not in page
    late_first = page_client.post(f"/review/{easy.pk}/submit/",
                                  {"code": CATCHES_KEEPS_MARKS + "\n", "interview": session.pk}, **HTMX)
    assert late_first.status_code == 403
    page_client.post(f"/review/{medium.pk}/submit/", {"code": MISSES_NEGATIVE_K, "interview": session.pk}, **HTMX)
    missed = Submission.objects.get(user=alice, variant=MEDIUM[1])
    status = wait_for_status(page_client, missed.pk)
    assert 'data-verdict="wrong_answer"' in status and "Not caught" in status, status
    page_client.post(f"/interviews/{session.pk}/next/", {"position": 2})

    # Drill 3: past the deadline, a test is refused (409), on the page and through the API.
    clock.now = session.deadline
    hard = drills[HARD]
    late = page_client.post(f"/review/{hard.pk}/submit/", {"code": "package limitreader\n", "interview": session.pk},
                            **HTMX)
    assert late.status_code == 409 and "Time is up" in late.content.decode()
    late_api = api_as(alice).post(f"/api/review/{hard.pk}/submissions/",
                                  {"code": "package limitreader\n", "interview": session.pk}, format="json")
    assert late_api.status_code == 409 and "Time is up" in late_api.json()["detail"]
    assert Submission.objects.filter(variant=HARD[1]).count() == 0

    # The report: caught, not caught, not submitted; each reached drill's bug revealed; the round's rubric.
    report = page_client.get(f"/interviews/{session.pk}/").content.decode()
    assert "Report: Code-review round" in report
    assert 'data-result="accepted"' in report and ">Caught<" in report
    assert 'data-result="wrong_answer"' in report and ">Not caught<" in report
    assert 'data-result="not_submitted"' in report
    for slug, variant in (EASY, MEDIUM, HARD):
        assert why(problems, slug, variant) in report
    assert "diff-added" in report or "diff-removed" in report
    for _, label in REVIEW_RUBRIC_CRITERIA:
        assert label in report
    assert "Problem solving" not in report  # the coding interviews' rubric
    form = {f"{key}-score": "3" for key, _ in REVIEW_RUBRIC_CRITERIA} | {"finding_the_bug-note": "found 1 of 3"}
    assert page_client.post(f"/interviews/{session.pk}/review/", form).status_code == 302
    session.refresh_from_db()
    assert session.rubric["finding_the_bug"] == {"score": 3, "note": "found 1 of 3"}
    assert "15 / 20" in page_client.get(f"/interviews/{session.pk}/").content.decode()
    api = api_as(alice).get(f"/api/interviews/{session.pk}/").json()
    rows = {row["problem"]: row for row in api["report"]["problems"]}
    assert rows[EASY[0]]["verdict"] == "accepted" and rows[MEDIUM[0]]["verdict"] == "wrong_answer"
    assert rows[EASY[0]]["bug"]["why"] == why(problems, *EASY) and rows[EASY[0]]["bug"]["diff"].startswith("---")
    assert api["report"]["rubric_total"] == 15


def test_the_api_runs_a_round_showing_the_drill_never_the_reference(alice, drills, problems, clock, monkeypatch):
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)  # stays queued
    api = api_as(alice)
    state = api.post("/api/interviews/", {"template": ROUND}, format="json").json()
    current = state["current_problem"]
    assert state["template"]["kind"] == "drills" and state["problem_count"] == 3
    assert current["slug"] == EASY[0] and current["drill"]["id"] == drills[EASY].pk
    assert "unicode.IsMark(r)" in current["drill"]["code"] and current["difficulty"] == "easy"
    assert "func TestCatchTheBug" in current["code"] and "func TestCatchTheBug" in current["starter"]["go"]
    assert_declared(state)
    text = str(state)
    assert reference_line(problems, EASY[0]) not in text and why(problems, *EASY) not in text
    assert EASY[1] not in text  # the bug's name neither

    sent = api.post(f"/api/review/{drills[EASY].pk}/submissions/",
                    {"code": CATCHES_KEEPS_MARKS, "interview": state["id"]}, format="json")
    assert sent.status_code == 201 and sent.json()["interview"] == state["id"] and sent.json()["mode"] == "drill"
    state = api.get(f"/api/interviews/{state['id']}/").json()
    assert state["current_problem"]["submits"] == 1 and state["current_problem"]["can_next"]
    assert state["current_problem"]["code"] == CATCHES_KEEPS_MARKS
    state = api.post(f"/api/interviews/{state['id']}/next/", {"position": 1}, format="json").json()
    assert state["current_problem"]["drill"]["id"] == drills[MEDIUM].pk
    assert api.post("/api/submissions/", {"problem": MEDIUM[0], "code": "package rotate\n", "interview": state["id"]},
                    format="json").status_code == 400  # a drill is reviewed, not solved
    state = api.post(f"/api/interviews/{state['id']}/finish/", format="json").json()
    assert state["status"] == "finished" and state["current_problem"] is None
    rows = state["report"]["problems"]
    assert rows[0]["bug"]["name"] == EASY[1] and rows[1]["bug"]["why"] == why(problems, *MEDIUM)
    assert rows[2]["state"] == "pending" and rows[2]["bug"] is None  # never reached: still a drill to practise
    coding = {key: {"score": 2} for key in ("problem_solving", "code_quality", "testing", "communication", "speed")}
    refused = api.post(f"/api/interviews/{state['id']}/review/", {"rubric": coding}, format="json")
    assert refused.status_code == 400 and "Unknown criteria" in refused.json()["detail"]
    saved = api.post(f"/api/interviews/{state['id']}/review/", {"rubric": REVIEW}, format="json").json()
    assert saved["report"]["rubric_total"] == 15 and saved["report"]["rubric"]["proving_it"]["score"] == 3
    assert_declared(saved)
    assert_declared(api.get("/api/interviews/templates/").json()[-1], TemplateSerializer)


def test_someone_else_gets_404_and_the_signed_out_are_sent_to_sign_in(alice, drills, clock, monkeypatch):
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)
    api_as(alice).post("/api/interviews/", {"template": ROUND}, format="json")
    session = InterviewSession.objects.get(user=alice)
    easy = drills[EASY]
    bob = make_user("bob")
    bob_page, bob_api = signed_in(bob), api_as(bob)
    base = f"/interviews/{session.pk}"
    for url in (f"{base}/", f"{base}/report/"):
        assert bob_page.get(url).status_code == 404, url
    for url in (f"{base}/draft/", f"{base}/next/", f"{base}/skip/", f"{base}/finish/", f"{base}/review/"):
        assert bob_page.post(url, {"problem": EASY[0], "code": "x"}).status_code == 404, url
    assert bob_page.post(f"/review/{easy.pk}/submit/", {"code": CATCHES_KEEPS_MARKS, "interview": session.pk},
                         **HTMX).status_code == 404
    assert bob_api.get(f"/api/interviews/{session.pk}/").status_code == 404
    assert bob_api.post(f"/api/review/{easy.pk}/submissions/", {"code": CATCHES_KEEPS_MARKS, "interview": session.pk},
                        format="json").status_code == 404
    assert not Submission.objects.exists()
    anonymous = Client()
    for url in (f"{base}/", f"{base}/report/"):
        answer = anonymous.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/"), url
    answer = anonymous.post(f"/review/{easy.pk}/submit/", {"code": "x", "interview": session.pk})
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


def test_staff_read_drills_unlocks_and_reviews_in_the_admin(alice, drills, problems):
    drills_record([DrillFinding("rotate-left", "temp-buffer", False, "the visible examples alone catch it", 2, 8)])
    client = signed_in(make_user("staff", is_staff=True, is_superuser=True))
    listing = client.get("/admin/problems/drill/").content.decode()
    assert "negative-as-left" in listing and "temp-buffer" in listing
    hard = client.get("/admin/problems/drill/?difficulty=hard").content.decode()
    assert "drops-error" in hard and "keeps-marks" not in hard and "negative-as-left" not in hard
    medium = client.get("/admin/problems/drill/?difficulty=medium").content.decode()
    assert "negative-as-left" in medium and "drops-error" not in medium
    left_out = client.get("/admin/problems/drill/?left_out=the+visible+examples+alone+catch+it").content.decode()
    assert "temp-buffer" in left_out and "keeps-marks" not in left_out
    assert "temp-buffer" not in client.get("/admin/problems/drill/?left_out=-").content.decode()
    drill = drills[EASY]
    assert client.get(f"/admin/problems/drill/{drill.pk}/change/").status_code == 200  # view only
    assert client.post(f"/admin/problems/drill/{drill.pk}/change/", {"offered": ""}).status_code == 403
    assert client.get("/admin/problems/drill/add/").status_code == 403
    DrillUnlock.objects.create(user=alice, problem=problems[EASY[0]])
    DrillReview.objects.create(user=alice, drill=drill, lines=[9], explanation="keeps marks", hits=True)
    assert "alice" in client.get("/admin/practice/drillunlock/").content.decode()
    assert "keeps marks" in client.get("/admin/practice/drillreview/?hits__exact=1").content.decode()
