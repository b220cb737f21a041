"""The host scripts under platform/: each sources platform/scripts/lib.sh (the one home of the
repo root, the logger, apt-get, the Python check and venv, and debootstrap), and the judge
worker's command line is written once, in platform/scripts/judge-worker.sh. Run with a stand-in
`celery` on PATH in a copy of the two scripts, so nothing here starts a worker."""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

PLATFORM = REPO / "platform"
# judge.sh runs inside the sandbox image; entrypoint.sh is the app image's /bin/sh entry point
# (its worker role runs judge-worker.sh, which sources lib.sh).
NOT_HOST_SCRIPTS = {PLATFORM / "runner" / "judge.sh", PLATFORM / "docker" / "entrypoint.sh",
                    PLATFORM / "scripts" / "lib.sh"}
HOST_SCRIPTS = sorted(set(PLATFORM.rglob("*.sh")) - NOT_HOST_SCRIPTS - set(PLATFORM.rglob("node_modules/**/*")))


@pytest.mark.parametrize("script", HOST_SCRIPTS, ids=lambda p: str(p.relative_to(PLATFORM)))
def test_every_host_script_parses_and_sources_lib_sh(script):
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    assert re.search(r"^source .*/lib\.sh\"$", text, re.M), script
    # What lib.sh is for is not done again here: finding the repo root, apt-get on the host
    # (a Dockerfile's RUN line, in a heredoc, is the image's own).
    assert "/../.." not in text, script
    assert not re.search(r"^(?!RUN ).*(^|\|\||&&|\{|;)\s*(sudo\s+)?apt-get\b", text, re.M), script


def test_the_worker_command_line_is_written_once():
    """supervisord, dev.sh, worker.sh, the image, the tests and the benches all run judge-worker.sh."""
    celery_worker = re.compile(r"""-A"?,? "?config\b.*\bworker\b""")
    places = [path.relative_to(REPO) for path in [*PLATFORM.rglob("*.sh"), *PLATFORM.rglob("*.conf"),
                                                  *PLATFORM.rglob("*.py"), *(REPO / "tests").rglob("*.py")]
              if "node_modules" not in path.parts and path != Path(__file__)
              and celery_worker.search(path.read_text())]
    assert places == [Path("platform/scripts/judge-worker.sh")]


@pytest.fixture
def scripts(tmp_path):
    """lib.sh and judge-worker.sh in a tree with no .venv, and on PATH a `celery` that prints its
    arguments and exits with the code on the first line of $EXIT_CODES (dropping it), or, with
    none left, runs until it is stopped; `sleep` (the pause between restarts) returns at once."""
    (tmp_path / "platform" / "scripts").mkdir(parents=True)
    for name in ("lib.sh", "judge-worker.sh"):
        shutil.copy(PLATFORM / "scripts" / name, tmp_path / "platform" / "scripts" / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "celery").write_text(
        '#!/bin/sh\necho "celery $*"\ncode=$(head -n 1 "${EXIT_CODES:-/dev/null}")\n'
        '[ -n "$code" ] || exec /bin/sleep 60\nsed -i 1d "$EXIT_CODES"\nexit "$code"\n')
    (bin_dir / "sleep").write_text("#!/bin/sh\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return tmp_path


def worker_env(scripts, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("LOG_LEVEL", "JUDGE_WORKER_CONCURRENCY")}
    environ.update(PATH=f"{scripts / 'bin'}:{os.environ['PATH']}", DOJO_RUN_DIR=str(scripts / ".run"), **env)
    return environ


def worker_command(scripts, *args):
    return ["bash", str(scripts / "platform" / "scripts" / "judge-worker.sh"), *args]


def test_the_worker_defaults_and_the_options_callers_add(scripts):
    codes = scripts / "codes"
    codes.write_text("0\n0\n")
    env = worker_env(scripts, EXIT_CODES=str(codes))
    done = subprocess.run(worker_command(scripts), env=env, capture_output=True, text=True, timeout=30)
    assert done.stdout == "celery -A config worker --loglevel INFO --concurrency 2 --hostname judge@%h\n"
    env.update(LOG_LEVEL="WARNING", JUDGE_WORKER_CONCURRENCY="4", JUDGE_WORKER_NAME="bench-1@%h")
    done = subprocess.run(worker_command(scripts, "--quiet", "--beat", "--schedule", "/tmp/s"), env=env,
                          capture_output=True, text=True, timeout=30)
    # --quiet is celery's own option, before the subcommand: no banner in a container's JSON log.
    assert done.stdout == ("celery -A config --quiet worker --loglevel WARNING --concurrency 4 "
                           "--hostname bench-1@%h --beat --schedule /tmp/s\n")


def test_restart_starts_a_worker_that_exits_by_itself_again_until_a_signal(scripts):
    codes = scripts / "codes"
    codes.write_text("1\n137\n")  # two exits on its own, then a worker that keeps running
    log = scripts / "worker.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(worker_command(scripts, "--restart"), env=worker_env(scripts, EXIT_CODES=str(codes)),
                                stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while log.read_text().count("celery -A config") < 3:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0  # stopped for good, and the running worker with it
    text = log.read_text()
    assert "the worker exited (code 1); starting it again" in text
    assert "the worker exited (code 137); starting it again" in text
    assert text.count("celery -A config") == 3
