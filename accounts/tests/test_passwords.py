"""Every user changes their password, or resets it by email, in either language."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services, tasks

pytestmark = pytest.mark.django_db

OLD = "a-long-test-password"  # conftest.make_user
NEW = "rhubarb-custard-1947"


def can_sign_in(username, password) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return SESSION_KEY in client.session


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Change your password"), ("fr", "Changer votre mot de passe")],
)
def test_a_delegation_changes_its_password(delegation_user, language, heading):
    client = Client(headers={"accept-language": language})
    client.force_login(delegation_user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert heading in page.content.decode()
    assert 'class="site-header"' in page.content.decode()

    refused = client.post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": NEW, "new_password2": NEW},
    )
    assert refused.status_code == 200
    assert can_sign_in("dmitri", OLD)

    response = client.post(
        reverse("password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    # Still signed in on this browser, and the new password is the one that works.
    assert client.get(reverse("password_change_done")).status_code == 200
    assert can_sign_in("dmitri", NEW)
    assert not can_sign_in("dmitri", OLD)


def test_changing_a_password_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def queued(monkeypatch):
    """The reset emails asked of the workers."""
    calls = []
    monkeypatch.setattr(tasks.password_reset_send, "delay", lambda *args: calls.append(args))
    return calls


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("en", "Suivi: choose a new password", "asked to choose a new password"),
        ("fr", "Suivi\u00a0: choisir un nouveau mot de passe", "demandé à choisir un nouveau"),
    ],
)
def test_a_user_resets_a_forgotten_password_by_email(
    delegation_user, queued, settings, language, subject, words
):
    settings.SITE_ROOT = "https://suivi.example.org"
    client = Client(headers={"accept-language": language})
    response = client.post(reverse("password_reset"), {"email": "DMITRI@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    # The request only queues the email; a worker sends it.
    assert mail.outbox == []
    assert queued == [(delegation_user.pk, language)]
    tasks.password_reset_send(*queued[0])

    [email] = mail.outbox
    assert email.to == ["dmitri@example.org"]
    assert email.subject == subject
    assert words in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert words in html
    [link] = re.findall(r"https://suivi\.example\.org(/accounts/password/reset/\S+/)", email.body)
    assert link in html

    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert can_sign_in("dmitri", NEW)
    assert not can_sign_in("dmitri", OLD)

    # The link works once.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False


def test_an_unknown_address_gets_the_same_answer_and_no_email(delegation_user, queued):
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert queued == []


def test_a_user_deactivated_before_the_email_leaves_gets_none(delegation_user, queued):
    Client().post(reverse("password_reset"), {"email": "dmitri@example.org"})
    delegation_user.is_active = False
    delegation_user.save()
    assert services.password_reset_send(user_id=delegation_user.pk, language="en") is False
    assert mail.outbox == []


def test_the_email_is_sent_in_the_request_when_the_queue_is_unreachable(
    delegation_user, monkeypatch
):
    from kombu.exceptions import OperationalError

    def unreachable(*args):
        raise OperationalError("broker down")

    monkeypatch.setattr(tasks.password_reset_send, "delay", unreachable)
    response = Client().post(reverse("password_reset"), {"email": "dmitri@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
