"""Nobody reads another user's code, drafts, notes, quiz answers or interviews, through any page
or API endpoint.

alice has private data of every kind (tests/integration/user_data.py), each piece carrying the
marker ALICE-SECRET. bob (signed in, not staff) and an anonymous visitor then try every URL the
site has, with alice's ids wherever a URL takes one: someone else's object is a 404 (never a
403 that would confirm it exists), an anonymous visitor is sent to sign in (pages; asking
through htmx, a 401 with a sign-in link: config/signed_out.py) or gets a 401/403 (API), and no
answer body ever contains alice's marker or her API token. After bob is done, every piece of
alice's data is as it was.

PROBES is keyed by the site's URL patterns, read from the resolver: a new URL without probes
here fails test_every_url_pattern_has_probes, so nothing is added without an authorization test.
"""

import json
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLResolver, get_resolver

from interviews.models import InterviewSession
from judge.models import Submission
from learn.models import QuizAnswer
from practice.models import Draft, ProblemNote
from tests.conftest import HTMX, make_token, make_user, signed_in
from tests.integration.user_data import SLUG, code_with, private_data_user

pytestmark = pytest.mark.django_db(transaction=True)

MARKER = "ALICE-SECRET"
LOGIN = "sign-in redirect"  # a page that needs a user sends an anonymous visitor to sign in
HTMX_LOGIN = "htmx sign-in 401"  # ... and answers htmx's request with a 401 and a link to sign in
DENIED = (401, 403)  # the API's answer to an anonymous caller
RUBRIC = {key: {"score": 2, "note": "BOB review"}
          for key in ("problem_solving", "code_quality", "testing", "communication", "speed")}
BOB_CODE = code_with("BOB", "CODE")


@dataclass
class Probe:
    """One request, as bob and as an anonymous visitor, and the statuses each may get.

    The URL's {sub} (alice's judged Submit), {run} (her queued Run with custom tests),
    {active} and {done} (her active and finished interviews) are filled in with alice's ids."""

    method: str
    url: str
    data: dict | None = None
    bob: tuple = (404,)
    anon: object = LOGIN
    headers: dict = field(default_factory=dict)


def page(url, **kw):
    return Probe("get", url, **kw)


def api(method, url, data=None, *, bob=(404,), anon=DENIED):
    return Probe(method, url, data, bob=bob, anon=anon)


PUBLIC = {"bob": (200,), "anon": (200,)}
MINE = {"bob": (200,)}  # bob's own (empty) view of a per-user page; anonymous is sent to sign in

PROBES = {
    "": [page("/", **PUBLIC)],
    "accounts/signup/": [page("/accounts/signup/", bob=(302,), anon=(200,))],
    "accounts/login/": [page("/accounts/login/", **PUBLIC),
                        Probe("post", "/accounts/login/", {"username": "alice", "password": "wrong"},
                              bob=(200,), anon=(200,))],
    "accounts/logout/": [Probe("post", "/accounts/logout/", bob=(302,), anon=(302,))],
    "accounts/password/": [page("/accounts/password/", **MINE)],
    "accounts/password/done/": [page("/accounts/password/done/", **MINE)],
    "learn/": [page("/learn/", **PUBLIC)],
    "learn/<int:step>/": [page("/learn/1/", **PUBLIC)],
    # bob answers item 2 (alice answered item 1): his answer must not touch hers.
    "learn/<int:step>/quiz/<int:position>/": [Probe("post", "/learn/1/quiz/2/", {"choice": 0}, bob=(302,),
                                                    anon=(302,))],
    "problems/": [page("/problems/", **PUBLIC)],
    "problems/<slug:slug>/": [page(f"/problems/{SLUG}/", **PUBLIC),
                              page(f"/problems/{SLUG}/?from={{sub}}", **PUBLIC),  # "Load into editor"
                              page(f"/problems/{SLUG}/?from={{run}}", **PUBLIC)],
    "problems/<slug:slug>/submit/": [Probe("post", f"/problems/{SLUG}/submit/", {"code": BOB_CODE, "mode": "run"},
                                           bob=(302,))],
    "problems/<slug:slug>/draft/": [Probe("post", f"/problems/{SLUG}/draft/", {"code": BOB_CODE}, bob=(200,),
                                          anon=HTMX_LOGIN, headers=HTMX),
                                    Probe("post", f"/problems/{SLUG}/draft/", {"code": BOB_CODE}, bob=(200,))],
    "problems/<slug:slug>/notes/": [Probe("post", f"/problems/{SLUG}/notes/", {"text": "BOB notes"}, bob=(302,))],
    # The solution is bob's to see only once he solved the problem or chose "Show solution" (his
    # own choice, recorded for him: alice's, who has it, changes nothing for him), and not while
    # it is part of his running interview (a probe above may start one: 403).
    "problems/<slug:slug>/solution/": [page(f"/problems/{SLUG}/solution/", bob=(403,)),
                                       page(f"/problems/{SLUG}/solution/", bob=(403,), anon=HTMX_LOGIN,
                                            headers=HTMX)],
    "problems/<slug:slug>/solution/reveal/": [
        Probe("post", "/problems/rotate-left/solution/reveal/", bob=(302, 403)),
        Probe("post", "/problems/rotate-left/solution/reveal/", bob=(200, 403), anon=HTMX_LOGIN, headers=HTMX)],
    "submissions/": [page("/submissions/", **MINE), page(f"/submissions/?problem={SLUG}", **MINE)],
    "submissions/<int:submission_id>/": [page("/submissions/{sub}/"), page("/submissions/{run}/")],
    "submissions/<int:submission_id>/status/": [page("/submissions/{sub}/status/", anon=HTMX_LOGIN, headers=HTMX),
                                                page("/submissions/{run}/status/?oob=1", anon=HTMX_LOGIN,
                                                     headers=HTMX)],
    # Code-review drills: bob has not solved the problem nor opened its drills unsolved, so the
    # drill is locked for him (403, its code unshown); the list and his own unlock are his.
    "review/": [page("/review/", **MINE), page(f"/review/?problem={SLUG}", **MINE)],
    "review/<int:drill_id>/": [page("/review/{drill}/", bob=(403,))],
    "review/<int:drill_id>/submit/": [Probe("post", "/review/{drill}/submit/", {"code": BOB_CODE}, bob=(403,))],
    "review/<int:drill_id>/review/": [Probe("post", "/review/{drill}/review/", {"line": "9", "explanation": "BOB"},
                                            bob=(403,))],
    "review/unlock/<slug:slug>/": [Probe("post", "/review/unlock/rotate-left/", bob=(302,))],
    "interviews/": [page("/interviews/", **MINE)],
    "interviews/start/": [Probe("post", "/interviews/start/", {"template": "quick-screen"}, bob=(302,))],
    "interviews/<int:interview_id>/": [page("/interviews/{active}/"), page("/interviews/{done}/")],
    "interviews/<int:interview_id>/submit/": [
        Probe("post", "/interviews/{active}/submit/", {"problem": SLUG, "code": BOB_CODE, "mode": "run"}),
        Probe("post", "/interviews/{active}/submit/", {"problem": SLUG, "code": BOB_CODE, "mode": "run"},
              anon=HTMX_LOGIN, headers=HTMX)],
    # The interview's autosaved draft: alice's is hers alone, to read (the page) and to write.
    "interviews/<int:interview_id>/draft/": [
        Probe("post", "/interviews/{active}/draft/", {"problem": SLUG, "code": BOB_CODE}),
        Probe("post", "/interviews/{active}/draft/", {"problem": SLUG, "code": BOB_CODE}, anon=HTMX_LOGIN,
              headers=HTMX),
        Probe("post", "/interviews/{done}/draft/", {"problem": SLUG, "code": BOB_CODE}, anon=HTMX_LOGIN,
              headers=HTMX)],
    "interviews/<int:interview_id>/next/": [Probe("post", "/interviews/{active}/next/", {"position": 1})],
    "interviews/<int:interview_id>/skip/": [Probe("post", "/interviews/{active}/skip/", {"position": 1})],
    "interviews/<int:interview_id>/finish/": [Probe("post", "/interviews/{active}/finish/")],
    "interviews/<int:interview_id>/review/": [
        Probe("post", "/interviews/{done}/review/", {f"{k}-score": "1" for k in RUBRIC})],
    "interviews/<int:interview_id>/report/": [page("/interviews/{done}/report/", anon=HTMX_LOGIN, headers=HTMX),
                                              page("/interviews/{active}/report/", anon=HTMX_LOGIN, headers=HTMX)],
    "api/schema/": [page("/api/schema/", **PUBLIC)],
    "api/docs/": [page("/api/docs/", **PUBLIC)],
    "api/auth/token/": [api("post", "/api/auth/token/", {"username": "alice", "password": "wrong"},
                            bob=(400,), anon=(400,))],
    "api/problems/": [api("get", "/api/problems/", bob=(200,), anon=(200,))],
    "api/problems/<slug:slug>/": [api("get", f"/api/problems/{SLUG}/", bob=(200,), anon=(200,))],
    # Per user: bob reads and writes his own draft and notes of the problem alice has them for.
    "api/problems/<slug:slug>/draft/": [api("get", f"/api/problems/{SLUG}/draft/", bob=(200, 404)),
                                        api("put", f"/api/problems/{SLUG}/draft/", {"code": BOB_CODE}, bob=(200,)),
                                        api("delete", f"/api/problems/{SLUG}/draft/", bob=(204,))],
    "api/problems/<slug:slug>/notes/": [api("get", f"/api/problems/{SLUG}/notes/", bob=(200, 404)),
                                        api("put", f"/api/problems/{SLUG}/notes/", {"text": "BOB"}, bob=(200,))],
    "api/problems/<slug:slug>/solution/": [api("get", f"/api/problems/{SLUG}/solution/", bob=(403,)),
                                           api("post", "/api/problems/rotate-left/solution/", bob=(200, 403))],
    "api/lessons/": [api("get", "/api/lessons/", bob=(200,), anon=(200,))],
    "api/lessons/<int:step>/": [api("get", "/api/lessons/1/", bob=(200,), anon=(200,))],
    "api/lessons/<int:step>/quiz/<int:position>/": [api("post", "/api/lessons/1/quiz/2/", {"choice": 1},
                                                        bob=(200,), anon=(200,))],
    "api/submissions/": [api("get", "/api/submissions/", bob=(200,)),
                         api("get", f"/api/submissions/?problem={SLUG}&mode=run", bob=(200,)),
                         api("post", "/api/submissions/", {"problem": SLUG, "code": BOB_CODE, "mode": "run"},
                             bob=(201,)),
                         # into alice's interview: as if it did not exist
                         api("post", "/api/submissions/", {"problem": SLUG, "code": BOB_CODE, "interview": "{active}"})],
    "api/submissions/<int:submission_id>/": [api("get", "/api/submissions/{sub}/"),
                                             api("get", "/api/submissions/{run}/")],
    "api/interviews/": [api("get", "/api/interviews/", bob=(200,)),
                        api("post", "/api/interviews/", {"template": "quick-screen"}, bob=(201, 409))],
    "api/interviews/templates/": [api("get", "/api/interviews/templates/", bob=(200,))],
    "api/interviews/<int:interview_id>/": [api("get", "/api/interviews/{active}/"),
                                           api("get", "/api/interviews/{done}/")],
    "api/interviews/<int:interview_id>/next/": [api("post", "/api/interviews/{active}/next/", {"position": 1})],
    "api/interviews/<int:interview_id>/skip/": [api("post", "/api/interviews/{active}/skip/", {"position": 1})],
    "api/interviews/<int:interview_id>/finish/": [api("post", "/api/interviews/{active}/finish/")],
    "api/interviews/<int:interview_id>/review/": [api("post", "/api/interviews/{done}/review/", {"rubric": RUBRIC})],
    "api/dashboard/": [api("get", "/api/dashboard/", bob=(200,))],
    "api/review/": [api("get", "/api/review/", bob=(200,))],
    "api/review/<int:drill_id>/": [api("get", "/api/review/{drill}/", bob=(403,))],
    "api/review/<int:drill_id>/submissions/": [api("post", "/api/review/{drill}/submissions/", {"code": BOB_CODE},
                                                   bob=(403,))],
    "api/review/<int:drill_id>/review/": [api("post", "/api/review/{drill}/review/",
                                              {"lines": [9], "explanation": "BOB"}, bob=(403,))],
    "favicon.ico": [page("/favicon.ico", bob=(302,), anon=(302,))],  # to the static file
    "healthz": [page("/healthz", **PUBLIC)],
    "readyz": [page("/readyz", bob=(200, 503), anon=(200, 503))],
    # Every admin URL is wrapped by AdminSite.admin_view, which lets staff only: sampled on
    # the admin pages that hold alice's code, answers and interviews.
    "admin/": [page("/admin/", bob=(302,), anon=(302,)),
               page("/admin/judge/submission/{sub}/change/", bob=(302,), anon=(302,)),
               page("/admin/judge/submission/", bob=(302,), anon=(302,)),
               page("/admin/learn/quizanswer/", bob=(302,), anon=(302,)),
               page("/admin/interviews/interviewsession/{done}/change/", bob=(302,), anon=(302,))],
}
VERSIONED = "api/v1/"  # the same API again under its version prefix: probed under both


def url_patterns(patterns=None, prefix=""):
    """Every route of the site, as the resolver spells it ("api/submissions/<int:submission_id>/")."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def probe_key(route: str) -> str:
    if route.startswith("admin/"):
        return "admin/"
    if route.startswith(VERSIONED):
        return "api/" + route[len(VERSIONED):]
    return route


def all_probes():
    """Every probe, the API's once more under /api/v1/."""
    for route, probes in PROBES.items():
        for probe in probes:
            yield probe
            if route.startswith("api/") and route not in ("api/schema/", "api/docs/"):
                yield Probe(probe.method, "/api/v1/" + probe.url[5:], probe.data, probe.bob, probe.anon, probe.headers)


def test_every_url_pattern_has_probes():
    routes = set(url_patterns())
    missing = sorted(route for route in routes if probe_key(route) not in PROBES)
    assert not missing, f"URL patterns without an authorization probe in this file: {missing}"
    stale = sorted(set(PROBES) - {probe_key(route) for route in routes})
    assert not stale, f"probes for URL patterns that no longer exist: {stale}"


@pytest.fixture
def alice(problems, monkeypatch):
    yield private_data_user("alice", marker=MARKER, problems=problems, monkeypatch=monkeypatch)
    # The failed sign-ins probed above count towards the sign-in throttle (in the cache).
    cache.clear()


def snapshot(alice) -> dict:
    """Everything of alice's that a probe could change."""
    user = alice.user
    return {
        "submissions": list(Submission.objects.filter(user=user).order_by("id")
                            .values_list("id", "code", "custom_tests", "status", "verdict", "interview_id")),
        "draft": list(Draft.objects.filter(user=user).values_list("code", "custom_tests")),
        "notes": list(ProblemNote.objects.filter(user=user).values_list("text", flat=True)),
        "quiz": list(QuizAnswer.objects.filter(user=user).values_list("item_id", "choice", "attempts")),
        "interviews": list(InterviewSession.objects.filter(user=user).order_by("id").values_list(
            "id", "status", "finished_at", "rubric", "reviewed_at")),
        "interview_problems": list(InterviewSession.objects.filter(user=user).order_by("id", "problems__position")
                                   .values_list("problems__state", "problems__closed_at", "problems__draft",
                                                "problems__draft_saved_at")),
    }


def send(client, probe: Probe, ids: dict, *, token=None):
    url = probe.url.format(**ids)
    headers = dict(probe.headers)
    if probe.url.startswith("/api/") and token:
        headers["HTTP_AUTHORIZATION"] = f"Token {token}"
    if probe.url.startswith("/api/") and probe.method != "get":
        body = json.dumps({k: (ids[v[1:-1]] if v in ("{active}", "{done}") else v) for k, v in probe.data.items()}
                          if probe.data else {})
        return url, getattr(client, probe.method)(url, data=body, content_type="application/json", **headers)
    return url, getattr(client, probe.method)(url, data=probe.data or {}, **headers)


def check(who, probe, url, response, expected, secrets) -> list:
    """The problems with one answer, as readable lines (empty when it is as it should be)."""
    problems = []
    body = response.content.decode(errors="replace")
    if expected == LOGIN:
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith("/accounts/login/"):
            problems.append(f"{who} {probe.method.upper()} {url}: {response.status_code} {location!r}, "
                            "expected a redirect to sign in")
    elif expected == HTMX_LOGIN:
        if response.status_code != 401 or 'href="/accounts/login/?next=' not in body or "<html" in body:
            problems.append(f"{who} {probe.method.upper()} {url}: {response.status_code} {body[:200]!r}, "
                            "expected a 401 with a sign-in link")
    elif response.status_code not in expected:
        problems.append(f"{who} {probe.method.upper()} {url}: {response.status_code}, expected {expected}: "
                        f"{body[:200]!r}")
    for secret in secrets:
        if secret in body:
            problems.append(f"{who} {probe.method.upper()} {url}: the answer contains alice's {secret!r}")
    if url.startswith("/api/") and response.status_code >= 400 and response.status_code != 405 \
            and "detail" not in response.json():
        problems.append(f"{who} {probe.method.upper()} {url}: an API error without detail")
    return problems


def ids_of(alice) -> dict:
    return {"sub": alice.submitted.pk, "run": alice.queued_run.pk, "active": alice.active_interview.pk,
            "done": alice.finished_interview.pk, "drill": alice.drill.pk}


def test_bob_cannot_read_or_change_anything_of_alices(alice):
    bob = make_user("bob")
    bob_token = make_token(bob)
    before = snapshot(alice)
    problems = []
    for probe in all_probes():
        client = Client()
        client.force_login(bob)  # again for each probe: one of them signs out
        url, response = send(client, probe, ids_of(alice), token=bob_token)
        problems += check("bob", probe, url, response, probe.bob, [MARKER, alice.token])
    assert not problems, "\n".join(problems)
    assert snapshot(alice) == before, "a request of bob's changed alice's data"
    # What bob did is his own: his answers, draft, notes and submissions, nothing of alice's.
    assert not QuizAnswer.objects.filter(user=bob, item=alice.quiz_item).exists()
    assert Submission.objects.filter(user=bob, interview__isnull=False, interview__user=alice.user).count() == 0


def test_bob_sees_none_of_alices_progress(alice):
    """Quiz answers and solved problems show only as the caller's own, on pages and in the API."""
    client = signed_in(make_user("bob"))
    lesson = client.get("/api/lessons/1/").json()
    item = next(i for i in lesson["quiz"] if i["position"] == alice.quiz_item.position)
    assert item["your_answer"] is None and item["correct_choice"] is None and item["explanation_html"] is None
    assert lesson["progress"]["answered"] == 0
    step_one = next(s for s in client.get("/api/lessons/").json() if s["step"] == 1)
    assert step_one["progress"]["answered"] == 0
    assert "Answer again" not in client.get("/learn/1/").content.decode()  # shown on answered items only
    board = client.get("/api/dashboard/").json()
    assert (board["submits"], board["runs"], board["revisit"]) == (0, 0, [])
    assert client.get("/api/submissions/").json()["count"] == 0
    assert client.get("/api/interviews/").json()["count"] == 0
    # alice sees her own, so the checks above are not vacuous
    mine = Client()
    mine.force_login(alice.user)
    item = next(i for i in mine.get("/api/lessons/1/").json()["quiz"] if i["position"] == alice.quiz_item.position)
    assert item["your_answer"]["choice"] == alice.quiz_answer.choice and item["correct_choice"] is not None
    assert mine.get("/api/submissions/").json()["count"] == Submission.objects.filter(user=alice.user).count()
    assert MARKER in mine.get(f"/api/problems/{SLUG}/draft/").json()["code"]


def test_anonymous_visitors_are_sent_to_sign_in(alice):
    problems = []
    for probe in all_probes():
        url, response = send(Client(), probe, ids_of(alice))
        problems += check("anonymous", probe, url, response, probe.anon, [MARKER, alice.token])
    assert not problems, "\n".join(problems)

