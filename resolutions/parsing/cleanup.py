"""Input checks and the removal of what PDF extraction leaves in the text.

Text copied from a PDF carries page furniture (running headers, job numbers, page numbers,
footnote separators) and breaks paragraphs at page ends. This module turns the raw text
into a list of ``Line`` objects: page furniture removed, blank lines folded into a ``gap``
marker on the next line, so that later stages can tell "blank line" from "page break".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ParseError
from .symbols import SYMBOL_RE, ends_with_open_symbol, is_resolution_symbol, whole_line_symbol

# C0 control characters other than tab, line feed, vertical tab, form feed and carriage
# return, DEL, and lone surrogates (bytes decoded with "surrogateescape").
_BINARY_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")

# Characters PDF extraction produces that mean a plain space.
_SPACES_RE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Characters with no width: zero-width space/joiners, BOM, soft hyphen (a line-end hyphen
# that PDF viewers keep: "coopéra\u00ad\ntion" is "coopération").
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Ligatures spelt out and non-breaking hyphens made plain. Replaced by a regular expression
# rather than str.translate, which looks every character of the text up one at a time.
_FOLDED = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\u2010": "-", "\u2011": "-"}
# One set of characters rather than an alternation of three: a pattern that opens with a
# set lets the regular expression engine skip in C to the next character in it.
_SIMPLIFIED_RE = re.compile(
    "[" + "".join(p.pattern[1:-1] for p in (_SPACES_RE, _INVISIBLE_RE)) + "".join(_FOLDED) + "]"
)

# A form feed is a page break; it becomes a long line of spaces, which is how text copied
# from a PDF viewer shows page breaks too (see the seed text).
PAGE_BREAK_LINE = " " * 40
_MIN_PAGE_BREAK_SPACES = 10

GAP_BLANK = "blank"
GAP_PAGE = "page"


def format_count(number: int) -> str:
    """812345 → "812 345", as both French and English UN texts write large numbers."""
    return f"{number:,}".replace(",", " ")


def check_input(text: object, max_chars: int) -> str:
    """Refuse what cannot be a resolution's text, with a message saying what to do."""
    if isinstance(text, bytes | bytearray):
        raise ParseError(
            "The text was given as bytes, not as text; decode it (for example as UTF-8) first."
        )
    if not isinstance(text, str):
        raise ParseError(f"The text must be a string, not {type(text).__name__}.")
    if len(text) > max_chars:
        raise ParseError(
            f"The text is {format_count(len(text))} characters long; "
            f"the limit is {format_count(max_chars)}."
        )
    if not text.strip():
        raise ParseError("The text is empty.")
    if _has_binary(text) or text.lstrip().startswith("%PDF-"):
        raise ParseError(
            "The text contains binary data (control characters); paste the text of the "
            "resolution, not the PDF file itself."
        )
    return text


_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"


def _has_binary(text: str) -> bool:
    """Whether ``_BINARY_RE`` is found in the text, worked out in C (a sixtieth of the
    parse when the pattern looked at every character).

    Lone surrogates cannot be encoded in UTF-8; the control characters are the only
    characters whose UTF-8 bytes lie in ``_CONTROL_BYTES`` (every other character's bytes
    are printable ASCII or 0x80 and above).
    """
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded)


def normalise_characters(text: str) -> str:
    """Same characters, simpler code points; quotes and apostrophes are kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    text = text.replace("\f", "\n" + PAGE_BREAK_LINE + "\n")
    # One pass over the text for the three kinds of characters; plain ASCII text has none
    # of them but tabs.
    if text.isascii():
        return text.replace("\t", " ")
    return _SIMPLIFIED_RE.sub(_simplified, text)


def _simplified(match: re.Match) -> str:
    character = match.group(0)
    if _SPACES_RE.match(character):
        return " "
    return _FOLDED.get(character, "")  # invisible characters are dropped


# --- page furniture -----------------------------------------------------------------------

_ARTEFACT_PATTERNS = [
    r"[_\-–—=.·•*\s]{3,}",  # separator rules above footnotes, dotted lines
    r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of|de|sur)\s*\d{1,4})?",  # Page 3, Page 3 of 10
    r"-\s*\d{1,4}\s*-",  # - 3 -
    r"\d{1,3}",  # a bare page number
    r"\d{1,4}\s*/\s*\d{1,4}",  # 3/10
    # UN job numbers: 25-18765, 25-18765 (E), 25-18765 (F) 141125 171125, with a page 3/10.
    r"(?:\d{1,4}/\d{1,4}\s+)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,4}/\d{1,4})?",
    r"\d{2}-[A-Z]-\d{6}",  # ICC-ASP job numbers: 12-E-010213
    r"[A-Z]\d{7}",  # N2534567
    r"\*\d{7,}\*",  # bar code text: *2518765*
    r"please recycle.*|merci de recycler.*",
]
_LONGEST_SHORT_ARTEFACT = 60
_RULE_CHARACTERS = frozenset("_-–—=.·•*")
_ARTEFACT_RE = re.compile(r"^\s*(?:" + "|".join(_ARTEFACT_PATTERNS) + r")\s*$", re.IGNORECASE)
# A running header with a page number before or after it: "ICC-ASP/11/20 Page 3".
_PAGE_SUFFIX_RE = re.compile(r"^(.*?)\s+(?:page\s+)?\d{1,4}\s*$", re.IGNORECASE)
_PAGE_PREFIX_RE = re.compile(r"^(?:page\s+)?\d{1,4}\s+(.*)$", re.IGNORECASE)


def is_page_artefact(line: str) -> bool:
    """Running headers and footers, page numbers, job numbers and separator rules."""
    stripped = line.strip()
    if not stripped:
        return False
    # Page numbers and job numbers are short; only separator rules, "Please recycle" and
    # headers holding a symbol are long. Most lines are none of these: say so quickly.
    if (
        len(stripped) <= _LONGEST_SHORT_ARTEFACT
        or stripped[0] in _RULE_CHARACTERS
        or stripped[:1] in "Pp"
        or stripped[:1] in "Mm"
    ) and _ARTEFACT_RE.match(stripped):
        return True
    if "/" not in stripped:
        return False
    # A running header is a document symbol alone on its line, maybe with a page number:
    # "ICC-ASP/11/20", "A/RES/80/6", "ICC-ASP/11/20 Page 3". A symbol ending a sentence
    # ("ICC-ASP/10/Res.2.") has punctuation and is not one.
    if whole_line_symbol(stripped):
        return True
    for pattern in (_PAGE_SUFFIX_RE, _PAGE_PREFIX_RE):
        match = pattern.match(stripped)
        if match and whole_line_symbol(match.group(1)):
            return True
    return _is_titled_running_header(stripped)


_NO_PUNCTUATION_RE = re.compile(r"^[^.,;:!?«»“”\"]+$")


def _is_titled_running_header(line: str) -> bool:
    """General Assembly pages are headed "A/RES/80/6 Report of the International Criminal
    Court" (odd pages) or the title then the symbol (even pages)."""
    match = SYMBOL_RE.match(line)
    if match and match.end() < len(line):
        rest = line[match.end() :].strip()
    else:
        match = SYMBOL_RE.search(line)
        if not match or match.end() != len(line):
            return False
        rest = line[: match.start()].strip()
    return (
        is_resolution_symbol(match.group(0))
        and rest[:1].isupper()
        and not re.match(r"r[ée]solution\b", rest, re.IGNORECASE)  # the heading of a resolution
        and bool(_NO_PUNCTUATION_RE.match(rest))
    )


@dataclass
class Line:
    """A line of text with what came between it and the previous text line."""

    text: str  # stripped
    gap: str | None  # None, GAP_BLANK or GAP_PAGE
    number: int  # 1-based line number in the text, for messages


def title_key(text: str) -> str:
    """A title without spaces, case or symbols: how a running title is recognised however
    its lines were wrapped."""
    if "/" in text:
        text = SYMBOL_RE.sub("", text)
    return "".join(text.split()).casefold()


_MAX_TITLE_LINES = 4
_OPENING = 6


_ANNEX_HEADING_RE = re.compile(r"^(?:ANNEXE?|Annexe?|APPENDIX|Appendix|APPENDICE|Appendice)\b")


def _running_title_lines(stripped: list[str], furniture: list[bool], keys: set[str]) -> set[int]:
    """Indexes of lines repeating the title at a page break.

    A running header is the symbol, the title (over one to four lines, wrapped anywhere),
    the job number and the page number. Text copied from a PDF viewer or reflowed keeps
    the title alone on its lines even when the rest of the header is gone. A run of lines
    whose text is the title's is a running title, unless it follows an annex heading (an
    annex often carries the title of the resolution that adopts it).
    """
    text_lines = [i for i, line in enumerate(stripped) if line and not furniture[i]]
    found: set[int] = set()
    # A line starting a running title starts like the title: its first word tells.
    openings = {key[:_OPENING] for key in keys}
    for position in range(len(text_lines)):
        # A page header repeats the title as written, capital first: "the crime of
        # aggression" at the start of a line is a sentence or a longer title wrapped there.
        if stripped[text_lines[position]][:1].islower():
            continue
        if (
            "".join(stripped[text_lines[position]][: _OPENING * 2].split())[:_OPENING].casefold()
            not in openings
            and "/" not in stripped[text_lines[position]]
        ):
            continue
        joined = ""
        for size in range(_MAX_TITLE_LINES):
            if position + size >= len(text_lines):
                break
            last = text_lines[position + size]
            joined += title_key(stripped[last])
            if joined in keys:
                previous = text_lines[position - 1] if position else None
                after_annex = previous is not None and bool(
                    _ANNEX_HEADING_RE.match(stripped[previous])
                )
                if not after_annex:
                    found.update(text_lines[position : position + size + 1])
                break
            if not any(key.startswith(joined) for key in keys):
                break
    return found


def _may_open(line: str, openings: set[str]) -> bool:
    """Whether a line may be the first of a running title: it starts as the title does."""
    if "/" in line:
        return True  # a symbol before the title
    opening = "".join(line[: _OPENING * 3].split())[:_OPENING].casefold()
    return len(opening) < _OPENING or opening in openings


def classify_lines(
    raw_lines: list[str], first_number: int = 1, running_titles: tuple[str, ...] = ()
) -> list[Line]:
    """Drop page furniture and blank lines, recording on each kept line the gap before it.

    ``running_titles`` are titles that page headers repeat (the resolution's own).
    """
    stripped_lines = [raw.strip() for raw in raw_lines]
    furniture = [bool(line) and is_page_artefact(line) for line in stripped_lines]
    keys = {title_key(title) for title in running_titles if title_key(title)}
    titles = _running_title_lines(stripped_lines, furniture, keys) if keys else set()
    lines: list[Line] = []
    gap: str | None = None
    for offset, raw in enumerate(raw_lines):
        stripped = stripped_lines[offset]
        if not stripped:
            # A long run of spaces is what a page break looks like in text copied from a PDF.
            is_page = len(raw) >= _MIN_PAGE_BREAK_SPACES
            gap = GAP_PAGE if is_page or gap == GAP_PAGE else GAP_BLANK
            continue
        if furniture[offset] or offset in titles:
            gap = GAP_PAGE
            continue
        lines.append(Line(text=normalise_spaces(stripped), gap=gap, number=first_number + offset))
        gap = None
    return lines


# --- joining lines into paragraphs --------------------------------------------------------


def _word_hyphen_at_end(text: str) -> bool:
    return len(text) >= 2 and text[-1] == "-" and (text[-2].isalnum() or text[-2] == "_")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one string with single spaces.

    A line ending with a hyphen after a letter ("non-" + "coopération", "ICC-" +
    "ASP/10/Res.2") is joined without a space and keeps its hyphen: the hyphenated words in
    these texts are real compounds, and symbols must keep theirs. A line ending inside a
    symbol after a slash ("ICC-ASP/10/" + "Res.2") is joined without a space too.
    """
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if (
            parts
            and parts[-1][-1] in "-/"
            and (_word_hyphen_at_end(parts[-1]) or ends_with_open_symbol(parts[-1]))
        ):
            parts[-1] += line
        else:
            parts.append(line)
    joined = normalise_spaces(" ".join(parts))
    if "- " in joined:
        # Reflowed text keeps the line-end hyphen of the PDF with a space: "long- lasting".
        # A hyphen before "and"/"or" is a real one: "gender- and age-sensitive".
        joined = _REFLOWED_HYPHEN_RE.sub("-", joined)
    return joined


_REFLOWED_HYPHEN_RE = re.compile(r"(?<=[^\W\d_]{2})- (?=[^\W\d_])(?!(?:and|or|to|nor|et|ou|à)\b)")


def normalise_spaces(text: str) -> str:
    # Most lines already have single spaces and no other white space (every white space
    # character but the space is unprintable): they are returned as they are.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() is several times faster than a regular expression substitution here.
    return " ".join(text.split())
