"""Sessions that end after a configurable time without a request."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

# The session key holding the time its expiry was last pushed forward.
MARK = "_idle_mark"


def mark_at_login(sender, request, user, **kwargs) -> None:
    """Signing in saves the session anyway: mark it then, so that the pages that follow
    within the step write nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[MARK] = int(time.time())


class SessionIdleMiddleware:
    """A signed-in session lives SESSION_COOKIE_AGE (SUIVI_SESSION_IDLE_SECONDS) seconds from
    its last save. Saving it at every request would cost a database write per page; marking
    it only when the last mark is older than a twentieth of the idle time keeps it alive
    just as well (it ends between 95% and 100% of the idle time after the last request)
    for one write every few minutes per active user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session that this request already read (every signed-in page reads it):
        # reading it here would cost a query, and fail while the database is down.
        data = getattr(session, "_session_cache", None)
        if data and SESSION_KEY in data and not session.modified:
            now = int(time.time())
            step = max(1, settings.SESSION_COOKIE_AGE // 20)
            if now - data.get(MARK, 0) >= step:
                session[MARK] = now
        return response
