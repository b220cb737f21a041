"""JSON log lines carry the request id or the Celery task id (config/logs.py)."""

import json
import logging
import sys

from celery import signals

from config.logs import ContextFilter, JsonFormatter, request_id_var, task_id_var


def format_record(msg="hello %s", args=("world",), exc_info=None, **extra):
    record = logging.LogRecord("dojo.test", logging.WARNING, __file__, 1, msg, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    ContextFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def test_a_line_outside_requests_and_tasks_has_no_ids():
    entry = format_record()
    assert entry["message"] == "hello world" and entry["level"] == "WARNING" and entry["logger"] == "dojo.test"
    assert "request_id" not in entry and "task_id" not in entry


def test_a_line_inside_a_request_has_its_id_and_the_extra_fields():
    token = request_id_var.set("req-1")
    try:
        entry = format_record(status=404, path="/x")
    finally:
        request_id_var.reset(token)
    assert entry["request_id"] == "req-1" and entry["status"] == 404 and entry["path"] == "/x"


def test_celery_task_signals_put_the_task_id_on_lines_of_that_task_only():
    signals.task_prerun.send(sender=None, task_id="task-7", task=None, args=(), kwargs={})
    during = format_record()
    signals.task_postrun.send(sender=None, task_id="task-7", task=None, args=(), kwargs={}, retval=None, state="SUCCESS")
    after = format_record()
    assert during["task_id"] == "task-7"
    assert "task_id" not in after and task_id_var.get() is None


def test_exceptions_and_odd_values_stay_on_one_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("dojo.test", logging.ERROR, __file__, 1, "failed", (), exc_info)
    record.request = object()   # not JSON-serialisable: logged as its str()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert "ValueError: boom" in entry["exception"] and entry["request"].startswith("<object")
