import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port
from resolutions.models import Paragraph
from tracking.models import Actor
from tracking.services import mandate_create

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HEALTH_TIMEOUT = 2  # seconds (libpq's connect timeout counts at least 2)


@pytest.fixture
def serve(tmp_path):
    """Start gunicorn with the production settings and the given environment."""
    processes: list[subprocess.Popen] = []

    def serve(**env: str) -> str:
        port = free_port()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.tests.server_settings",
            "DEBUG": "False",
            "SECRET_KEY": "outage-tests-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on the loopback: no proxy in front to terminate TLS.
            "SECURE_COOKIES": "False",
            "SUIVI_HTTPS_REDIRECT": "False",
            "SUIVI_VAR_DIR": str(tmp_path / "var"),
            # A healthy database, cache and broker unless the test says otherwise.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'healthy.sqlite3'}",
            "CACHE_URL": "",
            "CELERY_BROKER_URL": "filesystem://localhost/",
            "SUIVI_HEALTH_TIMEOUT": str(HEALTH_TIMEOUT),
            "DATABASE_CONNECT_TIMEOUT": str(HEALTH_TIMEOUT),
            **env,
        }
        log = open(tmp_path / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/accounts/login/", timeout=10)
                return url
            except urllib.error.HTTPError:  # any answer (400 for a host left out) will do
                return url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        log.flush()
        pytest.fail("gunicorn did not start:\n" + (tmp_path / f"gunicorn-{port}.log").read_text())

    yield serve
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def get(url: str, **headers: str) -> tuple[int, str, float]:
    """Status, body and seconds taken of a GET."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


@pytest.fixture
def mandate(imported_seed, secretariat_user):
    """An accepted mandate of the seed resolution, addressed to the Bureau."""
    op5 = imported_seed.paragraphs.get(kind=Paragraph.Kind.OPERATIVE, number=5, parent=None)
    return mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="bureau")],
        action="requests",
        deliverable="a report to the Assembly",
        deadline_relation="before",
        deadline_session=12,
    )


@pytest.fixture
def admin_client_signed_in(django_user_model):
    """A superuser: every page is open to them, so a 404 is the path's doing."""
    from django.test import Client

    user = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-pw-1")
    client = Client()
    client.force_login(user)
    return client
