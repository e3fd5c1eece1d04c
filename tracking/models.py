"""
What resolutions ask, of whom, by when, and how far it has got.

A Mandate is one request in an operative paragraph, addressed to one or more
Actors. Its status moves along a pipeline kept as data (TRANSITIONS) and every
change is written as a MandateEvent row that is never edited or deleted, so the
history of a request can always be read back.
"""

import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from config.typography import date_text, sort_key
from resolutions.models import LANGUAGE_CHOICES, Paragraph, Session
from resolutions.validators import validate_plausible_date
from tracking import deadlines, french


class NamedInText(models.Model):
    """A name in English and French (name_en, name_fr) with the article it takes in
    running text: "au Bureau", "de l’Assemblée", "the Court", "à la France", "the
    Netherlands". Actors and States alike; sentences use these forms, never the name
    glued to words of their own (tracking.french)."""

    article_fr = models.CharField(
        _("article (French)"), max_length=3, blank=True, choices=french.FRENCH_ARTICLES
    )
    article_en = models.CharField(
        _("article (English)"), max_length=3, blank=True, choices=french.ENGLISH_ARTICLES
    )
    # The names' sort keys (config.typography.sort_key), kept by save(): lists sort in
    # the reader's order in the database, "États-Unis" among the E's, whatever the
    # database's collation, and stay paginated and indexed.
    sort_name_en = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    sort_name_fr = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_name_en = sort_key(self.name_en)
        self.sort_name_fr = sort_key(self.name_fr)
        fields = kwargs.get("update_fields")
        if fields is not None and {"name_en", "name_fr"} & set(fields):
            kwargs["update_fields"] = {*fields, "sort_name_en", "sort_name_fr"}
        super().save(*args, **kwargs)

    @staticmethod
    def name_order(prefix: str = "") -> list[str]:
        """order_by() arguments for name order in the interface language; the name itself
        breaks ties between keys (accents: "Cote" before "Côte")."""
        language = "fr" if get_language() == "fr" else "en"
        return [f"{prefix}sort_name_{language}", f"{prefix}name_{language}"]

    def in_text(self, after: str = "") -> str:
        """The name in a sentence of the interface language (tracking.french)."""
        french_ = get_language() == "fr"
        return french.in_text(
            name=self.name_fr if french_ else self.name_en,
            article=self.article_fr if french_ else self.article_en,
            language="fr" if french_ else "en",
            after=after,
        )

    @property
    def name_with_article(self) -> str:
        return self.in_text()

    @property
    def name_after_a(self) -> str:
        """ "au Bureau" in French, "the Bureau" in English (whose sentence says "of")."""
        return self.in_text("à")

    @property
    def name_after_de(self) -> str:
        """ "du Bureau" in French, "the Bureau" in English (whose sentence says "of")."""
        return self.in_text("de")

    @property
    def name_at_start(self) -> str:
        """ "La France", "The Netherlands": the name with its article, to begin a sentence."""
        text = self.in_text()
        return text[:1].upper() + text[1:]


class Actor(NamedInText):
    """Someone a resolution can ask something of: States Parties, the Bureau, the Court …"""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # An actor that stands for one State ("Kenya"): a mandate addressed to it concerns
    # that State alone.
    state = models.OneToOneField(
        "tracking.State",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actor",
        verbose_name=_("State"),
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if get_language() == "fr" else self.name_en

    def get_absolute_url(self) -> str:
        return reverse("tracking:actor", kwargs={"key": self.key})


class ActorAlias(models.Model):
    """A way the actor is named in resolutions ("les États Parties", "the Bureau")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(_("text"), max_length=200)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["actor", "text"], name="actoralias_unique_text")
        ]

    def __str__(self) -> str:
        return self.text


class ActorContact(models.Model):
    """Where reminders for an actor go."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["actor", "email"], name="actorcontact_unique_email")
        ]

    def __str__(self) -> str:
        return self.email


class Action(models.TextChoices):
    """What a paragraph does to its addressees, from the strongest."""

    DECIDES = "decides", pgettext_lazy("action", "decides")
    REQUESTS = "requests", pgettext_lazy("action", "requests")
    URGES = "urges", pgettext_lazy("action", "urges")
    MANDATES = "mandates", pgettext_lazy("action", "mandates")
    AUTHORIZES = "authorizes", pgettext_lazy("action", "authorizes")
    CALLS_UPON = "calls_upon", pgettext_lazy("action", "calls upon")
    RECOMMENDS = "recommends", pgettext_lazy("action", "recommends")
    ENCOURAGES = "encourages", pgettext_lazy("action", "encourages")
    INVITES = "invites", pgettext_lazy("action", "invites")
    OTHER = "other", pgettext_lazy("action", "other")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    ONGOING = "ongoing", _("ongoing (standing request)")
    COMPLETED = "completed", _("completed")
    NOT_APPLICABLE = "not_applicable", _("not applicable")
    SUPERSEDED = "superseded", _("superseded")


# The status pipeline. A status may only move to the ones listed for it.
TRANSITIONS: dict[str, set[str]] = {
    Status.NOT_STARTED: {
        Status.IN_PROGRESS,
        Status.ONGOING,
        Status.COMPLETED,
        Status.NOT_APPLICABLE,
        Status.SUPERSEDED,
    },
    Status.IN_PROGRESS: {
        Status.NOT_STARTED,
        Status.ONGOING,
        Status.COMPLETED,
        Status.NOT_APPLICABLE,
        Status.SUPERSEDED,
    },
    Status.ONGOING: {
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.SUPERSEDED,
        Status.NOT_APPLICABLE,
    },
    Status.COMPLETED: {Status.IN_PROGRESS},  # reopened when the delivery proves incomplete
    Status.NOT_APPLICABLE: {Status.NOT_STARTED},
    Status.SUPERSEDED: {Status.NOT_STARTED},
}

STATUS_LABELS = dict(Status.choices)
ACTION_LABELS = dict(Action.choices)

# Statuses that need no more follow-up: never overdue, never reminded.
CLOSED_STATUSES = frozenset({Status.COMPLETED, Status.NOT_APPLICABLE, Status.SUPERSEDED})


class DeadlineRelation(models.TextChoices):
    NONE = "", _("no deadline")
    BEFORE = "before", _("before")
    AT = "at", _("at")
    BY_END_OF = "by_end_of", _("by the end of")
    BY_DATE = "by_date", _("by a date")


SESSION_RELATIONS = frozenset({"before", "at", "by_end_of"})


def deadline_words(
    *,
    relation: str,
    session_number: int | None,
    session_start: datetime.date | None,
    date: datetime.date | None,
    well_before: bool,
    language: str,
) -> str:
    """A mandate's deadline in words, from its stored values (the exports read the
    values without the mandate)."""
    if not relation:
        return ""
    by_session = relation in SESSION_RELATIONS
    return deadlines.describe_deadline(
        relation=deadlines.Relation(relation) if by_session else None,
        session=session_number,
        date=date,
        well_before=well_before,
        session_start=session_start,
        language=language,
        date_label=functools.partial(date_text, language=language),
    )


def mandate_url(pk: int) -> str:
    """The address of a mandate's page, as reverse() gives it, without calling reverse()
    for each one: lists and exports show hundreds to thousands (about 80 µs each)."""
    return pk_url("tracking:mandate", pk)


def pk_url(name: str, pk: int) -> str:
    """reverse(name, kwargs={"pk": pk}) for a URL whose only argument is a pk, reversed
    once per name rather than once per row."""
    prefix, suffix = _pk_url_parts(
        name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{prefix}{pk}{suffix}"


# A pk no row has, reversed once and replaced by each row's.
_PK_PLACEHOLDER = 987654321


@functools.lru_cache(maxsize=64)
def _pk_url_parts(name: str, script_prefix: str, urlconf: str) -> tuple[str, str]:
    # The arguments are what reverse() depends on: the cache holds one entry per URL name,
    # deployment prefix and URL configuration.
    url = reverse(name, kwargs={"pk": _PK_PLACEHOLDER}, urlconf=urlconf)
    prefix, _placeholder, suffix = url.partition(str(_PK_PLACEHOLDER))
    return prefix, suffix


class MandateQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.live().open().filter(due_date__lt=today)

    def live(self):
        """Mandates that count: accepted suggestions and mandates added by hand."""
        return self.filter(review=Mandate.Review.ACCEPTED)

    def visible_to(self, user):
        """Delegations and the public see accepted mandates not marked internal;
        suggestions not yet reviewed are the secretariat's working material."""
        queryset = self
        if not user.has_perm("tracking.review_mandate"):
            queryset = queryset.live()
        if not user.has_perm("tracking.view_internal_mandate"):
            queryset = queryset.filter(is_internal=False)
        return queryset


class Mandate(models.Model):
    class Review(models.TextChoices):
        SUGGESTED = "suggested", _("suggested, to be reviewed")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="mandates")
    # The paragraph's resolution, copied when the mandate is created (a paragraph never
    # changes resolution): reads by resolution, body or year of adoption then skip the
    # paragraph table, the largest one joined (docs/performance.md).
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        on_delete=models.PROTECT,
        related_name="mandates",
        editable=False,
    )
    position = models.PositiveSmallIntegerField(_("position in the paragraph"), default=1)
    addressees = models.ManyToManyField(
        Actor, related_name="mandates", verbose_name=_("addressees")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    deliverable = models.TextField(_("what is asked"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)

    deadline_relation = models.CharField(
        _("deadline"), max_length=16, choices=DeadlineRelation.choices, blank=True
    )
    deadline_session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates_due",
        verbose_name=_("session"),
    )
    deadline_date = models.DateField(
        _("deadline date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    well_before = models.BooleanField(_("well before"), default=False)
    # Computed from the deadline and the session calendar (see services).
    due_date = models.DateField(_("due date"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    review = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.SUGGESTED
    )
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("focal point"),
    )
    recalls = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recalled_by",
        verbose_name=_("recalls"),
    )
    recalls_reference = models.CharField(_("recalls (reference)"), max_length=100, blank=True)
    is_internal = models.BooleanField(_("internal"), default=False)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    # The words the list's free-text search looks in: the paragraph in every
    # language and what is asked. Kept in step by the services.
    search_text = models.TextField(blank=True, editable=False)
    # Incremented by every write; a save that names an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["resolution", "paragraph__order", "position"]
        permissions = [
            ("change_mandate_status", _("Can change the status of a mandate")),
            ("review_mandate", _("Can accept, correct or reject suggested mandates")),
            ("view_internal_mandate", _("Can see internal mandates and notes")),
        ]
        indexes = [
            models.Index(fields=["review", "status", "due_date"], name="mandate_review_status_due"),
            models.Index(fields=["due_date"], name="mandate_due_date"),
            models.Index(fields=["focal_point", "due_date"], name="mandate_focal_point_due"),
            models.Index(fields=["-updated_at"], name="mandate_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline_relation__in=["before", "at", "by_end_of"])
                | Q(deadline_session__isnull=False),
                name="mandate_session_deadline_has_session",
            ),
            models.CheckConstraint(
                condition=~Q(deadline_relation="by_date") | Q(deadline_date__isnull=False),
                name="mandate_date_deadline_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} · {self.get_action_display()}"

    def save(self, *args, **kwargs):
        # Every new mandate gets its paragraph's resolution here, so that no way of
        # creating one can leave it out; bulk_create bypasses save() and sets it itself.
        if self._state.adding and self.resolution_id is None and self.paragraph_id is not None:
            if Mandate.paragraph.is_cached(self):
                self.resolution_id = self.paragraph.resolution_id
            else:
                paragraphs = Paragraph.objects.filter(pk=self.paragraph_id)
                self.resolution_id = paragraphs.values_list("resolution_id", flat=True).get()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return mandate_url(self.pk)

    # Django's own get_FOO_display builds a dict of the choices on every call;
    # lists call these on every row.
    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def get_action_display(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.review == self.Review.ACCEPTED
            and not self.is_closed()
            and self.due_date is not None
            and self.due_date < today
        )

    def computed_due_date(self) -> datetime.date | None:
        """The date the mandate is due, from its deadline and the session calendar."""
        if self.deadline_relation == DeadlineRelation.BY_DATE:
            return self.deadline_date
        if self.deadline_relation in SESSION_RELATIONS and self.deadline_session is not None:
            session = self.deadline_session
            return deadlines.resolve_due_date(
                relation=deadlines.Relation(self.deadline_relation),
                session_start=session.start_date,
                session_end=session.end_date,
                well_before=self.well_before,
                well_before_lead_days=settings.SUIVI_WELL_BEFORE_LEAD_DAYS,
            )
        return None

    def deadline_text(self, language: str = "en") -> str:
        """The deadline in words: "before the 12th session (20 November 2013)"."""
        session = self.deadline_session if self.deadline_relation else None
        return deadline_words(
            relation=self.deadline_relation,
            session_number=session.number if session else None,
            session_start=session.start_date if session else None,
            date=self.deadline_date,
            well_before=self.well_before,
            language=language,
        )

    def allowed_statuses(self) -> list[str]:
        return [status for status in Status.values if status in TRANSITIONS[self.status]]

    def clean(self):
        if self.deadline_relation in ("before", "at", "by_end_of") and not self.deadline_session:
            raise ValidationError({"deadline_session": _("Choose the session of the deadline.")})
        if self.deadline_relation == "by_date" and not self.deadline_date:
            raise ValidationError({"deadline_date": _("Give the date of the deadline.")})


class MandateEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """History entries about internal matters are for those who read internal
        mandates; the review of suggestions is the secretariat's workflow, for those who
        review."""
        queryset = self
        if not user.has_perm("tracking.view_internal_mandate"):
            queryset = queryset.exclude(field__in=MandateEvent.INTERNAL_FIELDS)
        if not user.has_perm("tracking.review_mandate"):
            queryset = queryset.exclude(field=MandateEvent.Field.REVIEW).exclude(
                field=MandateEvent.Field.CREATED, new_value=Mandate.Review.SUGGESTED
            )
        return queryset


class MandateEvent(models.Model):
    """One change to a mandate. Written once, never edited or deleted."""

    class Field(models.TextChoices):
        CREATED = "created", _("created")
        REVIEW = "review", _("review")
        STATUS = "status", _("status")
        DEADLINE = "deadline", _("deadline")
        DUE_DATE = "due_date", _("due date")
        FOCAL_POINT = "focal_point", _("focal point")
        ADDRESSEES = "addressees", _("addressees")
        ACTION = "action", _("action")
        URGENT = "urgent", _("urgency")
        DELIVERABLE = "deliverable", _("what is asked")
        COMMENT = "comment", _("comment")
        INTERNAL = "internal", _("internal")
        INTERNAL_NOTES = "internal_notes", _("internal notes")
        INTERNAL_COMMENT = "internal_comment", _("internal note")

    class Origin(models.TextChoices):
        """Who wrote the entry. Suivi's own entries carry no comment: what they say is
        written when they are shown, in the reader's language (system_note), and never
        taken for a person's words (a "latest note")."""

        PERSON = "", _("a person")
        SUGGESTION = "suggestion", _("suggested by Suivi")
        CALENDAR = "calendar", _("recomputed by Suivi")
        SPREADSHEET = "spreadsheet", _("imported from a spreadsheet")

    # Entries about what only the secretariat sees; never shown to whoever may not read
    # internal mandates (MandateEventQuerySet.visible_to).
    INTERNAL_FIELDS = (Field.INTERNAL, Field.INTERNAL_NOTES, Field.INTERNAL_COMMENT)
    # Entries whose comment is never a mandate's public note (the report's and the API's
    # latest note): internal matters, and the review, which is the secretariat's workflow.
    NOT_PUBLIC_NOTES = (*INTERNAL_FIELDS, Field.REVIEW)

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    field = models.CharField(_("what changed"), max_length=16, choices=Field.choices)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # A database default too: the bench's generator writes history rows with COPY.
    origin = models.CharField(
        _("origin"), max_length=16, blank=True, default="", db_default="", choices=Origin.choices
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    evidence_symbol = models.CharField(_("evidence document"), max_length=64, blank=True)
    # The mandate's version this change produced; lets a refused save list what
    # changed since the version the user was looking at.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["mandate", "-at", "-id"]
        indexes = [
            models.Index(fields=["mandate", "-at"], name="mandateevent_mandate_at"),
            models.Index(fields=["-at"], name="mandateevent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.mandate_id} {self.field}: {self.old_value} → {self.new_value}"

    objects = MandateEventQuerySet.as_manager()

    def _label(self, value: str) -> str:
        """Stored values are codes ("in_progress"); people read their labels."""
        if self.field in (self.Field.URGENT, self.Field.INTERNAL) and value in ("True", "False"):
            return str(_("yes") if value == "True" else _("no"))
        choices = {
            self.Field.STATUS: Status,
            self.Field.REVIEW: Mandate.Review,
            self.Field.CREATED: Mandate.Review,
            self.Field.ACTION: Action,
        }.get(self.field)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    @property
    def is_public_note(self) -> bool:
        return bool(self.comment) and self.field not in self.NOT_PUBLIC_NOTES

    @property
    def system_note(self) -> str:
        """What Suivi says of an entry it wrote itself, in the reader's language."""
        notes = {
            self.Origin.SUGGESTION: _("Suggested by Suivi from the text of the paragraph."),
            self.Origin.CALENDAR: _("Recomputed by Suivi: the dates of the session changed."),
            self.Origin.SPREADSHEET: _("Imported from a spreadsheet."),
        }
        return str(notes.get(self.origin, ""))

    @property
    def old_display(self) -> str:
        return self._label(self.old_value)

    @property
    def new_display(self) -> str:
        return self._label(self.new_value)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("History entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("History entries are never deleted.")


class Follow(models.Model):
    """A user follows a mandate, an actor or a resolution (exactly one of them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate__isnull=False, actor__isnull=True, resolution__isnull=True)
                | Q(mandate__isnull=True, actor__isnull=False, resolution__isnull=True)
                | Q(mandate__isnull=True, actor__isnull=True, resolution__isnull=False),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "mandate"],
                condition=Q(mandate__isnull=False),
                name="follow_unique_mandate",
            ),
            models.UniqueConstraint(
                fields=["user", "actor"],
                condition=Q(actor__isnull=False),
                name="follow_unique_actor",
            ),
            models.UniqueConstraint(
                fields=["user", "resolution"],
                condition=Q(resolution__isnull=False),
                name="follow_unique_resolution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.mandate or self.actor or self.resolution}"

    @property
    def target(self):
        return self.mandate or self.actor or self.resolution


class Recipient(models.Model):
    """Someone Suivi emails: a user or an actor's contact, known by address.

    Holds the language of their emails and whether they want them, and the
    secret token of the link in every email that lets them change that without
    signing in.
    """

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    reminders_enabled = models.BooleanField(_("deadline reminders"), default=True)
    changes_enabled = models.BooleanField(_("change notices"), default=True)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self) -> str:
        return self.email


class Reminder(models.Model):
    """One reminder owed to one recipient about one mandate.

    The unique constraints are what make a reminder go out once: a run inserts the
    reminders it finds due (ignoring those already recorded), then claims pending
    ones with a conditional UPDATE and sends only what it claimed. A reminder about a
    State's part (`for_state` set) is known by its State too, so that a delegate who also
    follows the mandate is reminded of both.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, will be retried")
        CANCELLED = "cancelled", _("cancelled")

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="reminders")
    # Set for a reminder to a State's delegation about what is asked of that State: the
    # State's own progress, not the mandate's, decides whether it is still owed.
    for_state = models.ForeignKey(
        "tracking.State",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("State"),
    )
    # e.g. "before_60", "before_1", "overdue_1", "overdue_8", "changed_1234"
    kind = models.CharField(_("kind"), max_length=32)
    # The due date the reminder is about (a change notice: the day of the change).
    # Part of the identity, so that moving a deadline re-arms its reminders.
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "recipient", "kind", "due_date"],
                condition=Q(for_state__isnull=True),
                name="reminder_once",
            ),
            models.UniqueConstraint(
                fields=["mandate", "recipient", "kind", "due_date", "for_state"],
                condition=Q(for_state__isnull=False),
                name="reminder_once_per_state",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="reminder_state_next"),
            models.Index(fields=["recipient", "state"], name="reminder_recipient_state"),
            models.Index(fields=["-created_at"], name="reminder_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.mandate_id} → {self.recipient}"


class CalendarFeed(models.Model):
    """A user's secret iCalendar feed of deadlines. Revoking deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user}"


# The per-State models live in their own sub-package and belong to this app.
from tracking.states.models import (  # noqa: E402, F401
    DelegationLink,
    GroupMembership,
    RegionalGroup,
    State,
    StateProgress,
    StateProgressEvent,
    StateReport,
    UnStatus,
)
