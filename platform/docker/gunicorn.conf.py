"""gunicorn settings for the web container (platform/docker/entrypoint.sh `web`) and for
`make run` (platform/run/supervisord.conf), which binds to loopback.

Every value can be overridden from the environment: WEB_BIND, WEB_CONCURRENCY, WEB_THREADS,
WEB_TIMEOUT. gunicorn's own messages are JSON like the app's (config/logs.py); the app
writes one access line per request itself (config/request_id.py), with its request id, so
gunicorn's access log stays off.
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Pages are short database reads and the status partial is polled: a few threads per
# process keep a slow client from holding a whole worker. No more threads than the process's
# database pool has connections (DB_POOL_MAX_SIZE, 4), so no request waits for one.
threads = int(os.environ.get("WEB_THREADS", 4))
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 20
# The heartbeat file on a tmpfs: the container's root file system is read-only.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's documented choice for read-only containers
# Port 8000 is published on the host's loopback only, for the TLS proxy: whatever reaches
# gunicorn came through it, so its X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
}
