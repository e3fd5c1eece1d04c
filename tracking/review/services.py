"""Writes of the review queue. One suggestion's review is written by tracking.services, with
its history entry, as from the resolution page (accept, reject, reconsider); accepting all
of a resolution's suggestions writes the same rows in a fixed number of statements."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from resolutions.models import Resolution
from tracking import fragments
from tracking.dashboard import receivers
from tracking.models import Mandate, MandateEvent


@transaction.atomic
def mandates_accept_all(*, resolution: Resolution, user, through: int) -> int:
    """Accept, as they stand, the suggestions of a resolution that were shown (ids up to
    `through`); a suggestion added or reviewed meanwhile is left as it is. All or nothing.
    Returns how many were accepted.

    Each accepted mandate gets what `tracking.services.mandate_accept` gives it without
    corrections: its next version and a review entry in its history, signed by the user.
    A resolution can hold hundreds of suggestions, so the rows are written in bulk (one
    lock, one update, one insert) rather than a few statements per mandate."""
    suggestions = list(
        Mandate.objects.select_for_update()
        .filter(resolution=resolution, review=Mandate.Review.SUGGESTED, pk__lte=through)
        .order_by("pk")
        .values_list("pk", "version")
    )
    if not suggestions:
        return 0
    Mandate.objects.filter(pk__in=[pk for pk, _version in suggestions]).update(
        review=Mandate.Review.ACCEPTED, version=F("version") + 1, updated_at=timezone.now()
    )
    MandateEvent.objects.bulk_create(
        MandateEvent(
            mandate_id=pk,
            user=user if user.is_authenticated else None,
            field=MandateEvent.Field.REVIEW,
            old_value=Mandate.Review.SUGGESTED,
            new_value=Mandate.Review.ACCEPTED,
            version=version + 1,
        )
        for pk, version in suggestions
    )
    # An update and bulk_create send no post_save: what a save would renew is renewed here.
    fragments.generation_renew()
    receivers.data_changed()
    return len(suggestions)
