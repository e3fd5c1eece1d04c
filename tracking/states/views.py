from django.conf import settings
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resolutions.access import read_required, staff_required
from resolutions.models import Resolution
from tracking.exports import formats
from tracking.exports.views import spreadsheet_apply_step, spreadsheet_upload_step
from tracking.models import Mandate
from tracking.paging import lookahead_page, lookahead_page_in_parts
from tracking.services import TrackingError
from tracking.states import bulk, matrix, services
from tracking.states.filters import matrix_filter
from tracking.states.forms import ReturnForm, StateProgressForm, StateSpreadsheetForm
from tracking.states.models import State, StateReport
from tracking.states.selectors import (
    STAFF,
    mandate_concerns_state,
    pending_reports,
    progress_writer,
    state_cell,
    state_items_parts,
    state_of_user,
    state_reports_of,
    states_listing,
)


def _state(iso3: str) -> State:
    possible = len(iso3) == 3 and iso3.isascii() and iso3.isalpha()
    state = State.objects.filter(iso3=iso3.upper()).first() if possible else None
    if state is None:
        raise Http404(_("No State has this code."))
    return state


@read_required
def state_list_view(request):
    context = {"regions": states_listing(), "own_state": state_of_user(request.user)}
    return render(request, "tracking/states/state_list.html", context)


@read_required
def state_view(request, iso3):
    if len(iso3) == 3 and iso3.isascii() and iso3.isalpha() and iso3 != iso3.upper():
        return redirect("states:state", iso3=iso3.upper())
    state = _state(iso3)
    items, parts = state_items_parts(state=state, user=request.user)
    page = lookahead_page_in_parts(items, parts, request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    writer = progress_writer(user=request.user, state=state)
    reports = {}
    if writer:
        reports = state_reports_of(state=state, mandate_ids=[m.pk for m in page.object_list])
    for mandate in page.object_list:
        mandate.report = reports.get(mandate.pk)
        if writer:
            mandate.form = StateProgressForm(
                mandate_pk=mandate.pk,
                current=mandate.cell_status,
                initial={"version": mandate.cell_version or 0},
            )
    context = {
        "state": state,
        "page": page,
        "writer": writer,
        "need_review": settings.SUIVI_STATE_REPORTS_NEED_REVIEW,
    }
    return render(request, "tracking/states/state.html", context)


def _cell_context(request, state: State, mandate: Mandate, writer) -> dict:
    cell = state_cell(state=state, mandate=mandate)
    progress = cell["progress"]
    context = {
        "state": state,
        "mandate": mandate,
        "writer": writer,
        "concerned": mandate_concerns_state(mandate=mandate, state=state),
        "need_review": settings.SUIVI_STATE_REPORTS_NEED_REVIEW,
        **cell,
    }
    if writer and context["concerned"]:
        context["form"] = StateProgressForm(
            mandate_pk=mandate.pk,
            current=progress.status if progress else None,
            initial={"version": progress.version if progress else 0},
        )
    return context


@read_required
@require_http_methods(["GET", "POST"])
def state_cell_view(request, iso3, pk):
    """A State's progress on one mandate, its history, and the form to report or record it."""
    state = _state(iso3)
    mandate = (
        Mandate.objects.visible_to(request.user)
        .live()
        .select_related("paragraph__resolution", "deadline_session")
        .defer("search_text", "internal_notes")
        .filter(pk=pk)
        .first()
    )
    if mandate is None:
        raise Http404(_("No such mandate."))
    writer = progress_writer(user=request.user, state=state)
    if request.method == "GET":
        return render(
            request, "tracking/states/cell.html", _cell_context(request, state, mandate, writer)
        )
    if writer is None:
        return render(
            request,
            "tracking/states/cell.html",
            {
                **_cell_context(request, state, mandate, writer),
                "errors": [_("You cannot record the progress of this State.")],
            },
            status=403,
        )
    progress = state_cell(state=state, mandate=mandate)["progress"]
    form = StateProgressForm(
        request.POST, mandate_pk=mandate.pk, current=progress.status if progress else None
    )
    if not form.is_valid():
        context = _cell_context(request, state, mandate, writer)
        context["form"] = form
        return render(request, "tracking/states/cell.html", context, status=400)
    data = form.cleaned_data
    arguments = {
        "mandate": mandate,
        "state": state,
        "user": request.user,
        "status": data["status"],
        "comment": data["comment"],
        "evidence_url": data["evidence_url"],
        "expected_version": data["version"],
    }
    try:
        if writer == STAFF:
            services.state_progress_set(**arguments)
            messages.success(request, _("The progress of the State was recorded."))
        else:
            report = services.state_report_submit(**arguments)
            if report.review == StateReport.Review.PENDING:
                messages.success(
                    request,
                    _("Your report was sent; it counts once the secretariat accepts it."),
                )
            else:
                messages.success(request, _("Your report was recorded."))
    except services.StateConcurrentEdit as error:
        context = _cell_context(request, state, mandate, writer)
        context.update({"conflict": error.events, "pending": error.pending, "errors": [str(error)]})
        return render(request, "tracking/states/cell.html", context, status=409)
    except TrackingError as error:
        context = _cell_context(request, state, mandate, writer)
        context["errors"] = [str(error)]
        return render(request, "tracking/states/cell.html", context, status=400)
    return redirect(f"{state.get_absolute_url()}#m{mandate.pk}")


@staff_required("tracking.review_statereport")
def report_queue_view(request):
    page = lookahead_page(pending_reports(), request.GET.get("page"), settings.SUIVI_PAGE_SIZE)
    for report in page.object_list:
        report.return_form = ReturnForm(prefix=f"r{report.pk}")
    return render(request, "tracking/states/reports.html", {"page": page})


def _report(pk) -> StateReport:
    return get_object_or_404(
        StateReport.objects.select_related("mandate", "state", "submitted_by"), pk=pk
    )


@staff_required("tracking.review_statereport")
@require_POST
def report_accept_view(request, pk):
    report = _report(pk)
    try:
        services.state_report_accept(report=report, user=request.user)
        messages.success(
            request,
            _("The report of %(of_state)s was accepted.")
            % {"of_state": report.state.name_after_de},
        )
    except TrackingError as error:
        messages.error(request, str(error))
    return redirect("states:reports")


@staff_required("tracking.review_statereport")
@require_POST
def report_return_view(request, pk):
    report = _report(pk)
    form = ReturnForm(request.POST, prefix=f"r{pk}")
    if not form.is_valid():
        messages.error(request, _("Say why the report is returned."))
        return redirect("states:reports")
    try:
        services.state_report_return(
            report=report, user=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(
            request,
            _("The report of %(of_state)s was returned to its delegation.")
            % {"of_state": report.state.name_after_de},
        )
    except TrackingError as error:
        messages.error(request, str(error))
    return redirect("states:reports")


def home_view(request):
    """Where "/" and signing in lead: a delegation's own State, everyone else the dashboard."""
    state = state_of_user(request.user)
    if state is not None:
        return redirect(state)
    return redirect("tracking:dashboard")


# The matrix of a resolution ---------------------------------------------------------------


def _resolution(symbol: str) -> Resolution:
    resolution = Resolution.objects.filter(symbol=symbol).first()
    if resolution is None:
        raise Http404(_("No resolution has this symbol."))
    return resolution


def _matrix(request, symbol):
    """The matrix for the query string, or the filter set whose errors say what is wrong."""
    resolution = _resolution(symbol)
    filterset = matrix_filter(request.GET)
    if not filterset.is_valid():
        return resolution, filterset, None
    built = matrix.resolution_matrix(
        resolution=resolution, user=request.user, **filterset.matrix_arguments()
    )
    return resolution, filterset, built


@read_required
@require_GET
def matrix_view(request, symbol):
    resolution, filterset, built = _matrix(request, symbol)
    context = {
        "resolution": resolution,
        "filter": filterset,
        "matrix": built,
        "query": request.GET.urlencode(),
    }
    status = 400 if built is None else 200
    return render(request, "tracking/states/matrix.html", context, status=status)


# Exports hold what their reader may see; no cache keeps them (as the mandate list's).
private = cache_control(private=True, no_store=True)


def _matrix_file(request, symbol, write):
    """The matrix as a file written by `write(built)`, or a 400 page saying which filter
    is wrong (the mandate list's exports say it the same way)."""
    resolution, filterset, built = _matrix(request, symbol)
    if built is None:
        context = {"filter": filterset, "back_url": reverse("states:matrix", args=[symbol])}
        return render(request, "tracking/exports/invalid_filters.html", context, status=400)
    return write(built)


def _csv(built):
    lines = formats.csv_lines(matrix.matrix_file_rows(built), matrix.matrix_headers(built))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{matrix.matrix_filename(built, "csv")}"'
    )
    return response


def _xlsx(built):
    widths = [8, 30, 24, 16] + [16] * len(built.columns) + [14] * len(built.columns)
    return formats.xlsx_file_response(
        lambda file: formats.xlsx_write(
            matrix.matrix_file_rows(built),
            file,
            headers=matrix.matrix_headers(built),
            widths=widths,
            title=_("States"),
            freeze="D2",
        ),
        filename=matrix.matrix_filename(built, "xlsx"),
    )


@private
@read_required
@require_GET
def matrix_csv_view(request, symbol):
    return _matrix_file(request, symbol, _csv)


@private
@read_required
@require_GET
def matrix_xlsx_view(request, symbol):
    return _matrix_file(request, symbol, _xlsx)


# Bulk entry: the States' progress through a spreadsheet -------------------------------------

SESSION_UPLOAD = "state_spreadsheet_upload"
IMPORT_TEMPLATE = "tracking/states/spreadsheet_import.html"


@private
@staff_required("tracking.change_stateprogress")
@require_GET
def entry_xlsx_view(request, symbol):
    """The States' progress on the resolution's mandates (or on one, ?mandate=<id>), one
    row per mandate and State it concerns, for editing and importing back; the matrix's
    filters apply."""
    resolution, filterset, built = _matrix(request, symbol)
    if built is None:
        context = {"filter": filterset, "back_url": reverse("states:matrix", args=[symbol])}
        return render(request, "tracking/exports/invalid_filters.html", context, status=400)
    mandate_id = None
    if request.GET.get("mandate"):
        pks = {str(column.mandate.pk): column.mandate.pk for column in built.columns}
        mandate_id = pks.get(request.GET["mandate"])
        if mandate_id is None:
            raise Http404(_("No request of this resolution addressed to States has this id."))
    return formats.xlsx_file_response(
        lambda file: bulk.entry_xlsx_write(bulk.entry_rows(built, mandate_id=mandate_id), file),
        filename=bulk.entry_filename(built, mandate_id),
    )


@staff_required("tracking.change_stateprogress")
@require_http_methods(["GET", "POST"])
def spreadsheet_import_view(request):
    return spreadsheet_upload_step(
        request,
        form=StateSpreadsheetForm(request.POST or None, request.FILES or None),
        plan=bulk.spreadsheet_plan,
        template=IMPORT_TEMPLATE,
        session_key=SESSION_UPLOAD,
    )


@staff_required("tracking.change_stateprogress")
@require_POST
def spreadsheet_apply_view(request):
    return spreadsheet_apply_step(
        request,
        apply=bulk.spreadsheet_apply,
        form=StateSpreadsheetForm(),
        template=IMPORT_TEMPLATE,
        session_key=SESSION_UPLOAD,
        start_again="states:spreadsheet_import",
        done=lambda plan: (
            _("Changes recorded from the spreadsheet: %(n)s.") % {"n": len(plan.changes)}
        ),
    )
