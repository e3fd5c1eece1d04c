"""Exports in the reader's language, with the codes kept for programs and each mandate's
latest public note."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracking.exports import formats
from tracking.models import Actor, Mandate, MandateEvent
from tracking.services import (
    mandate_accept,
    mandate_comment,
    mandate_create,
    mandate_set_status,
    mandate_update,
)
from tracking.tests.test_exports import FRENCH_HEADERS, STABLE_KEYS

pytestmark = pytest.mark.django_db


def download(client, fmt: str, language: str = "fr", query: str = ""):
    url = reverse(f"exports:{fmt}") + (f"?{query}" if query else "")
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(client, language: str = "fr", query: str = "") -> dict[int, dict]:
    lines = list(
        csv.reader(io.StringIO(download(client, "csv", language, query).decode("utf-8-sig")))
    )
    return {int(row[0]): dict(zip(STABLE_KEYS, row, strict=True)) for row in lines[1:]}


@pytest.fixture
def in_progress(mandate, secretariat_user):
    """The Bureau's report, in progress and urgent."""
    mandate_update(mandate=mandate, user=secretariat_user, urgent=True)
    return mandate_set_status(mandate=mandate, status="in_progress", user=secretariat_user)


def test_a_french_reader_gets_french_headers_labels_and_dates_with_the_codes_beside(
    secretariat_client, in_progress
):
    row = csv_rows(secretariat_client)[in_progress.pk]
    bureau = Actor.objects.get(key="bureau")
    assert row["status_label"] == "En cours"
    assert row["action_label"] == "Prie"
    assert row["addressee_names"] == bureau.name_fr
    assert row["deadline"] == "avant la 12e session (20 novembre 2013)"
    assert row["due_date"] == "20/11/2013"
    assert row["urgent"] == "oui"
    # Dates and times written as text take the French numeric form.
    day = timezone.localdate().strftime("%d/%m/%Y")
    assert row["updated_at"].startswith(day + " ")
    # The codes, for programs, in their own columns.
    assert (row["status"], row["action"], row["addressees"]) == (
        "in_progress",
        "requests",
        "bureau",
    )
    header = download(secretariat_client, "csv").decode("utf-8-sig").splitlines()[0]
    assert next(csv.reader([header])) == FRENCH_HEADERS


def test_an_english_reader_gets_english_labels_and_iso_dates(secretariat_client, in_progress):
    row = csv_rows(secretariat_client, "en")[in_progress.pk]
    assert (row["status_label"], row["action_label"], row["urgent"]) == (
        "In progress",
        "Requests",
        "yes",
    )
    assert row["due_date"] == "2013-11-20"
    assert row["deadline"] == "before the 12th session (20 November 2013)"


def test_the_json_keeps_its_keys_and_codes_in_every_language_with_labels_beside(
    secretariat_client, in_progress
):
    for language, label in (("en", "In progress"), ("fr", "En cours")):
        records = json.loads(download(secretariat_client, "json", language))
        record = next(r for r in records if r["id"] == in_progress.pk)
        assert list(record) == STABLE_KEYS
        assert (record["status"], record["status_label"]) == ("in_progress", label)
        assert record["urgent"] is True
        assert record["due_date"] == "2013-11-20"


def test_the_french_workbook_is_readable_and_its_dates_stay_dates(
    secretariat_client, secretariat_user, in_progress
):
    mandate_comment(mandate=in_progress, user=secretariat_user, comment="Draft circulated")
    workbook = openpyxl.load_workbook(io.BytesIO(download(secretariat_client, "xlsx")))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Mandats"
    assert [cell.value for cell in sheet[1]] == FRENCH_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:T")
    assert sheet.column_dimensions["F"].width == 50  # what is asked
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == in_progress.pk)
    cells = dict(zip(STABLE_KEYS, row, strict=True))
    assert cells["due_date"].value == datetime.datetime(2013, 11, 20)
    assert cells["due_date"].number_format == "dd/mm/yyyy"
    assert cells["latest_note_at"].number_format == "dd/mm/yyyy"
    assert cells["deliverable"].alignment.wrap_text
    assert cells["latest_note"].alignment.wrap_text
    assert cells["status_label"].value == "En cours"
    assert cells["urgent"].value == "oui"
    # The drop-down offers the statuses as the column shows them.
    [validation] = sheet.data_validations.dataValidation
    assert "En cours" in validation.formula1 and "in_progress" not in validation.formula1
    assert str(validation.sqref).startswith("I2")


# The latest public note ------------------------------------------------------------------


def note_of(client, mandate, language="en") -> tuple[str, str]:
    row = csv_rows(client, language)[mandate.pk]
    return row["latest_note"], row["latest_note_at"]


def test_each_row_has_the_latest_public_note_and_its_date(
    secretariat_client, delegation_client, mandate, secretariat_user
):
    assert note_of(secretariat_client, mandate) == ("", "")
    mandate_comment(mandate=mandate, user=secretariat_user, comment="Consultations began")
    mandate_set_status(
        mandate=mandate, status="in_progress", user=secretariat_user, comment="Draft circulated"
    )
    # Later entries without words of their own, and an internal note: none is the note.
    mandate_update(mandate=mandate, user=secretariat_user, urgent=True)
    mandate_comment(
        mandate=mandate, user=secretariat_user, comment="Delegation X is stalling", internal=True
    )
    mandate_update(mandate=mandate, user=secretariat_user, internal_notes="Call Y first")
    today = timezone.localdate()
    for client in (secretariat_client, delegation_client):
        assert note_of(client, mandate) == ("Draft circulated", today.isoformat())
        assert note_of(client, mandate, "fr") == ("Draft circulated", today.strftime("%d/%m/%Y"))
        record = next(
            r for r in json.loads(download(client, "json", "en")) if r["id"] == mandate.pk
        )
        assert (record["latest_note"], record["latest_note_at"]) == (
            "Draft circulated",
            today.isoformat(),
        )


def test_the_review_and_suivis_own_entries_are_never_a_note(
    secretariat_client, delegation_client, imported_seed, secretariat_user
):
    suggestion = Mandate.objects.filter(review=Mandate.Review.SUGGESTED).first()
    mandate_accept(mandate=suggestion, user=secretariat_user, comment="Checked against the text")
    kinds = set(suggestion.events.values_list("field", "origin"))
    assert (MandateEvent.Field.REVIEW, "") in kinds
    assert any(origin == MandateEvent.Origin.SUGGESTION for _field, origin in kinds)
    for client in (secretariat_client, delegation_client):
        assert note_of(client, suggestion) == ("", "")


def test_the_number_of_queries_does_not_grow_with_the_rows_and_their_notes(
    secretariat_client, secretariat_user, op5
):
    court = Actor.objects.get(key="court")

    def add(count: int) -> None:
        for index in range(count):
            made = mandate_create(
                paragraph=op5, user=secretariat_user, addressees=[court], action="requests"
            )
            mandate_comment(mandate=made, user=secretariat_user, comment=f"note {index}")
            mandate_comment(mandate=made, user=secretariat_user, comment="aside", internal=True)

    def queries(fmt: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            download(secretariat_client, fmt)
        return len(captured)

    add(3)
    few = {fmt: queries(fmt) for fmt in ("csv", "xlsx", "json")}
    add(40)
    assert {fmt: queries(fmt) for fmt in ("csv", "xlsx", "json")} == few
    rows = csv_rows(secretariat_client)
    assert len(rows) == 43
    assert all(row["latest_note"].startswith("note ") for row in rows.values())


def test_the_headers_are_those_of_the_columns():
    assert formats.headers("fr") == FRENCH_HEADERS
    assert len(set(formats.headers("en"))) == len(formats.COLUMNS)
