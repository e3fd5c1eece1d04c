"""A person's emails are written in the language they use Suivi in: the language switch of
every page sets it, and signing in for the first time starts it in the pages' language."""

import pytest
from django.test import Client

from conftest import make_user
from tracking import roles
from tracking.models import Recipient

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def delegate(django_user_model):
    return make_user(django_user_model, "Dora", roles.DELEGATION)


def language_of(email: str) -> str | None:
    return Recipient.objects.filter(email=email).values_list("language", flat=True).first()


def switch(client: Client, language: str):
    return client.post("/i18n/setlang/", {"language": language, "next": "/dashboard/"})


def test_switching_the_pages_language_switches_that_of_ones_emails(client, delegate):
    client.force_login(delegate)

    response = switch(client, "fr")
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert response.cookies["django_language"].value == "fr"
    assert language_of("dora@example.org") == "fr"  # the address as reminders write it

    switch(client, "en")
    assert language_of("dora@example.org") == "en"
    assert Recipient.objects.count() == 1


def test_a_switch_records_nothing_for_a_visitor_or_a_user_without_an_address(
    client, django_user_model
):
    switch(client, "fr")
    nameless = make_user(django_user_model, "nameless", roles.DELEGATION)
    nameless.email = ""
    nameless.save()
    client.force_login(nameless)
    switch(client, "fr")
    assert not Recipient.objects.exists()


def test_a_forged_language_changes_nothing(client, delegate):
    client.force_login(delegate)
    switch(client, "fr")
    for forged in ("de", "", "fr<script>", "x" * 500):
        switch(client, forged)
        assert language_of("dora@example.org") == "fr", forged
    assert client.get("/i18n/setlang/").status_code == 405


def test_signing_in_starts_ones_emails_in_the_pages_language_and_keeps_a_choice(
    client, delegate, django_user_model
):
    response = client.post(
        "/accounts/login/",
        {"username": "Dora", "password": PASSWORD},
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 302
    assert language_of("dora@example.org") == "fr"

    # Someone who chose English emails keeps them, whatever their browser says.
    make_user(django_user_model, "eve", roles.DELEGATION)
    Recipient.objects.create(email="eve@example.org", language="en", token="t")
    other = Client()
    other.post(
        "/accounts/login/",
        {"username": "eve", "password": PASSWORD},
        headers={"Accept-Language": "fr"},
    )
    assert language_of("eve@example.org") == "en"
