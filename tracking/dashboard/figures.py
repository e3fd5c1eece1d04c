"""The follow-up dashboard's figures: what they are, how they are computed, where they are
kept and when they are computed again. This module owns them; the page (views.py), the
worker's task (tracking.tasks) and the signal receivers that notice changes
(receivers.py) call it."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone, translation
from django.utils.translation import get_language

from tracking.filters import STRENGTH
from tracking.models import CLOSED_STATUSES, Action, Actor, Mandate, MandateEvent, Status
from tracking.states.models import StateProgressEvent
from tracking.states.selectors import states_dashboard


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
    again only when a mandate or its history changed. A change asks a worker for new
    figures (tracking.dashboard.receivers); until they are in, the figures already
    computed are shown, marked as being updated. Figures older than
    SUIVI_DASHBOARD_STALE_SECONDS, or figures that no worker was asked to compute again
    (the queue was unreachable, or the change bypassed the models' signals), are computed
    during the request. Reading never sends work to the queue.
    """
    today = today or timezone.localdate()
    see_internal = user.has_perm("tracking.view_internal_mandate")
    language = get_language() or settings.LANGUAGE_CODE
    key = dashboard_key(see_internal=see_internal, language=language, today=today)
    version = dashboard_data_version()
    cached = cache.get_many([key, refresh_queued_key()])
    snapshot = cached.get(key)
    if snapshot is not None and snapshot.version == version:
        return snapshot.stats
    if snapshot is not None and _recent_enough(snapshot.stats) and cached.get(refresh_queued_key()):
        snapshot.stats.refreshing = True
        return snapshot.stats
    return dashboard_refresh(see_internal=see_internal, language=language, today=today)


def dashboard_key(*, see_internal: bool, language: str, today: datetime.date) -> str:
    # The database's name keeps apart the dashboards of two databases that share a
    # cache server (a staging and a production site, the benchmark's two scales).
    database = connection.settings_dict["NAME"]
    parts = (DASHBOARD_FORMAT, database, int(see_internal), language, today.isoformat())
    return "dashboard:" + ":".join(map(str, parts))


# Changed whenever Dashboard or DashboardSnapshot change shape or place, so that figures cached by
# the previous release are not read back into the new classes.
DASHBOARD_FORMAT = 6


def dashboard_data_version() -> str:
    """What the figures depend on, read from three indexes in one statement: the latest
    change to a mandate, the latest history entry and the latest change to a State's
    progress."""
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


def dashboards_refresh_all(*, today: datetime.date | None = None) -> None:
    """Compute today's dashboard of every audience, in every language (the worker's task
    after a change, and beat's each morning)."""
    # Cleared before computing: a change made from now on asks for figures again.
    cache.delete(refresh_queued_key())
    today = today or timezone.localdate()
    for see_internal in (False, True):
        for language, _name in settings.LANGUAGES:
            dashboard_refresh(see_internal=see_internal, language=language, today=today)


def refresh_queued_key() -> str:
    """Set while a worker has been asked for new figures and has not started on them."""
    database = connection.settings_dict["NAME"]
    return f"dashboard:{DASHBOARD_FORMAT}:{database}:refresh-queued"


def refresh_queue_once() -> bool:
    """Mark new figures as asked for; False when they already were (ask only once)."""
    return cache.add(refresh_queued_key(), True, settings.SUIVI_DASHBOARD_STALE_SECONDS)


def refresh_not_queued() -> None:
    """The queue could not be reached: the next request computes the figures."""
    cache.delete(refresh_queued_key())


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
        .order_by("-total", *Actor.name_order("actor__"), "actor__key")[:15]
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
