"""
Files as users have them, generated for the tests: a resolution as a PDF (UN page layout:
a two-column header, running headers and job numbers on later pages, footnotes at the foot
of their page, a paragraph broken across pages) and as a Word file (automatic paragraph
numbering that is not in the text, footnotes), plus the bad files the import must refuse.

The texts are made up here; they follow the shape of General Assembly resolutions.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

SYMBOL = "A/RES/80/77"
MARK_AT = "^"
TITLE = "Cooperation with regional organizations"


@dataclass
class Resolution:
    """A made-up resolution: what the generated files hold and the parse must find."""

    symbol: str = SYMBOL
    title: str = TITLE
    preambular: list[str] = field(default_factory=list)
    operative: list[str] = field(default_factory=list)
    # Footnotes by (part, paragraph number): the mark goes where the paragraph's text has
    # MARK_AT, or at its end.
    footnotes: dict[tuple[str, int], str] = field(default_factory=dict)
    subparagraphs: dict[int, list[str]] = field(default_factory=dict)


def sample(symbol: str = SYMBOL, *, operative: int = 6, long_paragraph: int = 4) -> Resolution:
    """A resolution with footnotes in both parts, sub-paragraphs and one long paragraph
    (operative `long_paragraph`) that a PDF page break cuts in two."""
    long_text = " ".join(
        f"measure {n} of the regional plan of action, including its reporting cycle,"
        for n in range(1, 40)
    )
    paragraphs = []
    for number in range(1, operative + 1):
        if number == long_paragraph:
            paragraphs.append(f"Requests the Secretary-General to report on {long_text} and;")
        elif number == operative:
            paragraphs.append("Decides to remain seized of the matter.")
        else:
            paragraphs.append(
                f"Calls upon all States to strengthen cooperation on matter {number} with "
                "the regional organizations concerned;"
            )
    return Resolution(
        symbol=symbol,
        preambular=[
            "Recalling its resolution 79/12 of 2 December 2024 on cooperation between the "
            "United Nations and regional organizations,",
            "Welcoming the report of the Secretary-General on cooperation with regional "
            f"organizations{MARK_AT} and their secretariats,",
            "Noting the importance of the Charter of the United Nations,",
        ],
        operative=paragraphs,
        footnotes={
            ("preambular", 2): "A/80/342.",
            ("operative", 2): "United Nations, Treaty Series, vol. 2187, No. 38544.",
        },
        subparagraphs={
            3: [
                "to exchange information on their activities;",
                "to hold joint meetings at least once a year;",
            ]
        },
    )


def split_at_mark(text: str) -> tuple[str, str]:
    """The text before and after its footnote mark (all of it before, when it has none)."""
    before, _mark, after = text.partition(MARK_AT)
    return before, after


def without_mark(text: str) -> str:
    return text.replace(MARK_AT, "")


def number_of(resolution: Resolution) -> str:
    return resolution.symbol.rsplit("/", 2)[-2] + "/" + resolution.symbol.rsplit("/", 1)[-1]


# PDF ---------------------------------------------------------------------------------------


def resolution_pdf(resolution: Resolution | None = None, *, running_title: bool = False) -> bytes:
    """The resolution laid out as the United Nations prints it, with a text layer. Later
    pages carry the symbol, job number and page number at their top, and the title too
    with `running_title`."""
    from fpdf import FPDF

    resolution = resolution or sample()
    marks = _marks(resolution)

    class Document(FPDF):
        pending: list[tuple[str, str]]

        def header(self):
            if self.page_no() > 1:
                self.set_font("Helvetica", "", 9)
                self.set_xy(25, 12)
                self.cell(40, 5, resolution.symbol)
                if running_title:
                    self.set_xy(70, 12)
                    self.cell(115, 5, resolution.title, align="R")
                self.set_xy(25, 17)
                self.cell(40, 5, "25-18765")
                self.set_xy(145, 17)
                self.cell(40, 5, f"{self.page_no()}/{{nb}}", align="R")
                self.set_xy(25, 30)

        def footer(self):
            if not self.pending:
                return
            self.set_font("Helvetica", "", 8)
            top = 297 - 15 - 5 * len(self.pending)
            self.line(25, top - 2, 65, top - 2)
            self.set_y(top)
            for mark, text in self.pending:
                self.set_x(25)
                self.cell(0, 4, f"{mark} {text}")
                self.ln(5)
            self.pending = []

    pdf = Document(format="A4", unit="mm")
    pdf.pending = []
    pdf.set_margins(25, 30, 25)
    pdf.set_auto_page_break(True, margin=40)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    # The two-column header of the first page: left and right on the same lines.
    for y, left, right in (
        (20, "United Nations", resolution.symbol),
        (30, "General Assembly", "Distr.: General"),
        (35, "", "20 November 2025"),
    ):
        pdf.set_xy(25, y)
        pdf.cell(80, 6, left)
        pdf.set_xy(125, y)
        pdf.cell(60, 6, right, align="R")
    pdf.set_xy(25, 45)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(60, 5, "Eightieth session")
    pdf.set_xy(25, 50)
    pdf.cell(60, 5, "Agenda item 74")
    pdf.set_xy(25, 60)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(160, 6, "Resolution adopted by the General Assembly on 19 November 2025")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(160, 5, "[without reference to a Main Committee (A/80/L.12)]")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(160, 6, f"{number_of(resolution)}. {resolution.title}")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(160, 6, "The General Assembly,")
    pdf.ln(3)

    def paragraph(text: str, mark: str | None, note: str | None, indent: str = "") -> None:
        before, after = split_at_mark(text)
        pdf.set_x(25)
        pdf.write(6, indent + before)
        if mark:
            pdf.char_vpos = "SUP"
            pdf.write(6, mark)
            pdf.char_vpos = "LINE"
            pdf.pending.append((mark, note))
        if after:
            pdf.write(6, after)
        pdf.ln(6)
        pdf.ln(3)

    for number, text in enumerate(resolution.preambular, start=1):
        mark = marks.get(("preambular", number))
        paragraph(text, mark, resolution.footnotes.get(("preambular", number)), "      ")
    for number, text in enumerate(resolution.operative, start=1):
        mark = marks.get(("operative", number))
        paragraph(text, mark, resolution.footnotes.get(("operative", number)), f"{number}.   ")
        for index, sub in enumerate(resolution.subparagraphs.get(number, [])):
            paragraph(sub, None, None, f"            ({'abcdefgh'[index]})   ")
    pdf.ln(4)
    pdf.set_x(120)
    pdf.cell(60, 6, "45th plenary meeting", align="R")
    pdf.ln(6)
    pdf.set_x(120)
    pdf.cell(60, 6, "19 November 2025", align="R")
    return bytes(pdf.output())


def _marks(resolution: Resolution) -> dict[tuple[str, int], str]:
    """Footnote marks in the order of the text: 1, 2, …"""
    order = [("preambular", n) for n in range(1, len(resolution.preambular) + 1)]
    order += [("operative", n) for n in range(1, len(resolution.operative) + 1)]
    keys = [key for key in order if key in resolution.footnotes]
    return {key: str(index) for index, key in enumerate(keys, start=1)}


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (800, 1100), 255)
    draw = ImageDraw.Draw(image)
    for line in range(30):
        draw.text((60, 60 + line * 30), "1. Decides to remain seized of the matter.", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210)
    return bytes(pdf.output())


def encrypted_pdf(password: str = "secret") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "1. Decides to remain seized of the matter.")
    return bytes(pdf.output())


def png_image() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# Word --------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def resolution_docx(resolution: Resolution | None = None, *, page_break_in: int = 0) -> bytes:
    """The resolution as the secretariat's Word file: operative paragraphs and their
    sub-paragraphs numbered by Word (the numbers are not in the text), footnotes as Word
    footnotes. `page_break_in`: an operative paragraph with a page break in its middle."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    resolution = resolution or sample()
    marks = _marks(resolution)
    document = Document()
    _add_numbering(document)
    footnotes = _FootnoteWriter(document)

    document.add_paragraph(f"United Nations\t{resolution.symbol}")
    document.add_paragraph("General Assembly\tDistr.: General\t20 November 2025")
    document.add_paragraph("Eightieth session")
    document.add_paragraph("Agenda item 74")
    document.add_paragraph("Resolution adopted by the General Assembly on 19 November 2025")
    document.add_paragraph("[without reference to a Main Committee (A/80/L.12)]")
    document.add_paragraph(f"{number_of(resolution)}. {resolution.title}")
    document.add_paragraph("The General Assembly,")

    def numbered(paragraph, level: int) -> None:
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(
                f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{_NUM_ID}"/></w:numPr>'
            )
        )

    for number, text in enumerate(resolution.preambular, start=1):
        before, after = split_at_mark(text)
        paragraph = document.add_paragraph(before)
        if ("preambular", number) in marks:
            footnotes.add(paragraph, resolution.footnotes[("preambular", number)])
        if after:
            paragraph.add_run(after)
    for number, text in enumerate(resolution.operative, start=1):
        if number == page_break_in:
            half = len(text) // 2
            cut = text.rindex(" ", 0, half)
            paragraph = document.add_paragraph(text[:cut])
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            paragraph.add_run(text[cut:])
        else:
            paragraph = document.add_paragraph(text)
        numbered(paragraph, 0)
        if ("operative", number) in marks:
            footnotes.add(paragraph, resolution.footnotes[("operative", number)])
        for sub in resolution.subparagraphs.get(number, []):
            numbered(document.add_paragraph(sub), 1)
    document.add_paragraph("45th plenary meeting\n19 November 2025")
    buffer = io.BytesIO()
    document.save(buffer)
    return footnotes.finish(buffer.getvalue())


_NUM_ID = 7
_NUMBERING = f"""<w:abstractNum xmlns:w="{_W}" w:abstractNumId="5">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/><w:suff w:val="tab"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%2)"/><w:suff w:val="tab"/></w:lvl>
</w:abstractNum>"""


def _add_numbering(document) -> None:
    """A list definition like the United Nations template's: "1." then "(a)"."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{_W}}}num")
    abstract = parse_xml(_NUMBERING)
    # Abstract definitions come before the w:num elements (the schema's order).
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{_NUM_ID}"><w:abstractNumId w:val="5"/></w:num>')
    )


class _FootnoteWriter:
    """python-docx writes no footnotes: add the footnote references to the paragraphs, then
    the footnotes part, its relationship and content type to the saved package."""

    def __init__(self, document):
        self.document = document
        self.notes: list[tuple[int, str]] = []

    def add(self, paragraph, text: str) -> None:
        from docx.oxml import parse_xml

        note_id = len(self.notes) + 1
        self.notes.append((note_id, text))
        paragraph._p.append(
            parse_xml(
                f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_id}"/></w:r>'
            )
        )

    def finish(self, package: bytes) -> bytes:
        notes = "".join(
            f'<w:footnote w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {_escape(text)}'
            f"</w:t></w:r></w:p></w:footnote>"
            for note_id, text in self.notes
        )
        footnotes_xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{_W}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f"{notes}</w:footnotes>"
        )
        source = zipfile.ZipFile(io.BytesIO(package))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"</Types>",
                        b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                        b"</Types>",
                    )
                elif item.filename == "word/_rels/document.xml.rels":
                    data = data.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.'
                        b'org/officeDocument/2006/relationships/footnotes" '
                        b'Target="footnotes.xml"/></Relationships>',
                    )
                target.writestr(item, data)
            target.writestr("word/footnotes.xml", footnotes_xml)
        return output.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def zip_bomb_docx(unpacked_bytes: int) -> bytes:
    """A small .docx whose document part unpacks to `unpacked_bytes` of zeros' worth."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk) + 1):
                member.write(chunk)
    return output.getvalue()


def corrupt_docx() -> bytes:
    """The first half of a real Word file, as a broken download leaves it."""
    data = resolution_docx()
    return data[: len(data) // 2]
