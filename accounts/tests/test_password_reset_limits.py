"""Password-reset emails are limited per email address and per address they come from,
with a clear message, and the answer says nothing about which accounts exist."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services, tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """The reset emails asked of the workers."""
    calls = []
    monkeypatch.setattr(tasks.password_reset_send, "delay", lambda *args: calls.append(args))
    return calls


@pytest.fixture
def limits(settings):
    settings.SUIVI_PASSWORD_RESET_PER_EMAIL = 3
    settings.SUIVI_PASSWORD_RESET_PER_ADDRESS = 5
    settings.SUIVI_PASSWORD_RESET_WINDOW_SECONDS = 3600
    return settings


def ask(email: str, address: str = "192.0.2.1", language: str = "en"):
    client = Client(REMOTE_ADDR=address, headers={"accept-language": language})
    return client.post(reverse("password_reset"), {"email": email})


def test_it_sends_no_more_links_for_an_email_past_its_limit(delegation_user, queued, limits):
    for n in range(3):
        response = ask("dmitri@example.org", address=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    assert len(queued) == 3

    # From yet another address, and written otherwise: the same email.
    refused = ask(" DMITRI@example.org", address="192.0.2.99")

    assert refused.status_code == 429
    assert len(queued) == 3
    text = refused.content.decode()
    assert "Too many links were asked for this email address or from this address" in text
    # The time left in the hour's window.
    minutes = int(re.search(r"No more will be sent for (\d+) minutes?\.", text).group(1))
    assert 1 <= minutes <= 60


def test_it_sends_no_more_links_from_an_address_past_its_limit(django_user_model, queued, limits):
    for n in range(5):
        django_user_model.objects.create_user(f"user{n}", f"user{n}@example.org", "x-long-pw-1")
        assert ask(f"user{n}@example.org").status_code == 302
    django_user_model.objects.create_user("user5", "user5@example.org", "x-long-pw-1")

    assert ask("user5@example.org").status_code == 429
    assert len(queued) == 5
    # Another address is not held back by this one.
    assert ask("user5@example.org", address="198.51.100.7").status_code == 302
    assert len(queued) == 6


def test_it_answers_the_same_whether_the_account_exists_or_not(delegation_user, queued, limits):
    known = [ask("dmitri@example.org", address=f"192.0.2.{n}") for n in range(1, 5)]
    unknown = [ask("nobody@example.org", address=f"198.51.100.{n}") for n in range(1, 5)]

    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [r.status_code for r in known] == [302, 302, 302, 429]
    assert [r.get("Location") for r in known] == [r.get("Location") for r in unknown]
    # The refusals differ only by the email typed back into the form (and the CSRF token).
    strip = [
        r.content.decode()
        .replace("dmitri@example.org", "EMAIL")
        .replace("nobody@example.org", "EMAIL")
        for r in (known[-1], unknown[-1])
    ]
    assert [line for line in strip[0].splitlines() if "csrf" not in line] == [
        line for line in strip[1].splitlines() if "csrf" not in line
    ]
    assert len(queued) == 3


def test_the_message_is_in_french_with_its_typography(delegation_user, queued, limits):
    for n in range(3):
        ask("dmitri@example.org", address=f"192.0.2.{n + 1}", language="fr")

    refused = ask("dmitri@example.org", language="fr")

    assert refused.status_code == 429
    assert "Trop de liens ont été demandés" in refused.content.decode()


def test_the_limit_lifts_when_its_window_ends(limits):
    start = 7200.0  # the start of a window of an hour
    for _ in range(3):
        throttle = services.password_reset_throttle(email="a@example.org", address="x", now=start)
        assert throttle.allowed
    refused = services.password_reset_throttle(email="a@example.org", address="x", now=start + 60)
    assert not refused.allowed
    assert refused.seconds_left == 3540

    later = services.password_reset_throttle(email="a@example.org", address="x", now=start + 3600)
    assert later.allowed


def test_a_redis_cache_that_is_down_lets_the_request_through(
    delegation_user, queued, limits, closed_port
):
    """Refusing every reset while the cache is down would be worse than no limit."""
    limits.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    limits.SUIVI_PASSWORD_RESET_PER_EMAIL = 0  # any count at all would refuse

    assert ask("dmitri@example.org").status_code == 302
    assert len(queued) == 1
