"""Failure drill: restart PostgreSQL, Redis, the Docker Engine and the judge worker in turn
while submissions flow through the HTTP API, then check that none was lost or judged twice.

Run with `make drill` (it sets up first). Not a test: it prints a table of figures.

It never touches the services anything else on this machine uses (a `make run`, a test run):
it starts its own PostgreSQL cluster, Redis and Docker Engine on private ports and sockets
under DRILL_DIR (/var/tmp/dojo-drill), with the same packages and options as
platform/scripts/services.sh and docker-engine.sh (Redis append-only; dockerd without bridge
or iptables), copies the runner image into its engine once, and runs the real parts against
them: gunicorn, one Celery worker (2 processes) and Celery beat (the sweeper). The worker runs
under a small supervisor that starts it again if it exits by itself, as compose's restart
policy does in the deployment; such exits are counted and printed.

  1. steady flow: one submission every DRILL_INTERVAL seconds (2.0) through POST
     /api/submissions/, from 8 users in turn (within the per-user rate limit), a mix of
     correct code, known-wrong variants and compile errors, each with its expected verdict;
  2. after DRILL_WARMUP seconds (30), each fault in turn, DRILL_SETTLE seconds (45) apart:
     PostgreSQL stopped (fast shutdown) for DRILL_OUTAGE seconds (10), then started; Redis
     shut down and started; dockerd stopped (its running sandboxes die with it) and started;
     the worker killed with SIGKILL (the whole process group) and a new one started;
  3. the flow stops; the drill waits (up to DRILL_DRAIN_TIMEOUT, 900 s) until every
     submission that got a 201 is finished, then counts from the database: lost (201 but
     never finished), duplicates (more than one "finished" event, or one POST stored twice),
     verdicts other than expected, and POSTs refused (a 5xx JSON answer) or unanswered.

The private services are stopped at the end; the engine's data (the image copy) stays in
DRILL_DIR/docker-data for the next run. Delete DRILL_DIR to reclaim its ~1 GB.
"""

import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import stop  # platform/bench/common.py

REPO = Path(__file__).resolve().parents[2]
DIR = Path(os.environ.get("DRILL_DIR", "/var/tmp/dojo-drill"))
PG_PORT, REDIS_PORT, WEB_PORT = 55432, 56379, int(os.environ.get("DRILL_WEB_PORT", "8767"))
BASE = f"http://127.0.0.1:{WEB_PORT}"
INTERVAL = float(os.environ.get("DRILL_INTERVAL", "2.0"))
WARMUP = float(os.environ.get("DRILL_WARMUP", "30"))
SETTLE = float(os.environ.get("DRILL_SETTLE", "45"))
OUTAGE = float(os.environ.get("DRILL_OUTAGE", "10"))
DRAIN_TIMEOUT = float(os.environ.get("DRILL_DRAIN_TIMEOUT", "900"))
USERS = 8
DOCKER_SOCK = DIR / "docker" / "docker.sock"
PG_BIN = Path("/usr/lib/postgresql") / sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(v))[-1] / "bin"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.local",
    "DEBUG": "0",
    "SECRET_KEY": "drill-only-not-secret-" + "x" * 40,
    "DATABASE_URL": f"postgres://dojo:dojo@127.0.0.1:{PG_PORT}/dojo_drill",
    "CELERY_BROKER_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
    "DOCKER_HOST": f"unix://{DOCKER_SOCK}",
    "LOG_LEVEL": "WARNING",
}
os.environ.update({k: ENV[k] for k in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DATABASE_URL",
                                      "CELERY_BROKER_URL", "CACHE_URL", "DOCKER_HOST")})
sys.path.insert(0, str(REPO))


def say(text):
    print(f"[drill {time.strftime('%H:%M:%S')}] {text}", flush=True)


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


# --- private services -------------------------------------------------------------------


class Postgres:
    data = DIR / "pg" / "data"

    def _pg(self, *args):
        return run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args])

    def ready(self):
        return subprocess.run([str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)]).returncode == 0

    def setup(self):
        if self.data.parent.exists():
            shutil.rmtree(self.data.parent)
        self.data.mkdir(parents=True)
        shutil.chown(self.data.parent, "postgres")
        shutil.chown(self.data, "postgres")
        run(["runuser", "-u", "postgres", "--", str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
             "postgres"])
        self.start()
        psql = ["runuser", "-u", "postgres", "--", str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(PG_PORT),
                "-q", "-c"]
        run(psql + ["CREATE ROLE dojo LOGIN CREATEDB PASSWORD 'dojo'"])
        run(psql + ["CREATE DATABASE dojo_drill OWNER dojo"])

    def start(self):
        self._pg("-l", str(self.data.parent / "pg.log"), "-w", "-o",
                 f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {self.data.parent}", "start")
        wait_until(self.ready, 30, "PostgreSQL")

    def stop(self):
        self._pg("-m", "fast", "-w", "stop")


class Redis:
    dir = DIR / "redis"

    def ready(self):
        return subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True,
                              text=True).stdout.strip() == "PONG"

    def setup(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        self.start()

    def start(self):
        # As services.sh starts it: append-only, so queued tasks survive a restart.
        run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(REDIS_PORT),
             "--dir", str(self.dir), "--pidfile", str(self.dir / "redis.pid"), "--logfile", str(self.dir / "redis.log"),
             "--appendonly", "yes", "--save", ""])
        wait_until(self.ready, 30, "Redis")

    def stop(self):
        subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown"], capture_output=True)
        wait_until(lambda: not self.ready(), 30, "Redis to stop")


class DockerEngine:
    dir = DIR / "docker"

    def ready(self):
        return subprocess.run(["docker", "-H", f"unix://{DOCKER_SOCK}", "info"], capture_output=True).returncode == 0

    def setup(self):
        (self.dir / "exec").mkdir(parents=True, exist_ok=True)
        self.start()
        image = os.environ.get("JUDGE_IMAGE", "dojo-runner-go:latest")
        want = run(["docker", "image", "inspect", "-f", "{{.Id}}", image]).stdout.strip()
        have = subprocess.run(["docker", "-H", f"unix://{DOCKER_SOCK}", "image", "inspect", "-f", "{{.Id}}", image],
                              capture_output=True, text=True).stdout.strip()
        if want != have:
            say(f"copying {image} into the drill's Docker Engine (once; ~40 s)")
            save = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE)
            run(["docker", "-H", f"unix://{DOCKER_SOCK}", "load"], stdin=save.stdout)
            save.wait()

    def start(self):
        # As docker-engine.sh starts it: no bridge, no iptables (sandboxes have no network).
        log = open(self.dir / "dockerd.log", "ab")
        self.proc = subprocess.Popen(
            ["dockerd", "--bridge=none", "--iptables=false", "--ip6tables=false",
             "--data-root", str(DIR / "docker-data"), "--exec-root", str(self.dir / "exec"),
             "--pidfile", str(self.dir / "dockerd.pid"), "--host", f"unix://{DOCKER_SOCK}"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(self.ready, 60, "the Docker Engine")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)  # as `systemctl stop docker`: running containers die
        self.proc.wait(timeout=60)


# --- the application --------------------------------------------------------------------


def manage(*args):
    run([sys.executable, "manage.py", *args], cwd=REPO, env=ENV)


def spawn(name, cmd):
    log = open(DIR / f"{name}.log", "ab")
    return subprocess.Popen(cmd, cwd=REPO, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def start_web():
    proc = spawn("web", [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind",
                         f"127.0.0.1:{WEB_PORT}", "--workers", "2", "--timeout", "60"])
    wait_until(lambda: urllib.request.urlopen(BASE + "/healthz", timeout=1).status == 200, 30, "gunicorn")
    return proc


def start_worker():
    return spawn("worker", [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO",
                            "--concurrency", "2", "--hostname", f"drill-{time.time_ns()}@%h"])


def start_beat():
    return spawn("beat", [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO",
                          "--schedule", str(DIR / "celerybeat-schedule")])


# --- the flow of submissions ------------------------------------------------------------


def catalog_mix():
    """(slug, code, expected verdict): references, known-wrong variants, a compile error."""
    from problems.models import Problem

    mix = []
    for slug in ("unicode-palindrome", "group-anagrams"):
        problem = Problem.objects.get(slug=slug)
        mix.append((slug, problem.reference_files["solution.go"], "accepted"))
        mix += [(slug, v["files"]["solution.go"], v["verdict"]) for v in problem.wrong_variants
                if "solution.go" in v["files"]]
    mix.append(("unicode-palindrome", "package palindrome\nfunc IsPalindrome(s string) bool { return 1 }\n",
                "compile_error"))
    return mix


class Flow(threading.Thread):
    """POSTs one submission every INTERVAL seconds until stopped; records every answer."""

    def __init__(self, tokens, mix):
        super().__init__(daemon=True)
        self.tokens, self.mix = tokens, mix
        self.stopping = threading.Event()
        self.sent = []  # dicts: t, status, id, expected, detail, seconds

    def run(self):
        i = 0
        next_at = time.monotonic()
        while not self.stopping.is_set():
            slug, code, expected = self.mix[i % len(self.mix)]
            token = self.tokens[i % len(self.tokens)]
            body = json.dumps({"problem": slug, "code": f"{code}\n// drill {i} {random.random()}\n"}).encode()
            req = urllib.request.Request(BASE + "/api/submissions/", data=body, method="POST", headers={
                "Authorization": f"Token {token}", "Content-Type": "application/json"})
            t0 = time.monotonic()
            record = {"t": time.time(), "expected": expected, "id": None, "detail": ""}
            try:
                with urllib.request.urlopen(req, timeout=15) as resp:
                    record["status"] = resp.status
                    record["id"] = json.loads(resp.read())["id"]
            except urllib.error.HTTPError as exc:
                record["status"] = exc.code
                raw = exc.read()
                try:
                    record["detail"] = json.loads(raw).get("detail", "")
                except ValueError:
                    record["detail"] = f"not JSON: {raw[:80]!r}"
            except OSError as exc:  # no answer at all: refused connection or timeout
                record["status"] = None
                record["detail"] = f"{type(exc).__name__}: {exc}"[:120]
            record["seconds"] = time.monotonic() - t0
            self.sent.append(record)
            i += 1
            next_at += INTERVAL
            self.stopping.wait(max(0.0, next_at - time.monotonic()))


class Supervisor(threading.Thread):
    """Restarts the worker when it exits on its own, as compose's `restart: unless-stopped` does
    in the deployment; each such exit is counted and printed (it is a finding, not noise)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.lock = threading.Lock()
        self.worker = start_worker()
        self.crashes = []  # (time, exit code)
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(1.0):
            with self.lock:
                code = self.worker.poll()
                if code is not None:
                    self.crashes.append((time.time(), code))
                    say(f"the worker exited by itself (code {code}); restarting it")
                    self.worker = start_worker()


def first_201_after(flow, t):
    return next((r["t"] - t for r in flow.sent if r["t"] >= t and r["status"] == 201), None)


def first_verdict_after(t):
    """Seconds from t until the first verdict stored after it (judging works again)."""
    from datetime import datetime, timezone

    from judge.models import Submission

    since = datetime.fromtimestamp(t, tz=timezone.utc)
    first = Submission.objects.filter(finished_at__gte=since).order_by("finished_at").values_list(
        "finished_at", flat=True).first()
    return (first.timestamp() - t) if first else None


def main():
    if os.geteuid() != 0:
        raise SystemExit("the drill starts its own PostgreSQL and Docker Engine: run it as root")
    DIR.mkdir(parents=True, exist_ok=True)
    for name in ("web", "worker", "beat"):
        (DIR / f"{name}.log").unlink(missing_ok=True)
    pg, redis, engine = Postgres(), Redis(), DockerEngine()
    web = worker = beat = supervisor = None
    started = []
    try:
        say(f"private PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}, Docker Engine {DOCKER_SOCK}")
        pg.setup()
        started.append(pg)
        redis.setup()
        started.append(redis)
        engine.setup()
        started.append(engine)
        manage("migrate", "--no-input", "-v0")
        manage("load_problems")

        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.db import connection
        from rest_framework.authtoken.models import Token

        tokens = []
        for n in range(USERS):
            user = get_user_model().objects.create_user(f"drill{n}", password=f"drill-{n}-{random.random()}")
            tokens.append(Token.objects.create(user=user).key)
        mix = catalog_mix()
        connection.close()

        web, beat = start_web(), start_beat()
        supervisor = Supervisor()
        supervisor.start()
        flow = Flow(tokens, mix)
        say(f"flow: one submission every {INTERVAL:g} s from {USERS} users; faults after {WARMUP:g} s, "
            f"{SETTLE:g} s apart, each down {OUTAGE:g} s")
        flow.start()
        time.sleep(WARMUP)

        faults = []

        def fault(name, stop, start):
            t_stop = time.time()
            say(f"{name}: stopping")
            stop()
            time.sleep(OUTAGE)
            t_start = time.time()
            say(f"{name}: starting again")
            start()
            ready = time.time() - t_start
            time.sleep(SETTLE)
            faults.append({"name": name, "down": t_start - t_stop, "ready": ready, "t_stop": t_stop,
                           "t_start": t_start})

        # The worker is down from the kill until the drill starts it again (the supervisor waits
        # on its lock meanwhile), as if no supervisor noticed for OUTAGE seconds.
        def kill_worker():
            supervisor.lock.acquire()
            os.killpg(supervisor.worker.pid, signal.SIGKILL)  # main process and pool, mid-judging
            supervisor.worker.wait()

        def new_worker():
            supervisor.worker = start_worker()
            supervisor.lock.release()

        fault("PostgreSQL", pg.stop, pg.start)
        fault("Redis", redis.stop, redis.start)
        fault("Docker Engine", engine.stop, engine.start)
        fault("worker (kill -9)", kill_worker, new_worker)
        flow.stopping.set()
        flow.join()
        t_flow_end = time.time()

        from judge.models import Submission, SubmissionEvent
        from judge.verdicts import Status

        accepted = {r["id"]: r for r in flow.sent if r["status"] == 201}
        say(f"flow stopped: {len(flow.sent)} POSTs, {len(accepted)} accepted; waiting for every verdict")
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while time.monotonic() < deadline:
            left = Submission.objects.filter(pk__in=list(accepted)).exclude(status=Status.FINISHED).count()
            if not left:
                break
            time.sleep(2)
        t_drained = time.time()

        for f in faults:
            f["api_back"] = first_201_after(flow, f["t_start"])
            f["judging_back"] = first_verdict_after(f["t_start"])

        rows = {s.pk: s for s in Submission.objects.filter(pk__in=list(accepted))}
        finished = [s for s in rows.values() if s.status == Status.FINISHED]
        lost = sorted(set(accepted) - {s.pk for s in finished})
        finished_events = {}
        for sid in SubmissionEvent.objects.filter(kind=SubmissionEvent.Kind.FINISHED).values_list(
                "submission_id", flat=True):
            finished_events[sid] = finished_events.get(sid, 0) + 1
        twice_judged = sorted(sid for sid, n in finished_events.items() if n > 1)
        # One POST stored twice would be a row no 201 named (or two 201s naming one id).
        stored_without_201 = Submission.objects.exclude(pk__in=list(accepted)).count()
        same_id_twice = len([r for r in flow.sent if r["status"] == 201]) - len(accepted)
        unexpected = [(s.pk, accepted[s.pk]["expected"], s.verdict) for s in finished
                      if s.verdict != accepted[s.pk]["expected"]]
        to_verdict = [(s.finished_at - s.created_at).total_seconds() for s in finished]
        refused = [r for r in flow.sent if r["status"] is not None and r["status"] >= 500]
        refused_json = [r for r in refused if not r["detail"].startswith("not JSON")]
        unanswered = [r for r in flow.sent if r["status"] is None]
        other = [r for r in flow.sent if r["status"] is not None and r["status"] < 500 and r["status"] != 201]
        retried = SubmissionEvent.objects.filter(kind=SubmissionEvent.Kind.RETRIED).values(
            "submission_id").distinct().count()
        requeued = SubmissionEvent.objects.filter(kind=SubmissionEvent.Kind.REQUEUED).values(
            "submission_id").distinct().count()

        print()
        print(f"Dojo failure drill, {os.cpu_count()} cores: 1 submission every {INTERVAL:g} s for "
              f"{t_flow_end - flow.sent[0]['t']:.0f} s; each fault down {OUTAGE:g} s, {SETTLE:g} s apart")
        print(f"{'fault':20} {'down s':>7} {'ready s':>8} {'API 201 again s':>16} {'verdicts again s':>17} "
              f"{'max submit→verdict s':>21}")
        for f in faults:
            fmt = lambda v: f"{v:.1f}" if v is not None else "never"  # noqa: E731
            # Submissions made from just before the fault until the next one: what it cost them.
            around = [(s.finished_at - s.created_at).total_seconds() for s in finished
                      if f["t_stop"] - 5 <= s.created_at.timestamp() < f["t_start"] + SETTLE]
            print(f"{f['name']:20} {f['down']:7.1f} {f['ready']:8.1f} {fmt(f['api_back']):>16} "
                  f"{fmt(f['judging_back']):>17} {fmt(max(around) if around else None):>21}")
        print()
        print(f"submissions POSTed               {len(flow.sent)}")
        print(f"  201 (stored)                   {len(accepted)}")
        print(f"  refused with 5xx JSON          {len(refused_json)}"
              + (f" ({', '.join(sorted({str(r['status']) for r in refused_json}))})" if refused_json else ""))
        print(f"  refused, not JSON              {len(refused) - len(refused_json)}")
        print(f"  no answer (connection/timeout) {len(unanswered)}")
        print(f"  other answers                  {len(other)}"
              + (f" ({', '.join(sorted({str(r['status']) for r in other}))})" if other else ""))
        print(f"  slowest answer                 {max(r['seconds'] for r in flow.sent):.2f} s")
        print(f"finished                         {len(finished)}")
        print(f"lost (201, never finished)       {len(lost)}{' ' + str(lost[:10]) if lost else ''}")
        print(f"judged twice (2+ finish events)  {len(twice_judged)}")
        print(f"stored without a 201 / id twice  {stored_without_201} / {same_id_twice}")
        print(f"unexpected verdicts              {len(unexpected)}{' ' + str(unexpected[:5]) if unexpected else ''}")
        print(f"retried after a judge failure    {retried}; requeued by the sweeper {requeued}")
        print(f"worker exits on its own          {len(supervisor.crashes)}"
              + "".join(f" (code {code}, {t - flow.sent[0]['t']:.0f} s in)" for t, code in supervisor.crashes)
              + (": restarted by the drill, as compose's restart policy would" if supervisor.crashes else ""))
        if to_verdict:
            print(f"submit→verdict                   p50 {statistics.median(to_verdict):.1f} s, "
                  f"max {max(to_verdict):.1f} s")
        print(f"all verdicts in                  {t_drained - t_flow_end:.0f} s after the flow stopped")
        for r in (refused + unanswered + other)[:2]:
            print(f"  e.g. {r['status']}: {r['detail']}")
        for s in sorted(finished, key=lambda s: s.created_at - s.finished_at)[:3]:
            history = ", ".join(f"{e.kind} +{(e.created_at - s.created_at).total_seconds():.0f}s"
                                for e in s.events.all())
            print(f"  slowest: #{s.pk} {(s.finished_at - s.created_at).total_seconds():.0f} s, "
                  f"{s.attempts} attempt(s): {history}")
    finally:
        if supervisor is not None:
            supervisor.stopping.set()
            supervisor.join()
            worker = supervisor.worker
        for proc in (web, worker, beat):
            stop(proc)
        for service in reversed(started):
            try:
                service.stop()
            except Exception as exc:
                say(f"stopping {type(service).__name__}: {exc}")


if __name__ == "__main__":
    main()
