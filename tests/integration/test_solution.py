""""Learn from it": a problem's reference solution, what interviewers look for and its common
mistakes show only to a user who solved it or chose "Show solution" (recorded), never while it
is part of their running interview, never to anyone signed out: on the problem page, the panel's
htmx partial, its own page and the API."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from interviews.models import InterviewSession
from interviews.services import interview_finish, interview_start
from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from practice.models import SolutionReveal
from tests.conftest import HTMX, make_user, signed_in
from tests.integration.test_authorization import Probe, all_probes, api, ids_of, page, send
from tests.integration.user_data import SLUG, pinned_template, private_data_user

pytestmark = pytest.mark.django_db(transaction=True)

# Pieces of unicode-palindrome's review that nothing else on the site shows: two lines of the
# reference, a point of what interviewers look for, and the why of a known-wrong variant.
SECRETS = ["keep reports whether r takes part", "the part not yet examined",
           "Iterates over runes, not bytes, so multi-byte letters compare correctly.",
           "compares UTF-8 bytes instead of runes"]
OTHER = "rotate-left"  # another problem (the pinned interview's second one)
OTHER_SECRET = "Never appends to or reallocates the caller"


def leaked(body: str, secrets=SECRETS) -> list:
    return [secret for secret in secrets if secret in body]


def problem_page_panel(client, slug=SLUG) -> tuple[str, str]:
    """(the problem page, the "Learn from it" panel it fetches once the panel scrolls into view).
    The page itself holds none of it: only a placeholder naming where the panel comes from."""
    page = client.get(f"/problems/{slug}/").content.decode()
    loader = re.search(r'<section class="learn" id="learn"[^>]*>', page).group(0)
    assert f'hx-get="/problems/{slug}/solution/"' in loader and 'hx-trigger="intersect once"' in loader
    assert not leaked(page), "the page defers the panel"
    panel = client.get(f"/problems/{slug}/solution/", **HTMX)
    assert panel.status_code == 200 and "<html" not in panel.content.decode()
    return page, panel.content.decode()


def accept(user, problem, **extra):
    return Submission.objects.create(user=user, problem=problem, code="package palindrome\n", mode=Mode.SUBMIT,
                                     status=Status.FINISHED, verdict=Verdict.ACCEPTED, **extra)


@pytest.fixture(autouse=True)
def forget_sign_in_failures():
    yield
    cache.clear()  # failed sign-ins (probed below) count towards the sign-in throttle, in the cache


@pytest.fixture
def users(problems):
    solver, learner, bob = make_user("solver"), make_user("learner"), make_user("bob")
    accept(solver, problems[SLUG])
    return solver, learner, bob


def test_the_public_pages_never_hold_it(problems):
    """Else the checks below would prove nothing."""
    page = Client().get(f"/problems/{SLUG}/").content.decode()
    assert not leaked(page) and "Sign in</a> and solve this problem" in page
    assert not leaked(Client().get(f"/api/problems/{SLUG}/").content.decode())


def test_a_solver_sees_the_reference_what_interviewers_look_for_and_the_mistakes(users, problems):
    solver, _, _ = users
    client = signed_in(solver)
    page, panel = problem_page_panel(client)
    assert leaked(panel) == SECRETS, "everything shows in the problem page's panel"
    assert "You solved it" in page and "You solved it" in panel and "Show solution" not in page + panel
    for wrong in problems[SLUG].wrong_variants:
        assert wrong["why"] in panel
    assert 'class="diff-removed"' in panel and 'class="diff-added"' in panel and "removed: " in panel
    standalone = client.get(f"/problems/{SLUG}/solution/")
    assert standalone.status_code == 200 and "<html" in standalone.content.decode()
    assert leaked(standalone.content.decode()) == SECRETS

    data = client.get(f"/api/problems/{SLUG}/solution/").json()
    assert data["problem"] == SLUG and data["solved"] is True and data["viewed_solution_at"] is None
    assert "the part not yet examined" in data["reference_code"] == data["reference"][0]["source"]
    assert data["look_for"] == problems[SLUG].look_for
    bytewise = next(m for m in data["mistakes"] if m["name"] == "bytewise")
    assert bytewise["verdict"] == "wrong_answer" and bytewise["why"].startswith("compares UTF-8 bytes")
    assert bytewise["diff"].startswith("--- reference/solution.go\n+++ wrong/bytewise/solution.go\n@@ ")
    assert not SolutionReveal.objects.exists(), "solving records no reveal"


def test_show_solution_is_recorded_and_shown_in_progress(users, problems):
    _, learner, _ = users
    client = signed_in(learner)
    page = client.get(f"/problems/{SLUG}/").content.decode()
    assert leaked(page) == [] and "Show solution" in page
    assert client.get(f"/problems/{SLUG}/solution/").status_code == 403
    assert client.get(f"/api/problems/{SLUG}/solution/").status_code == 403

    shown = client.post(f"/problems/{SLUG}/solution/reveal/", **HTMX)
    assert shown.status_code == 200 and "autofocus" in shown.content.decode()
    assert leaked(shown.content.decode()) == SECRETS
    first = SolutionReveal.objects.get(user=learner, problem=problems[SLUG]).revealed_at
    page, panel = problem_page_panel(client)
    assert leaked(panel) == SECRETS and "You chose to see the solution on" in page
    assert "Show solution" not in page + panel
    # Without script: back to the solution's own page. Asking again keeps the first time.
    again = client.post(f"/problems/{SLUG}/solution/reveal/")
    assert again.status_code == 302 and again["Location"] == f"/problems/{SLUG}/solution/"
    assert SolutionReveal.objects.get(user=learner, problem=problems[SLUG]).revealed_at == first

    home = client.get("/").content.decode()
    assert "Viewed the solution of 1 problem" in home and "not solved yet" in home
    board = client.get("/api/dashboard/").json()
    assert board["viewed_solutions"] == [{"problem": SLUG, "title": problems[SLUG].title,
                                          "viewed_at": board["viewed_solutions"][0]["viewed_at"], "solved": False}]
    accept(learner, problems[SLUG])
    assert client.get("/api/dashboard/").json()["viewed_solutions"][0]["solved"] is True
    assert "solved since" in client.get("/").content.decode()

    # Through the API: POST shows it (and records it), GET then keeps showing it.
    api = client.post(f"/api/problems/{OTHER}/solution/")
    assert api.status_code == 200 and api.json()["viewed_solution_at"] is not None
    assert OTHER_SECRET in " ".join(client.get(f"/api/problems/{OTHER}/solution/").json()["look_for"])


def test_no_one_else_sees_it_through_any_url(users, problems, monkeypatch):
    """bob (who solved nothing) and an anonymous visitor try every URL of the site, alice's ids
    included (tests/integration/test_authorization.py), plus the solution's own: while solver and
    alice, who have it, are around, nothing of it shows."""
    solver, learner, bob = users
    alice = private_data_user("alice", marker="ALICE-SECRET", problems=problems, monkeypatch=monkeypatch)
    signed_in(learner).post(f"/problems/{OTHER}/solution/reveal/")  # someone else's reveal unlocks nothing
    assert leaked(problem_page_panel(signed_in(solver))[1]) == SECRETS
    problems_found = []
    for who, make_client in (("bob", lambda: signed_in(bob)), ("anonymous", Client)):
        for probe in [*all_probes(), *_solution_probes(SLUG), *_solution_probes(OTHER)]:
            if probe.method == "post" and "/solution/" in probe.url:
                continue  # bob's own "Show solution" shows it to him: tested above
            client = make_client()
            url, response = send(client, probe, ids_of(alice))
            body = response.content.decode(errors="replace")
            for secret in leaked(body, SECRETS + [OTHER_SECRET]):
                problems_found.append(f"{who} {probe.method.upper()} {url}: shows {secret!r}")
    assert not problems_found, "\n".join(problems_found)
    assert set(SolutionReveal.objects.values_list("user__username", "problem__slug")) == {("learner", OTHER)}


def _solution_probes(slug):
    return [page(f"/problems/{slug}/"), page(f"/problems/{slug}/solution/"),
            page(f"/problems/{slug}/solution/", headers=HTMX),
            Probe("get", f"/api/problems/{slug}/solution/"), api("get", f"/api/v1/problems/{slug}/solution/")]


def test_the_statuses_for_someone_without_it(users, problems):
    _, _, bob = users
    anonymous = Client()
    assert anonymous.get(f"/problems/{SLUG}/solution/")["Location"].startswith("/accounts/login/")
    assert anonymous.get(f"/problems/{SLUG}/solution/", **HTMX).status_code == 401
    assert anonymous.post(f"/problems/{SLUG}/solution/reveal/", **HTMX).status_code == 401
    assert anonymous.get(f"/api/problems/{SLUG}/solution/").status_code in (401, 403)
    assert anonymous.post(f"/api/problems/{SLUG}/solution/").status_code in (401, 403)
    client = signed_in(bob)
    hidden = client.get(f"/problems/{SLUG}/solution/", **HTMX)
    assert hidden.status_code == 403 and "Show solution" in hidden.content.decode()
    refused = client.get(f"/api/problems/{SLUG}/solution/")
    assert refused.status_code == 403 and "Solve this problem first" in refused.json()["detail"]
    assert client.get("/api/problems/no-such-problem/solution/").status_code == 404
    assert client.get("/problems/no-such-problem/solution/").status_code == 404
    assert not SolutionReveal.objects.exists()


def _assert_hidden_by_the_interview(client):
    page = client.get(f"/problems/{SLUG}/").content.decode()
    assert not leaked(page) and "part of your running interview" in page and "Show solution" not in page
    assert client.get(f"/problems/{SLUG}/solution/").status_code == 403
    assert client.get(f"/problems/{SLUG}/solution/", **HTMX).status_code == 403
    api = client.get(f"/api/problems/{SLUG}/solution/")
    assert api.status_code == 403 and "running interview" in api.json()["detail"]
    assert client.post(f"/api/problems/{SLUG}/solution/").status_code == 403
    # The interview's second problem cannot be revealed either.
    refused = client.post(f"/problems/{OTHER}/solution/reveal/", **HTMX)
    assert refused.status_code == 403 and not leaked(refused.content.decode(), [OTHER_SECRET])
    assert client.post(f"/api/problems/{OTHER}/solution/").status_code == 403


def test_a_running_interview_hides_it_from_a_solver_until_its_deadline(users, problems, clock):
    solver, _, _ = users
    session = interview_start(user=solver, template=pinned_template(), now=clock.now)
    client = signed_in(solver)
    _assert_hidden_by_the_interview(client)
    assert not leaked(client.get(f"/interviews/{session.pk}/").content.decode())
    assert not SolutionReveal.objects.filter(user=solver).exists()
    clock.now = session.deadline + timedelta(seconds=1)  # time is up: over, whether or not it was closed yet
    assert client.get(f"/api/problems/{SLUG}/solution/").status_code == 200
    assert leaked(problem_page_panel(client)[1]) == SECRETS


def test_a_running_interview_hides_it_after_show_solution_until_it_is_finished(users, problems, clock):
    _, learner, _ = users
    client = signed_in(learner)
    client.post(f"/problems/{SLUG}/solution/reveal/")
    session = interview_start(user=learner, template=pinned_template(), now=clock.now)
    _assert_hidden_by_the_interview(client)
    interview_finish(session=session, now=clock.now)
    assert client.get(f"/api/problems/{SLUG}/solution/").status_code == 200
    assert leaked(problem_page_panel(client)[1]) == SECRETS
    assert InterviewSession.objects.get(pk=session.pk).status == InterviewSession.Status.FINISHED


def test_a_running_interview_hides_only_its_own_problems(users, problems, clock):
    solver, _, _ = users
    accept(solver, problems["trie"])
    interview_start(user=solver, template=pinned_template(), now=clock.now)
    client = signed_in(solver)
    assert client.get("/api/problems/trie/solution/").status_code == 200
    assert client.get(f"/api/problems/{SLUG}/solution/").status_code == 403


def test_solving_it_on_the_page_unlocks_the_panel_in_place(users, problems):
    _, learner, _ = users
    client = signed_in(learner)
    submission = accept(learner, problems[SLUG])
    status = client.get(f"/submissions/{submission.pk}/status/?oob=1", **HTMX).content.decode()
    assert 'id="learn-locked" hx-swap-oob="true"' in status
    assert f'hx-get="/problems/{SLUG}/solution/"' in status and not leaked(status)
    failed = Submission.objects.create(user=learner, problem=problems[OTHER], code="package rotate\n",
                                       mode=Mode.SUBMIT, status=Status.FINISHED, verdict=Verdict.WRONG_ANSWER)
    assert "learn-locked" not in client.get(f"/submissions/{failed.pk}/status/?oob=1", **HTMX).content.decode()


def test_a_test_writing_task_shows_the_bugs_its_tests_had_to_catch(problems):
    user = make_user("tester")
    task = problems["palindrome-table-tests"]
    Submission.objects.create(user=user, problem=task, code="package palindrome\n", mode=Mode.SUBMIT,
                              status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    client = signed_in(user)
    _, panel = problem_page_panel(client, task.slug)
    assert "Reference tests" in panel and "The bugs your tests had to catch" in panel
    for mutant in task.mutants:
        assert mutant["name"].replace("-", " ").capitalize() in panel
    data = client.get(f"/api/problems/{task.slug}/solution/").json()
    assert {m["name"] for m in data["mistakes"]} == {m["name"] for m in task.mutants}
    assert all(m["verdict"] == "" and m["diff"].startswith("--- impl/") for m in data["mistakes"])
