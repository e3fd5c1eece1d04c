"""Writes and actions of the accounts app."""

import hashlib
import logging
import time
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from kombu.exceptions import OperationalError

from config.typography import one_line

log = logging.getLogger(__name__)

TEMPLATES = "emails/password_reset"


def sessions_clear_expired() -> None:
    """Delete the sessions that ended: the database keeps them otherwise, one row per
    sign-in, for ever."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@dataclass(frozen=True)
class Throttle:
    allowed: bool
    seconds_left: int  # until the window ends and the counts start again


def password_reset_throttle(*, email: str, address: str, now: float | None = None) -> Throttle:
    """Count a request for a reset link against its email address and against the address
    it comes from, in the cache, over a fixed window of SUIVI_PASSWORD_RESET_WINDOW_SECONDS;
    refused once either count is over its limit. The email is counted whether an account
    has it or not, so that the answer tells nothing about accounts. The keys hold digests,
    not the addresses."""
    window = settings.SUIVI_PASSWORD_RESET_WINDOW_SECONDS
    now = time.time() if now is None else now
    period = int(now // window)
    seconds_left = max(1, int((period + 1) * window - now))
    counts = [
        _count(f"password-reset:{kind}:{_digest(value)}:{period}", window)
        for kind, value in (("email", email.strip().lower()), ("address", address))
    ]
    allowed = (
        counts[0] <= settings.SUIVI_PASSWORD_RESET_PER_EMAIL
        and counts[1] <= settings.SUIVI_PASSWORD_RESET_PER_ADDRESS
    )
    if not allowed:
        log.warning("Password reset refused: too many requests for an email or from an address.")
    return Throttle(allowed=allowed, seconds_left=seconds_left)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _count(key: str, window: int) -> int:
    """One more in the counter at key, kept for the window; its new value."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, window)
        return 1


def password_reset_request(*, user, language: str) -> None:
    """Have the reset email sent by a worker, out of the request (a mail server may take
    seconds to answer). When the queue cannot be reached, send it now rather than never."""
    from accounts import tasks  # the tasks import this module

    try:
        tasks.password_reset_send.delay(user.pk, language)
    except OperationalError:
        log.warning("The task queue is unreachable: password reset email sent in the request.")
        password_reset_send(user_id=user.pk, language=language)


def password_reset_send(*, user_id: int, language: str) -> bool:
    """Email a user a link to choose a new password. The link is made here, not in the
    request, so that no message in the queue holds a working reset token. False when the
    user can no longer reset a password (deactivated, no email) by the time it runs."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return False
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "reset_url": settings.SITE_ROOT + link,
        "site_root": settings.SITE_ROOT,
        "language": language,
    }
    with translation.override(language):
        subject = one_line(render_to_string(f"{TEMPLATES}/subject.txt", context))
        text = render_to_string(f"{TEMPLATES}/body.txt", context)
        html = render_to_string(f"{TEMPLATES}/body.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
