"""Dates and figures as people read them, in the interface language: "1er mars 2026" and
"12 345" in French, "1 March 2026" and "12,345" in English; punctuation too: "Prie :"
and « texte » in French, "Requests:" and “text” in English.

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
import unicodedata
from contextlib import nullcontext

from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html

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


# Letters a plain decomposition leaves whole, and what they sort as.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def sort_key(text: str) -> str:
    """The key a name sorts by, as a French or English reader looks a name up: case and
    accents ignored ("États-Unis" among the E's, not after "Zimbabwe"), ligatures read as
    their letters ("Œ" as "oe"), and every space, hyphen or apostrophe as one separator
    that comes before any letter ("Guinée" < "Guinée-Bissau" < "Guinée équatoriale").

    Made of a–z and 0–9 only ("0" between words), a key compares alike in Python and in every
    database collation (SQLite's binary one, PostgreSQL's "C" or a locale's, which would
    otherwise skip spaces and hyphens): stored beside a name (tracking.models.NamedInText),
    it sorts a paginated list in the database as it sorts a list in Python."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "0".join(word for word in _SEPARATORS.split(letters) if word)


@register.filter(expects_localtime=True)
def day(value, format_name: str = "DATE_FORMAT") -> str:
    """`{{ mandate.due_date|day }}`, `{{ event.at|day:"DATETIME_FORMAT" }}`."""
    return date_text(value, format_name)


@register.filter
def number(value) -> str:
    """`{{ stats.total|number }}`: a figure shown to people, grouped by thousands."""
    return number_text(value)


# ASCII whitespace only: str.split() would also take French typography's no-break spaces
# ("Suivi\u00a0: …") for word breaks.
_ASCII_SPACES = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """A rendered template (an e-mail subject) folded into one line, its no-break spaces
    kept."""
    return _ASCII_SPACES.sub(" ", text).strip()


def _french() -> bool:
    return (translation.get_language() or "")[:2] == "fr"


def colon_text() -> str:
    """A colon as the language writes it: French puts a no-break space before it."""
    return "\u00a0:" if _french() else ":"


def quoted_text(value) -> str:
    """Quotation marks as the language writes them: « texte » (no-break spaces inside)
    in French, “text” in English."""
    return f"«\u00a0{value}\u00a0»" if _french() else f"“{value}”"


@register.simple_tag
def colon() -> str:
    """`{{ label }}{% colon %} {{ value }}`."""
    return colon_text()


@register.filter
def quoted(value) -> str:
    """`{{ event.old_display|quoted }}`: the value escaped, in the language's quotes."""
    return format_html(quoted_text("{}"), value)
