"""
Word numbering rebuilt on real numbering: each General Assembly resolution of the
development corpus (../shared/corpus/ga-80/reflowed, or SUIVI_CORPUS_DIR) is written as a
Word file whose paragraph numbers ("1.", "(a)", "(i)") are Word's automatic numbering —
restarted where the text restarts them, in annexes for instance — and reading the file back
must give the text's paragraphs, numbers included, line for line.

The texts are not part of the project: without them these tests are skipped, visibly, and
they fail instead when SUIVI_REQUIRE_CORPUS=True (CI).
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from resolutions.documents import Limits, read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LIMITS = Limits(max_bytes=20_000_000, max_unpacked_bytes=50_000_000, max_chars=500_000)

# Level 0 "1.", level 1 "(a)", level 2 "(i)": the General Assembly's paragraph numbering.
LEVELS = [
    (re.compile(r"^(\d{1,4})\.\s+(\S.*)$"), "decimal", "%1."),
    (re.compile(r"^\(([a-z]{1,2})\)\s+(\S.*)$"), "lowerLetter", "(%2)"),
    (re.compile(r"^\(([ivxl]{1,6})\)\s+(\S.*)$"), "lowerRoman", "(%3)"),
]
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def corpus_folder() -> Path:
    root = Path(
        os.getenv("SUIVI_CORPUS_DIR") or Path(settings.BASE_DIR).parent / "shared" / "corpus"
    )
    return root / "ga-80" / "reflowed"


@pytest.fixture(scope="module")
def reflowed() -> Path:
    folder = corpus_folder()
    if not folder.is_dir():
        if os.getenv("SUIVI_REQUIRE_CORPUS") == "True":
            pytest.fail(f"{folder} is missing and SUIVI_REQUIRE_CORPUS is set")
        pytest.skip(f"the General Assembly corpus is not at {folder} (see SUIVI_CORPUS_DIR)")
    return folder


def roman_value(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = ROMAN[char]
        following = ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def letter_value(label: str) -> int:
    return (ord(label[0]) - ord("a") + 1) + 26 * (len(label) - 1)


def numbered(line: str, previous_letter: int) -> tuple[int, int, str] | None:
    """(level, value, text) of a numbered line. "(i)" right after "(h)" is a letter."""
    for level, (pattern, _format, _text) in enumerate(LEVELS):
        match = pattern.match(line)
        if not match:
            continue
        label = match.group(1)
        if level == 1 and set(label) <= set(ROMAN) and previous_letter != letter_value(label) - 1:
            continue  # a roman numeral, level 2
        value = int(label) if level == 0 else letter_value(label) if level == 1 else None
        return level, value if value is not None else roman_value(label), match.group(2)
    return None


def as_word_file(lines: list[str]) -> bytes:
    """The lines as Word paragraphs; numbered ones carry Word's numbering, not the number.

    A number that does not follow from the ones before it (a restart, a gap) starts a new
    list instance whose start is overridden, as Word does when numbering is restarted."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl>'
        for level, (_pattern, fmt, text) in enumerate(LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{levels}</w:abstractNum>'
    )
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)

    num_ids = iter(range(100, 10_000))
    current = None
    last: dict[int, int] = {}
    previous_letter = 0
    for line in lines:
        found = numbered(line, previous_letter)
        if found is None:
            document.add_paragraph(line)
            continue
        level, value, text = found
        natural = last.get(level, 0) + 1
        if value != natural or current is None:
            current = next(num_ids)
            numbering.append(
                parse_xml(
                    f'<w:num xmlns:w="{W}" w:numId="{current}"><w:abstractNumId w:val="90"/>'
                    f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/>'
                    "</w:lvlOverride></w:num>"
                )
            )
        last[level] = value
        for deeper in [key for key in last if key > level]:
            del last[deeper]
        previous_letter = value if level == 1 else previous_letter if level == 2 else 0
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{current}"/></w:numPr>'
            )
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def normalised(lines) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


def test_word_numbering_gives_back_the_numbers_of_every_resolution(reflowed):
    files = sorted(reflowed.glob("*.txt"))
    assert files, f"no text in {reflowed}"
    numbered_lines = 0
    differences = []
    for path in files:
        lines = normalised(path.read_text(encoding="utf-8").splitlines())
        previous_letter = 0
        for line in lines:
            found = numbered(line, previous_letter)
            numbered_lines += found is not None
            if found:
                previous_letter = found[1] if found[0] == 1 else previous_letter

        text = read_document(as_word_file(lines), path.stem + ".docx", limits=LIMITS).text

        read_back = normalised(text.split("\n\n"))
        if read_back != lines:
            first = next(
                (i for i, (a, b) in enumerate(zip(read_back, lines, strict=False)) if a != b),
                min(len(read_back), len(lines)),
            )
            differences.append(
                f"{path.name}, paragraph {first + 1}: "
                f"{read_back[first : first + 1]} instead of {lines[first : first + 1]}"
            )
    assert differences == []
    assert numbered_lines > 500  # the corpus is numbered throughout
