"""A person's emails are written in the language they use Suivi in (see also the
language switch, tracking.reminders.views.language_switch_view)."""

from django.contrib.auth.signals import user_logged_in

from tracking.reminders.services import recipient_follow_language


def follow_language_at_sign_in(sender, request, user, **kwargs) -> None:
    """A person signing in for the first time is written to in the language of the pages
    they see: their browser's, or the one they chose before signing in."""
    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    recipient_follow_language(email=user.email, language=language, only_new=True)


def connect() -> None:
    user_logged_in.connect(follow_language_at_sign_in, dispatch_uid="suivi-email-language")
