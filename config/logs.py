"""Structured logs: one JSON object a line, carrying the request id or the Celery task id.

The ids live in context variables: the request-id middleware (config/request_id.py) sets one
per request, Celery's task_prerun/task_postrun signals set the other per task, and
ContextFilter copies both onto every record, so a line logged deep inside a service still
says which request or task it belongs to. Importable without Django set up: gunicorn's own
log configuration (platform/docker/gunicorn.conf.py) uses the formatter too.
"""

import contextvars
import json
import logging
import traceback
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default=None)
task_id_var = contextvars.ContextVar("task_id", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is kept.
_RECORD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class ContextFilter(logging.Filter):
    """Adds request_id and task_id (None when outside a request or a task) to each record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        if not hasattr(record, "task_id"):
            record.task_id = task_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message", ...}`; ids and `extra=` fields when present."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and value is not None and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        # default=str: a stray object in `extra=` must not cost the log line.
        return json.dumps(entry, default=str, ensure_ascii=False)


def connect_celery_signals():
    """Task id into the context for the task's duration; Django's LOGGING for the worker.

    A receiver of setup_logging tells Celery to leave logging alone, so the worker logs
    through the same handlers and formatter as the web (JSON in production)."""
    import logging.config

    from celery import signals

    @signals.task_prerun.connect(weak=False)
    def _task_started(task_id=None, **kwargs):
        task_id_var.set(task_id)

    @signals.task_postrun.connect(weak=False)
    def _task_done(**kwargs):
        task_id_var.set(None)

    @signals.setup_logging.connect(weak=False)
    def _logging_from_django_settings(**kwargs):
        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)
