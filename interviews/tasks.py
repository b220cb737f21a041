"""Thin Celery tasks: each calls a service."""

from celery import shared_task

from interviews.services import interviews_close_expired


@shared_task
def close_expired_interviews():
    """Celery beat: sessions left open past their deadline end there, graded on their last submits."""
    return interviews_close_expired()
