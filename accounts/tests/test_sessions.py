"""Sessions end after a configurable time without a request, at little cost."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import tasks

pytestmark = pytest.mark.django_db

PAGE = "/follow-ups/"


def signed_in(client) -> bool:
    response = client.get(PAGE)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
        return False
    assert response.status_code == 200
    return True


def session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(client)
    return sum(
        1
        for query in queries.captured_queries
        if "django_session" in query["sql"] and query["sql"].startswith(("UPDATE", "INSERT"))
    )


@pytest.fixture
def idle(settings):
    settings.SESSION_COOKIE_AGE = 3600
    return datetime.timedelta(seconds=3600)


def test_a_session_ends_after_the_idle_time(delegation_user, idle):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client()
        client.force_login(delegation_user)
        assert signed_in(client)
    with time_machine.travel(start + idle + datetime.timedelta(seconds=1), tick=False):
        # The sessions' cache copy expires by the cache server's own clock (Redis drops
        # it after the same idle time, in real time), which no time travel moves: forget it
        # here as the server would have, so that the database row's expiry is what is read.
        cache.clear()
        assert not signed_in(client)


def test_activity_keeps_a_session_alive_past_the_idle_time(delegation_user, idle):
    start = timezone.now()
    client = Client()
    with time_machine.travel(start, tick=False):
        client.force_login(delegation_user)
    # A request every half idle time, for three idle times.
    for step in range(1, 7):
        with time_machine.travel(start + idle * step / 2, tick=False):
            assert signed_in(client), step
    with time_machine.travel(start + idle * 3 + idle * 0.9, tick=False):
        assert signed_in(client)


def test_the_session_is_written_at_most_once_per_twentieth_of_the_idle_time(delegation_user, idle):
    start = timezone.now()
    client = Client()
    with time_machine.travel(start, tick=False):
        client.force_login(delegation_user)
        # Signing in marked the session: the pages within the step do not write.
        assert session_writes(client) == 0
        assert session_writes(client) == 0
    with time_machine.travel(start + idle / 40, tick=False):
        assert session_writes(client) == 0
    with time_machine.travel(start + idle / 20, tick=False):
        assert session_writes(client) == 1


def test_the_daily_cleanup_deletes_the_sessions_that_ended_and_keeps_the_others(
    delegation_user, secretariat_user, idle
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        Client().force_login(delegation_user)
    with time_machine.travel(start + idle / 2, tick=False):
        Client().force_login(secretariat_user)
    with time_machine.travel(start + idle + datetime.timedelta(seconds=1), tick=False):
        tasks.sessions_clear_expired()
        [kept] = Session.objects.all()
        assert kept.get_decoded()["_auth_user_id"] == str(secretariat_user.pk)
