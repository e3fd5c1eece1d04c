"""The mandate list says what is asked, takes a resolution filter in any case and part,
searches without regard to accents on both databases, keeps shared addresses clean, and
names each cell for phones."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tracking.models import Mandate
from tracking.services import mandate_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_seed(imported_seed, secretariat_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    return imported_seed


LIST = reverse("tracking:mandate_list")


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.status_code
    return {m.pk for m in response.context["page"].object_list}


def test_each_row_says_what_is_asked(delegation_client, accepted_seed):
    op5 = Mandate.objects.get(paragraph__number=5)
    assert op5.deliverable
    html = delegation_client.get(LIST).content.decode()
    assert f'<span class="deliverable">{op5.deliverable.split()[0]}' in html


def test_the_resolution_filter_takes_any_case_and_part_of_the_symbol(
    delegation_client, accepted_seed
):
    everything = listed(delegation_client)
    assert listed(delegation_client, resolution="res.5") == everything
    assert listed(delegation_client, resolution="icc-asp/11") == everything
    assert listed(delegation_client, resolution="A/RES/80") == set()


def test_search_ignores_accents_and_case(delegation_client, accepted_seed):
    accented = listed(delegation_client, q="coopération")
    assert accented
    assert listed(delegation_client, q="cooperation") == accented
    assert listed(delegation_client, q="COOPERATION") == accented


def test_a_shared_address_carries_only_the_filters_set(delegation_client, accepted_seed):
    response = delegation_client.get(LIST + "?q=&status=in_progress&resolution=&sort=")
    assert response.status_code == 302
    assert response["Location"] == LIST + "?status=in_progress"
    assert delegation_client.get(LIST + "?q=&resolution=")["Location"] == LIST


def test_each_cell_names_its_column_for_phones(delegation_client, accepted_seed):
    html = delegation_client.get(LIST, headers={"accept-language": "fr"}).content.decode()
    assert 'data-label="État d’avancement"' in html
    assert 'data-label="Paragraphe"' in html


class StackedCells(HTMLParser):
    """The cells of the tables stacked on a phone (class "list", not "figures"), and
    those among them that do not name their column."""

    def __init__(self):
        super().__init__()
        self.stacked: list[bool] = []
        self.cells = 0
        self.unnamed: list[tuple[int, int]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            classes = (attrs.get("class") or "").split()
            self.stacked.append("list" in classes and "figures" not in classes)
        elif tag == "td" and self.stacked and self.stacked[-1] and "colspan" not in attrs:
            self.cells += 1
            if "data-label" not in attrs:
                self.unnamed.append(self.getpos())

    def handle_endtag(self, tag):
        if tag == "table" and self.stacked:
            self.stacked.pop()


@pytest.mark.parametrize(
    "path", ["/resolutions/", "/reports/ICC-ASP/11/Res.5/", "/mandates/", "/dashboard/"]
)
def test_on_a_phone_every_stacked_cell_names_its_column(secretariat_client, accepted_seed, path):
    cells = StackedCells()
    cells.feed(secretariat_client.get(path, headers={"accept-language": "fr"}).content.decode())
    assert cells.cells
    assert cells.unnamed == []
