"""Measures the judge through the real stack: HTTP API → PostgreSQL → Redis → worker → Docker.

Run with `make bench-judge` (it sets up first). It starts its own web server (gunicorn) and workers
on the local database, prints figures, and stops what it started. Not a test: it asserts
nothing, it measures.

  1. p50/p95 submit-to-verdict of a small accepted problem, one idle worker, one at a time
     with a second between them (as a person submits; back-to-back is the burst's job);
  2. the floor in the same run: one bare container running the same judge job;
  3. a -race problem the same way (a temporary copy of the small problem judged with -race);
  4. a burst of 100 mixed submissions from 10 users (unique code each) to problems without
     benchmarks or -race, with the default worker settings: verdicts per minute (target: 120),
     p95, and that every one finished (none lost); the known-wrong variants judged time_limit
     (each computes until its problem's limit) are left out of it and get a burst of their own
     among the same mix, then all problems without benchmarks (-race where judged);
  5. a burst of BENCH_BENCH_BURST (40) that also includes problems with benchmarks (each such
     submission also runs the reference's benchmarks against it), reported on its own.
"""

import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from common import REPO, setup_django, start, stop, wait_for_http  # noqa: E402  (platform/bench/common.py)

# The sequential runs come from one user: the per-user submission limits (JUDGE_RATE_*), which
# guard the site against abuse, would refuse some. The server started below inherits these.
os.environ.setdefault("JUDGE_RATE_PER_MINUTE", "100000")
os.environ.setdefault("JUDGE_RATE_PER_HOUR", "100000")
setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from judge.models import Mode  # noqa: E402
from judge.runners import runner_for  # noqa: E402
from judge.sandbox import run_job  # noqa: E402
from problems.code_files import join_files  # noqa: E402
from problems.models import Problem  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SMALL = "unicode-palindrome"
RACE_SLUG = "bench-race-palindrome"
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "30"))
BURST = int(os.environ.get("BENCH_BURST", "100"))
BENCH_BURST = int(os.environ.get("BENCH_BENCH_BURST", "40"))
BURST_USERS = 10
TARGET_PER_MINUTE = 120


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def api(method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def submit_and_wait(token, slug, code, timeout=120):
    t0 = time.perf_counter()
    sub = api("POST", "/api/submissions/", token, {"problem": slug, "language": "go", "code": code, "mode": "submit"})
    while time.perf_counter() - t0 < timeout:
        detail = api("GET", f"/api/submissions/{sub['id']}/", token)
        if detail["status"] == "finished":
            return time.perf_counter() - t0, detail["verdict"]
        time.sleep(0.05)  # the page polls every 0.4 s; 50 ms keeps the error small and cheap
    return None, "lost"


def start_worker(concurrency):
    proc = start(["bash", str(REPO / "platform" / "scripts" / "judge-worker.sh")], "bench-worker.log",
                 env=os.environ | {"LOG_LEVEL": "WARNING", "JUDGE_WORKER_CONCURRENCY": str(concurrency),
                                   "JUDGE_WORKER_NAME": f"bench-{time.time_ns()}@%h"})
    time.sleep(4)  # let it connect and reap before the clock starts
    return proc


def unique(code, i):
    # A distinct comment defeats the double-click guard without changing what is compiled.
    return f"{code}\n// bench {time.time_ns()} {i}\n"


def interleave(problems, count, *, time_limits=True):
    """`count` (slug, files, expected verdict), one problem after another: each one's reference,
    then its known-wrong variants in turn (a variant lists only the files it changes).
    `time_limits=False` leaves out the variants judged time_limit. Fewer than `count` in all: they
    are used again in the same order."""
    per_problem = [[(p.slug, p.reference_files, "accepted")] + [(p.slug, {**p.reference_files, **v["files"]},
                                                                  v["verdict"]) for v in p.wrong_variants
                                                                 if time_limits or v["verdict"] != "time_limit"]
                   for p in problems]
    mixed, round_ = [], 0
    while len(mixed) < count and any(round_ < len(entries) for entries in per_problem):
        mixed += [entries[round_] for entries in per_problem if round_ < len(entries)]
        round_ += 1
    # Fewer entries than `count`: the same again from the start (unique() makes each text new).
    return (mixed * (count // max(1, len(mixed)) + 1))[:count]


def cpu_counters():
    """(seconds of CPU the whole machine has used, seconds used by the judge's containers) so far:
    /proc/stat, and the Docker Engine's parent cgroup (cgroupfs driver; v1 or v2), which keeps
    the time of containers already removed. The second is None where that cgroup is not found."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    machine = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    v1, v2 = Path("/sys/fs/cgroup/cpuacct/docker/cpuacct.usage"), Path("/sys/fs/cgroup/docker/cpu.stat")
    if v1.exists():
        return machine, int(v1.read_text()) / 1e9
    if v2.exists():
        usage = dict(line.split() for line in v2.read_text().splitlines())
        return machine, int(usage["usage_usec"]) / 1e6
    return machine, None


def cpu_report(before, after, verdicts, elapsed):
    """Where a verdict's CPU went during a burst, and the rate two cores could give at that cost.
    Other work on the machine counts as the burst's: run it on a quiet machine."""
    machine = (after[0] - before[0]) / max(1, verdicts)
    line = f"  CPU per verdict: {machine:.2f} s of the machine"
    if before[1] is not None:
        containers = (after[1] - before[1]) / max(1, verdicts)
        line += (f", of which {containers:.2f} s inside the judge containers (the build and the tests) and "
                 f"{machine - containers:.2f} s outside (Docker Engine, runc, worker, web, PostgreSQL, Redis)")
    cores = os.cpu_count() or 1
    line += (f"; {cores} cores give at most {cores * 60 / machine:.0f} verdicts/min at this cost "
             f"(busy {100 * machine * verdicts / (cores * elapsed):.0f}% of the burst)") if machine else ""
    print(line, flush=True)


def burst(tokens, entries, label):
    """Sends every entry at once (users in turn), waits for all verdicts, prints the figures;
    returns verdicts per minute."""
    limit_of = dict(Problem.objects.values_list("slug", "time_limit_seconds"))
    t0 = time.perf_counter()
    cpu_before = cpu_counters()
    ids = []
    time_limits = [limit_of[slug] for slug, _, _ in entries]
    for i, (slug, files, want) in enumerate(entries):
        code = join_files(files)
        token = tokens[i % len(tokens)]
        sub = api("POST", "/api/submissions/", token, {"problem": slug, "code": unique(code, i), "mode": "submit"})
        ids.append((sub["id"], want, time.perf_counter(), token))
    # Verdicts are read from the database, one query a round: polling each submission over the
    # API (100 GETs every 0.2 s) took a core from the judge it measures.
    from judge.models import Submission

    want_of = {sid: want for sid, want, _, _ in ids}
    sent_at = {sid: sent for sid, _, sent, _ in ids}
    done, wrong = {}, []
    while len(done) < len(ids) and time.perf_counter() - t0 < 900:
        for sid, verdict in Submission.objects.filter(pk__in=[i for i in want_of if i not in done],
                                                      status="finished").values_list("pk", "verdict"):
            done[sid] = time.perf_counter() - sent_at[sid]
            if verdict != want_of[sid]:
                wrong.append((sid, want_of[sid], verdict))
        time.sleep(0.2)
    elapsed = time.perf_counter() - t0
    cpu_after = cpu_counters()
    times = list(done.values())
    per_minute = len(done) / elapsed * 60
    print(f"{label}: {len(done)} finished, {len(ids) - len(done)} lost, {len(wrong)} with an unexpected verdict"
          f"{' ' + str(wrong[:3]) if wrong else ''}; {per_minute:.0f} verdicts/min; submit→verdict p50 "
          f"{statistics.median(times):.2f} s, p95 {pct(times, 95):.2f} s; all done in {elapsed:.1f} s", flush=True)
    limited = [limit for (_, want, _, _), limit in zip(ids, time_limits, strict=True) if want == "time_limit"]
    if limited:
        print(f"  {len(limited)} of them are known-wrong variants judged time_limit: each computes until its "
              f"problem's time limit ({', '.join(f'{s} s' for s in sorted(set(limited)))}), "
              f"{sum(limited)} s of CPU together", flush=True)
    cpu_report(cpu_before, cpu_after, len(done), elapsed)
    return per_minute if len(done) == len(ids) else 0.0


def main():
    user, _ = get_user_model().objects.get_or_create(username="bench")
    token = Token.objects.get_or_create(user=user)[0].key
    small = Problem.objects.get(slug=SMALL)
    reference = small.reference_files["solution.go"]
    copied = {f.name: getattr(small, f.name) for f in Problem._meta.concrete_fields if f.name not in ("id", "slug")}
    copied.update(race=True, title="Benchmark copy judged with -race")
    Problem.objects.update_or_create(slug=RACE_SLUG, defaults=copied)

    # gunicorn, as a server runs it: runserver opens a database connection per request.
    web = start([str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
                 "--workers", "2", "--access-logfile", "-"], "bench-web.log")
    worker = None
    try:
        wait_for_http(BASE + "/healthz")
        print(f"Dojo judge speed, {os.cpu_count()} cores, worker limits: {settings.JUDGE['NANO_CPUS'] / 1e9:g} CPU, "
              f"{settings.JUDGE['MEMORY_BYTES'] >> 20} MiB per container")

        worker = start_worker(1)
        submit_and_wait(token, SMALL, unique(reference, -1))  # first run warms page cache and imports
        lat = []
        for i in range(SEQUENTIAL):
            time.sleep(1.0)  # an idle worker: the previous run is over and cleaned up
            seconds, verdict = submit_and_wait(token, SMALL, unique(reference, i))
            assert verdict == "accepted", verdict
            lat.append(seconds)
        runner = runner_for("go")
        floor = []
        for i in range(SEQUENTIAL):
            job = runner.build_job(small, code=unique(reference, i), mode=Mode.SUBMIT)
            t0 = time.perf_counter()
            result = run_job(job, warm=False)  # the floor: a bare container, created for the job
            floor.append(time.perf_counter() - t0)
            assert result.exit_code == 0
        race_lat = []
        for i in range(max(10, SEQUENTIAL // 3)):
            time.sleep(1.0)
            seconds, verdict = submit_and_wait(token, RACE_SLUG, unique(reference, i))
            assert verdict == "accepted", verdict
            race_lat.append(seconds)
        stop(worker)

        p50, p95, f50 = statistics.median(lat), pct(lat, 95), statistics.median(floor)
        print(f"submit→verdict, small accepted problem, 1 idle worker ({SEQUENTIAL} runs): "
              f"p50 {p50:.3f} s, p95 {p95:.3f} s")
        print(f"floor, one bare container running the same judge job: p50 {f50:.3f} s, p95 {pct(floor, 95):.3f} s")
        print(f"ratio to the floor (p50): {p50 / f50:.2f}")
        print(f"-race problem, 1 idle worker ({len(race_lat)} runs): p50 {statistics.median(race_lat):.3f} s, "
              f"p95 {pct(race_lat, 95):.3f} s")

        if BURST <= 0:
            return
        concurrency = int(os.environ.get("JUDGE_WORKER_CONCURRENCY", "2"))
        worker = start_worker(concurrency)
        tokens = [Token.objects.get_or_create(user=get_user_model().objects.get_or_create(
            username=f"bench-{n}")[0])[0].key for n in range(BURST_USERS)]
        plain = [p for p in Problem.objects.filter(kind="solution").order_by("step", "slug") if not p.benchmark_names]
        timed = [p for p in Problem.objects.filter(kind="solution").order_by("step", "slug") if p.benchmark_names]
        small = [p for p in plain if not p.race]
        # A submission judged time_limit computes until its problem's limit by definition, so
        # how many of them a burst holds sets its rate whatever the judge costs: like the
        # benchmark problems, they get a burst and a figure of their own.
        rate = burst(tokens, interleave(small, BURST, time_limits=False),
                     f"burst of {BURST} mixed submissions to the {len(small)} problems without benchmarks or "
                     f"-race (none that runs to its time limit), {BURST_USERS} users, worker of {concurrency} processes")
        print(f"target: >= {TARGET_PER_MINUTE} verdicts/min with 0 lost: "
              f"{'met' if rate >= TARGET_PER_MINUTE else 'MISSED'} ({rate:.0f}/min)")
        burst(tokens, interleave(small, BURST), f"burst of {BURST} mixed submissions to the same problems, with the "
              f"known-wrong variants judged time_limit among them")
        burst(tokens, interleave(plain, BURST), f"burst of {BURST} mixed submissions to all {len(plain)} problems "
              f"without benchmarks (-race where judged so), {BURST_USERS} users")
        if BENCH_BURST > 0:
            burst(tokens, interleave(timed + plain[:len(timed)], BENCH_BURST),
                  f"burst of {BENCH_BURST} mixed submissions, half to problems with benchmarks, {BURST_USERS} users")
    finally:
        if worker:
            stop(worker)
        stop(web)
        # The -race copy must not linger in the catalog users see.
        from judge.models import Submission

        Submission.objects.filter(problem__slug=RACE_SLUG).delete()
        Problem.objects.filter(slug=RACE_SLUG).delete()


if __name__ == "__main__":
    main()
