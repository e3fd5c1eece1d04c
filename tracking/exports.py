"""
The mandate list as files: CSV, XLSX and JSON with one set of columns, and the
iCalendar feed of deadlines.

Every format is written from the same COLUMNS, so a header never means one thing
in the CSV and another in the spreadsheet, and the headers are codes that do not
change with the interface language. The files are written while the rows are
read (`iterator(chunk_size=…)`), so an export of the whole database holds one
chunk of mandates in memory, never the list.

The "id" and "version" columns are what lets an edited XLSX come back
(tracking/roundtrip.py): the id finds the mandate, the version tells whether it
changed since the export. "comment" is left empty for the person editing.
"""

import csv
import datetime
import json
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tracking.models import CalendarFeed, Mandate, Status

# Mandates read per query. The addressees are prefetched once per chunk, so the
# number of queries of an export grows by one per CHUNK_SIZE rows, not per row.
CHUNK_SIZE = 1000

SHEET_TITLE = "Mandates"
# Excel keeps at most this many characters in a cell.
XLSX_MAX_CELL = 32_767


@dataclass(frozen=True)
class ExportContext:
    """What a row needs besides the mandate: where links point, which language
    deadlines are written in (fixed up front, since a streamed response is
    written after the view has returned)."""

    base_url: str
    language: str = "en"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Mandate, ExportContext], object]
    width: int = 14  # characters, for the spreadsheet


def _addressees(mandate: Mandate, context: ExportContext) -> str:
    # .all() reads the prefetched addressees: no query per row.
    return ";".join(actor.key for actor in mandate.addressees.all())


def _updated_at(mandate: Mandate, context: ExportContext) -> str:
    return timezone.localtime(mandate.updated_at).isoformat(timespec="seconds")


COLUMNS: list[Column] = [
    Column("id", lambda m, c: m.pk, 8),
    Column("resolution", lambda m, c: m.paragraph.resolution.symbol, 18),
    Column("paragraph", lambda m, c: m.paragraph.reference, 10),
    Column("action", lambda m, c: m.action, 12),
    Column("addressees", _addressees, 24),
    Column("deliverable", lambda m, c: m.deliverable, 50),
    Column("deadline", lambda m, c: m.deadline_text(c.language), 36),
    Column("due_date", lambda m, c: m.due_date, 12),
    Column("status", lambda m, c: m.status, 16),
    Column("focal_point", lambda m, c: m.focal_point.get_username() if m.focal_point else "", 16),
    Column("urgent", lambda m, c: m.urgent, 8),
    Column("updated_at", _updated_at, 26),
    Column("version", lambda m, c: m.version, 8),
    Column("url", lambda m, c: c.base_url + m.get_absolute_url(), 40),
    # Left empty: what the person editing the spreadsheet writes for the history.
    Column("comment", lambda m, c: "", 40),
]
HEADERS: list[str] = [column.header for column in COLUMNS]
EDITABLE = ("status", "focal_point", "comment")


def export_rows(queryset: QuerySet, context: ExportContext) -> Iterator[list]:
    """One list of Python values per mandate, in the order of COLUMNS."""
    for mandate in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [column.value(mandate, context) for column in COLUMNS]


def _attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def export_filename(extension: str) -> str:
    return f"mandates-{timezone.localdate().isoformat()}.{extension}"


# CSV ---------------------------------------------------------------------------------------


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        # A deliverable typed as "=HYPERLINK(…)" must not run when the CSV is
        # opened in a spreadsheet: the quote makes it text (OWASP's advice).
        return "'" + value
    return str(value)


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADERS)
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


def csv_response(queryset: QuerySet, *, context: ExportContext) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(export_rows(queryset, context)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _attachment(export_filename("csv"))
    return response


# JSON --------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def json_chunks(rows: Iterable[list]) -> Iterator[str]:
    """A JSON array of objects keyed by HEADERS, written one object at a time."""
    yield "["
    separator = "\n"
    for row in rows:
        record = {header: _json_value(value) for header, value in zip(HEADERS, row, strict=True)}
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def json_response(queryset: QuerySet, *, context: ExportContext) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        json_chunks(export_rows(queryset, context)), content_type="application/json"
    )
    response["Content-Disposition"] = _attachment(export_filename("json"))
    return response


# XLSX --------------------------------------------------------------------------------------


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        # openpyxl refuses control characters (PDFs leave form feeds in texts).
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL]
        if value.startswith("="):
            # openpyxl would store it as a formula; keep it text.
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"  # shows the ISO date, stays a date for sorting
        return cell
    return value


def xlsx_write(rows: Iterable[list], file) -> int:
    """Write the rows to `file` as an XLSX workbook; returns the number of rows.

    A write-only workbook streams each row to a temporary file of its own as it
    is appended, so memory does not grow with the number of rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    # A drop-down of the statuses in the status column; typing a label or a
    # status the pipeline forbids is still caught when the file comes back.
    status_column = get_column_letter(HEADERS.index("status") + 1)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(Status.values) + '"', allow_blank=False
    )
    validation.error = "Choose a status from the list."
    validation.errorStyle = "warning"
    validation.add(f"{status_column}2:{status_column}{max(count + 1, 2)}")
    sheet.data_validations.append(validation)
    workbook.save(file)
    return count


def xlsx_response(queryset: QuerySet, *, context: ExportContext) -> FileResponse:
    # The workbook is finished before the first byte is sent (a ZIP's directory
    # comes last), so it goes to a temporary file rather than to memory; the
    # file is deleted when the response closes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    try:
        xlsx_write(export_rows(queryset, context), file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return FileResponse(
        file,
        as_attachment=True,
        filename=export_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# iCalendar feed ------------------------------------------------------------------------------


def calendar_feed_issue(*, user) -> CalendarFeed:
    """Give the user a feed with a new secret: creates it, or regenerates it so
    that the old address stops working."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_feed_revoke(*, user) -> bool:
    """Revoking deletes the feed: its address answers 404 from then on."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def calendar_mandates(queryset: QuerySet) -> QuerySet:
    """What a calendar shows: open mandates that have a due date."""
    return queryset.open().filter(due_date__isnull=False)


def _uid_domain() -> str:
    return urlsplit(settings.SITE_ROOT).hostname or "suivi"


def calendar_event(mandate: Mandate, context: ExportContext) -> icalendar.Event:
    addressees = ", ".join(actor.name for actor in mandate.addressees.all())
    paragraph = mandate.paragraph
    url = context.base_url + mandate.get_absolute_url()
    event = icalendar.Event()
    # Stable per mandate, so calendar programs update the event instead of adding one.
    event.add("uid", f"mandate-{mandate.pk}@{_uid_domain()}")
    # The feed has no METHOD, so DTSTAMP is when the information last changed.
    event.add("dtstamp", mandate.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", mandate.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", mandate.due_date)
    event.add("dtend", mandate.due_date + datetime.timedelta(days=1))
    event.add(
        "summary",
        f"{paragraph.resolution.symbol} {paragraph.reference} — "
        f"{addressees}: {mandate.get_action_display()}",
    )
    description = [mandate.deadline_text(context.language), mandate.deliverable, url]
    event.add("description", "\n".join(line for line in description if line))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def ical_chunks(queryset: QuerySet, context: ExportContext, name: str) -> Iterator[bytes]:
    """A VCALENDAR written one VEVENT at a time (an icalendar Calendar would be
    built whole in memory first)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Suivi//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    end = b"END:VCALENDAR\r\n"
    head = calendar.to_ical()
    yield head[: -len(end)]
    # Labels (the action, the actors' names) in the language fixed by the view.
    with translation.override(context.language):
        for mandate in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield calendar_event(mandate, context).to_ical()
    yield end


def ical_response(queryset: QuerySet, *, context: ExportContext, name: str):
    response = StreamingHttpResponse(
        ical_chunks(calendar_mandates(queryset), context, name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="suivi-deadlines.ics"'
    return response
