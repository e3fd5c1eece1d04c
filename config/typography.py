"""Dates and figures as people read them, in the interface language: "1er mars 2026" and
"12 345" in French, "1 March 2026" and "12,345" in English.

The one place for these rules: templates use the `day` and `number` filters (a built-in
template library, see TEMPLATES in config/settings.py, so that every template, e-mails
and resolutions' pages included, has them without a `{% load %}`), and Python code calls
`date_text` and `number_text`. Machine formats (ISO dates in CSV, JSON, iCalendar and
`<time datetime>`, SVG coordinates, identifiers in addresses) never pass through here.

Numbers are grouped here only, not by USE_THOUSAND_SEPARATOR: that setting would also
group identifiers rendered in links and forms ("/mandates/1 234/").
"""

import datetime as dt
import re
from contextlib import nullcontext

from django import template
from django.utils import formats, timezone, translation

register = template.Library()

# The day of the month in a date format ("j"), unless escaped ("\j").
_DAY = re.compile(r"(?<!\\)j")


def _language(language: str | None):
    return translation.override(language) if language else nullcontext()


def date_text(value, format_name: str = "DATE_FORMAT", *, language: str | None = None) -> str:
    """A date (or a date and time) in words, in the format the language gives to
    `format_name` (config/formats). French writes the first day of a month as an ordinal,
    "1er décembre 2026", which no Django date format can say: the day becomes "1er" here.
    An aware date and time is shown in the local time zone, as the `date` filter does."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    with _language(language):
        pattern = formats.get_format(format_name)
        if value.day == 1 and (translation.get_language() or "")[:2] == "fr":
            pattern = _DAY.sub(r"j\\e\\r", pattern)
        return formats.date_format(value, pattern)


def number_text(value, *, language: str | None = None) -> str:
    """A figure with the language's thousands separator: "12 345" (a no-break space,
    config/formats/fr) in French, "12,345" in English. Not a number: shown as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    with _language(language):
        return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter(expects_localtime=True)
def day(value, format_name: str = "DATE_FORMAT") -> str:
    """`{{ mandate.due_date|day }}`, `{{ event.at|day:"DATETIME_FORMAT" }}`."""
    return date_text(value, format_name)


@register.filter
def number(value) -> str:
    """`{{ stats.total|number }}`: a figure shown to people, grouped by thousands."""
    return number_text(value)
