"""parse_resolution: from the text of a resolution to a ``ParsedResolution``.

The stages, each in its own module:

1. ``cleanup``: refuse unusable input, normalise characters, drop page furniture;
2. ``header``: find where the body begins; symbol, title and adoption details;
3. annexes and the closing lines of General Assembly resolutions are cut off the end;
4. ``footnotes``: footnote blocks are taken out of the body;
5. ``body``: lines are grouped into preambular and operative paragraphs;
6. footnote marks are removed from paragraphs and footnotes attached to them;
7. references, numbering checks and warnings.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from . import header as hdr
from .body import (
    Block,
    SubNode,
    build_tree,
    ends_complete,
    is_paragraph_start,
    operative_start,
    sequence_warnings,
    split_blocks,
    subparagraph_start,
)
from .cleanup import (
    Line,
    check_input,
    classify_lines,
    join_lines,
    normalise_characters,
    normalise_spaces,
)
from .dates import find_date, is_date_line
from .errors import ParseError
from .footnotes import FootnoteBlock, MarkSequence, extract_footnotes
from .language import check_language, detect_language
from .model import ParsedFootnote, ParsedParagraph, ParsedResolution, ParsedSubparagraph
from .symbols import (
    body_prefix,
    dedupe,
    iter_symbols,
    session_from_symbol,
    symbol_key,
)

NO_OPERATIVE_MESSAGE = (
    "No operative paragraph found: operative paragraphs start with a number followed by a "
    "full stop, such as “1. Decides …”."
)

_ANNEX_RE = re.compile(
    r"^(?:ANNEXE?|Annexe?|APPENDIX|Appendix|APPENDICE|Appendice)"
    r"(?:\s+(?:[IVXLC]{1,6}|\d{1,2}|[A-Z]))?\s*[.:]?$"
)
_NEXT_RESOLUTION_RE = re.compile(
    r"^(?:R[ée]solution\s+(?:ICC-ASP/|A/RES/|RC/Res|adopt)|\d{1,3}/\d{1,4}\.\s+[A-ZÀ-Ý])"
)

_DEFAULT_BODIES = {
    ("ICC-ASP", "fr"): "Assemblée des États Parties",
    ("ICC-ASP", "en"): "Assembly of States Parties",
    ("A/RES", "fr"): "Assemblée générale",
    ("A/RES", "en"): "General Assembly",
    ("S/RES", "fr"): "Conseil de sécurité",
    ("S/RES", "en"): "Security Council",
    ("RC/Res", "fr"): "Conférence de révision",
    ("RC/Res", "en"): "Review Conference",
}


def parse_resolution(
    text: str,
    *,
    symbol: str | None = None,
    language: str | None = None,
    max_chars: int = 500_000,
) -> ParsedResolution:
    """Parse the text of a resolution (French or English, ICC-ASP or UN General Assembly).

    Raises ParseError, and nothing else, with a message a person can act on.
    """
    try:
        return parse_unchecked(text, symbol=symbol, language=language, max_chars=max_chars)
    except ParseError:
        raise
    except Exception as exc:  # a bug must still reach the user as an understandable error
        raise ParseError(
            "The text could not be parsed because of an internal error "
            f"({type(exc).__name__}); please report it together with the text."
        ) from exc


@dataclass
class _Closing:
    meeting: int | None = None
    date: datetime.date | None = None
    text: str = ""


@dataclass
class _Context:
    """What the stages pass each other."""

    symbol: str | None
    warnings: list[str] = field(default_factory=list)


def parse_unchecked(
    text: str,
    *,
    symbol: str | None = None,
    language: str | None = None,
    max_chars: int = 500_000,
) -> ParsedResolution:
    """parse_resolution without the safety net (tests use it to see real exceptions)."""
    if not isinstance(max_chars, int) or max_chars < 1:
        raise ParseError("max_chars must be a positive whole number.")
    language = check_language(language)
    if symbol is not None and not isinstance(symbol, str):
        raise ParseError("The symbol must be text, such as “ICC-ASP/11/Res.5”.")
    given_symbol = normalise_spaces(symbol) if symbol else None

    text = normalise_characters(check_input(text, max_chars))
    raw_lines = text.split("\n")
    start = hdr.find_body_start(raw_lines)
    header_lines = raw_lines[: start.header_end]
    info = hdr.parse_header(header_lines)

    lines = classify_lines(raw_lines[start.body_start :], first_number=start.body_start + 1)
    lines, annexes = _split_annexes(lines)
    lines, footnotes = extract_footnotes(
        lines, is_paragraph_start, initial_marks=set(info.title_marks)
    )
    warnings: list[str] = []
    context = _Context(symbol=_choose_symbol(given_symbol, info, warnings), warnings=warnings)
    lines, closing = _split_closing(lines, context)
    blocks, _headings = split_blocks(lines)
    if not any(block.part == "operative" for block in blocks):
        raise ParseError(NO_OPERATIVE_MESSAGE)

    result = ParsedResolution(
        symbol=context.symbol,
        language=language or detect_language(text),
        title=info.title,
        annexes=annexes,
    )
    _build_paragraphs(result, blocks, footnotes, info, context)
    _fill_metadata(result, start, info, closing, footnotes, header_lines)
    _check_numbering(result, context)
    result.references = dedupe(
        [ref for paragraph in result.preambular + result.operative for ref in paragraph.references],
        exclude=result.symbol,
    )
    result.warnings = context.warnings
    return result


# --- the end of the text --------------------------------------------------------------------


def _split_annexes(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Cut the text at an "Annex" heading that follows the operative paragraphs."""
    seen_operative = False
    for index, line in enumerate(lines):
        if operative_start(line.text):
            seen_operative = True
            continue
        previous_complete = index > 0 and ends_complete(lines[index - 1].text)
        if (
            seen_operative
            and _ANNEX_RE.match(line.text)
            and (line.gap is not None or previous_complete)
        ):
            return lines[:index], _annex_blocks(lines[index:])
    return lines, []


def _annex_blocks(lines: list[Line]) -> list[str]:
    """The raw text of each annex, from its heading to the next annex heading."""
    blocks: list[list[str]] = []
    for line in lines:
        if _ANNEX_RE.match(line.text) or not blocks:
            blocks.append([])
        elif line.gap is not None:
            blocks[-1].append("")  # keep paragraph breaks in the raw text
        blocks[-1].append(line.text)
    return ["\n".join(block).strip() for block in blocks if "".join(block).strip()]


def _split_closing(lines: list[Line], context: _Context) -> tuple[list[Line], _Closing]:
    """Cut the General Assembly's closing lines ("35th plenary meeting" / date), and any
    text that looks like the start of another resolution."""
    closing = _Closing()
    seen_operative = False
    for index, line in enumerate(lines):
        if operative_start(line.text):
            seen_operative = True
            continue
        if not seen_operative:
            continue
        meeting = hdr.closing_meeting(line.text)
        if meeting is not None:
            closing.meeting = meeting
            closing.text = line.text
            rest = lines[index + 1 :]
            if rest and is_date_line(rest[0].text):
                closing.date = find_date(rest[0].text)
                closing.text += " " + rest[0].text
                rest = rest[1:]
            if rest:
                _warn_ignored(rest, context)
            return lines[:index], closing
        if _NEXT_RESOLUTION_RE.match(line.text) and line.gap is not None:
            _warn_ignored(lines[index:], context)
            return lines[:index], closing
    return lines, closing


def _warn_ignored(lines: list[Line], context: _Context) -> None:
    excerpt = lines[0].text if len(lines[0].text) <= 60 else lines[0].text[:57] + "…"
    context.warnings.append(
        f"The text from line {lines[0].number} (“{excerpt}”) follows the end of the "
        "resolution and was ignored."
    )


# --- paragraphs -----------------------------------------------------------------------------


def _subparagraph(node: SubNode) -> ParsedSubparagraph:
    first = subparagraph_start(node.lines[0].strip())
    own_first = first[1] if first else node.lines[0]
    lines = [own_first, *node.lines[1:]]
    for child in node.children:
        lines.extend(child.all_lines())
    return ParsedSubparagraph(
        label=node.label,
        text=join_lines(lines),
        children=[_subparagraph(child) for child in node.children],
    )


def _paragraph(
    block: Block, number: int, marks: MarkSequence
) -> tuple[ParsedParagraph, list[SubNode]]:
    """The paragraph of a block, without its footnote marks, and its sub-paragraph tree."""
    found: list[str] = []
    clean_lines = []
    for line in block.lines:
        clean, line_marks = marks.remove_from(line)
        clean_lines.append(clean)
        found.extend(line_marks)
    clean_block = Block(block.part, block.number, clean_lines, block.subparagraph_starts)
    _chapeau, tree = build_tree(clean_block)
    paragraph = ParsedParagraph(
        number=number,
        text=join_lines(clean_lines),
        subparagraphs=[_subparagraph(node) for node in tree],
        footnote_marks=found,
    )
    return paragraph, tree


def _build_paragraphs(
    result: ParsedResolution,
    blocks: list[Block],
    footnotes: list[FootnoteBlock],
    info: hdr.HeaderInfo,
    context: _Context,
) -> None:
    marks = MarkSequence({footnote.mark for footnote in footnotes})
    for mark in info.title_marks:  # the title's marks come first in the sequence
        marks.accept(mark)
    placed: list[tuple[Block, ParsedParagraph]] = []
    for block in blocks:
        if block.part == "operative":
            paragraph, tree = _paragraph(block, block.number, marks)
            result.operative.append(paragraph)
        else:
            paragraph, tree = _paragraph(block, len(result.preambular) + 1, marks)
            result.preambular.append(paragraph)
        placed.append((block, paragraph))
        where = f"{block.part.capitalize()} paragraph {paragraph.number}"
        context.warnings.extend(sequence_warnings(tree, where))

    attached = _attach_footnotes(placed, footnotes, info, context)
    result.footnotes = [footnote for footnote, _paragraph in attached]
    # A paragraph's references: its own symbols, then those of its footnotes.
    footnote_symbols: dict[int, list[str]] = {}
    for footnote, paragraph in attached:
        footnote_symbols.setdefault(id(paragraph), []).extend(iter_symbols(footnote.text))
    for _block, paragraph in placed:
        symbols = iter_symbols(paragraph.text) + footnote_symbols.get(id(paragraph), [])
        paragraph.references = dedupe(symbols, exclude=context.symbol)


def _attach_footnotes(
    placed: list[tuple[Block, ParsedParagraph]],
    footnotes: list[FootnoteBlock],
    info: hdr.HeaderInfo,
    context: _Context,
) -> list[tuple[ParsedFootnote, ParsedParagraph]]:
    """Attach each footnote to the paragraph holding its mark.

    The n-th footnote with a mark goes to the n-th paragraph holding that mark. A footnote
    whose mark is not in the text goes to the paragraph just before it (the one on the same
    page), with a warning. A footnote whose mark is on the title is about the resolution as
    a whole (in General Assembly texts, how it was adopted): it is kept in
    ``info.header_footnotes``, not among the paragraphs' footnotes.
    """
    holders: dict[str, list[tuple[Block, ParsedParagraph]]] = {}
    for block, paragraph in placed:
        for mark in paragraph.footnote_marks:
            holders.setdefault(mark, []).append((block, paragraph))
    used: dict[str, int] = {}
    attached = []
    for footnote in footnotes:
        count = used.get(footnote.mark, 0)
        used[footnote.mark] = count + 1
        candidates = holders.get(footnote.mark, [])
        if count < len(candidates):
            block, paragraph = candidates[count]
        elif footnote.mark in info.title_marks and count == 0:
            info.header_footnotes.append(footnote.text)
            continue
        else:
            block, paragraph = _paragraph_before(placed, footnote.before_line)
            context.warnings.append(
                f"Footnote {footnote.mark} has no mark in the text; it was attached to "
                f"{block.part} paragraph {paragraph.number}, the paragraph before it."
            )
        footnote_entry = ParsedFootnote(
            mark=footnote.mark, part=block.part, paragraph=paragraph.number, text=footnote.text
        )
        attached.append((footnote_entry, paragraph))
    for mark, found_in in holders.items():
        if mark not in used:
            for block, paragraph in found_in:
                context.warnings.append(
                    f"Footnote mark {mark} in {block.part} paragraph {paragraph.number} "
                    "has no footnote text."
                )
    return attached


def _paragraph_before(
    placed: list[tuple[Block, ParsedParagraph]], line_index: int
) -> tuple[Block, ParsedParagraph]:
    chosen = placed[0]
    for block, paragraph in placed:
        if block.first_line <= line_index - 1:
            chosen = (block, paragraph)
    return chosen


# --- metadata and checks --------------------------------------------------------------------


def _choose_symbol(given: str | None, info: hdr.HeaderInfo, warnings: list[str]) -> str | None:
    """The symbol given by the caller wins over the one in the text; a difference is reported."""
    found = info.symbol or info.ga_symbol
    if given and found and symbol_key(given) != symbol_key(found):
        warnings.append(f"The symbol given ({given}) differs from the one in the text ({found}).")
    return given or found


def _fill_metadata(
    result: ParsedResolution,
    start: hdr.BodyStart,
    info: hdr.HeaderInfo,
    closing: _Closing,
    footnotes: list[FootnoteBlock],
    header_lines: list[str],
) -> None:
    result.body_prefix = body_prefix(result.symbol)
    result.body = start.body_name or _DEFAULT_BODIES.get((result.body_prefix, result.language), "")
    result.session = session_from_symbol(result.symbol) or info.session
    adoption = info.adoption_text
    result.adopted_on = (
        hdr.find_adoption_date(adoption) or closing.date or hdr.header_date_fallback(header_lines)
    )
    result.meeting = hdr.find_meeting(adoption) or closing.meeting
    method, votes = hdr.adoption_method(f"{adoption} {closing.text}")
    if method is None:
        for note in info.header_footnotes + _adoption_footnotes(footnotes):
            method, votes = hdr.adoption_method(note)
            if method:
                break
    result.adoption_method, result.votes = method, votes


def _adoption_footnotes(footnotes: list[FootnoteBlock]) -> list[str]:
    """Footnotes that report how the resolution itself was adopted."""
    return [f.text for f in footnotes if re.search(r"\badopt", f.text[:80], re.IGNORECASE)]


def _check_numbering(result: ParsedResolution, context: _Context) -> None:
    """Warn about gaps and repeats in the operative numbering; the importer decides."""
    seen: set[int] = set()
    previous: int | None = None
    for paragraph in result.operative:
        number = paragraph.number
        if number in seen:
            context.warnings.append(f"Operative paragraph {number} appears twice.")
        elif previous is None and number != 1:
            context.warnings.append(f"The first operative paragraph is numbered {number}, not 1.")
        elif previous is not None and number != previous + 1:
            context.warnings.append(f"Operative paragraph {number} follows paragraph {previous}.")
        seen.add(number)
        previous = number


__all__ = ["NO_OPERATIVE_MESSAGE", "parse_resolution", "parse_unchecked"]
