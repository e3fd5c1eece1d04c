"""
Writes to the resolutions app. Every function here is atomic: it either saves
everything it was asked to or nothing, and raises ImportRefused with messages a
person can act on.
"""

import csv
import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef, ProtectedError, Subquery
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from config.inserts import insert_rows
from resolutions.documents import Document, DocumentRefused, Limits, read_document
from resolutions.models import (
    Body,
    Footnote,
    ImportBatch,
    ImportBatchFile,
    Paragraph,
    ParagraphText,
    Reference,
    Resolution,
    ResolutionText,
    Session,
    paragraph_reference,
)
from resolutions.parsing import (
    ParsedParagraph,
    ParsedResolution,
    ParseError,
    find_document_symbols,
    parse_resolution,
)
from resolutions.parsing.dates import EARLIEST, LATEST, is_plausible

# Sent inside the import transaction once a language text has been saved, so
# that other apps (tracking suggests mandates) can add their part atomically.
# Its arguments: resolution, parsed, user, replaced, created, and operative (the
# resolution's operative paragraphs as saved, by number).
resolution_text_imported = Signal()

# Names of the bodies Suivi knows by their symbol prefix. Any other prefix gets
# a body named after the text itself; staff can rename it in the admin.
KNOWN_BODIES = {
    "ICC-ASP": ("Assembly of States Parties", "Assemblée des États Parties", "ASP"),
    "A/RES": ("United Nations General Assembly", "Assemblée générale des Nations Unies", "UNGA"),
    "S/RES": ("United Nations Security Council", "Conseil de sécurité des Nations Unies", "UNSC"),
    "RC/Res": ("Review Conference of the Rome Statute", "Conférence de révision", "RC"),
}
# Their abbreviations in French, as the bodies' French documents write them. The Review
# Conference has none in use: French pages name it in full.
KNOWN_BODIES_FR = {"ICC-ASP": "AEP", "A/RES": "AGNU", "S/RES": "CSNU"}

# Where sessions meet, in French, for calendars that give the English name only.
KNOWN_VENUES_FR = {
    "The Hague": "La Haye",
    "New York": "New York",
    "The Hague / New York": "La Haye / New York",
}


logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ImportResult:
    resolution: Resolution
    language: str
    outcome: str  # "created", "added_language", "unchanged", "replaced"
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.outcome != "unchanged"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_limits() -> Limits:
    return Limits(
        max_bytes=settings.SUIVI_DOCUMENT_MAX_BYTES,
        max_unpacked_bytes=settings.SUIVI_DOCUMENT_MAX_UNPACKED_BYTES,
        max_chars=settings.SUIVI_MAX_TEXT_CHARS,
    )


def document_read(*, data: bytes, filename: str) -> Document:
    """The text of an uploaded file (PDF, Word or text), or ImportRefused saying why not."""
    try:
        return read_document(data, filename, limits=document_limits())
    except DocumentRefused as refused:
        raise ImportRefused([refused.message]) from None


def decode_upload(data: bytes, filename: str = "") -> str:
    """The text of an uploaded file; kept for callers that need the text alone."""
    return document_read(data=data, filename=filename).text


def resolution_parse(*, text: str, symbol: str = "", language: str = "") -> ParsedResolution:
    """Parse a text and check what the importer needs beyond what the parser checks."""
    try:
        parsed = parse_resolution(
            text,
            symbol=symbol.strip() or None,
            language=language or None,
            max_chars=settings.SUIVI_MAX_TEXT_CHARS,
        )
    except ParseError as error:
        raise ImportRefused([str(error)]) from None
    errors = numbering_errors(parsed)
    if not parsed.symbol:
        errors.append(
            _("The text has no symbol in its header; give the symbol (e.g. ICC-ASP/11/Res.5).")
        )
    if errors:
        raise ImportRefused(errors)
    return parsed


def numbering_errors(parsed: ParsedResolution) -> list[str]:
    """Operative paragraphs must be numbered 1, 2, 3 … with no gap and no repeat."""
    errors = []
    seen: set[int] = set()
    expected = 1
    for paragraph in parsed.operative:
        if paragraph.number in seen:
            errors.append(
                _("Operative paragraph %(number)s appears twice.") % {"number": paragraph.number}
            )
        elif paragraph.number != expected:
            errors.append(
                _("Operative paragraph %(number)s follows paragraph %(previous)s.")
                % {"number": paragraph.number, "previous": expected - 1}
            )
        seen.add(paragraph.number)
        expected = paragraph.number + 1
    return errors


def _parts(parsed: ParsedResolution) -> list[tuple[str, int, list[ParsedParagraph]]]:
    """(kind, annex, paragraphs) for every part of a parse, in reading order."""
    parts = [
        (Paragraph.Kind.PREAMBULAR, 0, parsed.preambular),
        (Paragraph.Kind.OPERATIVE, 0, parsed.operative),
    ]
    parts += [(Paragraph.Kind.ANNEX, annex.number, annex.paragraphs) for annex in parsed.annexes]
    return parts


def structure_of(parsed: ParsedResolution) -> list[tuple]:
    """The language-independent shape of a parse: which paragraphs exist."""
    shape = []
    for kind, annex, paragraphs in _parts(parsed):
        for paragraph in paragraphs:
            for path in _subparagraph_paths(paragraph.subparagraphs, ()):
                shape.append((kind, annex, paragraph.number, *path))
            shape.append((kind, annex, paragraph.number))
    return sorted(shape)


def _subparagraph_paths(subparagraphs, prefix: tuple) -> list[tuple]:
    paths = []
    for sub in subparagraphs:
        path = (*prefix, sub.label)
        paths.append(path)
        paths.extend(_subparagraph_paths(sub.children, path))
    return paths


def _stored_structure(resolution: Resolution) -> list[tuple]:
    rows = list(resolution.paragraphs.values("id", "parent_id", "kind", "annex", "number", "label"))
    by_id = {row["id"]: row for row in rows}
    shape = []
    for row in rows:
        labels = []
        current = row
        while current["parent_id"] is not None:
            labels.append(current["label"])
            current = by_id[current["parent_id"]]
        shape.append((row["kind"], row["annex"], row["number"], *reversed(labels)))
    return sorted(shape)


def _describe_mismatch(stored: list[tuple], new: list[tuple]) -> list[str]:
    def name(key: tuple) -> str:
        kind, annex, number, *labels = key
        return paragraph_reference(kind=kind, number=number, label="", annex=annex) + "".join(
            f"({label})" for label in labels
        )

    missing = sorted(set(stored) - set(new))
    extra = sorted(set(new) - set(stored))
    messages = [
        _(
            "The paragraphs of this text do not match the language version already imported; "
            "nothing was saved."
        )
    ]
    if missing:
        messages.append(_("Missing here: %(list)s.") % {"list": ", ".join(map(name, missing))})
    if extra:
        messages.append(
            _("Not in the other version: %(list)s.") % {"list": ", ".join(map(name, extra))}
        )
    return messages


def body_for_prefix(prefix: str, *, name: str = "") -> Body:
    """The body whose symbols start with `prefix`, created on first use."""
    name_en, name_fr, short = KNOWN_BODIES.get(prefix, (name or prefix, name, ""))
    short_fr = KNOWN_BODIES_FR.get(prefix, "")
    body, _created = Body.objects.get_or_create(
        symbol_prefix=prefix,
        defaults={
            "name_en": name_en,
            "name_fr": name_fr or "",
            "short_name": short,
            "short_name_fr": short_fr,
        },
    )
    return _with_french_abbreviation(body)


def _with_french_abbreviation(body: Body) -> Body:
    short_fr = KNOWN_BODIES_FR.get(body.symbol_prefix, "")
    if short_fr and not body.short_name_fr:
        # A body made before French abbreviations were known gets its own now.
        body.short_name_fr = short_fr
        body.save(update_fields=["short_name_fr"])
    return body


def _prefix_of(parsed: ParsedResolution) -> str:
    return parsed.body_prefix or parsed.symbol.rsplit("/", 2)[0]


def body_for(parsed: ParsedResolution) -> Body:
    return body_for_prefix(_prefix_of(parsed), name=parsed.body or "")


@transaction.atomic
def resolution_import(
    *,
    text: str,
    symbol: str = "",
    language: str = "",
    user=None,
    replace: bool = False,
) -> ImportResult:
    """Import one language text of a resolution.

    Re-importing the same text changes nothing. A different text for a language
    already held is refused unless `replace` is given. A second language must
    have the same paragraphs as the first; a mismatch is refused and reported.
    """
    parsed = resolution_parse(text=text, symbol=symbol, language=language)
    digest = text_digest(text)
    resolution = Resolution.objects.select_for_update().filter(symbol=parsed.symbol).first()

    if resolution is None:
        resolution = _create_resolution(parsed)
        outcome = "created"
    else:
        existing = resolution.texts.filter(language=parsed.language).first()
        if existing is not None and existing.source_sha256 == digest:
            return ImportResult(resolution, parsed.language, "unchanged", parsed.warnings)
        if existing is not None and not replace:
            raise ImportRefused(
                [
                    _(
                        "%(symbol)s already has a different %(language)s text. Nothing was saved; "
                        "import with “replace” to update its wording."
                    )
                    % {"symbol": resolution.symbol, "language": parsed.language}
                ]
            )
        other_languages = resolution.texts.exclude(language=parsed.language).exists()
        if other_languages or existing is None:
            stored = _stored_structure(resolution)
            if stored != structure_of(parsed):
                raise ImportRefused(_describe_mismatch(stored, structure_of(parsed)))
        outcome = "replaced" if existing is not None else "added_language"
        _update_metadata(resolution, parsed)

    fields = {
        "title": parsed.title[:500],
        "body_name": (parsed.body or "")[:200],
        "source_text": text,
        "source_sha256": digest,
        "warnings": parsed.warnings,
        "annexes": [
            {"number": annex.number, "heading": annex.heading, "title": annex.title}
            for annex in parsed.annexes
        ],
        "imported_by": user if user is not None and user.is_authenticated else None,
    }
    if outcome == "created":  # nothing to look for: one statement instead of five
        ResolutionText.objects.create(resolution=resolution, language=parsed.language, **fields)
    else:
        ResolutionText.objects.update_or_create(
            resolution=resolution, language=parsed.language, defaults=fields
        )
    by_number = _save_paragraphs(resolution, parsed, new=outcome == "created")
    _link_citations(resolution, new=outcome == "created")
    resolution_text_imported.send(
        sender=Resolution,
        resolution=resolution,
        parsed=parsed,
        user=user,
        replaced=outcome == "replaced",
        created=outcome == "created",
        # What was just saved, so that receivers need not read it back.
        operative={
            number: paragraph
            for (kind, _annex, number), paragraph in by_number.items()
            if kind == Paragraph.Kind.OPERATIVE
        },
    )
    return ImportResult(resolution, parsed.language, outcome, parsed.warnings)


def _create_resolution(parsed: ParsedResolution) -> Resolution:
    session = None
    if parsed.session:
        # The body and the session are there but for the first resolution of a session:
        # one statement reads both, rather than one each.
        session = (
            Session.objects.select_related("body")
            .filter(body__symbol_prefix=_prefix_of(parsed), number=parsed.session)
            .first()
        )
    body = _with_french_abbreviation(session.body) if session else body_for(parsed)
    resolution = Resolution(symbol=parsed.symbol, body=body, session=session)
    _update_metadata(resolution, parsed)
    return resolution


def _update_metadata(resolution: Resolution, parsed: ParsedResolution) -> None:
    """Fill metadata the resolution lacks; a second language never erases the first's."""
    if parsed.session and resolution.session_id is None:
        resolution.session, _created = Session.objects.get_or_create(
            body=resolution.body, number=parsed.session
        )
    resolution.adopted_on = resolution.adopted_on or parsed.adopted_on
    resolution.meeting = resolution.meeting or parsed.meeting
    resolution.adoption_method = resolution.adoption_method or (parsed.adoption_method or "")
    votes = parsed.votes or {}
    resolution.votes_in_favour = resolution.votes_in_favour or votes.get("in_favour")
    resolution.votes_against = resolution.votes_against or votes.get("against")
    resolution.abstentions = resolution.abstentions or votes.get("abstentions")
    if parsed.report and not resolution.report_symbol:
        resolution.report_committee = (parsed.report.get("committee") or "")[:200]
        resolution.report_symbol = parsed.report["symbol"][:64]
        resolution.report_paragraph = parsed.report.get("paragraph")
    resolution.save()


@dataclass
class _Row:
    """A paragraph or sub-paragraph of the parse, to be saved."""

    key: tuple
    kind: str
    annex: int
    number: int
    label: str
    text: str
    order: int
    parent_key: tuple | None
    depth: int


def _rows(parsed: ParsedResolution) -> list[_Row]:
    """Every paragraph and sub-paragraph of a parse, in reading order."""
    rows: list[_Row] = []

    def add(kind, annex, number, label, text, key, parent_key, depth):
        rows.append(_Row(key, kind, annex, number, label, text, len(rows) + 1, parent_key, depth))

    def add_subparagraphs(kind, annex, number, subparagraphs, parent_key, depth):
        for sub in subparagraphs:
            key = (*parent_key, sub.label)
            add(kind, annex, number, sub.label, sub.text, key, parent_key, depth)
            add_subparagraphs(kind, annex, number, sub.children, key, depth + 1)

    for kind, annex, paragraphs in _parts(parsed):
        for item in paragraphs:
            key = (kind, annex, item.number)
            add(kind, annex, item.number, "", item.text, key, None, 0)
            add_subparagraphs(kind, annex, item.number, item.subparagraphs, key, 1)
    return rows


def _save_paragraphs(
    resolution: Resolution, parsed: ParsedResolution, *, new: bool
) -> dict[tuple, Paragraph]:
    """Create or update paragraphs, their text in this language, footnotes and references.
    Returns the resolution's paragraphs (not sub-paragraphs) by (kind, annex, number): once
    those the text no longer has are deleted, these are all of them.

    New paragraphs are created a level at a time (paragraphs, then their sub-paragraphs…)
    in one statement per level, and a ``new`` resolution skips looking for what it cannot
    have yet: that is what makes importing a whole archive fast.
    """
    existing = (
        {}
        if new
        else {
            _key_of(row, resolution): row
            for row in resolution.paragraphs.select_related("parent", "parent__parent")
        }
    )
    language = parsed.language
    rows = _rows(parsed)
    wanted_keys = {row.key for row in rows}

    # Paragraphs a replaced text no longer has. Mandates protect theirs: the
    # database refuses to delete a paragraph that something still points at.
    stale = [row for key, row in existing.items() if key not in wanted_keys]
    if stale:
        try:
            with transaction.atomic():
                Paragraph.objects.filter(pk__in=[row.pk for row in stale]).delete()
        except ProtectedError:
            names = ", ".join(row.reference for row in stale)
            raise ImportRefused(
                [
                    _(
                        "The new text drops paragraphs that mandates are attached to (%(names)s). "
                        "Nothing was saved; move or reject those mandates first."
                    )
                    % {"names": names}
                ]
            ) from None
        for row in stale:
            del existing[_key_of(row, resolution)]

    # New rows take their final order when nothing else is there; otherwise an order out of
    # the way of the existing ones until all are renumbered below. New rows are written as
    # plain values (``insert_rows``): ids and orders are all that later steps need of them,
    # and paragraphs (not sub-paragraphs) are given back as instances.
    offset = 100_000 if existing else 0
    ids = {key: paragraph.pk for key, paragraph in existing.items()}
    orders = {key: paragraph.order for key, paragraph in existing.items()}
    paragraphs = {key: paragraph for key, paragraph in existing.items() if len(key) == 3}
    for depth in range(max((row.depth for row in rows), default=-1) + 1):
        new_rows = [row for row in rows if row.depth == depth and row.key not in ids]
        created = insert_rows(
            Paragraph,
            ("resolution_id", "parent_id", "kind", "annex", "number", "label", "order"),
            [
                (
                    resolution.pk,
                    ids[row.parent_key] if row.parent_key else None,
                    row.kind,
                    row.annex,
                    row.number,
                    row.label,
                    row.order + offset,
                )
                for row in new_rows
            ],
            returning=True,
        )
        for row, pk in zip(new_rows, created, strict=True):
            ids[row.key], orders[row.key] = pk, row.order + offset
            if depth == 0:
                paragraphs[row.key] = _saved_paragraph(resolution, row, pk, row.order + offset)

    # Two passes keep the (resolution, order) constraint satisfied throughout; only rows
    # whose order changes are written.
    moved = [(row.key, row.order) for row in rows if orders[row.key] != row.order]
    if moved:
        for shift in (200_000, 0):
            Paragraph.objects.bulk_update(
                [Paragraph(pk=ids[key], order=order + shift) for key, order in moved], ["order"]
            )
        for key, order in moved:
            if key in paragraphs:
                paragraphs[key].order = order

    if not new:
        ParagraphText.objects.filter(paragraph__resolution=resolution, language=language).delete()
    insert_rows(
        ParagraphText,
        ("paragraph_id", "language", "text"),
        [(ids[row.key], language, row.text) for row in rows],
    )

    by_number = {
        (row.kind, row.annex, row.number): paragraphs[row.key] for row in rows if row.depth == 0
    }
    if not new:
        resolution.footnotes.filter(language=language).delete()
    insert_rows(
        Footnote,
        ("resolution_id", "paragraph_id", "language", "mark", "text"),
        [
            (resolution.pk, by_number[key].pk, language, footnote.mark, footnote.text)
            for footnote in parsed.footnotes
            if (key := _footnote_key(footnote)) in by_number
        ],
    )
    _save_references(resolution, parsed, by_number, new=new)
    return by_number


def _saved_paragraph(resolution: Resolution, row: _Row, pk: int, order: int) -> Paragraph:
    """The instance of a paragraph just inserted, as ``bulk_create`` would have left it."""
    paragraph = Paragraph(
        pk=pk,
        resolution=resolution,
        parent=None,
        kind=row.kind,
        annex=row.annex,
        number=row.number,
        label=row.label,
        order=order,
    )
    paragraph._state.adding = False
    paragraph._state.db = resolution._state.db
    return paragraph


def _footnote_key(footnote) -> tuple:
    return (footnote.part, footnote.annex or 0, footnote.paragraph)


def _key_of(paragraph: Paragraph, resolution: Resolution) -> tuple:
    labels = []
    current = paragraph
    while current.parent_id is not None:
        labels.append(current.label)
        current = current.parent
    return (current.kind, current.annex, current.number, *reversed(labels))


def _paragraph_symbols(item: ParsedParagraph, parsed: ParsedResolution, key: tuple) -> list[str]:
    symbols = list(item.references)
    for footnote in parsed.footnotes:
        if _footnote_key(footnote) == key:
            symbols.extend(s for s in find_document_symbols(footnote.text) if s not in symbols)
    return [s for s in symbols if s != parsed.symbol]


def _save_references(resolution, parsed, by_number, *, new: bool) -> None:
    """References are the union over languages: a symbol is the same in every language."""
    existing = (
        set()
        if new
        else set(
            Reference.objects.filter(paragraph__resolution=resolution).values_list(
                "paragraph_id", "symbol"
            )
        )
    )
    fresh: list[tuple[int, str, int]] = []  # paragraph id, symbol, position
    for kind, annex, paragraphs in _parts(parsed):
        for item in paragraphs:
            key = (kind, annex, item.number)
            paragraph = by_number[key]
            for position, symbol in enumerate(_paragraph_symbols(item, parsed, key)):
                if (paragraph.pk, symbol) not in existing:
                    existing.add((paragraph.pk, symbol))
                    fresh.append((paragraph.pk, symbol[:64], position))
    held = {}
    if new and fresh:
        # The resolutions cited that are held, read in one plain statement: a new
        # resolution's references are all here, so they are written already linked (see
        # ``_link_citations``).
        held = dict(
            Resolution.objects.filter(symbol__in={symbol for _p, symbol, _o in fresh})
            .order_by()
            .values_list("symbol", "pk")
        )
    insert_rows(
        Reference,
        ("paragraph_id", "symbol", "cited_resolution_id", "order"),
        [(pk, symbol, held.get(symbol), position) for pk, symbol, position in fresh],
    )


def _link_citations(resolution: Resolution, *, new: bool = False) -> None:
    """Point references at the resolutions they cite, both ways: this one's
    references to resolutions already held, and older references to this one.
    Two statements, however many resolutions are cited; one for a ``new`` resolution,
    whose references were written linked (``_save_references``)."""
    Reference.objects.filter(symbol=resolution.symbol, cited_resolution__isnull=True).update(
        cited_resolution=resolution
    )
    if new:
        return
    held = Resolution.objects.filter(symbol=OuterRef("symbol")).values("pk")[:1]
    Reference.objects.filter(
        Exists(Resolution.objects.filter(symbol=OuterRef("symbol"))),
        paragraph__resolution=resolution,
        cited_resolution__isnull=True,
    ).update(cited_resolution_id=Subquery(held))


# Files and batches of files ---------------------------------------------------------------


def resolution_import_file(
    *,
    data: bytes,
    filename: str,
    symbol: str = "",
    language: str = "",
    user=None,
    replace: bool = False,
) -> ImportResult:
    """Import one file (PDF, Word or text), atomically; ImportRefused if it cannot be."""
    document = document_read(data=data, filename=filename)
    result = resolution_import(
        text=document.text, symbol=symbol, language=language, user=user, replace=replace
    )
    result.warnings = [*document.warnings, *result.warnings]
    return result


IMPORTED_OUTCOMES = ("created", "added_language", "replaced")


@dataclass
class FileOutcome:
    """What became of one file of an archive or batch."""

    name: str
    outcome: str  # an ImportResult outcome, or "refused"
    symbol: str = ""
    language: str = ""
    messages: list[str] = field(default_factory=list)  # reasons of a refusal, or warnings
    resolution_id: int | None = None

    @property
    def imported(self) -> bool:
        return self.outcome in IMPORTED_OUTCOMES


def resolution_import_one(
    *,
    name: str,
    data: bytes,
    symbol: str = "",
    language: str = "",
    user=None,
    replace: bool = False,
) -> FileOutcome:
    """Import one file of many: never raises for a bad file, so that the others go on.

    An unexpected error in reading or parsing one file is logged and reported as that
    file's refusal; its transaction is rolled back like any refusal's. Database errors are
    not the file's fault and are raised.
    """
    try:
        result = resolution_import_file(
            data=data, filename=name, symbol=symbol, language=language, user=user, replace=replace
        )
    except ImportRefused as refused:
        return FileOutcome(name, "refused", messages=refused.messages)
    except DatabaseError:
        raise  # the database, not the file: the caller retries or stops
    except Exception as error:  # noqa: BLE001 — one file's bug must not stop an archive
        logger.exception("Import of %s failed", name)
        return FileOutcome(
            name,
            "refused",
            messages=[
                _("Suivi failed on this file (%(error)s); nothing was saved from it.")
                % {"error": type(error).__name__}
            ],
        )
    return FileOutcome(
        name,
        result.outcome,
        symbol=result.resolution.symbol,
        language=result.language,
        messages=list(result.warnings),
        resolution_id=result.resolution.pk,
    )


@transaction.atomic
def import_batch_create(
    *, files: list[tuple[str, bytes]], user=None, language: str = "", replace: bool = False
) -> ImportBatch:
    """Record uploaded files for import; nothing is imported yet (import_batch_run)."""
    if not files:
        raise ImportRefused([_("Choose at least one file.")])
    batch = ImportBatch.objects.create(
        created_by=user if user is not None and user.is_authenticated else None,
        language=language,
        replace=replace,
        total=len(files),
    )
    ImportBatchFile.objects.bulk_create(
        ImportBatchFile(batch=batch, position=position, name=name[:255], content=data)
        for position, (name, data) in enumerate(files, start=1)
    )
    return batch


def import_batch_start(
    *, files: list[tuple[str, bytes]], user=None, language: str = "", replace: bool = False
) -> ImportBatch:
    """Record the files and import them: now when they are few, else in a Celery worker
    (resolutions.tasks.import_batch_run), once the batch is committed."""
    from resolutions import tasks

    batch = import_batch_create(files=files, user=user, language=language, replace=replace)
    if batch.total <= settings.SUIVI_IMPORT_INLINE_FILES:
        import_batch_run(batch_id=batch.pk)
        batch.refresh_from_db()
    else:
        transaction.on_commit(lambda: tasks.import_batch_run.delay(batch.pk))
    return batch


def import_batch_run(*, batch_id: int) -> None:
    """Import the files of a batch that are still waiting, each in its own transaction.

    Safe to run twice, or in two workers at once: a file is taken under a row lock (workers
    skip the files another one holds) and its outcome is saved in the same transaction as
    its import, so a worker that dies mid-file leaves that file waiting, and nothing of it
    saved, for the next run.
    """
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    while True:
        with transaction.atomic():
            item = (
                ImportBatchFile.objects.select_for_update(skip_locked=True)
                .filter(batch_id=batch_id, outcome=ImportBatchFile.Outcome.PENDING)
                .order_by("position")
                .first()
            )
            if item is None:
                break
            outcome = resolution_import_one(
                name=item.name,
                data=bytes(item.content),
                language=batch.language,
                user=batch.created_by,
                replace=batch.replace,
            )
            item.outcome = outcome.outcome
            item.messages = outcome.messages
            item.symbol = outcome.symbol[:64]
            item.language = outcome.language
            item.resolution_id = outcome.resolution_id
            item.content = b""
            item.processed_at = timezone.now()
            item.save()
    if not ImportBatchFile.objects.filter(
        batch_id=batch_id, outcome=ImportBatchFile.Outcome.PENDING
    ).exists():
        ImportBatch.objects.filter(pk=batch_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )


# Session calendar ---------------------------------------------------------------------------


@transaction.atomic
def sessions_load_calendar(*, body: Body, csv_text: str) -> tuple[int, int]:
    """Load a session calendar (CSV with number,start,end,venue[,venue_fr]; '#' lines are
    comments).

    Returns (created, updated). Blank dates mean "not set yet". The venue in French is
    the column venue_fr or, without it, the French name of a known place. A bad row
    refuses the whole file.
    """
    lines = [line for line in csv_text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = {"number", "start", "end"} - set(reader.fieldnames or [])
    if missing:
        raise ImportRefused(
            [
                _("The calendar lacks the columns: %(columns)s.")
                % {"columns": ", ".join(sorted(missing))}
            ]
        )
    rows, errors = [], []
    for line_number, row in enumerate(reader, start=2):
        try:
            number = int(row["number"])
            start = _optional_date(row["start"])
            end = _optional_date(row["end"])
            if start and end and end < start:
                raise ValueError(_("the last day is before the first"))
            if any(day and not is_plausible(day) for day in (start, end)):
                raise ValueError(
                    _("the dates must fall between %(earliest)s and %(latest)s")
                    % {"earliest": EARLIEST.year, "latest": LATEST.year}
                )
        except ValueError as error:
            errors.append(_("Row %(line)s: %(error)s.") % {"line": line_number, "error": error})
            continue
        venue = (row.get("venue") or "").strip()
        venue_fr = (row.get("venue_fr") or "").strip() or KNOWN_VENUES_FR.get(venue, "")
        rows.append((number, start, end, venue, venue_fr))
    if errors:
        raise ImportRefused(errors)
    created = updated = 0
    for number, start, end, venue, venue_fr in rows:
        session, was_created = Session.objects.get_or_create(body=body, number=number)
        changed = session_update(
            session=session, start_date=start, end_date=end, venue=venue, venue_fr=venue_fr
        )
        created += was_created
        updated += changed and not was_created
    return created, updated


# Sent when a session's dates change, inside the transaction, so that deadlines
# tied to the session are recomputed with it.
session_dates_changed = Signal()  # kwargs: session


def session_update(
    *,
    session: Session,
    start_date,
    end_date,
    venue: str | None = None,
    venue_fr: str | None = None,
) -> bool:
    """Set a session's dates (None: not known yet) and, when given, its venue in English
    and in French. Returns whether anything changed."""
    if start_date and end_date and end_date < start_date:
        raise ImportRefused([_("The last day of a session cannot be before its first day.")])
    dates_changed = (session.start_date, session.end_date) != (start_date, end_date)
    venues = {"venue": venue, "venue_fr": venue_fr}
    venues = {
        name: value
        for name, value in venues.items()
        if value is not None and value != getattr(session, name)
    }
    if not (dates_changed or venues):
        return False
    with transaction.atomic():
        session.start_date, session.end_date = start_date, end_date
        for name, value in venues.items():
            setattr(session, name, value)
        session.save()
        if dates_changed:
            session_dates_changed.send(sender=Session, session=session)
    return True


def _optional_date(value: str | None) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date (YYYY-MM-DD)") % {"value": value}) from None
