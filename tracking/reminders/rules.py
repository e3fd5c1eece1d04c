"""
Who is reminded of what, and when: the rules of deadline reminders as plain functions.

Nothing here reads or writes the database or the clock; `today` and the facts are passed in,
so that every rule can be tested for any day. The reads are in selectors.py, the writes
and the sending in services.py.

A reminder is known by (mandate, recipient, kind, due date), and the database holds each
such identity at most once (constraint "reminder_once"):

- "before_60", "before_30", "before_7", "before_1": N days before the due date (the offsets
  are SUIVI_REMINDER_OFFSETS);
- "overdue_1", "overdue_8", "overdue_15" …: the day after the due date, then weekly;
- "changed_<event id>": a follower's notice that the status or the deadline changed; its
  date is the day of the change;
- "undated": for the secretariat, a mandate whose session has no dates yet, so that no
  reminder can be dated; its date is the Monday of the week, so it is listed weekly;
- "report_<report id>": the notice to the delegate who sent a State's report that the
  secretariat accepted or returned it; its date is the day of the decision, its State the
  report's. It is planned with the decision itself, not by the daily run;
- "awaiting_review": for each reviewer of States' reports, on a day some wait, one line
  saying how many (counted when the digest is written), with a link to the queue. A
  reminder hangs on a mandate: this one on the mandate of the oldest report waiting.

Because the due date is part of the identity, moving a deadline re-arms its reminders.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext, ngettext

BEFORE = "before_"
OVERDUE = "overdue_"
CHANGED = "changed_"
UNDATED = "undated"
REPORT = "report_"
AWAITING = "awaiting_review"

# Overdue mandates are reminded the day after the due date, then every this many days.
OVERDUE_EVERY_DAYS = 7


class Section(StrEnum):
    """The parts of a digest."""

    OVERDUE = "overdue"
    SOON = "soon"
    CHANGED = "changed"
    UNDATED = "undated"
    REPORTS = "reports"
    AWAITING = "awaiting"


def section_of(kind: str) -> Section:
    if kind.startswith(OVERDUE):
        return Section.OVERDUE
    if kind.startswith(BEFORE):
        return Section.SOON
    if kind.startswith(CHANGED):
        return Section.CHANGED
    if kind == UNDATED:
        return Section.UNDATED
    if kind.startswith(REPORT):
        return Section.REPORTS
    if kind == AWAITING:
        return Section.AWAITING
    raise ValueError(f"Unknown reminder kind {kind!r}")


def is_dated(kind: str) -> bool:
    return section_of(kind) in (Section.OVERDUE, Section.SOON)


def kind_label(kind: str) -> str:
    """What a reminder of this kind is, for people: "60 days before the due date",
    "8 days overdue", "change notice", "report reviewed", "dates not set"."""
    section = section_of(kind)
    if section == Section.SOON:
        days = int(kind.removeprefix(BEFORE))
        return ngettext("%(n)s day before the due date", "%(n)s days before the due date", days) % {
            "n": days
        }
    if section == Section.OVERDUE:
        days = int(kind.removeprefix(OVERDUE))
        return ngettext("%(n)s day overdue", "%(n)s days overdue", days) % {"n": days}
    if section == Section.CHANGED:
        return gettext("change notice")
    if section == Section.REPORTS:
        return gettext("report reviewed")
    if section == Section.AWAITING:
        return gettext("reports awaiting review")
    return gettext("dates not set")


# When ------------------------------------------------------------------------------------


def dated_kind(
    *,
    due_date: datetime.date,
    today: datetime.date,
    offsets: list[int],
    catch_up_days: int = 1,
) -> str | None:
    """The dated reminder a mandate due on `due_date` owes on `today`, or None.

    Each kind falls due on one day (60 days before, …, the day after, a week after that …).
    A run that did not happen on that day (the server was down) is caught up by a run within
    `catch_up_days` of it: the latest kind that fell due in that window is returned, so a
    late run sends one reminder, never a string of stale ones. The database keeps each kind
    once, so returning it again on the following days changes nothing.
    """
    window_start = today - datetime.timedelta(days=max(catch_up_days, 1) - 1)
    candidates: list[tuple[datetime.date, str]] = []
    for offset in offsets:
        falls_due = due_date - datetime.timedelta(days=offset)
        candidates.append((falls_due, f"{BEFORE}{offset}"))
    if today > due_date:
        days_over = (today - due_date).days
        latest = 1 + (days_over - 1) // OVERDUE_EVERY_DAYS * OVERDUE_EVERY_DAYS
        candidates.append((due_date + datetime.timedelta(days=latest), f"{OVERDUE}{latest}"))
    in_window = [(day, kind) for day, kind in candidates if window_start <= day <= today]
    return max(in_window)[1] if in_window else None


def undated_period(today: datetime.date) -> datetime.date:
    """The date that stands for "this week" in the identity of an "undated" reminder."""
    return today - datetime.timedelta(days=today.weekday())


def change_kind(event_id: int) -> str:
    return f"{CHANGED}{event_id}"


def event_id_of(kind: str) -> int | None:
    if not kind.startswith(CHANGED):
        return None
    return int(kind.removeprefix(CHANGED))


def report_kind(report_id: int) -> str:
    return f"{REPORT}{report_id}"


def report_id_of(kind: str) -> int | None:
    if not kind.startswith(REPORT):
        return None
    return int(kind.removeprefix(REPORT))


def is_notice(kind: str) -> bool:
    """A notice tells of something that happened (a change, a decision on a report): it
    stays true whatever happens next, and the "change notices" switch lets it through."""
    return section_of(kind) in (Section.CHANGED, Section.REPORTS)


def days_between(start: datetime.date, end: datetime.date) -> int:
    return (end - start).days


# Who -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """An address to write to, with the language to write in.

    `sees_internal` tells whether the person may read mandates marked internal: users whose
    role allows it; never an actor's contact, who is outside the secretariat.
    """

    email: str
    language: str
    sees_internal: bool = False


def normalise_email(email: str) -> str:
    """One recipient per address whatever its capitals: "Ana@Example.org" is ana@example.org."""
    return email.strip().lower()


def concerned_actors(*, addressees: set[int], parent_of: dict[int, int | None]) -> set[int]:
    """The addressees and the bodies they belong to.

    A request to a working group of the Bureau concerns the Bureau too, as its page lists the
    mandates of its parts; a request to the Bureau does not go to each of its working groups.
    """
    parents = {parent_of.get(actor) for actor in addressees}
    return addressees | {parent for parent in parents if parent is not None}


def audience(
    *,
    contacts: list[Person],
    focal_point: Person | None,
    followers: list[Person],
    internal: bool,
) -> list[Person]:
    """Everyone reminded of a mandate's deadline, each address once.

    A mandate marked internal is reminded only to people allowed to read it: never to the
    actors' contacts, and to the focal point and followers only if their role lets them see
    internal mandates.
    """
    people = [*contacts, *([focal_point] if focal_point else []), *followers]
    if internal:
        people = [person for person in people if person.sees_internal]
    return _unique(people)


def change_audience(
    *, followers: list[Person], internal: bool, author_email: str = ""
) -> list[Person]:
    """Who is told of a change: the followers, except the person who made it."""
    author = normalise_email(author_email) if author_email else ""
    people = [person for person in followers if person.email != author]
    if internal:
        people = [person for person in people if person.sees_internal]
    return _unique(people)


def _unique(people: list[Person]) -> list[Person]:
    seen: dict[str, Person] = {}
    for person in people:
        if person.email and person.email not in seen:
            seen[person.email] = person
    return list(seen.values())


def delegation_audience(
    *,
    concerned: set[int],
    closed: set[int],
    delegates: dict[int, list[Person]],
) -> list[tuple[int, Person]]:
    """The delegates reminded of a mandate for their own State, as (State, person).

    `concerned` are the States the mandate asks something of today (a State that joined
    the group since is in, one whose withdrawal took effect is out); `closed` those whose
    own progress is completed, not applicable or superseded. A State with nothing
    recorded has not completed anything: it is reminded.
    """
    return [
        (state, person)
        for state in sorted(concerned - closed)
        for person in _unique(delegates.get(state, []))
    ]


def report_notice_to(*, submitter: Person | None, decided_by_staff: bool) -> Person | None:
    """Who is told that a State's report was accepted or returned: the delegate who sent it
    alone (not the State's other delegates, nor the reviewer), if they have an address. A
    report applied at once, without review, tells its sender nothing they do not know."""
    if not decided_by_staff or submitter is None or not submitter.email:
        return None
    return submitter


def wants(*, kind: str, reminders_enabled: bool, changes_enabled: bool) -> bool:
    """Whether a recipient's preferences let this kind of reminder through."""
    if is_notice(kind):
        return changes_enabled
    return reminders_enabled


def still_due(
    *,
    kind: str,
    due_date: datetime.date,
    live: bool,
    closed: bool,
    mandate_due_date: datetime.date | None,
) -> bool:
    """Whether a recorded reminder should still go out when its turn to be sent comes.

    Between planning and sending (a retry hours later) the mandate may have been completed or
    its deadline moved; a reminder about a date that no longer holds is cancelled rather than
    sent, the reminders for the new date having been armed in its place. A notice (a
    change, a decision on a report) stays true whatever happened since: an accepted report
    that completed its State's part is still told. The line of reports awaiting review is
    live while some wait.
    """
    if not live:
        return False
    section = section_of(kind)
    if is_notice(kind) or section is Section.AWAITING:
        return True
    if closed:
        return False
    if section is Section.UNDATED:
        return mandate_due_date is None
    return mandate_due_date == due_date


# Retries ---------------------------------------------------------------------------------


def retry_delay(*, attempts: int, base_seconds: int, max_seconds: int) -> int:
    """Seconds to wait after the `attempts`-th failed send: base, twice that, … up to max."""
    return min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds)
