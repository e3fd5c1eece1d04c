"""Writes of the review queue. Each mandate's review is written by tracking.services, with
its history entry, as from the resolution page (accept, reject, reconsider)."""

from django.db import transaction

from resolutions.models import Resolution
from tracking.models import Mandate
from tracking.services import mandate_accept


@transaction.atomic
def mandates_accept_all(*, resolution: Resolution, user, through: int) -> int:
    """Accept, as they stand, the suggestions of a resolution that were shown (ids up to
    `through`); a suggestion added or reviewed meanwhile is left as it is. All or nothing.
    Returns how many were accepted."""
    suggestions = list(
        Mandate.objects.select_for_update()
        .filter(resolution=resolution, review=Mandate.Review.SUGGESTED, pk__lte=through)
        .order_by("pk")
    )
    for mandate in suggestions:
        mandate_accept(mandate=mandate, user=user)
    return len(suggestions)
