"""Reads of the tracking app, each in a fixed number of queries."""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language

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
    return (
        Mandate.objects.visible_to(user)
        .select_related(
            "paragraph__resolution", "deadline_session__body", "focal_point", "recalls__paragraph"
        )
        .prefetch_related(Prefetch("addressees", queryset=Actor.objects.order_by("name_en")))
    )


def mandates_by_paragraph(*, resolution, user) -> dict[int, list[Mandate]]:
    """Every mandate of a resolution, suggestions included, grouped by paragraph id."""
    grouped: dict[int, list[Mandate]] = {}
    for mandate in (
        mandates_base(user)
        .filter(paragraph__resolution=resolution)
        .order_by("paragraph__order", "position", "pk")
    ):
        grouped.setdefault(mandate.paragraph_id, []).append(mandate)
    return grouped


def mandate_detail(*, pk: int, user, language: str | None = None) -> Mandate | None:
    mandate = (
        mandates_base(user)
        .prefetch_related(
            Prefetch(
                "events",
                queryset=MandateEvent.objects.select_related("user").order_by("-at", "-id"),
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
        .order_by(F("due_date").asc(nulls_last=True), "paragraph__resolution__symbol", "pk")
    )


def mandates_of_actor(*, actor: Actor, user) -> QuerySet:
    """Mandates addressed to an actor or to any of its parts (the Bureau's working groups)."""
    ids = [actor.pk, *actor.children.values_list("pk", flat=True)]
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
    recent: list[Mandate]


def dashboard(*, user, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of what a user may see, from the cache while nothing changed.

    Its aggregates read every mandate, so they cost more as the database grows; they
    are computed again only when a mandate or its history changed (the key holds the
    latest of each, read from indexes), on a new day, or after DASHBOARD_CACHE_SECONDS
    (actor names edited in the admin). Users who see the same mandates share it.
    """
    today = today or timezone.localdate()
    latest = Mandate.objects.aggregate(at=Max("updated_at"))["at"]
    last_event = MandateEvent.objects.aggregate(id=Max("id"))["id"]
    audience = (
        user.has_perm("tracking.review_mandate"),
        user.has_perm("tracking.view_internal_mandate"),
    )
    state = ":".join(map(str, (*audience, today, latest, last_event, get_language())))
    key = "dashboard:" + hashlib.sha256(state.encode()).hexdigest()
    stats = cache.get(key)
    if stats is None:
        stats = dashboard_compute(user=user, today=today)
        cache.set(key, stats, DASHBOARD_CACHE_SECONDS)
    return stats


DASHBOARD_CACHE_SECONDS = 300


def dashboard_compute(*, user, today: datetime.date) -> Dashboard:
    """Aggregates over every mandate the user may see, computed in SQL (a fixed
    number of queries whatever the number of mandates)."""
    visible = Mandate.objects.visible_to(user).live()
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
    by_status = [(s.value, s.label, totals[f"status_{s.value}"]) for s in Status]

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
    if not user.has_perm("tracking.view_internal_mandate"):
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
    strength_counts = dict(visible.order_by().values_list("action").annotate(n=Count("pk")))
    by_strength = [
        {
            "action": action.value,
            "label": action.label,
            "total": strength_counts.get(action.value, 0),
        }
        for action in sorted(Action, key=lambda a: -STRENGTH[a])
        if strength_counts.get(action.value)
    ]
    by_year = list(
        visible.values(year=ExtractYear("paragraph__resolution__adopted_on"))
        .annotate(**status_breakdown())
        .order_by("-year")[:15]
    )
    recent = list(mandates_base(user).live().order_by("-updated_at", "-pk")[:10])
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
    )


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
        .order_by("paragraph__resolution__symbol", "paragraph__order", "position", "pk")
    )


def implementation_report(*, user, resolution=None, session=None, language=None) -> list:
    """Operative paragraphs with their mandates, status and latest history comment:
    the draft of the report presented to the Assembly."""
    latest_comment = (
        MandateEvent.objects.filter(mandate=OuterRef("pk"))
        .exclude(comment="")
        .order_by("-at", "-id")
        .values("comment")[:1]
    )
    mandates = mandates_base(user).live().annotate(latest_comment=Subquery(latest_comment))
    if resolution is not None:
        mandates = mandates.filter(paragraph__resolution=resolution)
    if session is not None:
        mandates = mandates.filter(deadline_session=session)
    mandates = list(
        mandates.order_by("paragraph__resolution__symbol", "paragraph__order", "position")
    )
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
