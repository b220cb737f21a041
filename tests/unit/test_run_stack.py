"""`make run`'s supervisor configuration (platform/run/supervisord.conf), read by supervisord's
own parser: every part restarted when it dies, exactly one scheduler, and web threads that
never wait for a database connection. (`make drill-run` kills each part of a live stack.)"""

import re
import runpy
import subprocess

import pytest
from supervisor.datatypes import RestartUnconditionally
from supervisor.options import ServerOptions

from tests.conftest import REPO

CONF = REPO / "platform" / "run" / "supervisord.conf"
ENV = {"REPO_ROOT": str(REPO), "DOJO_PG_BIN": "/usr/lib/postgresql/15/bin",
       "DOJO_PG_CONFIG_DIR": "/etc/postgresql/15/main", "DOJO_REDIS_PORT": "6379", "DOJO_SUPERVISE_DOCKERD": "true",
       "JUDGE_WORKER_CONCURRENCY": "2"}


@pytest.fixture(scope="module")
def programs(monkeypatch_module, tmp_path_factory):
    monkeypatch_module.setenv("DOJO_RUN_DIR", str(tmp_path_factory.mktemp("run")))
    for name, value in ENV.items():
        monkeypatch_module.setenv(name, value)
    options = ServerOptions()
    options.realize(args=["-c", str(CONF)])
    return {p.name: p for group in options.process_group_configs for p in group.process_configs}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_part_is_supervised_and_restarted(programs):
    assert set(programs) == {"postgres", "redis", "dockerd", "web", "worker", "beat"}
    for name, program in programs.items():
        assert program.autorestart is RestartUnconditionally, name  # not only on unexpected exit codes
        assert program.startretries >= 100, name  # never given up on while a dependency is down
        assert program.stopwaitsecs <= 8, name  # the whole stop stays within 15 s


def test_exactly_one_scheduler(programs):
    beats = [name for name, p in programs.items() if re.search(r"\bbeat\b|--beat|-B\b", p.command)]
    assert beats == ["beat"]  # one program, one process (numprocs would name them beat_00, ...)
    # The worker's one command line, which adds no scheduler unless asked (test_platform_scripts.py).
    assert programs["worker"].command == f"bash {REPO}/platform/scripts/judge-worker.sh"


def test_the_web_serves_with_production_settings_on_loopback():
    run_sh = (REPO / "platform" / "scripts" / "run.sh").read_text()
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in run_sh
    assert 'WEB_BIND="${WEB_BIND:-127.0.0.1:8000}"' in run_sh
    assert "runserver" not in run_sh
    subprocess.run(["bash", "-n", str(REPO / "platform" / "scripts" / "run.sh")], check=True)


def test_web_threads_never_outnumber_the_connection_pool(monkeypatch):
    from django.conf import settings

    monkeypatch.delenv("WEB_THREADS", raising=False)
    config = runpy.run_path(str(REPO / "platform" / "docker" / "gunicorn.conf.py"))  # as gunicorn reads it
    assert config["threads"] <= settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
