from django import forms
from django.utils.translation import gettext_lazy as _

from tracking.models import TRANSITIONS, Status


class StateProgressForm(forms.Form):
    """A State's progress on one mandate: what a delegation reports or staff record.

    Prefixed with the mandate, so that the State page can show one per row."""

    # The version of the State's progress the writer saw; 0 when nothing was recorded.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ChoiceField(label=_("Status of the State"))
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
        allowed = TRANSITIONS[current or Status.NOT_STARTED]
        self.fields["status"].choices = [(s.value, s.label) for s in Status if s in allowed]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Why it is returned"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class StateSpreadsheetForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx) of the States’ progress, exported for data entry"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
