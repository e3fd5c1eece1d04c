"""The mandate list says how many mandates match and which page of how many this is, in
both languages, and a page past the end says so, with the way back."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from config.typography import number
from resolutions.models import Paragraph
from tracking.models import Actor, Mandate
from tracking.paging import LookaheadPage
from tracking.services import mandate_accept, mandate_create

pytestmark = pytest.mark.django_db

LIST = reverse("tracking:mandate_list")


@pytest.fixture
def accepted_seed(imported_seed, secretariat_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    # How many mandates a delegation sees.
    return Mandate.objects.filter(review="accepted", is_internal=False).count()


def text_of(html: str) -> str:
    """The page's text, tags removed and spaces collapsed (keeping no-break spaces)."""
    return re.sub(r"[ \n\t]+", " ", re.sub(r"<[^>]+>", " ", html))


def get(client, status=200, language="en", **params):
    response = client.get(LIST, params, headers={"accept-language": language})
    assert response.status_code == status, response.status_code
    return response.content.decode()


def test_the_list_says_how_many_mandates_match_and_which_page_of_how_many(
    delegation_client, accepted_seed, settings
):
    settings.SUIVI_PAGE_SIZE = 2
    pages = -(-accepted_seed // 2)
    assert pages >= 3
    english = text_of(get(delegation_client, page="2"))
    assert f"{accepted_seed} mandates" in english
    assert f"Page 2 of {pages}" in english
    french = text_of(get(delegation_client, language="fr", page="2"))
    assert f"{accepted_seed} mandats" in french
    assert f"Page 2 sur {pages}" in french


def rows(language: str, **page) -> str:
    """The list's rows and pagination for a page, as a language renders them."""
    page = LookaheadPage(**{"object_list": [], "number": 1, "has_next": False, "size": 50, **page})
    with translation.override(language):
        html = render_to_string(
            "tracking/_mandate_rows.html",
            {"page": page, "query": "q=x"},
            RequestFactory().get(LIST),
        )
    return text_of(html)


def test_one_mandate_is_said_in_the_singular():
    assert "1 mandate " in rows("en", count=1)
    assert "1 mandat " in rows("fr", count=1)


def test_the_current_page_is_marked_and_links_keep_the_filters_without_empty_ones(
    delegation_client, accepted_seed, settings
):
    settings.SUIVI_PAGE_SIZE = 2
    html = get(delegation_client, addressee="states_parties", sort="resolution", page="2")
    nav = html.split('<nav class="pagination"', 1)[1].split("</nav>", 1)[0]
    assert 'aria-label="Pages of the list"' in nav
    current = re.search(r'<a href="([^"]+)" aria-current="page">', nav)
    assert (
        current and current.group(1) == "?addressee=states_parties&amp;sort=resolution&amp;page=2"
    )
    links = re.findall(r'href="([^"]+)"', nav)
    assert all("addressee=states_parties" in link and "sort=resolution" in link for link in links)
    assert all("=&amp;" not in link and not link.endswith("=") for link in links)
    # Page 1 is the list's own address: no page parameter.
    previous = re.search(r'<a href="([^"]+)" rel="prev">', nav).group(1)
    assert previous == "?addressee=states_parties&amp;sort=resolution"


def test_a_page_past_the_end_says_so_and_links_to_the_last_and_first_pages(
    delegation_client, accepted_seed, settings
):
    settings.SUIVI_PAGE_SIZE = 2
    pages = -(-accepted_seed // 2)
    html = get(delegation_client, status=404, addressee="states_parties", page="99")
    text = text_of(html)
    states_parties = Mandate.objects.filter(
        addressees__key="states_parties", review="accepted"
    ).count()
    last = -(-states_parties // 2)
    assert f"Page 99 is past the end of this list, which has {last} pages." in text
    assert "No mandate matches these filters" not in text
    assert f'href="?addressee=states_parties&amp;page={last}">Go to the last page' in html
    assert 'href="?addressee=states_parties">Go to the first page' in html
    # The filter form is still there, to widen the search.
    assert 'name="addressee"' in html
    french = text_of(get(delegation_client, status=404, language="fr", page="99"))
    assert f"La page 99 est au-delà de la fin de cette liste, qui compte {pages} pages." in french
    assert "Aller à la dernière page" in french


def test_an_empty_list_still_says_that_nothing_matches(delegation_client, accepted_seed):
    text = text_of(get(delegation_client, q="nothing-of-the-kind-anywhere"))
    assert "0 mandates" in text
    assert "No mandate matches these filters." in text
    assert "past the end" not in text


def test_figures_are_grouped_by_thousands_in_each_language_and_nowhere_else():
    with translation.override("en"):
        assert number(12345) == "12,345"
    with translation.override("fr"):
        assert number(12345) == "12\u00a0345"
        assert number(999) == "999"
    assert "12,345 mandates" in rows("en", has_next=True, count=12345)
    french = rows("fr", has_next=True, count=12345)
    assert "12\u00a0345 mandats" in french
    assert "Page 1 sur 247" in french
    # Numbers in addresses are never grouped.
    with translation.override("fr"):
        html = render_to_string(
            "lookahead_pagination.html",
            {"page": LookaheadPage([], 1234, True, size=1, count=5000), "query": ""},
        )
    assert "page=5000" in html and "page=1235" in html
    assert "Page 1\u00a0234 sur 5\u00a0000" in html


def test_each_page_of_the_list_runs_the_same_queries_whatever_the_count(
    delegation_client, accepted_seed, secretariat_user, settings
):
    settings.SUIVI_PAGE_SIZE = 2
    from django.core.cache import cache

    def counted(url: str, status: int = 200) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert delegation_client.get(url).status_code == status
        return len(captured)

    urls = [LIST, LIST + "?page=2", LIST + "?addressee=states_parties&page=2"]
    before = [counted(url) for url in urls]
    past = counted(LIST + "?page=999", 404)
    states = Actor.objects.filter(key__in=["states_parties", "bureau"])
    for paragraph in Paragraph.objects.filter(kind="operative")[:15]:
        mandate_create(
            paragraph=paragraph, user=secretariat_user, addressees=states, action="requests"
        )
    assert [counted(url) for url in urls] == before
    assert counted(LIST + "?page=999", 404) == past


def test_the_count_is_taken_once_for_every_page_of_a_data_version(
    delegation_client, accepted_seed, settings
):
    settings.SUIVI_PAGE_SIZE = 2

    def counts(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            delegation_client.get(url)
        return sum(1 for q in captured if q["sql"].upper().startswith("SELECT COUNT("))

    assert counts(LIST) == 1
    assert counts(LIST + "?page=2") == 0  # the count of page 1, kept with the list
