"""
The mandate list as files: CSV, XLSX and JSON with one set of columns, and the
iCalendar feed of deadlines.

Every format is written from the same COLUMNS, so a column never means one thing
in the CSV and another in the spreadsheet. The files people read (CSV, XLSX) speak
the reader's language: headers, statuses, actions, addressees' names, deadlines, yes
and no, and dates written as text; the codes stay in columns of their own (status
code, action code, addressee keys), so that a script can keep to them. The JSON is
for programs: its keys are the columns' keys, which do not change with the language,
and it holds the labels beside the codes. The files are written while the rows are
read (`iterator(chunk_size=…)`), so an export of the whole database holds one
chunk of mandates in memory, never the list.

Each row holds the mandate's latest public note and its date, by the rule the report
and the API follow (tracking.reports.selectors.public_notes): never an internal note,
never the review's workflow, never an entry Suivi wrote itself. It is read by the
rows' own query, so an export still runs one query per chunk of rows.

An export reads plain values (ExportRow), not Mandate instances: at 10,000 rows,
building the list's model instances, prefetching the addressees as Actor instances
and calling reverse() per row took most of the time (docs/performance.md, finding 5).
The addressees come from one query per chunk of rows.

The "id" and "version" columns are what lets an edited XLSX come back
(tracking/exports/roundtrip.py): the id finds the mandate, the version tells whether it
changed since the export. "comment" is left empty for the person editing. Files
exported before the headers spoke the reader's language (LEGACY_HEADERS) still come
back.
"""

import csv
import datetime
import json
import logging
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from copy import copy
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from typing import NamedTuple
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config.csvfiles import BOM
from resolutions.models import paragraph_reference
from tracking.models import (
    ACTION_LABELS,
    STATUS_LABELS,
    CalendarFeed,
    Mandate,
    Status,
    deadline_words,
    mandate_url,
)
from tracking.reports.selectors import with_latest_note

logger = logging.getLogger(__name__)

# Mandates read per query. The addressees are read once per chunk, so the number
# of queries of an export grows by one per CHUNK_SIZE rows, not per row.
CHUNK_SIZE = 1000

SHEET_TITLE = "Mandates"  # the English title; a file's sheet has the reader's (sheet_title)
# Excel keeps at most this many characters in a cell.
XLSX_MAX_CELL = 32_767


@dataclass(frozen=True)
class ExportContext:
    """What a row needs besides the mandate: where links point, which language
    deadlines are written in (fixed up front, since a streamed response is
    written after the view has returned)."""

    base_url: str
    language: str = "en"

    def mandate_url(self, pk: int) -> str:
        return self.base_url + mandate_url(pk)

    @cached_property
    def _words(self) -> dict:
        """The labels a file shows, in its language, translated once per export."""
        with translation.override(self.language):
            return {
                "status": {code: capfirst(str(label)) for code, label in STATUS_LABELS.items()},
                "action": {code: capfirst(str(label)) for code, label in ACTION_LABELS.items()},
                "yes": str(_("yes")),
                "no": str(_("no")),
                "headers": [str(column.label) for column in COLUMNS],
                "sheet": str(_("Mandates")),
            }

    @cached_property
    def _deadline_words(self) -> Callable[..., str]:
        # Rows share few deadlines (a session's, a date's), and writing one in words
        # takes a date formatted in the language: the words of the last thousand are kept.
        @lru_cache(maxsize=1024)
        def words(relation, session_number, session_start, date, well_before) -> str:
            return deadline_words(
                relation=relation,
                session_number=session_number,
                session_start=session_start,
                date=date,
                well_before=well_before,
                language=self.language,
            )

        return words

    @cached_property
    def zone(self) -> datetime.tzinfo:
        """The time zone dates are written in, asked once rather than for every row."""
        return timezone.get_current_timezone()

    def deadline(self, row: "ExportRow") -> str:
        """The row's deadline in words, in this language."""
        return self._deadline_words(
            row.deadline_relation,
            row.session_number,
            row.session_start,
            row.deadline_date,
            row.well_before,
        )

    def status_label(self, code: str) -> str:
        return self._words["status"].get(code, code)

    def action_label(self, code: str) -> str:
        return self._words["action"].get(code, code)

    @property
    def status_labels(self) -> list[str]:
        return [self._words["status"][code] for code in Status.values]

    @property
    def headers(self) -> list[str]:
        """The headers of the files people read, in this language."""
        return self._words["headers"]

    @property
    def sheet_title(self) -> str:
        return self._words["sheet"]

    def yes_no(self, value: bool) -> str:
        return self._words["yes" if value else "no"]

    def text(self, value) -> object:
        """A value as the files people read write it: yes or no, dates in the
        language's numeric form (ISO in English, as before; day/month/year in French)."""
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, datetime.datetime):
            if self.language == "fr":
                return value.strftime("%d/%m/%Y %H:%M")
            return value.isoformat(timespec="seconds")
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y") if self.language == "fr" else value.isoformat()
        return value

    @property
    def date_format(self) -> str:
        """How a spreadsheet shows a date cell (it stays a date, for sorting)."""
        return "dd/mm/yyyy" if self.language == "fr" else "yyyy-mm-dd"


class ExportRow(NamedTuple):
    """A mandate as the exports read it: the values of _row_lookups(), in that order,
    then its addressees."""

    pk: int
    resolution: str  # the symbol
    paragraph_kind: str
    paragraph_number: int
    paragraph_label: str
    action: str
    deliverable: str
    deadline_relation: str
    session_number: int | None
    session_start: datetime.date | None
    deadline_date: datetime.date | None
    well_before: bool
    due_date: datetime.date | None
    status: str
    focal_point: str | None  # the user name
    urgent: bool
    updated_at: datetime.datetime
    version: int
    latest_note: str | None  # the latest public note (public_notes), and when it was written
    latest_note_at: datetime.datetime | None
    # The addressees' keys, and their names in the export's language, in the list's order.
    addressees: tuple[str, ...]
    addressee_names: tuple[str, ...]

    @property
    def paragraph(self) -> str:
        return paragraph_reference(
            kind=self.paragraph_kind, number=self.paragraph_number, label=self.paragraph_label
        )

    def deadline_text(self, language: str) -> str:
        return deadline_words(
            relation=self.deadline_relation,
            session_number=self.session_number,
            session_start=self.session_start,
            date=self.deadline_date,
            well_before=self.well_before,
            language=language,
        )


def _row_lookups() -> tuple[str, ...]:
    """What an export reads of each mandate, in ExportRow's order (addressees aside)."""
    return (
        "pk",
        "resolution__symbol",
        "paragraph__kind",
        "paragraph__number",
        "paragraph__label",
        "action",
        "deliverable",
        "deadline_relation",
        "deadline_session__number",
        "deadline_session__start_date",
        "deadline_date",
        "well_before",
        "due_date",
        "status",
        "focal_point__" + get_user_model().USERNAME_FIELD,
        "urgent",
        "updated_at",
        "version",
        "latest_note",
        "latest_note_at",
    )


def export_queryset(queryset: QuerySet) -> QuerySet:
    """The list's queryset, filtered and ordered as it is, reading only the exported
    values: none of the list's joins it does not need (recalls and their paragraph,
    the deadline's body), no search text or internal notes, no model instances; the
    latest public note comes from subqueries of the same statement."""
    queryset = queryset.select_related(None).prefetch_related(None)
    return with_latest_note(queryset).values_list(*_row_lookups())


def _addressees(
    mandate_ids: list[int], language: str
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The addressees' keys and names (in `language`) of each mandate, in one query,
    ordered by English name as the list's prefetch orders them."""
    name = "actor__name_fr" if language == "fr" else "actor__name_en"
    rows = (
        Mandate.addressees.through.objects.filter(mandate_id__in=mandate_ids)
        .order_by("actor__name_en")
        .values_list("mandate_id", "actor__key", name)
    )
    grouped: dict[int, tuple[list[str], list[str]]] = {}
    for mandate_id, key, actor_name in rows:
        keys, names = grouped.setdefault(mandate_id, ([], []))
        keys.append(key)
        names.append(actor_name)
    return {
        mandate_id: (tuple(keys), tuple(names)) for mandate_id, (keys, names) in grouped.items()
    }


def read_rows(queryset: QuerySet, *, language: str = "en") -> Iterator[ExportRow]:
    """The queryset's mandates as ExportRows, read CHUNK_SIZE at a time; the
    addressees are read once per chunk, their names in `language`."""
    values = export_queryset(queryset).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(values, CHUNK_SIZE)):
        addressees = _addressees([row[0] for row in chunk], language)
        for row in chunk:
            yield ExportRow(*row, *addressees.get(row[0], ((), ())))


@dataclass(frozen=True)
class Column:
    key: str  # the JSON's key, the same in every language
    label: str  # the header of the files people read, translated
    value: Callable[[ExportRow, ExportContext], object]
    width: int = 14  # characters, for the spreadsheet
    wrap: bool = False  # long text, wrapped in the spreadsheet


def _updated_at(row: ExportRow, context: ExportContext) -> datetime.datetime:
    return row.updated_at.astimezone(context.zone).replace(microsecond=0)


def _note_date(row: ExportRow, context: ExportContext) -> datetime.date | None:
    return row.latest_note_at.astimezone(context.zone).date() if row.latest_note_at else None


# The labels first, in the order a person reads a mandate; then what the round trip needs
# (the comment to write, the version); then the codes, for programs.
COLUMNS: list[Column] = [
    Column("id", _("Id"), lambda r, c: r.pk, 8),
    Column("resolution", _("Resolution"), lambda r, c: r.resolution, 18),
    Column("paragraph", _("Paragraph"), lambda r, c: r.paragraph, 11),
    Column("action_label", _("Action"), lambda r, c: c.action_label(r.action), 16),
    Column(
        "addressee_names",
        _("Addressees"),
        lambda r, c: "; ".join(r.addressee_names),
        30,
        wrap=True,
    ),
    Column("deliverable", _("What is asked"), lambda r, c: r.deliverable, 50, wrap=True),
    Column("deadline", _("Deadline"), lambda r, c: c.deadline(r), 36, wrap=True),
    Column("due_date", _("Due date"), lambda r, c: r.due_date, 12),
    Column("status_label", _("Status"), lambda r, c: c.status_label(r.status), 22),
    Column("focal_point", _("Focal point"), lambda r, c: r.focal_point or "", 16),
    Column("urgent", _("Urgent"), lambda r, c: r.urgent, 8),
    Column("latest_note", _("Latest public note"), lambda r, c: r.latest_note or "", 50, wrap=True),
    Column("latest_note_at", _("Date of the latest note"), _note_date, 12),
    # Left empty: what the person editing the spreadsheet writes for the history.
    Column("comment", _("Comment for the history"), lambda r, c: "", 40, wrap=True),
    Column("version", _("Version"), lambda r, c: r.version, 8),
    Column("updated_at", _("Last changed"), _updated_at, 20),
    Column("url", _("Address"), lambda r, c: c.mandate_url(r.pk), 40),
    Column("status", _("Status code"), lambda r, c: r.status, 14),
    Column("action", _("Action code"), lambda r, c: r.action, 12),
    Column("addressees", _("Addressee keys"), lambda r, c: ";".join(r.addressees), 24),
]
KEYS: list[str] = [column.key for column in COLUMNS]
# The header row of the files exported before the headers were translated: codes, in
# this order. Such files still come back (tracking/exports/roundtrip.py).
LEGACY_HEADERS: list[str] = [
    "id",
    "resolution",
    "paragraph",
    "action",
    "addressees",
    "deliverable",
    "deadline",
    "due_date",
    "status",
    "focal_point",
    "urgent",
    "updated_at",
    "version",
    "url",
    "comment",
]
EDITABLE = ("status_label", "focal_point", "comment")


def headers(language: str) -> list[str]:
    """The header row of the CSV and XLSX files in `language`."""
    return ExportContext(base_url="", language=language).headers


def export_rows(queryset: QuerySet, context: ExportContext) -> Iterator[list]:
    """One list of Python values per mandate of the list's queryset, in the order of
    COLUMNS: codes, dates and booleans as they are, labels in the context's language."""
    for row in read_rows(queryset, language=context.language):
        yield [column.value(row, context) for column in COLUMNS]


def reader_rows(rows: Iterable[list], context: ExportContext) -> Iterator[list]:
    """The rows as the CSV writes them for a person: yes and no, dates as text."""
    for row in rows:
        yield [context.text(value) for value in row]


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


def csv_lines(rows: Iterable[list], headers: list[str]) -> Iterator[str]:
    """The lines of a CSV file to download, headers first, every value protected from
    being run as a formula. The file starts with the UTF-8 byte-order mark, without which
    Excel on Windows reads "États" as "Ã‰tats" (config/csvfiles.py); every CSV download
    is written here, so none lacks it."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(headers)
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


def csv_response(queryset: QuerySet, *, context: ExportContext) -> StreamingHttpResponse:
    rows = reader_rows(export_rows(queryset, context), context)
    response = StreamingHttpResponse(
        csv_lines(rows, context.headers), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _attachment(export_filename("csv"))
    return response


# JSON --------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def json_chunks(rows: Iterable[list]) -> Iterator[str]:
    """A JSON array of objects keyed by the columns' KEYS, written one object at a time."""
    yield "["
    separator = "\n"
    for row in rows:
        record = {key: _json_value(value) for key, value in zip(KEYS, row, strict=True)}
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


# Long text wraps in its column and reads from the top of its row.
WRAPPED = Alignment(wrap_text=True, vertical="top")


class _Styles:
    """The styles of a sheet's cells, each made once: giving a cell its style by name
    looks the style up in the workbook every time, which at thousands of rows costs
    more than writing the cells."""

    def __init__(self, sheet, date_format: str):
        def style(**attributes):
            cell = WriteOnlyCell(sheet)
            for name, value in attributes.items():
                setattr(cell, name, value)
            return cell._style

        self.wrapped = style(alignment=WRAPPED)
        self.date = style(number_format=date_format)
        self.datetime = style(number_format=date_format + " hh:mm")

    @staticmethod
    def cell(sheet, value, style):
        cell = WriteOnlyCell(sheet, value=value)
        cell._style = copy(style)
        return cell


def _xlsx_cell(sheet, value, styles: _Styles, *, wrap: bool = False):
    if isinstance(value, str):
        # openpyxl refuses control characters (PDFs leave form feeds in texts).
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL]
        if wrap and value:
            cell = styles.cell(sheet, value, styles.wrapped)
        elif value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
        else:
            return value
        # openpyxl would store "=…" as a formula; keep it text.
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the local time, as the interface shows it.
        return styles.cell(sheet, value.replace(tzinfo=None), styles.datetime)
    if isinstance(value, datetime.date):
        return styles.cell(sheet, value, styles.date)  # stays a date for sorting
    return value


def xlsx_write(
    rows: Iterable[list],
    file,
    *,
    headers: list[str],
    widths: list[int] | None = None,
    title: str = SHEET_TITLE,
    status_header: str | None = None,
    status_choices: list[str] | None = None,
    status_blank: bool = False,
    freeze: str = "A2",
    wrapped: set[int] = frozenset(),
    date_format: str = "yyyy-mm-dd",
    validation_error: str = "Choose a status from the list.",
) -> int:
    """Write the rows to `file` as an XLSX workbook; returns the number of rows.

    `status_header` names the column that gets a drop-down of `status_choices` (the
    status codes unless others are given; None: no drop-down), which may be left empty
    when `status_blank`. The columns at the indexes `wrapped` wrap their text; dates are
    shown in `date_format`. The header row stays in view and has filters.

    A write-only workbook streams each row to a temporary file of its own as it
    is appended, so memory does not grow with the number of rows.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths or [], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    styles = _Styles(sheet, date_format)
    count = 0
    for row in rows:
        sheet.append(
            [
                _xlsx_cell(sheet, value, styles, wrap=index in wrapped)
                for index, value in enumerate(row)
            ]
        )
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    if status_header is not None:
        # A drop-down of the statuses in the status column; typing a label or a
        # status the pipeline forbids is still caught when the file comes back.
        status_column = get_column_letter(headers.index(status_header) + 1)
        choices = Status.values if status_choices is None else status_choices
        validation = DataValidation(
            type="list", formula1='"' + ",".join(choices) + '"', allow_blank=status_blank
        )
        validation.error = validation_error
        validation.errorStyle = "warning"
        validation.add(f"{status_column}2:{status_column}{max(count + 1, 2)}")
        sheet.data_validations.append(validation)
    workbook.save(file)
    return count


def xlsx_file_response(write: Callable[[object], object], *, filename: str) -> FileResponse:
    """An XLSX download written by `write(file)`.

    The workbook is finished before the first byte is sent (a ZIP's directory
    comes last), so it goes to a temporary file rather than to memory; the
    file is deleted when the response closes it."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    try:
        write(file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return FileResponse(
        file,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def mandates_xlsx_write(rows: Iterable[list], file, context: ExportContext) -> int:
    """The mandate list's workbook, in the context's language: its headers, widths and
    wrapped columns, yes and no written out, a drop-down of the statuses' labels."""
    with translation.override(context.language):
        validation_error = str(_("Choose a status from the list."))
    return xlsx_write(
        ([context.yes_no(v) if isinstance(v, bool) else v for v in row] for row in rows),
        file,
        headers=context.headers,
        widths=[column.width for column in COLUMNS],
        title=context.sheet_title,
        status_header=context.headers[KEYS.index("status_label")],
        status_choices=context.status_labels,
        wrapped={index for index, column in enumerate(COLUMNS) if column.wrap},
        date_format=context.date_format,
        validation_error=validation_error,
    )


def xlsx_response(queryset: QuerySet, *, context: ExportContext) -> FileResponse:
    return xlsx_file_response(
        lambda file: mandates_xlsx_write(export_rows(queryset, context), file, context),
        filename=export_filename("xlsx"),
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


def calendar_event(row: ExportRow, context: ExportContext) -> icalendar.Event:
    """The event of a mandate read with its addressees' names (read_rows)."""
    addressees = ", ".join(row.addressee_names)
    action = ACTION_LABELS.get(row.action, row.action)
    url = context.mandate_url(row.pk)
    updated_at = row.updated_at.astimezone(datetime.UTC)
    event = icalendar.Event()
    # Stable per mandate, so calendar programs update the event instead of adding one.
    event.add("uid", f"mandate-{row.pk}@{_uid_domain()}")
    # The feed has no METHOD, so DTSTAMP is when the information last changed.
    event.add("dtstamp", updated_at)
    event.add("last-modified", updated_at)
    event.add("dtstart", row.due_date)
    event.add("dtend", row.due_date + datetime.timedelta(days=1))
    event.add("summary", f"{row.resolution} {row.paragraph} — {addressees}: {action}")
    description = [row.deadline_text(context.language), row.deliverable, url]
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
    # The actors' names (Actor.name) and the action's label in the language fixed by
    # the view.
    with translation.override(context.language):
        for row in read_rows(queryset, language=context.language):
            try:
                event = calendar_event(row, context)
            except (OverflowError, ValueError):
                # One date at the edge of the calendar (typed before dates were checked)
                # must not cut every subscriber's feed short.
                logger.warning("Mandate %s left out of a feed: due date %s", row.pk, row.due_date)
                continue
            yield event.to_ical()
    yield end


def ical_response(queryset: QuerySet, *, context: ExportContext, name: str):
    response = StreamingHttpResponse(
        ical_chunks(calendar_mandates(queryset), context, name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="suivi-deadlines.ics"'
    return response
