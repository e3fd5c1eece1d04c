"""Celery workers as separate processes, for tests that need a real one.

Each worker runs the project's settings pointed at the test database of this run
(config/testing/worker_settings.py) and at a queue of the test's own on Redis.
"""

import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
WAIT_SECONDS = 20


class Worker:
    """A `celery worker` process with the project's settings, on this run's test database."""

    def __init__(self, *, name: str, queue: str, smtp_port: int, redis_url: str, **env):
        self.name = name
        self.lines: list[str] = []
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.testing.worker_settings",
            "SUIVI_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            "SUIVI_TEST_QUEUE": queue,
            "CELERY_BROKER_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": "5",
            "SUIVI_REMINDER_RETRY_SECONDS": "1",
            "SUIVI_REMINDER_CATCH_UP_DAYS": "1",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                f"--hostname={name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def wait_until_ready(self):
        wait_for(lambda: any(" ready." in line for line in self.lines), "the worker", self)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def succeeded(self, task: str) -> int:
        """How many times the task (its full name, "app.tasks.name") succeeded."""
        return sum(f"Task {task}[" in line and "succeeded" in line for line in self.lines)

    def log(self) -> str:
        return "".join(self.lines[-60:])

    def kill(self):
        self.process.kill()
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.reader.join(5)


@contextmanager
def workers(count: int = 1, **options):
    started = []
    try:
        # Started together, they get ready in the time of one.
        for number in range(count):
            started.append(Worker(name=f"w{number + 1}-{uuid.uuid4().hex[:6]}", **options))
        for worker in started:
            worker.wait_until_ready()
        yield started
    finally:
        for worker in started:
            worker.stop()


def wait_for(predicate, what: str, *workers_to_show: Worker, timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    logs = "\n".join(f"--- {worker.name}\n{worker.log()}" for worker in workers_to_show)
    pytest.fail(f"Timed out waiting for {what}\n{logs}")
