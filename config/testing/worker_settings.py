"""
Settings of the Celery workers that the integration tests start as separate processes.

They are the project's settings, pointed at the test database that pytest-django created
for this run (its name comes from the test process: "test_<name>" on PostgreSQL, the TEST
NAME file on SQLite) and at a queue of the test's own on the Redis server, so that two test
runs on one machine never take each other's tasks.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["SUIVI_TEST_DATABASE_NAME"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["SUIVI_TEST_QUEUE"]
