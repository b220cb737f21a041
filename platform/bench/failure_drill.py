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

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import stop  # platform/bench/common.py
from drill_common import Flow, catalog_mix, drain, report, say  # platform/bench/drill_common.py

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


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # noqa: S110 - not up yet (refused, 503): ask again
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
        with open(self.dir / "dockerd.log", "ab") as log:  # the child keeps its own copy
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


def spawn(name, cmd, env=ENV):
    with open(DIR / f"{name}.log", "ab") as log:  # the child keeps its own copy
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def start_web():
    proc = spawn("web", [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind",
                         f"127.0.0.1:{WEB_PORT}", "--workers", "2", "--timeout", "60"])
    wait_until(lambda: urllib.request.urlopen(BASE + "/healthz", timeout=1).status == 200, 30, "gunicorn")
    return proc


def start_worker():
    # platform/scripts/judge-worker.sh, as every worker is started; its log at INFO.
    return spawn("worker", ["bash", str(REPO / "platform" / "scripts" / "judge-worker.sh")],
                 env=ENV | {"LOG_LEVEL": "INFO", "JUDGE_WORKER_CONCURRENCY": "2",
                            "JUDGE_WORKER_NAME": f"drill-{time.time_ns()}@%h"})


def start_beat():
    return spawn("beat", [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO",
                          "--schedule", str(DIR / "celerybeat-schedule")])


# --- the worker's own supervisor ----------------------------------------------------


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
        flow = Flow(BASE, tokens, mix, INTERVAL)
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

        drain(flow, DRAIN_TIMEOUT)
        t_drained = time.time()
        print()
        print(f"Dojo failure drill, {os.cpu_count()} cores: 1 submission every {INTERVAL:g} s for "
              f"{t_flow_end - flow.sent[0]['t']:.0f} s; each fault down {OUTAGE:g} s, {SETTLE:g} s apart")
        report(flow, faults, settle=SETTLE, users=[f"drill{n}" for n in range(USERS)], t_flow_end=t_flow_end,
               t_drained=t_drained)
        print(f"worker exits on its own          {len(supervisor.crashes)}"
              + "".join(f" (code {code}, {t - flow.sent[0]['t']:.0f} s in)" for t, code in supervisor.crashes)
              + (": restarted by the drill, as compose's restart policy would" if supervisor.crashes else ""))
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
