"""Settings shared by every environment. Secrets and addresses come from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # Swagger UI's files, served from our own static files: the docs page needs no CDN.
    "drf_spectacular_sidecar",
    "django_htmx",
    "accounts",
    "problems",
    "judge",
    "learn",
    "practice",
    "interviews",
]

MIDDLEWARE = [
    # First, so every response (redirects and errors too) carries X-Request-ID and every
    # log line of the request its id (config/logs.py).
    "config.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, errors included (config/security.py).
    "config.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An htmx request from someone signed out gets a 401 and a sign-in link, not the sign-in
    # page swapped into a panel (config/signed_out.py).
    "config.signed_out.HtmxSignedOutMiddleware",
    # A view that finds the database down answers 503 with Retry-After (JSON under /api/).
    "config.outage.ServiceUnavailableMiddleware",
    # A service's refusal (a DomainError: a rate limit, an interview that is over) raised by a
    # page view: its status and headers, with an htmx partial or a page (config/errors.py).
    "config.errors.DomainErrorMiddleware",
]

# Django's defaults, stated so they are not lost: other sites see no path of ours in Referer,
# browsers never guess a content type, no page of ours in a frame (the CSP says so too).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% url %} with reverse() remembered per process (config/template_urls.py);
            # {% slot %}, what differs per request on a page rendered once (config/slots.py).
            "builtins": ["config.template_urls", "config.slots"],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", "postgres://dojo:dojo@127.0.0.1:5432/dojo"),
                                             # With the pool: a connection PostgreSQL closed (a restart)
                                             # is found and replaced when taken from the pool.
                                             conn_health_checks=True)}
# A pool per process (psycopg_pool, Django 5.2): at most DB_POOL_MAX_SIZE connections however
# many threads serve requests, handed back after each request. Every process's maximum summed
# (web processes, worker and its pool processes, beat) must stay below PostgreSQL's
# max_connections (100 by default); README, "Running it", has the sum for `make run`. A
# connection-per-thread setting (CONN_MAX_AGE) leaked one per runserver thread: "too many clients".
DATABASES["default"]["OPTIONS"] = {"pool": {
    "min_size": env_int("DB_POOL_MIN_SIZE", 1),
    "max_size": env_int("DB_POOL_MAX_SIZE", 4),
    # A request waits this long for a connection, then fails (503, config/outage.py): only
    # while PostgreSQL is down, as no process has more threads than its pool has connections.
    "timeout": env_int("DB_POOL_TIMEOUT_SECONDS", 3),
}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's ModelBackend with the per-request user lookup compiled once (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.UserBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Failed sign-ins (page, API token and admin) per username+address and per address, in the
# cache; past either, 429 until the window passes (accounts/throttle.py).
LOGIN_THROTTLE = {
    "FAILURES_PER_USER_IP": env_int("LOGIN_FAILURES_PER_USER_IP", 5),
    "FAILURES_PER_IP": env_int("LOGIN_FAILURES_PER_IP", 50),
    "WINDOW_SECONDS": env_int("LOGIN_THROTTLE_WINDOW_SECONDS", 900),
}
# Accounts made per client address; past it, sign-up answers 429 until the window passes
# (accounts/throttle.py). Each account has its own submission quota, so this bounds one
# address's share of the judge. 0 turns it off.
SIGNUP_THROTTLE = {
    "ACCOUNTS_PER_IP": env_int("SIGNUP_ACCOUNTS_PER_IP", 5),
    "WINDOW_SECONDS": env_int("SIGNUP_THROTTLE_WINDOW_SECONDS", 3600),
}
# Reverse proxies in front of the app that append to X-Forwarded-For; 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / ".run" / "staticfiles"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's token authentication with its query compiled once (accounts/backends.py).
        "accounts.backends.CompiledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # DRF's three, with its JSON parser capped at 400 levels and refusing lone surrogates: no
    # body makes a view fail instead of answering 400 (config/api_input.py).
    "DEFAULT_PARSER_CLASSES": [
        "config.api_input.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}

# The OpenAPI schema (/api/schema/) and its docs page (/api/docs/): see config/api.py.
SPECTACULAR_SETTINGS = {
    "TITLE": "Dojo API",
    "DESCRIPTION": "Go interview practice: problems, lessons and quizzes, drafts and notes, submissions "
                   "judged in a sandbox, mock interviews. Errors are JSON {\"detail\": \"...\"}.",
    "VERSION": "1.0",
    # /api/v1/... is the same API under a pinned prefix; the schema lists the /api/... paths once.
    "PREPROCESSING_HOOKS": ["config.api.exclude_versioned_alias"],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"SubmissionStatusEnum": "judge.verdicts.Status",
                            "SubmissionModeEnum": "judge.models.Mode",
                            "SubmitModeEnum": "judge.api.SUBMIT_MODES",
                            "InterviewStatusEnum": "interviews.api_serializers.InterviewStatus",
                            "InterviewKindEnum": "interviews.api_serializers.InterviewKind"},
    # The API reads JSON bodies (DRF also parses forms; the schema promises JSON only).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery: late acknowledgement so a task whose worker dies is delivered again; the
# judge's guarded status changes make a second delivery harmless.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
# The cache holds what may vanish: live judging progress. Its own Redis database.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": env("CACHE_URL", "redis://127.0.0.1:6379/1"),
                      "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}},
          # Template fragments that are the same for everyone, or for one user and one version of
          # a problem ({% cache ... using="render" %}): kept in each process, no round trip. Their
          # keys name what they depend on; a deploy restarts the processes and empties it.
          "render": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "render",
                     "TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 5000}}}
# Sessions read from that Redis, written through to PostgreSQL: a signed-in request costs no
# query to find its session; with Redis down they come from the database (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers unacknowledged tasks after this many seconds; it must exceed the
# longest judging run or a slow task would be judged twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# The judge. Nothing here reaches a sandbox except the limits themselves.
DOCKER_HOST = env("DOCKER_HOST", "unix:///var/run/docker.sock")
# /readyz checks the Docker Engine and the runner image itself, or (false: the compose web
# container, which has no Docker socket) that a judge worker answers a ping.
READYZ_CHECKS_DOCKER = env_bool("READYZ_CHECKS_DOCKER", True)
JUDGE = {
    "IMAGE": env("JUDGE_IMAGE", "dojo-runner-go:latest"),
    "MEMORY_BYTES": env_int("JUDGE_MEMORY_MB", 768) * 1024 * 1024,
    # CPUs one sandbox may use. Compiling is most of a run and go builds in parallel, so two
    # cuts an idle judge's latency by ~20%; benchmarks pin themselves to one (-test.cpu=1).
    "NANO_CPUS": int(float(env("JUDGE_CPUS", "2")) * 1_000_000_000),
    "PIDS_LIMIT": env_int("JUDGE_PIDS_LIMIT", 256),
    "TMPFS_BYTES": env_int("JUDGE_TMPFS_MB", 512) * 1024 * 1024,
    "OUTPUT_LIMIT_BYTES": env_int("JUDGE_OUTPUT_LIMIT_KB", 1024) * 1024,
    # The judge's first line comes within milliseconds of the job reaching it; none by then
    # means the sandbox never got the job, a judge failure (judge/sandbox/docker_sandbox.py).
    "FIRST_OUTPUT_SECONDS": env_int("JUDGE_FIRST_OUTPUT_SECONDS", 10),
    # Compiling the test binary gets its own allowance on top of the problem's limit.
    "BUILD_SECONDS": env_int("JUDGE_BUILD_SECONDS", 60),
    "MAX_CODE_BYTES": env_int("JUDGE_MAX_CODE_KB", 64) * 1024,
    # Abuse limits (judge/limits.py): per user (staff exempt), every mode counted, and a cap
    # on everyone's queued + running submissions; refused with 429 and a Retry-After hint.
    "RATE_PER_MINUTE": env_int("JUDGE_RATE_PER_MINUTE", 12),
    "RATE_PER_HOUR": env_int("JUDGE_RATE_PER_HOUR", 300),
    "QUEUE_CAP": env_int("JUDGE_QUEUE_CAP", 500),
    "QUEUE_RETRY_SECONDS": env_int("JUDGE_QUEUE_RETRY_SECONDS", 60),
    # The sweeper: a running submission this long past its limits lost its worker; a queued
    # one handed to the broker this long ago and never picked up is handed over again.
    "RUNNING_GRACE_SECONDS": env_int("JUDGE_RUNNING_GRACE_SECONDS", 30),
    "QUEUED_RESEND_SECONDS": env_int("JUDGE_QUEUED_RESEND_SECONDS", 300),
    # Labelled containers older than this are leftovers of a dead worker.
    "REAP_AFTER_SECONDS": env_int("JUDGE_REAP_AFTER_SECONDS", 300),
}

CELERY_BEAT_SCHEDULE = {
    "sweep-submissions": {"task": "judge.tasks.sweep_submissions", "schedule": 15.0},
    # Mock interviews past their deadline end (a session read after it also ends it at once).
    "close-expired-interviews": {"task": "interviews.tasks.close_expired_interviews", "schedule": 15.0},
}

# One configuration for the web and the Celery worker (config/logs.py makes Celery use it).
# Production swaps the formatter for JSON and turns on the per-request access line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "config.logs.ContextFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
                   "json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"dojo.access": {"level": "WARNING"}},
}
