"""Footnote blocks at page ends, and footnote marks glued to the text.

In text copied from a PDF a footnote mark loses its superscript and sticks to the word
before it ("sollicite »1 ;", "Agreement,2", "Statute3."), and the footnote itself is a
line "1 ICC-ASP/11/21, paragraphe 80." sitting at the page break, in the middle of the
body. Real numbers in the text ("article 48", "paragraphe 1(k)", "2012,") are preceded by
a space, which is what tells them apart from marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import ends_complete
from .cleanup import GAP_PAGE, Line, normalise_spaces
from .symbols import SYMBOL_RE

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")

# A digit run glued to the end of a word or to closing punctuation, then a space,
# punctuation or the end of the line. Which glued digits really are marks is decided in
# ``_is_mark_context``.
_GLUED_STAR_RE = re.compile(r"(?<=[^\W\d_]|[»”\"’'),.;:])(\*{1,3})(?=[\s.,;:»”\"’')]|$)")

# Words after which ".1" is part of a reference, not a mark: "Add.1", "No.3", "vol.2".
_ABBREVIATIONS = {
    "add", "rev", "corr", "res", "dec", "para", "paras", "no", "nos", "vol", "vols", "p",
    "pp", "art", "arts", "chap", "sect", "sess", "supp", "suppl", "amend", "inf", "al",
    "annex", "fig", "ed", "eds", "op", "cit", "misc", "conf", "ser", "mr", "ms", "dr",
}  # fmt: skip

# A footnote line: the mark, then the footnote's text ("1 ICC-ASP/11/21, paragraphe 80.").
# "7. Exprime" (an operative paragraph) and "2012, de" (a wrapped line) do not match.
_FOOTNOTE_LINE_RE = re.compile(
    r"^(?:(?P<num>\d{1,3})(?:\s+|(?=[A-ZÀ-Ý«“\"(]))|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*|(?P<star>\*{1,3})\s+)"
    r"(?P<text>\S.*)$"
)
_MONTHS_RE = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|"
    r"novembre|d[ée]cembre)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.;!?»”\")]$")


_CLOSING_QUOTES = "»”\"’')"
_YEAR_BEFORE_RE = re.compile(r"(?<![\d/.,#-])(?:19|20)\d\d[.,]$")


@dataclass
class Mark:
    mark: str
    start: int
    end: int
    # "glued" ("Statute3"), "explicit" (superscripts, stars) or, accepted only as the next
    # footnote in sequence, "spaced" ("Statute 3 and") and "year" ("in 20173").
    kind: str = "glued"


def _masked(text: str) -> str:
    """The text with symbols replaced by "#", so that "Res.2" in "ICC-ASP/10/Res.2" is no mark."""
    return SYMBOL_RE.sub(lambda m: "#" * len(m.group(0)), text)


_WORD_AT_END_RE = re.compile(r"[^\W\d_]+$")
_WORD_STOP_AT_END_RE = re.compile(r"([^\W\d_]+)\.$")


def _is_mark_context(text: str, start: int) -> bool:
    """Whether the glued digits at ``start`` are a footnote mark rather than part of a word."""
    window = text[max(0, start - 40) : start]  # enough to see the word before the digits
    before = window[-1]
    if before.isalpha():
        # "Statut3" or "Rome1": after a lower-case letter; "G77", "CO2", "H1N1" are no marks.
        word = _WORD_AT_END_RE.search(window).group(0)
        preceding = window[-len(word) - 1] if len(word) < len(window) else " "
        return before.islower() and len(word) >= 2 and preceding not in "/.-#"
    if before in ".," and _YEAR_BEFORE_RE.search(window):
        # "… 31 July 2025,1" and "… in 2025.1": marks after a year; "1,5" and "1.5" are numbers.
        return True
    before_punctuation = window[-2] if len(window) >= 2 else " "
    if before_punctuation in _CLOSING_QUOTES:
        return True  # "sought”.1", "Statute”,2"
    if before == ".":
        # "Statute.3" is a mark; "Add.1", "L.5", "1.5", "vol.2" and "CN.4" are not.
        match = _WORD_STOP_AT_END_RE.search(window)
        if not match:
            return False
        word = match.group(1)
        return len(word) >= 3 and word.lower() not in _ABBREVIATIONS and not word.isupper()
    if before == ",":
        # "Agreement,2" and "ICC-ASP/10/Res.5,3" are marks; "1,000" and "1,5" are numbers,
        # unless the digits are the next footnote ("resolution 79/16,2": see find_marks).
        return not before_punctuation.isdigit()
    return True  # after a closing quote, bracket, ";" or ":"


_MARK_CHARACTERS_RE = re.compile(r"[0-9*⁰¹²³⁴⁵⁶⁷⁸⁹]")


_DIGIT_RUN_RE = re.compile(r"\d+")
# What may stand just before a glued mark (besides a letter), and just after any mark
# (besides a space or the end of the text).
_BEFORE_GLUED = frozenset("»”\"’'),.;:")
_AFTER_MARK = frozenset(".,;:»”\"’')")
_BEFORE_SPACED = frozenset("»”\"’'),;._")
_AFTER_SPACED = frozenset(" .,;:")
_BEFORE_YEAR = frozenset("/.,-_")
_TWO_LOWER_RE = re.compile(r"[a-z]{2}")
_ORDINAL_SUFFIX_RE = re.compile(r"st|nd|rd|th|er\b|e\b|ème|re\b")
_MAX_SPACES_BEFORE_MARK = 3
_MOST_NUMBERS_FOR_BARE_MARKS = 300

# The runs of digits that may be marks, found by the regular expression engine so that the
# many numbers that cannot be (years after a space, numbers inside symbols) are never
# looked at in Python. Each alternative matches a whole run of digits; ``find_marks`` then
# decides as it would for any run, so these only need to let through every run that could
# be a mark: glued after a letter or punctuation and followed by what may follow a mark;
# five or six digits so followed (a year with a mark); a wanted mark after a space. Each
# alternative starts with a digit and looks behind it only then, which lets the engine
# skip quickly to the next digit.
_CLOSES = r"(?=[\s.,;:»”\"’')]|$)"
_GLUED_CANDIDATE = r"\d(?<=[^\W\d_]\d|[»”\"’'),.;:]\d)\d{0,2}" + _CLOSES
_YEAR_CANDIDATE = r"\d(?<!\d\d)\d{4,5}" + _CLOSES
_SPACED_CANDIDATE = r"\d(?<= \d)\d{0,2}(?!\d)"
_GLUED_CANDIDATE_RE = re.compile(_GLUED_CANDIDATE)
_ANY_CANDIDATE_RE = re.compile("|".join([_GLUED_CANDIDATE, _YEAR_CANDIDATE, _SPACED_CANDIDATE]))


def find_marks(text: str, wanted: set[str] | frozenset[str] = frozenset()) -> list[Mark]:
    """Candidate footnote marks in one line or paragraph, in order.

    Numbers that may be numbers (kinds "spaced" and "year") are candidates only when they are
    in ``wanted``, the marks of the footnotes found: it keeps the costlier checks of their
    context to the few numbers that could be marks.

    Each run of digits is looked at once, with the characters around it, rather than the
    text being scanned by one regular expression per kind of mark.
    """
    if not _MARK_CHARACTERS_RE.search(text):
        return []
    masked = _masked(text) if "/" in text else text
    length = len(masked)
    if (
        wanted
        and (length + 1) // 2 > _MOST_NUMBERS_FOR_BARE_MARKS  # else too short to hold so many
        and len(_DIGIT_RUN_RE.findall(masked)) > _MOST_NUMBERS_FOR_BARE_MARKS
    ):
        wanted = frozenset()  # a table of figures, not prose: bare numbers are numbers
    candidates = _ANY_CANDIDATE_RE if wanted else _GLUED_CANDIDATE_RE
    marks = []
    for match in candidates.finditer(masked):
        start, end = match.span()
        digits = match.group()
        size = end - start
        before = masked[start - 1] if start else ""
        after = masked[end] if end < length else ""
        closes = not after or after.isspace() or after in _AFTER_MARK
        if before and before != " ":
            if size > 3 or not closes or not (before.isalpha() or before in _BEFORE_GLUED):
                if 5 <= size <= 6 and closes and wanted:
                    _year_mark(masked, match, before, wanted, marks)
                continue
            if _is_mark_context(masked, start):
                marks.append(Mark(digits, start, end))
            elif (
                # "resolution 79/16,2": a mark only as the next footnote ("1,5" is none).
                before == ","
                and size <= 2
                and after != ","
                and start >= 2
                and masked[start - 2].isdigit()
                and digits in wanted
            ):
                marks.append(Mark(digits, start, end, "year"))
            continue
        if not wanted:
            continue
        if before == " " and size <= 3 and digits in wanted:
            _spaced_mark(masked, start, end, after, marks)
        elif 5 <= size <= 6 and closes:
            _year_mark(masked, match, before, wanted, marks)
    if not masked.isascii():
        for match in _SUPERSCRIPT_RUN_RE.finditer(masked):
            mark = match.group(0).translate(_SUPERSCRIPTS)
            marks.append(Mark(mark, match.start(), match.end(), "explicit"))
    if "*" in masked:
        for match in _GLUED_STAR_RE.finditer(masked):
            marks.append(Mark(match.group(1), match.start(), match.end(), "explicit"))
    marks.sort(key=lambda m: m.start)
    return marks


def _spaced_mark(text: str, start: int, end: int, after: str, marks: list[Mark]) -> None:
    """ "Covenant 1 and", "Rights, 1 the" (the spaces before go with the mark, so that the
    text becomes "Rights, the"), or "Treaty 1and" (the mark glued to the next word)."""
    first_space = start - 1
    while first_space > 0 and text[first_space - 1] == " " and start - first_space < 3:
        first_space -= 1
    previous = text[first_space - 1] if first_space > 0 else ""
    if not previous or previous == " ":
        return  # at the start of the text, or after more than three spaces
    if previous.isdigit() and not _YEAR_END_RE.search(text, max(0, first_space - 5), first_space):
        return  # after a number other than a year: "1 2 3" is a list
    if not after or after in _AFTER_SPACED:
        if (previous.isalnum() or previous in _BEFORE_SPACED) and _is_spaced_mark_context(
            text, start, end
        ):
            marks.append(Mark(text[start:end], first_space, end, "spaced"))
    elif (
        (previous.isalpha() or previous in _BEFORE_SPACED)
        and _TWO_LOWER_RE.match(text, end)
        and not _ORDINAL_SUFFIX_RE.match(text, end)
        and _is_spaced_mark_context(text, start, end)
    ):
        marks.append(Mark(text[start:end], start, end, "spaced"))


def _year_mark(text: str, match: re.Match, before: str, wanted, marks: list[Mark]) -> None:
    """A year with a glued mark: "Declarations of 20172 and 2021,3" (2017, mark 2)."""
    digits = match.group()
    if digits[:2] not in ("19", "20") or digits[4:] not in wanted:
        return
    if before and (before.isalnum() or before in _BEFORE_YEAR):
        return
    marks.append(Mark(digits[4:], match.start() + 4, match.end(), "year"))


# A number standing alone after a word or punctuation: "Covenant 1 and", "Rights, 1 the",
# "Development 11  and", "2023, 4  as well". Only the next footnote in sequence is taken
# for a mark (``MarkSequence``), and only where a number would make no sense.
# Words after which a number is a number: "paragraphs 1 to 10", "vol. 2", "Goal 4".
_COUNTED_WORDS = {
    "paragraph", "paragraphs", "para", "paras", "article", "articles", "art", "resolution",
    "resolutions", "decision", "decisions", "no", "nos", "vol", "vols", "volume", "chapter",
    "chap", "section", "sect", "rule", "rules", "annex", "annexes", "page", "pages", "part",
    "item", "items", "goal", "goals", "target", "targets", "principle", "principles",
    "recommendation", "recommendations", "protocol", "amendment", "level", "step", "phase",
    "stage", "table", "figure", "session", "meeting",
    "from", "to", "of", "by", "at", "on", "in", "with", "than", "for", "over", "under",
    "about", "some", "nearly", "almost", "least", "and", "or", "the", "a", "an", "all", "only",
    "between", "within", "every", "each", "per", "top", "first", "last", "next", "past",
    "de", "du", "des", "le", "la", "les", "et", "ou", "au", "aux", "à", "en", "sur", "par",
    "alinéa", "paragraphe", "paragraphes", "résolution", "résolutions",
}  # fmt: skip
# What a number is followed by when it counts or dates something: "1 to 10", "5 September".
_COUNTED_AFTER_RE = re.compile(
    r"^ *(?:to|and|or|à|et|ou|-|–|per|pour|bis|ter)\s*\d|^ *[-–/.,]\d|^ *(?:per\s?cent|percent|"
    r"years?|months?|days?|weeks?|hours?|times|million|billion|trillion|ans?|mois|jours?|"
    r"millions?|milliards?|pour\s+cent|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|janvier|février|mars|avril|mai|juin|juillet|août|"
    r"septembre|octobre|novembre|décembre|[A-Z])\b|^ *[(/%]",
)
_DIGITS_COMMA_END_RE = re.compile(r"(\d+),$")
_YEAR_END_RE = re.compile(r"(?<![\d/.,])(?:19|20)\d\d$")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[^\w]*$")


def _is_spaced_mark_context(text: str, start: int, end: int) -> bool:
    """Whether a number standing alone could be a footnote mark rather than a number."""
    window = text[max(0, start - 40) : start].rstrip()
    if window.endswith(","):
        # "1, 2 and 3" is a list; "Rights, 1 the" and "2023, 4 as" are marks.
        before = _DIGITS_COMMA_END_RE.search(window)
        if before and len(before.group(1)) != 4:
            return False
    elif window[-1:].isdigit():
        # "the reports of 1990 3 and 1995", "Plan 2021–2026 3 to": after a year only.
        return bool(_YEAR_END_RE.search(window))
    word = _WORD_BEFORE_RE.search(window)
    if word and window[-1:].isalpha() and word.group(1).lower() in _COUNTED_WORDS:
        return False
    if word and window[-1:] == "." and word.group(1).lower() in _ABBREVIATIONS:
        return False  # "No. 9", "vol. 2"
    return not _COUNTED_AFTER_RE.match(text[end : end + 20])


def remove_marks(text: str, marks: list[Mark]) -> str:
    if not marks:
        return text
    for mark in sorted(marks, key=lambda m: m.start, reverse=True):
        text = text[: mark.start] + text[mark.end :]
    return text


class MarkSequence:
    """Decides which candidate marks are real, reading the document in order.

    A candidate is a mark when a footnote with that mark exists, or when it is the next
    number in the sequence of marks (footnotes may have been lost when the text was copied).
    """

    def __init__(
        self,
        footnote_marks: set[str],
        found: dict[str, list[Mark]] | None = None,
        glued: set[str] | frozenset[str] = frozenset(),
    ):
        self.footnote_marks = footnote_marks
        self.next_number = 1
        # Marks that stand glued to a word somewhere in the text: a bare number elsewhere
        # ("matter 2 with") is then a number, since the mark is there.
        self.glued = glued
        # Candidates already found in these lines while footnotes were extracted, with a
        # ``wanted`` set holding every footnote's mark (``accept`` sorts them out).
        self.found = found or {}

    def accept(self, mark: str, kind: str = "glued") -> bool:
        if kind in ("spaced", "year"):
            # A number that may be a number: only the very next footnote, if it exists.
            accepted = (
                mark in self.footnote_marks
                and mark not in self.glued
                and mark.isdigit()
                and int(mark) == self.next_number
            )
        elif mark in self.footnote_marks:
            accepted = True
        else:
            accepted = mark.isdigit() and int(mark) == self.next_number
        if accepted and mark.isdigit():
            self.next_number = max(self.next_number, int(mark) + 1)
        return accepted

    def remove_from(self, text: str) -> tuple[str, list[str]]:
        """The text without its marks, and the marks found, in order."""
        candidates = self.found.get(text)
        if candidates is None:
            candidates = find_marks(text, self.footnote_marks)
        accepted = [m for m in candidates if self.accept(m.mark, m.kind)]
        return remove_marks(text, accepted), [m.mark for m in accepted]


# --- footnote blocks ------------------------------------------------------------------------


@dataclass
class FootnoteBlock:
    mark: str
    text: str
    before_line: int  # index, in the lines left after extraction, of the line that follows


def _footnote_start(line: Line) -> tuple[str, str] | None:
    match = _FOOTNOTE_LINE_RE.match(line.text)
    if not match:
        return None
    mark = match.group("num") or match.group("star")
    if match.group("sup"):
        mark = match.group("sup").translate(_SUPERSCRIPTS)
    text = match.group("text")
    # Footnotes start with a capital, a quote, a bracket or a symbol; a wrapped line
    # "2 juillet 2012, …" or "2 July 2012" is a date in the text.
    if text[0].islower() or _MONTHS_RE.match(text):
        return None
    return mark, text


def _ends_footnote(text: str) -> bool:
    """A footnote is over at its final full stop, unless that stop ends "vol." or "No."."""
    if not _SENTENCE_END_RE.search(text):
        return False
    last_word = re.search(r"(\w+)\.$", text)
    return not (last_word and last_word.group(1).lower() in _ABBREVIATIONS)


# Footnotes written as Markdown, as some converters do: "girls[^12] and" in the text and,
# at the end, "[^12]: CEDAW/C/GC/39." with continuation lines indented.
_MARKDOWN_DEFINITION_RE = re.compile(r"^\[\^(?P<mark>[^\]\s]{1,8})\]:[ \t]*(?P<text>.*)$")
_MARKDOWN_MARK_RE = re.compile(r"\[\^(?P<mark>[^\]\s]{1,8})\]")
_TO_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _markdown_mark(match: re.Match) -> str:
    """A Markdown mark as a superscript; but "P[^5]" after a lone capital is the name "P5"
    that a converter took for a footnote mark."""
    text = match.string
    start = match.start()
    if start >= 1 and text[start - 1].isupper() and (start < 2 or not text[start - 2].isalnum()):
        return match.group("mark")
    return match.group("mark").translate(_TO_SUPERSCRIPTS)


def split_markdown_footnotes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Take Markdown footnote definitions out of the text; turn its marks into superscripts.

    A definition whose number breaks the sequence while the previous footnote is unfinished
    is a line of that footnote that began with a number ("… 5–13 September" then
    "[^1994]: (United Nations publication …)"), and is joined back to it.
    """
    if "[^" not in text:
        return text, []
    kept: list[str] = []
    definitions: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        match = _MARKDOWN_DEFINITION_RE.match(stripped) if stripped[:2] == "[^" else None
        if match:
            current = [match.group("mark"), match.group("text").strip()]
            definitions.append(current)
            continue
        if current is not None and line.strip() and line[:1] in (" ", "\t"):
            current[1] = f"{current[1]} {line.strip()}"
            continue
        current = None
        kept.append(line)
    footnotes: list[tuple[str, str]] = []
    expected = 1
    for mark, note in definitions:
        in_sequence = not mark.isdigit() or int(mark) == expected
        if not in_sequence and footnotes and not _ends_footnote(footnotes[-1][1]):
            footnotes[-1] = (footnotes[-1][0], f"{footnotes[-1][1]} {mark} {note}")
            continue
        footnotes.append((mark, note))
        if mark.isdigit():
            expected = int(mark) + 1
    body = _MARKDOWN_MARK_RE.sub(_markdown_mark, "\n".join(kept))
    return body, [(mark, normalise_spaces(note)) for mark, note in footnotes]


def _first_lines_of_marks(
    lines: list[Line], initial: set[str], wanted: set[str], found: dict[str, list[Mark]]
) -> dict[str, int]:
    """For each candidate mark, the index of the first line it is glued in (-1: the title).

    Numbers standing alone are looked at only for ``wanted`` marks; the candidates of each
    line are kept in ``found`` for ``MarkSequence``.
    """
    first: dict[str, int] = dict.fromkeys(initial, -1)
    for index, line in enumerate(lines):
        marks = found.get(line.text)
        if marks is None:
            marks = found[line.text] = find_marks(line.text, wanted)
        for mark in marks:
            first.setdefault(mark.mark, index)
    return first


def extract_footnotes(
    lines: list[Line],
    is_paragraph_start,
    initial_marks: set[str] | None = None,
    *,
    more_marks: set[str] | frozenset[str] = frozenset(),
    found: dict[str, list[Mark]] | None = None,
) -> tuple[list[Line], list[FootnoteBlock]]:
    """Take footnote blocks out of the lines.

    A line is the start of a footnote when it looks like one ("1 Text…") and either its mark
    was seen glued to the text before it, or it is the next footnote number and stands after
    a page break. ``is_paragraph_start(line)`` says whether a line opens a paragraph or a
    sub-paragraph: such a line ends a footnote block. ``initial_marks`` are marks seen
    before the lines (on the title), ``more_marks`` those of footnotes found elsewhere
    (Markdown). ``found`` receives the candidate marks of each line.
    """
    starts = [_footnote_start(line) for line in lines]
    wanted = {start[0] for start in starts if start is not None} | set(more_marks)
    first_seen = _first_lines_of_marks(
        lines, initial_marks or set(), wanted, found if found is not None else {}
    )
    kept: list[Line] = []
    footnotes: list[FootnoteBlock] = []
    expected = 1
    current: FootnoteBlock | None = None
    after_footnote = False
    for index, line in enumerate(lines):
        start = starts[index]
        if start is not None:
            mark, text = start
            numeric_ok = mark.isdigit() and int(mark) == expected
            mark_seen = first_seen.get(mark, index) < index
            at_break = line.gap is not None or current is not None
            previous_complete = bool(kept) and bool(_SENTENCE_END_RE.search(kept[-1].text))
            # Reflowed text: a footnote on its own line after the paragraph holding its mark,
            # without a blank line, when the paragraph is finished ("…Weapons,1").
            after_paragraph = (
                numeric_ok and bool(kept) and ends_complete(kept[-1].text) and text[0].isupper()
            )
            if (mark_seen and (at_break or previous_complete or after_paragraph)) or (
                numeric_ok
                and (line.gap == GAP_PAGE or current is not None)
                and not is_paragraph_start(line)
            ):
                current = FootnoteBlock(mark, text, len(kept))
                footnotes.append(current)
                if mark.isdigit():
                    expected = int(mark) + 1
                after_footnote = True
                continue
        if (
            current is not None
            and line.gap is None
            and not _ends_footnote(current.text)
            and not is_paragraph_start(line)
        ):
            current.text = f"{current.text} {line.text}"  # a footnote wrapped to a new line
            continue
        current = None
        if after_footnote:
            # What follows a footnote block is the next page: paragraphs treat it as a break.
            line = Line(text=line.text, gap=GAP_PAGE, number=line.number)
            after_footnote = False
        kept.append(line)
    for footnote in footnotes:
        footnote.text = normalise_spaces(footnote.text)
    return kept, footnotes
