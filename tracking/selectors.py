"""Reads of the tracking app, each in a fixed number of queries."""

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from resolutions.models import ParagraphText
from resolutions.selectors import preferred_language
from tracking.extraction import ActorAliases, SuggestedMandate, deciding_actor, extract_mandates
from tracking.extraction.states import state_key
from tracking.filters import MandateFilter
from tracking.models import (
    Actor,
    ActorAlias,
    Follow,
    Mandate,
    MandateEvent,
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
        .prefetch_related(
            Prefetch("addressees", queryset=Actor.objects.order_by(*Actor.name_order()))
        )
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


def actor_aliases() -> tuple[ActorAliases, ...]:
    """The registry as the extractor needs it: every actor with its names and aliases."""
    return actor_registry()[0]


def actor_registry() -> tuple[tuple[ActorAliases, ...], dict[str, int]]:
    """Every actor with its names and aliases, and the actors' ids by key (a copy: the
    caller may add to it).

    Every import asks, so the registry is kept per process and per database, under a
    digest of the rows it is built from that the database computes in one statement
    (``_registry_digest``): any change to them, however made (the admin, a bulk update,
    a test's rolled-back transaction, another process), changes the digest and the
    registry is read again. The same tuple is returned while nothing changes, so that the
    extractor reuses its matcher without copying or hashing the registry."""
    database = connection.settings_dict["NAME"]
    digest = _registry_digest()
    held = _registries.get(database)
    if held is None or held[0] != digest:
        held = (digest, *_read_registry())
        _registries[database] = held
    return held[1], dict(held[2])


# The registry last read, by database name: (digest, registry, ids by key).
_registries: dict[str, tuple[str, tuple[ActorAliases, ...], dict[str, int]]] = {}


def _read_registry() -> tuple[tuple[ActorAliases, ...], dict[str, int]]:
    """The registry, in two queries of plain values rather than model instances."""
    more: dict[int, list[str]] = {}
    for actor_id, text in ActorAlias.objects.values_list("actor_id", "text"):
        more.setdefault(actor_id, []).append(text)
    aliases: dict[str, list[str]] = {}
    ids: dict[str, int] = {}
    for pk, key, name_en, name_fr, iso3 in Actor.objects.values_list(
        "pk", "key", "name_en", "name_fr", "state__iso3"
    ):
        names = [name_en, name_fr, *more.get(pk, [])]
        # An actor that stands for a State is found under the State's key (state:KEN), as
        # the extractor names States from the registry's file: one addressee, not two.
        key = state_key(iso3) if iso3 else key
        aliases.setdefault(key, []).extend(name for name in names if name)
        ids[key] = pk
    registry = tuple(ActorAliases(key=key, aliases=tuple(names)) for key, names in aliases.items())
    return registry, ids


def _registry_digest() -> str:
    """A digest of every column the registry is read from (actors' ids, keys and names,
    their States' codes, aliases), computed by the database: the rows stay there."""
    actor, alias = Actor._meta.db_table, ActorAlias._meta.db_table
    state = Actor._meta.get_field("state").related_model._meta.db_table
    # One line per row, actors then aliases, in the order of their ids.
    lines = (
        f"SELECT 1 AS part, a.id, a.id || %s || a.key || %s || a.name_en || %s || a.name_fr "
        f"|| %s || COALESCE(s.iso3, '') AS line "
        f"FROM {actor} a LEFT JOIN {state} s ON s.id = a.state_id "
        f"UNION ALL SELECT 2, id, actor_id || %s || text FROM {alias}"
    )
    if connection.vendor == "postgresql":
        sql = f"SELECT md5(COALESCE(string_agg(line, %s ORDER BY part, id), '')) FROM ({lines}) t"
    else:  # SQLite keeps the order of the sub-query; MD5 is Django's function there
        sql = (
            f"SELECT MD5(COALESCE(group_concat(line, %s), '')) "
            f"FROM (SELECT line FROM ({lines}) ORDER BY part, id)"
        )
    # Rows are joined by one control character, their columns by another.
    with connection.cursor() as cursor:
        cursor.execute(sql, ["\x1e", *["\x1f"] * 5])
        return cursor.fetchone()[0]


def suggestions_for_parse(parsed) -> list[tuple[int, list[SuggestedMandate]]]:
    """The mandates Suivi would suggest for each operative paragraph of a parse that is not
    saved (the import preview, `manage.py parse_resolution`), with the actor registry as
    staff keep it."""
    actors = actor_aliases()
    decider = deciding_actor(parsed.body, actors)
    return [
        (
            paragraph.number,
            extract_mandates(
                paragraph.text,
                language=parsed.language,
                actors=actors,
                session=parsed.session,
                decider=decider,
            ),
        )
        for paragraph in parsed.operative
    ]


def mandate_list(*, filters, user) -> tuple[MandateFilter, QuerySet]:
    """The filtered list of mandates a user may see; no results for invalid filters."""
    queryset = mandates_base(user).live()
    filterset = MandateFilter(filters, queryset=queryset, user=user)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


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
