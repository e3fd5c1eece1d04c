"""
Reading a spreadsheet that comes back to Suivi: the checks made before an uploaded XLSX
is parsed, the header row, the rows read as a stream, and the way a problem is told.

Shared by the round trips of the mandate list (tracking/exports/roundtrip.py) and of the
States' progress (tracking/states/bulk.py); each says which headers it expects and how
one row is read.
"""

import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from config.typography import number_text
from tracking.models import Status
from tracking.services import TrackingError


def max_bytes() -> int:
    return settings.SUIVI_SPREADSHEET_MAX_BYTES


def max_unpacked_bytes() -> int:
    return settings.SUIVI_SPREADSHEET_MAX_UNPACKED_BYTES


def max_rows() -> int:
    return settings.SUIVI_SPREADSHEET_MAX_ROWS


def too_large_message() -> str:
    return _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes())}


@dataclass
class Problem:
    message: str
    row: int | None = None  # the spreadsheet's row number, as its program shows it


def container_problem(path: Path) -> str | None:
    """Checks made before the file is parsed: an XLSX is a ZIP holding a workbook."""
    not_xlsx = _("The file is not an Excel workbook (.xlsx) exported from Suivi.")
    if path.stat().st_size > max_bytes():
        return too_large_message()
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return not_xlsx
    if not any(member.filename == "xl/workbook.xml" for member in members):
        return not_xlsx
    if sum(member.file_size for member in members) > max_unpacked_bytes():
        return _("The workbook unpacks to more than %(limit)s.") % {
            "limit": filesizeformat(max_unpacked_bytes())
        }
    return None


class Unreadable(Exception):
    """openpyxl raises many kinds of error on a damaged file; they all mean this."""


def cells(path: Path, sheet_title: str) -> Iterator[tuple]:
    """The rows of the export's sheet (the first one if none has its title) as tuples of
    values, read as a stream."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise Unreadable from error
    try:
        try:
            names = workbook.sheetnames
            sheet = workbook[sheet_title] if sheet_title in names else workbook.worksheets[0]
            values = sheet.iter_rows(values_only=True)
        except Exception as error:
            raise Unreadable from error
        while True:
            try:
                row = next(values)
            except StopIteration:
                return
            except Exception as error:
                raise Unreadable from error
            yield row
    finally:
        workbook.close()


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def whole_number(value) -> int | None:
    written = text(value)
    return int(written) if written.isdigit() else None


def trimmed(values: tuple) -> list:
    values = list(values)
    while values and text(values[-1]) == "":
        values.pop()
    return values


def refusal(message: str, row: int | None = None) -> tuple[list, list[Problem], int]:
    return [], [Problem(message, row)], 0


@dataclass(frozen=True)
class Layout:
    """A header row that a round trip accepts, and what each of its columns is: the key
    its `parse_row` asks for (the same in every language)."""

    headers: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def of(cls, headers: list[str], keys: list[str] | None = None) -> "Layout":
        return cls(tuple(headers), tuple(headers if keys is None else keys))


def layouts_in_both_languages(
    headers: Callable[[str], list[str]], keys: list[str], *, legacy: Layout
) -> list[Layout]:
    """The header rows a round trip's file may have: `headers(language)` in the reader's
    language first (a refusal shows it), in the other language (a colleague's export),
    then `legacy`, the header row of files exported before the headers were translated."""
    language = "fr" if translation.get_language() == "fr" else "en"
    other = "en" if language == "fr" else "fr"
    return [Layout.of(headers(language), keys), Layout.of(headers(other), keys), legacy]


def read_sheet(
    path: Path,
    *,
    layouts: Sequence[Layout],
    sheet_title: str,
    parse_row: Callable[[int, Callable[[str], object]], tuple[object | None, list[Problem]]],
    too_many_rows: str,
) -> tuple[list, list[Problem], int]:
    """The file's rows as `parse_row(number, cell)` reads them (`cell(key)` gives a
    row's value in that column), the problems found, and how many non-empty rows the
    file has. The first row must be the headers of one of `layouts`, unchanged (the
    first layout is the one a refusal shows: the reader's own)."""
    problem = container_problem(path)
    if problem:
        return refusal(problem)
    rows: list = []
    problems: list[Problem] = []
    count = 0
    try:
        with closing(cells(path, sheet_title)) as lines:
            header = [text(value) for value in trimmed(next(lines, ()))]
            layout = next((each for each in layouts if list(each.headers) == header), None)
            if layout is None:
                return refusal(
                    _("The first row must be the headers of a Suivi export, unchanged: %(h)s.")
                    % {"h": ", ".join(layouts[0].headers)},
                    row=1,
                )
            position = {key: index for index, key in enumerate(layout.keys)}
            for number, values in enumerate(lines, 2):
                values = trimmed(values)
                if not values:
                    continue  # spreadsheet programs keep empty rows at the end
                count += 1
                if count > max_rows():
                    return refusal(too_many_rows % {"limit": number_text(max_rows())})
                values += [None] * (len(layout.keys) - len(values))
                # A column the layout lacks (the status code, in files exported before
                # it existed) reads as empty.
                row, row_problems = parse_row(
                    number,
                    lambda key, values=values: values[position[key]] if key in position else None,
                )
                problems += row_problems
                if row is not None:
                    rows.append(row)
    except Unreadable:
        return refusal(_("The workbook could not be read; export it again."))
    return rows, problems, count


MAX_COMMENT = 5000


@dataclass
class Keys:
    """What every row of a round trip has: the mandate's id, the version it was exported
    at, and the comment written for the history."""

    mandate_id: int
    version: int
    comment: str


def row_keys(number: int, cell, *, id_header: str) -> tuple[Keys | None, list[Problem]]:
    """A row's mandate id, version and comment, or the problems that prevent reading them."""
    mandate_id = whole_number(cell(id_header))
    version = whole_number(cell("version"))
    problems = []
    if mandate_id is None:
        problems.append(
            Problem(_("“%(v)s” is not a mandate id.") % {"v": text(cell(id_header))}, number)
        )
    if version is None:
        problems.append(
            Problem(_("“%(v)s” is not a version number.") % {"v": text(cell("version"))}, number)
        )
    comment = text(cell("comment"))
    if len(comment) > MAX_COMMENT:
        problems.append(
            Problem(
                _("The comment is longer than %(n)s characters.") % {"n": number_text(MAX_COMMENT)},
                number,
            )
        )
    if problems:
        return None, problems
    return Keys(mandate_id, version, comment), []


def by_id(queryset, ids: list[int], *, chunk: int = 500) -> dict:
    """The queryset's objects among the ids, by id, read `chunk` ids per query."""
    found = {}
    for start in range(0, len(ids), chunk):
        for instance in queryset.filter(pk__in=ids[start : start + chunk]):
            found[instance.pk] = instance
    return found


class Refused(Exception):
    """Raised inside the applying's transaction to roll it back; carries the plan."""

    def __init__(self, plan):
        super().__init__("refused")
        self.plan = plan


def apply_all(*, path: Path, user, plan_of, apply_change, concurrent, conflict):
    """Apply every change of the file, or none: one transaction that reads the file and
    the database again (`plan_of(path=, user=)`) and applies each change through the
    services (`apply_change(change, user)`). A change refused by the services, or
    `concurrent` with someone else's (`conflict(change)` says so), rolls everything back.
    The returned plan says which: `applied`, or its problems."""
    try:
        with transaction.atomic():
            plan = plan_of(path=path, user=user)
            if plan.problems:
                raise Refused(plan)
            for change in plan.changes:
                try:
                    apply_change(change, user)
                except concurrent as error:
                    plan.problems.append(Problem(conflict(change), change.row))
                    raise Refused(plan) from error
                except TrackingError as error:
                    plan.problems.append(Problem(str(error), change.row))
                    raise Refused(plan) from error
    except Refused as refused:
        return refused.plan
    plan.applied = True
    return plan


def status_codes() -> dict[str, str]:
    """What a status cell may hold: the code, or the label in English or French."""
    codes = {}
    for language in ("en", "fr"):
        with translation.override(language):
            codes.update({str(status.label).lower(): status.value for status in Status})
    codes.update({value: value for value in Status.values})
    return codes


def status_code(written: str, codes: dict[str, str]) -> str | None:
    return codes.get(written.lower().replace(" ", "_")) or codes.get(written.lower())
