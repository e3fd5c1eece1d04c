"""
Reads for deadline reminders: what is due on a day (for the daily run and its dry run), and
the staff page of sent, pending and failed reminders. Each read takes a fixed number of
queries whatever the number of mandates, recipients or reminders.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resolutions.models import Session
from tracking import roles
from tracking.models import (
    CLOSED_STATUSES,
    Actor,
    ActorContact,
    DelegationLink,
    Follow,
    Mandate,
    MandateEvent,
    Recipient,
    Reminder,
    State,
    StateProgress,
    StateReport,
)
from tracking.reminders import rules
from tracking.reminders.rules import Person
from tracking.states.selectors import CLOSED_FOR_ALL, registry

logger = logging.getLogger(__name__)

# The changes a follower is told of.
NOTIFIED_FIELDS = (
    MandateEvent.Field.STATUS,
    MandateEvent.Field.DEADLINE,
    MandateEvent.Field.DUE_DATE,
)


@dataclass(frozen=True)
class DueReminder:
    """A reminder owed on a day, before it is recorded."""

    person: Person
    mandate_id: int
    kind: str
    due_date: datetime.date
    state_id: int | None = None  # a reminder to a State's delegation of its own part


@dataclass
class _Facts:
    """What the rules need to know about the people around the mandates considered."""

    parent_of: dict[int, int | None]
    addressees: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    contacts: dict[int, list[Person]] = field(default_factory=lambda: defaultdict(list))
    by_mandate: dict[int, list[Person]] = field(default_factory=lambda: defaultdict(list))
    by_resolution: dict[int, list[Person]] = field(default_factory=lambda: defaultdict(list))
    by_actor: dict[int, list[Person]] = field(default_factory=lambda: defaultdict(list))
    users: dict[int, Person] = field(default_factory=dict)

    def followers(self, *, mandate_id: int, resolution_id: int) -> list[Person]:
        people = [*self.by_mandate[mandate_id], *self.by_resolution[resolution_id]]
        for actor in self.actors(mandate_id):
            people += self.by_actor[actor]
        return people

    def actors(self, mandate_id: int) -> set[int]:
        return rules.concerned_actors(
            addressees=self.addressees[mandate_id], parent_of=self.parent_of
        )


def reminders_due(
    *,
    today: datetime.date,
    offsets: list[int] | None = None,
    catch_up_days: int | None = None,
) -> list[DueReminder]:
    """Every reminder owed on `today`, recorded already or not, for people who want it.

    Dated reminders for open mandates, change notices for followers, and the weekly "dates
    not set" list for the secretariat. Preferences are those of the recipients already
    known; someone never written to before wants everything.
    """
    offsets = offsets or settings.SUIVI_REMINDER_OFFSETS
    if catch_up_days is None:
        catch_up_days = settings.SUIVI_REMINDER_CATCH_UP_DAYS
    # Changes made after yesterday's run are told today, whatever the catch-up window.
    changes_since = today - datetime.timedelta(days=max(catch_up_days, 2) - 1)
    live_open = Mandate.objects.live().open()

    dated = list(
        live_open.filter(
            due_date__isnull=False, due_date__lte=today + datetime.timedelta(days=max(offsets))
        ).values("pk", "due_date", "is_internal", "focal_point_id", "resolution_id")
    )
    dated_kinds = {}
    for mandate in dated:
        try:
            kind = rules.dated_kind(
                due_date=mandate["due_date"],
                today=today,
                offsets=offsets,
                catch_up_days=catch_up_days,
            )
        except OverflowError:
            # A due date at the edge of the calendar (typed before dates were checked)
            # must not stop everyone else's reminders.
            logger.warning(
                "Mandate %s skipped: its due date %s is out of range",
                mandate["pk"],
                mandate["due_date"],
            )
            continue
        if kind:
            dated_kinds[mandate["pk"]] = kind
    dated = [mandate for mandate in dated if mandate["pk"] in dated_kinds]

    # A due date is null while the session it hangs on has no dates.
    undated = list(
        live_open.filter(due_date__isnull=True, deadline_session__isnull=False).values_list(
            "pk", flat=True
        )
    )
    changes = list(
        MandateEvent.objects.filter(
            field__in=NOTIFIED_FIELDS,
            at__gte=_start_of(changes_since),
            at__lt=_start_of(today + datetime.timedelta(days=1)),
            mandate__review=Mandate.Review.ACCEPTED,
        )
        .order_by("at", "pk")
        .values(
            "pk",
            "at",
            "mandate_id",
            "user__email",
            "mandate__is_internal",
            "mandate__resolution_id",
        )
    )

    facts = _facts(
        mandate_ids={m["pk"] for m in dated} | {c["mandate_id"] for c in changes},
        resolution_ids={m["resolution_id"] for m in dated}
        | {c["mandate__resolution_id"] for c in changes},
        focal_point_ids={m["focal_point_id"] for m in dated if m["focal_point_id"]},
    )

    due: list[DueReminder] = []
    for mandate in dated:
        people = rules.audience(
            contacts=[p for actor in facts.actors(mandate["pk"]) for p in facts.contacts[actor]],
            focal_point=facts.users.get(mandate["focal_point_id"]),
            followers=facts.followers(
                mandate_id=mandate["pk"], resolution_id=mandate["resolution_id"]
            ),
            internal=mandate["is_internal"],
        )
        due += [
            DueReminder(person, mandate["pk"], dated_kinds[mandate["pk"]], mandate["due_date"])
            for person in people
        ]
    for change in changes:
        people = rules.change_audience(
            followers=facts.followers(
                mandate_id=change["mandate_id"],
                resolution_id=change["mandate__resolution_id"],
            ),
            internal=change["mandate__is_internal"],
            author_email=change["user__email"] or "",
        )
        day = timezone.localtime(change["at"]).date()
        kind = rules.change_kind(change["pk"])
        due += [DueReminder(person, change["mandate_id"], kind, day) for person in people]
    if undated:
        week = rules.undated_period(today)
        for person in _secretariat():
            due += [DueReminder(person, mandate_id, rules.UNDATED, week) for mandate_id in undated]
    due += _state_reminders_due(today=today, offsets=offsets, catch_up_days=catch_up_days)
    due += _review_queue_due(today=today)
    return _wanted(due)


def _review_queue_due(*, today: datetime.date) -> list[DueReminder]:
    """The line "N reports await review" for each reviewer, on a day some wait; none for a
    reviewer who has it already today (the oldest report may have changed since the
    first run of the day). Three or four queries."""
    oldest = (
        StateReport.objects.filter(review=StateReport.Review.PENDING)
        .order_by("submitted_at", "pk")
        .values_list("mandate_id", flat=True)
        .first()
    )
    if oldest is None:
        return []
    told = set(
        Reminder.objects.filter(kind=rules.AWAITING, due_date=today).values_list(
            "recipient__email", flat=True
        )
    )
    return [
        DueReminder(person, oldest, rules.AWAITING, today)
        for person in _people(_holders("review_statereport")).values()
        if person.email not in told
    ]


def _state_reminders_due(
    *, today: datetime.date, offsets: list[int], catch_up_days: int
) -> list[DueReminder]:
    """What each State's delegates are reminded of: the mandates that ask something of
    their State, due soon or overdue, that the State has not completed.

    Only what a delegation may read (accepted, not internal), and only mandates that
    still apply to someone: a mandate completed as a whole says nothing of each State's
    part. Seven queries whatever the number of mandates, States and entries."""
    delegates: dict[int, list[Person]] = defaultdict(list)
    for state_id, email in (
        DelegationLink.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("state_id", "user__email")
    ):
        # Delegations read no internal mandate: none is reminded to them.
        delegates[state_id].append(Person(rules.normalise_email(email), settings.LANGUAGE_CODE))
    if not delegates:
        return []
    candidates = list(
        Mandate.objects.live()
        .filter(
            is_internal=False,
            due_date__isnull=False,
            due_date__lte=today + datetime.timedelta(days=max(offsets)),
        )
        .exclude(status__in=CLOSED_FOR_ALL)
        .values_list("pk", "due_date", "resolution__adopted_on")
    )
    kinds = {}
    for pk, due_date, _adopted_on in candidates:
        try:
            kind = rules.dated_kind(
                due_date=due_date, today=today, offsets=offsets, catch_up_days=catch_up_days
            )
        except OverflowError:
            continue  # logged by reminders_due for the same mandate
        if kind:
            kinds[pk] = kind
    if not kinds:
        return []
    addressees: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for mandate_id, key, state_id in Mandate.addressees.through.objects.filter(
        mandate_id__in=list(kinds)
    ).values_list("mandate_id", "actor__key", "actor__state_id"):
        addressees[mandate_id].append((key, state_id))
    reg = registry()
    groups = reg.group_keys()
    closed: dict[int, set[int]] = defaultdict(set)
    for mandate_id, state_id in StateProgress.objects.filter(
        mandate_id__in=list(kinds), state_id__in=list(delegates), status__in=CLOSED_STATUSES
    ).values_list("mandate_id", "state_id"):
        closed[mandate_id].add(state_id)
    due = []
    for pk, due_date, adopted_on in candidates:
        if pk not in kinds:
            continue
        concerned: set[int] = set()
        for key, state_id in addressees[pk]:
            if state_id is not None:
                concerned.add(state_id)
            elif key in groups:
                concerned |= reg.resolve(key, adopted_on=adopted_on, on=today)
        for state_id, person in rules.delegation_audience(
            concerned=concerned & set(delegates), closed=closed[pk], delegates=delegates
        ):
            due.append(DueReminder(person, pk, kinds[pk], due_date, state_id))
    return due


def _facts(*, mandate_ids: set[int], resolution_ids: set[int], focal_point_ids: set[int]):
    facts = _Facts(parent_of=dict(Actor.objects.values_list("pk", "parent_id")))
    for mandate_id, actor_id in Mandate.addressees.through.objects.filter(
        mandate_id__in=mandate_ids
    ).values_list("mandate_id", "actor_id"):
        facts.addressees[mandate_id].add(actor_id)
    actor_ids = set().union(*(facts.actors(pk) for pk in mandate_ids)) if mandate_ids else set()
    for actor_id, email, language in ActorContact.objects.filter(
        actor_id__in=actor_ids
    ).values_list("actor_id", "email", "language"):
        facts.contacts[actor_id].append(Person(rules.normalise_email(email), language))

    follows = list(
        Follow.objects.filter(
            Q(mandate_id__in=mandate_ids)
            | Q(resolution_id__in=resolution_ids)
            | Q(actor_id__in=actor_ids),
            user__is_active=True,
        ).values_list("user_id", "mandate_id", "resolution_id", "actor_id")
    )
    user_ids = focal_point_ids | {user_id for user_id, *_targets in follows}
    facts.users = _people(user_ids)
    for user_id, mandate_id, resolution_id, actor_id in follows:
        person = facts.users.get(user_id)
        if person is None:
            continue
        if mandate_id:
            facts.by_mandate[mandate_id].append(person)
        elif resolution_id:
            facts.by_resolution[resolution_id].append(person)
        else:
            facts.by_actor[actor_id].append(person)
    return facts


def _people(user_ids: set[int]) -> dict[int, Person]:
    """Active users with an address, as people to write to."""
    if not user_ids:
        return {}
    internal = _internal_readers()
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    )
    return {
        pk: Person(rules.normalise_email(email), settings.LANGUAGE_CODE, pk in internal)
        for pk, email in users
    }


def _internal_readers() -> set[int]:
    """Users allowed to read internal mandates, in one query (has_perm would take one each)."""
    return _holders("view_internal_mandate")


def _holders(codename: str) -> set[int]:
    """Active users holding one of tracking's permissions, by role, of their own or as
    superusers, in one query."""
    permission = Permission.objects.filter(content_type__app_label="tracking", codename=codename)
    return set(
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission),
            is_active=True,
        )
        .values_list("pk", flat=True)
    )


def _secretariat() -> list[Person]:
    users = (
        get_user_model()
        .objects.filter(groups__name=roles.SECRETARIAT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return rules.audience(
        contacts=[],
        focal_point=None,
        followers=[
            Person(rules.normalise_email(email), settings.LANGUAGE_CODE, True) for email in users
        ],
        internal=False,
    )


def _wanted(due: list[DueReminder]) -> list[DueReminder]:
    preferences = {
        email: (reminders_enabled, changes_enabled)
        for email, reminders_enabled, changes_enabled in Recipient.objects.filter(
            email__in={item.person.email for item in due}
        ).values_list("email", "reminders_enabled", "changes_enabled")
    }
    return [
        item
        for item in due
        if rules.wants(
            kind=item.kind,
            reminders_enabled=preferences.get(item.person.email, (True, True))[0],
            changes_enabled=preferences.get(item.person.email, (True, True))[1],
        )
    ]


def report_notice_due(report: StateReport) -> DueReminder | None:
    """The notice owed to the delegate who sent `report`, now that staff decided on it, or
    None: an inactive sender, one without an address, one who stopped notices, or a report
    applied without review. Three queries."""
    sender = _people({report.submitted_by_id} - {None}).get(report.submitted_by_id)
    person = rules.report_notice_to(
        submitter=sender, decided_by_staff=report.reviewed_by_id is not None
    )
    if person is None:
        return None
    kind = rules.report_kind(report.pk)
    due = DueReminder(
        person,
        report.mandate_id,
        kind,
        timezone.localdate(report.reviewed_at),
        report.state_id,
    )
    wanted = _wanted([due])
    return wanted[0] if wanted else None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


# Sending -----------------------------------------------------------------------------------


def claimable(*, now: datetime.datetime, claim_timeout: int | None = None) -> Q:
    """Reminders a run may take: pending, failed and due for a retry, or abandoned.

    A reminder stays "sending" only while a worker holds it; one still "sending" after the
    claim timeout belongs to a worker that died (killed, machine lost) and may be taken over.
    """
    if claim_timeout is None:
        claim_timeout = settings.SUIVI_REMINDER_CLAIM_TIMEOUT
    waiting = Q(state__in=[Reminder.State.PENDING, Reminder.State.FAILED]) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(
        state=Reminder.State.SENDING,
        claimed_at__lt=now - datetime.timedelta(seconds=claim_timeout),
    )
    return waiting | abandoned


def recipients_with_claimable(*, now: datetime.datetime, claim_timeout: int | None = None):
    return list(
        Reminder.objects.filter(claimable(now=now, claim_timeout=claim_timeout))
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def reminders_claimed(*, claim: str) -> list[Reminder]:
    """The reminders one claim took, with what a digest shows of them."""
    return list(
        Reminder.objects.filter(claim_filter(claim))
        .select_related(
            "recipient",
            "for_state",
            "mandate__paragraph__resolution",
            "mandate__deadline_session__body",
        )
        .order_by("due_date", "mandate__paragraph__resolution__symbol", "mandate_id", "kind")
    )


def claim_filter(claim: str) -> Q:
    return Q(state=Reminder.State.SENDING, claimed_by=claim)


def change_events(reminder_list: list[Reminder]) -> dict[int, MandateEvent]:
    """The history entries that the change notices among `reminder_list` are about."""
    ids = {rules.event_id_of(item.kind) for item in reminder_list} - {None}
    if not ids:
        return {}
    return {event.pk: event for event in MandateEvent.objects.filter(pk__in=ids)}


def reports_waiting() -> int:
    """How many States' reports await review."""
    return StateReport.objects.filter(review=StateReport.Review.PENDING).count()


def state_reports(reminder_list: list[Reminder]) -> dict[int, StateReport]:
    """The States' reports that the report notices among `reminder_list` are about."""
    ids = {rules.report_id_of(item.kind) for item in reminder_list} - {None}
    if not ids:
        return {}
    return StateReport.objects.select_related("state").in_bulk(ids)


def state_statuses(reminder_list: list[Reminder]) -> dict[tuple[int, int], str]:
    """The own status of each State that reminders among `reminder_list` are for, by
    (mandate, State); a cell with nothing recorded is absent (one query, or none)."""
    cells = {(item.mandate_id, item.for_state_id) for item in reminder_list if item.for_state_id}
    if not cells:
        return {}
    rows = StateProgress.objects.filter(
        mandate_id__in={mandate for mandate, _state in cells},
        state_id__in={state for _mandate, state in cells},
    ).values_list("mandate_id", "state_id", "status")
    return {(m, s): status for m, s, status in rows if (m, s) in cells}


def state_cells_closed(reminder_list: list[Reminder]) -> set[tuple[int, int]]:
    """The (mandate, State) of reminders whose State has completed (or closed) its part."""
    return {
        cell for cell, status in state_statuses(reminder_list).items() if status in CLOSED_STATUSES
    }


@dataclass
class Preview:
    """What one recipient would receive: for the dry run."""

    email: str
    language: str
    items: list[Reminder]


def reminders_preview(*, today: datetime.date, now: datetime.datetime) -> list[Preview]:
    """What a run on `today` would send, without recording or sending anything.

    The reminders owed today that are not recorded yet, and those recorded that are waiting
    to be sent (pending, failed and due for a retry, abandoned by a worker).
    """
    due = reminders_due(today=today)
    known = set(
        Reminder.objects.filter(
            mandate_id__in={item.mandate_id for item in due},
            recipient__email__in={item.person.email for item in due},
        ).values_list("mandate_id", "recipient__email", "kind", "due_date", "for_state_id")
    )
    mandates = Mandate.objects.select_related(
        "paragraph__resolution", "deadline_session__body"
    ).in_bulk({item.mandate_id for item in due})
    recipients = Recipient.objects.in_bulk({item.person.email for item in due}, field_name="email")
    states = State.objects.in_bulk({item.state_id for item in due if item.state_id})
    previews: dict[str, Preview] = {}
    for item in due:
        if (item.mandate_id, item.person.email, item.kind, item.due_date, item.state_id) in known:
            continue
        recipient = recipients.get(item.person.email)
        language = recipient.language if recipient else item.person.language
        preview = previews.setdefault(item.person.email, Preview(item.person.email, language, []))
        preview.items.append(
            Reminder(
                mandate=mandates[item.mandate_id],
                recipient=recipient or Recipient(email=item.person.email, language=language),
                kind=item.kind,
                due_date=item.due_date,
                for_state=states.get(item.state_id),
            )
        )
    waiting = (
        Reminder.objects.filter(claimable(now=now))
        .select_related("recipient", "for_state", "mandate__paragraph__resolution")
        .order_by("recipient__email", "due_date", "pk")
    )
    for reminder in waiting:
        email = reminder.recipient.email
        preview = previews.setdefault(email, Preview(email, reminder.recipient.language, []))
        preview.items.append(reminder)
    return sorted(previews.values(), key=lambda preview: preview.email)


# The staff page ----------------------------------------------------------------------------


class ReminderFilter(django_filters.FilterSet):
    KIND_CHOICES = [
        (rules.Section.SOON, _("before the due date")),
        (rules.Section.OVERDUE, _("overdue")),
        (rules.Section.CHANGED, _("change notice")),
        (rules.Section.UNDATED, _("dates not set")),
        (rules.Section.REPORTS, _("report reviewed")),
        (rules.Section.AWAITING, _("reports awaiting review")),
    ]

    state = django_filters.ChoiceFilter(label=_("State"), choices=Reminder.State.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=KIND_CHOICES, method="by_kind")
    recipient = django_filters.CharFilter(
        label=_("Recipient"), field_name="recipient__email", lookup_expr="icontains"
    )
    resolution = django_filters.CharFilter(
        label=_("Resolution"),
        field_name="mandate__resolution__symbol",
        lookup_expr="icontains",
    )
    # Date pickers, as the mandate list's: a typed date depended on the language's order.
    due_after = django_filters.DateFilter(
        label=_("Due from"),
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Reminder
        fields = ["state", "kind", "recipient", "resolution", "due_after", "due_before"]

    def by_kind(self, queryset, name, value):
        if value == rules.Section.UNDATED:
            return queryset.filter(kind=rules.UNDATED)
        if value == rules.Section.AWAITING:
            return queryset.filter(kind=rules.AWAITING)
        prefix = {
            rules.Section.SOON: rules.BEFORE,
            rules.Section.OVERDUE: rules.OVERDUE,
            rules.Section.CHANGED: rules.CHANGED,
            rules.Section.REPORTS: rules.REPORT,
        }[value]
        return queryset.filter(kind__startswith=prefix)


def reminder_log(*, filters) -> tuple[ReminderFilter, QuerySet]:
    """Reminders, newest first, filtered; no results for filters that do not validate."""
    queryset = Reminder.objects.select_related(
        "recipient", "mandate__paragraph__resolution"
    ).order_by("-created_at", "-pk")
    filterset = ReminderFilter(filters, queryset=queryset)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def reminder_counts() -> dict[str, int]:
    """How many reminders are in each state, in one query."""
    counts = dict.fromkeys(Reminder.State.values, 0)
    for state, count in Reminder.objects.values_list("state").annotate(count=Count("pk")):
        counts[state] = count
    return counts


def sessions_without_dates() -> QuerySet:
    """Sessions with no dates yet on which open mandates hang, with how many of them."""
    undated = Mandate.objects.live().open().filter(due_date__isnull=True)
    # Filtering before annotating makes the count use the filtered join: only those mandates.
    return (
        Session.objects.filter(mandates_due__in=undated)
        .select_related("body")
        .annotate(mandate_count=Count("mandates_due", distinct=True))
        .order_by("body__symbol_prefix", "number")
    )
