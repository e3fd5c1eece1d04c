from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resolutions.services import ImportRefused, document_read


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that accepts several files; cleans to a list (empty when none)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def read_bounded(upload) -> bytes:
    """The upload's content, read no further than one byte past the size limit, so that a
    file too large is refused without being read whole."""
    return upload.read(settings.SUIVI_DOCUMENT_MAX_BYTES + 1)


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the resolution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "class": "source-text"}),
        help_text=_("Paste the text as copied from the PDF, header included."),
        strip=False,
    )
    upload = MultipleFileField(
        label=_("…or files"),
        required=False,
        widget=MultipleFileInput(
            attrs={
                "accept": ".pdf,.docx,.txt,application/pdf,text/plain,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        help_text=_(
            "PDF (with its text, not scanned), Word (.docx) or UTF-8 text. One file is "
            "previewed before it is saved; several files are imported at once, each on its "
            "own, and a page shows how each one went."
        ),
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
        uploads = cleaned.get("upload") or []
        cleaned["files"] = []
        cleaned["document_warnings"] = []
        if len(uploads) > settings.SUIVI_IMPORT_MAX_FILES:
            raise forms.ValidationError(
                ngettext(
                    "At most %(limit)s file can be imported at once.",
                    "At most %(limit)s files can be imported at once.",
                    settings.SUIVI_IMPORT_MAX_FILES,
                )
                % {"limit": settings.SUIVI_IMPORT_MAX_FILES}
            )
        if len(uploads) > 1:
            return self._clean_several(cleaned, uploads)
        text = cleaned.get("text") or ""
        if uploads:
            upload = uploads[0]
            try:
                document = document_read(data=read_bounded(upload), filename=upload.name)
            except ImportRefused as refused:
                raise forms.ValidationError(
                    [f"{upload.name}: {message}" for message in refused.messages]
                ) from None
            text = document.text
            cleaned["document_warnings"] = document.warnings
        if not text.strip():
            raise forms.ValidationError(_("Paste the text of a resolution or choose a file."))
        if len(text) > settings.SUIVI_MAX_TEXT_CHARS:
            raise forms.ValidationError(
                _("The text is %(size)s characters long; the limit is %(limit)s.")
                % {"size": len(text), "limit": settings.SUIVI_MAX_TEXT_CHARS}
            )
        cleaned["text"] = text
        return cleaned

    def _clean_several(self, cleaned: dict, uploads: list) -> dict:
        """Several files: each is read later, on its own; here only what concerns them all."""
        if (cleaned.get("symbol") or "").strip():
            raise forms.ValidationError(
                _("A symbol names one resolution: give it with one file only.")
            )
        if (cleaned.get("text") or "").strip():
            raise forms.ValidationError(
                _("Paste a text or choose files, not both: the pasted text would be lost.")
            )
        limit = settings.SUIVI_IMPORT_MAX_BATCH_BYTES
        if sum(upload.size or 0 for upload in uploads) > limit:
            raise forms.ValidationError(
                _("These files together are larger than %(limit)s; import fewer at once.")
                % {"limit": filesizeformat(limit)}
            )
        cleaned["files"] = [(upload.name, read_bounded(upload)) for upload in uploads]
        cleaned["text"] = ""
        return cleaned
