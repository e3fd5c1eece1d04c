"""Reads of the tracking app, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone, translation
from django.utils.translation import get_language
from kombu.exceptions import OperationalError

from resolutions.models import ParagraphText
from resolutions.selectors import preferred_language
from tracking.extraction import ActorAliases
from tracking.filters import STRENGTH, MandateFilter
from tracking.models import (
    CLOSED_STATUSES,
    Action,
    Actor,
    Follow,
    Mandate,
    MandateEvent,
    Status,
)


def mandates_base(user) -> QuerySet:
    """Mandates a user may see, with what a row of a list shows."""
    return with_list_rows(Mandate.objects.visible_to(user))


def with_list_rows(mandates: QuerySet) -> QuerySet:
    """What a row of a list shows. The search text (every paragraph text) and the
    internal notes are left out: no list shows them."""
    return (
        mandates.select_related("paragraph__resolution", "deadline_session")
        .defer("search_text", "internal_notes")
        .prefetch_related(Prefetch("addressees", queryset=Actor.objects.order_by("name_en")))
    )


def mandates_by_paragraph(*, resolution, user) -> dict[int, list[Mandate]]:
    """Every mandate of a resolution, suggestions included, grouped by paragraph id."""
    grouped: dict[int, list[Mandate]] = {}
    for mandate in (
        mandates_base(user)
        .filter(resolution=resolution)
        .order_by("paragraph__order", "position", "pk")
    ):
        grouped.setdefault(mandate.paragraph_id, []).append(mandate)
    return grouped


def mandate_detail(*, pk: int, user, language: str | None = None) -> Mandate | None:
    mandate = (
        mandates_base(user)
        .select_related("deadline_session__body", "focal_point", "recalls")
        .defer(None)
        .defer("search_text")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=MandateEvent.objects.visible_to(user)
                .select_related("user")
                .order_by("-at", "-id"),
            ),
            Prefetch("paragraph__texts", queryset=ParagraphText.objects.all()),
        )
        .filter(pk=pk)
        .first()
    )
    if mandate is None:
        return None
    texts = {text.language: text.text for text in mandate.paragraph.texts.all()}
    mandate.text_language = preferred_language(sorted(texts), language)
    mandate.paragraph_text = texts.get(mandate.text_language, "")
    return mandate


def mandates_of_focal_point(*, user) -> QuerySet:
    """A focal point's open work, soonest due first; mandates with no date come last."""
    return (
        mandates_base(user)
        .live()
        .filter(focal_point=user)
        .order_by(F("due_date").asc(nulls_last=True), "resolution__symbol", "pk")
    )


def mandates_of_actor(*, actor: Actor, user) -> QuerySet:
    """Mandates addressed to an actor or to any of its parts (the Bureau's working groups)."""
    # .all(): the actor page has the children prefetched already.
    ids = [actor.pk, *(child.pk for child in actor.children.all())]
    addressed = Mandate.addressees.through.objects.filter(
        mandate_id=OuterRef("pk"), actor_id__in=ids
    )
    return (
        mandates_base(user)
        .live()
        .filter(Exists(addressed))
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def actor_aliases() -> list[ActorAliases]:
    """The registry as the extractor needs it: every actor with its names and aliases."""
    aliases: dict[str, list[str]] = {}
    for actor in Actor.objects.prefetch_related("aliases"):
        names = [actor.name_en, actor.name_fr, *(alias.text for alias in actor.aliases.all())]
        aliases[actor.key] = [name for name in names if name]
    return [ActorAliases(key=key, aliases=tuple(names)) for key, names in aliases.items()]


def mandate_list(*, filters, user) -> tuple[MandateFilter, QuerySet]:
    """The filtered list of mandates a user may see; no results for invalid filters."""
    queryset = mandates_base(user).live()
    filterset = MandateFilter(filters, queryset=queryset, user=user)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


@dataclass
class Dashboard:
    total: int
    by_status: list[tuple[str, str, int]]  # (status, label, count)
    overdue: int
    due_30: int
    due_90: int
    dates_not_set: int
    by_actor: list[dict]
    by_session: list[dict]
    by_strength: list[dict]
    by_year: list[dict]
    recent: list[int]  # ids of the mandates updated last (mandates_in_order reads them)
    # Per-State figures (tracking/states/selectors.py): the States with the most items
    # overdue for them, and completion by UN regional group.
    overdue_states: list[dict] = field(default_factory=list)
    by_region: list[dict] = field(default_factory=list)
    computed_at: datetime.datetime | None = None
    # True while newer figures are being computed in the background.
    refreshing: bool = False
    # Its cache key (dashboard_key): the page keeps its rendered HTML under a key made
    # from it and computed_at.
    key: str = ""


@dataclass
class DashboardSnapshot:
    stats: Dashboard
    version: str  # the data it was computed from (dashboard_data_version)


def dashboard(*, user, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of what a user may see, from the cache.

    Its aggregates read every mandate, so they cost more as the database grows (about
    half a second for 150,000 mandates). So they are computed once per audience, language
    and day, kept in the cache shared by the web and worker processes, and computed
    again only when a mandate or its history changed. After a change the figures
    already computed are shown, marked as being updated, while a Celery worker
    computes the new ones; only figures older than SUIVI_DASHBOARD_STALE_SECONDS, or
    none at all, are computed during the request.
    """
    today = today or timezone.localdate()
    see_internal = user.has_perm("tracking.view_internal_mandate")
    language = get_language() or settings.LANGUAGE_CODE
    key = dashboard_key(see_internal=see_internal, language=language, today=today)
    version = dashboard_data_version()
    snapshot = cache.get(key)
    if snapshot is not None and snapshot.version == version:
        return snapshot.stats
    if (
        snapshot is not None
        and _recent_enough(snapshot.stats)
        and _refresh_later(key, see_internal=see_internal, language=language, today=today)
    ):
        snapshot.stats.refreshing = True
        return snapshot.stats
    return dashboard_refresh(see_internal=see_internal, language=language, today=today)


def dashboard_key(*, see_internal: bool, language: str, today: datetime.date) -> str:
    # The database's name keeps apart the dashboards of two databases that share a
    # cache server (a staging and a production site, the benchmark's two scales).
    database = connection.settings_dict["NAME"]
    parts = (DASHBOARD_FORMAT, database, int(see_internal), language, today.isoformat())
    return "dashboard:" + ":".join(map(str, parts))


# Changed whenever Dashboard or DashboardSnapshot change shape, so that figures cached by
# the previous release are not read back into the new classes.
DASHBOARD_FORMAT = 4


def dashboard_data_version() -> str:
    """What the figures depend on, read from three indexes in one statement: the latest
    change to a mandate, the latest history entry and the latest change to a State's
    progress."""
    from tracking.states.models import StateProgressEvent

    # Scalar subqueries in one statement, which the ORM cannot write (an aggregate spans
    # one table): every dashboard request pays this round trip.
    mandates = connection.ops.quote_name(Mandate._meta.db_table)
    events = connection.ops.quote_name(MandateEvent._meta.db_table)
    state_events = connection.ops.quote_name(StateProgressEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(updated_at) FROM {mandates}), (SELECT MAX(id) FROM {events}),"
            f" (SELECT MAX(id) FROM {state_events})"
        )
        latest, last_event, last_state_event = cursor.fetchone()
    return f"{latest}:{last_event}:{last_state_event}"


def dashboard_refresh(*, see_internal: bool, language: str, today: datetime.date) -> Dashboard:
    """Compute the dashboard of one audience and keep it in the cache."""
    # The version is read before the figures: a change made while they are computed
    # leaves them marked as older than the data, to be computed again.
    version = dashboard_data_version()
    with translation.override(language):
        stats = dashboard_compute(see_internal=see_internal, today=today)
    stats.computed_at = timezone.now()
    key = dashboard_key(see_internal=see_internal, language=language, today=today)
    stats.key = key
    cache.set(key, DashboardSnapshot(stats=stats, version=version), DASHBOARD_CACHE_SECONDS)
    cache.delete(key + ":refreshing")
    return stats


# Actor names edited in the admin change no version; they show within this time.
DASHBOARD_CACHE_SECONDS = 3600


def _recent_enough(stats: Dashboard) -> bool:
    age = timezone.now() - stats.computed_at
    return age.total_seconds() < settings.SUIVI_DASHBOARD_STALE_SECONDS


def _refresh_later(key: str, *, see_internal: bool, language: str, today: datetime.date) -> bool:
    """Ask a worker to compute the figures again, once however many requests ask.
    False when the queue cannot be reached: the request then computes them."""
    from tracking import tasks  # tasks import the selectors

    if not cache.add(key + ":refreshing", True, settings.SUIVI_DASHBOARD_STALE_SECONDS):
        return True
    try:
        tasks.dashboard_refresh.delay(see_internal, language, today.isoformat())
    except OperationalError:
        cache.delete(key + ":refreshing")
        return False
    return True


def dashboard_compute(*, see_internal: bool, today: datetime.date) -> Dashboard:
    """Aggregates over every mandate an audience may see, computed in SQL (a fixed
    number of queries whatever the number of mandates)."""
    visible = Mandate.objects.live()
    if not see_internal:
        visible = visible.filter(is_internal=False)
    is_open = ~Q(status__in=CLOSED_STATUSES)
    totals = visible.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
        due_30=Count(
            "pk",
            filter=is_open & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(30)),
        ),
        due_90=Count(
            "pk",
            filter=is_open & Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(90)),
        ),
        dates_not_set=Count(
            "pk",
            filter=is_open
            & Q(deadline_session__isnull=False, deadline_session__start_date__isnull=True),
        ),
        # Counts by status and by action in the same pass over the table.
        **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in Status.values},
        **{f"action_{a}": Count("pk", filter=Q(action=a)) for a in Action.values},
    )
    # Labels as plain strings of the language being computed (dashboard_refresh), not lazy
    # translations: the page reads this back from the cache at every request.
    by_status = [(s.value, str(s.label), totals[f"status_{s.value}"]) for s in Status]

    def status_breakdown(prefix: str = "") -> dict:
        return {
            "total": Count(prefix + "pk"),
            "completed": Count(prefix + "pk", filter=Q(**{prefix + "status": Status.COMPLETED})),
            "in_progress": Count(
                prefix + "pk",
                filter=Q(**{prefix + "status__in": [Status.IN_PROGRESS, Status.ONGOING]}),
            ),
            "overdue": Count(
                prefix + "pk",
                filter=~Q(**{prefix + "status__in": CLOSED_STATUSES})
                & Q(**{prefix + "due_date__lt": today}),
            ),
        }

    # The same visibility as `visible`, as conditions on the join rather than a subquery.
    addressed = Mandate.addressees.through.objects.filter(mandate__review=Mandate.Review.ACCEPTED)
    if not see_internal:
        addressed = addressed.filter(mandate__is_internal=False)
    by_actor = list(
        addressed.values("actor__key", "actor__name_en", "actor__name_fr")
        .annotate(**status_breakdown("mandate__"))
        .order_by("-total", "actor__key")[:15]
    )
    for row in by_actor:
        row["name"] = row["actor__name_fr"] if get_language() == "fr" else row["actor__name_en"]
    by_session = list(
        visible.filter(deadline_session__isnull=False)
        .values("deadline_session__number", "deadline_session__start_date")
        .annotate(**status_breakdown())
        .order_by("-deadline_session__number")[:12]
    )
    strength_counts = {action: totals[f"action_{action}"] for action in Action.values}
    by_strength = [
        {
            "action": action.value,
            "label": str(action.label),
            "total": strength_counts.get(action.value, 0),
        }
        for action in sorted(Action, key=lambda a: -STRENGTH[a])
        if strength_counts.get(action.value)
    ]
    by_year = list(
        visible.values(year=ExtractYear("resolution__adopted_on"))
        .annotate(**status_breakdown())
        .order_by("-year")[:15]
    )
    recent = list(visible.order_by("-updated_at", "-pk").values_list("pk", flat=True)[:10])
    # The per-State selectors build on these ones; imported here to avoid a cycle.
    from tracking.states.selectors import states_dashboard

    per_state = states_dashboard(visible=visible, today=today)
    return Dashboard(
        total=totals["total"],
        by_status=by_status,
        overdue=totals["overdue"],
        due_30=totals["due_30"],
        due_90=totals["due_90"],
        dates_not_set=totals["dates_not_set"],
        by_actor=by_actor,
        by_session=by_session,
        by_strength=by_strength,
        by_year=by_year,
        recent=recent,
        overdue_states=per_state["overdue_states"],
        by_region=per_state["by_region"],
    )


def mandates_in_order(ids: list[int]) -> list[Mandate]:
    """List rows of these mandates, in the order of the ids."""
    rows = {mandate.pk: mandate for mandate in with_list_rows(Mandate.objects.filter(pk__in=ids))}
    return [rows[pk] for pk in ids if pk in rows]


def follows_of(*, user) -> dict[str, list]:
    """What a user follows, by kind, for the "my follow-ups" page."""
    follows = Follow.objects.filter(user=user).select_related(
        "mandate__paragraph__resolution", "actor", "resolution"
    )
    grouped: dict[str, list] = {"mandates": [], "actors": [], "resolutions": []}
    for follow in follows.order_by("-created_at"):
        if follow.mandate_id:
            grouped["mandates"].append(follow.mandate)
        elif follow.actor_id:
            grouped["actors"].append(follow.actor)
        else:
            grouped["resolutions"].append(follow.resolution)
    return grouped


def is_following(*, user, target) -> bool:
    if not user.is_authenticated:
        return False
    field = {Mandate: "mandate", Actor: "actor"}.get(type(target), "resolution")
    return Follow.objects.filter(user=user, **{field: target}).exists()


def mandates_of_session(*, session, user) -> QuerySet:
    """What is due at a session, including sessions whose dates are not set yet."""
    return (
        mandates_base(user)
        .live()
        .filter(deadline_session=session)
        .order_by("resolution__symbol", "paragraph__order", "position", "pk")
    )


def implementation_report(*, user, resolution=None, session=None, language=None) -> list:
    """Operative paragraphs with their mandates, status and latest history comment:
    the draft of the report presented to the Assembly."""
    latest_comment = (
        MandateEvent.objects.filter(mandate=OuterRef("pk"))
        .exclude(comment="")
        # The report goes to the Assembly: no comment made on an internal change.
        .exclude(field__in=MandateEvent.INTERNAL_FIELDS)
        .order_by("-at", "-id")
        .values("comment")[:1]
    )
    mandates = mandates_base(user).live().annotate(latest_comment=Subquery(latest_comment))
    if resolution is not None:
        mandates = mandates.filter(resolution=resolution)
    if session is not None:
        mandates = mandates.filter(deadline_session=session)
    mandates = list(mandates.order_by("resolution__symbol", "paragraph__order", "position"))
    paragraph_ids = {m.paragraph_id for m in mandates}
    texts: dict[int, dict[str, str]] = {}
    for paragraph_id, text_language, text in ParagraphText.objects.filter(
        paragraph_id__in=paragraph_ids
    ).values_list("paragraph_id", "language", "text"):
        texts.setdefault(paragraph_id, {})[text_language] = text
    rows: list[dict] = []
    for mandate in mandates:
        if not rows or rows[-1]["paragraph"].pk != mandate.paragraph_id:
            held = texts.get(mandate.paragraph_id, {})
            chosen = preferred_language(sorted(held), language)
            rows.append(
                {"paragraph": mandate.paragraph, "text": held.get(chosen, ""), "mandates": []}
            )
        rows[-1]["mandates"].append(mandate)
    return rows
