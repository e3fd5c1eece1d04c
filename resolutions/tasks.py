"""
Celery tasks of the resolutions app: imports of many files, outside web requests. They stay
thin; the rules are in services.py, and running a task twice or after a crash is harmless
(resolutions.services.import_batch_run).
"""

from celery import shared_task
from django.db import DatabaseError

from resolutions import services


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
