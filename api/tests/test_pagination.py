"""Cursor pagination walks the mandate list in each of its orders, every row once."""

import pytest
from django.urls import reverse

from api.tests.test_queries import grow
from tracking.filters import SORTS

pytestmark = pytest.mark.django_db


def walk(client, url) -> list[int]:
    ids = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        ids += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
    return ids


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_pages_follow_each_order_of_the_list_without_gaps_or_repeats(
    clients, world, secretariat_user, settings, sort
):
    grow(world, secretariat_user)  # equal due dates, and mandates with none
    client = clients["staff"]
    settings.SUIVI_PAGE_SIZE = 1000
    whole = walk(client, reverse("api:mandates") + f"?sort={sort}")
    assert len(whole) > 20
    settings.SUIVI_PAGE_SIZE = 3
    assert walk(client, reverse("api:mandates") + f"?sort={sort}") == whole


@pytest.mark.parametrize("cursor", ["garbage", "eyJzIjoidXBkYXRlZCIsImsiOlsxXX0"])
def test_a_cursor_that_is_not_ours_gets_400(clients, world, cursor):
    response = clients["staff"].get(reverse("api:mandates"), {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_invalid_filters_get_400_with_the_reason(clients, world):
    response = clients["staff"].get(reverse("api:mandates"), {"status": "sleeping"})
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_the_list_filters_as_the_mandate_list_does(clients, world):
    rows = clients["delegation"].get(
        reverse("api:mandates"), {"addressee": "bureau", "overdue": "yes"}
    )
    assert [row["id"] for row in rows.json()["results"]] == [world.public.pk]
    assert rows.json()["results"][0]["overdue"] is True
