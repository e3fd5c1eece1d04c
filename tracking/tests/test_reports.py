"""The implementation report, publishable: title, "as at" date, summary by status and by
addressee, each request with its latest public note, the paragraphs still under review,
and the same content as a Word document."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from docx import Document

from tracking.models import Mandate
from tracking.services import mandate_accept, mandate_set_status

pytestmark = pytest.mark.django_db

REPORT = reverse("tracking:resolution_report", args=["ICC-ASP/11/Res.5"])
REPORT_DOCX = reverse("tracking:resolution_report_docx", args=["ICC-ASP/11/Res.5"])


@pytest.fixture
def reported(imported_seed, secretariat_user):
    """Every suggestion accepted but those of paragraph 5, and one request under way."""
    for mandate in Mandate.objects.filter(review="suggested").exclude(paragraph__number=5):
        mandate_accept(mandate=mandate, user=secretariat_user)
    op9 = Mandate.objects.get(paragraph__number=9)
    mandate_set_status(
        mandate=op9, status="in_progress", user=secretariat_user, comment="Letters sent"
    )
    return imported_seed


def test_the_report_has_a_title_a_date_and_a_summary(delegation_client, reported):
    response = delegation_client.get(REPORT)
    html = response.content.decode()
    report = response.context["report"]
    assert "Implementation report — ICC-ASP/11/Res.5" in html
    assert report.subtitle and report.subtitle in html
    assert f"As at {date_format(timezone.localdate(), 'j F Y')}" in html
    statuses = {code: count for code, _label, count in report.by_status}
    assert statuses == {"not_started": report.total - 1, "in_progress": 1}
    assert report.total == sum(len(row["mandates"]) for row in report.rows)
    names = [row["name"] for row in report.by_addressee]
    assert "States Parties" in names[0]  # the most requests come first
    assert "Letters sent" in html


def test_the_report_names_the_paragraphs_still_under_review(delegation_client, reported):
    html = delegation_client.get(REPORT).content.decode()
    assert "still being reviewed" in html
    assert "ICC-ASP/11/Res.5, paragraph 5" in html
    assert "operative paragraph 5" not in html


def test_the_report_runs_the_same_queries_whatever_its_size(
    delegation_client, reported, secretariat_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Mandate.objects.filter(review="accepted").update(status="not_started")
    with CaptureQueriesContext(connection) as small:
        delegation_client.get(REPORT)
    for mandate in Mandate.objects.filter(paragraph__number=5):
        mandate_accept(mandate=mandate, user=secretariat_user)
    with django_assert_max_num_queries(len(small)):
        delegation_client.get(REPORT)


def test_the_word_download_holds_the_same_content(delegation_client, reported):
    response = delegation_client.get(REPORT_DOCX)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Implementation report — ICC-ASP/11/Res.5" in text
    assert "As at" in text and "still being reviewed" in text
    assert "Letters sent" in cells and "In progress".lower() in " ".join(cells).lower()
    assert "ICC-ASP/11/Res.5, operative paragraph 9" in text
    header = document.sections[0].header.paragraphs[0].text
    assert "ICC-ASP/11/Res.5" in header
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml


def test_the_word_download_speaks_the_readers_language(delegation_client, reported):
    response = delegation_client.get(REPORT_DOCX, headers={"accept-language": "fr"})
    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Rapport de mise en œuvre" in text and "Au " in text
    cells = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "\u00a0:" in cells  # French typography before the colon


def test_the_reports_are_for_readers_only(client, reported):
    for url in (REPORT, REPORT_DOCX):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_resolution_has_no_report(delegation_client, reported):
    missing = reverse("tracking:resolution_report_docx", args=["NO/SUCH/1"])
    assert delegation_client.get(missing).status_code == 404


def test_the_session_report_downloads_too(delegation_client, reported):
    from resolutions.models import Session

    session = Session.objects.get(number=12, body__symbol_prefix="ICC-ASP")
    page = delegation_client.get(reverse("tracking:session_report", args=[session.pk]))
    assert page.status_code == 200 and "As at" in page.content.decode()
    docx = delegation_client.get(reverse("tracking:session_report_docx", args=[session.pk]))
    assert docx.status_code == 200 and Document(io.BytesIO(docx.content)).paragraphs
