"""Rows of plain values written without model instances (config.inserts), on the database
the tests run on (SQLite by default, PostgreSQL with DATABASE_URL)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.inserts import insert_instances, insert_rows
from resolutions.models import Body, Paragraph, ParagraphText, Resolution
from tracking.models import Mandate, MandateEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution():
    body = Body.objects.create(symbol_prefix="ICC-ASP", name_en="Assembly")
    return Resolution.objects.create(symbol="ICC-ASP/1/Res.1", body=body)


def paragraph_rows(resolution, count: int) -> list[tuple]:
    return [(resolution.pk, None, "operative", 0, n, "", n) for n in range(1, count + 1)]


COLUMNS = ("resolution_id", "parent_id", "kind", "annex", "number", "label", "order")


def test_it_gives_the_new_ids_in_the_order_of_the_rows(resolution):
    ids = insert_rows(Paragraph, COLUMNS, paragraph_rows(resolution, 5), returning=True)
    assert [Paragraph.objects.get(pk=pk).number for pk in ids] == [1, 2, 3, 4, 5]


def test_it_writes_many_rows_in_one_statement_on_postgresql_and_in_batches_on_sqlite(
    resolution,
):
    with CaptureQueriesContext(connection) as queries:
        ids = insert_rows(Paragraph, COLUMNS, paragraph_rows(resolution, 400), returning=True)
    assert len(ids) == Paragraph.objects.count() == 400
    assert len(queries.captured_queries) == (1 if connection.vendor == "postgresql" else 3)


def test_it_leaves_out_what_is_not_asked_and_writes_nothing_for_no_rows(resolution):
    [pk] = insert_rows(Paragraph, COLUMNS, paragraph_rows(resolution, 1), returning=True)
    assert insert_rows(ParagraphText, ("paragraph_id", "language", "text"), []) == []
    assert (
        insert_rows(ParagraphText, ("paragraph_id", "language", "text"), [(pk, "en", "Él")]) == []
    )
    assert ParagraphText.objects.get().text == "Él"


def test_it_stores_dates_and_times_as_the_orm_reads_them(resolution):
    [pk] = insert_rows(Paragraph, COLUMNS, paragraph_rows(resolution, 1), returning=True)
    mandate = Mandate.objects.create(paragraph_id=pk, resolution=resolution, action="report")
    at = datetime.datetime(2026, 12, 2, 6, 5, 4, 321, tzinfo=datetime.UTC)
    columns = ("mandate_id", "at", "field", "old_value", "new_value", "comment", "origin")
    columns += ("evidence_url", "evidence_symbol", "version")
    row = (mandate.pk, at, "created", "", "suggested", "", "suggestion", "", "", 1)
    insert_rows(MandateEvent, columns, [row])
    assert MandateEvent.objects.get().at == at


def test_instances_get_their_ids_defaults_and_timestamps(resolution):
    [pk] = insert_rows(Paragraph, COLUMNS, paragraph_rows(resolution, 1), returning=True)
    mandates = [
        Mandate(paragraph_id=pk, resolution=resolution, position=n, action="report") for n in (1, 2)
    ]
    insert_instances(mandates)
    saved = Mandate.objects.order_by("position")
    assert [m.pk for m in mandates] == [m.pk for m in saved]
    assert [(m.review, m.status, m.version) for m in saved] == [("suggested", "not_started", 1)] * 2
    assert saved[0].created_at == saved[0].updated_at == mandates[0].created_at is not None
    assert not mandates[0]._state.adding
