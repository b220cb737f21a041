"""/healthz says the process is up; /readyz checks each part a submission needs."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_broker():
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _check_docker():
    from judge.sandbox import engine_ping

    engine_ping()


def _check_runner_image():
    from judge.sandbox import docker_client

    docker_client().images.get(settings.JUDGE["IMAGE"])


def _check_judge_workers():
    from config.celery import app

    if not app.control.ping(timeout=1.0, limit=1):
        raise RuntimeError("no judge worker answered a ping within 1 s")


CHECKS = [("database", _check_database), ("broker", _check_broker),
          ("docker", _check_docker), ("runner_image", _check_runner_image)]
# The compose web container has no Docker socket (only the worker has: README, "Trust
# boundary"); there /readyz asks that a judge worker answers instead.
CHECKS_WITHOUT_DOCKER = [("database", _check_database), ("broker", _check_broker),
                         ("judge_workers", _check_judge_workers)]


@never_cache
def readyz(request):
    checks = CHECKS if settings.READYZ_CHECKS_DOCKER else CHECKS_WITHOUT_DOCKER
    failing = {}
    for name, check in checks:
        try:
            check()
        except Exception as exc:  # any failure means not ready; say which part and why
            failing[name] = f"{type(exc).__name__}: {exc}"[:300]
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    return JsonResponse({"status": "ok", "checked": [name for name, _ in checks]})
