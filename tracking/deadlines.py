"""Deadlines in resolution text: recognise, resolve to a date, describe.

Pure Python (no Django). A resolution sets a deadline either by a session of the body
("bien avant sa douzième session", "at its eighty-first session") or by a calendar date
("by 31 March 2013", "au plus tard le 1er juillet 2013"). A session deadline stays
symbolic until the session calendar gives its dates: ``resolve_due_date`` then returns None.

All matching is done on a *folded* copy of the text (lower case, accents and curly
apostrophes removed) whose characters line up one-to-one with the original, so that a
match can be cut back out of the original text (``DeadlineExpr.text``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from resolutions.parsing.dates import MONTHS, is_plausible
from resolutions.parsing.ordinals import CARDINAL_WORDS, ORDINAL_WORDS, ordinal_to_int

__all__ = [
    "DeadlineExpr",
    "Relation",
    "describe_deadline",
    "find_deadline",
    "fold",
    "ordinal_to_int",
    "resolve_due_date",
]


class Relation(StrEnum):
    BEFORE = "before"
    AT = "at"
    BY_END_OF = "by_end_of"


@dataclass(frozen=True)
class DeadlineExpr:
    relation: Relation
    session: int | None = None
    date: dt.date | None = None
    well_before: bool = False
    text: str = ""  # the matched words, e.g. "bien avant sa douzième session"


# --------------------------------------------------------------------------- folding

_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    # NFKD also maps superscripts ("12ᵉ") and no-break spaces; keep it only when it
    # yields one base character, so that the folded text keeps the original's length.
    for form in ("NFKD", "NFD"):
        base = "".join(c for c in unicodedata.normalize(form, char) if not unicodedata.combining(c))
        if len(base) == 1:
            lower = base.lower()
            return lower if len(lower) == 1 else base
    return char


def _lower_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    lower = char.lower()
    return lower if len(lower) == 1 else char


_CHAR_TABLE_LIMIT = 10_000


class _CharTable(dict):
    """Folded form of each character, worked out on first sight (``str`` keys)."""

    def __init__(self, convert):
        super().__init__()
        self._convert = convert

    def __missing__(self, char: str) -> str:
        value = self._convert(char)
        if len(self) < _CHAR_TABLE_LIMIT:  # a text of rare characters cannot grow it forever
            self[char] = value
        return value


_LOWER_TABLE = _CharTable(_lower_char)
_FOLD_TABLE = _CharTable(_fold_char)
# Why: folding one character at a time in Python was most of the extraction's time. The
# text is lower-cased in C; only its non-ASCII characters are then looked up, by the
# character of the original text (the lower case of "Σ" depends on its neighbours).
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _convert(text: str, table: _CharTable) -> str:
    if text.isascii():
        return text.lower().replace("`", "'")
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer ("İ")
        return "".join(table[char] for char in text)
    lowered = lowered.replace("`", "'")
    return _NON_ASCII_RE.sub(lambda match: table[text[match.start()]], lowered)


def lower_aligned(text: str) -> str:
    """Lower-case copy of ``text`` that keeps accents and the original's length."""
    return _convert(text, _LOWER_TABLE)


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length (index-aligned).

    Curly apostrophes become "'", typographic dashes "-", no-break spaces " ".
    Shared with the extraction package.
    """
    return _convert(text, _FOLD_TABLE)


# --------------------------------------------------------------------------- ordinals

# The number words and ``ordinal_to_int`` live in resolutions.parsing.ordinals (pure
# Python too); here they only build the pattern that finds ordinals in folded text.
_DIGIT_ORDINAL = r"\d{1,3}\s?(?:st|nd|rd|th|eme|ieme|e|er|ere|re)\b"


def _words_alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NUMBER_WORD = rf"(?:{_words_alternation(sorted(CARDINAL_WORDS | ORDINAL_WORDS))})"
# "eighty- first": a hyphen cut at a line end in the source keeps the space after it.
_WORD_ORDINAL = rf"{_NUMBER_WORD}(?:(?:-et-|\s+et\s+|\s+and\s+|-\s*|\s+){_NUMBER_WORD})*"
_ORDINAL = rf"(?:{_DIGIT_ORDINAL}|\b{_WORD_ORDINAL}\b)"

# --------------------------------------------------------------------------- patterns
# Patterns work on folded text. The words *before* a session mention decide the
# relation; they are matched at the end of the preceding text once determiners have
# been stripped ("d'ici la fin de sa" -> "d'ici la fin").

_SESSION_RE = re.compile(rf"(?P<ord>{_ORDINAL})\s+(?:(?:regular|ordinary)\s+)?sessions?\b")
_NEXT_SESSION_RE = re.compile(
    r"\b(?:(?:sa|la|its|the|their)\s+)?(?:prochaine\s+session|next\s+(?:regular\s+)?session"
    r"|session\s+suivante|following\s+session|subsequent\s+session)\b"
)
_DETERMINER_TAIL_RE = re.compile(
    r"(?:\b(?:la|sa|son|its|the|their|this|cette|reprise|resumed|de|d'|of|du|l'ouverture"
    r"|tenue|debut|opening|start|beginning|holding)\s*)+$"
)


def _ending(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|[\s,(])(?:{alternatives})$")


_BY_END_OF_MARKER = _ending(
    r"(?:by|before|until|prior to|at|towards) the (?:end|close|conclusion)"
    r"|d'ici (?:a )?la fin|avant la fin|a la fin|au terme|a l'issue|a la cloture"
    r"|jusqu'a la fin"
)
_WELL_BEFORE_MARKER = _ending(
    r"bien avant|well before|well in advance|well ahead|well prior to|largement avant"
    r"|suffisamment (?:a l'avance )?avant|longtemps avant|bien en amont"
    r"|sufficiently in advance|in good time (?:before|for)|en temps utile avant"
)
_BEFORE_MARKER = _ending(
    r"avant|before|prior to|in advance|ahead|en amont|prealablement a|d'ici(?: a)?"
    r"|by|no later than|not later than|au plus tard(?: avant| a)?"
)
_AT_MARKER_RE = re.compile(
    r"(?:^|[\s,(])(?P<m>(?:for consideration |pour examen |for its consideration )?"
    r"(?:at|during|a|lors|au cours|pendant|durant|in time for|in|for))$"
)
# Words saying that a session mention refers to the past: "intervenu lors de la onzième
# session", "la demande adressée ... lors de sa dixième session", "since its tenth session".
# Matched on lower-cased text that keeps its accents: folded "décide" and "décidé" are equal.
_PAST_PARTICIPLE_RE = re.compile(
    r"\b(?:adopté|adressé|formulé|fait|intervenu|(?<!la )tenu|lancé|organisé|approuvé|décidé"
    r"|convenu|exprimé|entamé|créé|établi)e?s?\b"
    r"|\b(?:made|adopted|held|addressed|expressed|launched|convened|approved|agreed|decided"
    r"|contained|endorsed|established|reached|initiated|began|started)\b"
)
_FUTURE_AUXILIARY_RE = re.compile(
    r"\b(?:to be|will be|shall be|would be|sera|seront|serait|doit être|doivent être)\s+$"
)
_PAST_CUE_RE = re.compile(r"\b(?:depuis|since)(?:\s+(?:la|sa|its|the|their|de|of))*\s*$")
# An infinitive after a participle re-opens the request ("pour la prier de soumettre").
_INFINITIVE_RE = re.compile(
    r"\b(?:de|d'|à|a|pour)\s*(?:(?:la|le|les|l'|leur|lui|se|s'|y|en)\s*)?\w+(?:er|ir|re|oir)\b"
    r"|\bto\s+(?!the\b|its\b|their\b|this\b|that\b|a\b|an\b|all\b)[a-z]+"
)

_MONTH = rf"(?:{_words_alternation(MONTHS)})"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th|er)?|premier)"
_DATE_RE = re.compile(
    rf"\b(?:(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?)\s+(?P<y>\d{{4}})\b"
)
_DATE_MARKER = _ending(
    r"by|no later than|not later than|on or before|before|prior to|at the latest by"
    r"|by no later than|d'ici (?:au|le|a)|au plus tard le|avant le|d'ici"
)
_DATE_TRAILING_RE = re.compile(r"\s*,?\s*(?:au plus tard|at the latest)\b")
_PERIOD_END_RE = re.compile(
    r"\b(?:(?:by|before|until|prior to) (?:the )?end(?: of)?|d'ici (?:a )?(?:la )?fin(?: de| d')?"
    r"|avant (?:la )?fin(?: de| d')?)\s*(?:l'annee |the year )?"
    rf"(?:(?P<m>{_MONTH})\s+)?(?P<y>\d{{4}})\b"
)


# --------------------------------------------------------------------------- finding

_YEAR_RE = re.compile(r"\d{4}")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    expr: DeadlineExpr
    past: bool = False


def _marker_offset(pre: str, match: re.Match[str]) -> int:
    """Index in ``pre`` where the marker words found by an ``_ending`` pattern start."""
    return match.start() + (1 if pre[match.start() : match.start() + 1] in (" ", ",", "(") else 0)


def _relation_before(pre: str) -> tuple[Relation, bool, int]:
    """Relation given by the words just before a session mention.

    Returns (relation, well_before, index in ``pre`` where the deadline words start).
    Without a before/end marker the relation is "at" ("de sa douzième session").
    """
    stripped = _DETERMINER_TAIL_RE.sub("", pre.rstrip()).rstrip()
    for pattern, relation, well in (
        (_BY_END_OF_MARKER, Relation.BY_END_OF, False),
        (_WELL_BEFORE_MARKER, Relation.BEFORE, True),
        (_BEFORE_MARKER, Relation.BEFORE, False),
    ):
        match = pattern.search(stripped)
        if match:
            return relation, well, _marker_offset(stripped, match)
    at = _AT_MARKER_RE.search(stripped)
    if at:
        return Relation.AT, False, at.start("m")
    return Relation.AT, False, len(stripped)


def _looks_past(lowered: str, start: int) -> bool:
    """Whether the session mention at ``start`` reports something already done.

    "intervenu lors de la onzième session", "la demande adressée à la Cour ..., lors de
    sa dixième session", "since its tenth session" -- unless an infinitive comes between
    the participle and the mention ("adressée ... pour la prier de soumettre, à sa
    douzième session").
    """
    window = lowered[max(0, start - 160) : start]
    window = window[window.rfind(";") + 1 :]
    if _PAST_CUE_RE.search(window):
        return True
    participles = [
        p
        for p in _PAST_PARTICIPLE_RE.finditer(window)
        if not _FUTURE_AUXILIARY_RE.search(window, 0, p.start())
    ]
    if not participles:
        return False
    return not _INFINITIVE_RE.search(window, participles[-1].end())


def _session_mentions(folded: str, current_session: int | None):
    """(start, end, session number or None) of each session mention."""
    for match in _SESSION_RE.finditer(folded):
        words = match.group("ord")
        # "twelfth and thirteenth sessions": the last session of a coordination counts.
        number = ordinal_to_int(words) or ordinal_to_int(re.split(r"\s+(?:and|et)\s+", words)[-1])
        if number is not None:
            yield match.start(), match.end(), number
    for match in _NEXT_SESSION_RE.finditer(folded):
        yield match.start(), match.end(), (current_session + 1 if current_session else None)


def _session_candidates(text: str, folded: str, current_session: int | None) -> list[_Candidate]:
    candidates = []
    lowered = lower_aligned(text)
    for start, end, number in _session_mentions(folded, current_session):
        base = max(0, start - 80)
        relation, well, offset = _relation_before(folded[base:start])
        words = text[base + offset : end].strip(" ,")
        # A participle before "lors de sa dixième session" reports the past; "made before
        # the fourteenth session" still sets a deadline.
        past = (relation is Relation.AT and _looks_past(lowered, start)) or (
            current_session is not None and number is not None and number <= current_session
        )
        expr = DeadlineExpr(relation=relation, session=number, well_before=well, text=words)
        candidates.append(_Candidate(base + offset, end, expr, past))
    return candidates


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if is_plausible(date) else None


def _day_dates(text: str, folded: str) -> list[_Candidate]:
    """Deadlines on a given day: "by 31 March 2013", "au plus tard le 1er juillet 2013"."""
    candidates = []
    for match in _DATE_RE.finditer(folded):
        day_word = match.group("d1") or match.group("d2")
        day = 1 if day_word == "premier" else int(re.match(r"\d+", day_word).group())
        month = MONTHS[match.group("m1") or match.group("m2")]
        date = _make_date(int(match.group("y")), month, day)
        base = max(0, match.start() - 40)
        pre = folded[base : match.start()].rstrip()
        marker = _DATE_MARKER.search(pre)
        trailing = _DATE_TRAILING_RE.match(folded, match.end())
        if date is None or not (marker or trailing):
            continue  # a date given as context ("du 7 juin au 2 juillet 2012")
        start = base + _marker_offset(pre, marker) if marker else match.start()
        end = trailing.end() if trailing else match.end()
        expr = DeadlineExpr(Relation.BEFORE, date=date, text=text[start:end].strip(" ,"))
        candidates.append(_Candidate(start, end, expr))
    return candidates


def _period_end_dates(text: str, folded: str) -> list[_Candidate]:
    """Deadlines at the end of a month or year: "by the end of 2013", "d'ici à la fin de 2013"."""
    candidates = []
    for match in _PERIOD_END_RE.finditer(folded):
        year = int(match.group("y"))
        month = MONTHS[match.group("m")] if match.group("m") else 12
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            continue  # "by the end of 0000"
        date = _make_date(year, month, calendar.monthrange(year, month)[1])
        if date is None:
            continue
        expr = DeadlineExpr(Relation.BY_END_OF, date=date, text=text[match.start() : match.end()])
        candidates.append(_Candidate(match.start(), match.end(), expr))
    return candidates


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    """The deadline most likely governed by the request.

    Among session mentions the latest session wins (earlier ones are usually the
    context of an earlier request), then the first in the text; a date deadline wins
    over a session mention only if it comes first.
    """
    sessions = [c for c in candidates if c.expr.date is None]
    dates = [c for c in candidates if c.expr.date is not None]
    best_session = None
    if sessions:
        top = max(-1 if c.expr.session is None else c.expr.session for c in sessions)
        best_session = next(c for c in sessions if (c.expr.session or -1) == top)
    best_date = min(dates, key=lambda c: c.start) if dates else None
    picks = [c for c in (best_session, best_date) if c is not None]
    return min(picks, key=lambda c: c.start) if picks else None


def find_deadline(
    text: str, language: str = "en", *, current_session: int | None = None
) -> DeadlineExpr | None:
    """The deadline set by a clause, or None.

    Both languages' patterns are always tried (resolutions quote each other), so
    ``language`` only matters for future language-specific rules. ``current_session``
    (the session adopting the text), when known, turns "next session" into a number and
    discards mentions of sessions already held.
    """
    del language  # the patterns of both languages are tried
    folded = fold(text)
    # Why: most clauses name no session and no year, which every pattern below needs.
    has_session = "session" in folded
    has_year = _YEAR_RE.search(folded) is not None
    if not (has_session or has_year):
        return None
    candidates = [
        *(_session_candidates(text, folded, current_session) if has_session else ()),
        *(_day_dates(text, folded) if has_year else ()),
        *(_period_end_dates(text, folded) if has_year else ()),
    ]
    live = [c for c in candidates if not c.past]
    best = _best(live)
    return best.expr if best else None


# --------------------------------------------------------------------------- resolving


def resolve_due_date(
    *,
    relation: Relation,
    session_start: dt.date | None,
    session_end: dt.date | None,
    explicit_date: dt.date | None = None,
    well_before: bool = False,
    well_before_lead_days: int = 30,
) -> dt.date | None:
    """Calendar date by which a deadline falls due; None while session dates are unknown."""
    if explicit_date is not None:
        return explicit_date
    relation = Relation(relation)
    if relation is Relation.BY_END_OF:
        return session_end
    if session_start is None:
        return None
    if relation is Relation.BEFORE and well_before:
        if session_start - dt.date.min < dt.timedelta(days=well_before_lead_days):
            return None  # a session "in the year 1" is a typing error, not a deadline
        return session_start - dt.timedelta(days=well_before_lead_days)
    return session_start


# --------------------------------------------------------------------------- describing


def _is_french(language: str) -> bool:
    return (language or "").lower().startswith("fr")


def _ordinal_label(number: int, french: bool) -> str:
    if french:
        return "1re" if number == 1 else f"{number}e"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_SESSION_PHRASES = {
    # (relation, well_before): (english, french)
    (Relation.BEFORE, True): ("well before the {s}", "bien avant la {s}"),
    (Relation.BEFORE, False): ("before the {s}", "avant la {s}"),
    (Relation.AT, False): ("at the {s}", "à la {s}"),
    (Relation.BY_END_OF, False): ("by the end of the {s}", "d’ici la fin de la {s}"),
}


def describe_deadline(
    *,
    relation: Relation,
    session: int | None,
    date: dt.date | None,
    well_before: bool,
    session_start: dt.date | None,
    language: str,
    date_label: Callable[[dt.date], str],
) -> str:
    """Human wording of a deadline, in English or French.

    The session's first day is shown in brackets where it is the due date (before, at);
    a session whose dates are unknown says so ("dates not set"/"dates non fixées").
    Dates are worded by `date_label`, in the same language: the caller passes the
    project's one wording of dates (config.typography.date_text, "1er juillet 2013"), so
    that a deadline and the pages around it write a date alike.
    """
    french = _is_french(language)
    if date is not None:
        label = date_label(date)
        return f"d’ici le {label}" if french else f"by {label}"
    relation = Relation(relation)
    well = well_before and relation is Relation.BEFORE
    english_phrase, french_phrase = _SESSION_PHRASES[(relation, well)]
    if session is None:
        name = "prochaine session" if french else "next session"
        return (french_phrase if french else english_phrase).format(s=name)
    name = f"{_ordinal_label(session, french)} session"
    phrase = (french_phrase if french else english_phrase).format(s=name)
    if session_start is None:
        return phrase + (", dates non fixées" if french else ", dates not set")
    if relation is Relation.BY_END_OF or well:
        return phrase  # the due date is not the first day: do not suggest it is
    return f"{phrase} ({date_label(session_start)})"
