"""docker-compose.yml: the deployment's shape and its trust boundary, read as data, and
validated by Compose itself (`docker-compose config`, installed by setup.sh --test)."""

import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

SOCKET = "/var/run/docker.sock"
APP_SERVICES = {"migrate", "web", "worker", "beat"}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def test_the_services_of_a_deployment(services):
    assert set(services) == APP_SERVICES | {"postgres", "redis"}
    assert services["migrate"]["restart"] == "no"
    for name in set(services) - {"migrate"}:
        assert services[name]["restart"] == "unless-stopped", name


def test_only_the_worker_has_the_docker_socket(services):
    for name, service in services.items():
        mounts = [str(volume) for volume in service.get("volumes", [])]
        has_socket = any(SOCKET in mount for mount in mounts)
        assert has_socket == (name == "worker"), name
        assert not service.get("privileged"), name
        assert service.get("network_mode") != "host" and service.get("pid") != "host", name
    # The worker joins the socket's group instead of running as root.
    assert services["worker"]["group_add"] and "user" not in services["worker"]


def test_app_containers_are_locked_down(services):
    for name in APP_SERVICES:
        service = services[name]
        assert service["read_only"] is True, name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert service["env_file"] == ".env"


def test_health_checks_and_start_order(services):
    assert "healthcheck.py" in " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz" in services["web"]["healthcheck"]["test"]
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "ping" in services["redis"]["healthcheck"]["test"]
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_state_lives_in_named_volumes_and_only_web_is_published(compose, services):
    assert set(compose["volumes"]) == {"pgdata", "redisdata"}
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redisdata:/data" in services["redis"]["volumes"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"web"}
    assert services["web"]["ports"] == ["${WEB_BIND:-127.0.0.1}:${WEB_PORT:-8000}:8000"]


def test_every_variable_the_file_uses_is_documented_in_env_example():
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", (REPO / "docker-compose.yml").read_text()))
    documented = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", (REPO / ".env.example").read_text(), re.M))
    assert used - documented == set()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "DOCKER_GID"} <= documented


def test_the_image_runs_as_a_non_root_user_on_python_3_11():
    dockerfile = (REPO / "platform" / "docker" / "Dockerfile").read_text()
    assert "ARG BASE=python:3.11-slim-bookworm" in dockerfile
    assert re.search(r"^USER dojo$", dockerfile, re.M)
    assert "collectstatic" in dockerfile and "pip install -q -r /app/requirements.txt" in dockerfile
    # platform/ stays a plain folder: a package named `platform` would shadow the stdlib's.
    assert not (REPO / "platform" / "__init__.py").exists()


def compose_command():
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


COMPOSE = compose_command()


@pytest.mark.skipif(COMPOSE is None, reason="no Compose installed (setup.sh --test installs docker-compose)")
def test_compose_accepts_the_file_with_the_documented_env(tmp_path):
    shutil.copy(REPO / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    result = subprocess.run([*COMPOSE, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([*COMPOSE, "config", "--services"], cwd=tmp_path, capture_output=True, text=True)
    assert set(result.stdout.split()) == APP_SERVICES | {"postgres", "redis"}


@pytest.mark.skipif(COMPOSE is None, reason="no Compose installed (setup.sh --test installs docker-compose)")
def test_compose_refuses_to_run_without_the_secrets(tmp_path):
    shutil.copy(REPO / "docker-compose.yml", tmp_path / "docker-compose.yml")
    (tmp_path / ".env").write_text("")
    result = subprocess.run([*COMPOSE, "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr or "REDIS_PASSWORD" in result.stderr or "DOCKER_GID" in result.stderr
