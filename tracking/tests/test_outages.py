"""The dashboard while the cache server is down or does not answer: computed during the
request, as when nothing is cached, instead of a server error."""

import time

import pytest
from django.test import override_settings

from tracking.models import Mandate
from tracking.services import mandate_accept

DASHBOARD = "/dashboard/"


@pytest.fixture
def accepted(imported_seed, secretariat_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    return imported_seed


def redis_cache_at(port: int):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "config.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    )


@pytest.mark.parametrize("outage", ["closed_port", "silent_port"])
def test_the_dashboard_is_computed_when_the_cache_is_unreachable(
    delegation_client, accepted, request, outage
):
    port = request.getfixturevalue(outage)
    with redis_cache_at(port):
        started = time.monotonic()
        first = delegation_client.get(DASHBOARD)
        again = delegation_client.get(DASHBOARD)
        seconds = time.monotonic() - started
    for response in (first, again):
        assert response.status_code == 200
        stats = response.context["stats"]
        assert stats.total == 16 and stats.overdue == 3
        assert "<svg" in response.content.decode()
    # One socket timeout at most: after a failure the cache is left alone for a while.
    assert seconds < 5


def test_the_home_page_leads_to_the_dashboard_when_the_cache_is_unreachable(
    delegation_client, accepted, closed_port
):
    with redis_cache_at(closed_port):
        response = delegation_client.get("/", follow=True)
    assert response.status_code == 200
    assert response.context["stats"].total == 16
