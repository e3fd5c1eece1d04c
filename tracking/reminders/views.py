"""Pages of the deadline reminders: the staff log, and each recipient's preferences."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from resolutions.access import staff_required
from resolutions.models import LANGUAGE_CHOICES
from tracking.models import Recipient
from tracking.reminders import services as reminder_services
from tracking.reminders.selectors import reminder_counts, reminder_log, sessions_without_dates


@staff_required("tracking.view_reminder")
def reminder_log_view(request):
    filterset, queryset = reminder_log(filters=request.GET)
    page = Paginator(queryset, settings.SUIVI_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "counts": reminder_counts(),
        "undated_sessions": sessions_without_dates(),
    }
    return render(request, "tracking/reminders/log.html", context)


class PreferencesForm(forms.Form):
    reminders_enabled = forms.BooleanField(
        label=gettext_lazy("Deadline reminders (before a due date, and when it has passed)"),
        required=False,
    )
    changes_enabled = forms.BooleanField(
        label=gettext_lazy(
            "Notices when what I follow changes status or deadline, "
            "and when the secretariat reviews a report I sent for my State"
        ),
        required=False,
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)


@never_cache
@require_http_methods(["GET", "POST"])
def reminder_preferences_view(request, token):
    """Open to anyone holding the link of an email: the secret token is the credential."""
    recipient = get_object_or_404(Recipient, token=token)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if "stop" in request.POST:
            form = PreferencesForm({"language": request.POST.get("language") or recipient.language})
        if form.is_valid():
            reminder_services.recipient_set_preferences(recipient=recipient, **form.cleaned_data)
            with translation.override(recipient.language):
                messages.success(request, _("Your choices were saved."))
            return redirect("reminders:preferences", token=token)
    else:
        form = PreferencesForm(
            initial={
                "reminders_enabled": recipient.reminders_enabled,
                "changes_enabled": recipient.changes_enabled,
                "language": recipient.language,
            }
        )
    # The page speaks the language the recipient's emails are written in.
    with translation.override(recipient.language):
        response = render(
            request,
            "tracking/reminders/preferences.html",
            {"recipient": recipient, "form": form},
            status=400 if form.is_bound and form.errors else 200,
        )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def language_switch_view(request):
    """Django's language switch (the EN / FR buttons of every page), which also sets the
    language of a signed-in person's emails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(language):
        reminder_services.recipient_follow_language(email=request.user.email, language=language)
    return response
