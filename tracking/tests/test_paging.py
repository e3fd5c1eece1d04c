"""Pages of the mandate list: both routes to a page's ids give the same rows.

Only PostgreSQL gives the estimate that chooses the read-and-sort route; the tests
choose it themselves, so that both routes run on both databases."""

import datetime
import random

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from resolutions.models import Paragraph
from tracking import paging
from tracking.filters import SORTS
from tracking.models import Actor, Mandate
from tracking.paging import lookahead_page
from tracking.selectors import mandate_list, mandates_of_actor
from tracking.services import mandate_create, mandate_set_status


@pytest.fixture
def many_mandates(imported_seed, secretariat_user):
    """Thirty mandates with repeated, missing and distinct due dates and statuses."""
    bureau = Actor.objects.get(key="bureau")
    court = Actor.objects.get(key="court")
    paragraphs = list(Paragraph.objects.filter(kind="operative", parent=None).order_by("order"))
    generator = random.Random(7)
    for index in range(30):
        dated = index % 3 != 0
        mandate = mandate_create(
            paragraph=paragraphs[index % len(paragraphs)],
            user=secretariat_user,
            addressees=[bureau] if index % 2 else [court],
            action="requests",
            deliverable=f"report number {index}",
            deadline_relation="by_date" if dated else "",
            deadline_date=(
                datetime.date(2030, 1, 1) + datetime.timedelta(days=generator.randrange(5))
                if dated
                else None
            ),
        )
        if index % 4 == 0:
            mandate_set_status(mandate=mandate, status="in_progress", user=secretariat_user)
    return Mandate.objects.count()


def every_page(queryset, size=4) -> list[int]:
    ids, number = [], 1
    while True:
        page = lookahead_page(queryset, str(number), size)
        ids += [mandate.pk for mandate in page.object_list]
        if not page.has_next:
            return ids
        number += 1


@pytest.mark.django_db
@pytest.mark.parametrize("sort", sorted(SORTS))
@pytest.mark.parametrize("filters", ["", "addressee=bureau", "q=report", "status=in_progress"])
def test_reading_the_matches_gives_the_pages_of_the_index_walk(
    many_mandates, delegation_user, monkeypatch, sort, filters
):
    _filterset, queryset = mandate_list(
        filters=QueryDict(f"{filters}&sort={sort}"), user=delegation_user
    )
    monkeypatch.setattr(paging, "_estimated_rows", lambda queryset: float("inf"))
    walked = every_page(queryset)
    monkeypatch.setattr(paging, "_estimated_rows", lambda queryset: 0)
    read_and_sorted = every_page(queryset)
    assert read_and_sorted == walked
    assert len(walked) == len(set(walked)) == queryset.count()


@pytest.mark.django_db
def test_a_wrong_estimate_falls_back_to_the_index_walk(many_mandates, delegation_user, monkeypatch):
    queryset = mandates_of_actor(actor=Actor.objects.get(key="bureau"), user=delegation_user)
    expected = every_page(queryset)
    monkeypatch.setattr(paging, "_estimated_rows", lambda queryset: 0)
    monkeypatch.setattr(paging, "SORT_LIMIT", 3)
    assert every_page(queryset) == expected


@pytest.mark.django_db
def test_postgresql_is_asked_for_its_estimate_and_sqlite_is_not(many_mandates, delegation_user):
    queryset = mandates_of_actor(actor=Actor.objects.get(key="bureau"), user=delegation_user)
    with CaptureQueriesContext(connection) as captured:
        lookahead_page(queryset, "1", 5)
    explains = [q for q in captured if q["sql"].startswith("EXPLAIN")]
    if connection.vendor == "postgresql":
        assert len(explains) == 1
        assert 0 < paging._estimated_rows(queryset) < float("inf")
    else:
        assert explains == []


@pytest.mark.django_db
def test_a_page_past_the_end_is_empty_on_either_route(many_mandates, delegation_user, monkeypatch):
    queryset = mandates_of_actor(actor=Actor.objects.get(key="bureau"), user=delegation_user)
    for estimate in (0, float("inf")):
        monkeypatch.setattr(paging, "_estimated_rows", lambda queryset, e=estimate: e)
        page = lookahead_page(queryset, "50", 4)
        assert (page.object_list, page.has_next) == ([], False)
