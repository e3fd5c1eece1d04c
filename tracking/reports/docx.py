"""The implementation report as a Word document, the same content as the printable page,
for staff to edit into the report to the Assembly. Written with python-docx, in the
language that is active when it is called."""

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from config.typography import colon_text, date_text, number_text
from tracking.reports.selectors import Report


def report_docx(report: Report) -> bytes:
    language = (get_language() or "en")[:2]
    document = Document()
    document.core_properties.title = f"{_('Implementation report')} — {report.title}"
    document.core_properties.language = language
    as_at = _("As at %(date)s") % {"date": date_text(report.as_at)}
    _running_header(document, f"{_('Implementation report')} — {report.title} — {as_at}")

    document.add_heading(_("Implementation report — %(title)s") % {"title": report.title}, 0)
    if report.subtitle:
        document.add_paragraph(report.subtitle, style="Subtitle")
    document.add_paragraph(f"{as_at}. {_('Status of the requests as recorded in Suivi.')}")

    document.add_heading(_("Summary"), 1)
    _table(
        document,
        [_("Status"), _("Requests")],
        [
            *[[label, number_text(count)] for _code, label, count in report.by_status],
            [_("Total"), number_text(report.total)],
        ],
    )
    if report.by_addressee:
        document.add_heading(_("By addressee"), 2)
        _table(
            document,
            [_("Addressee"), _("Total"), *[label for _code, label, _n in report.by_status]],
            [
                [row["name"], number_text(row["total"]), *map(number_text, row["counts"])]
                for row in report.by_addressee
            ],
        )
    if report.under_review:
        document.add_paragraph(_under_review_sentence(report))

    for row in report.rows:
        paragraph = row["paragraph"]
        document.add_heading(
            _("%(symbol)s, operative paragraph %(number)s")
            % {"symbol": paragraph.resolution.symbol, "number": paragraph.number},
            1,
        )
        document.add_paragraph(row["text"], style="Quote")
        _table(
            document,
            [_("Request"), _("Deadline"), _("Status"), _("Latest note")],
            [
                [
                    _request(mandate),
                    _deadline(mandate, language),
                    mandate.get_status_display(),
                    mandate.latest_comment or "—",
                ]
                for mandate in row["mandates"]
            ],
        )
    if not report.rows:
        document.add_paragraph(_("No accepted mandate yet."))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _under_review_sentence(report: Report) -> str:
    references = ", ".join(
        _("%(symbol)s, paragraph %(number)s")
        % {"symbol": row["resolution__symbol"], "number": row["paragraph__number"]}
        for row in report.under_review
    )
    return _(
        "Not in this report yet, the requests of these paragraphs are still being "
        "reviewed: %(references)s."
    ) % {"references": references}


def _request(mandate) -> str:
    names = ", ".join(actor.name for actor in mandate.addressees.all())
    request = f"{mandate.get_action_display().capitalize()}{colon_text()} {names}"
    if mandate.deliverable:
        request += f" — {mandate.deliverable}"
    return request


def _deadline(mandate, language: str) -> str:
    if not mandate.deadline_relation:
        return "—"
    text = mandate.deadline_text(language)
    return f"{text} ({_('Overdue').lower()})" if mandate.is_overdue() else text


def _table(document, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_as_header(table.rows[0])
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.add_paragraph()


def _repeat_as_header(row) -> None:
    """The heading row repeats at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _running_header(document, text: str) -> None:
    """The title on top of every page, and the page number at the foot."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = text
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    footer._p.append(field)
