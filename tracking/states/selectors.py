"""Reads for per-State follow-up, each in a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language

from config.typography import sort_key
from tracking.models import CLOSED_STATUSES, Actor, Mandate, Status
from tracking.selectors import with_list_rows
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

# A mandate that no longer applies to anyone (not applicable, superseded) is closed for
# every State; "completed" as a whole says nothing of each State's part.
CLOSED_FOR_ALL = [Status.NOT_APPLICABLE, Status.SUPERSEDED]


def state_of_user(user) -> State | None:
    """The State a user speaks for, if any."""
    if not user.is_authenticated:
        return None
    link = DelegationLink.objects.select_related("state").filter(user=user).first()
    return link.state if link else None


STAFF, DELEGATION = "staff", "delegation"


def progress_writer(*, user, state: State) -> str | None:
    """Who may write this State's progress: staff record it (STAFF), the State's own
    delegation reports it (DELEGATION); nobody else (None). Pages and API ask alike."""
    if user.has_perm("tracking.change_stateprogress"):
        return STAFF
    if not user.has_perm("tracking.add_statereport"):
        return None
    own = state_of_user(user)
    return DELEGATION if own is not None and own.pk == state.pk else None


def _memberships(rows) -> dict[str, list[membership.Membership]]:
    grouped: dict[str, list[membership.Membership]] = {}
    for key, iso3, start, end in rows:
        grouped.setdefault(key, []).append(membership.Membership(iso3, start, end))
    return grouped


def state_actor_ids(*, state: State, on: datetime.date | None = None) -> list[int]:
    """The actors through which something can be asked of a State on a day: the groups
    it belongs to (all States, Member States, States Parties or not …) and an actor that
    stands for it alone. Two queries."""
    on = on or timezone.localdate()
    rows = GroupMembership.objects.filter(state=state).values_list(
        "group__key", "state__iso3", "start", "end"
    )
    keys = membership.groups_of_state(
        state.iso3,
        is_un_member=state.un_status == UnStatus.MEMBER,
        memberships=_memberships(rows),
        on=on,
    )
    return list(Actor.objects.filter(Q(key__in=keys) | Q(state=state)).values_list("pk", flat=True))


def mandate_concerns_state(*, mandate: Mandate, state: State, on=None) -> bool:
    ids = state_actor_ids(state=state, on=on)
    return Mandate.addressees.through.objects.filter(mandate=mandate, actor_id__in=ids).exists()


# The State page's order within each of its parts (overdue for the State, then the rest).
STATE_ITEMS_ORDER = ("resolution__symbol", "paragraph__order", "position", "pk")


def state_items_parts(*, state: State, user, today: datetime.date | None = None):
    """The State page's list as (all items, [overdue for the State, the others]), each
    part by resolution and paragraph: for tracking.paging.lookahead_page_in_parts, which
    reads a page without sorting every item (tens of thousands for a Member State that is
    a State Party)."""
    today = today or timezone.localdate()
    items = state_items(state=state, user=user, today=today).order_by()
    # The conditions of `state_overdue`, written out so that the planner estimates each
    # part from its statistics (it takes a filter on a CASE for a rare one, and then
    # sorts a common part instead of walking it). The rest is their exact complement.
    # Negations are avoided: on the State's cell, a joined relation, Django writes one as
    # a subquery over every closed cell of the State.
    open_statuses = [status for status in Status.values if status not in CLOSED_STATUSES]
    overdue = (
        Q(due_date__lt=today)
        & ~Q(status__in=CLOSED_FOR_ALL)
        & (Q(cell__status__isnull=True) | Q(cell__status__in=open_statuses))
    )
    rest = (
        Q(due_date__isnull=True)
        | Q(due_date__gte=today)
        | Q(status__in=CLOSED_FOR_ALL)
        | Q(cell__status__in=CLOSED_STATUSES)
    )
    return items, [items.filter(q).order_by(*STATE_ITEMS_ORDER) for q in (overdue, rest)]


def state_items(*, state: State, user, today: datetime.date | None = None) -> QuerySet:
    """Every mandate asked of a State, directly or through its groups, that the user may
    see, with the State's own progress (`cell_*`) and whether it is overdue for the State;
    overdue first, then by resolution and paragraph."""
    today = today or timezone.localdate()
    ids = state_actor_ids(state=state, on=today)
    addressed = Mandate.addressees.through.objects.filter(
        mandate_id=OuterRef("pk"), actor_id__in=ids
    )
    is_open = Q(cell__status__isnull=True) | ~Q(cell__status__in=CLOSED_STATUSES)
    return (
        with_list_rows(Mandate.objects.visible_to(user).live())
        .filter(Exists(addressed))
        .annotate(
            cell=FilteredRelation("state_progress", condition=Q(state_progress__state=state)),
            cell_status=F("cell__status"),
            cell_comment=F("cell__comment"),
            cell_evidence_url=F("cell__evidence_url"),
            cell_updated_at=F("cell__updated_at"),
            cell_version=F("cell__version"),
            cell_reported=F("cell__reported_by_state"),
            state_overdue=Case(
                When(
                    Q(due_date__lt=today) & is_open & ~Q(status__in=CLOSED_FOR_ALL),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-state_overdue", *STATE_ITEMS_ORDER)
    )


def state_reports_of(*, state: State, mandate_ids) -> dict[int, StateReport]:
    """The latest report of a State on each of the given mandates (one query)."""
    latest: dict[int, StateReport] = {}
    for report in (
        StateReport.objects.filter(state=state, mandate_id__in=list(mandate_ids))
        .select_related("submitted_by", "reviewed_by")
        .order_by("mandate_id", "-submitted_at", "-id")
    ):
        latest.setdefault(report.mandate_id, report)
    return latest


def state_cell(*, state: State, mandate: Mandate) -> dict:
    """A State's progress on one mandate, its history and its latest report."""
    progress = StateProgress.objects.filter(mandate=mandate, state=state).first()
    events = list(
        StateProgressEvent.objects.filter(mandate=mandate, state=state)
        .select_related("user")
        .order_by("-at", "-id")
    )
    report = (
        StateReport.objects.filter(mandate=mandate, state=state)
        .select_related("submitted_by", "reviewed_by")
        .order_by("-submitted_at", "-id")
        .first()
    )
    return {"progress": progress, "events": events, "report": report}


def pending_reports() -> QuerySet:
    """The staff queue: reports awaiting review, oldest first."""
    return (
        StateReport.objects.filter(review=StateReport.Review.PENDING)
        .select_related("state", "submitted_by", "mandate__resolution", "mandate__paragraph")
        .order_by("submitted_at", "pk")
    )


# Roll-ups ------------------------------------------------------------------------------------


@dataclass
class Registry:
    """Every State and the dated memberships of the listed groups, read once."""

    states: dict[int, tuple[str, str, str]]  # pk → (iso3, un_status, regional group)
    memberships: dict[str, list[membership.Membership]]
    listed_groups: set[str] = field(default_factory=set)
    names: dict[int, str] = field(default_factory=dict)  # in the active language

    @property
    def by_iso3(self) -> dict[str, int]:
        return {iso3: pk for pk, (iso3, _status, _group) in self.states.items()}

    def group_keys(self) -> set[str]:
        return set(membership.COMPUTED_GROUPS) | {membership.STATES_PARTIES} | self.listed_groups

    def resolve(self, key: str, *, adopted_on, on) -> set[int]:
        by_iso3 = self.by_iso3
        iso3s = membership.resolve_group(
            key,
            all_states=by_iso3,
            un_members=[i for i, s, _g in self.states.values() if s == UnStatus.MEMBER],
            memberships=self.memberships,
            adopted_on=adopted_on,
            on=on,
        )
        return {by_iso3[iso3] for iso3 in iso3s if iso3 in by_iso3}

    def groups_of(self, pk: int, *, on) -> set[str]:
        iso3, status, _group = self.states[pk]
        return membership.groups_of_state(
            iso3,
            is_un_member=status == UnStatus.MEMBER,
            memberships=self.memberships,
            on=on,
        )


def registry() -> Registry:
    """Two queries, whatever the number of mandates."""
    french = get_language() == "fr"
    states, names = {}, {}
    for pk, iso3, status, group, name_en, name_fr in State.objects.values_list(
        "pk", "iso3", "un_status", "un_regional_group", "name_en", "name_fr"
    ):
        states[pk] = (iso3, status, group)
        names[pk] = name_fr if french else name_en
    rows = list(GroupMembership.objects.values_list("group__key", "state__iso3", "start", "end"))
    return Registry(
        states=states,
        memberships=_memberships(rows),
        listed_groups={key for key, *_rest in rows},
        names=names,
    )


def mandate_rollup(*, mandate: Mandate, on: datetime.date | None = None) -> list[dict]:
    """For each addressee of a mandate that stands for States, how far the States it
    concerns have got: "61 of 125 States Parties completed". Four queries; none when the
    mandate is addressed to no State."""
    on = on or timezone.localdate()
    addressees = list(mandate.addressees.all())
    reg = None
    rows = []
    for actor in addressees:
        if actor.state_id is None and actor.key not in (
            membership.COMPUTED_GROUPS | {membership.STATES_PARTIES}
        ):
            continue
        if reg is None:
            reg = registry()
            progress = dict(
                StateProgress.objects.filter(mandate=mandate).values_list("state_id", "status")
            )
        if actor.state_id is not None:
            concerned = {actor.state_id}
        else:
            concerned = reg.resolve(actor.key, adopted_on=mandate.resolution.adopted_on, on=on)
        counts = Counter(progress.get(pk) for pk in concerned)
        rows.append(
            {
                "actor": actor,
                "total": len(concerned),
                "counts": [
                    (status.value, status.label, counts[status.value])
                    for status in Status
                    if counts[status.value]
                ],
                "completed": counts[Status.COMPLETED],
                "no_information": counts[None],
            }
        )
    return rows


def _derived_tables(actor_bits: dict[int, int], visible: QuerySet) -> dict[str, tuple]:
    """The derived tables of the dashboard's per-State counts, as (SQL, params): `m`, the
    visible mandates (id, due_date, status), and `masks` (mandate_id, mask), the sum of
    the bits of each mandate's addressees that stand for States. The mandates with the
    same mask concern the same States. Each mask is computed once here; as an annotation,
    the ORM would run a correlated subquery for every row counted: for every per-State
    entry, 2,000,000 at full bench scale (88 s)."""
    bits = Case(
        *[When(actor_id=pk, then=Value(bit)) for pk, bit in actor_bits.items()],
        default=Value(0),
        output_field=BigIntegerField(),
    )
    masks = (
        Mandate.addressees.through.objects.filter(actor_id__in=list(actor_bits))
        .values("mandate_id")
        .annotate(mask=Sum(bits))
        .values("mandate_id", "mask")
        .order_by()
    )
    shown = visible.order_by().values("id", "due_date", "status")
    return {"m": shown.query.sql_with_params(), "masks": masks.query.sql_with_params()}


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# A bit per actor in a 64-bit integer: the groups first, then actors that stand for one
# State. Beyond this, actors standing for one State are left out of the dashboard.
MAX_MASK_BITS = 62


def states_dashboard(*, visible: QuerySet, today: datetime.date) -> dict:
    """The States with the most overdue items and completion by regional group.

    Each State's figures come from counts of mandates per set of State addressees (a few
    dozen sets at most) and of per-State progress per State and set: six queries,
    whatever the number of mandates and entries."""
    reg = registry()
    actors = list(
        Actor.objects.filter(Q(key__in=reg.group_keys()) | Q(state__isnull=False))
        .order_by(F("state_id").asc(nulls_first=True), "pk")
        .values_list("pk", "key", "state_id")[:MAX_MASK_BITS]
    )
    empty = {"overdue_states": [], "by_region": []}
    if not actors or not reg.states:
        return empty
    bits = {pk: 1 << index for index, (pk, _key, _state) in enumerate(actors)}
    key_bits: dict[str, int] = {key: bits[pk] for pk, key, state in actors if state is None}
    own_bits: dict[int, int] = {state: bits[pk] for pk, _key, state in actors if state}
    (shown, shown_params), (masks, masks_params) = _derived_tables(bits, visible).values()
    for_all = ", ".join(["%s"] * len(CLOSED_FOR_ALL))
    overdue = f"m.due_date < %s AND m.status NOT IN ({for_all})"
    overdue_params = [today, *map(str, CLOSED_FOR_ALL)]
    per_mask = [
        {"mask": mask, "total": total, "overdue": late}
        for mask, total, late in _rows(
            f"SELECT masks.mask, COUNT(*), SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END) "
            f"FROM ({shown}) m JOIN ({masks}) masks ON masks.mandate_id = m.id "
            "WHERE masks.mask > 0 GROUP BY masks.mask",
            [*overdue_params, *shown_params, *masks_params],
        )
    ]
    closed = ", ".join(["%s"] * len(CLOSED_STATUSES))
    progress = connection.ops.quote_name(StateProgress._meta.db_table)
    per_state = [
        {
            "state_id": state_id,
            "mask": mask,
            "completed": completed,
            "in_progress": in_progress,
            "closed_overdue": closed_overdue,
        }
        for state_id, mask, completed, in_progress, closed_overdue in _rows(
            "SELECT sp.state_id, masks.mask, "
            "SUM(CASE WHEN sp.status = %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN sp.status IN (%s, %s) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN sp.status IN ({closed}) AND {overdue} THEN 1 ELSE 0 END) "
            f"FROM {progress} sp JOIN ({shown}) m ON m.id = sp.mandate_id "
            f"JOIN ({masks}) masks ON masks.mandate_id = sp.mandate_id "
            "WHERE masks.mask > 0 GROUP BY sp.state_id, masks.mask",
            [
                str(Status.COMPLETED),
                str(Status.IN_PROGRESS),
                str(Status.ONGOING),
                *sorted(map(str, CLOSED_STATUSES)),
                *overdue_params,
                *shown_params,
                *masks_params,
            ],
        )
    ]
    state_bits = {}
    for pk in reg.states:
        groups = reg.groups_of(pk, on=today)
        state_bits[pk] = sum(bit for key, bit in key_bits.items() if key in groups) | own_bits.get(
            pk, 0
        )
    figures = {pk: Counter() for pk in reg.states}
    for row in per_mask:
        for pk, mask in state_bits.items():
            if row["mask"] & mask:
                figures[pk]["total"] += row["total"]
                figures[pk]["overdue"] += row["overdue"]
    for row in per_state:
        pk = row["state_id"]
        if pk in state_bits and row["mask"] & state_bits[pk]:
            figures[pk]["completed"] += row["completed"]
            figures[pk]["in_progress"] += row["in_progress"]
            figures[pk]["overdue"] -= row["closed_overdue"]
    overdue_states = sorted(
        (
            {
                "iso3": reg.states[pk][0],
                "name": reg.names[pk],
                "overdue": counts["overdue"],
                "total": counts["total"],
            }
            for pk, counts in figures.items()
            if counts["overdue"] > 0
        ),
        key=lambda row: (-row["overdue"], sort_key(row["name"]), row["iso3"]),
    )[:10]
    by_region = []
    for group in RegionalGroup:
        members = [pk for pk, (_i, _s, region) in reg.states.items() if region == group.value]
        total = sum(figures[pk]["total"] for pk in members)
        by_region.append(
            {
                "key": group.value,
                # A plain string: a lazy one costs its proxy class again at every unpickling
                # of the cached dashboard.
                "label": str(group.label),
                "states": len(members),
                "total": total,
                "completed": sum(figures[pk]["completed"] for pk in members),
                "in_progress": sum(figures[pk]["in_progress"] for pk in members),
            }
        )
    return {"overdue_states": overdue_states, "by_region": by_region}


def states_listing(*, on: datetime.date | None = None) -> list[dict]:
    """Every State by regional group, with whether it is a party on the day (two queries)."""
    on = on or timezone.localdate()
    reg = registry()
    parties = membership.members_on(reg.memberships.get(membership.STATES_PARTIES, []), on)
    groups = [(group.value, group.label) for group in RegionalGroup] + [("", None)]
    listing = []
    for value, label in groups:
        rows = sorted(
            (
                {"iso3": iso3, "name": reg.names[pk], "party": iso3 in parties}
                for pk, (iso3, _status, region) in reg.states.items()
                if region == value
            ),
            key=lambda row: (sort_key(row["name"]), row["name"]),
        )
        if rows:
            listing.append({"key": value or "none", "label": label, "states": rows})
    return listing
