"""What kind of file this is, the limits every kind is read under, and the text file case."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

KIND_PDF = "pdf"
KIND_WORD = "docx"
KIND_TEXT = "txt"
EXTENSIONS = (".pdf", ".docx", ".txt")


class DocumentRefused(Exception):
    """The file cannot be turned into text; ``message`` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the file as uploaded
    max_unpacked_bytes: int  # a Word file once unzipped
    max_chars: int  # the text taken out of it


@dataclass
class Document:
    text: str
    kind: str  # KIND_PDF, KIND_WORD or KIND_TEXT
    pages: int | None = None  # PDF only
    warnings: list[str] = field(default_factory=list)


# Signatures of what people upload by mistake, each with the name a person knows it by.
_PICTURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
]
_OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls: Office 97-2003 files
_ZIP = b"PK\x03\x04"


def _picture_kind(head: bytes) -> str | None:
    for signature, name in _PICTURES:
        if head.startswith(signature):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "HEIC"
    return None


def read_document(data: bytes, filename: str, *, limits: Limits) -> Document:
    """The text of a PDF, Word or text file, or DocumentRefused."""
    if len(data) > limits.max_bytes:
        raise DocumentRefused(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limits.max_bytes)}
        )
    if not data.strip():
        raise DocumentRefused(_("The file is empty."))
    head = data[:1024]
    picture = _picture_kind(head)
    if picture:
        raise DocumentRefused(
            _(
                "The file is a picture (%(kind)s), whatever its name says. Suivi reads PDF files "
                "with a text layer, Word files (.docx) and text files."
            )
            % {"kind": picture}
        )
    if head.startswith(_OLD_WORD):
        raise DocumentRefused(
            _(
                "The file is in the old Word format (.doc). Open it in Word and save it as a "
                "Word document (.docx) or as a PDF, then import that."
            )
        )
    if b"%PDF-" in head:
        from .pdf import read_pdf

        return read_pdf(data, limits=limits)
    if head.startswith(_ZIP):
        from .word import read_docx

        return read_docx(data, limits=limits)
    if filename.lower().endswith((".pdf", ".docx")):
        # A name that promises a format the content does not have: a damaged or renamed file.
        expected = _("a PDF") if filename.lower().endswith(".pdf") else _("a Word file")
        raise DocumentRefused(
            _(
                "The file is named like %(expected)s but its content is not one: it is damaged "
                "or was renamed."
            )
            % {"expected": expected}
        )
    return Document(text=read_text(data, limits=limits), kind=KIND_TEXT)


def read_text(data: bytes, *, limits: Limits) -> str:
    """A text file: UTF-8 (with or without its byte-order mark), nothing binary."""
    if b"\x00" in data:
        raise DocumentRefused(
            _(
                "The file is binary, not text, and not a PDF or Word file. Copy the text of the "
                "resolution and paste it."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentRefused(
            _("The file is not UTF-8 text. Save it as UTF-8 or paste the text instead.")
        ) from None
    return check_length(text, limits=limits)


def check_length(text: str, *, limits: Limits) -> str:
    if len(text) > limits.max_chars:
        raise DocumentRefused(
            _("The text is %(size)s characters long; the limit is %(limit)s.")
            % {"size": len(text), "limit": limits.max_chars}
        )
    return text
