from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from resolutions.services import ImportRefused, decode_upload


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the resolution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_("Paste the text as copied from the PDF, header included."),
        strip=False,
    )
    upload = forms.FileField(
        label=_("…or a text file"),
        required=False,
        help_text=_("Plain text, UTF-8."),
    )
    symbol = forms.CharField(
        label=_("Symbol"),
        required=False,
        max_length=64,
        help_text=_("Only needed when the text has no header, e.g. ICC-ASP/11/Res.5."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect")), ("fr", _("French")), ("en", _("English"))],
    )
    replace = forms.BooleanField(
        label=_("Replace the text already held in this language"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        text = cleaned.get("text") or ""
        if upload is not None:
            try:
                text = decode_upload(upload.read(settings.SUIVI_MAX_TEXT_CHARS * 4 + 1))
            except ImportRefused as refused:
                raise forms.ValidationError(refused.messages) from None
        if not text.strip():
            raise forms.ValidationError(_("Paste the text of a resolution or choose a file."))
        if len(text) > settings.SUIVI_MAX_TEXT_CHARS:
            raise forms.ValidationError(
                _("The text is %(size)s characters long; the limit is %(limit)s.")
                % {"size": len(text), "limit": settings.SUIVI_MAX_TEXT_CHARS}
            )
        cleaned["text"] = text
        return cleaned
