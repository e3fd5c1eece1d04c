"""
A large batch of uploaded files imported by a real Celery worker (a separate process) on
the Redis server, as in production, while the batch's page shows the progress; and two
workers on one batch import each file once.

Without Redis these tests are skipped with the reason; CI sets SUIVI_REQUIRE_REDIS=True to
make that a failure instead. The worker machinery is the reminders' integration tests'.
"""

import uuid

import pytest
from celery import Celery
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.testing.workers import wait_for, workers
from conftest import free_port
from resolutions import tasks
from resolutions.models import ImportBatch, ImportBatchFile, Resolution
from resolutions.services import import_batch_create
from resolutions.tests import documents_factory as factory

pytestmark = pytest.mark.django_db(transaction=True)

# On SQLite two workers' transactions collide ("database is locked"); the task is retried
# after a few seconds, so these runs may take longer than the reminders' ones.
IMPORT_SECONDS = 90


@pytest.fixture
def task_queue() -> str:
    return f"suivi-test-{uuid.uuid4().hex}"


@pytest.fixture
def send(redis_url, task_queue):
    app = Celery("suivi-tests", broker=redis_url)

    def send(batch_id: int):
        app.send_task("resolutions.tasks.import_batch_run", args=[batch_id], queue=task_queue)

    yield send
    app.close()


def succeeded(worker) -> int:
    return worker.succeeded("resolutions.tasks.import_batch_run")


def files(count: int) -> list[tuple[str, bytes]]:
    made = [
        (f"A_RES_80_{n}.docx", factory.resolution_docx(factory.sample(f"A/RES/80/{n}")))
        if n % 2
        else (f"A_RES_80_{n}.pdf", factory.resolution_pdf(factory.sample(f"A/RES/80/{n}")))
        for n in range(1, count)
    ]
    return [*made, ("scan.pdf", factory.scanned_pdf())]


def test_a_large_upload_is_imported_by_a_worker_while_the_page_shows_progress(
    secretariat_client, settings, monkeypatch, send, task_queue, redis_url
):
    settings.SUIVI_IMPORT_INLINE_FILES = 2
    # The view's task goes to this test's queue on Redis.
    monkeypatch.setattr(tasks.import_batch_run, "delay", send)
    uploads = [SimpleUploadedFile(name, data) for name, data in files(6)]

    response = secretariat_client.post(reverse("resolutions:import"), {"upload": uploads})

    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    waiting = secretariat_client.get(batch.get_absolute_url()).content.decode()
    assert "0 of 6 files read" in waiting and 'http-equiv="refresh"' in waiting
    with workers(queue=task_queue, smtp_port=free_port(), redis_url=redis_url) as (worker,):
        wait_for(lambda: succeeded(worker) == 1, "the batch", worker, timeout=IMPORT_SECONDS)

    batch.refresh_from_db()
    assert batch.finished_at is not None
    assert Resolution.objects.count() == 5
    done = secretariat_client.get(batch.get_absolute_url()).content.decode()
    assert 'data-count="imported">5<' in done and 'data-count="refused">1<' in done
    assert 'http-equiv="refresh"' not in done


def test_two_workers_on_one_batch_import_each_file_once(send, task_queue, redis_url):
    batch = import_batch_create(files=files(8))

    with workers(2, queue=task_queue, smtp_port=free_port(), redis_url=redis_url) as pair:
        send(batch.pk)
        send(batch.pk)  # a duplicated task, or the same batch started twice
        wait_for(
            lambda: sum(succeeded(worker) for worker in pair) == 2,
            "both runs",
            *pair,
            timeout=IMPORT_SECONDS,
        )

    outcomes = list(ImportBatchFile.objects.values_list("outcome", flat=True))
    assert sorted(outcomes) == sorted(["created"] * 7 + ["refused"])
    assert Resolution.objects.count() == 7
    assert ImportBatch.objects.get().finished_at is not None
