"""Reads of the resolutions app. Every function returns a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language

from resolutions.filters import ResolutionFilter
from resolutions.models import (
    Footnote,
    ImportBatch,
    ImportBatchFile,
    Paragraph,
    ParagraphText,
    Reference,
    Resolution,
    meeting_words,
)


def preferred_language(available: list[str], requested: str | None = None) -> str | None:
    """The requested language if held, else the interface language, else the first held."""
    for language in (requested, (get_language() or "en")[:2]):
        if language in available:
            return language
    return available[0] if available else None


def resolution_list(*, filters: dict) -> tuple[ResolutionFilter, QuerySet]:
    queryset = Resolution.objects.select_related("body", "session").prefetch_related("texts")
    filterset = ResolutionFilter(filters, queryset=queryset)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


@dataclass
class AnnexSection:
    number: int
    heading: str
    title: str
    paragraphs: list[Paragraph]


@dataclass
class ResolutionPage:
    resolution: Resolution
    language: str | None
    languages: list[str]
    title: str
    preambular: list[Paragraph]
    operative: list[Paragraph]
    footnotes: list[Footnote]
    annexes: list[AnnexSection] = field(default_factory=list)

    @property
    def meeting(self) -> str:
        """The meeting it was adopted at, in words ("plenary meeting 35"), or ""."""
        resolution = self.resolution
        if not resolution.meeting:
            return ""
        return meeting_words(prefix=resolution.body.symbol_prefix, meeting=resolution.meeting)


def resolution_page(*, symbol: str, language: str | None = None) -> ResolutionPage | None:
    """A resolution with its paragraphs in one language, in a fixed number of queries."""
    resolution = (
        Resolution.objects.select_related("body", "session")
        .prefetch_related("texts")
        .filter(symbol=symbol)
        .first()
    )
    if resolution is None:
        return None
    texts = {text.language: text for text in resolution.texts.all()}
    chosen = preferred_language(sorted(texts), language)
    paragraphs = list(
        resolution.paragraphs.order_by("order").prefetch_related(
            Prefetch(
                "texts", queryset=ParagraphText.objects.filter(language=chosen), to_attr="shown"
            ),
            Prefetch(
                "references",
                queryset=Reference.objects.select_related("cited_resolution").order_by("order"),
            ),
        )
    )
    footnotes = list(
        Footnote.objects.filter(resolution=resolution, language=chosen).select_related("paragraph")
    )
    marks: dict[int, list[Footnote]] = {}
    for footnote in footnotes:
        marks.setdefault(footnote.paragraph_id, []).append(footnote)

    # Build the tree in memory: each paragraph gets its text, footnotes and children.
    by_id = {paragraph.pk: paragraph for paragraph in paragraphs}
    for paragraph in paragraphs:
        paragraph.text = paragraph.shown[0].text if paragraph.shown else ""
        paragraph.note_marks = marks.get(paragraph.pk, [])
        paragraph.subparagraphs = []
    top = []
    for paragraph in paragraphs:
        if paragraph.parent_id is None:
            top.append(paragraph)
        else:
            by_id[paragraph.parent_id].subparagraphs.append(paragraph)
    for paragraph in paragraphs:
        paragraph.display_text = chapeau(paragraph)
    title = texts[chosen].title if chosen else ""
    # Headings and titles as written in the language shown; paragraphs by annex number.
    written = {a["number"]: a for a in (texts[chosen].annexes if chosen else [])}
    numbers = sorted({p.annex for p in top if p.kind == Paragraph.Kind.ANNEX} | set(written))
    annexes = [
        AnnexSection(
            number=number,
            heading=written.get(number, {}).get("heading", ""),
            title=written.get(number, {}).get("title", ""),
            paragraphs=[p for p in top if p.kind == Paragraph.Kind.ANNEX and p.annex == number],
        )
        for number in numbers
    ]
    return ResolutionPage(
        resolution=resolution,
        language=chosen,
        languages=sorted(texts),
        title=title,
        preambular=[p for p in top if p.kind == Paragraph.Kind.PREAMBULAR],
        operative=[p for p in top if p.kind == Paragraph.Kind.OPERATIVE],
        footnotes=footnotes,
        annexes=annexes,
    )


def chapeau(paragraph) -> str:
    """The words before a paragraph's first sub-paragraph (the whole text when it has none),
    so that the page does not show sub-paragraphs twice."""
    if not paragraph.subparagraphs:
        return paragraph.text
    label = paragraph.subparagraphs[0].label
    for marker in (f"({label})", f"{label})"):
        position = paragraph.text.find(marker)
        if position > 0:
            return paragraph.text[:position].rstrip()
    return paragraph.text


@dataclass
class ImportBatchPage:
    batch: ImportBatch
    counts: dict[str, int]  # files by outcome, every outcome present

    @property
    def done(self) -> int:
        return self.batch.total - self.counts[ImportBatchFile.Outcome.PENDING]

    @property
    def imported(self) -> int:
        Outcome = ImportBatchFile.Outcome
        return sum(
            self.counts[o] for o in (Outcome.CREATED, Outcome.ADDED_LANGUAGE, Outcome.REPLACED)
        )

    @property
    def finished(self) -> bool:
        return self.batch.finished_at is not None or self.done == self.batch.total

    def files(self) -> QuerySet:
        """The batch's files in upload order, without their content; paginate them."""
        return self.batch.files.defer("content").select_related("resolution").order_by("position")


def import_batch_page(*, pk: int) -> ImportBatchPage | None:
    """A batch and its progress (files by outcome) in two queries."""
    batch = ImportBatch.objects.filter(pk=pk).first()
    if batch is None:
        return None
    counts = dict.fromkeys(ImportBatchFile.Outcome.values, 0)
    rows = batch.files.order_by().values_list("outcome").annotate(count=Count("pk"))
    counts.update(dict(rows))
    return ImportBatchPage(batch=batch, counts=counts)


def import_batches_waiting(*, created_before) -> list[int]:
    """Batches not finished that were uploaded before the given time, oldest first."""
    return list(
        ImportBatch.objects.filter(finished_at__isnull=True, created_at__lt=created_before)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
