"""Load on loopback: the pages and endpoints a crowd of users hits, under concurrent requests.

Run with `make bench-load` (it sets up first and installs Debian's `wrk`). It starts its own
gunicorn on 127.0.0.1, creates a throwaway user with a draft, a judged submission and one
being judged, drives each endpoint with wrk for a fixed time (with the cookies a browser has
after its first page: the session's and the CSRF cookie), prints requests/s, p50/p99 latency
and errors, and removes the user again. Not a test: it measures, and says for each endpoint
with a target (issue 12: at least 300 requests/s, p99 under 100 ms, no error) whether it met it.

Why wrk: one C process on epoll, so the load generator takes a small share of the two cores it
shares with the server (a Python generator would take a core of its own and cap what it
measures); it is in Debian, and reports latency percentiles and every kind of error.

Settings (environment): BENCH_PORT (8766), LOAD_SECONDS (10 per endpoint), LOAD_CONNECTIONS
(16), LOAD_WORKERS (gunicorn processes, 2: one per core, the pages being CPU-bound),
LOAD_THREADS (threads per process; 1, the default, is gunicorn's sync worker, which measured
faster here than gthread with 4), LOAD_WRK_THREADS (1).

Besides requests/s it prints the server's CPU time per request (gunicorn's processes, from
/proc): on a machine shared with other work, requests/s fall with the CPU share the server
gets, while CPU per request says what the server itself costs. And the SQL queries one request
makes (counted in this process through Django's test client, against the same database).
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from common import REPO, setup_django, start, stop, wait_for_http  # noqa: E402  (platform/bench/common.py)

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from judge.models import Submission, TestResult  # noqa: E402
from judge.verdicts import Status, Verdict  # noqa: E402
from practice.models import Draft  # noqa: E402
from problems.models import Problem  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("LOAD_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "2"))
THREADS = int(os.environ.get("LOAD_THREADS", "1"))
WRK_THREADS = int(os.environ.get("LOAD_WRK_THREADS", "1"))
SLUG = "unicode-palindrome"
TARGET_RPS = 300
TARGET_P99_SECONDS = 0.1
# Its own user per run: two runs at once (the machine is shared) must not delete each other's.
USERNAME = f"load-bench-{os.getpid()}"
DRAFT_MARK = "// load-bench draft"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing Debian's wrk (one time)")
    subprocess.run(["bash", "-c", f"source {REPO}/platform/scripts/lib.sh && ensure_packages wrk"], check=True)


def make_user(username=USERNAME, verdict=Verdict.ACCEPTED):
    """A user with a draft and one judged submission (with its test rows), as a real one has.
    Accepted, the problem page also loads the Learn panel (reference and mistakes, ~58 KB) when
    it scrolls into view: measured as an endpoint of its own."""
    User = get_user_model()
    User.objects.filter(username=username).delete()
    user = User.objects.create_user(username, password=secrets.token_urlsafe(24))
    problem = Problem.objects.get(slug=SLUG)
    code = problem.reference_files["solution.go"]
    Draft.objects.create(user=user, problem=problem, code=code + "\n" + DRAFT_MARK + "\n")
    sub = Submission.objects.create(user=user, problem=problem, code=code, status=Status.FINISHED,
                                    verdict=verdict, message="Tests ran.", container_seconds=0.7,
                                    started_at=timezone.now(), finished_at=timezone.now())
    TestResult.objects.bulk_create(TestResult(submission=sub, position=i, name=f"TestHidden/case{i}", status="pass",
                                              duration_ms=1) for i in range(10))
    client = Client()
    client.force_login(user)
    return user, sub, client.cookies[settings.SESSION_COOKIE_NAME].value, Token.objects.create(user=user).key


def judging_submission(user):
    """A submission being judged, as its page polls it. No started_at: the sweeper of a `make
    run` on the same database never takes it for a lost one and hands it to a real judge."""
    problem = Problem.objects.get(slug=SLUG)
    return Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                     status=Status.RUNNING)


def port_taken(port) -> bool:
    """Something listens on 127.0.0.1:port already (another run's gunicorn would answer our
    requests: the figures would be its)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start_server():
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
                "--workers", str(WORKERS)]
    if THREADS > 1:
        gunicorn += ["--worker-class", "gthread", "--threads", str(THREADS)]
    proc = start(gunicorn, "bench-load-web.log", env={**os.environ, "LOG_LEVEL": "WARNING"})
    if not wait_for_http(BASE + "/healthz"):
        stop(proc)
        raise SystemExit("gunicorn did not start; see .run/bench-load-web.log")
    return proc


def fetch(path, headers):
    req = urllib.request.Request(BASE + path, headers=headers)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read().decode()


def server_cpu_seconds(master_pid):
    """CPU time used so far by gunicorn's master and workers (user + system)."""
    pids = [master_pid] + [int(p) for p in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def seconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if match is None:
        raise SystemExit(f"cannot read wrk's latency {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}[unit]


def queries_per_request(path, headers) -> int:
    """SQL queries of one request, made in this process (Django's test client, same database)."""
    environ = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path, **environ)  # warm: per-process caches are not what is counted
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path, **environ).status_code
    assert status == 200, (path, status)
    return len(queries)


def target_missed(r) -> str:
    """What an endpoint missed of its target, or "" when it met it."""
    missed = []
    if r["rps"] < TARGET_RPS:
        missed.append(f"{r['rps']:.0f} req/s")
    if r["p99"] >= TARGET_P99_SECONDS:
        missed.append(f"p99 {r['p99'] * 1000:.0f} ms")
    if r["errors"]:
        missed.append(f"{r['errors']} errors")
    return ", ".join(missed)


def wrk(path, headers):
    cmd = ["wrk", "--latency", "-t", str(WRK_THREADS), "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "5s"]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run(cmd + [BASE + path], capture_output=True, text=True, check=True).stdout
    (REPO / ".run" / "bench-load-wrk.txt").write_text(out)  # the last run, raw, when a figure looks odd
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        # The "Latency Distribution" lines; other lines end in percentages too.
        "p50": seconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": seconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": (sum(map(int, socket.groups())) if socket else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def main():
    if port_taken(PORT):
        raise SystemExit(f"127.0.0.1:{PORT} is taken (another bench-load running?); set BENCH_PORT to a free port")
    ensure_wrk()
    user, sub, session, token = make_user()
    # A second user who has not solved the problem yet: the same page without the Learn panel.
    trying, _, trying_session, _ = make_user(USERNAME + "-trying", Verdict.WRONG_ANSWER)
    judging = judging_submission(user)
    # Requests carry the cookies a browser has after its first page: the session and the CSRF
    # cookie. Without the latter Django makes a new CSRF secret and sets it on every page.
    csrf = f"{settings.CSRF_COOKIE_NAME}={get_random_string(32, CSRF_ALLOWED_CHARS)}"
    browser = {"Cookie": csrf}
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {csrf}"}
    api = {"Authorization": f"Token {token}"}
    # (label, path, headers, has the issue-12 target)
    endpoints = [
        ("problem list, anonymous", "/problems/", browser, True),
        ("problem list, signed in", "/problems/", cookie, True),
        ("problem list, API, signed in", "/api/problems/", api, False),
        ("problem page, anonymous", f"/problems/{SLUG}/", browser, True),
        ("problem page, signed in, solved", f"/problems/{SLUG}/", cookie, True),
        ("problem page, signed in, not solved", f"/problems/{SLUG}/",
         {"Cookie": f"{settings.SESSION_COOKIE_NAME}={trying_session}; {csrf}"}, True),
        # The solved page's Learn panel (reference and mistakes, ~58 KB), fetched by htmx once it
        # scrolls into view: what a solver who reads it pays on top of the page.
        ("Learn panel (htmx, when scrolled to)", f"/problems/{SLUG}/solution/", {**cookie, "HX-Request": "true"},
         False),
        ("submission status partial (htmx)", f"/submissions/{sub.pk}/status/", {**cookie, "HX-Request": "true"}, True),
        ("submission status, API", f"/api/submissions/{sub.pk}/", api, True),
        # What polling costs while the judge works (the partial asks every 400 ms until done).
        ("status partial, judging", f"/submissions/{judging.pk}/status/", {**cookie, "HX-Request": "true"}, True),
        ("status API, judging", f"/api/submissions/{judging.pk}/", api, True),
    ]
    web = None
    try:
        web = start_server()
        # Correct answers first: a fast error page would be a fine number for the wrong thing.
        status, html = fetch(f"/problems/{SLUG}/", cookie)
        assert status == 200 and DRAFT_MARK in html and f"#{sub.pk}" in html, "signed-in page lacks draft/recent"
        status, html = fetch(f"/problems/{SLUG}/solution/", {**cookie, "HX-Request": "true"})
        assert status == 200 and "What interviewers look for" in html, "the solver's Learn panel is missing"
        status, html = fetch(f"/problems/{SLUG}/", {})
        assert status == 200 and "Sign in</a> to submit" in html and DRAFT_MARK not in html
        status, html = fetch("/problems/", cookie)
        assert status == 200 and "Solved</span>" in html, "signed-in list lacks the solved mark"
        status, html = fetch(f"/submissions/{judging.pk}/status/", {**cookie, "HX-Request": "true"})
        assert status == 200 and "hx-trigger" in html, "the partial of a submission being judged does not poll"
        for _, path, headers, _ in endpoints:
            assert fetch(path, headers)[0] == 200, path
        queries = {label: queries_per_request(path, headers) for label, path, headers, _ in endpoints}

        kind = f"gthread, {THREADS} threads each" if THREADS > 1 else "sync"
        print(f"Dojo load, {os.cpu_count()} cores shared by gunicorn ({WORKERS} processes, {kind}) and wrk "
              f"({WRK_THREADS} thread, {CONNECTIONS} connections), {SECONDS} s per endpoint, loopback; "
              f"load average at the start {os.getloadavg()[0]:.1f}")
        print(f"{'endpoint':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7} "
              f"{'server CPU ms/req':>18} {'queries':>8}  target")
        missed = {}
        for label, path, headers, has_target in endpoints:
            cpu_before = server_cpu_seconds(web.pid)
            r = wrk(path, headers)
            cpu_ms = (server_cpu_seconds(web.pid) - cpu_before) * 1000 / max(1, r["requests"])
            verdict = ""
            if has_target:
                missed[label] = target_missed(r)
                verdict = f"MISSED: {missed[label]}" if missed[label] else "met"
            print(f"{label:36} {r['rps']:8.1f} {r['p50'] * 1000:8.1f} {r['p99'] * 1000:8.1f} "
                  f"{r['requests']:9d} {r['errors']:7d} {cpu_ms:18.2f} {queries[label]:8d}  {verdict}", flush=True)
        failed = [label for label, what in missed.items() if what]
        print(f"target (>= {TARGET_RPS} requests/s, p99 < {TARGET_P99_SECONDS * 1000:.0f} ms, 0 errors): "
              f"met by {len(missed) - len(failed)} of {len(missed)} endpoints"
              + (f"; MISSED by: {'; '.join(failed)}" if failed else ""))
        busy = os.getloadavg()[0]
        print(f"load average at the end: {busy:.1f} (wrk and gunicorn alone make about 3 on 2 cores; more means "
              f"other work shared the CPU and the requests/s above are low by that much)")
    finally:
        stop(web)
        user.delete()
        trying.delete()


if __name__ == "__main__":
    main()
