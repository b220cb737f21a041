"""Server time of the pages a signed-in user sees, with 1,000 submissions in their history.

Run with `make bench-pages` (it sets up first). Not a test: it measures and prints.
It creates a throwaway user with 1,000 judged submissions spread over 180 days (each with
its test results), renders every page through Django's request handler in-process (URL
routing, middleware, view, queries, template: what the server spends, without the network),
and removes the user again. DEBUG is off, as in production.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta

from common import setup_django  # noqa: E402  (platform/bench/common.py)

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from judge.models import Mode, Submission, TestResult  # noqa: E402
from judge.verdicts import Status, Verdict  # noqa: E402
from problems.models import Problem  # noqa: E402

HISTORY = int(os.environ.get("BENCH_HISTORY", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
VERDICTS = [Verdict.ACCEPTED] * 4 + [Verdict.WRONG_ANSWER] * 3 + [Verdict.COMPILE_ERROR, Verdict.TOO_SLOW,
                                                                  Verdict.RUNTIME_ERROR]


def make_history(user, problems):
    rng = random.Random(7)
    now = timezone.now()
    rows = []
    for i in range(HISTORY):
        problem = rng.choice(problems)
        code = next(iter(problem.reference_files.values()))
        rows.append(Submission(user=user, problem=problem, code=code + f"\n// {i}\n", language="go",
                               mode=rng.choice([Mode.RUN, Mode.SUBMIT, Mode.SUBMIT]),
                               status=Status.FINISHED, verdict=rng.choice(VERDICTS), message="bench",
                               container_seconds=1.0))
    created = Submission.objects.bulk_create(rows)
    for sub in created:
        when = now - timedelta(days=rng.uniform(0, 180))
        Submission.objects.filter(pk=sub.pk).update(created_at=when, started_at=when, finished_at=when)
    TestResult.objects.bulk_create([TestResult(submission=sub, position=j, name=f"TestHidden/case{j}", status="pass",
                                               duration_ms=1) for sub in created for j in range(10)])
    return created


def measure(client, url):
    client.get(url)  # warm: template loading, first query plans
    times, queries = [], 0
    for _ in range(ROUNDS):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main():
    settings.DEBUG = False
    problems = list(Problem.objects.all())
    if not problems:
        sys.exit("no problems loaded: run `make setup` first")
    user = get_user_model().objects.create_user(f"bench-{os.getpid()}", password=None)
    try:
        started = time.perf_counter()
        history = make_history(user, problems)
        print(f"history: {len(history)} submissions, {len(history) * 10} test results, "
              f"made in {time.perf_counter() - started:.1f}s")
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        newest = Submission.objects.filter(user=user).order_by("-created_at").first()
        slug = newest.problem.slug
        pages = ["/", "/learn/", "/learn/1/", "/problems/", f"/problems/{slug}/", "/submissions/",
                 "/submissions/?verdict=accepted&mode=submit", f"/submissions/?problem={slug}&page=2",
                 f"/submissions/{newest.pk}/", f"/submissions/{newest.pk}/status/",
                 "/api/submissions/", f"/api/submissions/{newest.pk}/"]
        connection.force_debug_cursor = True  # count queries with DEBUG off
        print(f"{'page':48} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        worst = 0.0
        for url in pages:
            p50, p95, queries = measure(client, url)
            worst = max(worst, p95)
            print(f"{url:48} {p50:8.1f} {p95:8.1f} {queries:8d}")
        print(f"slowest p95: {worst:.1f} ms (target: every page under 100 ms)")
    finally:
        user.delete()


if __name__ == "__main__":
    main()
