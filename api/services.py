"""Writes of the API app: personal tokens. Keyword-only, as the other apps' services."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, token_digest

# "suivi_" tells what the secret is for when it turns up in a log or a script.
SECRET_PREFIX = "suivi_"


@transaction.atomic
def token_create(
    *, user, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of the user, and its secret: the only time the secret is known."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(SECRET_PREFIX) + 6],
        digest=token_digest(secret),
        expires_at=expires_at,
    )
    return token, secret


def token_revoke(*, user, pk: int) -> bool:
    """Revoke one of the user's own tokens; False when they have no such active token."""
    return bool(
        ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
