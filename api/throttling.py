"""Throttling per token (or per signed-in user for the session, per address for anonymous
calls), counted in the project's cache. The rate is read at each call, so that a
deployment, or a test, sets it with SUIVI_API_RATE."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.addresses import client_address
from api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.SUIVI_API_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            # As the sign-in throttling counts: X-Forwarded-For only from our own proxies.
            ident = f"address-{client_address(request)}"
        return f"throttle_{self.scope}_{ident}"
