from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from resolutions.parsing.dates import EARLIEST, LATEST
from resolutions.validators import validate_plausible_date
from tracking.models import SESSION_RELATIONS, Action, Actor, DeadlineRelation, Status


class VersionedForm(forms.Form):
    """Carries the version of the mandate the user saw, to refuse stale saves."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# Each status, as the choice that moves a mandate to it says what it does.
MOVE_TO = {
    Status.NOT_STARTED: _("Mark as not started"),
    Status.IN_PROGRESS: _("Mark as in progress"),
    Status.ONGOING: _("Mark as ongoing (standing request)"),
    Status.COMPLETED: _("Mark as completed"),
    Status.NOT_APPLICABLE: _("Mark as not applicable"),
    Status.SUPERSEDED: _("Mark as superseded"),
}


class StatusForm(VersionedForm):
    """A progress note, with or without a change of status. The current status is kept
    unless another is chosen: a form that preselected a move invited mistakes."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    comment = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    internal = forms.BooleanField(
        label=_("Internal note (for the secretariat only)"), required=False
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_symbol = forms.CharField(
        label=_("Evidence document symbol"), required=False, max_length=64
    )

    def __init__(self, *args, mandate, **kwargs):
        super().__init__(*args, **kwargs)
        keep = _("Keep the current status (%(status)s)") % {"status": Status(mandate.status).label}
        self.fields["status"].choices = [("", keep)] + [
            (status, MOVE_TO[status]) for status in mandate.allowed_statuses()
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("status") and not (cleaned.get("comment") or "").strip():
            raise forms.ValidationError(_("Nothing to save: choose a new status or write a note."))
        if cleaned.get("status") and cleaned.get("internal"):
            self.add_error(
                "internal",
                _("A change of status is public: write the internal note on its own."),
            )
        return cleaned


class CommentForm(VersionedForm):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


def staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


# The deadline's details that apply to some kinds of deadline only: static/js/forms.js
# hides them while another kind is chosen (the server ignores them then, see clean()).
SHOWN_FOR_SESSIONS = {
    "data-controlled-by": "id_deadline_relation",
    "data-shown-when": " ".join(sorted(SESSION_RELATIONS)),
}
SHOWN_FOR_DATES = {
    "data-controlled-by": "id_deadline_relation",
    "data-shown-when": DeadlineRelation.BY_DATE,
}


class MandateForm(forms.Form):
    """Addressees, action, what is asked and the deadline of a mandate."""

    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressees"),
        queryset=Actor.objects.all(),  # in the reader's order: __init__
        # Checkboxes: in a multiple select one click without Ctrl drops all the others.
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    action = forms.ChoiceField(label=_("Action"), choices=Action.choices)
    deliverable = forms.CharField(
        label=_("What is asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    deadline_relation = forms.ChoiceField(
        label=_("Deadline"), choices=DeadlineRelation.choices, required=False
    )
    deadline_session = forms.IntegerField(
        label=_("Session number"),
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs=SHOWN_FOR_SESSIONS),
    )
    well_before = forms.BooleanField(
        label=_("Well before the session"),
        required=False,
        widget=forms.CheckboxInput(attrs=SHOWN_FOR_SESSIONS),
    )
    deadline_date = forms.DateField(
        label=_("Deadline date"),
        required=False,
        validators=[validate_plausible_date],
        widget=forms.DateInput(
            attrs={
                "type": "date",
                "min": EARLIEST.isoformat(),
                "max": LATEST.isoformat(),
                **SHOWN_FOR_DATES,
            }
        ),
    )
    focal_point = forms.ModelChoiceField(
        label=_("Focal point"), queryset=staff_users(), required=False
    )
    is_internal = forms.BooleanField(label=_("Internal (hidden from delegations)"), required=False)
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    comment = forms.CharField(label=_("Comment for the history"), required=False, max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focal_point"].queryset = staff_users()
        self.fields["addressees"].queryset = Actor.objects.order_by(*Actor.name_order())

    def clean(self):
        cleaned = super().clean()
        relation = cleaned.get("deadline_relation") or ""
        number = cleaned.get("deadline_session")
        if relation in ("before", "at", "by_end_of"):
            if not number:
                self.add_error("deadline_session", _("Give the number of the session."))
        else:
            cleaned["deadline_session"] = None
            cleaned["well_before"] = False
        if relation == "by_date" and not cleaned.get("deadline_date"):
            self.add_error("deadline_date", _("Give the date of the deadline."))
        if relation != "by_date":
            cleaned["deadline_date"] = None
        cleaned["deadline_relation"] = relation
        return cleaned

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("comment", None)
        data.pop("version", None)
        return data

    @classmethod
    def initial_for(cls, mandate) -> dict:
        return {
            "addressees": list(mandate.addressees.all()),
            "action": mandate.action,
            "deliverable": mandate.deliverable,
            "urgent": mandate.urgent,
            "deadline_relation": mandate.deadline_relation,
            "deadline_session": mandate.deadline_session.number
            if mandate.deadline_session
            else None,
            "well_before": mandate.well_before,
            "deadline_date": mandate.deadline_date,
            "focal_point": mandate.focal_point,
            "is_internal": mandate.is_internal,
            "internal_notes": mandate.internal_notes,
            "version": mandate.version,
        }


class MandateEditForm(MandateForm, VersionedForm):
    pass
