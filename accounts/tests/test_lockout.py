"""Sign-in throttling: by account and by address, on the site's login and the admin's, with
a lock that lifts by itself."""

import datetime

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from accounts.addresses import client_address

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # conftest.make_user


def attempt(username, password, *, address="10.0.0.1", url="/accounts/login/", language="en"):
    client = Client(REMOTE_ADDR=address, headers={"accept-language": language})
    response = client.post(url, {"username": username, "password": password})
    return response, SESSION_KEY in client.session


def fail(username, times, **kwargs):
    for _ in range(times):
        response, signed_in = attempt(username, "wrong password", **kwargs)
        assert not signed_in


def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(
    delegation_user, settings
):
    fail("dmitri", settings.AXES_FAILURE_LIMIT - 1)
    # Below the limit, the right password still works.
    response, signed_in = attempt("dmitri", PASSWORD)
    assert signed_in

    fail("dmitri", settings.AXES_FAILURE_LIMIT)
    response, signed_in = attempt("dmitri", PASSWORD)
    assert not signed_in
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-in attempts for this account or from this address" in text
    assert "blocked for 15 minutes, even with the right password" in text
    assert 'class="site-header"' in text


def test_the_lock_is_explained_in_french(delegation_user, settings):
    fail("dmitri", settings.AXES_FAILURE_LIMIT)
    response, signed_in = attempt("dmitri", PASSWORD, language="fr")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Trop de tentatives de connexion" in text
    assert 'lang="fr"' in text


def test_the_lock_lifts_by_itself_after_the_cool_off(delegation_user, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail("dmitri", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        # Failing again while locked does not push the end of the lock back.
        fail("dmitri", 3)
        response, signed_in = attempt("dmitri", PASSWORD)
        assert response.status_code == 429 and not signed_in
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        response, signed_in = attempt("dmitri", PASSWORD)
        assert signed_in


def test_an_address_is_locked_whatever_account_it_tries(
    delegation_user, secretariat_user, settings
):
    # Guessing over many accounts from one address: each account fails only once.
    for number in range(settings.AXES_FAILURE_LIMIT):
        response, signed_in = attempt(f"someone{number}", "guess", address="10.0.0.9")
    response, signed_in = attempt("sofia", PASSWORD, address="10.0.0.9")
    assert response.status_code == 429 and not signed_in
    # The same account from elsewhere is not locked: it was not the account that failed.
    response, signed_in = attempt("sofia", PASSWORD, address="10.0.0.10")
    assert signed_in


def test_an_account_is_locked_whatever_address_the_attempts_come_from(delegation_user, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt("dmitri", "guess", address=f"10.0.1.{number}")
    response, signed_in = attempt("dmitri", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429 and not signed_in


def test_the_admin_login_is_throttled_too(django_user_model, settings):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    fail("root", settings.AXES_FAILURE_LIMIT, url="/admin/login/")
    response, signed_in = attempt("root", PASSWORD, url="/admin/login/")
    assert response.status_code == 429 and not signed_in
    assert "Too many failed sign-in attempts" in response.content.decode()
    # The lock is the account's, wherever it signs in.
    response, signed_in = attempt("root", PASSWORD)
    assert response.status_code == 429 and not signed_in


def test_a_successful_sign_in_forgets_the_earlier_failures(delegation_user, settings):
    fail("dmitri", settings.AXES_FAILURE_LIMIT - 1)
    assert attempt("dmitri", PASSWORD)[1]
    fail("dmitri", settings.AXES_FAILURE_LIMIT - 1)
    assert attempt("dmitri", PASSWORD)[1]


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


def test_the_address_comes_from_x_forwarded_for_only_behind_configured_proxies(settings):
    settings.SUIVI_PROXY_COUNT = 0
    assert client_address(FakeRequest("172.18.0.2", "203.0.113.7")) == "172.18.0.2"
    settings.SUIVI_PROXY_COUNT = 1
    # A client writing its own X-Forwarded-For only adds entries before the proxy's.
    assert client_address(FakeRequest("172.18.0.2", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_address(FakeRequest("172.18.0.2", "not an address")) == "172.18.0.2"
    assert client_address(FakeRequest("172.18.0.2")) == "172.18.0.2"
    settings.SUIVI_PROXY_COUNT = 2
    assert client_address(FakeRequest("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1")) == (
        "203.0.113.7"
    )
