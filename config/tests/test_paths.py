"""Impossible values in a path (a NUL byte, a number no column holds) are a 404, never a
500, whatever the database."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/%00.ics",
        "/reports/%00/",
        "/reports/ICC-ASP/11/%00Res.5/",
        "/resolutions/%00/",
        "/reminders/preferences/%00/",
        "/mandates/%00/",
        "/mandates/99999999999999999999/",
        "/sessions/99999999999999999999/",
        "/reports/sessions/99999999999999999999/",
        "/actors/%00/",
        "/accounts/password/reset/%00/%00/",
        "/calendar/" + "a" * 65 + ".ics",
    ],
)
def test_impossible_path_values_give_404(admin_client_signed_in, mandate, path):
    assert admin_client_signed_in.get(path).status_code == 404


def _takes_values(entry: URLPattern, route: str) -> bool:
    return isinstance(entry.pattern, RoutePattern) and "<" in route


def patterns_with_converters(resolver=None, prefix=""):
    """Every URL pattern of the site that takes a value from the path, as a route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns_with_converters(entry, route)
        elif isinstance(entry, URLPattern) and _takes_values(entry, route):
            yield route


def test_every_pattern_with_a_path_value_refuses_a_nul_byte(admin_client_signed_in, mandate):
    routes = list(patterns_with_converters())
    # The site's own patterns and the admin's: dozens of them.
    assert len(routes) > 20
    for route in routes:
        # Each value becomes a NUL byte; a literal ".ics" or "/" around it stays.
        path = "/" + re.sub(r"<[^>]+>", "%00", route)
        response = admin_client_signed_in.get(path)
        if route.startswith("admin/"):
            # The admin answers a missing object by going back to its list, or refuses an
            # action (deleting history) before looking for the object.
            assert response.status_code in (302, 403, 404), f"{route}: {response.status_code}"
        else:
            assert response.status_code == 404, f"{route}: {response.status_code}"
