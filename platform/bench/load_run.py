"""Load on the `make run` stack itself: 200 concurrent connections, and the PostgreSQL
connections counted before, during and after.

`make bench-load` runs it after load.py when a `make run` answers on DOJO_RUN_BASE
(http://127.0.0.1:8000); otherwise it says so and stops. It signs a throwaway user in over
HTTP (the stack's own session), then drives each endpoint with wrk at RUN_LOAD_CONNECTIONS
(200) for RUN_LOAD_SECONDS (10), sampling pg_stat_activity every 0.2 s. Target: 0 answers
other than 2xx/3xx, 0 socket errors, and client connections far below max_connections at
every moment, back to the idle count after.
"""

import http.cookiejar
import os
import re
import secrets
import threading
import time
import urllib.parse
import urllib.request

import load  # platform/bench/load.py: wrk(), ensure_wrk(), Django set up
import psycopg
from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework.authtoken.models import Token

from judge.models import Submission
from judge.verdicts import Status, Verdict
from problems.models import Problem

BASE = os.environ.get("DOJO_RUN_BASE", "http://127.0.0.1:8000")
CONNECTIONS = int(os.environ.get("RUN_LOAD_CONNECTIONS", "200"))
SECONDS = int(os.environ.get("RUN_LOAD_SECONDS", "10"))
USERNAME = "load-bench-run"


def pg_connections(conn):
    """(client connections to any database, PostgreSQL's max_connections)."""
    used = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'").fetchone()[0]
    return used, int(conn.execute("SHOW max_connections").fetchone()[0])


class Sampler(threading.Thread):
    """Counts PostgreSQL's client connections every 0.2 s on a connection of its own, opened
    before the load starts (a new one may take seconds to get while 200 clients wait)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()
        self.conn = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        self.peak = pg_connections(self.conn)[0]

    def run(self):
        while not self.stopping.wait(0.2):
            self.peak = max(self.peak, pg_connections(self.conn)[0])
        self.conn.close()


def sign_in(password):
    """The stack's own session cookie, got through its sign-in page like a browser."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": USERNAME, "password": password, "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(BASE + "/accounts/login/", data=body, headers={"Referer": BASE + "/"}),
                timeout=10)
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "sign-in to the make run stack failed"
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def main():
    try:
        urllib.request.urlopen(BASE + "/healthz", timeout=2)
    except OSError:
        print(f"no `make run` answers on {BASE}: start it in another terminal to load it with "
              f"{CONNECTIONS} connections (skipped)")
        return
    load.ensure_wrk()
    User = get_user_model()
    User.objects.filter(username=USERNAME).delete()
    password = secrets.token_urlsafe(24)
    user = User.objects.create_user(USERNAME, password=password)
    problem = Problem.objects.get(slug=load.SLUG)
    sub = Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                    status=Status.FINISHED, verdict=Verdict.ACCEPTED, message="All tests passed.")
    token = Token.objects.create(user=user).key
    try:
        cookie = {"Cookie": sign_in(password)}
        endpoints = [
            ("problem list, signed in", "/problems/", cookie),
            ("problem page, signed in", f"/problems/{load.SLUG}/", cookie),
            ("submission status partial (htmx)", f"/submissions/{sub.pk}/status/", {**cookie, "HX-Request": "true"}),
            ("submission status, API", f"/api/submissions/{sub.pk}/", {"Authorization": f"Token {token}"}),
        ]
        load.BASE, load.CONNECTIONS, load.SECONDS = BASE, CONNECTIONS, SECONDS
        counter = Sampler()  # not started: counts before and after
        before, limit = pg_connections(counter.conn)
        print(f"Dojo load on the `make run` stack at {BASE}: {CONNECTIONS} connections, {SECONDS} s per endpoint; "
              f"PostgreSQL max_connections {limit}")
        print(f"{'endpoint':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7} "
              f"{'PG conns peak':>14}")
        errors = 0
        peak_all = before
        for label, path, headers in endpoints:
            sampler = Sampler()
            sampler.start()
            r = load.wrk(path, headers)
            sampler.stopping.set()
            sampler.join()
            errors += r["errors"]
            peak_all = max(peak_all, sampler.peak)
            print(f"{label:36} {r['rps']:8.1f} {r['p50'] * 1000:8.1f} {r['p99'] * 1000:8.1f} {r['requests']:9d} "
                  f"{r['errors']:7d} {sampler.peak:14d}", flush=True)
        time.sleep(2)
        after, _ = pg_connections(counter.conn)
        print(f"PostgreSQL client connections: {before} before, {peak_all} at the peak, {after} after "
              f"(this script's own included; max_connections {limit})")
        met = errors == 0 and peak_all < limit * 0.5
        print(f"target: 0 errors and connections bounded under {CONNECTIONS} connections: "
              f"{'met' if met else 'MISSED'} ({errors} errors, peak {peak_all} of {limit})")
    finally:
        connection.close()
        user.delete()


if __name__ == "__main__":
    main()
