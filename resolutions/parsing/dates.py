"""Dates written in words: "21 novembre 2012", "1er décembre 2012", "21 November 2012"."""

from __future__ import annotations

import datetime
import re
import unicodedata

# Month names without accents, in both languages; tracking.deadlines reads them too.
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip

_MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|january|february|march|april|may|june|july|august|september|october|november|december)"  # noqa: E501

# The dates an assembly's business can carry: from the founding of the United Nations to a
# horizon no session calendar reaches. Anything outside is a typing error ("0001-01-05",
# "9999-12-31"), and letting it in breaks date arithmetic far from where it was typed: a
# reminder 60 days before the year 1 does not exist.
EARLIEST = datetime.date(1945, 1, 1)
LATEST = datetime.date(2200, 12, 31)


def is_plausible(date: datetime.date) -> bool:
    return EARLIEST <= date <= LATEST


DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:er|st|nd|rd|th|ᵉʳ)?\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})\b"
    rf"|\b(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}})\b",
    re.IGNORECASE,
)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def date_from_match(match: re.Match[str]) -> datetime.date | None:
    day = match.group("day") or match.group("day2")
    month = match.group("month") or match.group("month2")
    year = match.group("year") or match.group("year2")
    try:
        date = datetime.date(int(year), MONTHS[_fold(month)], int(day))
    except (ValueError, KeyError):  # "31 février 2012"
        return None
    return date if is_plausible(date) else None


def find_date(text: str) -> datetime.date | None:
    """The first valid date in the text."""
    for match in DATE_RE.finditer(text):
        date = date_from_match(match)
        if date:
            return date
    return None


def is_date_line(line: str) -> bool:
    match = DATE_RE.fullmatch(line.strip().rstrip("."))
    return bool(match and date_from_match(match))
