"""What an implementation report holds, read in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from config.typography import sort_key
from resolutions.models import ParagraphText, Resolution, ResolutionText, Session
from resolutions.selectors import preferred_language
from tracking.models import Mandate, MandateEvent, Status
from tracking.selectors import mandates_base


@dataclass
class Report:
    title: str  # the symbol, or the session
    subtitle: str  # the resolution's title; empty for a session
    as_at: datetime.date
    rows: list[dict]  # operative paragraphs: {"paragraph", "text", "mandates"}
    by_status: list[tuple[str, str, int]]  # (status, label, count), those that occur
    by_addressee: list[dict]  # {"name", "total", "counts": [count per by_status entry]}
    total: int
    # Operative paragraphs whose requests are still suggestions under review: not in
    # the report yet, and it says so.
    under_review: list[dict] = field(default_factory=list)


def public_notes():
    """The notes people wrote on the mandate OuterRef("pk") that the Assembly may read,
    newest first: none on an internal change, none on the review (the secretariat's
    workflow). Suivi's own entries have no comment. The report and the API read the
    latest one."""
    return (
        MandateEvent.objects.filter(mandate=OuterRef("pk"))
        .exclude(comment="")
        .exclude(field__in=MandateEvent.NOT_PUBLIC_NOTES)
        .order_by("-at", "-id")
    )


def with_latest_note(queryset):
    """Each mandate's latest public note (`latest_note`) and when it was written
    (`latest_note_at`), read by subqueries of the queryset's own statement: the API's
    list and the exports, which must not spend a query per mandate."""
    notes = public_notes()
    return queryset.annotate(
        latest_note=Subquery(notes.values("comment")[:1]),
        latest_note_at=Subquery(notes.values("at")[:1]),
    )


def implementation_report(
    *,
    user,
    resolution: Resolution | None = None,
    session: Session | None = None,
    language: str | None = None,
) -> Report:
    """Operative paragraphs with their accepted mandates, status and latest public note,
    a summary by status and by addressee, and the paragraphs still under review."""
    scope = {"resolution": resolution} if resolution is not None else {"deadline_session": session}
    mandates = list(
        mandates_base(user)
        .live()
        .filter(**scope)
        .annotate(latest_comment=Subquery(public_notes().values("comment")[:1]))
        .order_by("resolution__symbol", "paragraph__order", "position")
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

    counts = dict.fromkeys(Status.values, 0)
    addressees: dict[int, dict] = {}
    for mandate in mandates:
        counts[mandate.status] += 1
        for actor in mandate.addressees.all():
            entry = addressees.setdefault(actor.pk, {"name": actor.name, "statuses": {}})
            entry["statuses"][mandate.status] = entry["statuses"].get(mandate.status, 0) + 1
    by_status = [(s.value, str(s.label), counts[s.value]) for s in Status if counts[s.value]]
    by_addressee = sorted(
        (
            {
                "name": entry["name"],
                "total": sum(entry["statuses"].values()),
                "counts": [entry["statuses"].get(code, 0) for code, _label, _n in by_status],
            }
            for entry in addressees.values()
        ),
        key=lambda row: (-row["total"], sort_key(row["name"]), row["name"]),
    )
    if resolution is not None:
        title = resolution.symbol
        held = {
            text.language: text.title
            for text in ResolutionText.objects.filter(resolution=resolution)
        }
        subtitle = held.get(preferred_language(sorted(held), language), "")
    else:
        title, subtitle = str(session), ""
    return Report(
        title=title,
        subtitle=subtitle,
        as_at=timezone.localdate(),
        rows=rows,
        by_status=by_status,
        by_addressee=by_addressee,
        total=len(mandates),
        under_review=_under_review(user=user, scope=scope, reported=paragraph_ids),
    )


def _under_review(*, user, scope: dict, reported: set[int]) -> list[dict]:
    """Paragraphs whose requests are still suggestions, with nothing accepted yet: the
    report names them, so that a reader knows they are missing and why. Only their
    numbers: what was suggested is for the secretariat."""
    suggestions = Mandate.objects.filter(review=Mandate.Review.SUGGESTED, **scope)
    if not user.has_perm("tracking.view_internal_mandate"):
        suggestions = suggestions.filter(is_internal=False)
    return list(
        suggestions.exclude(paragraph_id__in=reported)
        .values("resolution__symbol", "paragraph__number")
        .annotate(count=Count("pk"))
        .order_by("resolution__symbol", "paragraph__number")
    )
