"""Validators shared by the models and forms that take dates from people and files."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from resolutions.parsing.dates import EARLIEST, LATEST, is_plausible


def plausible_date_message() -> str:
    return gettext("Enter a date between %(earliest)s and %(latest)s.") % {
        "earliest": EARLIEST.year,
        "latest": LATEST.year,
    }


def validate_plausible_date(value: datetime.date | None) -> None:
    """Refuses dates no assembly works with: they would break reminders and calendars."""
    if value is not None and not is_plausible(value):
        raise ValidationError(plausible_date_message(), code="implausible_date")
