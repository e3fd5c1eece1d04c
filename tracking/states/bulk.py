"""
Bulk entry of the States' progress: secretariat staff export the per-State statuses of one
mandate, or of a whole resolution, as XLSX, edit them in a spreadsheet program and upload
the file back, through the same preview-then-apply flow as the mandate spreadsheet
(tracking/exports/roundtrip.py, whose reading of the file this shares: sheets.py).

The rules:

- One row per mandate and State it concerns (the matrix's cells, not-asked ones left out).
  The headers and statuses are in the reader's language, as the mandate list's exports
  (a status may also be written as its code or in the other language); a file in
  English, in French, or exported before the headers were translated (the keys as
  headers: LEGACY_HEADERS) is read. Only the status, the evidence link and the comment
  are read; the mandate id, the ISO code and the version say which cell the row is and
  which version of it was exported; the rest is for the reader.
- A row changes its cell when its status or evidence link differs from what is recorded,
  or when its comment is not empty. An empty status means "no information": it may stay
  empty, but a recorded status cannot be emptied. Rows left as exported, and cells missing
  from the file, are not touched.
- Problems: a mandate that is not a visible, accepted one, a code that is no State of the
  registry, a State the mandate does not concern, the same cell twice, a status that is
  not one or a move the status pipeline forbids, a link that is no web address, a stale row
  (its version is no longer the cell's: someone recorded progress since the export, and
  applying the row would undo it). While any problem remains, nothing is applied.
- Applying is one transaction that reads the file and the database again and calls
  state_progress_set for each change, which checks each cell's version once more and
  writes its history entry, marked as imported (the comment is the file's, if any).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracking.exports.formats import xlsx_write
from tracking.exports.sheets import (
    Layout,
    Problem,
    apply_all,
    by_id,
    layouts_in_both_languages,
    read_sheet,
    row_keys,
    status_code,
    status_codes,
    text,
)
from tracking.models import STATUS_LABELS, TRANSITIONS, Actor, Mandate, Status
from tracking.states import services
from tracking.states.matrix import NO_INFORMATION, Cell, Matrix, concerned_states, progress_of
from tracking.states.models import State
from tracking.states.selectors import registry

SHEET_TITLE = "States' progress"  # the English title; a file's sheet has the reader's


@dataclass(frozen=True)
class Column:
    key: str  # what _parse_row asks for, the same in every language
    label: str  # the header the reader sees, translated
    width: int  # characters, for the spreadsheet


COLUMNS = [
    Column("mandate_id", gettext_lazy("Mandate id"), 10),
    Column("resolution", gettext_lazy("Resolution"), 18),
    Column("paragraph", gettext_lazy("Paragraph"), 11),
    Column("request", gettext_lazy("Request"), 40),
    Column("iso3", gettext_lazy("ISO code"), 9),
    Column("state", gettext_lazy("State"), 28),
    Column("status", gettext_lazy("Status"), 18),
    Column("version", gettext_lazy("Version"), 8),
    Column("evidence_url", gettext_lazy("Evidence link"), 40),
    Column("comment", gettext_lazy("Comment for the history"), 40),
]
KEYS = [column.key for column in COLUMNS]
# The files exported before the headers spoke the reader's language had the keys as
# headers; they still come back.
LEGACY_HEADERS = KEYS
MAX_URL = 500


def headers(language: str) -> list[str]:
    """The file's header row in `language`."""
    with translation.override(language):
        return [str(column.label) for column in COLUMNS]


# The file ----------------------------------------------------------------------------------


def entry_rows(matrix: Matrix, *, mandate_id: int | None = None) -> list[list]:
    """The rows of the file: each cell of the matrix a State is asked, by mandate then
    State as the matrix orders them; only one mandate's when `mandate_id` is given."""
    rows = []
    for index, column in enumerate(matrix.columns):
        if mandate_id is not None and column.mandate.pk != mandate_id:
            continue
        for row in matrix.rows:
            cell = row.cells[index]
            if not cell.concerned:
                continue
            rows.append(
                [
                    column.mandate.pk,
                    matrix.resolution.symbol,
                    column.reference,
                    column.label,
                    row.iso3,
                    row.name,
                    "" if cell.code == NO_INFORMATION else str(STATUS_LABELS[cell.code]),
                    cell.version,
                    cell.evidence_url,
                    "",  # for the person editing: what the history entry will say
                ]
            )
    return rows


def entry_xlsx_write(rows: list[list], file) -> int:
    """The workbook of `entry_rows`, headers, statuses and sheet title in the reader's
    language (the mandate list's exports speak it too), a drop-down of the statuses."""
    labels = headers(translation.get_language())
    return xlsx_write(
        rows,
        file,
        headers=labels,
        widths=[column.width for column in COLUMNS],
        title=capfirst(_("States' progress")),
        status_header=labels[KEYS.index("status")],
        status_choices=[str(STATUS_LABELS[code]) for code in Status.values],
        status_blank=True,
        validation_error=_("Choose a status from the list."),
    )


def entry_filename(matrix: Matrix, mandate_id: int | None) -> str:
    symbol = "".join(c if c.isalnum() or c in "-." else "-" for c in matrix.resolution.symbol)
    part = f"-{mandate_id}" if mandate_id is not None else ""
    return f"states-progress-{symbol}{part}-{timezone.localdate().isoformat()}.xlsx"


# Reading it back -----------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    mandate_id: int
    iso3: str
    version: int
    status: str
    evidence_url: str
    comment: str


@dataclass
class Change:
    row: int
    mandate: Mandate
    state: State | None  # read once the plan has no problem
    state_pk: int
    iso3: str
    state_name: str
    version: int  # the version the row was exported at
    old_status: str  # "" when nothing was recorded
    new_status: str
    evidence_url: str
    comment: str

    @property
    def old_status_label(self) -> str:
        return STATUS_LABELS.get(self.old_status, "") or _("No information")

    @property
    def new_status_label(self) -> str:
        return STATUS_LABELS.get(self.new_status, self.new_status)

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status


@dataclass
class Plan:
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False


def _parse_row(number: int, cell) -> tuple[_Row | None, list[Problem]]:
    keys, problems = row_keys(number, cell, id_header="mandate_id")
    if keys is None:
        return None, problems
    row = _Row(
        number=number,
        mandate_id=keys.mandate_id,
        iso3=text(cell("iso3")).upper(),
        version=keys.version,
        status=text(cell("status")),
        evidence_url=text(cell("evidence_url")),
        comment=keys.comment,
    )
    return row, []


def read_rows(path: Path) -> tuple[list[_Row], list[Problem], int]:
    return read_sheet(
        path,
        layouts=layouts_in_both_languages(headers, KEYS, legacy=Layout.of(LEGACY_HEADERS)),
        sheet_title=SHEET_TITLE,
        parse_row=_parse_row,
        too_many_rows=_(
            "The file has more than %(limit)s rows; export one mandate, or a regional group."
        ),
    )


def _mandates(user, ids: list[int]) -> dict[int, Mandate]:
    """The visible, accepted mandates among the ids, with what deciding which States they
    concern needs."""
    visible = (
        Mandate.objects.visible_to(user)
        .live()
        .select_related("paragraph", "resolution")
        .defer("search_text", "internal_notes")
        .prefetch_related(Prefetch("addressees", queryset=Actor.objects.order_by("pk")))
    )
    return by_id(visible, ids)


def _url_problem(url: str) -> str | None:
    if not url:
        return None
    if len(url) > MAX_URL:
        return _("The evidence link is longer than %(n)s characters.") % {"n": MAX_URL}
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return _("“%(url)s” is not a web address (https://…).") % {"url": url}
    return None


def _cell_refusal(row: _Row, mandate, state_pk, concerned: dict, names: dict) -> str | None:
    """Why a row names no cell the user may change, if it does not."""
    if mandate is None:
        return _("No mandate has id %(id)s, or it is not one you may change.") % {
            "id": row.mandate_id
        }
    if state_pk is None:
        return _("“%(code)s” is not the code of a State in the registry.") % {"code": row.iso3}
    if state_pk not in concerned[mandate.pk]:
        return _("Mandate %(id)s is not addressed to %(state)s.") % {
            "id": mandate.pk,
            "state": names[state_pk],
        }
    return None


def spreadsheet_plan(*, path: Path, user) -> Plan:
    """What applying the file would change, and every problem that prevents it."""
    rows, problems, count = read_rows(path)
    plan = Plan(rows=count, problems=problems)
    if not rows:
        if not problems:
            plan.problems.append(Problem(_("The file has no rows of States.")))
        return plan

    seen: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (row.mandate_id, row.iso3)
        if key in seen:
            plan.problems.append(
                Problem(
                    _("%(state)s on mandate %(id)s is also on row %(other)s.")
                    % {"state": row.iso3, "id": row.mandate_id, "other": seen[key]},
                    row.number,
                )
            )
        seen.setdefault(key, row.number)
    mandates = _mandates(user, sorted({row.mandate_id for row in rows}))
    reg = registry()
    by_iso3 = reg.by_iso3
    today = timezone.localdate()
    concerned = {
        pk: concerned_states(mandate, reg, adopted_on=mandate.resolution.adopted_on, on=today)
        for pk, mandate in mandates.items()
    }
    recorded = progress_of(list(mandates))
    codes = status_codes()

    for row in rows:
        mandate = mandates.get(row.mandate_id)
        state_pk = by_iso3.get(row.iso3)
        refusal = _cell_refusal(row, mandate, state_pk, concerned, reg.names)
        if refusal:
            plan.problems.append(Problem(refusal, row.number))
            continue
        cell = recorded.get((mandate.pk, state_pk)) or Cell(NO_INFORMATION)
        current = "" if cell.code == NO_INFORMATION else cell.code
        row_problems = []
        status = current
        if not row.status:
            if current:
                row_problems.append(_("The status is empty: a recorded status cannot be removed."))
            elif row.comment or row.evidence_url:
                row_problems.append(_("Give a status with the comment or the evidence link."))
        else:
            status = status_code(row.status, codes)
            if status is None:
                row_problems.append(_("“%(s)s” is not a status.") % {"s": row.status})
                status = current
            elif status != (base := current or Status.NOT_STARTED) and (
                status not in TRANSITIONS[base]
            ):
                row_problems.append(
                    _("The progress of a State cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": Status(base).label, "new": Status(status).label}
                )
        url_problem = _url_problem(row.evidence_url)
        if url_problem:
            row_problems.append(url_problem)
        changes_something = (
            status != current or row.evidence_url != cell.evidence_url or bool(row.comment)
        )
        if row.version != cell.version and (changes_something or row_problems):
            # The row shows the cell as it was at the export; applying it now would
            # silently undo whatever was recorded since.
            row_problems.insert(
                0,
                _(
                    "The progress of %(state)s on mandate %(id)s changed since the export "
                    "(version %(old)s, now %(new)s); export again or remove the row."
                )
                % {
                    "state": reg.names[state_pk],
                    "id": mandate.pk,
                    "old": row.version,
                    "new": cell.version,
                },
            )
        plan.problems += [Problem(message, row.number) for message in row_problems]
        if changes_something and not row_problems:
            plan.changes.append(
                Change(
                    row=row.number,
                    mandate=mandate,
                    state=None,
                    state_pk=state_pk,
                    iso3=row.iso3,
                    state_name=reg.names[state_pk],
                    version=row.version,
                    old_status=current,
                    new_status=status,
                    evidence_url=row.evidence_url,
                    comment=row.comment,
                )
            )
    plan.problems.sort(key=lambda problem: problem.row or 0)
    if plan.changes and not plan.problems:
        states = State.objects.in_bulk({change.state_pk for change in plan.changes})
        for change in plan.changes:
            change.state = states[change.state_pk]
    return plan


# Applying ----------------------------------------------------------------------------------


def _apply_change(change: Change, user) -> None:
    services.state_progress_set(
        mandate=change.mandate,
        state=change.state,
        status=change.new_status,
        user=user,
        comment=change.comment,
        evidence_url=change.evidence_url,
        expected_version=change.version,
        imported=True,
    )


def spreadsheet_apply(*, path: Path, user) -> Plan:
    """Apply every change of the file, or none. The returned plan says which."""
    return apply_all(
        path=path,
        user=user,
        plan_of=spreadsheet_plan,
        apply_change=_apply_change,
        concurrent=services.StateConcurrentEdit,
        conflict=lambda change: (
            _("The progress of %(state)s on mandate %(id)s was recorded by someone else meanwhile.")
            % {"state": change.state_name, "id": change.mandate.pk}
        ),
    )
