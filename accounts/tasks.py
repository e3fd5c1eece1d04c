"""Celery tasks of the accounts app: thin, the work is in services.py."""

from celery import shared_task

from accounts import services


# A mail server that is briefly down delays the email; smtplib's errors are OSErrors.
@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def password_reset_send(user_id: int, language: str) -> None:
    services.password_reset_send(user_id=user_id, language=language)


@shared_task(ignore_result=True)
def sessions_clear_expired() -> None:
    services.sessions_clear_expired()
