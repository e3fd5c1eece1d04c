"""
The matrix of a resolution: the States as rows, the resolution's mandates addressed to
States as columns, each cell a State's progress on a mandate.

It is read in a fixed number of queries whatever the number of States and entries (the
resolution, its mandates and their addressees, the registry of States and memberships, the
per-State progress on those mandates) and built in memory: a resolution has a few dozen
mandates and the registry about two hundred States, so the whole matrix is one page, and
its filters, totals and exports all work on the same rows.

Which mandates: those the user may see (internal ones only for the secretariat) that count
(accepted: suggestions waiting for review are nobody's progress yet), addressed to a group
of States (States Parties, all States …) or to an actor that stands for one State. Which
States: those at least one of these mandates concerns, by the dated membership rule of
tracking/states/membership.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from config.typography import sort_key
from resolutions.models import Resolution
from tracking.models import STATUS_LABELS, Actor, Mandate, Status
from tracking.states.models import RegionalGroup, StateProgress
from tracking.states.selectors import Registry, registry

# What a cell holds when nothing was reported, and when the mandate does not concern the State.
NO_INFORMATION = "none"
NOT_CONCERNED = "not_concerned"

# A symbol per status, shown with its label for screen readers and as a tooltip; the
# legend under the matrix spells them out. Never colour alone.
SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.ONGOING: "↻",
    Status.COMPLETED: "✓",
    Status.NOT_APPLICABLE: "n/a",
    Status.SUPERSEDED: "⊘",
    NO_INFORMATION: "—",
    NOT_CONCERNED: "",
}


def cell_label(code: str) -> str:
    if code == NO_INFORMATION:
        return _("no information")  # lower case, as the statuses beside it
    if code == NOT_CONCERNED:
        return _("Not asked of this State")
    return str(STATUS_LABELS.get(code, code))


@dataclass
class Column:
    mandate: Mandate
    reference: str  # "OP9"
    label: str  # a few words of what is asked
    addressees: list[str]
    concerned: set[int]  # State pks
    total: int = 0  # among the rows shown
    completed: int = 0


@dataclass
class Cell:
    code: str  # a status, NO_INFORMATION or NOT_CONCERNED
    reported: bool = False
    version: int = 0  # of the State's progress; 0 when nothing is recorded
    evidence_url: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.code, "")

    @property
    def label(self) -> str:
        return cell_label(self.code)

    @property
    def concerned(self) -> bool:
        return self.code != NOT_CONCERNED


@dataclass
class Row:
    state_pk: int
    iso3: str
    name: str
    region: str  # the RegionalGroup value, "" for none
    cells: list[Cell]

    @property
    def region_label(self) -> str:
        return str(RegionalGroup(self.region).label) if self.region else ""


@dataclass
class Matrix:
    resolution: Resolution
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # after the filters
    states: int = 0  # rows before the filters

    @property
    def legend(self) -> list[tuple[str, str]]:
        codes = [*Status.values, NO_INFORMATION]
        return [(SYMBOLS[code], cell_label(code)) for code in codes]


def _short_label(mandate: Mandate) -> str:
    words = mandate.deliverable or mandate.get_action_display()
    return Truncator(words).chars(60)


def state_mandates(*, resolution: Resolution, user, group_keys: set[str]) -> list[Mandate]:
    """The resolution's mandates the user may see that are addressed to States, with their
    paragraph and addressees (two queries)."""
    mandates = (
        Mandate.objects.visible_to(user)
        .live()
        .filter(resolution=resolution)
        .select_related("paragraph")
        .defer("search_text", "internal_notes")
        .prefetch_related(
            Prefetch("addressees", queryset=Actor.objects.order_by(*Actor.name_order(), "pk"))
        )
        .order_by("paragraph__order", "position", "pk")
    )
    return [
        mandate
        for mandate in mandates
        if any(
            actor.state_id is not None or actor.key in group_keys
            for actor in mandate.addressees.all()
        )
    ]


def concerned_states(mandate: Mandate, reg: Registry, *, adopted_on, on) -> set[int]:
    """The pks of the States a mandate concerns on the day: those its groups of States
    resolve to and those its addressees stand for (its addressees prefetched)."""
    group_keys = reg.group_keys()
    concerned: set[int] = set()
    for actor in mandate.addressees.all():
        if actor.state_id is not None:
            concerned.add(actor.state_id)
        elif actor.key in group_keys:
            concerned |= reg.resolve(actor.key, adopted_on=adopted_on, on=on)
    return {pk for pk in concerned if pk in reg.states}


def progress_of(mandate_ids: list[int]) -> dict[tuple[int, int], Cell]:
    """The recorded progress on the mandates, by (mandate pk, State pk), in one query."""
    return {
        (mandate_id, state_id): Cell(
            code, reported=reported, version=version, evidence_url=evidence_url
        )
        for mandate_id, state_id, code, reported, version, evidence_url in (
            StateProgress.objects.filter(mandate__in=mandate_ids).values_list(
                "mandate_id", "state_id", "status", "reported_by_state", "version", "evidence_url"
            )
        )
    }


def resolution_matrix(
    *,
    resolution: Resolution,
    user,
    region: str = "",
    status: str = "",
    on: datetime.date | None = None,
) -> Matrix:
    """The matrix of a resolution as the user may see it, its rows filtered by regional
    group and by a status held in at least one cell (NO_INFORMATION: a cell with nothing
    reported). Six queries, whatever the number of States and entries."""
    on = on or timezone.localdate()
    reg = registry()
    group_keys = reg.group_keys()
    matrix = Matrix(resolution=resolution)
    for mandate in state_mandates(resolution=resolution, user=user, group_keys=group_keys):
        matrix.columns.append(
            Column(
                mandate=mandate,
                reference=mandate.paragraph.reference,
                label=_short_label(mandate),
                addressees=[actor.name for actor in mandate.addressees.all()],
                concerned=concerned_states(mandate, reg, adopted_on=resolution.adopted_on, on=on),
            )
        )
    if not matrix.columns:
        return matrix
    progress = progress_of([column.mandate.pk for column in matrix.columns])
    states = set().union(*(column.concerned for column in matrix.columns))
    matrix.states = len(states)
    rows = []
    for pk in states:
        iso3, _un_status, group = reg.states[pk]
        cells = []
        for column in matrix.columns:
            if pk not in column.concerned:
                cells.append(Cell(NOT_CONCERNED))
                continue
            cell = progress.get((column.mandate.pk, pk))
            cells.append(cell or Cell(NO_INFORMATION))
        rows.append(Row(state_pk=pk, iso3=iso3, name=reg.names[pk], region=group, cells=cells))
    rows = [row for row in rows if _kept(row, region=region, status=status)]
    rows.sort(key=lambda row: (sort_key(row.name), row.iso3))
    matrix.rows = rows
    for index, column in enumerate(matrix.columns):
        cells = [row.cells[index] for row in rows if row.cells[index].concerned]
        column.total = len(cells)
        column.completed = sum(1 for cell in cells if cell.code == Status.COMPLETED)
    return matrix


def _kept(row: Row, *, region: str, status: str) -> bool:
    if region and row.region != region:
        return False
    return not status or any(cell.code == status for cell in row.cells)


# As files -----------------------------------------------------------------------------------

# What a file's code column holds: the status code, or these.
FILE_VALUES = {NO_INFORMATION: "no_information", NOT_CONCERNED: ""}


def column_header(column: Column) -> str:
    """A mandate's header in the files: its paragraph and its id, which stay the same
    whatever the interface language ("OP9 #1234")."""
    return f"{column.reference} #{column.mandate.pk}"


def matrix_headers(matrix: Matrix) -> list[str]:
    """The files' headers in the reader's language. Each mandate has two columns, as the
    mandate list's exports keep labels and codes apart: its status as the reader reads it,
    then, after all of them, its status code for machines."""
    mandates = [column_header(column) for column in matrix.columns]
    return [
        _("ISO code"),
        _("State"),
        _("Regional group"),
        _("Regional group (code)"),
        *mandates,
        *(_("%(column)s (code)") % {"column": header} for header in mandates),
    ]


def matrix_file_rows(matrix: Matrix) -> list[list]:
    """The matrix's rows as the CSV and XLSX files hold them: the same rows as the page."""
    return [
        [row.iso3, row.name, row.region_label, row.region]
        + ["" if cell.code == NOT_CONCERNED else cell_label(cell.code) for cell in row.cells]
        + [FILE_VALUES.get(cell.code, cell.code) for cell in row.cells]
        for row in matrix.rows
    ]


def matrix_filename(matrix: Matrix, extension: str) -> str:
    symbol = "".join(c if c.isalnum() or c in "-." else "-" for c in matrix.resolution.symbol)
    return f"states-{symbol}-{timezone.localdate().isoformat()}.{extension}"
