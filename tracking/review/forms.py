from django import forms


class AcceptAllForm(forms.Form):
    """Accept all: the resolution, and the newest suggestion shown (none added since)."""

    resolution = forms.CharField(max_length=100)
    through = forms.IntegerField(min_value=1)
