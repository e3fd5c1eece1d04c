"""
The XLSX round trip: secretariat staff export the mandate list, change status,
focal point or comment in a spreadsheet program, and upload the file back.

The rules:

- The file must be an XLSX whose first sheet starts with exactly the export's
  header row, in English or in French (tracking.exports.formats.headers), or the header
  row of the files exported before the headers were translated (LEGACY_HEADERS). Only the
  status, the focal point and the comment are read, with the id and the version; the
  other columns are there for the reader. The status is edited in its column of labels
  ("In progress", "En cours"; a code is understood too); if the status code column was
  edited instead, that is understood, and a row whose two columns ask for two different
  changes is a problem.
- A row changes its mandate when its status or focal point differs from the
  mandate's, or when its comment is not empty. Rows left as exported, and
  mandates missing from the file, are not touched; an empty focal point removes
  the focal point.
- Problems: an id that is not a visible, accepted mandate or that appears twice;
  a status that is not one, or a move the status pipeline forbids; a focal point
  that is not the user name of an active staff member; a stale row (its
  "version" is no longer the mandate's: someone changed it since the export, and
  applying the row would undo their change). While any problem remains, nothing
  is applied.
- Applying is one transaction that reads the file and the database again and
  calls the ordinary services, so each change is a history entry (of origin
  "spreadsheet", with the row's comment if it has one) and each mandate's version
  is checked once more: a mandate changed between the preview and the applying
  is refused, with everything else rolled back.

Limits, from settings with these defaults: SUIVI_SPREADSHEET_MAX_BYTES (5 MB
uploaded), SUIVI_SPREADSHEET_MAX_UNPACKED_BYTES (50 MB once unzipped: an XLSX
is a ZIP, and a small one can unpack to gigabytes) and SUIVI_SPREADSHEET_MAX_ROWS
(10,000 mandates; export a filtered list for more).
"""

import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from tracking import services
from tracking.exports.formats import KEYS, LEGACY_HEADERS, SHEET_TITLE, headers
from tracking.exports.sheets import (
    Layout,
    Problem,
    apply_all,
    by_id,
    layouts_in_both_languages,
    max_bytes,
    max_rows,
    max_unpacked_bytes,
    read_sheet,
    row_keys,
    status_code,
    status_codes,
    text,
    too_large_message,
)
from tracking.forms import staff_users
from tracking.models import TRANSITIONS, Mandate, MandateEvent, Status

# Re-exported: the views and templates use them through this module.
__all__ = [
    "Problem",
    "max_bytes",
    "max_rows",
    "max_unpacked_bytes",
    "too_large_message",
]

# An upload not applied within this time is deleted by the next upload.
UPLOAD_LIFETIME_SECONDS = 24 * 3600
_UPLOAD_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass
class Change:
    row: int
    mandate: Mandate
    version: int  # the version the row was exported at
    new_status: str | None = None
    focal_point_changed: bool = False
    new_focal_point: object = None  # a user, or None to remove the focal point
    comment: str = ""

    @property
    def old_status_label(self) -> str:
        return Status(self.mandate.status).label

    @property
    def new_status_label(self) -> str:
        return Status(self.new_status).label if self.new_status else ""

    @property
    def old_focal_point(self) -> str:
        return self.mandate.focal_point.get_username() if self.mandate.focal_point else ""

    @property
    def new_focal_point_name(self) -> str:
        return self.new_focal_point.get_username() if self.new_focal_point else ""


@dataclass
class Plan:
    rows: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False


@dataclass
class _Row:
    number: int
    mandate_id: int
    version: int
    status: str  # as written in the status column: a label, or a code
    status_code: str  # as written in the status code column (files exported before: "")
    focal_point: str
    comment: str


# Reading the file --------------------------------------------------------------------------


def layouts() -> list[Layout]:
    """The header rows a file may have: the reader's language first (a refusal shows it),
    the other language (a colleague's export), and the files exported before the headers
    were translated, whose "status" column is the one edited."""
    legacy_keys = ["status_label" if header == "status" else header for header in LEGACY_HEADERS]
    return layouts_in_both_languages(headers, KEYS, legacy=Layout.of(LEGACY_HEADERS, legacy_keys))


def read_rows(path: Path) -> tuple[list[_Row], list[Problem], int]:
    """The file's mandate rows, the problems found reading them, and how many
    non-empty rows it has."""
    return read_sheet(
        path,
        layouts=layouts(),
        sheet_title=SHEET_TITLE,
        parse_row=_parse_row,
        too_many_rows=_("The file has more than %(limit)s rows; export a filtered list."),
    )


def _parse_row(number: int, cell) -> tuple[_Row | None, list[Problem]]:
    keys, problems = row_keys(number, cell, id_header="id")
    if keys is None:
        return None, problems
    row = _Row(
        number=number,
        mandate_id=keys.mandate_id,
        version=keys.version,
        status=text(cell("status_label")),
        status_code=text(cell("status")),
        focal_point=text(cell("focal_point")),
        comment=keys.comment,
    )
    return row, []


# Comparing with the database ---------------------------------------------------------------


def _mandates(user, ids: list[int]) -> dict[int, Mandate]:
    visible = (
        Mandate.objects.visible_to(user)
        .live()
        .select_related("focal_point", "paragraph__resolution")
    )
    return by_id(visible, ids)


def spreadsheet_plan(*, path: Path, user) -> Plan:
    """What applying the file would change, and every problem that prevents it."""
    rows, problems, count = read_rows(path)
    plan = Plan(rows=count, problems=problems)
    if not rows:
        if not problems:
            plan.problems.append(Problem(_("The file has no mandate rows.")))
        return plan

    seen: dict[int, int] = {}
    for row in rows:
        if row.mandate_id in seen:
            plan.problems.append(
                Problem(
                    _("Mandate %(id)s is also on row %(other)s.")
                    % {"id": row.mandate_id, "other": seen[row.mandate_id]},
                    row.number,
                )
            )
        seen.setdefault(row.mandate_id, row.number)
    mandates = _mandates(user, list(seen))
    names = {row.focal_point for row in rows if row.focal_point}
    users = {u.get_username(): u for u in staff_users().filter(username__in=names)}
    codes = status_codes()
    may_change_focal_point = user.has_perm("tracking.change_mandate")

    for row in rows:
        mandate = mandates.get(row.mandate_id)
        if mandate is None:
            plan.problems.append(
                Problem(
                    _("No mandate has id %(id)s, or it is not one you may change.")
                    % {"id": row.mandate_id},
                    row.number,
                )
            )
            continue
        change = Change(row=row.number, mandate=mandate, version=row.version, comment=row.comment)
        row_problems = []

        status, problem = _written_status(row, mandate, codes)
        if problem:
            row_problems.append(problem)
        elif status != mandate.status:
            if status in TRANSITIONS[mandate.status]:
                change.new_status = status
            else:
                row_problems.append(
                    _("A mandate cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": Status(mandate.status).label, "new": Status(status).label}
                )

        current = mandate.focal_point.get_username() if mandate.focal_point else ""
        if row.focal_point != current:
            if row.focal_point and row.focal_point not in users:
                row_problems.append(
                    _("“%(name)s” is not the user name of a staff member.")
                    % {"name": row.focal_point}
                )
            elif not may_change_focal_point:
                row_problems.append(_("You may not change focal points."))
            else:
                change.focal_point_changed = True
                change.new_focal_point = users.get(row.focal_point)

        changes_something = change.new_status or change.focal_point_changed or change.comment
        if row.version != mandate.version and (changes_something or row_problems):
            # The row shows the mandate as it was at the export; applying it now
            # would silently undo whatever changed since.
            row_problems.insert(
                0,
                _(
                    "Mandate %(id)s changed since the export (version %(old)s, now %(new)s); "
                    "export again or remove the row."
                )
                % {"id": mandate.pk, "old": row.version, "new": mandate.version},
            )
        plan.problems += [Problem(message, row.number) for message in row_problems]
        if changes_something and not row_problems:
            plan.changes.append(change)
    plan.problems.sort(key=lambda problem: problem.row or 0)
    return plan


def _written_status(row: _Row, mandate: Mandate, codes: dict) -> tuple[str | None, str | None]:
    """The status a row asks for, or the problem that prevents reading it. Of the status
    column and the status code column, the one that still says the mandate's status (as
    it was at the export: the row's version is the mandate's) is the one left as
    exported: the other was edited."""
    written = [value for value in (row.status, row.status_code) if value]
    if not written:
        return None, _("The status is empty.")
    asked = []
    for value in written:
        code = status_code(value, codes)
        if code is None:
            return None, _("“%(s)s” is not a status.") % {"s": value}
        asked.append(code)
    if row.version != mandate.version:
        # Which column was edited cannot be told from a mandate that changed since the
        # export: the status column is the one people edit (and a row that changes
        # anything is refused as stale).
        return asked[0], None
    changed = {code for code in asked if code != mandate.status}
    if len(changed) > 1:
        return None, _(
            "The status “%(label)s” and the status code “%(code)s” ask for different "
            "changes; change the status only."
        ) % {"label": row.status, "code": row.status_code}
    return (changed.pop() if changed else mandate.status), None


# Applying ----------------------------------------------------------------------------------


def _apply_change(change: Change, user) -> None:
    mandate = change.mandate
    # The row's comment is its author's words; that it came from a spreadsheet is said by
    # the entries' origin, in the reader's language.
    comment = change.comment
    origin = MandateEvent.Origin.SPREADSHEET
    # The first write checks the exported version; the next ones build on the
    # version it produced.
    expected = change.version
    if change.new_status:
        services.mandate_set_status(
            mandate=mandate,
            status=change.new_status,
            user=user,
            comment=comment,
            expected_version=expected,
            origin=origin,
        )
        expected = mandate.version
    if change.focal_point_changed:
        services.mandate_update(
            mandate=mandate,
            user=user,
            expected_version=expected,
            comment=comment,
            origin=origin,
            focal_point=change.new_focal_point,
        )
        expected = mandate.version
    if change.comment and not change.new_status and not change.focal_point_changed:
        services.mandate_comment(
            mandate=mandate,
            user=user,
            comment=change.comment,
            expected_version=expected,
            origin=origin,
        )


def spreadsheet_apply(*, path: Path, user) -> Plan:
    """Apply every change of the file, or none. The returned plan says which."""
    return apply_all(
        path=path,
        user=user,
        plan_of=spreadsheet_plan,
        apply_change=_apply_change,
        concurrent=services.ConcurrentEdit,
        conflict=lambda change: (
            _("Mandate %(id)s was changed by someone else meanwhile.") % {"id": change.mandate.pk}
        ),
    )


# The uploaded file between the preview and the applying -----------------------------------


def _upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "uploads"


def upload_path(token: str) -> Path | None:
    if not _UPLOAD_TOKEN.fullmatch(token or ""):
        return None
    path = _upload_dir() / f"spreadsheet-{token}.xlsx"
    return path if path.is_file() else None


def upload_store(*, file) -> str | None:
    """Keep an uploaded file under a random name; None if it is too large."""
    directory = _upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _discard_old_uploads(directory)
    token = secrets.token_hex(16)
    path = directory / f"spreadsheet-{token}.xlsx"
    written = 0
    with path.open("wb") as target:
        for chunk in file.chunks():
            written += len(chunk)
            if written > max_bytes():
                break
            target.write(chunk)
    if written > max_bytes():
        path.unlink(missing_ok=True)
        return None
    return token


def upload_discard(token: str) -> None:
    path = upload_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _discard_old_uploads(directory: Path) -> None:
    limit = time.time() - UPLOAD_LIFETIME_SECONDS
    for path in directory.glob("spreadsheet-*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass  # another process removed it first
