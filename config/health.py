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
    from judge.sandbox import docker_client

    docker_client().ping()


def _check_runner_image():
    from judge.sandbox import docker_client

    docker_client().images.get(settings.JUDGE["IMAGE"])


CHECKS = [("database", _check_database), ("broker", _check_broker),
          ("docker", _check_docker), ("runner_image", _check_runner_image)]


@never_cache
def readyz(request):
    failing = {}
    for name, check in CHECKS:
        try:
            check()
        except Exception as exc:  # any failure means not ready; say which part and why
            failing[name] = f"{type(exc).__name__}: {exc}"[:300]
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    return JsonResponse({"status": "ok", "checked": [name for name, _ in CHECKS]})
