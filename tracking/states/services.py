"""
Writes for per-State follow-up. Keyword-only and atomic; every change to a State's
progress writes a StateProgressEvent; a write based on a stale version of the State's
progress is refused with what changed meanwhile (StateConcurrentEdit).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracking import french
from tracking.models import TRANSITIONS, Actor, Mandate, Status
from tracking.reminders.services import report_notice_plan
from tracking.services import TrackingError
from tracking.states import membership
from tracking.states.models import (
    DelegationLink,
    GroupMembership,
    RegionalGroup,
    State,
    StateProgress,
    StateProgressEvent,
    StateReport,
    UnStatus,
)
from tracking.states.selectors import mandate_concerns_state


class StateConcurrentEdit(TrackingError):
    """The State's progress changed (or a report arrived) since the version the user saw."""

    def __init__(self, events: list, pending: StateReport | None = None):
        super().__init__(
            _("The progress of this State changed while you were writing your report.")
            if pending is None
            else _("A report on this request is already awaiting review.")
        )
        self.events = events
        self.pending = pending


# Loading the registry ------------------------------------------------------------------


class LoadRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    # What changed, one line per change, and what the files no longer list but was kept.
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


STATE_COLUMNS = ["iso3", "name_en", "name_fr", "un_regional_group", "un_status"]
# Optional columns: the article each name takes in running text ("la France", "the
# Netherlands"), as tracking.french spells them.
ARTICLE_COLUMNS = {
    "article_fr": {code for code, _label in french.FRENCH_ARTICLES},
    "article_en": {code for code, _label in french.ENGLISH_ARTICLES},
}
ROME_COLUMNS = ["iso3", "entry_into_force", "withdrawal_effective"]


def _rows(text: str, columns: list[str], what: str) -> list[tuple[int, dict]]:
    """The rows of a CSV file, with their line numbers; lines starting with '#' are notes
    (the source of the data and its date)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = []
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        rows.append((reader.line_num, cells))
    if not rows:
        raise LoadRefused([_("%(file)s is empty.") % {"file": what}])
    header = rows[0][1]
    missing = [column for column in columns if column not in header]
    if missing:
        raise LoadRefused(
            [
                _("%(file)s lacks the columns: %(columns)s.")
                % {"file": what, "columns": ", ".join(missing)}
            ]
        )
    padding = [""] * len(header)
    return [
        (number, dict(zip(header, cells + padding, strict=False))) for number, cells in rows[1:]
    ]


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _parse_states(text: str) -> dict[str, dict]:
    states, errors = {}, []
    groups = set(RegionalGroup.values)
    statuses = set(UnStatus.values)
    for number, row in _rows(text, STATE_COLUMNS, "states.csv"):
        iso3 = row["iso3"].upper()
        problems = []
        if len(iso3) != 3 or not iso3.isascii() or not iso3.isalpha():
            problems.append(_("“%(code)s” is not an ISO 3166-1 alpha-3 code") % {"code": iso3})
        if not row["name_en"] or not row["name_fr"]:
            problems.append(_("a name is missing"))
        if row["un_regional_group"] and row["un_regional_group"] not in groups:
            problems.append(
                _("“%(value)s” is not a regional group") % {"value": row["un_regional_group"]}
            )
        if row["un_status"] not in statuses:
            problems.append(_("“%(value)s” is not a UN status") % {"value": row["un_status"]})
        for column, articles in ARTICLE_COLUMNS.items():
            if row.get(column, "") not in articles:
                problems.append(_("“%(value)s” is not an article") % {"value": row[column]})
        if iso3 in states:
            problems.append(_("%(code)s is listed twice") % {"code": iso3})
        if problems:
            errors.append(
                _("states.csv, line %(line)s: %(problems)s.")
                % {"line": number, "problems": "; ".join(problems)}
            )
            continue
        states[iso3] = {
            "name_en": row["name_en"][:200],
            "name_fr": row["name_fr"][:200],
            "un_regional_group": row["un_regional_group"],
            "un_status": row["un_status"],
            # Articles are optional columns: a file without them leaves them as they are.
            **{column: row[column] for column in ARTICLE_COLUMNS if column in row},
        }
    if errors:
        raise LoadRefused(errors)
    return states


Period = tuple[str, datetime.date, datetime.date | None]


def _parse_rome(text: str, known: set[str]) -> list[Period]:
    rows, errors = [], []
    seen = set()
    for number, row in _rows(text, ROME_COLUMNS, "rome_statute.csv"):
        iso3 = row["iso3"].upper()
        problems = []
        if iso3 not in known:
            problems.append(_("%(code)s is not in the registry of States") % {"code": iso3})
        try:
            start = _date(row["entry_into_force"])
            end = _date(row["withdrawal_effective"])
        except ValueError:
            problems.append(_("dates are written YYYY-MM-DD"))
            start = end = None
        if not problems and start is None:
            problems.append(_("the date of entry into force is missing"))
        if start and end and end <= start:
            problems.append(_("the withdrawal takes effect before the entry into force"))
        if (iso3, start) in seen:
            problems.append(_("%(code)s is listed twice") % {"code": iso3})
        seen.add((iso3, start))
        if problems:
            errors.append(
                _("rome_statute.csv, line %(line)s: %(problems)s.")
                % {"line": number, "problems": "; ".join(problems)}
            )
            continue
        rows.append((iso3, start, end))
    if errors:
        raise LoadRefused(errors)
    return rows


@transaction.atomic
def states_load(*, states_csv: str, rome_statute_csv: str | None = None) -> LoadResult:
    """Load the registry of States and the parties to the Rome Statute from their files.

    Idempotent: a second run changes nothing. A State whose names or groups differ from
    the file is updated and the change reported; States and memberships the file does not
    list are kept (staff may have added them) and reported. A bad row refuses everything.
    """
    wanted = _parse_states(states_csv)
    result = LoadResult()
    existing = {state.iso3: state for state in State.objects.all()}
    for iso3, values in wanted.items():
        state = existing.get(iso3)
        if state is None:
            existing[iso3] = State.objects.create(iso3=iso3, **values)
            result.created += 1
            continue
        changed = [name for name in values if getattr(state, name) != values[name]]
        if not changed:
            result.unchanged += 1
            continue
        for name in changed:
            result.changes.append(f"{iso3} {name}: “{getattr(state, name)}” → “{values[name]}”")
            setattr(state, name, values[name])
        state.save(update_fields=changed)
        result.updated += 1
    result.kept += [
        _("%(code)s is not in states.csv; kept.") % {"code": iso3}
        for iso3 in sorted(set(existing) - set(wanted))
    ]
    if rome_statute_csv is not None:
        _load_memberships(
            membership.STATES_PARTIES,
            _parse_rome(rome_statute_csv, set(existing)),
            existing,
            result,
        )
    return result


def _load_memberships(group_key, rows, states: dict[str, State], result: LoadResult) -> None:
    group = Actor.objects.get(key=group_key)
    held = {
        (m.state.iso3, m.start): m
        for m in GroupMembership.objects.filter(group=group).select_related("state")
    }
    for iso3, start, end in rows:
        row = held.pop((iso3, start), None)
        if row is None:
            GroupMembership.objects.create(group=group, state=states[iso3], start=start, end=end)
            result.memberships_created += 1
        elif row.end != end:
            result.changes.append(
                f"{iso3} {group_key} {start}: end {row.end or '—'} → {end or '—'}"
            )
            row.end = end
            row.save(update_fields=["end"])
            result.memberships_updated += 1
    result.kept += [
        _("%(code)s: membership of %(group)s from %(start)s is not in the file; kept.")
        % {"code": iso3, "group": group_key, "start": start or "—"}
        for iso3, start in sorted(held, key=lambda k: (k[0], k[1] or datetime.date.min))
    ]


# Delegations -------------------------------------------------------------------------------


@transaction.atomic
def delegation_link(*, user, state: State) -> DelegationLink:
    """Link a user to the State they speak for (one State per user; linking again moves them)."""
    link, _created = DelegationLink.objects.update_or_create(user=user, defaults={"state": state})
    return link


# Progress ----------------------------------------------------------------------------------


# A State's status may stay as it is when something comes with it; a write that neither
# moves the status nor says anything would only add an empty line to the history.
NOTHING_NEW = gettext_lazy(
    "Nothing to send: choose a new status, or write a comment or give an evidence link."
)


def _checked_progress(
    mandate: Mandate,
    state: State,
    status: str,
    *,
    comment: str,
    evidence_url: str,
    expected_version: int,
) -> StateProgress | None:
    """The State's progress as recorded, once the write is known to be allowed on it.

    The status must move along the pipeline, or stay as it is with a comment or another
    evidence link (staff may also remove the link, from a spreadsheet); the writer must
    have seen the version recorded."""
    if status not in Status.values:
        raise TrackingError(_("“%(status)s” is not a status.") % {"status": status})
    if mandate.review != Mandate.Review.ACCEPTED:
        raise TrackingError(_("Progress is recorded on accepted mandates only."))
    if not mandate_concerns_state(mandate=mandate, state=state):
        raise TrackingError(
            _("This request is not addressed to %(to_state)s: nothing was recorded.")
            % {"to_state": state.name_after_a}
        )
    progress = _current(mandate, state)
    current = progress.status if progress else Status.NOT_STARTED
    if status == current:
        recorded_evidence_url = progress.evidence_url if progress else ""
        if not comment.strip() and evidence_url == recorded_evidence_url:
            raise TrackingError(str(NOTHING_NEW))
    elif status not in TRANSITIONS[current]:
        raise TrackingError(
            _("The progress of a State cannot go from “%(old)s” to “%(new)s”.")
            % {"old": Status(current).label, "new": Status(status).label}
        )
    if (progress.version if progress else 0) != expected_version:
        raise StateConcurrentEdit(_events_since(mandate, state, expected_version))
    return progress


def _events_since(mandate: Mandate, state: State, version: int) -> list[StateProgressEvent]:
    return list(
        StateProgressEvent.objects.filter(mandate=mandate, state=state, version__gt=version)
        .select_related("user")
        .order_by("at", "id")
    )


def _current(mandate: Mandate, state: State) -> StateProgress | None:
    return StateProgress.objects.filter(mandate=mandate, state=state).first()


@transaction.atomic
def state_progress_set(
    *,
    mandate: Mandate,
    state: State,
    status: str,
    user,
    comment: str = "",
    evidence_url: str = "",
    expected_version: int,
    report: StateReport | None = None,
    imported: bool = False,
) -> StateProgress:
    """Record a State's progress on a mandate (staff, or an accepted report).

    `expected_version` is the version of the State's progress the writer saw, 0 when
    nothing was recorded: the conditional UPDATE (or the unique constraint, for the first
    entry) lets exactly one of two writes based on the same version through. A status
    may be written again with a new comment or evidence link ("not started" as a first
    entry: nothing recorded counts as not started). `imported`: the
    change comes from a spreadsheet staff imported, and its history entry says so.
    """
    progress = _checked_progress(
        mandate,
        state,
        status,
        comment=comment,
        evidence_url=evidence_url,
        expected_version=expected_version,
    )
    current = progress.status if progress else Status.NOT_STARTED
    version = progress.version if progress else 0
    now = timezone.now()
    values = {
        "status": status,
        "comment": comment,
        "evidence_url": evidence_url,
        "recorded_by": user if user is not None and user.is_authenticated else None,
        "reported_by_state": report is not None,
        "updated_at": now,
    }
    if progress is None:
        try:
            with transaction.atomic():
                progress = StateProgress.objects.create(
                    mandate=mandate, state=state, version=1, **values
                )
        except IntegrityError:
            raise StateConcurrentEdit(_events_since(mandate, state, 0)) from None
    else:
        claimed = StateProgress.objects.filter(pk=progress.pk, version=expected_version).update(
            version=F("version") + 1, **values
        )
        if not claimed:
            raise StateConcurrentEdit(_events_since(mandate, state, expected_version))
        progress.refresh_from_db()
    StateProgressEvent.objects.create(
        mandate=mandate,
        state=state,
        at=now,
        user=values["recorded_by"],
        old_status=current if version else "",
        new_status=status,
        comment=comment,
        evidence_url=evidence_url,
        report=report,
        version=progress.version,
        imported=imported,
    )
    return progress


# Reports of delegations ---------------------------------------------------------------------


def delegation_state(user) -> State | None:
    """The State a user speaks for, if any."""
    if not user.is_authenticated or not user.is_active:
        return None
    link = DelegationLink.objects.select_related("state").filter(user=user).first()
    return link.state if link else None


@transaction.atomic
def state_report_submit(
    *,
    mandate: Mandate,
    state: State,
    user,
    status: str,
    comment: str = "",
    evidence_url: str = "",
    expected_version: int,
) -> StateReport:
    """A delegation reports what its State did about a mandate.

    Refused unless the user speaks for that very State and the mandate concerns it. The
    status moves along the pipeline, or stays as it is with a comment or a new evidence
    link ("still in progress: the bill is before parliament"). The report waits for the
    secretariat's review, or is applied at once when SUIVI_STATE_REPORTS_NEED_REVIEW is
    off. A report based on a stale version, or sent while another waits for review, is
    refused with what changed.
    """
    own = delegation_state(user)
    if own is None or own.pk != state.pk or not user.has_perm("tracking.add_statereport"):
        raise TrackingError(_("You can only report for the State you represent."))
    progress = _checked_progress(
        mandate,
        state,
        status,
        comment=comment,
        evidence_url=evidence_url,
        expected_version=expected_version,
    )
    version = progress.version if progress else 0
    pending = StateReport.objects.filter(
        mandate=mandate, state=state, review=StateReport.Review.PENDING
    ).first()
    if pending is not None:
        raise StateConcurrentEdit([], pending=pending)
    try:
        with transaction.atomic():
            report = StateReport.objects.create(
                mandate=mandate,
                state=state,
                submitted_by=user,
                status=status,
                comment=comment,
                evidence_url=evidence_url,
                base_version=version,
            )
    except IntegrityError:
        pending = StateReport.objects.filter(
            mandate=mandate, state=state, review=StateReport.Review.PENDING
        ).first()
        raise StateConcurrentEdit([], pending=pending) from None
    if not settings.SUIVI_STATE_REPORTS_NEED_REVIEW:
        _apply_report(report, reviewer=None)
    return report


def _decide(report: StateReport, review: str, *, reviewer, comment: str = "") -> None:
    """Mark a pending report accepted or returned. The conditional UPDATE makes the first
    of two reviewers deciding at once the only one whose decision counts."""
    decided = StateReport.objects.filter(pk=report.pk, review=StateReport.Review.PENDING).update(
        review=review,
        reviewed_by=reviewer if reviewer is not None and reviewer.is_authenticated else None,
        reviewed_at=timezone.now(),
        review_comment=comment,
    )
    if not decided:
        raise TrackingError(_("This report has already been reviewed."))
    report.refresh_from_db()


def _apply_report(report: StateReport, *, reviewer) -> None:
    _decide(report, StateReport.Review.ACCEPTED, reviewer=reviewer)
    state_progress_set(
        mandate=report.mandate,
        state=report.state,
        status=report.status,
        user=report.submitted_by,
        comment=report.comment,
        evidence_url=report.evidence_url,
        expected_version=report.base_version,
        report=report,
    )


@transaction.atomic
def state_report_accept(*, report: StateReport, user) -> StateReport:
    """Staff accept a delegation's report: it becomes the State's progress, with history."""
    if not user.has_perm("tracking.review_statereport"):
        raise TrackingError(_("You cannot review the reports of delegations."))
    try:
        _apply_report(report, reviewer=user)
    except StateConcurrentEdit:
        raise TrackingError(
            _(
                "The State's progress changed since this report was written; "
                "return it so that the delegation can report again."
            )
        ) from None
    # In the decision's transaction: the delegate is told exactly when the decision holds.
    report_notice_plan(report=report)
    return report


@transaction.atomic
def state_report_return(*, report: StateReport, user, comment: str) -> StateReport:
    """Staff send a report back to the delegation, saying why; nothing is recorded."""
    if not user.has_perm("tracking.review_statereport"):
        raise TrackingError(_("You cannot review the reports of delegations."))
    if not comment.strip():
        raise TrackingError(_("Say why the report is returned."))
    _decide(report, StateReport.Review.RETURNED, reviewer=user, comment=comment)
    report_notice_plan(report=report)
    return report
