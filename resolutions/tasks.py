"""
Celery tasks of the resolutions app: imports of many files, outside web requests. They stay
thin; the rules are in services.py, and running a task twice or after a crash is harmless
(resolutions.services.import_batch_run).
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from resolutions import selectors, services


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=6,
)
def import_batch_run(batch_id: int) -> None:
    """Import the files of a batch still waiting."""
    services.import_batch_run(batch_id=batch_id)


@shared_task(ignore_result=True)
def import_batches_resume() -> None:
    """Take up batches still waiting long after their upload: their task was lost."""
    minutes = settings.SUIVI_IMPORT_RESUME_MINUTES
    before = timezone.now() - datetime.timedelta(minutes=minutes)
    for batch_id in selectors.import_batches_waiting(created_before=before):
        services.import_batch_run(batch_id=batch_id)
