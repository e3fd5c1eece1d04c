"""
The text of a Word file (.docx), read from its XML with the standard library.

A .docx is a ZIP of XML parts. The text is in word/document.xml; what Word shows but does
not store as text is rebuilt here:

- automatic paragraph numbering ("1.", "(a)"), from the list definitions of
  word/numbering.xml, the paragraph's own list properties or its style's, and the counters
  Word keeps per list (a list restarted with a start override starts again);
- footnotes: the mark Word numbers in the order of the references, glued to the text as in
  a PDF ("Statute,1"), and the footnote's text from word/footnotes.xml on a line of its own
  after the paragraph ("1 United Nations, Treaty Series, vol. 2187, No. 38544.").

One paragraph a line, a blank line between paragraphs. Deleted revisions, field codes and
hidden text are left out, as Word leaves them out of the page; text boxes and drawings too.

The ZIP is checked before anything is unpacked: the sizes its directory declares must stay
within the limit, and each part is read with a bound, so a small file that unpacks to
gigabytes (a "zip bomb") is refused without being unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .reader import KIND_WORD, Document, DocumentRefused, Limits, check_length

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_RELATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_FOOTNOTES_RELATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)

# What holds no visible text of the body: revisions deleted, text boxes and pictures,
# alternative content (whose fallback repeats the text), field instructions.
_SKIPPED = {
    W + "del",
    W + "moveFrom",
    W + "drawing",
    W + "pict",
    W + "object",
    W + "instrText",
    W + "delText",
    W + "rPr",
    W + "pPr",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
}
# Elements whose children are read as if they stood in their place.
_BLOCK_CONTAINERS = {
    W + name for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")
}
_INLINE_CONTAINERS = {
    W + name
    for name in (
        "hyperlink",
        "smartTag",
        "fldSimple",
        "customXml",
        "ins",
        "moveTo",
        "sdt",
        "sdtContent",
    )
}
_SPACES_RE = re.compile(r"[ \t\u00a0]{2,}")


def _damaged() -> str:
    return _(
        "The Word file is damaged and cannot be read. Open it in Word and save it again, or "
        "import its PDF."
    )


def read_docx(data: bytes, *, limits: Limits) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise DocumentRefused(_damaged()) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise DocumentRefused(
            _(
                "The Word file unpacks to %(size)s, more than the limit of %(limit)s; it is "
                "not read."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(limits.max_unpacked_bytes),
            }
        )
    names = {member.filename for member in members}
    parts = _Parts(archive, names, limits.max_unpacked_bytes)
    main = parts.main_document()
    if main is None:
        raise DocumentRefused(
            _(
                "The file is a ZIP archive but not a Word document (.docx). Import the files "
                "it holds one by one."
            )
        )
    body = parts.xml(main).find(W + "body")
    if body is None:
        raise DocumentRefused(_damaged())
    relations = parts.relations(main)
    footnotes_part = relations.get(_FOOTNOTES_RELATION)
    writer = _Writer(
        numbering=_Numbering(
            parts.xml_or_none(_sibling(main, "numbering.xml")),
            parts.xml_or_none(_sibling(main, "styles.xml")),
        ),
        footnotes=_footnotes(parts.xml_or_none(footnotes_part)) if footnotes_part else {},
    )
    writer.block(body)
    text = check_length(writer.text(), limits=limits)
    if not text.strip():
        raise DocumentRefused(_("The Word file holds no text."))
    return Document(text=text, kind=KIND_WORD)


def _sibling(part: str, name: str) -> str:
    folder = part.rsplit("/", 1)[0] + "/" if "/" in part else ""
    return folder + name


class _Parts:
    """The XML parts of the package, each read with a bound on its unpacked size."""

    def __init__(self, archive: zipfile.ZipFile, names: set[str], limit: int):
        self.archive, self.names, self.limit = archive, names, limit

    def raw(self, name: str) -> bytes:
        try:
            with self.archive.open(name) as member:
                data = member.read(self.limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise DocumentRefused(_damaged()) from None
        except RuntimeError:  # a ZIP with encrypted members: Word's password protection
            raise DocumentRefused(
                _(
                    "The Word file is protected by a password. Remove the protection and "
                    "import it again."
                )
            ) from None
        if len(data) > self.limit:
            raise DocumentRefused(_damaged())
        return data

    def xml(self, name: str) -> ElementTree.Element:
        data = self.raw(name)
        # Word never writes a document type declaration; entities declared in one are the
        # way to make a small XML file expand, so none is read.
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise DocumentRefused(_damaged())
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError:
            raise DocumentRefused(_damaged()) from None

    def xml_or_none(self, name: str | None) -> ElementTree.Element | None:
        return self.xml(name) if name and name in self.names else None

    def main_document(self) -> str | None:
        if "_rels/.rels" in self.names:
            target = _targets(self.xml("_rels/.rels"), "").get(_MAIN_RELATION)
            if target in self.names:
                return target
        return "word/document.xml" if "word/document.xml" in self.names else None

    def relations(self, part: str) -> dict[str, str]:
        folder, _slash, name = part.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if rels not in self.names:
            return {}
        return _targets(self.xml(rels), folder)


def _targets(rels: ElementTree.Element, folder: str) -> dict[str, str]:
    """Relationship type → part name, for the relationships of one part."""
    targets = {}
    for relation in rels.iter(_REL + "Relationship"):
        target = relation.get("Target", "")
        if relation.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = f"{folder}/{target}" if folder else target
        targets.setdefault(relation.get("Type", ""), _normalise(name))
    return targets


def _normalise(name: str) -> str:
    parts: list[str] = []
    for piece in name.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


# Footnotes -----------------------------------------------------------------------------------


def _footnotes(root: ElementTree.Element | None) -> dict[str, str]:
    """Footnote id → its text; separators and continuation notices are not footnotes."""
    if root is None:
        return {}
    notes = {}
    for note in root.findall(W + "footnote"):
        if note.get(W + "type") not in (None, "normal"):
            continue
        writer = _Writer(numbering=_Numbering(None, None), footnotes={})
        writer.block(note)
        notes[note.get(W + "id", "")] = " ".join(writer.paragraphs).strip()
    return notes


# Numbering -----------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False  # "isLgl": every level's number in decimal
    restart: int | None = None  # restart after this level (1-based); 0: never


@dataclass
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def _value(element: ElementTree.Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(W + name)
    return None if child is None else child.get(W + "val")


def _level(element: ElementTree.Element, base: _Level | None = None) -> _Level:
    level = _Level(**vars(base)) if base else _Level()
    start = _value(element, "start")
    if start is not None and start.lstrip("-").isdigit():
        level.start = int(start)
    level.format = _value(element, "numFmt") or level.format
    text = _value(element, "lvlText")
    level.text = text if text is not None else level.text
    level.suffix = _value(element, "suff") or level.suffix
    level.legal = element.find(W + "isLgl") is not None or level.legal
    restart = _value(element, "lvlRestart")
    if restart is not None and restart.isdigit():
        level.restart = int(restart)
    return level


class _Numbering:
    """Word's list definitions and the counters it keeps while laying out the document."""

    def __init__(self, numbering: ElementTree.Element | None, styles: ElementTree.Element | None):
        self.lists: dict[str, _List] = {}
        self.counters: dict[str, dict[int, int]] = {}  # abstract list → level → last number
        self.started: set[str] = set()  # lists whose start overrides were applied
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.level_of_style: dict[tuple[str, str], int] = {}  # (abstract, style) → level
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: ElementTree.Element) -> None:
        abstracts: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}  # abstract list that only points at a numbering style
        for abstract in root.findall(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId", "")
            levels = {}
            for element in abstract.findall(W + "lvl"):
                number = int(element.get(W + "ilvl", "0"))
                levels[number] = _level(element)
                style = _value(element, "pStyle")
                if style:
                    self.level_of_style[(key, style)] = number
            abstracts[key] = levels
            link = _value(abstract, "numStyleLink")
            if link:
                links[key] = link
        self._abstracts, self._links = abstracts, links
        for num in root.findall(W + "num"):
            abstract = _value(num, "abstractNumId") or ""
            entry = _List(abstract=abstract, levels=dict(abstracts.get(abstract, {})))
            for override in num.findall(W + "lvlOverride"):
                number = int(override.get(W + "ilvl", "0"))
                start = _value(override, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    entry.start_overrides[number] = int(start)
                replacement = override.find(W + "lvl")
                if replacement is not None:
                    entry.levels[number] = _level(replacement, entry.levels.get(number))
            self.lists[num.get(W + "numId", "")] = entry

    def _read_styles(self, root: ElementTree.Element) -> None:
        for style in root.findall(W + "style"):
            if style.get(W + "type") not in (None, "paragraph", "numbering"):
                continue
            key = style.get(W + "styleId", "")
            parent = _value(style, "basedOn")
            if parent:
                self.style_parent[key] = parent
            properties = style.find(W + "pPr")
            numbered = properties.find(W + "numPr") if properties is not None else None
            if numbered is not None:
                level = _value(numbered, "ilvl")
                self.style_numbering[key] = (
                    _value(numbered, "numId"),
                    int(level) if level and level.isdigit() else None,
                )
        # An abstract list linked to a numbering style takes its definitions from the list
        # that style names.
        for key, link in getattr(self, "_links", {}).items():
            num_id = self.style_numbering.get(link, (None, None))[0]
            target = self.lists.get(num_id or "")
            if target is None:
                continue
            for entry in self.lists.values():
                if entry.abstract == key and not entry.levels:
                    entry.abstract = target.abstract
                    entry.levels = dict(target.levels)

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numbering:
                num_id, level = self.style_numbering[style]
                return num_id, level, style
            style = self.style_parent.get(style)
        return None, None, None

    def label(self, properties: ElementTree.Element | None) -> str:
        """The number Word shows before this paragraph ("" for none), counting it."""
        num_id = level = style_with_numbering = None
        style = _value(properties, "pStyle")
        numbered = properties.find(W + "numPr") if properties is not None else None
        if numbered is not None:
            num_id = _value(numbered, "numId")
            value = _value(numbered, "ilvl")
            level = int(value) if value and value.isdigit() else None
        if num_id is None:
            num_id, style_level, style_with_numbering = self._style_numbering(style)
            level = level if level is not None else style_level
        entry = self.lists.get(num_id or "")
        if entry is None or num_id == "0":
            return ""
        if level is None:
            level = self.level_of_style.get((entry.abstract, style_with_numbering or style), 0)
        definition = entry.levels.get(level)
        if definition is None:
            return ""
        counters = self.counters.setdefault(entry.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for number, start in entry.start_overrides.items():
                counters[number] = start - 1
        counters[level] = counters[level] + 1 if level in counters else definition.start
        for deeper in [number for number in counters if number > level]:
            restart = entry.levels.get(deeper, _Level()).restart
            if restart != 0 and (restart is None or restart > level):
                del counters[deeper]
        return self._render(entry, level, counters) + {"tab": " ", "space": " "}.get(
            definition.suffix, ""
        )

    def _render(self, entry: _List, level: int, counters: dict[int, int]) -> str:
        definition = entry.levels[level]
        if definition.format == "bullet":
            return "•"
        if definition.format == "none":
            return ""

        def number(match: re.Match) -> str:
            shown = int(match.group(1)) - 1
            shown_level = entry.levels.get(shown, _Level())
            value = counters.get(shown, shown_level.start)
            decimal = definition.legal and shown < level
            return _format(value, "decimal" if decimal else shown_level.format)

        return re.sub(r"%([1-9])", number, definition.text)


def _format(value: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if style == "upperLetter" else letter
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if style == "upperRoman" else roman
    if style == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    numerals = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]  # fmt: skip
    result = ""
    for amount, numeral in numerals:
        while value >= amount:
            result += numeral
            value -= amount
    return result


# The body ------------------------------------------------------------------------------------


class _Writer:
    """Walks the body in document order and writes one paragraph a line."""

    def __init__(self, *, numbering: _Numbering, footnotes: dict[str, str]):
        self.numbering = numbering
        self.footnotes = footnotes
        self.next_mark = 1
        self.paragraphs: list[str] = []
        # A footnote whose mark is not numbered by Word but typed after the reference
        # ("customMarkFollows"): the next text written is its mark.
        self.custom_mark: list | None = None

    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    def block(self, container: ElementTree.Element) -> None:
        for child in container:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag in (
                W + "tbl",
                W + "tr",
                W + "tc",
                W + "sdt",
                W + "sdtContent",
            ) or child.tag in (W + "customXml", W + "ins", W + "moveTo"):
                self.block(child)

    def paragraph(self, element: ElementTree.Element) -> None:
        label = self.numbering.label(element.find(W + "pPr"))
        pieces: list[str] = []
        notes: list[list] = []  # [mark, text] of the footnotes referred to
        self._inline(element, pieces, notes)
        text = _SPACES_RE.sub(" ", "".join(pieces)).strip(" ")
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text or notes:
            self.paragraphs.append((label + text).strip())
        for mark, note in notes:
            if note:
                self.paragraphs.append(f"{mark or '*'} {note}")

    def _inline(self, element: ElementTree.Element, pieces: list[str], notes: list) -> None:
        hidden = False
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                if tag == W + "rPr":
                    hidden = _is_hidden(child)
                continue
            if tag == W + "r":
                self._inline(child, pieces, notes)
            elif hidden:
                continue
            elif tag == W + "t":
                pieces.append(child.text or "")
                if self.custom_mark is not None and (child.text or "").strip():
                    self.custom_mark[0] = (child.text or "").strip()
                    self.custom_mark = None
            elif tag in (W + "tab", W + "ptab"):
                pieces.append(" ")
            elif tag == W + "br":
                # A page or column break inside a paragraph does not end the paragraph.
                pieces.append(" " if child.get(W + "type") in ("page", "column") else "\n")
            elif tag == W + "cr":
                pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "sym":
                pieces.append(_symbol(child.get(W + "char", "")))
            elif tag == W + "footnoteReference":
                note = [None, self.footnotes.get(child.get(W + "id", ""), "")]
                if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                    self.custom_mark = note
                else:
                    note[0] = str(self.next_mark)
                    self.next_mark += 1
                    pieces.append(note[0])
                notes.append(note)
            elif tag in (
                W + "hyperlink",
                W + "smartTag",
                W + "fldSimple",
                W + "customXml",
            ) or tag in (W + "ins", W + "moveTo", W + "sdt", W + "sdtContent"):
                self._inline(child, pieces, notes)


def _is_hidden(properties: ElementTree.Element) -> bool:
    vanish = properties.find(W + "vanish")
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


def _symbol(code: str) -> str:
    """A symbol-font character; those in the private use area have no meaning as text."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if value >= 0x20 and not 0xE000 <= value <= 0xF8FF else ""
