"""The main navigation shows what the reader may open, and nothing that would only lead
back to the sign-in page."""

import pytest

pytestmark = pytest.mark.django_db

READING_LINKS = ('href="/dashboard/"', 'href="/mandates/"', 'href="/resolutions/"')


def test_a_visitor_is_shown_no_links_that_all_lead_to_sign_in(client):
    page = client.get("/accounts/login/").content.decode()
    assert not any(link in page for link in READING_LINKS)
    assert 'class="main-nav"' not in page
    assert 'href="/accounts/login/"' in page  # the header's "Sign in"


def test_a_public_deployment_shows_visitors_the_pages_they_may_read(client, settings):
    settings.SUIVI_PUBLIC_READ = True
    page = client.get("/accounts/login/").content.decode()
    assert all(link in page for link in READING_LINKS)
    assert 'href="/follow-ups/"' not in page  # following needs an account


def test_a_signed_in_reader_is_shown_the_pages_and_their_follow_ups(delegation_client):
    page = delegation_client.get("/dashboard/").content.decode()
    assert all(link in page for link in READING_LINKS)
    assert 'href="/follow-ups/"' in page
