"""Headers that every response of Suivi carries."""

from django.conf import settings
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
