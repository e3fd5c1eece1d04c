"""The review queue's pages: thin, they call the selectors and services."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from resolutions.access import staff_required
from resolutions.models import Resolution
from tracking import services
from tracking.forms import VersionedForm
from tracking.models import Mandate
from tracking.review.forms import AcceptAllForm
from tracking.review.selectors import review_by_resolution, review_queue, with_paragraph_text
from tracking.review.services import mandates_accept_all

REVIEW = "tracking.review_mandate"


@staff_required(REVIEW)
def review_queue_view(request):
    filterset, queryset = review_queue(filters=request.GET)
    paginator = Paginator(queryset, settings.SUIVI_PAGE_SIZE)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    # Past the last page (a link kept after the queue shrank) says so, rather than
    # "nothing waits for review" or another page than the one asked for.
    past_end = paginator.count > 0 and number > paginator.num_pages
    page = paginator.get_page(number)
    if past_end:
        page.object_list = []
    with_paragraph_text(page.object_list, request.GET.get("lang"))
    # Shared addresses carry only the filters that are set.
    query = {key: value for key, value in request.GET.items() if value and key != "page"}
    context = {
        "filter": filterset,
        "page": page,
        "query": urlencode(sorted(query.items())),
        "back": request.get_full_path(),
        "resolutions": review_by_resolution(filterset=filterset),
        "past_end": past_end,
        "rejected": filterset.is_valid() and filterset.form.cleaned_data["review"] == "rejected",
    }
    status = 400 if filterset.errors else 200
    return render(request, "tracking/review/queue.html", context, status=status)


def _back(request):
    """Back to the queue as it was shown (its filters and page), never to another site."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("review:queue")
    return redirect(back)


def _mandate(pk) -> Mandate:
    return get_object_or_404(Mandate.objects.select_related("paragraph", "resolution"), pk=pk)


def _review_one(request, pk, write, done: str):
    mandate = _mandate(pk)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was out of date; reload the page."))
        return _back(request)
    try:
        write(mandate=mandate, user=request.user, expected_version=form.cleaned_data["version"])
    except services.ConcurrentEdit:
        messages.error(
            request,
            _("%(mandate)s was changed by someone else meanwhile; nothing was saved.")
            % {"mandate": mandate},
        )
    except services.TrackingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"mandate": mandate})
    return _back(request)


@staff_required(REVIEW)
@require_POST
def review_accept_view(request, pk):
    return _review_one(
        request, pk, services.mandate_accept, _("%(mandate)s was accepted as suggested.")
    )


@staff_required(REVIEW)
@require_POST
def review_reject_view(request, pk):
    return _review_one(request, pk, services.mandate_reject, _("%(mandate)s was rejected."))


@staff_required(REVIEW)
@require_POST
def review_reconsider_view(request, pk):
    return _review_one(
        request,
        pk,
        services.mandate_reconsider,
        _("%(mandate)s is back in the review queue."),
    )


@staff_required(REVIEW)
@require_POST
def review_accept_all_view(request):
    form = AcceptAllForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was accepted: the form was incomplete."))
        return _back(request)
    resolution = get_object_or_404(Resolution, symbol=form.cleaned_data["resolution"])
    accepted = mandates_accept_all(
        resolution=resolution, user=request.user, through=form.cleaned_data["through"]
    )
    messages.success(
        request,
        ngettext(
            "%(count)d suggestion of %(symbol)s was accepted.",
            "%(count)d suggestions of %(symbol)s were accepted.",
            accepted,
        )
        % {"count": accepted, "symbol": resolution.symbol},
    )
    return _back(request)
