"""
The Celery application. Its settings are the CELERY_* names in config/settings.py; tasks are
found in each app's tasks.py.

    celery -A config worker --beat     # one process: a worker and the scheduler (make worker)
    celery -A config worker            # production: workers, as many as wanted
    celery -A config beat              # production: exactly one scheduler
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("suivi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
