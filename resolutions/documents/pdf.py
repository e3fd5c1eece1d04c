"""
The text layer of a PDF, laid out as the parser knows it from text copied out of a PDF
viewer: one printed line a line, a blank line where the page leaves vertical space
(between paragraphs, above footnotes), a form feed between pages, and the columns of a
two-column header on lines of their own.

pypdf's "layout" extraction places text by its position on the page, so the vertical space
between paragraphs survives as blank lines; its plain extraction and pypdfium2's run all
lines together, and pdfminer.six, at ten times the time, cuts paragraphs into boxes that
depend on its spacing settings (README, "Files").
"""

from __future__ import annotations

import io
import logging
import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .reader import KIND_PDF, Document, DocumentRefused, Limits

# A wide horizontal space inside a line separates two columns ("United Nations … A/RES/80/8")
# unless what stands before it is a paragraph number or label ("1.", "(a)", "iv)").
_COLUMN_GAP_RE = re.compile(r" {8,}")
_LABEL_RE = re.compile(r"^(?:\d{1,4}\.?|\(?[a-z]{1,3}\)|\(?[ivxlcdm]{1,6}\)|[a-z]\.)$", re.I)
_SPACES_RE = re.compile(r" {2,}")

# Fewer letters than this on every page: there is no text layer to speak of.
_MIN_LETTERS_PER_PAGE = 20


def read_pdf(data: bytes, *, limits: Limits) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    # pypdf reports what it repairs in damaged files through logging; the refusal below
    # tells the user what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    damaged = _("The PDF file is damaged and cannot be read. Save or download it again.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt(reader)
        pages = list(reader.pages)
    except DocumentRefused:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise DocumentRefused(_encrypted_message()) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise DocumentRefused(damaged) from None
    if not pages:
        raise DocumentRefused(_("The PDF file has no pages."))

    texts: list[str] = []
    empty_pages: list[int] = []
    length = 0
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text(extraction_mode="layout")
        except Exception:  # noqa: BLE001 — pypdf raises many kinds of error on bad content
            raise DocumentRefused(
                _("Page %(page)s of the PDF file is damaged and cannot be read.") % {"page": number}
            ) from None
        text = _lines(text)
        if sum(char.isalpha() for char in text) < _MIN_LETTERS_PER_PAGE:
            empty_pages.append(number)
        texts.append(text)
        length += len(text)
        if length > limits.max_chars:
            raise DocumentRefused(
                _("The PDF's text is longer than %(limit)s characters.")
                % {"limit": limits.max_chars}
            )
    if len(empty_pages) == len(pages):
        raise DocumentRefused(
            _(
                "The PDF file has no text layer: it looks scanned (pictures of pages). Suivi "
                "does not read text from pictures; import the Word file or a PDF saved from it."
            )
        )
    warnings = []
    if empty_pages:
        warnings.append(
            ngettext(
                "Page %(pages)s of the PDF has no text layer (scanned?); its text is missing.",
                "Pages %(pages)s of the PDF have no text layer (scanned?); their text is missing.",
                len(empty_pages),
            )
            % {"pages": ", ".join(map(str, empty_pages))}
        )
    return Document(text="\n\f\n".join(texts), kind=KIND_PDF, pages=len(pages), warnings=warnings)


def _decrypt(reader) -> None:
    """Many published PDFs are encrypted only to restrict printing or copying: they open
    with an empty password, and their text is readable. Others need a password."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise DocumentRefused(_encrypted_message())


def _encrypted_message() -> str:
    return _(
        "The PDF file is protected by a password. Remove the protection (or save an "
        "unprotected copy) and import that."
    )


def _lines(page_text: str) -> str:
    lines = []
    for raw in page_text.splitlines():
        parts = _split_columns(raw.strip())
        lines.extend(parts)
    # Runs of blank lines (the empty space of a page) count as one.
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _split_columns(line: str) -> list[str]:
    pieces = _COLUMN_GAP_RE.split(line)
    parts = [pieces[0]]
    for piece in pieces[1:]:
        if _LABEL_RE.match(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [_SPACES_RE.sub(" ", part) for part in parts]
