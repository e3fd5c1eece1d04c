"""Writes and actions of the accounts app."""

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

TEMPLATES = "emails/password_reset"


def sessions_clear_expired() -> None:
    """Delete the sessions that ended: the database keeps them otherwise, one row per
    sign-in, for ever."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


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
        subject = " ".join(render_to_string(f"{TEMPLATES}/subject.txt", context).split())
        text = render_to_string(f"{TEMPLATES}/body.txt", context)
        html = render_to_string(f"{TEMPLATES}/body.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
