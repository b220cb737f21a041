"""Failure drill on the main run: kill -9 each part `make run` started while 8 users submit.

Run `make run` in one terminal, then `make drill-run` (as root) in another. Not a test: it
prints figures. It drives the running site at DRILL_RUN_BASE (http://127.0.0.1:8000) through
its API, as 8 throwaway users (drill-run-N, removed at the end with their submissions), one
submission every DRILL_INTERVAL seconds (2.0) in turn, a mix of correct code, known-wrong
variants and a compile error. After DRILL_WARMUP seconds (20) it kills, with SIGKILL and one
at a time, DRILL_SETTLE seconds (40) apart, the process supervisord runs for each of: web
(gunicorn's master), worker (Celery's main process), beat, Redis, PostgreSQL (the postmaster)
and dockerd. Nothing starts them again but `make run`'s supervisor; the drill only watches.

Per fault it prints how long until the supervisor had the part running again, until the API
stored a submission again and until a verdict was stored again; then the totals: stored,
finished, lost, judged twice, unexpected verdicts, and every answer that was not a 201 (only
503s while PostgreSQL is down are expected). It samples the number of Celery beat processes
every 0.5 s: there must never be more than one.
"""

import os
import random
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from common import REPO, setup_django  # platform/bench/common.py
from drill_common import Flow, catalog_mix, drain, report, say  # platform/bench/drill_common.py

BASE = os.environ.get("DRILL_RUN_BASE", "http://127.0.0.1:8000")
INTERVAL = float(os.environ.get("DRILL_INTERVAL", "2.0"))
WARMUP = float(os.environ.get("DRILL_WARMUP", "20"))
SETTLE = float(os.environ.get("DRILL_SETTLE", "40"))
DRAIN_TIMEOUT = float(os.environ.get("DRILL_DRAIN_TIMEOUT", "900"))
USERS = [f"drill-run-{n}" for n in range(8)]
# supervisord's names (platform/run/supervisord.conf): web, worker and beat form the group "site".
PARTS = ["site:web", "site:worker", "site:beat", "redis", "postgres", "dockerd"]
CONF = REPO / "platform" / "run" / "supervisord.conf"
RUN_DIR = REPO / ".run"


def supervisorctl(*args):
    env = {**os.environ, "DOJO_RUN_DIR": str(RUN_DIR)}
    return subprocess.run([str(REPO / ".venv" / "bin" / "supervisorctl"), "-c", str(CONF), *args],
                          capture_output=True, text=True, env=env).stdout.strip()


def running_pid(name):
    """The pid supervisord runs `name` as, or None while it is not RUNNING."""
    line = supervisorctl("status", name)
    if " RUNNING " not in f" {line} ":
        return None
    return int(line.split("pid ", 1)[1].split(",", 1)[0])


def beat_processes():
    count = 0
    for proc in os.listdir("/proc"):
        if proc.isdigit():
            try:
                cmd = Path(f"/proc/{proc}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            count += b"celery" in b" ".join(cmd[:2]) and b"beat" in cmd
    return count


class BeatWatch(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()
        self.max = self.min = beat_processes()

    def run(self):
        while not self.stopping.wait(0.5):
            n = beat_processes()
            self.max, self.min = max(self.max, n), min(self.min, n)


def answers(name):
    """True once the part does its job again, seen from outside."""
    checks = {
        "site:web": lambda: urllib.request.urlopen(BASE + "/healthz", timeout=2).status == 200,
        "postgres": lambda: subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0,
        "redis": lambda: subprocess.run(["redis-cli", "ping"], capture_output=True, text=True).stdout.strip() == "PONG",
        "dockerd": lambda: subprocess.run(["docker", "info"], capture_output=True).returncode == 0,
    }
    try:
        return checks.get(name, lambda: True)()
    except OSError:
        return False


def main():
    if os.geteuid() != 0:
        raise SystemExit("the drill kills PostgreSQL and dockerd: run it as root")
    if running_pid("site:web") is None:
        raise SystemExit("start `make run` first (its supervisor is not answering)")
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.authtoken.models import Token

    User = get_user_model()
    User.objects.filter(username__in=USERS).delete()
    tokens = [Token.objects.create(user=User.objects.create_user(name, password=f"{random.random()}")).key
              for name in USERS]
    mix = catalog_mix()
    connection.close()

    watch = BeatWatch()
    watch.start()
    flow = Flow(BASE, tokens, mix, INTERVAL)
    say(f"flow: one submission every {INTERVAL:g} s from {len(USERS)} users to {BASE}; kill -9 of "
        f"{', '.join(PARTS)}, after {WARMUP:g} s, {SETTLE:g} s apart")
    flow.start()
    faults = []
    try:
        time.sleep(WARMUP)
        for name in PARTS:
            pid = running_pid(name)
            if pid is None:
                say(f"{name}: not running under the supervisor; skipped")
                continue
            t_stop = time.time()
            say(f"{name}: kill -9 {pid}")
            os.kill(pid, signal.SIGKILL)
            ready = None
            while time.time() - t_stop < 120:
                new = running_pid(name)
                if new not in (None, pid) and answers(name):
                    ready = time.time() - t_stop
                    break
                time.sleep(0.1)
            say(f"{name}: " + (f"running again after {ready:.1f} s" if ready is not None else "NOT back in 120 s"))
            faults.append({"name": f"{name} (kill -9)", "down": ready or 120.0, "ready": ready, "t_stop": t_stop,
                           "t_start": t_stop + (ready or 0)})
            time.sleep(SETTLE)
        flow.stopping.set()
        flow.join()
        t_flow_end = time.time()
        connection.close()  # PostgreSQL was restarted under this process's connection
        drain(flow, DRAIN_TIMEOUT)
        t_drained = time.time()
        watch.stopping.set()
        print()
        print(f"Dojo failure drill on `make run`, {os.cpu_count()} cores: 1 submission every {INTERVAL:g} s for "
              f"{t_flow_end - flow.sent[0]['t']:.0f} s; each part killed once, {SETTLE:g} s apart "
              f"(\"down s\" = kill until the supervisor had it answering again)")
        totals = report(flow, faults, settle=SETTLE, users=USERS, t_flow_end=t_flow_end, t_drained=t_drained)
        print(f"Celery beat processes            min {watch.min}, max {watch.max} (exactly one is right)")
        pg = next((f for f in faults if f["name"].startswith("postgres")), None)
        bad_5xx = [r for r in totals["refused"] if not (r["status"] == 503 and pg and
                                                        pg["t_stop"] - 1 <= r["t"] <= pg["t_start"] + 5)]
        met = (totals["lost"] == 0 and totals["twice"] == 0 and totals["unexpected"] == 0 and not bad_5xx
               and not totals["unanswered"] and watch.max == 1)
        print(f"target: 0 lost, 0 judged twice, 0 unexpected, 5xx only 503 while PostgreSQL is down, one beat: "
              f"{'met' if met else 'MISSED'}")
    finally:
        flow.stopping.set()
        connection.close()
        User.objects.filter(username__in=USERS).delete()


if __name__ == "__main__":
    main()
