"""Personal tokens: made, named, listed with their last use and revoked on a page; stored
hashed; refused once revoked or expired; calls throttled per token."""

import datetime
import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import token_create
from api.tests.conftest import api_client

pytestmark = pytest.mark.django_db

TOKENS = reverse("api:tokens")
ACTORS = reverse("api:actors")


def test_a_user_makes_a_token_sees_it_once_and_it_is_stored_hashed(delegation_client):
    response = delegation_client.post(TOKENS, {"name": "Treaty database", "expires": "30"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("suivi_") and secret in response.content.decode()
    token = ApiToken.objects.get(name="Treaty database")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.digest, token.prefix, token.name}
    assert token.expires_at > timezone.now() + datetime.timedelta(days=29)
    # Listed afterwards by name and beginning, never again in full.
    page = delegation_client.get(TOKENS).content.decode()
    assert "Treaty database" in page and token.prefix in page and secret not in page
    assert "never used" in page


def test_the_page_shows_the_last_use_and_revoking_closes_the_api(delegation_user):
    browser = Client()
    browser.force_login(delegation_user)
    token, secret = token_create(user=delegation_user, name="Morning spreadsheet")
    assert api_client(token=secret).get(ACTORS).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "never used" not in browser.get(TOKENS).content.decode()
    response = browser.post(TOKENS, {"revoke": token.pk}, follow=True)
    assert "The token was revoked" in response.content.decode()
    refused = api_client(token=secret).get(ACTORS)
    assert refused.status_code == 401
    assert refused.json() == {
        "status": 401,
        "code": "authentication_failed",
        "detail": "This token was revoked.",
    }


def test_a_user_cannot_revoke_someone_elses_token(delegation_client, secretariat_user):
    token, secret = token_create(user=secretariat_user, name="theirs")
    delegation_client.post(TOKENS, {"revoke": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_client(token=secret).get(ACTORS).status_code == 200


def test_an_expired_token_gets_401(delegation_user, time_machine):
    _token, secret = token_create(
        user=delegation_user, name="short", expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert api_client(token=secret).get(ACTORS).status_code == 200
    time_machine.move_to(timezone.now() + datetime.timedelta(days=2))
    response = api_client(token=secret).get(ACTORS)
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has expired."
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer suivi_nothing", "Bearer", "Token a b"])
def test_a_wrong_token_gets_401(db, header):
    response = Client(headers={"Authorization": header}).get(ACTORS)
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_a_deactivated_users_tokens_get_401(delegation_user):
    _token, secret = token_create(user=delegation_user, name="x")
    delegation_user.is_active = False
    delegation_user.save()
    assert api_client(token=secret).get(ACTORS).status_code == 401


def test_the_token_page_needs_a_signed_in_user(client):
    response = client.get(TOKENS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_calls_are_throttled_per_token(delegation_user, settings):
    settings.SUIVI_API_RATE = "3/minute"
    first, second = api_client(delegation_user), api_client(delegation_user)
    assert [first.get(ACTORS).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(ACTORS)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled" and "Retry-After" in refused
    # Another token of the same user has its own count.
    assert second.get(ACTORS).status_code == 200


def test_the_token_page_speaks_french(delegation_client):
    response = delegation_client.get(TOKENS, headers={"Accept-Language": "fr"})
    assert "Jetons d’API" in response.content.decode()


def test_errors_speak_the_language_asked(db):
    response = Client(headers={"Authorization": "Bearer nothing"}).get(
        ACTORS, headers={"Accept-Language": "fr"}
    )
    assert response.json()["detail"] == "Ce jeton n’est pas valable."


def test_administrators_list_tokens_without_their_secrets(admin_user, delegation_user):
    _token, secret = token_create(user=delegation_user, name="Court tools")
    browser = Client()
    browser.force_login(admin_user)
    page = browser.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert "Court tools" in page and secret not in page
    assert browser.get(reverse("admin:api_apitoken_add")).status_code == 403
