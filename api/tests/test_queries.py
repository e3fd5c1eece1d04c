"""Every endpoint runs the same number of queries whatever the page size and the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resolutions.models import Paragraph
from tracking.models import Actor
from tracking.services import mandate_create, mandate_set_status
from tracking.states.services import state_progress_set

pytestmark = pytest.mark.django_db

SYMBOL = "ICC-ASP/11/Res.5"


def urls(world) -> list[str]:
    return [
        reverse("api:actors"),
        reverse("api:sessions"),
        reverse("api:states"),
        reverse("api:state", args=["FRA"]),
        reverse("api:resolutions"),
        reverse("api:resolution", args=[SYMBOL]),
        reverse("api:mandates"),
        reverse("api:mandates") + "?addressee=states_parties&overdue=no&q=coopération",
        reverse("api:mandates") + "?sort=resolution&status=not_started&status=in_progress",
        reverse("api:mandate", args=[world.public.pk]),
        reverse("api:state_progress", args=["FRA", world.to_states.pk]),
    ]


def grow(world, user):
    """Twenty more mandates asked of the States Parties, each with history and progress."""
    addressees = Actor.objects.filter(key__in=["states_parties", "bureau", "court"])
    for paragraph in Paragraph.objects.filter(kind="operative", parent=None)[:20]:
        added = mandate_create(
            paragraph=paragraph,
            user=user,
            addressees=addressees,
            action="requests",
            deadline_relation="at",
            deadline_session=12,
        )
        mandate_set_status(mandate=added, status="in_progress", user=user, comment="x")
        state_progress_set(
            mandate=added, state=world.france, status="in_progress", user=user, expected_version=0
        )


@pytest.mark.parametrize("role", ["delegation", "staff"])
def test_each_endpoint_runs_a_constant_number_of_queries(
    clients, world, secretariat_user, settings, role
):
    client = clients[role]
    client.get(reverse("api:actors"))  # the token's last use is written once a minute

    def counts(page_size: int) -> list[int]:
        settings.SUIVI_PAGE_SIZE = page_size
        result = []
        for url in urls(world):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                assert response.status_code == 200, (url, response.content[:300])
            result.append(len(captured))
        return result

    small = counts(2)
    assert counts(50) == small
    grow(world, secretariat_user)
    assert counts(2) == small
    assert counts(50) == small
    assert max(small) <= 12


def test_the_first_page_of_mandates_stays_within_its_queries(
    clients, world, secretariat_user, django_assert_max_num_queries
):
    client = clients["delegation"]
    client.get(reverse("api:actors"))
    grow(world, secretariat_user)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("api:mandates")).status_code == 200
