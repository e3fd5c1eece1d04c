"""Exports of the mandate list, the iCalendar feed and the XLSX round trip.

The exports take the list's query string as it is: what a link to the list
shows (every page of it) is what the file holds.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resolutions.access import read_required, staff_required
from tracking.exports import formats, roundtrip
from tracking.models import CalendarFeed
from tracking.selectors import mandate_list

# Exports hold what their reader may see; no cache, shared or the browser's, keeps them, even
# when the public may read (SUIVI_PUBLIC_READ) or a calendar program fetches them by token.
private = cache_control(private=True, no_store=True)

# The upload waiting for its "apply": one per session, so that a token seen in
# someone else's page cannot be applied by another user.
SESSION_UPLOAD = "spreadsheet_upload"


def _context(request) -> formats.ExportContext:
    return formats.ExportContext(
        base_url=request.build_absolute_uri("/").rstrip("/"),
        language="fr" if get_language() == "fr" else "en",
    )


def _filtered(request, user):
    """The list's queryset for this query string, or a 400 page saying what is wrong."""
    filterset, queryset = mandate_list(filters=request.GET, user=user)
    if filterset.errors:
        response = render(
            request, "tracking/exports/invalid_filters.html", {"filter": filterset}, status=400
        )
        return None, response
    return queryset, None


def _export(request, write):
    queryset, refusal = _filtered(request, request.user)
    return refusal or write(queryset, context=_context(request))


@private
@read_required
@require_GET
def export_csv_view(request):
    return _export(request, formats.csv_response)


@private
@read_required
@require_GET
def export_xlsx_view(request):
    return _export(request, formats.xlsx_response)


@private
@read_required
@require_GET
def export_json_view(request):
    return _export(request, formats.json_response)


# Calendar ----------------------------------------------------------------------------------


@private
@require_GET
def calendar_feed_view(request, token):
    """No sign-in: calendar programs cannot sign in, so the token is the secret.
    The list's filters may follow in the query string (?addressee=bureau)."""
    feed = formats.calendar_feed_for_token(token)
    if feed is None:
        raise Http404(_("No calendar has this address; it may have been revoked."))
    queryset, refusal = _filtered(request, feed.user)
    if refusal:
        return refusal
    return formats.ical_response(
        queryset,
        context=_context(request),
        name=_("Suivi deadlines — %(user)s") % {"user": feed.user.get_username()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_view(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            formats.calendar_feed_revoke(user=request.user)
            messages.success(request, _("The calendar address was revoked; it no longer works."))
        else:
            formats.calendar_feed_issue(user=request.user)
            messages.success(request, _("Your calendar has a new address."))
        return redirect("exports:calendar")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = ""
    if feed is not None:
        url = request.build_absolute_uri(reverse("exports:calendar_feed", args=[feed.token]))
    return render(request, "tracking/exports/calendar.html", {"feed": feed, "feed_url": url})


# XLSX round trip ---------------------------------------------------------------------------


class SpreadsheetForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx) exported from the mandate list"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


def _limits() -> dict:
    return {
        "max_size": roundtrip.max_bytes(),
        "max_rows": roundtrip.max_rows(),
    }


def spreadsheet_upload_step(request, *, form, plan, template: str, session_key: str):
    """Upload, then preview: `plan(path=, user=)` says what applying would change. The
    file is kept on the server for the apply step, under a token kept in the session.
    Shared by the round trips of the mandate list and of the States' progress."""
    context = {"form": form, **_limits()}
    if request.method == "GET":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    upload = form.cleaned_data["file"]
    token = None if upload.size > roundtrip.max_bytes() else roundtrip.upload_store(file=upload)
    if token is None:
        context["problems"] = [roundtrip.Problem(roundtrip.too_large_message())]
        return render(request, template, context, status=400)
    roundtrip.upload_discard(request.session.get(session_key, ""))
    result = plan(path=roundtrip.upload_path(token), user=request.user)
    if result.changes and not result.problems:
        request.session[session_key] = token
    else:  # nothing that could be applied: keep nothing
        roundtrip.upload_discard(token)
        request.session.pop(session_key, None)
    context.update(plan=result, problems=result.problems, token=token, filename=upload.name)
    status = 400 if result.problems else 200
    return render(request, template, context, status=status)


def spreadsheet_apply_step(
    request, *, apply, form, template: str, session_key: str, start_again: str, done
):
    """Apply the upload the preview showed, all or nothing; `done(plan)` is the message."""
    token = request.POST.get("upload", "")
    path = roundtrip.upload_path(token)
    if token != request.session.get(session_key) or path is None:
        messages.error(request, _("That upload is no longer waiting; upload the file again."))
        return redirect(start_again)
    plan = apply(path=path, user=request.user)
    if not plan.applied:
        context = {
            "form": form,
            "plan": plan,
            "problems": plan.problems,
            "refused": True,
            **_limits(),
        }
        return render(request, template, context, status=409)
    roundtrip.upload_discard(token)
    request.session.pop(session_key, None)
    messages.success(request, done(plan))
    return redirect(start_again)


@staff_required("tracking.change_mandate_status")
@require_http_methods(["GET", "POST"])
def spreadsheet_import_view(request):
    return spreadsheet_upload_step(
        request,
        form=SpreadsheetForm(request.POST or None, request.FILES or None),
        plan=roundtrip.spreadsheet_plan,
        template="tracking/exports/spreadsheet_import.html",
        session_key=SESSION_UPLOAD,
    )


@staff_required("tracking.change_mandate_status")
@require_POST
def spreadsheet_apply_view(request):
    return spreadsheet_apply_step(
        request,
        apply=roundtrip.spreadsheet_apply,
        form=SpreadsheetForm(),
        template="tracking/exports/spreadsheet_import.html",
        session_key=SESSION_UPLOAD,
        start_again="exports:spreadsheet_import",
        done=lambda plan: (
            _("%(n)s mandates were changed from the spreadsheet.") % {"n": len(plan.changes)}
        ),
    )
