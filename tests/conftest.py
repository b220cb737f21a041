"""What the tests share: real parts (a Celery worker process on the test database and Redis, the
catalog), and the users, clients, API tokens and htmx headers the tests sign in and ask with."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parent.parent


def _worker_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
    )
    return env


def start_worker(log_path: Path, concurrency: int = 2, queues: str = "celery") -> subprocess.Popen:
    """A real `celery worker` process, started as every worker is (platform/scripts/judge-worker.sh,
    which execs it: the pid is the worker's); its log goes to log_path for failing tests to show."""
    env = _worker_env() | {"JUDGE_WORKER_CONCURRENCY": str(concurrency),
                           "JUDGE_WORKER_NAME": f"test-{os.getpid()}-{time.time_ns()}@%h"}
    with open(log_path, "ab") as log:  # the worker keeps its own copy
        return subprocess.Popen(
            ["bash", str(REPO / "platform" / "scripts" / "judge-worker.sh"),
             "--without-gossip", "--without-mingle", "--queues", queues],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


def stop_worker(proc: subprocess.Popen, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="session")
def broker_clean():
    """The test Redis database starts empty, so no task of an earlier run is redelivered."""
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()
    return client


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, broker_clean, tmp_path_factory):
    # The worker connects after the test database exists (django_db_setup).
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    proc = start_worker(log_path)
    yield proc
    stop_worker(proc)
    if proc.returncode not in (0, -signal.SIGTERM, None):
        print(log_path.read_text()[-5000:])


@pytest.fixture
def problems(transactional_db):
    from problems.services import problems_sync

    problems_sync()
    from problems.models import Problem

    return {p.slug: p for p in Problem.objects.all()}


@pytest.fixture
def lessons(problems):
    """The 16 lessons, loaded from the curriculum, by step."""
    from learn.models import Lesson
    from learn.services import lessons_sync

    lessons_sync()
    return {lesson.step: lesson for lesson in Lesson.objects.all()}


# --- users, their clients and API tokens, and htmx --------------------------------------

# What htmx sends with each request it makes (django-htmx sets request.htmx from it), as
# Django's test client takes it: client.post(url, data, **HTMX).
HTMX = {"HTTP_HX_REQUEST": "true"}


def password_for(username: str) -> str:
    """Every test user's password, for the tests that sign in by password."""
    return f"pw-{username}-123"


def make_user(username: str, **extra):
    """A signed-up user whose password is password_for(username); extra: is_staff=True etc."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username, password=password_for(username), **extra)


def signed_in(user, *, api: bool = False):
    """A client with a session for `user` (force_login: no sign-in request, so no throttle):
    Django's for pages, or DRF's APIClient (api=True), which also reads the pages."""
    from django.test import Client
    from rest_framework.test import APIClient

    client = APIClient() if api else Client()
    client.force_login(user)
    return client


def user_and_client(username: str, **extra):
    """A new user and a page client signed in as them."""
    user = make_user(username, **extra)
    return user, signed_in(user)


def api_as(user):
    """An API client authenticated as `user` without a session or token (force_authenticate)."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def make_token(user) -> str:
    """A new API token's key for `user` (Authorization: Token <key>)."""
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=user).key


def api_with_token(user):
    """An API client sending a new token of `user` with every request, as API callers do."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {make_token(user)}")
    return client


@pytest.fixture
def user(db):
    """One signed-up user. Committed where the test is transactional (its module's mark, or a
    fixture such as `problems`), so a worker process sees it."""
    return make_user("alice")


def wait_for_verdict(submission_id, timeout=90):
    from judge.models import Submission

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sub = Submission.objects.get(pk=submission_id)
        if sub.is_done:
            return sub
        time.sleep(0.1)
    raise AssertionError(f"submission {submission_id} not judged within {timeout}s (status {sub.status})")


def containers_of(submission_id):
    from judge.sandbox import docker_client

    # sparse: no inspect per container, so one removed while we list cannot fail the call
    return docker_client().containers.list(all=True, sparse=True,
                                           filters={"name": f"dojo-judge-submission-{submission_id}-"})


def assert_no_container_left(submission_id, timeout=20):
    """The worker removes a used sandbox right after the verdict, off the verdict's path."""
    deadline = time.monotonic() + timeout
    while containers_of(submission_id):
        assert time.monotonic() < deadline, f"submission {submission_id}'s container was not removed"
        time.sleep(0.1)
