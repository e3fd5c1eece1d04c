"""parse_resolution: from the text of a resolution to a ``ParsedResolution``.

The stages, each in its own module:

1. ``cleanup``: refuse unusable input, normalise characters; ``footnotes``: Markdown
   footnote definitions are taken out;
2. ``header``: find where the body begins; symbol, title, report and adoption details;
3. ``cleanup``: drop page furniture and running titles; reflowed paragraphs glued
   together are split;
4. ``footnotes``: footnote blocks are taken out of the body and its annexes;
5. the closing lines of General Assembly resolutions and the annexes are cut off the end;
6. ``body``: lines are grouped into preambular and operative paragraphs (one unnumbered
   operative paragraph is recognised) and each annex into its numbered paragraphs;
7. footnote marks are removed from paragraphs and footnotes attached to them;
8. references, numbering checks and warnings.
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
    is_article_heading,
    is_opener,
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
from .footnotes import (
    FootnoteBlock,
    MarkSequence,
    extract_footnotes,
    find_marks,
    split_markdown_footnotes,
)
from .language import check_language, detect_language
from .model import (
    ParsedAnnex,
    ParsedFootnote,
    ParsedParagraph,
    ParsedResolution,
    ParsedSubparagraph,
)
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
# The heading and the title on one line, as reflowed text has it: "Annex 2025 Political
# Declaration …". Only read so right after the closing lines of a resolution.
_ANNEX_WITH_TITLE_RE = re.compile(
    r"^(?P<heading>(?:ANNEXE?|Annexe?)(?:\s+(?:[IVXLC]{1,6}|[A-Z]))?)\s+"
    r"(?P<title>[A-ZÀ-Ý0-9«“\"].{3,})$"
)
_NEXT_RESOLUTION_RE = re.compile(
    r"^(?:R[ée]solution\s+(?:ICC-ASP/|A/RES/|RC/Res|adopt|\d{1,4}\s*\(\d{4}\)$)"
    r"|\d{1,3}/\d{1,4}\.\s+[A-ZÀ-Ý])"
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
    text, markdown_notes = split_markdown_footnotes(text)
    raw_lines = text.split("\n")
    start = hdr.find_body_start(raw_lines)
    header_lines = raw_lines[: start.header_end]
    info = hdr.parse_header(header_lines)

    lines = classify_lines(
        raw_lines[start.body_start :],
        first_number=start.body_start + 1,
        running_titles=(info.title,) if info.title else (),
    )
    lines = split_run_on_paragraphs(lines)
    found_marks: dict = {}
    lines, footnotes = extract_footnotes(
        lines,
        is_paragraph_start,
        initial_marks=set(info.title_marks),
        more_marks={mark for mark, _note in markdown_notes},
        found=found_marks,
    )
    footnotes.extend(FootnoteBlock(mark, note, len(lines)) for mark, note in markdown_notes)
    warnings: list[str] = []
    context = _Context(symbol=_choose_symbol(given_symbol, info, warnings), warnings=warnings)
    lines, annex_lines, closing = _split_end(lines, context)
    blocks, _headings = split_blocks(lines, warnings=warnings)
    blocks = _unnumbered_operative(blocks)
    if not any(block.part == "operative" for block in blocks):
        raise ParseError(NO_OPERATIVE_MESSAGE)

    result = ParsedResolution(
        symbol=context.symbol,
        language=language or detect_language(text),
        title=info.title,
    )
    annex_blocks = _annex_parts(annex_lines, first_line=len(lines), context=context)
    _build_paragraphs(result, blocks, annex_blocks, footnotes, info, context, found_marks)
    _fill_metadata(result, start, info, closing, footnotes, header_lines)
    _check_numbering(result, context)
    report_symbols = [info.report["symbol"]] if info.report else []
    result.report = info.report
    result.references = dedupe(
        report_symbols
        + [
            ref
            for paragraph in result.preambular + result.operative + result.annex_paragraphs()
            for ref in paragraph.references
        ],
        exclude=result.symbol,
    )
    result.warnings = context.warnings
    return result


# --- the end of the text --------------------------------------------------------------------


_RUN_ON_NUMBER_RE = re.compile(
    r"(?<=[.;:])(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?(?:\s+\d{1,3})?\s+(?P<number>\d{1,4})\.\s+(?=[A-ZÀ-Ý«“])"
)


def split_run_on_paragraphs(lines: list[Line]) -> list[Line]:
    """Split lines where reflowing glued the next numbered paragraph to the end of the
    previous one: "… Development.2 2. We acknowledge …". Only the number that follows the
    last paragraph number seen is taken, so "in 2025. The" stays as it is."""
    result: list[Line] = []
    last: int | None = None
    for line in lines:
        started = operative_start(line.text)
        if started:
            last = started[0]
        while last is not None and f" {last + 1}. " in line.text:
            match = next(
                (m for m in _RUN_ON_NUMBER_RE.finditer(line.text) if int(m["number"]) == last + 1),
                None,
            )
            if match is None:
                break
            cut = match.start("number")
            head = line.text[: match.start()] + line.text[match.start() : cut].rstrip()
            result.append(Line(text=head.rstrip(), gap=line.gap, number=line.number))
            line = Line(text=line.text[cut:], gap=None, number=line.number)
            last += 1
        result.append(line)
    return result


def _split_end(lines: list[Line], context: _Context) -> tuple[list[Line], list[Line], _Closing]:
    """Cut the body off at its end: the General Assembly's closing lines ("35th plenary
    meeting" / date), an "Annex" heading after the operative part, or text that looks like
    the start of another resolution. Returns the body, the annexes' lines and the closing."""
    closing = _Closing()
    seen_operative = False
    for index, line in enumerate(lines):
        if operative_start(line.text):
            seen_operative = True
            continue
        previous_complete = index > 0 and ends_complete(lines[index - 1].text)
        previous_sentence = index > 0 and lines[index - 1].text.rstrip().endswith(".")
        if not (seen_operative or previous_sentence):
            continue
        if _ANNEX_RE.match(line.text) and (line.gap is not None or previous_complete):
            return lines[:index], lines[index:], closing
        meeting = hdr.closing_meeting(line.text)
        if meeting is not None:
            closing.meeting = meeting
            closing.text = line.text
            closing.date = find_date(line.text)
            rest = lines[index + 1 :]
            if rest and closing.date is None and is_date_line(rest[0].text):
                closing.date = find_date(rest[0].text)
                closing.text += " " + rest[0].text
                rest = rest[1:]
            if rest and (_ANNEX_RE.match(rest[0].text) or _ANNEX_WITH_TITLE_RE.match(rest[0].text)):
                return lines[:index], rest, closing
            if rest:
                _warn_ignored(rest, context)
            return lines[:index], [], closing
        if seen_operative and _NEXT_RESOLUTION_RE.match(line.text) and line.gap is not None:
            _warn_ignored(lines[index:], context)
            return lines[:index], [], closing
    return lines, [], closing


@dataclass
class _AnnexPart:
    heading: str
    title: str
    blocks: list[Block]
    text: str


def _annex_parts(lines: list[Line], first_line: int, context: _Context) -> list[_AnnexPart]:
    """Each annex: its heading, its title, its paragraphs (numbered as written) and its text.

    ``first_line`` is the index of the annexes' first line among all the lines, so that
    blocks can be placed with the body's for footnotes without a mark.
    """
    groups: list[tuple[int, list[Line]]] = []
    for index, line in enumerate(lines):
        if not groups or _ANNEX_RE.match(line.text):
            groups.append((index, []))
        groups[-1][1].append(line)
    parts = []
    for offset, group in groups:
        heading_line = group[0].text
        combined = _ANNEX_WITH_TITLE_RE.match(heading_line)
        rest = group[1:]
        if combined and not _ANNEX_RE.match(heading_line):
            heading, title_lines = combined["heading"], [combined["title"]]
        else:
            heading, title_lines = heading_line, []
            # The title: the lines before the first paragraph, when they are not a sentence.
            while (
                rest
                and not is_paragraph_start(rest[0])
                and not ends_complete(rest[0].text)
                and (not title_lines or rest[0].gap is None)
            ):
                title_lines.append(rest[0].text)
                rest = rest[1:]
        blocks, _headings = split_blocks(rest, warnings=context.warnings)
        skipped = len(group) - len(rest)
        operative = [block for block in blocks if block.part == "operative"]
        # An article inserted by an amendment numbers its paragraphs from 1 again: it is a
        # part of its own, under the annex's heading, titled by the article.
        cuts = _article_cuts(rest, operative)
        bounds = list(zip([0, *cuts], [*cuts, len(rest)], strict=True))
        owned = [[b for b in operative if start <= b.first_line < end] for start, end in bounds]
        for block in operative:
            block.first_line += first_line + offset + skipped
            block.last_line += first_line + offset + skipped
        for position, ((start, end), own) in enumerate(zip(bounds, owned, strict=True)):
            if position == 0:
                part_title, part_lines = join_lines(title_lines), group[: skipped + end]
            else:
                # The article's heading and title, up to its first paragraph.
                first = own[0].first_line - (first_line + offset + skipped) if own else end
                part_title = join_lines([line.text for line in rest[start:first]])
                part_lines = rest[start:end]
            parts.append(
                _AnnexPart(
                    heading=normalise_spaces(heading),
                    title=part_title,
                    blocks=own,
                    text=_raw_text(part_lines),
                )
            )
    return parts


def _raw_text(lines: list[Line]) -> str:
    raw: list[str] = []
    for line in lines:
        if line.gap is not None and raw:
            raw.append("")  # keep paragraph breaks in the raw text
        raw.append(line.text)
    return "\n".join(raw).strip()


def _article_cuts(lines: list[Line], blocks: list[Block]) -> list[int]:
    """Where an annex of amendments changes part, as indexes among its lines.

    An article the amendment inserts ("Article 8 bis", "Article 8 (2) (e) (xiii)") numbers
    its paragraphs from 1 again: its heading opens a part. The annex's own numbering
    resumes at the paragraph that follows on from it and inserts the next article.
    """
    cuts: list[int] = []
    used: set[int] = set()
    annex_next: int | None = None  # the annex's next own number, once inside an article
    for index, block in enumerate(blocks):
        previous_end = blocks[index - 1].last_line + 1 if index else 0
        following = blocks[index + 1].first_line if index + 1 < len(blocks) else len(lines)
        if (
            annex_next is not None
            and block.number == annex_next
            and _article_heading_between(lines, block.last_line + 1, following) is not None
        ):
            cuts.append(block.first_line)
            used, annex_next = set(), None
        elif used and block.number <= max(used):  # numbered from 1 again
            heading = _article_heading_between(lines, previous_end, block.first_line)
            if heading is not None:
                cuts.append(heading)
                if annex_next is None:
                    annex_next = max(used) + 1
                used = set()
        used.add(block.number)
    if cuts and blocks:
        # The annex opens with an article of its own ("Add the following elements: Article
        # 8 (2) (e) (xiii) …"): it is a part like the ones after it.
        first = _article_heading_between(lines, 0, blocks[0].first_line)
        if first is not None:
            cuts.insert(0, first)
    return cuts


def _article_heading_between(lines: list[Line], start: int, end: int) -> int | None:
    return next((i for i in range(start, end) if is_article_heading(lines[i].text)), None)


def _unnumbered_operative(blocks: list[Block]) -> list[Block]:
    """A resolution with one operative paragraph does not number it ("Adopts the
    Declaration, as contained in the annex to the present resolution."): when nothing is
    numbered, the last paragraph is the operative one if it is a sentence (it ends with a
    full stop) that does not open like a preambular paragraph."""
    if not blocks or any(block.part == "operative" for block in blocks):
        return blocks
    last = blocks[-1]
    if not last.lines or is_opener(last.lines[0]) or last.lines[0][:1].islower():
        return blocks
    if not re.search(r"\.[»”\"’')]*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰*]+)?$", last.lines[-1].rstrip()):
        return blocks
    operative = Block(
        "operative",
        1,
        last.lines,
        last.subparagraph_starts,
        first_line=last.first_line,
        last_line=last.last_line,
    )
    return [*blocks[:-1], operative]


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
    for line in _marks_back_on_their_line(block):
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


_LEADING_NUMBER_RE = re.compile(r"^(\d{1,3}) +(?=[a-z])")


def _marks_back_on_their_line(block: Block) -> list[str]:
    """A mark separated by a space can be wrapped to the start of the next line
    ("…Criminal Court" / "1 reaffirms …"): put it back after the word it follows, where it
    is recognised. The joined text is the same either way."""
    lines = list(block.lines)
    starts = {index for index, _label in block.subparagraph_starts}
    for index in range(1, len(lines)):
        match = _LEADING_NUMBER_RE.match(lines[index])
        previous = lines[index - 1].rstrip()
        if match and index not in starts and previous and previous[-1] not in "-/":
            lines[index - 1] = f"{previous} {match.group(1)}"
            lines[index] = lines[index][match.end() :]
    return lines


def _build_paragraphs(
    result: ParsedResolution,
    blocks: list[Block],
    annex_parts: list[_AnnexPart],
    footnotes: list[FootnoteBlock],
    info: hdr.HeaderInfo,
    context: _Context,
    found_marks: dict,
) -> None:
    footnote_marks = {footnote.mark for footnote in footnotes}
    # Glued and explicit marks do not depend on the marks wanted, so the candidates found
    # while extracting footnotes serve, even when there are none ([]).
    glued = set()
    for block in [*blocks, *(b for part in annex_parts for b in part.blocks)]:
        for line in block.lines:
            candidates = found_marks.get(line)
            if candidates is None:
                # Kept for ``MarkSequence.remove_from``, which asks for the same line's marks
                # with the same footnote marks (an operative paragraph's first line without
                # its number is not among the lines looked at before).
                candidates = found_marks[line] = find_marks(line, footnote_marks)
            glued.update(mark.mark for mark in candidates if mark.kind in ("glued", "explicit"))
    marks = MarkSequence(footnote_marks, found_marks, glued)
    for mark in info.title_marks:  # the title's marks come first in the sequence
        marks.accept(mark)
    placed: list[_Placed] = []
    for block in blocks:
        if block.part == "operative":
            paragraph, tree = _paragraph(block, block.number, marks)
            result.operative.append(paragraph)
        else:
            paragraph, tree = _paragraph(block, len(result.preambular) + 1, marks)
            result.preambular.append(paragraph)
        placed.append(_Placed(block, paragraph, block.part, None))
        where = f"{block.part.capitalize()} paragraph {paragraph.number}"
        context.warnings.extend(sequence_warnings(tree, where))
    for position, part in enumerate(annex_parts, start=1):
        annex = ParsedAnnex(number=position, heading=part.heading, title=part.title, text=part.text)
        for block in part.blocks:
            paragraph, tree = _paragraph(block, block.number, marks)
            annex.paragraphs.append(paragraph)
            placed.append(_Placed(block, paragraph, "annex", position))
            where = f"Paragraph {paragraph.number} of annex {position}"
            context.warnings.extend(sequence_warnings(tree, where))
        result.annexes.append(annex)

    attached = _attach_footnotes(placed, footnotes, info, context)
    result.footnotes = [footnote for footnote, _paragraph in attached]
    # A paragraph's references: its own symbols, then those of its footnotes.
    footnote_symbols: dict[int, list[str]] = {}
    for footnote, paragraph in attached:
        footnote_symbols.setdefault(id(paragraph), []).extend(iter_symbols(footnote.text))
    for item in placed:
        paragraph = item.paragraph
        symbols = iter_symbols(paragraph.text) + footnote_symbols.get(id(paragraph), [])
        paragraph.references = dedupe(symbols, exclude=context.symbol)


@dataclass
class _Placed:
    """A paragraph with the block it was read from and where it stands."""

    block: Block
    paragraph: ParsedParagraph
    part: str  # "preambular", "operative" or "annex"
    annex: int | None

    def describe(self) -> str:
        if self.part == "annex":
            return f"paragraph {self.paragraph.number} of annex {self.annex}"
        return f"{self.part} paragraph {self.paragraph.number}"


def _attach_footnotes(
    placed: list[_Placed],
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
    holders: dict[str, list[_Placed]] = {}
    for item in placed:
        for mark in item.paragraph.footnote_marks:
            holders.setdefault(mark, []).append(item)
    used: dict[str, int] = {}
    attached = []
    for footnote in footnotes:
        count = used.get(footnote.mark, 0)
        used[footnote.mark] = count + 1
        candidates = holders.get(footnote.mark, [])
        if count < len(candidates):
            item = candidates[count]
        elif footnote.mark in info.title_marks and count == 0:
            info.header_footnotes.append(footnote.text)
            continue
        else:
            item = _paragraph_before(placed, footnote.before_line)
            context.warnings.append(
                f"Footnote {footnote.mark} has no mark in the text; it was attached to "
                f"{item.describe()}, the paragraph before it."
            )
        footnote_entry = ParsedFootnote(
            mark=footnote.mark,
            part=item.part,
            paragraph=item.paragraph.number,
            text=footnote.text,
            annex=item.annex,
        )
        attached.append((footnote_entry, item.paragraph))
    for mark, found_in in holders.items():
        if mark not in used:
            for item in found_in:
                context.warnings.append(
                    f"Footnote mark {mark} in {item.describe()} has no footnote text."
                )
    return attached


def _paragraph_before(placed: list[_Placed], line_index: int) -> _Placed:
    chosen = placed[0]
    for item in placed:
        if item.block.first_line <= line_index - 1:
            chosen = item
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
