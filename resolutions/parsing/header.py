"""The header of a resolution: symbol, title, adoption, and where the body begins.

Two shapes are handled, in French and English:

ICC-ASP (Official Records)::

    Résolution ICC-ASP/11/Res.5
    Adoptée par consensus à la huitième séance plénière, le 21 novembre 2012
    ICC-ASP/11/Res.5
    Coopération
    L’Assemblée des États Parties,

UN General Assembly::

    Resolution adopted by the General Assembly on 11 November 2025
    [without reference to a Main Committee (A/80/L.5 and Add.1)]
    80/6. Report of the International Criminal Court
    The General Assembly,
    …
    35th plenary meeting
    11 November 2025
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from .body import is_opener, operative_start
from .cleanup import is_page_artefact, join_lines, normalise_spaces
from .dates import DATE_RE, date_from_match, find_date, is_date_line
from .footnotes import find_marks, remove_marks
from .ordinals import ordinal_to_int
from .symbols import SYMBOL_RE, is_resolution_symbol, whole_line_symbol

# --- where the body begins ----------------------------------------------------------------

_BODY_INTRO_RE = re.compile(
    r"^(?:The|THE|L[’']|La|LA|Le|LE|Les|LES)\s*(?P<body>[A-ZÀ-Ý][^,;:.()\[\]]{2,100}?)\s*,"
    r"\s*(?:\d{1,3}|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?$"
)
_KNOWN_BODIES = (
    "assembly of states parties",
    "assemblee des etats parties",
    "general assembly",
    "assemblee generale",
    "review conference",
    "conference de revision",
    "security council",
    "conseil de securite",
    "human rights council",
    "conseil des droits de l",
    "economic and social council",
    "conseil economique et social",
)
_BODY_NAME_WORDS_RE = re.compile(
    r"^[A-ZÀ-Ý][\w’'-]*(?:\s+(?:[A-ZÀ-Ý][\w’'-]*|of|to|the|and|on|for|des|de|du|la|le|et|"
    r"sur|pour|générale|général|de révision))*$"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# A known body named without the comma: "The General Assembly" alone on its line, as a
# resolution whose only operative paragraph follows has it.
_BODY_INTRO_BARE_RE = re.compile(
    r"^(?:The|THE|L[’']|La|LA|Le|LE)\s*(?P<body>[A-ZÀ-Ý][^,;:.()\[\]]{2,60}?)\s*$"
)


def body_intro(line: str) -> str | None:
    """The body's name when the line is "The Assembly of States Parties," or the like."""
    match = _BODY_INTRO_RE.match(line.strip())
    if not match:
        bare = _BODY_INTRO_BARE_RE.match(line.strip())
        if bare and _fold(normalise_spaces(bare.group("body"))) in _KNOWN_BODIES:
            return normalise_spaces(bare.group("body"))
        return None
    name = normalise_spaces(match.group("body"))
    folded = _fold(name)
    if any(folded.startswith(known) for known in _KNOWN_BODIES):
        return name
    if len(name.split()) <= 8 and _BODY_NAME_WORDS_RE.match(name):
        return name
    return None


_HEADER_LINE_RE = re.compile(
    r"^(?:R[ée]solution|RESOLUTION|RÉSOLUTION|Adopt|ADOPT|\[|United Nations|Nations Unies|Distr)"
)


@dataclass
class BodyStart:
    header_end: int  # raw lines [0, header_end) are the header
    body_start: int  # raw lines [body_start, …) are the body
    body_name: str | None


def find_body_start(raw_lines: list[str]) -> BodyStart:
    """Where the header ends and the paragraphs begin.

    The line naming the body ("The General Assembly,") marks it. Without one, the body
    begins at the first line that opens a preambular paragraph, or else at the first
    operative paragraph.
    """
    first_operative = next(
        (i for i, line in enumerate(raw_lines) if operative_start(line.strip())), len(raw_lines)
    )
    for index in range(first_operative):
        name = body_intro(raw_lines[index])
        if name:
            return BodyStart(index, index + 1, name)
    for index in range(first_operative):
        text = raw_lines[index].strip()
        after_blank = index == 0 or not raw_lines[index - 1].strip()
        if after_blank and is_opener(text) and not _HEADER_LINE_RE.match(text):
            return BodyStart(index, index, None)
    return BodyStart(first_operative, first_operative, None)


# --- the header's lines -------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(?:R[ée]solution|RESOLUTION|RÉSOLUTION)\b", re.IGNORECASE)
_HEADING_SYMBOL_RE = re.compile(r"^R[ée]solution\s+(?P<symbol>\S+)", re.IGNORECASE)
_ADOPTION_RE = re.compile(r"^Adopt", re.IGNORECASE)
_GA_TITLE_RE = re.compile(r"^(?P<session>\d{1,3})/(?P<number>\d{1,4})\.\s*(?P<title>.*)$")
_ISSUER = (
    r"(?:United Nations|Nations Unies|General Assembly|Assemblée générale|"
    r"Security Council|Conseil de sécurité|"
    r"Assembly of States Parties|Assemblée des États Parties|International Criminal Court|"
    r"Cour pénale internationale)"
)
_BOILERPLATE_RE = re.compile(
    # The symbol beside the name, a Security Council one with its year: "S/RES/1593 (2005)";
    # reflowed, the masthead is one line: "United Nations S/RES/1593 (2005) Security
    # Council Distr.: General 31 March 2005 05-29296 (E)".
    rf"^(?:{_ISSUER}(?:\s+\S+/\S+(?:\s?\(\d{{4}}\))?)?(?:\s+{_ISSUER})?(?:\s+Distr\..*)?\s*$"
    r"|Distr\.|Original\s*:|Agenda item|Point\s+\d+|Item\s+\d+|Official Records|"
    r"Documents officiels)",
    re.IGNORECASE,
)
_SESSION_RE = re.compile(
    r"(?P<ordinal>(?:[^\W\d_][\w’'-]*\s+){0,2}[\w’'-]+)\s+session\b", re.IGNORECASE
)
_CONTINUES_RE = re.compile(r"(?:,|\b(?:of|to|by|with|at|on|par|le|à|avec|de|et|and))$")


@dataclass
class HeaderInfo:
    symbol: str | None = None
    title: str = ""
    title_marks: list[str] = field(default_factory=list)
    session: int | None = None
    ga_symbol: str | None = None  # A/RES/80/6 from the title line "80/6. …"
    adoption_text: str = ""  # the sentences saying when and how it was adopted
    # Footnotes whose mark is on the title (found later, when footnotes are attached).
    header_footnotes: list[str] = field(default_factory=list)
    text: str = ""  # the whole header, joined
    report: dict | None = None  # "[on the report of the Fifth Committee (A/80/401, para. 6)]"


def _classify_header_lines(lines: list[str]) -> list[str]:
    """A kind for each line: blank, anchor (heading, adoption, symbol, …), ga_title, other."""
    kinds = []
    in_bracket = False
    in_adoption = False
    for raw in lines:
        line = raw.strip()
        if not line:
            kinds.append("blank")
            in_adoption = False
            continue
        if in_bracket or line.startswith("["):
            kinds.append("anchor")
            in_bracket = "]" not in line
            in_adoption = False
            continue
        if _GA_TITLE_RE.match(line):
            kinds.append("ga_title")
            in_adoption = False
            continue
        if _ADOPTION_RE.match(line) or (in_adoption and (line[0].islower() or line[0].isdigit())):
            kinds.append("adoption")
            in_adoption = True
            continue
        if in_adoption and _CONTINUES_RE.search(lines[len(kinds) - 1].strip()):
            kinds.append("adoption")
            continue
        in_adoption = False
        if _HEADING_RE.match(line):
            # "Resolution adopted by the General Assembly on …" says how it was adopted.
            kinds.append("adoption" if re.search(r"adopt", line, re.IGNORECASE) else "anchor")
            in_adoption = kinds[-1] == "adoption"
        elif (
            whole_line_symbol(line)
            or is_page_artefact(line)
            # The date of issue under "Distr.: General" (the Security Council's header, which
            # has no title, would take it for one).
            or is_date_line(line)
            or _BOILERPLATE_RE.match(line)
            or _is_session_line(line)
        ):
            kinds.append("anchor")
        else:
            kinds.append("other")
    return kinds


def _is_session_line(line: str) -> bool:
    """ "Eleventh session", "Onzième session", "Quatre-vingtième session"."""
    match = _SESSION_RE.fullmatch(line.strip())
    return bool(match and _session_ordinal(match.group("ordinal")) is not None)


def _session_ordinal(words: str) -> int | None:
    """The ordinal in the last one to three words before "session"."""
    tokens = words.split()
    for size in range(min(3, len(tokens)), 0, -1):
        value = ordinal_to_int(" ".join(tokens[-size:]))
        if value is not None:
            return value
    return None


def _title_lines(lines: list[str], kinds: list[str]) -> list[str]:
    """The General Assembly's "80/6. Title" line and its continuation, or else the last run
    of lines that are not part of the heading, adoption line or page furniture."""
    for index, kind in enumerate(kinds):
        if kind == "ga_title":
            run = [_GA_TITLE_RE.match(lines[index].strip()).group("title")]
            for following in range(index + 1, len(lines)):
                if kinds[following] != "other":
                    break
                run.append(lines[following])
            return run
    runs: list[list[str]] = []
    previous = None
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "other":
            if previous != "other":
                runs.append([])
            runs[-1].append(line)
        previous = kind
    return runs[-1] if runs else []


def _strip_title_marks(title: str) -> tuple[str, list[str]]:
    """A footnote mark glued to the end of the title ("Report of the Court1")."""
    marks = [
        m for m in find_marks(title) if m.end == len(title) and m.kind in ("glued", "explicit")
    ]
    return remove_marks(title, marks).rstrip(), [m.mark for m in marks]


def parse_header(lines: list[str]) -> HeaderInfo:
    info = HeaderInfo()
    kinds = _classify_header_lines(lines)
    info.text = join_lines(lines)
    info.adoption_text = join_lines(
        [line for line, kind in zip(lines, kinds, strict=True) if kind == "adoption"]
    )
    info.title, info.title_marks = _strip_title_marks(join_lines(_title_lines(lines, kinds)))
    info.symbol = _header_symbol(lines, kinds)
    info.report = find_report(info.text)
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "ga_title":
            match = _GA_TITLE_RE.match(line.strip())
            info.ga_symbol = f"A/RES/{int(match.group('session'))}/{int(match.group('number'))}"
            info.session = int(match.group("session"))
    if info.session is None:
        for line, kind in zip(lines, kinds, strict=True):
            if kind == "anchor" and _is_session_line(line):
                info.session = _session_ordinal(_SESSION_RE.fullmatch(line.strip())["ordinal"])
                break
    return info


def _header_symbol(lines: list[str], kinds: list[str]) -> str | None:
    """The resolution's own symbol, most explicit source first."""
    for line in lines:
        match = _HEADING_SYMBOL_RE.match(line.strip())
        if match:
            found = SYMBOL_RE.match(match.group("symbol"))
            if found:
                return found.group(0)
    candidates = [whole_line_symbol(line) for line in lines]
    for symbol in candidates:
        if symbol and is_resolution_symbol(symbol):
            return symbol
    for line, kind in zip(lines, kinds, strict=True):
        if kind in ("anchor", "adoption"):
            for match in SYMBOL_RE.finditer(line):
                if is_resolution_symbol(match.group(0)) and not line.strip().startswith("["):
                    return match.group(0)
    return _council_symbol(lines, kinds)


_COUNCIL_HEADING_RE = re.compile(r"^R[ée]solution\s+(?P<number>\d{1,4})\s*\((?P<year>\d{4})\)$")
_COUNCIL_RE = re.compile(r"\b(?:Security Council|Conseil de sécurité)\b", re.IGNORECASE)


def _council_symbol(lines: list[str], kinds: list[str]) -> str | None:
    """S/RES/1593 (2005) for a text copied without the Security Council's masthead: its
    heading "Resolution 1593 (2005)" and "Adopted by the Security Council at …"."""
    adoption = " ".join(line for line, kind in zip(lines, kinds, strict=True) if kind == "adoption")
    if not _COUNCIL_RE.search(adoption):
        return None
    for line in lines:
        match = _COUNCIL_HEADING_RE.match(line.strip())
        if match:
            return f"S/RES/{int(match['number'])} ({match['year']})"
    return None


_REPORT_RE = re.compile(
    r"\[\s*(?:on the report of|sur (?:la base du )?(?:le )?rapport de)\s+(?:the\s+|la\s+|le\s+)?"
    r"(?P<committee>[^()\[\]]{3,80}?)\s*\((?P<inside>[^()\[\]]*(?:\([^()]*\)[^()\[\]]*)*)\)\s*\]",
    re.IGNORECASE,
)
_REPORT_PARAGRAPH_RE = re.compile(r"\b(?:para|par)\.\s*(?P<number>\d{1,4})", re.IGNORECASE)


def find_report(text: str) -> dict | None:
    """The report a General Assembly resolution was adopted on, from the header's line
    "[on the report of the Fifth Committee (A/80/401, para. 6)]" (French: "[sur la base du
    rapport de la Cinquième Commission (A/80/401, par. 6)]")."""
    match = _REPORT_RE.search(text)
    if not match:
        return None
    symbols = SYMBOL_RE.finditer(match.group("inside"))
    symbol = next((m.group(0) for m in symbols), None)
    if symbol is None:
        return None
    paragraph = _REPORT_PARAGRAPH_RE.search(match.group("inside"))
    return {
        "committee": normalise_spaces(match.group("committee")),
        "symbol": symbol,
        "paragraph": int(paragraph.group("number")) if paragraph else None,
    }


# --- adoption: date, meeting, consensus or vote -------------------------------------------

# Up to three words before "(plenary) meeting" / "séance (plénière)", none of them "plenary".
_MEETING_RE = re.compile(
    r"(?P<words>(?:(?!plenary\b)\S+\s+){0,2}(?!plenary\b)\S+)\s+"
    r"(?:(?:plenary\s+)?meeting|séance(?:\s+plénière)?)\b",
    re.IGNORECASE,
)
_CONSENSUS_RE = re.compile(
    r"\b(?:by consensus|par consensus|without (?:a )?vote|sans (?:procéder à un )?vote|"
    r"sans (?:la )?mettre aux voix)\b",
    re.IGNORECASE,
)
_VOTE_WORD_RE = re.compile(
    r"\b(?:recorded vote|by a vote|by \d+ votes|vote enregistré|par \d+ voix|mise aux voix|"
    r"par vote)\b",
    re.IGNORECASE,
)
_VOTES_EN_RE = re.compile(
    r"(?P<yes>\d+)\s+(?:votes?\s+)?(?:in\s+favou?r\s+)?to\s+(?P<no>\d+|none|one)(?:\s+against)?"
    r"(?:\s*,?\s*(?:with\s+)?(?P<abs>\d+|no|none|one)\s+abstentions?)?",
    re.IGNORECASE,
)
_VOTES_EN_LIST_RE = re.compile(
    r"(?P<yes>\d+)\s+in\s+favou?r\s*,\s*(?P<no>\d+|none|one)\s+against\s*,?\s*(?:and\s+)?"
    r"(?:(?P<abs>\d+|no|one)\s+abstentions?)?",
    re.IGNORECASE,
)
_VOTES_FR_RE = re.compile(
    r"(?P<yes>\d+)\s+voix\s+(?:pour\s*)?"
    r"(?:contre\s+(?P<no>\d+|zéro|une?\b)|,\s*(?P<no2>\d+|zéro|aucune|une?)\s+contre)"
    r"(?:\s*,?\s*(?:et\s+|avec\s+)?(?P<abs>\d+|aucune|une)\s+abstentions?"
    r"|\s*,?\s*sans\s+abstention)?",
    re.IGNORECASE,
)


def _count(word: str | None) -> int:
    """A count written in figures or, as small ones are, in words: "none", "zéro", "une"."""
    if word and word.isdigit():
        return int(word)
    return 1 if word and word.lower() in ("one", "un", "une") else 0


def find_votes(text: str) -> dict[str, int] | None:
    for pattern in (_VOTES_EN_LIST_RE, _VOTES_EN_RE, _VOTES_FR_RE):
        match = pattern.search(text)
        if match:
            against = match.group("no") or match.groupdict().get("no2")
            return {
                "in_favour": int(match.group("yes")),
                "against": _count(against),  # "to none", "contre zéro"
                "abstentions": _count(match.group("abs")),
            }
    return None


def adoption_method(text: str) -> tuple[str | None, dict[str, int] | None]:
    """("consensus", None), ("vote", {...}), ("vote", None) or (None, None)."""
    votes = find_votes(text) if _VOTE_WORD_RE.search(text) or "voix" in text else None
    if votes:
        return "vote", votes
    if _VOTE_WORD_RE.search(text):
        return "vote", None
    if _CONSENSUS_RE.search(text):
        return "consensus", None
    return None, None


def find_meeting(text: str) -> int | None:
    """The meeting number in "at the 8th plenary meeting", "à la huitième séance plénière"."""
    for match in _MEETING_RE.finditer(text):
        tokens = match.group("words").split()
        for size in range(min(3, len(tokens)), 0, -1):
            value = ordinal_to_int(" ".join(tokens[-size:]))
            if value is not None:
                return value
    return None


def find_adoption_date(text: str) -> datetime.date | None:
    """The date of adoption in the header's adoption sentence."""
    for keyword in re.finditer(r"adopt", text, re.IGNORECASE):
        window = text[keyword.start() : keyword.start() + 250]
        date = find_date(window)
        if date:
            return date
    return None


def header_date_fallback(lines: list[str]) -> datetime.date | None:
    """Any date in the header except the date of issue ("Distr.: General 13 November 2025")."""
    for line in lines:
        if re.search(r"distr", line, re.IGNORECASE):
            continue
        for match in DATE_RE.finditer(line):
            date = date_from_match(match)
            if date:
                return date
    return None


# --- closing lines of a General Assembly resolution ---------------------------------------

_CLOSING_RE = re.compile(
    r"^(?P<words>.{1,40}?)\s+(?:plenary meeting|séance plénière)\.?$", re.IGNORECASE
)


_CLOSING_WORDS_RE = re.compile(r"plenary meeting|séance plénière", re.IGNORECASE)


def closing_meeting(line: str) -> int | None:
    """35 for "35th plenary meeting" or "35e séance plénière" alone on a line (maybe
    followed by the date)."""
    if not _CLOSING_WORDS_RE.search(line):
        return None  # the words cannot appear by removing a date (it is between \b)
    text = DATE_RE.sub("", line).strip()
    if not _CLOSING_RE.match(text):
        return None
    return find_meeting(text)


__all__ = [
    "BodyStart",
    "HeaderInfo",
    "adoption_method",
    "body_intro",
    "closing_meeting",
    "find_adoption_date",
    "find_body_start",
    "find_meeting",
    "find_votes",
    "header_date_fallback",
    "parse_header",
]
