"""What an operator's probe and a database outage see.

- `/healthz/` checks the database, the cache and the Celery broker, each within
  SUIVI_HEALTH_TIMEOUT seconds and all at once, and answers 200 when all three answer,
  503 otherwise, with one line per part. It is answered before any other middleware: the
  probe of a container asks for it by its local address (not in ALLOWED_HOSTS), over
  plain HTTP (no HTTPS redirect), without a session.
- A database that is down or does not answer in time turns a page into the 503 page,
  rendered without the database, instead of a server error.
"""

import concurrent.futures
import copy
import logging
import time

from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz/"


def check_database() -> None:
    """A query on a new connection, so that a connection kept from an earlier request
    proves nothing; PostgreSQL gets the health timeout as its connect timeout."""
    # A copy of the settings: the connections of the pages keep their own connect timeout.
    settings_dict = copy.deepcopy(connections.settings["default"])
    connection = type(connections["default"])(settings_dict, "default")
    if connection.vendor == "postgresql":
        options = settings_dict.setdefault("OPTIONS", {})
        options["connect_timeout"] = max(2, round(settings.SUIVI_HEALTH_TIMEOUT))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


def check_cache() -> None:
    cache = caches["default"]
    if hasattr(cache, "ping"):
        cache.ping()
        return
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def check_broker() -> None:
    from config.celery import app

    timeout = settings.SUIVI_HEALTH_TIMEOUT
    with app.connection_for_write(
        settings.CELERY_BROKER_URL,
        connect_timeout=timeout,
        transport_options={
            **getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}),
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
        },
    ) as connection:
        connection.ensure_connection(max_retries=0)
        # Opening a channel speaks to the server (the Redis transport pings it).
        connection.default_channel  # noqa: B018


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def health() -> dict[str, str]:
    """Each part's state, "ok" or what went wrong, all checked at once within the timeout."""
    timeout = settings.SUIVI_HEALTH_TIMEOUT
    deadline = time.monotonic() + timeout
    # Not a `with` block: a check that hangs must not hold the answer back.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(CHECKS))
    futures = {name: pool.submit(check) for name, check in CHECKS.items()}
    pool.shutdown(wait=False)
    states = {}
    for name, future in futures.items():
        try:
            future.result(timeout=max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            states[name] = f"no answer within {timeout:g} s"
        except Exception as error:  # noqa: BLE001 - any failure is reported, none raised
            states[name] = f"{type(error).__name__}: {error}".strip().splitlines()[0][:200]
        else:
            states[name] = "ok"
    return states


class HealthCheckMiddleware:
    """Answers /healthz/; put first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        states = health()
        healthy = all(state == "ok" for state in states.values())
        if not healthy:
            logger.warning("Health check failed: %s", states)
        body = "".join(f"{name}: {state}\n" for name, state in states.items())
        response = HttpResponse(
            body, status=200 if healthy else 503, content_type="text/plain; charset=utf-8"
        )
        response["Cache-Control"] = "no-store"
        return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage met by a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # OperationalError: the server cannot be reached, did not answer within the
        # connect timeout, or cancelled a statement that ran past the statement timeout.
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception)
        return database_unavailable(request)


def database_unavailable(request) -> HttpResponse:
    """The 503 page. Nothing in it may read the database: the user is shown as signed
    out and the messages kept in the session are left for later."""
    request.user = AnonymousUser()
    context = {"user": request.user, "perms": PermWrapper(request.user), "messages": []}
    body = render_to_string("503.html", context, request=request)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
