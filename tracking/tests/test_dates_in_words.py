"""Dates as people read them, in both languages, wherever Suivi writes one: "1er mars 2026"
in French, "1 March 2026" in English (config.typography). Machine formats stay ISO."""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from docx import Document

pytestmark = pytest.mark.django_db

FIRST_OF_MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def due_first_of_march(bureau_mandate):
    return bureau_mandate(deadline_relation="by_date", deadline_date=FIRST_OF_MARCH)


@pytest.mark.parametrize(
    ("language", "due", "deadline"),
    [
        ("fr", "1er mars 2026", "d’ici le 1er mars 2026"),
        ("en", "1 March 2026", "by 1 March 2026"),
    ],
)
def test_a_mandate_page_writes_the_first_of_a_month_as_the_language_does(
    delegation_client, due_first_of_march, language, due, deadline
):
    html = delegation_client.get(
        due_first_of_march.get_absolute_url(), headers={"accept-language": language}
    ).content.decode()
    assert f"<dd>{due}</dd>" in html
    assert deadline in html


@pytest.mark.parametrize(
    ("language", "as_at"), [("fr", "Au 1er décembre 2026"), ("en", "As at 1 December 2026")]
)
def test_the_report_and_its_word_download_are_dated_as_the_language_writes(
    delegation_client, due_first_of_march, language, as_at
):
    report = reverse("tracking:resolution_report", args=["ICC-ASP/11/Res.5"])
    headers = {"accept-language": language}
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)):
        html = delegation_client.get(report, headers=headers).content.decode()
        docx = delegation_client.get(
            reverse("tracking:resolution_report_docx", args=["ICC-ASP/11/Res.5"]), headers=headers
        ).content
    assert as_at in html
    document = Document(io.BytesIO(docx))
    assert as_at in "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert ("d’ici le 1er mars 2026" if language == "fr" else "by 1 March 2026") in cells


# Formats a machine reads: ISO 8601 ("c" in <time datetime>). Any other format given to
# Django's `date` filter would bypass the wording of dates (the `day` filter).
MACHINE_FORMATS = {"'c'", '"c"'}


def test_templates_write_dates_for_people_only_through_the_day_filter():
    directories = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    directories += [Path(settings.BASE_DIR) / app / "templates" for app in ("api", "accounts")]
    offenders = [
        f"{path.name}: {use}"
        for directory in directories
        if directory.exists()
        for path in directory.rglob("*.*")
        for use in re.findall(r"\|date(?::(\S+?))?(?=[\s|%}])", path.read_text(encoding="utf-8"))
        if use not in MACHINE_FORMATS
    ]
    assert offenders == []
