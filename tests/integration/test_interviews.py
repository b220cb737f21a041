"""Timed mock interviews through HTTP, on the real catalog, database, broker and judge.

Time is injected: `interviews.clock.now` is the one clock interviews read (services take
`now=` too), so a test moves it instead of sleeping. Submissions' own timestamps stay real."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from interviews.defaults import CONCURRENCY_TAGS, TEMPLATES, install_default_templates
from interviews.draw import _matches, interview_draw_problems
from interviews.models import InterviewSession, InterviewTemplate
from interviews.services import interview_start, interviews_close_expired
from interviews.tasks import close_expired_interviews
from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from problems.code_files import join_files
from problems.models import Kind, Problem
from tests.conftest import HTMX, make_user, signed_in, user_and_client, wait_for_verdict

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def templates(problems):
    """The shipped templates (a transactional test's flush removes what the migration installed)."""
    install_default_templates(InterviewTemplate)
    return {t.slug: t for t in InterviewTemplate.objects.all()}


@pytest.fixture
def pinned(problems):
    """A staff-made template whose slots are pinned to known problems, so tests are deterministic."""
    return InterviewTemplate.objects.create(slug="pinned-three", title="Pinned three", duration_minutes=30, slots=[
        {"label": "First", "slugs": ["unicode-palindrome"]},
        {"label": "Second", "slugs": ["rotate-left"]},
        {"label": "Third", "slugs": ["group-anagrams"]},
    ])


@pytest.fixture
def alice(problems):
    user = make_user("alice")
    return signed_in(user, api=True), user


@pytest.fixture
def bob(problems):
    user = make_user("bob")
    return signed_in(user, api=True), user


def reference(problems, slug):
    return join_files(problems[slug].reference_files)


def submit(api, interview_id, slug, code, mode="submit"):
    return api.post("/api/submissions/", {"problem": slug, "code": code, "mode": mode, "interview": interview_id},
                    format="json")


def start(api, template):
    response = api.post("/api/interviews/", {"template": template}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_shipped_templates_are_listed(alice, templates):
    api, _ = alice
    listed = {t["slug"]: t for t in api.get("/api/interviews/templates/").json()}
    assert {"go-backend-loop", "quick-screen", "concurrency-deep-dive"} <= set(listed)
    assert (listed["go-backend-loop"]["duration_minutes"], listed["go-backend-loop"]["problem_count"]) == (90, 3)
    assert (listed["quick-screen"]["duration_minutes"], listed["quick-screen"]["problem_count"]) == (25, 1)
    assert (listed["concurrency-deep-dive"]["duration_minutes"],
            listed["concurrency-deep-dive"]["problem_count"]) == (60, 2)
    assert [s["label"] for s in templates["go-backend-loop"].slots] == ["Concurrency", "Systems", "Data structures"]
    # Staff edits survive: installing again changes nothing.
    InterviewTemplate.objects.filter(slug="quick-screen").update(duration_minutes=30)
    assert install_default_templates(InterviewTemplate) == []
    assert InterviewTemplate.objects.get(slug="quick-screen").duration_minutes == 30


def test_shipped_templates_draw_from_the_real_catalog(templates, problems):
    user = make_user("drawer")
    solutions = [p for p in problems.values() if p.kind != Kind.TESTS]
    for spec in TEMPLATES:
        if spec.get("kind") == "drills":  # drawn from the offered drills: test_interview_review_round.py
            continue
        picks = interview_draw_problems(user=user, slots=spec["slots"])
        assert len(picks) == len(spec["slots"]), spec["slug"]
        assert len({p.id for _, p in picks}) == len(picks)
        assert all(p.kind != Kind.TESTS for _, p in picks)
        for slot, (label, problem) in zip(spec["slots"], picks, strict=True):
            assert label == slot["label"]
            if any(_matches(p, slot) for p in solutions):  # when the pool has problems, the pick is from it
                assert _matches(problem, slot), (spec["slug"], slot["label"], problem.slug)
    loop = interview_draw_problems(user=user, slots=templates["go-backend-loop"].slots)
    if any(_matches(p, templates["go-backend-loop"].slots[0]) for p in solutions):
        assert set(loop[0][1].tags) & set(CONCURRENCY_TAGS)


def test_draw_prefers_problems_not_solved_recently_and_never_repeats(transactional_db):
    def make(slug, step, tags, kind=Kind.SOLUTION):
        return Problem.objects.create(slug=slug, title=slug, step=step, difficulty="medium", tags=tags, kind=kind,
                                      package="p", statement="s", statement_html="<p>s</p>", content_hash="x")

    solved, fresh = make("zz-solved", 5, ["zz-alpha"]), make("zz-fresh", 5, ["zz-alpha"])
    other = make("zz-other", 6, ["zz-beta"])
    make("zz-tests", 5, ["zz-alpha"], kind=Kind.TESTS)
    user = make_user("carol")
    old = Submission.objects.create(user=user, problem=solved, code="x", mode=Mode.SUBMIT, status=Status.FINISHED,
                                    verdict=Verdict.ACCEPTED)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    slots = [{"label": "A", "tags": ["zz-alpha"]}, {"label": "B", "tags": ["zz-alpha"]},
             {"label": "C", "tags": ["no-such-tag"], "steps": [6]}]
    for _ in range(5):  # random within a pool, but never against the rules
        picks = [p.slug for _, p in interview_draw_problems(user=user, slots=slots)]
        # A: the one not solved in the last 30 days; B: the solved one (the pool has nothing else);
        # C: its tag pool is empty, so any problem of its steps. The tests task is never drawn.
        assert picks == [fresh.slug, solved.slug, other.slug]
    # Solved 40 days ago no longer counts as recent: either may come first.
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    seen = {interview_draw_problems(user=user, slots=slots[:1])[0][1].slug for _ in range(40)}
    assert seen == {fresh.slug, solved.slug}
    # exclude_tags: a problem carrying one is out of the pool, however fresh it is.
    excluded = make("zz-excluded", 5, ["zz-alpha", "zz-gamma"])
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now())
    slot = {"label": "X", "tags": ["zz-alpha"], "exclude_tags": ["zz-gamma"], "slugs": [excluded.slug, solved.slug]}
    assert {interview_draw_problems(user=user, slots=[slot])[0][1].slug for _ in range(10)} == {solved.slug}


def test_start_state_and_remaining_seconds_follow_the_server_clock(alice, templates, clock):
    api, _ = alice
    started = clock.now
    body = start(api, "quick-screen")
    assert body["status"] == "active" and body["remaining_seconds"] == 25 * 60
    assert body["deadline"] == (started + timedelta(minutes=25)).isoformat()
    current = body["current_problem"]
    assert current["position"] == 1 and current["statement"] and current["starter"]["go"]
    assert current["difficulty"] in ("easy", "medium") and current["runs"] == current["submits"] == 0
    assert Problem.objects.get(slug=current["slug"]).step in (1, 2, 3, 11)

    clock.advance(minutes=10, seconds=0.5)
    state = api.get(f"/api/interviews/{body['id']}/").json()
    assert state["remaining_seconds"] == 15 * 60  # 899.5 s, rounded up
    assert state["current_problem"]["slug"] == current["slug"]  # a reload (or a second tab) sees the same

    second = api.post("/api/interviews/", {"template": "go-backend-loop"}, format="json")
    assert second.status_code == 409 and second.json()["id"] == body["id"] and "in progress" in second.json()["detail"]
    assert api.post("/api/interviews/", {"template": "no-such"}, format="json").status_code == 404
    assert api.post("/api/interviews/", {}, format="json").status_code == 400

    hidden = api.post("/api/interviews/", {"template": "quick-screen", "hide_difficulty": True}, format="json")
    assert hidden.status_code == 409  # still one at a time
    clock.advance(minutes=15)  # the deadline: reading the session ends it
    state = api.get(f"/api/interviews/{body['id']}/").json()
    assert (state["status"], state["end_reason"], state["remaining_seconds"]) == ("finished", "deadline", 0)
    assert state["current_problem"] is None and state["report"]["problems"][0]["verdict"] == "not_submitted"
    hidden = api.post("/api/interviews/", {"template": "quick-screen", "hide_difficulty": True}, format="json")
    assert hidden.status_code == 201
    hidden = hidden.json()
    assert hidden["hide_difficulty"] is True and hidden["current_problem"]["difficulty"] is None
    listing = api.get("/api/interviews/").json()["results"]
    assert [s["id"] for s in listing] == [hidden["id"], body["id"]]


def test_a_submission_one_second_late_is_refused_and_one_at_the_last_second_is_queued(alice, pinned, problems,
                                                                                        clock):
    api, _ = alice
    body = start(api, "pinned-three")
    deadline = clock.now + timedelta(minutes=30)
    code = reference(problems, "unicode-palindrome")

    clock.now = deadline - timedelta(seconds=1)
    on_time = submit(api, body["id"], "unicode-palindrome", code)
    assert on_time.status_code == 201, on_time.content
    assert on_time.json()["status"] == "queued" and on_time.json()["interview"] == body["id"]

    clock.now = deadline + timedelta(seconds=1)
    late = submit(api, body["id"], "unicode-palindrome", code + "\n// one more try\n")
    assert late.status_code == 409
    assert "Time is up" in late.json()["detail"] and "not accepted" in late.json()["detail"]
    clock.now = deadline  # the deadline itself is already late
    assert submit(api, body["id"], "unicode-palindrome", code + "\n// again\n", mode="run").status_code == 409
    assert Submission.objects.filter(interview_id=body["id"]).count() == 1

    # The refused submissions ended nothing by themselves; a read (or the sweeper) does.
    state = api.get(f"/api/interviews/{body['id']}/").json()
    assert state["status"] == "finished" and state["end_reason"] == "deadline"
    assert state["report"]["problems"][0]["submits"] == 1
    assert submit(api, body["id"], "unicode-palindrome", code + "\n// after\n").status_code == 409


def test_next_and_skip_one_at_a_time_with_no_going_back(alice, pinned, problems, clock):
    api, _ = alice
    body = start(api, "pinned-three")
    iid = body["id"]
    assert body["current_problem"]["slug"] == "unicode-palindrome"
    assert [p["problem"] for p in body["problems"]] == ["unicode-palindrome"]  # later ones are not revealed

    refused = api.post(f"/api/interviews/{iid}/next/", {}, format="json")
    assert refused.status_code == 400 and "Submit" in refused.json()["detail"]
    assert submit(api, iid, "rotate-left", reference(problems, "rotate-left")).status_code == 400  # not current
    assert submit(api, iid, "unicode-palindrome", reference(problems, "unicode-palindrome")).status_code == 201

    clock.advance(minutes=5)
    moved = api.post(f"/api/interviews/{iid}/next/", {"position": 1}, format="json")
    assert moved.status_code == 200 and moved.json()["current_problem"]["slug"] == "rotate-left"
    # No going back: the first problem takes no more submissions; a stale tab's move is refused.
    back = submit(api, iid, "unicode-palindrome", reference(problems, "unicode-palindrome") + "\n//2\n")
    assert back.status_code == 400 and "current problem" in back.json()["detail"]
    stale = api.post(f"/api/interviews/{iid}/skip/", {"position": 1}, format="json")
    assert stale.status_code == 409
    assert api.get(f"/api/interviews/{iid}/").json()["current_problem"]["position"] == 2

    clock.advance(minutes=2)
    skipped = api.post(f"/api/interviews/{iid}/skip/", {"position": 2}, format="json").json()
    assert skipped["current_problem"]["slug"] == "group-anagrams"
    clock.advance(minutes=1)
    done = api.post(f"/api/interviews/{iid}/skip/", {}, format="json").json()
    assert (done["status"], done["end_reason"], done["current_problem"]) == ("finished", "completed", None)
    assert [p["state"] for p in done["report"]["problems"]] == ["done", "skipped", "skipped"]
    assert [p["time_spent_seconds"] for p in done["report"]["problems"]] == [300, 120, 60]
    after = api.post(f"/api/interviews/{iid}/skip/", {}, format="json")
    assert after.status_code == 409 and "ended" in after.json()["detail"]
    assert api.post(f"/api/interviews/{iid}/finish/", {}, format="json").status_code == 200  # idempotent


def test_report_counts_runs_submits_and_time_spent(alice, pinned, problems, clock):
    api, _ = alice
    started = clock.now
    iid = start(api, "pinned-three")["id"]
    code = reference(problems, "unicode-palindrome")
    clock.advance(minutes=2)
    assert submit(api, iid, "unicode-palindrome", code, mode="run").status_code == 201
    assert submit(api, iid, "unicode-palindrome", code + "\n// v2\n", mode="run").status_code == 201
    first = submit(api, iid, "unicode-palindrome", code + "\n// v3\n").json()
    last = submit(api, iid, "unicode-palindrome", code + "\n// v4\n").json()
    clock.advance(minutes=8)
    api.post(f"/api/interviews/{iid}/next/", {}, format="json")
    clock.advance(minutes=3)
    assert submit(api, iid, "rotate-left", reference(problems, "rotate-left"), mode="run").status_code == 201
    clock.advance(minutes=2)
    done = api.post(f"/api/interviews/{iid}/finish/", {}, format="json").json()
    assert done["status"] == "finished" and done["end_reason"] == "early"
    assert done["finished_at"] == (started + timedelta(minutes=15)).isoformat()
    report = done["report"]
    p1, p2, p3 = report["problems"]
    assert (p1["runs"], p1["submits"], p1["time_spent_seconds"]) == (2, 2, 600)
    assert p1["submission"] == last["id"] != first["id"]  # graded on the last Submit, not the first
    assert p1["verdict"] in {"pending", *Verdict.values}
    assert (p2["runs"], p2["submits"], p2["time_spent_seconds"], p2["verdict"]) == (1, 0, 300, "not_submitted")
    assert (p3["state"], p3["time_spent_seconds"], p3["verdict"]) == ("pending", None, "not_submitted")
    assert report["totals"] == {"problems": 3, "solved": report["totals"]["solved"], "runs": 3, "submits": 2,
                                "time_spent_seconds": 900, "pending": report["totals"]["pending"]}


def test_the_sweeper_closes_an_expired_session_graded_on_its_last_submit(alice, pinned, problems, clock,
                                                                        celery_worker_process):
    api, _ = alice
    iid = start(api, "pinned-three")["id"]
    deadline = InterviewSession.objects.get(pk=iid).deadline
    wrong = submit(api, iid, "unicode-palindrome", problems["unicode-palindrome"].starter_code).json()
    right = submit(api, iid, "unicode-palindrome", reference(problems, "unicode-palindrome")).json()
    run_after = submit(api, iid, "unicode-palindrome", "package palindrome\n", mode="run").json()  # not a grade

    clock.now = deadline - timedelta(seconds=1)
    assert interviews_close_expired() == []  # not yet
    clock.now = deadline + timedelta(minutes=3)
    close_expired_interviews()  # the Celery beat task, run here in-process
    session = InterviewSession.objects.get(pk=iid)
    assert (session.status, session.end_reason, session.finished_at) == ("finished", "deadline", deadline)
    assert interviews_close_expired() == []  # closing happens once

    for sub in (wrong, right, run_after):
        wait_for_verdict(sub["id"])
    assert Submission.objects.get(pk=wrong["id"]).verdict != Verdict.ACCEPTED
    report = api.get(f"/api/interviews/{iid}/").json()["report"]  # read live: the verdict is filled in
    p1, p2, p3 = report["problems"]
    assert (p1["verdict"], p1["submission"], p1["submits"], p1["runs"]) == ("accepted", right["id"], 2, 1)
    assert p1["time_spent_seconds"] == 30 * 60  # on screen until the deadline, not until the sweep
    assert p2["verdict"] == p3["verdict"] == "not_submitted"
    assert report["totals"]["solved"] == 1 and report["totals"]["time_spent_seconds"] == 30 * 60
    assert settings.CELERY_BEAT_SCHEDULE["close-expired-interviews"]["task"] == close_expired_interviews.name


def test_rubric_is_validated_and_saved_with_the_session(alice, templates, clock):
    api, _ = alice
    iid = start(api, "quick-screen")["id"]
    good = {key: {"score": score, "note": f"note {key}"} for key, score in
            [("problem_solving", 3), ("code_quality", 2), ("testing", 4), ("communication", 1), ("speed", 3)]}
    early = api.post(f"/api/interviews/{iid}/review/", {"rubric": good}, format="json")
    assert early.status_code == 409 and "Finish" in early.json()["detail"]
    api.post(f"/api/interviews/{iid}/finish/", {}, format="json")
    for bad, fragment in [
        ({**good, "speed": {"score": 5}}, "1 to 4"), ({**good, "speed": {"score": 0}}, "1 to 4"),
        ({**good, "speed": {"score": True}}, "1 to 4"), ({**good, "speed": {"score": 2.5}}, "1 to 4"),
        ({k: v for k, v in good.items() if k != "testing"}, "Testing"), ({**good, "charm": {"score": 4}}, "charm"),
        ({**good, "speed": {"score": 2, "note": "x" * 3000}}, "2000"), ("nope", "criteria"),
    ]:
        response = api.post(f"/api/interviews/{iid}/review/", {"rubric": bad}, format="json")
        assert response.status_code == 400 and fragment in response.json()["detail"], (bad, response.content)
    assert InterviewSession.objects.get(pk=iid).rubric == {}
    saved = api.post(f"/api/interviews/{iid}/review/", {"rubric": good}, format="json")
    assert saved.status_code == 200
    assert saved.json()["report"]["rubric"] == good and saved.json()["report"]["rubric_total"] == 13
    assert InterviewSession.objects.get(pk=iid).rubric == good


def test_others_get_404_on_every_interview_endpoint_and_page(alice, bob, pinned, problems, clock):
    api, _ = alice
    other, other_user = bob
    iid = start(api, "pinned-three")["id"]
    responses = {"": other.get(f"/api/interviews/{iid}/")}
    for path in ["next/", "skip/", "finish/", "review/"]:
        responses[path] = other.post(f"/api/interviews/{iid}/{path}", {}, format="json")
    for path, response in responses.items():
        assert response.status_code == 404 and "detail" in response.json(), path
    late_other = submit(other, iid, "unicode-palindrome", reference(problems, "unicode-palindrome"))
    assert late_other.status_code == 404
    assert other.get("/api/interviews/").json()["results"] == []
    assert APIClient().get(f"/api/interviews/{iid}/").status_code == 401

    pages = Client()
    pages.force_login(other_user)
    assert pages.get(f"/interviews/{iid}/").status_code == 404
    assert pages.get(f"/interviews/{iid}/report/").status_code == 404
    for path in ["submit/", "next/", "skip/", "finish/", "review/"]:
        assert pages.post(f"/interviews/{iid}/{path}", {"code": "package x"}).status_code == 404, path
    assert InterviewSession.objects.get(pk=iid).status == "active"  # nothing bob did touched it
    assert Client().get(f"/interviews/{iid}/").status_code == 302  # sign in first


def test_pages_countdown_submit_late_message_and_report(alice, pinned, templates, problems, clock):
    _, user = alice
    client = signed_in(user)
    listing = client.get("/interviews/").content.decode()
    assert "Go backend loop" in listing and "Quick screen" in listing and "Concurrency deep dive" in listing
    assert "90 minutes · 3 problems" in listing

    response = client.post("/interviews/start/", {"template": "pinned-three"})
    session = InterviewSession.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == f"/interviews/{session.pk}/"
    html = client.get(f"/interviews/{session.pk}/").content.decode()
    assert 'role="timer"' in html and 'data-remaining="1800.000"' in html and ">30:00<" in html
    assert f'data-deadline="{session.deadline.isoformat(timespec="milliseconds")}"' in html
    assert "js/interview-timer.js" in html and "timer warning" not in html
    assert "IsPalindrome" in html and "Problem 1 of 3" in html and "Rotate" not in html
    assert 'id="next-button" disabled' in html

    code = reference(problems, "unicode-palindrome")
    done = client.post(f"/interviews/{session.pk}/submit/", {"code": code, "mode": "submit",
                                                              "problem": "unicode-palindrome"}, **HTMX)
    assert done.status_code == 200
    part = done.content.decode()
    assert "status-card" in part and 'hx-swap-oob="true"' in part and 'id="next-button">' in part

    clock.now = session.deadline - timedelta(minutes=4)
    assert "timer warning" in client.get(f"/interviews/{session.pk}/").content.decode()
    assert client.post("/interviews/start/", {"template": "quick-screen"})["Location"] == f"/interviews/{session.pk}/"

    clock.now = session.deadline + timedelta(seconds=1)
    late = client.post(f"/interviews/{session.pk}/submit/", {"code": code + "//", "mode": "submit",
                                                              "problem": "unicode-palindrome"}, **HTMX)
    assert late.status_code == 409 and "Time is up" in late.content.decode() and "<html" not in late.content.decode()
    report = client.get(f"/interviews/{session.pk}/").content.decode()
    assert "Report: Pinned three" in report and "Time ran out" in report and 'role="timer"' not in report
    assert "Self-review" in report and 'name="speed-score"' in report

    form = {f"{key}-score": "3" for key in ["problem_solving", "code_quality", "testing", "communication"]}
    bad = client.post(f"/interviews/{session.pk}/review/", {**form, "speed-note": "kept my note"})
    assert bad.status_code == 400 and "Speed" in bad.content.decode() and "kept my note" in bad.content.decode()
    saved = client.post(f"/interviews/{session.pk}/review/", {**form, "speed-score": "4"}, follow=True)
    assert "16 / 20" in saved.content.decode()
    assert "16 / 20" in client.get("/interviews/").content.decode()  # past sessions list their result


def test_staff_edit_templates_in_the_admin_and_bad_slots_are_refused(templates):
    _staff, client = user_and_client("staff", is_staff=True, is_superuser=True)
    template = templates["quick-screen"]
    url = f"/admin/interviews/interviewtemplate/{template.pk}/change/"
    assert client.get(url).status_code == 200
    form = {"slug": "quick-screen", "title": "Quick screen", "description": "", "duration_minutes": "20",
            "position": "2", "active": "on", "kind": "problems"}
    bad = client.post(url, {**form, "slots": '[{"tags": ["heap"]}]'})
    assert bad.status_code == 200 and "needs a label" in bad.content.decode()
    bad = client.post(url, {**form, "slots": '[{"label": "X", "difficulties": ["impossible"]}]'})
    assert bad.status_code == 200 and "difficulties must be among" in bad.content.decode()
    good = client.post(url, {**form, "slots": '[{"label": "Heaps", "tags": ["heap"], "steps": [11]}]'})
    assert good.status_code == 302
    template.refresh_from_db()
    assert template.duration_minutes == 20 and template.slots == [{"label": "Heaps", "tags": ["heap"], "steps": [11]}]


def test_starting_with_an_expired_session_closes_it_first(alice, templates, clock):
    _, user = alice
    first = interview_start(user=user, template=templates["quick-screen"], now=clock.now)
    clock.advance(minutes=26)
    second = interview_start(user=user, template=templates["quick-screen"], now=clock.now)
    first.refresh_from_db()
    assert (first.status, first.end_reason) == ("finished", "deadline") and second.is_active
