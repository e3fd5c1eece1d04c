"""Properties: a resolution reads the same whatever the layout it was copied in.

Hypothesis writes resolutions (preamble, operative paragraphs, perhaps one unnumbered
operative paragraph and a numbered annex, footnotes whose marks are glued to a word or
separated by a space), then lays each out as the PDF's text layer (lines wrapped anywhere,
footnote blocks and running headers at page breaks) and as reflowed text (one paragraph a
line, footnotes on their own lines or as Markdown at the end). Every layout must give the
paragraphs as written, without marks, titles or page furniture, and every footnote
attached to the paragraph holding its mark.
"""

import textwrap
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.parsing import parse_resolution

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

TITLE = "Cooperation on the conservation of mountain ecosystems"
HEADER = (
    "United Nations A/RES/80/91\n"
    "General Assembly Distr.: General\n"
    "10 December 2025\n"
    "Eightieth session\n"
    "26-04321 (E)\n"
    "Resolution adopted by the General Assembly on 8 December 2025\n"
    "[on the report of the Second Committee (A/80/520, para. 9)]\n"
    "80/91. Cooperation on the conservation of mountain\n"
    "ecosystems\n\n"
)
WORDS = [
    "mountain", "communities", "forests", "glaciers", "water", "resources", "livelihoods",
    "cooperation", "partnerships", "knowledge", "capacity", "research", "biodiversity",
    "tourism", "agriculture", "resilience", "women", "youth", "institutions", "networks",
    "strategies", "programmes", "measures", "efforts", "regions", "countries", "policies",
    "ecosystems", "services",
]  # fmt: skip
LINKS = ["and", "with", "for", "in", "through", "towards", "among", "within"]
ADOPTS = "Adopts the Declaration contained in the annex to the present resolution"
OPENERS = ["Recalling", "Noting", "Welcoming", "Reaffirming", "Recognizing", "Stressing"]
VERBS = ["Encourages", "Invites", "Calls upon", "Requests", "Urges", "Decides"]
FOOTNOTES = [
    "Resolution {a}/{b}.",
    "United Nations, Treaty Series, vol. {a}{b}, No. {b}{a}.",
    "See A/{a}/{b}, annex.",
    "Official Records of the General Assembly, Supplement No. {b} (A/{a}/{b}).",
]


@dataclass
class Paragraph:
    words: list[str]  # the words, with None where a mark stands after the previous word
    ending: str
    marks: list[tuple[int, str]] = field(default_factory=list)  # (after word index, style)

    def clean(self) -> str:
        return " ".join(self.words) + self.ending


@st.composite
def paragraphs(draw, opener_choices, ending):
    opener = draw(st.sampled_from(opener_choices))
    count = draw(st.integers(min_value=4, max_value=40))
    words = [opener]
    for position in range(count):
        words.append(draw(st.sampled_from(LINKS if position % 3 == 2 else WORDS)))
    # Marks follow a noun (every third word is a link word, never followed by a mark).
    nouns = [i for i, word in enumerate(words) if i > 0 and word in WORDS]
    chosen = draw(st.lists(st.sampled_from(nouns), max_size=2, unique=True)) if nouns else []
    styles = draw(st.lists(st.sampled_from(["glued", "spaced"]), min_size=len(chosen), max_size=2))
    return Paragraph(words, ending, sorted(zip(chosen, styles, strict=False)))


@st.composite
def resolutions(draw):
    annexed = draw(st.booleans())
    preamble = draw(st.lists(paragraphs(OPENERS, ","), min_size=0 if annexed else 1, max_size=4))
    if annexed:
        preamble = []
        operative = [
            Paragraph(
                ADOPTS.split(" "),
                ".",
            )
        ]
        annex = draw(st.lists(paragraphs(["We"], "."), min_size=1, max_size=5))
    else:
        operative = draw(st.lists(paragraphs(VERBS, ";"), min_size=1, max_size=5))
        operative[-1].ending = "."
        annex = []
    notes = []
    for paragraph in preamble + operative + annex:
        for _ in paragraph.marks:
            template = draw(st.sampled_from(FOOTNOTES))
            a, b = draw(st.integers(10, 79)), draw(st.integers(1, 300))
            notes.append(template.format(a=a, b=b))
    return preamble, operative, annex, notes


def marked_words(paragraph: Paragraph, first_mark: int, markdown: bool = False) -> list[str]:
    """The paragraph's words with its marks written in, numbered from ``first_mark``."""
    words = list(paragraph.words)
    for offset, (index, style) in enumerate(sorted(paragraph.marks, reverse=True)):
        number = first_mark + len(paragraph.marks) - 1 - offset
        if markdown:
            words[index] += f"[^{number}]"
        elif style == "glued":
            words[index] += str(number)
        elif index == len(words) - 1:
            # Before the final full stop: kept on the line of its word (a "2." alone at the
            # start of a line would open paragraph 2).
            words[index] += f"\u00a0{number}"
        else:
            words[index] += f" {number}"
    words[-1] += paragraph.ending
    return words


def numbered(index: int, paragraph: Paragraph, kind: str) -> str:
    return f"{index}. " if kind in ("operative", "annex") else ""


def all_paragraphs(preamble, operative, annex):
    placed = [("preambular", i, p) for i, p in enumerate(preamble, 1)]
    numbered_operative = not annex
    placed += [("operative", i, p) for i, p in enumerate(operative, 1)]
    placed += [("annex", i, p) for i, p in enumerate(annex, 1)]
    return placed, numbered_operative


def raw_layout(resolution, width: int, breaks: set[int]) -> str:
    """As the PDF's text layer: wrapped lines, footnotes and page headers at page breaks."""
    preamble, operative, annex, notes = resolution
    placed, numbered_operative = all_paragraphs(preamble, operative, annex)
    lines: list[str] = []
    pending: list[int] = []
    page = 1
    mark = 1

    def page_break():
        nonlocal page, pending
        if pending:
            lines.append("____________")
            for number in pending:
                lines.extend(["", f"{number} {notes[number - 1]}"])
        page += 1
        if page % 2 == 0:
            lines.extend(
                ["", "A/RES/80/91 ", "Cooperation on the conservation of", "mountain ecosystems"]
            )
            lines.extend([" ", "26-04321", f"{page}/9 ", " "])
        else:
            lines.extend(["", "Cooperation on the conservation of mountain", "ecosystems "])
            lines.extend(["A/RES/80/91", " ", f"{page}/9", "26-04321 ", " "])
        pending = []

    lines.append("The General Assembly" + ("" if annex else ","))
    for kind, index, paragraph in placed:
        if kind == "annex" and index == 1:
            lines.extend(
                ["", "52nd plenary meeting", "8 December 2025", "", "Annex", "", TITLE, ""]
            )
        words = marked_words(paragraph, mark)
        prefix = (
            f"{index}. "
            if (kind == "annex" or (kind == "operative" and numbered_operative))
            else ""
        )
        wrapped = textwrap.wrap(prefix + " ".join(words), width=width, break_on_hyphens=False)
        lines.append("")
        for line in wrapped:
            lines.append(line + " ")
            if len(lines) in breaks:
                page_break()
        pending.extend(range(mark, mark + len(paragraph.marks)))
        mark += len(paragraph.marks)
    if not annex:
        lines.extend(["", "52nd plenary meeting", "8 December 2025"])
    if pending:
        page_break()
    return HEADER + "\n".join(lines) + "\n"


def reflowed_layout(resolution, markdown: bool) -> str:
    """One paragraph a line; footnotes as Markdown at the end, or on their own lines."""
    preamble, operative, annex, notes = resolution
    placed, numbered_operative = all_paragraphs(preamble, operative, annex)
    lines = [HEADER.replace("mountain\necosystems", "mountain ecosystems")]
    lines.append("The General Assembly" + ("" if annex else ","))
    mark = 1
    for kind, index, paragraph in placed:
        if kind == "annex" and index == 1:
            lines.extend(["52nd plenary meeting 8 December 2025", f"Annex {TITLE}"])
        words = marked_words(paragraph, mark, markdown=markdown)
        prefix = (
            f"{index}. "
            if (kind == "annex" or (kind == "operative" and numbered_operative))
            else ""
        )
        lines.append(prefix + " ".join(words))
        if not markdown:
            lines.extend(f"{n} {notes[n - 1]}" for n in range(mark, mark + len(paragraph.marks)))
        mark += len(paragraph.marks)
    if not annex:
        lines.append("52nd plenary meeting 8 December 2025")
    if markdown and notes:
        lines.append("---")
        lines.extend(f"[^{n}]: {note}" for n, note in enumerate(notes, 1))
    return "\n\n".join(lines) + "\n"


def expected(resolution):
    preamble, operative, annex, notes = resolution
    placed, _numbered = all_paragraphs(preamble, operative, annex)
    footnotes = []
    for kind, index, paragraph in placed:
        footnotes.extend((kind, index) for _ in paragraph.marks)
    return {
        "preambular": [p.clean() for p in preamble],
        "operative": [p.clean() for p in operative],
        "annex": [p.clean() for p in annex],
        "footnotes": [
            (str(n), *where, note)
            for n, (where, note) in enumerate(zip(footnotes, notes, strict=True), 1)
        ],
    }


def observed(text: str):
    result = parse_resolution(text)
    assert result.title == TITLE
    assert result.report == {"committee": "Second Committee", "symbol": "A/80/520", "paragraph": 9}
    paragraphs = result.annexes[0].paragraphs if result.annexes else []
    assert [p.number for p in result.operative] == list(range(1, len(result.operative) + 1))
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert result.warnings == []
    return {
        "preambular": [p.text for p in result.preambular],
        "operative": [p.text for p in result.operative],
        "annex": [p.text for p in paragraphs],
        "footnotes": [(f.mark, f.part, f.paragraph, f.text) for f in result.footnotes],
    }


@PROPERTY_SETTINGS
@given(
    resolution=resolutions(),
    width=st.integers(min_value=45, max_value=95),
    breaks=st.sets(st.integers(min_value=3, max_value=120), max_size=6),
)
def test_the_text_layer_of_a_pdf_gives_the_paragraphs_as_written(resolution, width, breaks):
    assert observed(raw_layout(resolution, width, breaks)) == expected(resolution)


@PROPERTY_SETTINGS
@given(resolution=resolutions(), markdown=st.booleans())
def test_reflowed_text_gives_the_paragraphs_as_written(resolution, markdown):
    assert observed(reflowed_layout(resolution, markdown)) == expected(resolution)
