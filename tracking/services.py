"""
Writes to the tracking app. Every function is keyword-only and atomic, writes a
history entry for each change it makes, and refuses a save based on a stale
version of the mandate (ConcurrentEdit) rather than overwrite someone's work.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from config.inserts import insert_instances, insert_rows
from resolutions.models import Paragraph, ParagraphText, Resolution, ResolutionText, Session
from resolutions.parsing.dates import is_plausible
from resolutions.services import resolution_text_imported, session_dates_changed
from resolutions.validators import plausible_date_message
from tracking.extraction import (
    DEFAULT_ACTORS,
    SuggestedMandate,
    deciding_actor,
    extract_mandates,
    is_state_key,
)
from tracking.extraction.actors import ARTICLES
from tracking.models import (
    SESSION_RELATIONS,
    TRANSITIONS,
    Action,
    Actor,
    ActorAlias,
    DeadlineRelation,
    Follow,
    Mandate,
    MandateEvent,
    State,
    Status,
)
from tracking.selectors import actor_registry


class TrackingError(Exception):
    """A change that was refused; the message says why, for a person."""


class ConcurrentEdit(TrackingError):
    def __init__(self, events: list[MandateEvent]):
        super().__init__(_("Someone else changed this mandate while you were editing it."))
        self.events = events


# Due dates ---------------------------------------------------------------------------------


@receiver(session_dates_changed)
def deadlines_recompute_for_session(sender, session: Session, **kwargs) -> int:
    """A session's dates changed: recompute the due dates tied to it, with history."""
    changed = []
    events = []
    for mandate in Mandate.objects.filter(deadline_session=session).select_related(
        "deadline_session"
    ):
        new_due = mandate.computed_due_date()
        if new_due != mandate.due_date:
            events.append(
                MandateEvent(
                    mandate=mandate,
                    field=MandateEvent.Field.DUE_DATE,
                    old_value=_iso(mandate.due_date),
                    new_value=_iso(new_due),
                    origin=MandateEvent.Origin.CALENDAR,
                    version=mandate.version,
                )
            )
            mandate.due_date = new_due
            changed.append(mandate)
    Mandate.objects.bulk_update(changed, ["due_date"])
    MandateEvent.objects.bulk_create(events)
    return len(changed)


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


# Actors ------------------------------------------------------------------------------------


@transaction.atomic
def actors_add_missing() -> int:
    """Create the shipped actors the registry lacks, with their aliases.

    Actors already there are left as staff made them: renamed, re-parented or
    with aliases added or removed.
    """
    known = set(Actor.objects.values_list("key", flat=True))
    missing = [entry for entry in DEFAULT_ACTORS if entry["key"] not in known]
    created = {}
    for entry in missing:
        article_fr, article_en = ARTICLES.get(entry["key"], ("", ""))
        created[entry["key"]] = Actor.objects.create(
            key=entry["key"],
            name_en=entry["name_en"],
            name_fr=entry["name_fr"],
            article_fr=article_fr,
            article_en=article_en,
        )
    for entry in missing:
        actor = created[entry["key"]]
        if entry.get("parent"):
            actor.parent = Actor.objects.filter(key=entry["parent"]).first()
            actor.save(update_fields=["parent"])
        ActorAlias.objects.bulk_create(
            [ActorAlias(actor=actor, text=alias) for alias in dict.fromkeys(entry["aliases"])],
            ignore_conflicts=True,
        )
    return len(missing)


def actor_for_state(*, state: State) -> Actor:
    """The actor that stands for one State, created from the registry when missing.

    An actor staff linked to the State wins, whatever its key; otherwise the actor keyed
    ``state-<iso3>`` is used (and linked, when staff made it without a State) or created
    with the State's names. Safe when two imports ask at once: the key and the State are
    both unique, and get_or_create reads back the row the other one inserted.
    """
    actor = Actor.objects.filter(state=state).first()
    if actor is not None:
        return actor
    actor, created = Actor.objects.get_or_create(
        key=f"state-{state.iso3.lower()}",
        defaults={
            "name_en": state.name_en,
            "name_fr": state.name_fr,
            "article_fr": state.article_fr,
            "article_en": state.article_en,
            "state": state,
        },
    )
    if not created and actor.state_id is None:
        # Linked only if no other actor took the State meanwhile (the State is unique).
        Actor.objects.filter(pk=actor.pk, state__isnull=True).exclude(
            pk__in=Actor.objects.filter(state=state).values("pk")
        ).update(state=state)
        actor = Actor.objects.filter(state=state).first() or actor
    return actor


def _add_state_actors(planned, actor_ids: dict[str, int]) -> None:
    """Give the ``state:ISO3`` addressees of the suggestions without an actor the actor of
    their State, made from the registry; a State the registry lacks is left out."""
    wanted = {
        key.partition(":")[2]
        for _paragraph, _position, suggestion in planned
        for key in suggestion.addressees
        if is_state_key(key) and key not in actor_ids
    }
    if not wanted:
        return
    for state in State.objects.filter(iso3__in=wanted):
        actor_ids[f"state:{state.iso3}"] = actor_for_state(state=state).pk


# Suggestions from imported resolutions ----------------------------------------------------


@receiver(resolution_text_imported)
def mandates_suggest_on_import(
    sender, resolution: Resolution, parsed, replaced=False, created=False, operative=None, **kwargs
):
    texts = {p.number: p.text for p in parsed.operative}
    mandates_suggest(
        resolution=resolution,
        texts=texts,
        language=parsed.language,
        refresh=replaced,
        new_title=parsed.title[:500] if created else None,
        paragraphs=operative,
    )
    if not created:
        # Mandates made before hold the other languages' words: add this one's. New
        # mandates of a new resolution got theirs when they were made.
        mandates_refresh_search_text(mandates=Mandate.objects.filter(resolution=resolution))


def _search_text_parts(
    paragraph_ids: Iterable[int], resolution_ids: Iterable[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The texts of the paragraphs in every language, and the titles of the resolutions."""
    paragraph_texts: dict[int, list[str]] = {}
    for paragraph_id, text in ParagraphText.objects.filter(
        paragraph_id__in=set(paragraph_ids)
    ).values_list("paragraph_id", "text"):
        paragraph_texts.setdefault(paragraph_id, []).append(text)
    titles: dict[int, list[str]] = {}
    for resolution_id, title in ResolutionText.objects.filter(
        resolution_id__in=set(resolution_ids)
    ).values_list("resolution_id", "title"):
        titles.setdefault(resolution_id, []).append(title)
    return paragraph_texts, titles


def _search_text(mandate: Mandate, symbol: str, paragraph_texts, titles) -> str:
    return "\n".join(
        [
            symbol,
            *titles.get(mandate.resolution_id, []),
            *paragraph_texts.get(mandate.paragraph_id, []),
            mandate.deliverable,
        ]
    )


def mandates_refresh_search_text(*, mandates) -> None:
    """Rebuild what the free-text search looks in: the paragraph in every language,
    the resolution's symbol and title, and what is asked."""
    mandates = list(mandates.select_related("resolution"))
    paragraph_texts, titles = _search_text_parts(
        (m.paragraph_id for m in mandates), (m.resolution_id for m in mandates)
    )
    for mandate in mandates:
        mandate.search_text = _search_text(
            mandate, mandate.resolution.symbol, paragraph_texts, titles
        )
    Mandate.objects.bulk_update(mandates, ["search_text"], batch_size=500)


# No savepoint: inside an import, a failure here fails the whole import anyway.
@transaction.atomic(savepoint=False)
def mandates_suggest(
    *,
    resolution: Resolution,
    texts: dict[int, str],
    language: str,
    refresh: bool = False,
    new_title: str | None = None,
    paragraphs: dict[int, Paragraph] | None = None,
) -> int:
    """Suggest mandates for operative paragraphs that have none.

    What staff decided (accepted, corrected, rejected or hand-made mandates) is
    never touched. With `refresh`, pending suggestions of a paragraph whose
    wording was replaced are suggested anew. `new_title` says that the resolution was
    just created with this title and these texts: nothing is looked for that it cannot
    have (mandates, other languages).

    The statements are the same few whatever the number of paragraphs and mandates:
    suggestions are extracted first, then written together (``_create_suggestions``).
    ``paragraphs``, the resolution's operative paragraphs by number, saves reading them
    when the caller has them (an import just saved them).
    """
    if paragraphs is None:
        paragraphs = {
            p.number: p
            for p in resolution.paragraphs.filter(
                kind=Paragraph.Kind.OPERATIVE, parent__isnull=True
            )
        }
    existing: dict[int, set[str]] = {}
    if new_title is None:
        for paragraph_id, review in Mandate.objects.filter(resolution=resolution).values_list(
            "paragraph_id", "review"
        ):
            existing.setdefault(paragraph_id, set()).add(review)

    # The same tuple while the registry is unchanged: the extractor reuses its matcher.
    actors, actor_ids = actor_registry()
    session = resolution.session.number if resolution.session else None
    decider = deciding_actor(resolution.body.name_en, actors)
    planned: list[tuple[Paragraph, int, SuggestedMandate]] = []
    suggested_anew: list[int] = []
    for number, text in texts.items():
        paragraph = paragraphs.get(number)
        if paragraph is None:
            continue
        reviews = existing.get(paragraph.pk, set())
        if reviews - {Mandate.Review.SUGGESTED}:
            continue  # staff have worked on this paragraph
        if reviews:
            if not refresh:
                continue
            suggested_anew.append(paragraph.pk)
        suggestions = extract_mandates(
            text, language=language, actors=actors, session=session, decider=decider
        )
        planned.extend((paragraph, position, s) for position, s in enumerate(suggestions, 1))
    if suggested_anew:
        Mandate.objects.filter(
            paragraph_id__in=suggested_anew, review=Mandate.Review.SUGGESTED
        ).delete()
    if not planned:
        return 0
    _add_state_actors(planned, actor_ids)
    if new_title is None:
        paragraph_texts, titles = _search_text_parts(
            (paragraph.pk for paragraph, _n, _s in planned), [resolution.pk]
        )
    else:  # what a new resolution holds is what was just imported
        paragraph_texts = {paragraph.pk: [texts[paragraph.number]] for paragraph, _n, _s in planned}
        titles = {resolution.pk: [new_title]}
    _create_suggestions(resolution, planned, actor_ids, paragraph_texts, titles)
    return len(planned)


def _create_suggestions(
    resolution: Resolution,
    planned: list[tuple[Paragraph, int, SuggestedMandate]],
    actor_ids: dict[str, int],
    paragraph_texts: dict[int, list[str]],
    titles: dict[int, list[str]],
) -> list[Mandate]:
    """Mandates for the suggestions, with their addressees, search text and history: each
    kind of row in one statement, and what they point at read in one statement each."""
    sessions = _deadline_sessions(
        resolution,
        {
            s.deadline.session
            for _p, _n, s in planned
            if s.deadline is not None and s.deadline.session is not None
        },
    )
    recalled = _recalled_mandates({s.recalls for _p, _n, s in planned if s.recalls})
    mandates = []
    for paragraph, position, suggestion in planned:
        relation, session, date = _deadline_fields(suggestion.deadline, sessions)
        mandate = Mandate(
            paragraph=paragraph,
            resolution=resolution,
            position=position,
            action=suggestion.action if suggestion.action in Action.values else Action.OTHER,
            deliverable=suggestion.deliverable,
            urgent=suggestion.urgent,
            deadline_relation=relation,
            deadline_session=session,
            deadline_date=date,
            well_before=bool(suggestion.deadline and suggestion.deadline.well_before),
            recalls_reference=(suggestion.recalls or "")[:100],
            recalls=recalled.get(suggestion.recalls),
        )
        mandate.due_date = mandate.computed_due_date()
        mandate.search_text = _search_text(mandate, resolution.symbol, paragraph_texts, titles)
        mandates.append(mandate)
    insert_instances(mandates)  # their values are plain: bulk_create would prepare each
    # Links and history entries are rows of plain values: no instances needed.
    insert_rows(
        Mandate.addressees.through,
        ("mandate_id", "actor_id"),
        [
            (mandate.pk, actor_ids[key])
            for mandate, (_p, _n, suggestion) in zip(mandates, planned, strict=True)
            for key in dict.fromkeys(suggestion.addressees)
            if key in actor_ids
        ],
    )
    now = timezone.now()
    insert_rows(
        MandateEvent,
        (
            "mandate_id",
            "at",
            "user_id",
            "field",
            "old_value",
            "new_value",
            "comment",
            "origin",
            "evidence_url",
            "evidence_symbol",
            "version",
        ),
        [
            (
                mandate.pk,
                now,
                None,
                MandateEvent.Field.CREATED.value,
                "",
                Mandate.Review.SUGGESTED.value,
                "",
                MandateEvent.Origin.SUGGESTION.value,
                "",
                "",
                1,
            )
            for mandate in mandates
        ],
    )
    # bulk_create sends no post_save: ask for new dashboard figures as a save would.
    from tracking.dashboard import receivers

    receivers.data_changed()
    return mandates


def _deadline_sessions(resolution: Resolution, numbers: set[int]) -> dict[int, Session]:
    """The body's sessions with these numbers, the missing ones created."""
    if not numbers:
        return {}
    held = Session.objects.filter(body=resolution.body, number__in=numbers)
    sessions = {session.number: session for session in held}
    missing = numbers - set(sessions)
    if missing:
        # Another import may create the same session meanwhile: ignore_conflicts, then read.
        Session.objects.bulk_create(
            [Session(body=resolution.body, number=number) for number in sorted(missing)],
            ignore_conflicts=True,
        )
        created = Session.objects.filter(body=resolution.body, number__in=missing)
        sessions.update((session.number, session) for session in created)
    return sessions


def _deadline_fields(
    expr, sessions: dict[int, Session]
) -> tuple[str, Session | None, datetime.date | None]:
    if expr is None:
        return "", None, None
    if expr.session is not None:
        return str(expr.relation), sessions[expr.session], None
    if expr.date is not None:
        return DeadlineRelation.BY_DATE, None, expr.date
    return "", None, None


def _recalled_mandates(references: set[str]) -> dict[str, Mandate]:
    """ "ICC-ASP/10/Res.2 §15" → the first mandate of that paragraph, when held; all the
    references in one query."""
    wanted: dict[tuple[str, int], str] = {}
    for reference in references:
        symbol, _sep, number = reference.partition(" §")
        if _sep and number.isdigit():
            wanted[(symbol, int(number))] = reference
    if not wanted:
        return {}
    candidates = (
        Mandate.objects.filter(
            resolution__symbol__in={symbol for symbol, _n in wanted},
            paragraph__kind=Paragraph.Kind.OPERATIVE,
            paragraph__number__in={number for _s, number in wanted},
        )
        .exclude(review=Mandate.Review.REJECTED)
        .select_related("resolution", "paragraph")
        .order_by("position", "pk")
    )
    found: dict[str, Mandate] = {}
    for mandate in candidates:
        reference = wanted.get((mandate.resolution.symbol, mandate.paragraph.number))
        if reference is not None and reference not in found:
            found[reference] = mandate
    return found


# Changes by staff ---------------------------------------------------------------------------


def _claim_version(mandate: Mandate, expected_version: int | None) -> None:
    """Take the next version of the mandate, or refuse if someone saved in between.

    The conditional UPDATE is the lock: of two saves based on the same version,
    exactly one matches a row; the other is told what changed meanwhile.
    """
    expected = mandate.version if expected_version is None else expected_version
    claimed = Mandate.objects.filter(pk=mandate.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not claimed:
        events = list(
            MandateEvent.objects.filter(mandate=mandate, version__gt=expected)
            .select_related("user")
            .order_by("at", "id")
        )
        raise ConcurrentEdit(events)
    mandate.version = expected + 1


def _event(mandate, user, field, old="", new="", comment="", origin="", **evidence) -> MandateEvent:
    return MandateEvent.objects.create(
        mandate=mandate,
        user=user if user is not None and user.is_authenticated else None,
        field=field,
        old_value=str(old),
        new_value=str(new),
        comment=comment,
        origin=origin,
        version=mandate.version,
        **evidence,
    )


@transaction.atomic
def mandate_set_status(
    *,
    mandate: Mandate,
    status: str,
    user,
    comment: str = "",
    evidence_url: str = "",
    evidence_symbol: str = "",
    expected_version: int | None = None,
    origin: str = "",
) -> Mandate:
    if status not in Status.values:
        raise TrackingError(_("“%(status)s” is not a status.") % {"status": status})
    if mandate.review != Mandate.Review.ACCEPTED:
        raise TrackingError(_("Accept the suggested mandate before following its status."))
    if status not in TRANSITIONS[mandate.status]:
        raise TrackingError(
            _("A mandate cannot go from “%(old)s” to “%(new)s”.")
            % {"old": Status(mandate.status).label, "new": Status(status).label}
        )
    _claim_version(mandate, expected_version)
    old = mandate.status
    Mandate.objects.filter(pk=mandate.pk).update(status=status)
    mandate.status = status
    _event(
        mandate,
        user,
        MandateEvent.Field.STATUS,
        old,
        status,
        comment,
        origin=origin,
        evidence_url=evidence_url,
        evidence_symbol=evidence_symbol,
    )
    return mandate


@transaction.atomic
def mandate_comment(
    *,
    mandate: Mandate,
    user,
    comment: str,
    expected_version=None,
    origin: str = "",
    internal: bool = False,
    evidence_url: str = "",
    evidence_symbol: str = "",
) -> Mandate:
    """A dated progress note, public or for the secretariat only, with an optional
    evidence link; the status stays as it is."""
    if not comment.strip():
        raise TrackingError(_("Write a comment."))
    _claim_version(mandate, expected_version)
    field = MandateEvent.Field.INTERNAL_COMMENT if internal else MandateEvent.Field.COMMENT
    _event(
        mandate,
        user,
        field,
        comment=comment,
        origin=origin,
        evidence_url=evidence_url,
        evidence_symbol=evidence_symbol,
    )
    return mandate


@transaction.atomic
def mandate_update(
    *,
    mandate: Mandate,
    user,
    expected_version: int | None = None,
    comment: str = "",
    origin: str = "",
    **changes,
) -> Mandate:
    """Change any of: addressees, action, deliverable, urgent, deadline_relation,
    deadline_session, deadline_date, well_before, focal_point, is_internal,
    internal_notes. Each field that really changes gets its history entry.
    The deadline session may be a Session or a session number."""
    _validate_deadline(changes, mandate)
    _resolve_session(changes, mandate.paragraph)
    _claim_version(mandate, expected_version)
    _apply_changes(mandate, user, changes, comment, origin)
    return mandate


def _resolve_session(changes: dict, paragraph: Paragraph) -> None:
    """A deadline session may be given by number; it is a session of the resolution's body."""
    number = changes.get("deadline_session")
    if isinstance(number, int):
        changes["deadline_session"], _created = Session.objects.get_or_create(
            body_id=paragraph.resolution.body_id, number=number
        )


def _validate_deadline(changes: dict, mandate: Mandate) -> None:
    relation = changes.get("deadline_relation", mandate.deadline_relation)
    session = changes.get("deadline_session", mandate.deadline_session)
    date = changes.get("deadline_date", mandate.deadline_date)
    if relation in SESSION_RELATIONS and session is None:
        raise TrackingError(_("Choose the session of the deadline."))
    if relation == DeadlineRelation.BY_DATE and date is None:
        raise TrackingError(_("Give the date of the deadline."))
    if date is not None and not is_plausible(date):
        raise TrackingError(plausible_date_message())
    if "action" in changes and changes["action"] not in Action.values:
        raise TrackingError(_("Choose an action from the list."))
    if "addressees" in changes and not list(changes["addressees"]):
        raise TrackingError(_("A mandate needs at least one addressee."))


def _apply_changes(mandate: Mandate, user, changes: dict, comment: str, origin: str = "") -> None:
    simple = {
        "action": MandateEvent.Field.ACTION,
        "deliverable": MandateEvent.Field.DELIVERABLE,
        "urgent": MandateEvent.Field.URGENT,
        "focal_point": MandateEvent.Field.FOCAL_POINT,
    }
    for name, field in simple.items():
        if name in changes and changes[name] != getattr(mandate, name):
            old = getattr(mandate, name)
            setattr(mandate, name, changes[name])
            _event(
                mandate, user, field, _display(old), _display(changes[name]), comment, origin=origin
            )
    internal = {
        "is_internal": MandateEvent.Field.INTERNAL,
        "internal_notes": MandateEvent.Field.INTERNAL_NOTES,
    }
    for name, field in internal.items():
        if name in changes and changes[name] != getattr(mandate, name):
            old = getattr(mandate, name)
            setattr(mandate, name, changes[name])
            _event(
                mandate, user, field, _display(old), _display(changes[name]), comment, origin=origin
            )

    deadline_names = ("deadline_relation", "deadline_session", "deadline_date", "well_before")
    if any(name in changes and changes[name] != getattr(mandate, name) for name in deadline_names):
        old_label = mandate.deadline_text()
        for name in deadline_names:
            if name in changes:
                setattr(mandate, name, changes[name])
        if mandate.deadline_relation not in SESSION_RELATIONS:
            mandate.deadline_session = None
            mandate.well_before = False
        if mandate.deadline_relation != DeadlineRelation.BY_DATE:
            mandate.deadline_date = None
        mandate.due_date = mandate.computed_due_date()
        _event(
            mandate,
            user,
            MandateEvent.Field.DEADLINE,
            old_label,
            mandate.deadline_text(),
            comment,
            origin=origin,
        )

    mandate.save()
    if "deliverable" in changes:
        mandates_refresh_search_text(mandates=Mandate.objects.filter(pk=mandate.pk))
    if "addressees" in changes:
        new = list(changes["addressees"])
        old_keys = sorted(mandate.addressees.values_list("key", flat=True))
        new_keys = sorted(actor.key for actor in new)
        if old_keys != new_keys:
            mandate.addressees.set(new)
            _event(
                mandate,
                user,
                MandateEvent.Field.ADDRESSEES,
                ", ".join(old_keys),
                ", ".join(new_keys),
                comment,
                origin=origin,
            )


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "get_username"):
        return value.get_username()
    return str(value)


@transaction.atomic
def mandate_accept(
    *, mandate: Mandate, user, expected_version: int | None = None, comment: str = "", **corrections
) -> Mandate:
    """Accept a suggestion, with any corrections (addressees, action, deadline …)."""
    if mandate.review == Mandate.Review.ACCEPTED:
        raise TrackingError(_("This mandate has already been accepted."))
    _validate_deadline(corrections, mandate)
    _resolve_session(corrections, mandate.paragraph)
    _claim_version(mandate, expected_version)
    old = mandate.review
    mandate.review = Mandate.Review.ACCEPTED
    _event(mandate, user, MandateEvent.Field.REVIEW, old, mandate.review, comment)
    _apply_changes(mandate, user, corrections, comment)
    return mandate


def _review_move(mandate: Mandate, user, *, to: str, expected_version, comment: str) -> Mandate:
    """Write a review decision that changes nothing else: its version and its history."""
    _claim_version(mandate, expected_version)
    old = mandate.review
    mandate.review = to
    mandate.save(update_fields=["review"])
    _event(mandate, user, MandateEvent.Field.REVIEW, old, mandate.review, comment)
    return mandate


@transaction.atomic
def mandate_reject(
    *, mandate: Mandate, user, expected_version: int | None = None, comment: str = ""
) -> Mandate:
    if mandate.review != Mandate.Review.SUGGESTED:
        raise TrackingError(_("Only a suggestion can be rejected."))
    return _review_move(
        mandate,
        user,
        to=Mandate.Review.REJECTED,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def mandate_reconsider(
    *, mandate: Mandate, user, expected_version: int | None = None, comment: str = ""
) -> Mandate:
    """A rejected suggestion goes back to the review queue."""
    if mandate.review != Mandate.Review.REJECTED:
        raise TrackingError(_("Only a rejected suggestion can be reconsidered."))
    return _review_move(
        mandate,
        user,
        to=Mandate.Review.SUGGESTED,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def mandate_create(
    *,
    paragraph: Paragraph,
    user,
    addressees: Iterable[Actor],
    action: str,
    deliverable: str = "",
    urgent: bool = False,
    deadline_relation: str = "",
    deadline_session: Session | int | None = None,
    deadline_date: datetime.date | None = None,
    well_before: bool = False,
    focal_point=None,
    comment: str = "",
) -> Mandate:
    """A mandate added by hand: accepted from the start."""
    if paragraph.kind != Paragraph.Kind.OPERATIVE:
        raise TrackingError(_("Mandates belong to operative paragraphs."))
    changes = {
        "addressees": list(addressees),
        "action": action,
        "deadline_relation": deadline_relation,
        "deadline_session": deadline_session,
        "deadline_date": deadline_date,
    }
    _validate_deadline(changes, Mandate(paragraph=paragraph))
    _resolve_session(changes, paragraph)
    deadline_session = changes["deadline_session"]
    position = paragraph.mandates.count() + 1
    mandate = Mandate(
        paragraph=paragraph,
        position=position,
        action=action,
        deliverable=deliverable,
        urgent=urgent,
        deadline_relation=deadline_relation,
        deadline_session=deadline_session if deadline_relation in SESSION_RELATIONS else None,
        deadline_date=deadline_date if deadline_relation == DeadlineRelation.BY_DATE else None,
        well_before=well_before and deadline_relation in SESSION_RELATIONS,
        focal_point=focal_point,
        review=Mandate.Review.ACCEPTED,
    )
    mandate.due_date = mandate.computed_due_date()
    mandate.save()
    mandate.addressees.set(changes["addressees"])
    _event(mandate, user, MandateEvent.Field.CREATED, new=Mandate.Review.ACCEPTED, comment=comment)
    mandates_refresh_search_text(mandates=Mandate.objects.filter(pk=mandate.pk))
    return mandate


# Following ---------------------------------------------------------------------------------


def follow_set(*, user, target, following: bool) -> bool:
    """Follow or stop following a mandate, an actor or a resolution. Idempotent;
    returns whether the user follows the target afterwards."""
    field = {Mandate: "mandate", Actor: "actor", Resolution: "resolution"}.get(type(target))
    if field is None:
        raise TrackingError(_("Only mandates, actors and resolutions can be followed."))
    if following:
        Follow.objects.get_or_create(user=user, **{field: target})
    else:
        Follow.objects.filter(user=user, **{field: target}).delete()
    return following
