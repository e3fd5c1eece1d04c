"""The address a request comes from, for the sign-in throttling."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or behind SUIVI_PROXY_COUNT proxies the address that the first of them
    saw. Each proxy appends the address of its peer to X-Forwarded-For, so only the last
    SUIVI_PROXY_COUNT entries were written by our proxies; whatever comes before them was
    sent by the client and is ignored."""
    count = settings.SUIVI_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")
