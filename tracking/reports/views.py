"""The implementation report pages and their Word downloads: thin, over selectors.py."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from resolutions.access import read_required
from resolutions.models import Resolution, Session
from tracking.reports.docx import report_docx
from tracking.reports.selectors import implementation_report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _resolution(symbol) -> Resolution:
    return get_object_or_404(Resolution.objects.select_related("body", "session"), symbol=symbol)


def _session(pk) -> Session:
    return get_object_or_404(Session.objects.select_related("body"), pk=pk)


def _page(request, report, docx_url_name: str, docx_arg):
    context = {"report": report, "docx_url_name": docx_url_name, "docx_arg": docx_arg}
    return render(request, "tracking/reports/report.html", context)


def _download(report, filename: str) -> HttpResponse:
    response = HttpResponse(report_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(title: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in title)
    return f"implementation-report-{safe}.docx"


@read_required
def resolution_report_view(request, symbol):
    """A printable implementation report: every operative paragraph with its follow-up."""
    resolution = _resolution(symbol)
    report = implementation_report(
        user=request.user, resolution=resolution, language=request.GET.get("lang")
    )
    return _page(request, report, "tracking:resolution_report_docx", resolution.symbol)


@read_required
def resolution_report_docx_view(request, symbol):
    resolution = _resolution(symbol)
    report = implementation_report(
        user=request.user, resolution=resolution, language=request.GET.get("lang")
    )
    return _download(report, _filename(resolution.symbol))


@read_required
def session_report_view(request, pk):
    session = _session(pk)
    report = implementation_report(
        user=request.user, session=session, language=request.GET.get("lang")
    )
    return _page(request, report, "tracking:session_report_docx", session.pk)


@read_required
def session_report_docx_view(request, pk):
    session = _session(pk)
    report = implementation_report(
        user=request.user, session=session, language=request.GET.get("lang")
    )
    return _download(report, _filename(str(session)))
