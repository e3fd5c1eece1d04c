"""The parser on real General Assembly resolutions (../shared/corpus/ga-80/).

The texts are public documents kept beside the repository, never in it: `reflowed/` holds
all 49 resolutions with one paragraph a line (as copied from a web page or a Word file),
`raw/` four of them as the PDF's text layer (running headers, footnote blocks, numbers on
their own lines). What each resolution must give is annotated in
resolutions/corpus/ga-80.expected.json: counts of paragraphs, where each footnote goes,
the report it was adopted on. The tests are skipped, visibly, when the corpus is absent,
and fail instead when SUIVI_REQUIRE_CORPUS=True (CI).

The reflowed copies lost things on the way (sub-paragraph labels, a few lines, the end of
some titles); the comparisons of raw and reflowed copies below say which.
"""

import difflib
import json
import re
from pathlib import Path

import pytest

from resolutions.parsing import ParsedResolution, ParseError, parse_resolution

EXPECTED_FILE = Path(__file__).resolve().parent.parent / "corpus" / "ga-80.expected.json"
EXPECTED = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
SYMBOLS = list(EXPECTED)
RAW_SYMBOLS = [symbol for symbol, entry in EXPECTED.items() if entry["raw"]]

JOB_NUMBER_RE = re.compile(r"\b\d{2}-\d{5}\b")
PAGE_OF_RE = re.compile(r"(?m)^\s*\d{1,2}/(\d{1,2})\s*$")
LEFTOVER_MARK_RE = re.compile(r"\[\^|[¹²³⁴⁵⁶⁷⁸⁹⁰]")


def read(corpus: Path, layout: str, symbol: str) -> str:
    return (corpus / "ga-80" / layout / EXPECTED[symbol]["file"]).read_text(encoding="utf-8")


def parse(corpus: Path, layout: str, symbol: str) -> ParsedResolution:
    return parse_resolution(read(corpus, layout, symbol))


def placed(result: ParsedResolution) -> list[tuple[str, object]]:
    """Every paragraph with where it stands, as the expectations name it."""
    where = [(f"preambular {p.number}", p) for p in result.preambular]
    where += [(f"operative {p.number}", p) for p in result.operative]
    for annex in result.annexes:
        where += [(f"annex {annex.number} paragraph {p.number}", p) for p in annex.paragraphs]
    return where


def footnote_place(footnote) -> str:
    if footnote.part == "annex":
        return f"annex {footnote.annex} paragraph {footnote.paragraph}"
    return f"{footnote.part} {footnote.paragraph}"


def test_the_expectations_cover_every_resolution_of_the_corpus(shared_corpus):
    files = sorted(path.name for path in (shared_corpus / "ga-80" / "reflowed").glob("*.txt"))
    assert files == sorted(entry["file"] for entry in EXPECTED.values())
    raw = sorted(path.name for path in (shared_corpus / "ga-80" / "raw").glob("*.txt"))
    assert raw == sorted(EXPECTED[symbol]["file"] for symbol in RAW_SYMBOLS)


@pytest.mark.parametrize(
    ("symbol", "layout"),
    [(symbol, "reflowed") for symbol in SYMBOLS] + [(symbol, "raw") for symbol in RAW_SYMBOLS],
)
def test_it_parses_each_resolution_as_annotated(shared_corpus, symbol, layout):
    expected = EXPECTED[symbol]
    try:
        result = parse(shared_corpus, layout, symbol)
    except ParseError as error:  # pragma: no cover - the message is what the failure shows
        pytest.fail(f"{symbol} ({layout}) was refused: {error}")
    assert result.symbol == symbol
    assert len(result.preambular) == expected["preambular"]
    # Operative and annex paragraphs are numbered 1, 2, 3 … as written, without a gap.
    assert [p.number for p in result.operative] == list(range(1, expected["operative"] + 1))
    assert [[p.number for p in annex.paragraphs] for annex in result.annexes] == [
        list(range(1, count + 1)) for count in expected["annexes"]
    ]
    assert {f.mark: footnote_place(f) for f in result.footnotes} == expected["footnotes"]
    assert len(result.footnotes) == len(expected["footnotes"])
    assert (result.report or {}).get("symbol") == expected.get("report")
    # The PDF's text gives no warning; the reflowed copies warn about the sub-paragraph
    # labels they lost.
    assert len(result.warnings) == (expected["warnings"] if layout == "reflowed" else 0)


@pytest.mark.parametrize("layout", ["reflowed", "raw"])
def test_no_paragraph_keeps_page_furniture_or_footnote_text(shared_corpus, layout):
    symbols = SYMBOLS if layout == "reflowed" else RAW_SYMBOLS
    for symbol in symbols:
        text = read(shared_corpus, layout, symbol)
        result = parse_resolution(text)
        # Page numbers as the PDF writes them, "2/18": the total is the document's.
        pages = {int(total) for total in PAGE_OF_RE.findall(text)}
        page_re = re.compile(rf"(?<![\d/])\d{{1,2}}/(?:{'|'.join(map(str, pages))})(?![\d/])")
        footnote_texts = [f.text for f in result.footnotes if len(f.text) >= 20]
        title = result.title
        for where, paragraph in placed(result):
            text = paragraph.text
            context = f"{symbol} ({layout}), {where}: {text[:80]}…"
            assert not JOB_NUMBER_RE.search(text), context
            assert not (pages and page_re.search(text)), context
            assert symbol not in text, context
            assert not LEFTOVER_MARK_RE.search(text), context
            for footnote_text in footnote_texts:
                assert footnote_text not in text, context
            # The title is cited in paragraphs ("the item entitled “…”"), never left bare
            # where a page header was.
            for match in re.finditer(re.escape(title), text):
                before = text[max(0, match.start() - 20) : match.start()]
                assert re.search(r"(?:“|\"|entitled |the |of |on |as )$", before), context


@pytest.mark.parametrize("layout", ["reflowed", "raw"])
def test_every_mark_resolves_to_exactly_one_footnote_of_its_paragraph(shared_corpus, layout):
    symbols = SYMBOLS if layout == "reflowed" else RAW_SYMBOLS
    for symbol in symbols:
        result = parse(shared_corpus, layout, symbol)
        by_place: dict[str, list[str]] = {}
        for footnote in result.footnotes:
            by_place.setdefault(footnote_place(footnote), []).append(footnote.mark)
        marks_found = 0
        for where, paragraph in placed(result):
            assert paragraph.footnote_marks == by_place.get(where, []), f"{symbol} {where}"
            for mark in paragraph.footnote_marks:
                assert [f.mark for f in result.footnotes].count(mark) == 1, f"{symbol} {mark}"
            marks_found += len(paragraph.footnote_marks)
        assert marks_found == len(result.footnotes), symbol


def comparable(text: str) -> str:
    """Paragraph text without what the reflowed copies lost: sub-paragraph labels."""
    return re.sub(r"(?:^|\s)\((?:[a-z]{1,2}|[ivx]{1,5})\)(?=\s)", "", text).strip()


@pytest.mark.parametrize("symbol", RAW_SYMBOLS)
def test_raw_and_reflowed_copies_give_the_same_paragraphs(shared_corpus, symbol):
    raw = parse(shared_corpus, "raw", symbol)
    reflowed = parse(shared_corpus, "reflowed", symbol)
    assert [where for where, _p in placed(raw)] == [where for where, _p in placed(reflowed)]
    assert [(f.mark, footnote_place(f), f.text) for f in raw.footnotes] == [
        (f.mark, footnote_place(f), f.text) for f in reflowed.footnotes
    ]
    assert [a.heading for a in raw.annexes] == [a.heading for a in reflowed.annexes]
    for (where, left), (_where, right) in zip(placed(raw), placed(reflowed), strict=True):
        left_text, right_text = comparable(left.text), comparable(right.text)
        if left_text != right_text:
            # The reflowed copies of 80/5 and 80/9 lack a few words or lines of the PDF
            # ("…disability-inclusive development;" lost its last word); the rest is word
            # for word.
            ratio = difflib.SequenceMatcher(None, left_text, right_text).ratio()
            assert ratio > 0.85, f"{symbol} {where}: {ratio:.2f}"
