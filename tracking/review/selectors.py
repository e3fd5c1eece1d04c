"""Reads of the review queue, each in a fixed number of queries."""

from django.db import DatabaseError
from django.db.models import Count, Max, Prefetch, QuerySet

from resolutions.models import ParagraphText
from resolutions.selectors import preferred_language
from tracking.models import Mandate
from tracking.review.filters import ReviewFilter


def review_queue(*, filters) -> tuple[ReviewFilter, QuerySet]:
    """Suggestions (or rejected suggestions), in the order of the text: resolution,
    paragraph, position. Internal ones included: only staff who review see the queue."""
    queryset = (
        Mandate.objects.select_related("paragraph__resolution", "resolution", "deadline_session")
        .defer("search_text")
        .prefetch_related(
            "addressees", Prefetch("paragraph__texts", queryset=ParagraphText.objects.all())
        )
        .order_by("resolution__symbol", "paragraph__order", "position", "pk")
    )
    filterset = ReviewFilter(filters, queryset=queryset)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def with_paragraph_text(mandates, language: str | None = None):
    """Give each mandate of a page the text of its paragraph in the reader's language."""
    for mandate in mandates:
        texts = {text.language: text.text for text in mandate.paragraph.texts.all()}
        mandate.text_language = preferred_language(sorted(texts), language)
        mandate.paragraph_text = texts.get(mandate.text_language, "")
    return mandates


def review_by_resolution(*, filterset: ReviewFilter) -> list[dict]:
    """For "accept all": each resolution in the filtered queue, how many suggestions it
    has, and the newest one's id (accept all takes those shown, not one added since)."""
    if not filterset.is_valid() or filterset.form.cleaned_data["review"] != "suggested":
        return []
    return list(
        filterset.qs.order_by()
        .values("resolution__symbol")
        .annotate(count=Count("pk"), through=Max("pk"))
        .order_by("resolution__symbol")[:50]
    )


def suggestions_waiting() -> int | None:
    """How many suggestions wait for review (one COUNT on the review index); None when
    the database cannot say, so that a page never fails for the sake of a number."""
    try:
        return Mandate.objects.filter(review=Mandate.Review.SUGGESTED).count()
    except DatabaseError:
        return None
