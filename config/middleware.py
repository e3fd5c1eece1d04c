"""Headers that every response of Suivi carries, and the page of a refused method."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Permissions-Policy on every response, and `Cache-Control: private, no-store` on every
    response to a request that carries a session cookie (every signed-in page): neither a
    shared cache nor the browser's history may keep a page once its reader signed out.

    The cookie decides, not request.user: reading the user would cost a query on pages that
    do not need one, and fail on the page that says the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response


class MethodNotAllowedPageMiddleware:
    """The site's page for a 405. require_POST and its kin answer a GET with an empty 405,
    which a browser shows as its own error ("This page isn't working", in the browser's
    language): whoever opens a form's address (a link shared, a page reloaded) reads
    instead, in the site's layout and language, what happened and where to go. Answers
    that have a body (the API's JSON) are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response["Allow"]
        return page
