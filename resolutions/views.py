from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resolutions.access import read_required, staff_required
from resolutions.extensions import (
    imported_extension_messages,
    page_extension_context,
    preview_extension_context,
)
from resolutions.forms import ImportForm
from resolutions.models import meeting_words
from resolutions.selectors import import_batch_page, resolution_list, resolution_page
from resolutions.services import (
    ImportRefused,
    import_batch_start,
    resolution_import,
    resolution_parse,
)


@read_required
def resolution_list_view(request):
    filterset, queryset = resolution_list(filters=request.GET)
    page = Paginator(queryset, settings.SUIVI_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "resolutions/list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


@read_required
def resolution_detail_view(request, symbol):
    page = resolution_page(symbol=symbol, language=request.GET.get("lang"))
    if page is None:
        raise Http404(_("No resolution has this symbol."))
    # What other apps (the follow-up) add to the page: resolutions/ does not know them.
    context = {"page": page, **page_extension_context(request=request, page=page)}
    return render(request, "resolutions/detail.html", context)


@staff_required("resolutions.add_resolution")
@require_http_methods(["GET", "POST"])
def resolution_import_view(request):
    """Paste or upload one file, preview, then confirm: nothing is saved before the
    confirmation. Several files are imported without a preview, each on its own, and the
    batch's page shows how each one went."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["files"]:
            batch = import_batch_start(
                files=data["files"],
                user=request.user,
                language=data["language"],
                replace=data["replace"],
            )
            return redirect(batch)
        try:
            if "confirm" in request.POST:
                result = resolution_import(
                    text=data["text"],
                    symbol=data["symbol"],
                    language=data["language"],
                    user=request.user,
                    replace=data["replace"],
                )
                said = [import_message(result), *imported_extension_messages(result=result)]
                messages.success(request, " ".join(said))
                return redirect(result.resolution)
            context["preview"] = resolution_parse(
                text=data["text"], symbol=data["symbol"], language=data["language"]
            )
            context.update(preview_extension_context(parsed=context["preview"]))
            if context["preview"].meeting:
                context["preview_meeting"] = meeting_words(
                    prefix=context["preview"].body_prefix, meeting=context["preview"].meeting
                )
            context["text"] = data["text"]
            context["document_warnings"] = data["document_warnings"]
        except ImportRefused as refused:
            context["errors"] = refused.messages
    status = 400 if context.get("errors") or form.errors else 200
    return render(request, "resolutions/import.html", context, status=status)


@staff_required("resolutions.add_resolution")
def resolution_import_batch_view(request, pk):
    """How the files of a batch went; while a worker imports them, the page reloads itself."""
    page = import_batch_page(pk=pk)
    if page is None:
        raise Http404(_("No import has this number."))
    files = Paginator(page.files(), settings.SUIVI_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "resolutions/import_batch.html",
        {"page": page, "files": files, "refresh_seconds": 2},
    )


def import_message(result) -> str:
    texts = {
        "created": _("%(symbol)s was imported (%(language)s)."),
        "added_language": _("The %(language)s text was added to %(symbol)s."),
        "replaced": _("The %(language)s text of %(symbol)s was replaced."),
        "unchanged": _("%(symbol)s already has exactly this %(language)s text; nothing changed."),
    }
    return texts[result.outcome] % {
        "symbol": result.resolution.symbol,
        "language": result.language,
    }
