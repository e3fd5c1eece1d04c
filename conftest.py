"""Fixtures shared by every app's tests: users per role, the seed corpus, a browser."""

import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tracking import roles

CORPUS = Path(__file__).parent / "resolutions" / "corpus"
CHROMIUM = "/usr/bin/chromium"
# Public documents used for development, kept beside the repository and never copied into
# it: ../shared/corpus/ from the repository's root, or SUIVI_CORPUS_DIR.
SHARED_CORPUS = Path(
    os.getenv("SUIVI_CORPUS_DIR") or Path(__file__).resolve().parent.parent / "shared" / "corpus"
)
# The Redis server of the tests that need a real one (workers, gunicorn with Redis): a
# database of its own, never the cache's (CACHE_URL), which the tests empty.
REDIS_URL = os.getenv("SUIVI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def required(name: str) -> bool:
    """CI sets SUIVI_REQUIRE_<NAME>=True so that a missing service fails instead of skipping."""
    return os.getenv(f"SUIVI_REQUIRE_{name}") == "True"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached (the dashboard caches its aggregates)."""
    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests leave their language active in the thread; start every test in English."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def seed_text() -> str:
    return (CORPUS / "ICC-ASP_11_Res.5.fr.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_gold() -> dict:
    return json.loads((CORPUS / "ICC-ASP_11_Res.5.fr.gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def sessions_csv() -> str:
    return (CORPUS / "asp_sessions.csv").read_text(encoding="utf-8")


def make_user(django_user_model, username: str, role: str | None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password", email=f"{username}@example.org", **extra
    )
    if role:
        roles.roles_sync()
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def secretariat_user(django_user_model):
    return make_user(django_user_model, "sofia", roles.SECRETARIAT, is_staff=True)


@pytest.fixture
def delegation_user(django_user_model):
    return make_user(django_user_model, "dmitri", roles.DELEGATION)


@pytest.fixture
def outsider_user(django_user_model):
    """Signed in, but in no role."""
    return make_user(django_user_model, "olga", None)


@pytest.fixture
def secretariat_client(secretariat_user):
    client = Client()
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def delegation_client(delegation_user):
    client = Client()
    client.force_login(delegation_user)
    return client


@pytest.fixture
def imported_seed(db, seed_text, sessions_csv):
    from resolutions.services import body_for_prefix, resolution_import, sessions_load_calendar

    sessions_load_calendar(body=body_for_prefix("ICC-ASP"), csv_text=sessions_csv)
    return resolution_import(text=seed_text).resolution


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The development corpus (../shared/corpus/ga-80/…); skipped visibly when absent."""
    if not (SHARED_CORPUS / "ga-80").is_dir():
        if required("CORPUS"):
            pytest.fail(f"{SHARED_CORPUS}/ga-80 is missing and SUIVI_REQUIRE_CORPUS is set")
        pytest.skip(
            f"corpus tests need the development corpus at {SHARED_CORPUS}/ga-80 "
            "(or SUIVI_CORPUS_DIR)"
        )
    return SHARED_CORPUS


# Browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if required("BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and SUIVI_REQUIRE_BROWSER is set")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django calls
    # the tests make between browser steps are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Sign a user in through the login form, as a person would."""

    def sign_in(username: str, password: str = "a-long-test-password") -> None:
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit].primary")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return sign_in


# Services ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server of the tests (REDIS_URL); the test is skipped with the reason
    without it, or fails when CI requires it (SUIVI_REQUIRE_REDIS=True)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:
        reason = f"needs the Redis server at {REDIS_URL} ({type(error).__name__}: {error})"
        if required("REDIS"):
            pytest.fail(f"{reason}, and SUIVI_REQUIRE_REDIS is set")
        pytest.skip(f"{reason}; start it with redis-server (CI requires it)")
    return REDIS_URL


# Outages ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """Nothing listens there: connections are refused at once."""
    return free_port()


@pytest.fixture
def silent_port():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(connection)  # held open, never read from nor written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()
