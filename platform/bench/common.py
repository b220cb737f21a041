"""What the bench scripts share: Django set up as a production server runs it (local
settings, DEBUG off), and processes started in their own group, waited for and stopped."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def setup_django():
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


def start(cmd, log_name, env=None):
    """Start `cmd` from the repository in a process group of its own, output to .run/<log_name>."""
    return subprocess.Popen(cmd, cwd=REPO, stdout=open(REPO / ".run" / log_name, "ab"), stderr=subprocess.STDOUT,
                            start_new_session=True, env=env)


def wait_for_http(url, tries=100) -> bool:
    """True once `url` answers (any status), polling every 0.2 s."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(proc):
    """SIGTERM to the process group, then SIGKILL if it is still there after 30 s."""
    if proc is not None and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
