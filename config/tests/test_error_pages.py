"""The 400, 403, 404, 500 and 503 pages: in the site's layout, in English and French, saying what
to do next, with DEBUG off; the 500 and 503 pages without the database."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

pytestmark = pytest.mark.django_db

LAYOUT = 'class="site-header"'

# (status, language): the heading and a sentence of what to do next.
PAGES = {
    (403, "en"): ("You may not do this", "ask the secretariat to give your account the right role"),
    (403, "fr"): ("Vous ne pouvez pas faire cela", "demandez au secrétariat"),
    (404, "en"): ("Page not found", "Check the address"),
    (404, "fr"): ("Page introuvable", "Vérifiez l’adresse"),
    (405, "en"): ("This address is not a page to open", "use its button"),
    (405, "fr"): ("Cette adresse ne s’ouvre pas comme une page", "utilisez son bouton"),
    (500, "en"): ("Something went wrong", "tell the secretariat what you were doing"),
    (500, "fr"): ("Une erreur s’est produite", "dites au secrétariat ce que vous faisiez"),
    (503, "en"): ("Suivi is unavailable for a moment", "Wait a few minutes"),
    (503, "fr"): ("Suivi est momentanément indisponible", "Attendez quelques minutes"),
}


def client_in(language, **kwargs) -> Client:
    return Client(headers={"accept-language": language}, **kwargs)


def assert_page(html: str, status: int, language: str) -> None:
    heading, next_step = PAGES[(status, language)]
    assert f'<html lang="{language}">' in html
    assert LAYOUT in html
    assert f"<h1>{heading}</h1>" in html
    assert next_step in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_404_page(settings, language, delegation_user):
    settings.DEBUG = False
    client = client_in(language)
    client.force_login(delegation_user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_page(html, 404, language)
    # A signed-in reader keeps the menu.
    assert "dmitri" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_403_page(settings, language, delegation_user):
    settings.DEBUG = False
    client = client_in(language)
    client.force_login(delegation_user)
    response = client.get("/resolutions/import/")
    assert response.status_code == 403
    assert_page(response.content.decode(), 403, language)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_405_page(settings, language, secretariat_user, mandate):
    # A form's address opened as a page: Django answers an empty 405, which browsers
    # show as their own error.
    settings.DEBUG = False
    client = client_in(language)
    client.force_login(secretariat_user)
    response = client.get(f"/review/{mandate.pk}/accept/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert_page(response.content.decode(), 405, language)


def test_the_api_keeps_its_own_405(delegation_user):
    client = Client()
    client.force_login(delegation_user)
    response = client.delete("/api/v1/mandates/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"


@pytest.mark.urls("config.tests.failing_urls")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_500_page(settings, language, delegation_user):
    settings.DEBUG = False
    client = client_in(language, raise_request_exception=False)
    client.force_login(delegation_user)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_page(html, 500, language)
    # Rendered without a request: no menu, no user name that could be wrong.
    assert "dmitri" not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_503_page_renders_without_the_database(language, delegation_user, settings):
    client = Client()
    client.force_login(delegation_user)
    request = RequestFactory().get("/dashboard/")
    cookie = settings.SESSION_COOKIE_NAME
    request.COOKIES[cookie] = client.cookies[cookie].value
    # The request as the middleware leaves it: a lazy session, user and messages, each of
    # which would query the database if the page read it.
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    assert request.session.session_key
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        html = render_to_string("503.html", request=request)
        without_request = render_to_string("503.html")
    assert queries.captured_queries == []
    assert_page(html, 503, language)
    assert_page(without_request, 503, language)
    # The session was never read.
    assert SESSION_KEY not in getattr(request.session, "_session_cache", {})


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "This form could not be sent"), ("fr", "Ce formulaire n’a pas pu être envoyé")],
)
def test_a_refused_form_explains_itself(settings, language, heading):
    settings.DEBUG = False
    client = client_in(language, enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert LAYOUT in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Suivi cannot understand this request"), ("fr", "Suivi ne comprend pas cette requête")],
)
def test_a_bad_request_gets_the_400_page(settings, language, heading):
    settings.DEBUG = False
    response = client_in(language).get("/accounts/login/", headers={"host": "evil.example"})
    assert response.status_code == 400
    html = response.content.decode()
    assert LAYOUT in html
    assert f"<h1>{heading}</h1>" in html
