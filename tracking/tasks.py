"""
Celery tasks of the tracking app. They stay thin: the rules and the writes are in
reminders/services.py, and every task can run twice, or be lost, without harm, because the
database records what is owed and what was sent.
"""

import datetime
import os
import socket

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone
from kombu.exceptions import OperationalError

from tracking.dashboard import figures
from tracking.reminders import services as reminder_services

# Retries of one send task; past them, the periodic sweep keeps trying.
SEND_MAX_RETRIES = 12


# A database that is briefly unreachable at the hour of the daily run delays it; a day
# missed altogether is caught up by the next run (SUIVI_REMINDER_CATCH_UP_DAYS).
@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
)
def reminders_daily(today: str | None = None) -> None:
    """Record the reminders owed today (or on the ISO date given), then send them."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    reminder_services.reminders_plan(today=day)
    reminders_send.delay()


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=SEND_MAX_RETRIES)
def reminders_send(self, retry: bool = True) -> None:
    """Send what is waiting; come back when the earliest failed send is due for a retry.

    The periodic sweep calls it with retry=False: it runs again anyway, and a chain of
    retries per sweep would pile up while the mail server is down.
    """
    report = reminder_services.reminders_send_pending(worker=_worker(self), now=timezone.now())
    if report.retry_in is not None and retry:
        raise self.retry(countdown=report.retry_in)


def _worker(task) -> str:
    host = task.request.hostname or socket.gethostname()
    return f"{host}:{os.getpid()}"


@shared_task(ignore_result=True)
def dashboards_refresh_all() -> None:
    """Compute today's dashboard of every audience, in every language: after a change
    (dashboards_refresh_soon), and each morning (beat)."""
    figures.dashboards_refresh_all()


def dashboards_refresh_soon() -> None:
    """Ask a worker, once however many changes ask, for new dashboard figures. Called
    after a change is committed (tracking.dashboard.receivers); reads never call it."""
    if not figures.refresh_queue_once():
        return
    try:
        # No retries: a write must not wait for a queue that is down.
        dashboards_refresh_all.apply_async(retry=False)
    except OperationalError:
        # No queue: the next dashboard request computes the figures itself.
        figures.refresh_not_queued()
