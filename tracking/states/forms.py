from django import forms
from django.utils.translation import gettext_lazy as _

from tracking.forms import MOVE_TO
from tracking.models import TRANSITIONS, Status
from tracking.states.services import NOTHING_NEW


class StateProgressForm(forms.Form):
    """A State's progress on one mandate: what a delegation reports or staff record.

    The State's current status is kept unless another is chosen, so that a comment or an
    evidence link can be added to it ("still in progress: the bill is before parliament")
    without moving it by mistake to the first status of the list. Prefixed with the
    mandate, so that the State page can show one per row."""

    # The version of the State's progress the writer saw; 0 when nothing was recorded.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ChoiceField(label=_("Status of the State"), required=False)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args, mandate_pk: int, current: str | None, **kwargs):
        kwargs.setdefault("prefix", f"m{mandate_pk}")
        super().__init__(*args, **kwargs)
        self.current = current or Status.NOT_STARTED
        keep = _("Keep the current status (%(status)s)") % {"status": Status(self.current).label}
        allowed = TRANSITIONS[self.current]
        self.fields["status"].choices = [("", keep)] + [
            (status.value, MOVE_TO[status]) for status in Status if status in allowed
        ]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status") or self.current
        if status == self.current and not (
            (cleaned.get("comment") or "").strip() or cleaned.get("evidence_url")
        ):
            raise forms.ValidationError(NOTHING_NEW)
        cleaned["status"] = status
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why it is returned"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class StateSpreadsheetForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx) of the States’ progress, exported for data entry"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
