"""What the API returns, and what it accepts for writes. Reads are built from the same
selectors as the pages; nothing here runs a query of its own."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resolutions.selectors import preferred_language
from tracking.models import STATUS_LABELS, Status, mandate_url, pk_url


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


# Registry ----------------------------------------------------------------------------------


class ActorSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    name_fr = serializers.CharField()
    parent = serializers.CharField(source="parent.key", allow_null=True, help_text="Its key.")
    state = serializers.CharField(
        source="state.iso3", allow_null=True, help_text="The State it stands for."
    )


class AddresseeSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField(source="body.symbol_prefix")
    number = serializers.IntegerField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    venue = serializers.CharField(help_text="Where the session meets, in English.")
    venue_fr = serializers.CharField(help_text="Where it meets, in French (may be empty).")
    place = serializers.CharField(
        help_text="Where it meets, as the language of the request names it: “La Haye”."
    )
    dates_known = serializers.BooleanField()


class StateSerializer(serializers.Serializer):
    iso3 = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    name_fr = serializers.CharField()
    un_regional_group = serializers.CharField()
    un_status = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, state) -> str:
        return _absolute(self, reverse("api:state", kwargs={"iso3": state.iso3}))


# Resolutions ---------------------------------------------------------------------------------


class ResolutionSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    body = serializers.CharField(source="body.symbol_prefix")
    session = serializers.IntegerField(source="session.number", allow_null=True)
    adopted_on = serializers.DateField(allow_null=True)
    title = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    def get_title(self, resolution) -> str:
        texts = {text.language: text.title for text in resolution.texts.all()}
        chosen = preferred_language(sorted(texts), self.context.get("language"))
        return texts.get(chosen, "")

    def get_languages(self, resolution) -> list[str]:
        return sorted(text.language for text in resolution.texts.all())

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, resolution) -> str:
        return _absolute(self, reverse("api:resolution", kwargs={"symbol": resolution.symbol}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, resolution) -> str:
        return _absolute(self, resolution.get_absolute_url())


class ReferenceSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    resolution = serializers.SerializerMethodField(help_text="The cited resolution, when held.")

    def get_resolution(self, reference) -> str | None:
        cited = reference.cited_resolution
        return cited.symbol if cited is not None else None


class FootnoteSerializer(serializers.Serializer):
    paragraph = serializers.CharField(source="paragraph.reference")
    mark = serializers.CharField()
    text = serializers.CharField()


class ParagraphSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="How it is cited: OP5, PP3(a), A1.2.")
    kind = serializers.CharField()
    annex = serializers.IntegerField(help_text="0 outside annexes.")
    number = serializers.IntegerField()
    label = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    text = serializers.CharField()
    footnotes = serializers.SerializerMethodField()
    references = ReferenceSerializer(many=True, source="references.all")

    def get_footnotes(self, paragraph) -> list[str]:
        return [footnote.mark for footnote in paragraph.note_marks]


class AnnexSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    heading = serializers.CharField()
    title = serializers.CharField()


class ResolutionDetailSerializer(serializers.Serializer):
    """A ResolutionPage (resolutions.selectors), its paragraphs in reading order."""

    symbol = serializers.CharField(source="resolution.symbol")
    body = serializers.CharField(source="resolution.body.symbol_prefix")
    session = serializers.IntegerField(source="resolution.session.number", allow_null=True)
    adopted_on = serializers.DateField(source="resolution.adopted_on", allow_null=True)
    adoption_method = serializers.CharField(source="resolution.adoption_method")
    language = serializers.CharField(allow_null=True, help_text="The language of the texts.")
    languages = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    page_url = serializers.SerializerMethodField()
    paragraphs = serializers.SerializerMethodField()
    footnotes = FootnoteSerializer(many=True)
    annexes = AnnexSerializer(many=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, page) -> str:
        return _absolute(self, page.resolution.get_absolute_url())

    @extend_schema_field(ParagraphSerializer(many=True))
    def get_paragraphs(self, page):
        ordered = []

        def walk(paragraphs):
            for paragraph in paragraphs:
                ordered.append(paragraph)
                walk(paragraph.subparagraphs)

        walk(page.preambular)
        walk(page.operative)
        for annex in page.annexes:
            walk(annex.paragraphs)
        return ParagraphSerializer(ordered, many=True, context=self.context).data


# Mandates ----------------------------------------------------------------------------------


class DeadlineSerializer(serializers.Serializer):
    relation = serializers.CharField(source="deadline_relation")
    session = serializers.IntegerField(source="deadline_session.number", allow_null=True)
    date = serializers.DateField(source="deadline_date", allow_null=True)
    well_before = serializers.BooleanField()
    text = serializers.SerializerMethodField()

    def get_text(self, mandate) -> str:
        return mandate.deadline_text(self.context.get("language") or "en")


class NoteSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    comment = serializers.CharField()


class MandateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    resolution = serializers.CharField(source="paragraph.resolution.symbol")
    paragraph = serializers.CharField(source="paragraph.reference")
    action = serializers.CharField()
    action_label = serializers.CharField(source="get_action_display")
    deliverable = serializers.CharField()
    urgent = serializers.BooleanField()
    addressees = AddresseeSerializer(many=True, source="addressees.all")
    deadline = DeadlineSerializer(source="*")
    due_date = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    review = serializers.CharField()
    is_internal = serializers.BooleanField()
    latest_public_note = serializers.SerializerMethodField(
        help_text="The latest note a person wrote that is not about internal matters or the review."
    )
    version = serializers.IntegerField(help_text="Send it back in If-Match to change it.")
    updated_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, mandate) -> str:
        return _absolute(self, pk_url("api:mandate", mandate.pk))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, mandate) -> str:
        return _absolute(self, mandate_url(mandate.pk))

    def get_overdue(self, mandate) -> bool:
        return mandate.is_overdue(self.context.get("today") or timezone.localdate())

    @extend_schema_field(NoteSerializer(allow_null=True))
    def get_latest_public_note(self, mandate):
        if not getattr(mandate, "latest_note_at", None):
            return None
        return {"at": mandate.latest_note_at, "comment": mandate.latest_note}

    def to_representation(self, mandate):
        """The fields declared above, built in one pass.

        A page holds up to 200 mandates, and REST framework's walk over the declared fields
        (attribute lookups through dotted sources, a signature inspection for every method
        source, nested serializers for the addressees and the deadline) took more time than
        the page's queries. The declarations stay the schema; a test checks that this
        gives exactly what the walk gives. Labels are lazy translations: they are made text
        here, in the request's language, as the walk's CharField does."""
        fields = self.fields
        paragraph = mandate.paragraph
        session = mandate.deadline_session
        return {
            "id": mandate.pk,
            "url": self.get_url(mandate),
            "page_url": self.get_page_url(mandate),
            "resolution": paragraph.resolution.symbol,
            "paragraph": paragraph.reference,
            "action": mandate.action,
            "action_label": str(mandate.get_action_display()),
            "deliverable": mandate.deliverable,
            "urgent": mandate.urgent,
            "addressees": [
                {"key": actor.key, "name": actor.name} for actor in mandate.addressees.all()
            ],
            "deadline": {
                "relation": mandate.deadline_relation,
                "session": session.number if session is not None else None,
                "date": fields["deadline"].fields["date"].to_representation(mandate.deadline_date)
                if mandate.deadline_date is not None
                else None,
                "well_before": mandate.well_before,
                "text": mandate.deadline_text(self.context.get("language") or "en"),
            },
            "due_date": fields["due_date"].to_representation(mandate.due_date)
            if mandate.due_date is not None
            else None,
            "overdue": self.get_overdue(mandate),
            "status": mandate.status,
            "status_label": str(mandate.get_status_display()),
            "review": mandate.review,
            "is_internal": mandate.is_internal,
            "latest_public_note": self.get_latest_public_note(mandate),
            "version": mandate.version,
            "updated_at": fields["updated_at"].to_representation(mandate.updated_at),
        }


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.CharField(source="user.get_username", allow_null=True, default=None)
    field = serializers.CharField()
    old_value = serializers.CharField()
    new_value = serializers.CharField()
    old_display = serializers.CharField()
    new_display = serializers.CharField()
    comment = serializers.CharField(help_text="A person's words; empty on Suivi's own entries.")
    origin = serializers.CharField(
        help_text='Who wrote the entry: "" a person, "suggestion", "calendar" or "spreadsheet".'
    )
    system_note = serializers.CharField(
        help_text="What Suivi says of an entry it wrote itself, in the request's language."
    )
    evidence_url = serializers.CharField()
    evidence_symbol = serializers.CharField()
    version = serializers.IntegerField()


class MandateDetailSerializer(MandateSerializer):
    paragraph_text = serializers.CharField()
    text_language = serializers.CharField(allow_null=True)
    focal_point = serializers.CharField(
        source="focal_point.get_username", allow_null=True, default=None
    )
    internal_notes = serializers.CharField(
        required=False, help_text="Only for those who may read internal mandates."
    )
    allowed_statuses = serializers.ListField(
        child=serializers.CharField(), help_text="The statuses it may move to."
    )
    history = EventSerializer(many=True, source="events.all")

    def to_representation(self, mandate):
        # The detail is one mandate: the declared fields walked one by one, as usual.
        data = serializers.Serializer.to_representation(self, mandate)
        if not self.context["request"].user.has_perm("tracking.view_internal_mandate"):
            data.pop("internal_notes", None)
        return data


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    evidence_url = serializers.URLField(
        required=False, allow_blank=True, max_length=500, default=""
    )
    evidence_symbol = serializers.CharField(
        required=False, allow_blank=True, max_length=64, default=""
    )


# Per-State progress ------------------------------------------------------------------------


class ProgressSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    comment = serializers.CharField()
    evidence_url = serializers.CharField()
    updated_at = serializers.DateTimeField(allow_null=True)
    reported_by_state = serializers.BooleanField()
    version = serializers.IntegerField(
        help_text="0 when nothing was recorded; send it back in If-Match to change it."
    )

    def get_status_label(self, progress) -> str:
        return STATUS_LABELS.get(progress["status"], progress["status"])


def progress_of_item(mandate) -> dict:
    """A State's progress from the `cell_*` values of tracking.states.selectors.state_items."""
    return {
        "status": mandate.cell_status or Status.NOT_STARTED,
        "comment": mandate.cell_comment or "",
        "evidence_url": mandate.cell_evidence_url or "",
        "updated_at": mandate.cell_updated_at,
        "reported_by_state": bool(mandate.cell_reported),
        "version": mandate.cell_version or 0,
    }


def progress_of_row(progress) -> dict:
    """A State's progress from its StateProgress row, or None when nothing was recorded."""
    if progress is None:
        return {
            "status": Status.NOT_STARTED,
            "comment": "",
            "evidence_url": "",
            "updated_at": None,
            "reported_by_state": False,
            "version": 0,
        }
    return {
        "status": progress.status,
        "comment": progress.comment,
        "evidence_url": progress.evidence_url,
        "updated_at": progress.updated_at,
        "reported_by_state": progress.reported_by_state,
        "version": progress.version,
    }


class StateItemSerializer(serializers.Serializer):
    mandate = MandateSerializer(source="*")
    progress = serializers.SerializerMethodField()
    overdue_for_state = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, mandate):
        return ProgressSerializer(progress_of_item(mandate)).data

    def get_overdue_for_state(self, mandate) -> bool:
        return bool(mandate.state_overdue)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, mandate) -> str:
        state = self.context["state"]
        return _absolute(
            self, reverse("api:state_progress", kwargs={"iso3": state.iso3, "pk": mandate.pk})
        )


class StateDetailSerializer(StateSerializer):
    progress = StateItemSerializer(many=True, source="items")
    next = serializers.URLField(allow_null=True, help_text="The next page of items, if any.")


class StateEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.CharField(source="user.get_username", allow_null=True, default=None)
    old_status = serializers.CharField()
    new_status = serializers.CharField()
    comment = serializers.CharField()
    evidence_url = serializers.CharField()
    version = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    comment = serializers.CharField()
    evidence_url = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    review = serializers.CharField()
    review_comment = serializers.CharField()


class StateCellSerializer(serializers.Serializer):
    state = serializers.CharField(source="state.iso3")
    mandate = serializers.IntegerField(source="mandate.pk")
    progress = serializers.SerializerMethodField()
    history = StateEventSerializer(many=True, source="events")
    latest_report = ReportSerializer(
        source="report",
        allow_null=True,
        help_text="Shown to the State's delegation and to staff only.",
    )

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, cell):
        return ProgressSerializer(progress_of_row(cell["progress"])).data


class StateProgressChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    evidence_url = serializers.URLField(
        required=False, allow_blank=True, max_length=500, default=""
    )
