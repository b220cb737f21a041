import os

from celery import Celery

from config.logs import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dojo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task ids on every log line of a task, and the worker logs through Django's LOGGING.
connect_celery_signals()
