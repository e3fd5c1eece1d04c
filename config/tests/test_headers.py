"""Security headers: Content-Security-Policy, Permissions-Policy, HSTS, and no caching of
signed-in pages and exports."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tracking.exports.formats import calendar_feed_issue

pytestmark = pytest.mark.django_db


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_a_signed_in_page_carries_the_security_headers(delegation_client, mandate, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = delegation_client.get(reverse("tracking:mandate", args=[mandate.pk]), secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert {"private", "no-store"} <= cache_directives(response)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_page_read_without_a_session_is_not_marked_private_but_has_the_policies(
    client, settings, imported_seed
):
    settings.SUIVI_PUBLIC_READ = True
    response = client.get(reverse("resolutions:list"))
    assert response.status_code == 200
    assert "private" not in cache_directives(response)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_are_never_cached(delegation_client, mandate, fmt):
    response = delegation_client.get(reverse(f"exports:{fmt}"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response)


def test_exports_open_to_the_public_are_never_cached_either(client, mandate, settings):
    settings.SUIVI_PUBLIC_READ = True
    response = client.get(reverse("exports:csv"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response)


def test_the_calendar_feed_is_never_cached(delegation_user, mandate):
    feed = calendar_feed_issue(user=delegation_user)
    # A calendar program: no session cookie, the token is the secret.
    response = Client().get(reverse("exports:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert {"private", "no-store"} <= cache_directives(response)


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE),
    re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE),
    re.compile(r"javascript:", re.IGNORECASE),
]


def test_pages_hold_no_inline_script_or_style(mandate, imported_seed, django_user_model):
    """What the Content-Security-Policy would block must not be in the pages at all."""
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1-long")
    client = Client()
    client.force_login(admin)
    symbol = imported_seed.symbol
    urls = [
        reverse("tracking:dashboard"),
        reverse("tracking:mandate_list"),
        reverse("tracking:mandate", args=[mandate.pk]),
        reverse("tracking:mandate_edit", args=[mandate.pk]),
        reverse("tracking:resolution_report", args=[symbol]),
        reverse("tracking:my_follows"),
        reverse("tracking:my_work"),
        reverse("tracking:actor", args=["bureau"]),
        reverse("resolutions:list"),
        reverse("resolutions:detail", args=[symbol]),
        reverse("resolutions:import"),
        reverse("reminders:log"),
        reverse("exports:calendar"),
        reverse("exports:spreadsheet_import"),
        reverse("password_change"),
        "/admin/",
        f"/admin/tracking/mandate/{mandate.pk}/change/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for pattern in INLINE:
            assert not pattern.search(html), f"{url}: {pattern.search(html).group(0)}"
    anonymous = Client().get(reverse("login")).content.decode()
    assert not any(pattern.search(anonymous) for pattern in INLINE)
