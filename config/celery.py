import os

from celery import Celery, signals

from config.logs import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("dojo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task ids on every log line of a task, and the worker logs through Django's LOGGING.
connect_celery_signals()


@signals.celeryd_init.connect(weak=False)
@signals.beat_init.connect(weak=False)
def without_connection_pool(**kwargs):
    """Celery's processes hold one connection each, closed after every task by Celery's Django
    fixup, so they need no pool; and a pool opened in the worker's parent would be copied into
    every pool process it forks later, sockets and all. Runs before any query is made."""
    from django.conf import settings
    from django.db import connections

    settings.DATABASES["default"]["OPTIONS"].pop("pool", None)
    connections["default"].settings_dict["OPTIONS"].pop("pool", None)
