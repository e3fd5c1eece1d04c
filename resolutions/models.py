"""
Resolutions as adopted: who adopted them, at which session, and their paragraphs.

A paragraph's identity does not depend on language ("operative paragraph 5 of
ICC-ASP/11/Res.5"); its wording does, and lives in ParagraphText, one row per
language. Later parts of Suivi (mandates) point at paragraphs, never at texts,
so that importing a second language version changes nothing they rely on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from config.typography import date_text
from resolutions.validators import validate_plausible_date

LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French"))]


class Body(models.Model):
    """An adopting body, e.g. the Assembly of States Parties (symbols ICC-ASP/…)."""

    symbol_prefix = models.CharField(_("symbol prefix"), max_length=32, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    # The French abbreviation is a word of its own, not a translation of the English
    # letters: "AEP" (Assemblée des États Parties) for "ASP". A default in the database
    # too: code (or a migration) that predates the column can still insert a body.
    short_name_fr = models.CharField(
        _("short name (French)"), max_length=32, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "fr" and self.name_fr:
            return self.name_fr
        return self.name_en

    @property
    def abbreviation(self) -> str:
        """ "ASP" in English, "AEP" in French; the name where no abbreviation is known."""
        if get_language() == "fr":
            return self.short_name_fr or self.name
        return self.short_name or self.name


class Session(models.Model):
    """A session of a body. Its dates may not be known yet."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField(_("number"))
    start_date = models.DateField(
        _("first day"), null=True, blank=True, validators=[validate_plausible_date]
    )
    end_date = models.DateField(
        _("last day"), null=True, blank=True, validators=[validate_plausible_date]
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_fr = models.CharField(
        _("venue (French)"), max_length=200, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["body", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return _("%(body)s, session %(number)s") % {
            "body": self.body.abbreviation,
            "number": self.number,
        }

    @property
    def place(self) -> str:
        """Where the session meets, as the interface language names the place: "La Haye"
        in French for "The Hague"."""
        if get_language() == "fr" and self.venue_fr:
            return self.venue_fr
        return self.venue

    @property
    def dates_known(self) -> bool:
        return self.start_date is not None


class Resolution(models.Model):
    class AdoptionMethod(models.TextChoices):
        CONSENSUS = "consensus", _("by consensus")
        VOTE = "vote", _("by vote")
        UNKNOWN = "", _("not stated")

    symbol = models.CharField(_("symbol"), max_length=64, unique=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="resolutions")
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="resolutions", null=True, blank=True
    )
    adopted_on = models.DateField(
        _("adopted on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    meeting = models.PositiveIntegerField(_("plenary meeting"), null=True, blank=True)
    adoption_method = models.CharField(
        _("adoption method"), max_length=16, choices=AdoptionMethod.choices, blank=True
    )
    votes_in_favour = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    abstentions = models.PositiveIntegerField(null=True, blank=True)
    # The report the resolution was adopted on, from the General Assembly's header line
    # "[on the report of the Fifth Committee (A/80/401, para. 6)]": the committee as the
    # first text imported names it, the report's symbol and the paragraph recommending it.
    # Database defaults, so that rows written by older code (or migrations) still fit.
    report_committee = models.CharField(
        _("reporting committee"), max_length=200, blank=True, default="", db_default=""
    )
    report_symbol = models.CharField(
        _("report"), max_length=64, blank=True, default="", db_default=""
    )
    report_paragraph = models.PositiveIntegerField(
        _("paragraph of the report"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_on", "symbol"]
        indexes = [
            models.Index(fields=["body", "session"], name="resolution_body_session"),
            models.Index(fields=["-adopted_on", "symbol"], name="resolution_adopted_on"),
        ]

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("resolutions:detail", kwargs={"symbol": self.symbol})


class ResolutionText(models.Model):
    """One language version of a resolution, with the text it was imported from."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=500)
    body_name = models.CharField(_("body as written"), max_length=200, blank=True)
    source_text = models.TextField(_("source text"))
    source_sha256 = models.CharField(max_length=64)
    warnings = models.JSONField(default=list, blank=True)
    # The annexes' headings and titles in this language: [{"number": 1, "heading":
    # "Annex", "title": "…"}]; their paragraphs are Paragraph rows of kind "annex".
    annexes = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("resolution text")
        verbose_name_plural = _("resolution texts")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "language"], name="resolutiontext_unique_language"
            )
        ]
        indexes = [models.Index(fields=["title"], name="resolutiontext_title")]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} ({self.language})"


class Paragraph(models.Model):
    """A paragraph or sub-paragraph, independent of language.

    Sub-paragraphs ((a), (b), (i) …) are rows whose parent is the paragraph or
    sub-paragraph that contains them; they share the parent's kind and number.
    Numbered paragraphs of an annex are of kind "annex", with the annex's position
    (1, 2, …) in ``annex``: an annex numbers its paragraphs from 1 on its own.
    """

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular", _("preambular")
        OPERATIVE = "operative", _("operative")
        ANNEX = "annex", _("annex")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="paragraphs")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # 0: not in an annex. The database default lets code that predates annexes insert rows.
    annex = models.PositiveSmallIntegerField(_("annex"), default=0, db_default=0)
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=16, blank=True)
    # Position in the resolution, across kinds and levels, so that one ordered
    # query returns the paragraphs in reading order.
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "kind", "annex", "number"],
                condition=Q(parent__isnull=True),
                name="paragraph_unique_number",
            ),
            models.UniqueConstraint(
                fields=["parent", "label"],
                condition=Q(parent__isnull=False),
                name="subparagraph_unique_label",
            ),
            models.UniqueConstraint(fields=["resolution", "order"], name="paragraph_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} {self.reference}"

    @property
    def anchor(self) -> str:
        if self.kind == self.Kind.ANNEX:
            return f"an{self.annex}-{self.number}{self.label}"
        prefix = "op" if self.kind == self.Kind.OPERATIVE else "pp"
        return f"{prefix}{self.number}{self.label}"

    @property
    def reference(self) -> str:
        return paragraph_reference(
            kind=self.kind, number=self.number, label=self.label, annex=self.annex
        )

    def get_absolute_url(self) -> str:
        return f"{self.resolution.get_absolute_url()}#{self.anchor}"


def meeting_words(*, prefix: str, meeting: int) -> str:
    """The meeting a resolution was adopted at, as its body names them: the Security
    Council's meetings are numbered ("meeting 5158"), assemblies' are plenary ones."""
    if prefix == "S/RES":
        return gettext("meeting %(meeting)s") % {"meeting": meeting}
    return gettext("plenary meeting %(meeting)s") % {"meeting": meeting}


def paragraph_reference(*, kind: str, number: int, label: str, annex: int = 0) -> str:
    """How a paragraph is cited, "OP5", "PP3(a)" or "A1.5" (paragraph 5 of annex 1). A
    function of the values rather than of the instance, so that exports reading plain rows
    cite it the same."""
    suffix = f"({label})" if label else ""
    if kind == Paragraph.Kind.ANNEX:
        return f"A{annex}.{number}{suffix}"
    prefix = "OP" if kind == Paragraph.Kind.OPERATIVE else "PP"
    return f"{prefix}{number}{suffix}"


class ParagraphText(models.Model):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("paragraph text")
        verbose_name_plural = _("paragraph texts")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "language"], name="paragraphtext_unique_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} ({self.language})"


class Footnote(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="footnotes")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="footnotes")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    mark = models.CharField(_("mark"), max_length=8)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["resolution", "language", "id"]
        constraints = [
            # An annex may number its footnotes from 1 again: a mark is unique per paragraph.
            models.UniqueConstraint(
                fields=["resolution", "language", "paragraph", "mark"], name="footnote_unique_mark"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolution.symbol} [{self.mark}]"


class Reference(models.Model):
    """A document cited by a paragraph (or by one of its footnotes).

    The cited document is kept by symbol; when it is a resolution held in Suivi,
    `cited_resolution` points at it, set at import time in both directions.
    """

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="references")
    symbol = models.CharField(_("symbol"), max_length=64)
    cited_resolution = models.ForeignKey(
        Resolution, on_delete=models.SET_NULL, null=True, blank=True, related_name="citations"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["paragraph", "order"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "symbol"], name="reference_unique_symbol")
        ]
        indexes = [models.Index(fields=["symbol"], name="reference_symbol")]

    def __str__(self) -> str:
        return self.symbol


class ImportBatch(models.Model):
    """Files uploaded together for import. Each file is imported on its own, in its own
    transaction; the batch records how each one went, for the page that shows the progress."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    replace = models.BooleanField(_("replace texts already held"), default=False)
    total = models.PositiveIntegerField(_("files"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Import of %(count)s files, %(date)s") % {
            "count": self.total,
            "date": date_text(self.created_at),
        }

    def get_absolute_url(self) -> str:
        return reverse("resolutions:import_batch", kwargs={"pk": self.pk})


class ImportBatchFile(models.Model):
    """One file of a batch: its content until it is imported, then what became of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting")
        CREATED = "created", _("imported")
        ADDED_LANGUAGE = "added_language", _("language added")
        REPLACED = "replaced", _("text replaced")
        UNCHANGED = "unchanged", _("unchanged")
        REFUSED = "refused", _("refused")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(_("file"), max_length=255)
    # Kept in the database, not on a disk, so that a worker on another machine reads it;
    # emptied once the file is imported or refused.
    content = models.BinaryField(editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    messages = models.JSONField(default=list, blank=True)
    resolution = models.ForeignKey(
        Resolution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    symbol = models.CharField(_("symbol"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="importfile_unique_position")
        ]
        indexes = [models.Index(fields=["batch", "outcome"], name="importfile_batch_outcome")]

    def __str__(self) -> str:
        return self.name
