"""The implementation report pages and their Word downloads: thin, over selectors.py."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from resolutions.access import read_required
from resolutions.models import Resolution, Session
from tracking.reports.docx import report_docx
from tracking.reports.selectors import implementation_report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report(request, *, resolution=None, session=None, docx: bool):
    """The report of a resolution or of a session: the page, or its Word download."""
    report = implementation_report(
        user=request.user,
        resolution=resolution,
        session=session,
        language=request.GET.get("lang"),
    )
    if docx:
        safe = "".join(c if c.isalnum() or c in "-." else "_" for c in report.title)
        response = HttpResponse(report_docx(report), content_type=DOCX)
        response["Content-Disposition"] = (
            f'attachment; filename="implementation-report-{safe}.docx"'
        )
        return response
    if resolution is not None:
        download = ("tracking:resolution_report_docx", resolution.symbol)
    else:
        download = ("tracking:session_report_docx", session.pk)
    context = {"report": report, "docx_url_name": download[0], "docx_arg": download[1]}
    return render(request, "tracking/reports/report.html", context)


def _resolution(symbol) -> Resolution:
    return get_object_or_404(Resolution.objects.select_related("body", "session"), symbol=symbol)


def _session(pk) -> Session:
    return get_object_or_404(Session.objects.select_related("body"), pk=pk)


@read_required
def resolution_report_view(request, symbol):
    """A printable implementation report: every operative paragraph with its follow-up."""
    return _report(request, resolution=_resolution(symbol), docx=False)


@read_required
def resolution_report_docx_view(request, symbol):
    return _report(request, resolution=_resolution(symbol), docx=True)


@read_required
def session_report_view(request, pk):
    return _report(request, session=_session(pk), docx=False)


@read_required
def session_report_docx_view(request, pk):
    return _report(request, session=_session(pk), docx=True)
