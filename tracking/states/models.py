"""
States as first-class addressees: the registry, dated memberships of groups, each
State's progress on what it is asked, and the reports delegations send about it.

Imported at the end of tracking/models.py, so that the tables belong to the tracking
app and its migrations.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tracking.models import STATUS_LABELS, Actor, Mandate, NamedInText, Status


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHER = "western_european_other", _("Western European and other States")


class UnStatus(models.TextChoices):
    MEMBER = "member", _("Member State of the United Nations")
    OBSERVER = "observer", _("observer State")
    NONE = "none", _("neither member nor observer")


class State(NamedInText):
    """A State a resolution can address, known by its ISO 3166-1 alpha-3 code; named in
    running text with its article ("à la France", "the Netherlands"), as actors are."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    un_regional_group = models.CharField(
        _("UN regional group"),
        max_length=32,
        choices=RegionalGroup.choices,
        blank=True,
        default="",
        help_text=_("Empty for a State in no regional group."),
    )
    un_status = models.CharField(
        _("status at the United Nations"),
        max_length=16,
        choices=UnStatus.choices,
        default=UnStatus.MEMBER,
    )

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="state_iso3_three_capitals"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if get_language() == "fr" else self.name_en

    def get_absolute_url(self) -> str:
        return reverse("states:state", kwargs={"iso3": self.iso3})

    def clean(self):
        self.iso3 = (self.iso3 or "").upper()


class GroupMembership(models.Model):
    """A State's membership of a group of States (an Actor such as "States Parties")
    between two dates: for the Rome Statute, from its entry into force for the State to
    the day its withdrawal took effect. A State that withdrew and joined again has two
    rows. "All States", "Member States" and "States not parties" are computed, not listed
    (tracking/states/membership.py)."""

    group = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="state_memberships", verbose_name=_("group")
    )
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("State")
    )
    start = models.DateField(
        _("member from"), null=True, blank=True, help_text=_("Empty: since before any record.")
    )
    end = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("The day a withdrawal took effect; empty while the State is a member."),
    )

    class Meta:
        verbose_name = _("membership of a group of States")
        verbose_name_plural = _("memberships of groups of States")
        ordering = ["group", "state__name_en", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "state", "start"], name="groupmembership_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gt=models.F("start")),
                name="groupmembership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} ∈ {self.group} ({self.start or '…'} – {self.end or ''})"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A membership ends after it starts.")})


class StateProgress(models.Model):
    """What a State has done about one mandate, when anything was reported. No row means
    no information: the table grows with what is reported, not with mandates × States."""

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="state_progress", verbose_name=_("mandate")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="progress", verbose_name=_("State")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The State whose delegation reported the current status, when it came from a report.
    reported_by_state = models.BooleanField(_("reported by the State"), default=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # Incremented by every write; a save that names an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("State's progress")
        verbose_name_plural = _("States' progress")
        constraints = [
            models.UniqueConstraint(fields=["mandate", "state"], name="stateprogress_one_per_cell")
        ]
        indexes = [
            models.Index(fields=["state", "status"], name="stateprogress_state_status"),
        ]
        permissions = [
            ("review_statereport", _("Can accept or return the reports of delegations")),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} · {self.mandate_id}: {self.status}"

    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class StateProgressEvent(models.Model):
    """One change to a State's progress on a mandate. Written once, never edited or
    deleted; the first one of a cell has no old status."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="state_events")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("at"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    old_status = models.CharField(_("before"), max_length=16, choices=Status.choices, blank=True)
    new_status = models.CharField(_("after"), max_length=16, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    report = models.ForeignKey(
        "StateReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report"),
    )
    # The version of the cell this change produced.
    version = models.PositiveIntegerField(default=1)
    # Written from a spreadsheet that staff imported (tracking/states/bulk.py): the user is
    # who imported it, the comment what the file said, if anything.
    imported = models.BooleanField(_("imported from a spreadsheet"), default=False)

    class Meta:
        verbose_name = _("State's history entry")
        verbose_name_plural = _("States' history entries")
        ordering = ["mandate", "state", "-at", "-id"]
        indexes = [
            models.Index(fields=["state", "mandate", "-at"], name="stateevent_cell_at"),
            models.Index(fields=["mandate", "-at"], name="stateevent_mandate_at"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.mandate_id}: {self.old_status} → {self.new_status}"

    @property
    def old_display(self) -> str:
        return STATUS_LABELS.get(self.old_status, self.old_status)

    @property
    def new_display(self) -> str:
        return STATUS_LABELS.get(self.new_status, self.new_status)

    @property
    def moved(self) -> bool:
        """Whether the status changed; a kept status came with a comment or a link."""
        return bool(self.old_status) and self.old_status != self.new_status

    @property
    def kept(self) -> bool:
        return self.old_status == self.new_status

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("History entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("History entries are never deleted.")


class StateReport(models.Model):
    """What a delegation says its State has done about a mandate. It changes the State's
    progress once secretariat staff accept it (or at once, when reports need no review)."""

    class Review(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")

    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="state_reports", verbose_name=_("mandate")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="reports", verbose_name=_("State")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="state_reports",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    # The version of the State's progress the delegation saw (0: nothing recorded yet).
    base_version = models.PositiveIntegerField(default=0)
    review = models.CharField(
        _("review"), max_length=16, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("State's report")
        verbose_name_plural = _("States' reports")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            # One report at a time waits for review per cell: a second one, sent at the
            # same moment, is refused by the database itself.
            models.UniqueConstraint(
                fields=["mandate", "state"],
                condition=Q(review="pending"),
                name="statereport_one_pending_per_cell",
            )
        ]
        indexes = [
            models.Index(fields=["review", "submitted_at"], name="statereport_review_at"),
            models.Index(fields=["state", "mandate"], name="statereport_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.mandate_id}: {self.status} ({self.review})"

    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class DelegationLink(models.Model):
    """A user who speaks for one State: they report its progress and land on its page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegation",
        verbose_name=_("user"),
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="delegates", verbose_name=_("State")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation of a State")
        verbose_name_plural = _("delegations of States")

    def __str__(self) -> str:
        return f"{self.user} → {self.state.iso3}"
