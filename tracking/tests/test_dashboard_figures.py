"""The dashboard's figures are rendered once per computed dashboard and kept in the cache:
the same HTML for everyone of an audience and language, new HTML when the figures change."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracking import tasks
from tracking.models import Mandate
from tracking.services import mandate_accept, mandate_set_status, mandate_update

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"
FIGURES = "tracking/_dashboard_figures.html"


@pytest.fixture
def accepted(imported_seed, secretariat_user):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    return imported_seed


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.dashboards_refresh_all, "apply_async", lambda *args, **kwargs: calls.append(kwargs)
    )
    return calls


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def rendered(response) -> bool:
    return FIGURES in {template.name for template in response.templates}


def overdue(response) -> int:
    return int(re.search(r'<span class="figure">(\d+)</span> overdue', main(response)).group(1))


def test_the_figures_are_rendered_once_then_read_back_with_fewer_queries(
    delegation_client, accepted, queued
):
    first = delegation_client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as captured:
        again = delegation_client.get(DASHBOARD)
    assert rendered(first) and not rendered(again)
    assert main(again) == main(first)
    assert overdue(again) == 3 and "The same figures as a table" in main(again)
    # The recently updated mandates, linked, are part of the figures.
    assert main(again).count('href="/mandates/') >= 10
    # Session, user, permissions, data version: no aggregate, no list row read again.
    assert len(captured) <= 5
    assert not any("COUNT(" in query["sql"].upper() for query in captured)


def test_new_figures_are_rendered_once_computed_again(
    delegation_client, accepted, secretariat_user, queued, django_capture_on_commit_callbacks
):
    assert overdue(delegation_client.get(DASHBOARD)) == 3
    op5 = Mandate.objects.get(paragraph__number=5)
    with django_capture_on_commit_callbacks(execute=True):
        mandate_set_status(mandate=op5, status="completed", user=secretariat_user)
    stale = delegation_client.get(DASHBOARD)
    assert overdue(stale) == 3 and "being updated" in main(stale)
    assert len(queued) == 1
    tasks.dashboards_refresh_all()
    fresh = delegation_client.get(DASHBOARD)
    assert rendered(fresh)
    assert overdue(fresh) == 2 and "being updated" not in main(fresh)


def test_each_language_has_its_own_figures(delegation_client, accepted, queued):
    english = delegation_client.get(DASHBOARD)
    french = delegation_client.get(DASHBOARD, headers={"accept-language": "fr"})
    assert rendered(english) and rendered(french)
    assert "By status" in main(english) and "Par état d’avancement" not in main(english)
    assert "Par état d’avancement" in main(french) and "By status" not in main(french)


def test_an_internal_mandate_is_only_in_the_figures_of_those_who_see_it(
    delegation_client, secretariat_client, accepted, secretariat_user, queued
):
    op5 = Mandate.objects.get(paragraph__number=5)
    mandate_update(mandate=op5, user=secretariat_user, is_internal=True)
    link = f'href="/mandates/{op5.pk}/"'
    # Staff first, so that a figures cache shared by mistake would hand theirs on.
    assert link in main(secretariat_client.get(DASHBOARD))
    assert link not in main(delegation_client.get(DASHBOARD))
    assert link in main(secretariat_client.get(DASHBOARD))


@pytest.fixture
def figures_as(monkeypatch):
    """Makes the dashboard compute figures as a larger database would: figures_as(total=…)."""
    from tracking.dashboard import figures

    compute = figures.dashboard_compute

    def set_figures(**values):
        def computed(**kwargs):
            stats = compute(**kwargs)
            for name, value in values.items():
                setattr(stats, name, value)
            return stats

        monkeypatch.setattr(figures, "dashboard_compute", computed)

    return set_figures


@pytest.mark.parametrize(
    ("language", "tracked", "overdue"),
    [
        ("en", "12,345 mandates tracked.", "1,234</span> overdue"),
        ("fr", "12\u00a0345 mandats suivis.", "1\u00a0234</span> en retard"),
    ],
)
def test_the_dashboard_groups_its_figures_by_thousands(
    delegation_client, accepted, figures_as, language, tracked, overdue
):
    figures_as(total=12345, overdue=1234)
    html = main(delegation_client.get(DASHBOARD, headers={"accept-language": language}))
    assert tracked in html
    assert overdue in html


@pytest.mark.parametrize(
    ("language", "tracked"), [("en", "1 mandate tracked."), ("fr", "1 mandat suivi.")]
)
def test_the_dashboard_says_how_many_mandates_are_tracked_in_the_singular(
    delegation_client, accepted, figures_as, language, tracked
):
    figures_as(total=1)
    html = main(delegation_client.get(DASHBOARD, headers={"accept-language": language}))
    assert tracked in html
