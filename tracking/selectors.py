"""Reads of the tracking app, each in a fixed number of queries."""

from django.db.models import F, Prefetch, QuerySet

from resolutions.models import ParagraphText
from resolutions.selectors import preferred_language
from tracking.extraction import ActorAliases
from tracking.models import Actor, Mandate, MandateEvent


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
    keys = [actor.pk, *actor.children.values_list("pk", flat=True)]
    return (
        mandates_base(user)
        .live()
        .filter(addressees__in=keys)
        .distinct()
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def actor_aliases() -> list[ActorAliases]:
    """The registry as the extractor needs it: every actor with its names and aliases."""
    aliases: dict[str, list[str]] = {}
    for actor in Actor.objects.prefetch_related("aliases"):
        names = [actor.name_en, actor.name_fr, *(alias.text for alias in actor.aliases.all())]
        aliases[actor.key] = [name for name in names if name]
    return [ActorAliases(key=key, aliases=tuple(names)) for key, names in aliases.items()]
