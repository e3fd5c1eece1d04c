"""Per-State roll-ups on the mandate page and the dashboard."""

import contextlib
import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracking.dashboard.figures import dashboard_compute
from tracking.models import Actor
from tracking.services import TrackingError, mandate_update
from tracking.states.selectors import mandate_rollup, state_items
from tracking.states.services import state_progress_set

pytestmark = pytest.mark.django_db


def record(mandate, state, status, user=None):
    return state_progress_set(
        mandate=mandate, state=state, status=status, user=user, expected_version=0
    )


def test_the_rollup_counts_the_states_each_group_addressee_concerns(accepted, states):
    op9 = accepted[(9, 1)]  # States Parties and States not parties
    record(op9, states["FRA"], "completed")
    record(op9, states["KEN"], "in_progress")
    record(op9, states["USA"], "completed")
    rows = {row["actor"].key: row for row in mandate_rollup(mandate=op9)}
    # Parties today: FRA, DEU, KEN, UKR, COK, BOL; Burundi withdrew.
    assert (rows["states_parties"]["total"], rows["states_parties"]["completed"]) == (6, 1)
    assert rows["states_parties"]["no_information"] == 4
    assert ("in_progress", "in progress", 1) in rows["states_parties"]["counts"]
    assert (rows["non_party_states"]["total"], rows["non_party_states"]["completed"]) == (3, 1)


def test_no_rollup_for_a_mandate_addressed_to_no_state(accepted):
    assert mandate_rollup(mandate=accepted[(19, 1)]) == []  # the Court


def test_a_mandate_addressed_to_one_state_concerns_it_alone(accepted, states, secretariat_user):
    kenya = Actor.objects.create(key="kenya", name_en="Kenya", name_fr="Kenya", state=states["KEN"])
    op12 = accepted[(12, 1)]
    mandate_update(mandate=op12, user=secretariat_user, addressees=[kenya])
    record(op12, states["KEN"], "completed")
    assert [(r["total"], r["completed"]) for r in mandate_rollup(mandate=op12)] == [(1, 1)]
    with pytest.raises(TrackingError, match="not addressed to France"):
        record(op12, states["FRA"], "completed")


def test_the_mandate_page_shows_the_rollup(delegation_client, accepted, states):
    op13 = accepted[(13, 1)]
    record(op13, states["FRA"], "completed")
    record(op13, states["DEU"], "in_progress")
    page = delegation_client.get(op13.get_absolute_url()).content.decode()
    # Each other count after its label ("in progress 1" read as a name).
    assert (
        "States Parties: 1 of 6 completed</strong> — in progress: 1, no information: 4</li>"
    ) in page
    french = delegation_client.get(
        op13.get_absolute_url(), headers={"accept-language": "fr"}
    ).content.decode()
    assert "en cours\u00a0: 1, aucune information\u00a0: 4</li>" in french


def test_the_mandate_page_query_count_does_not_grow_with_the_states_reports(
    delegation_client, accepted, states, django_assert_num_queries
):
    op9 = accepted[(9, 1)]
    delegation_client.get(op9.get_absolute_url())
    cache.clear()  # the page is rendered, not read from the cache, both times
    with CaptureQueriesContext(connection) as few:
        delegation_client.get(op9.get_absolute_url())
    for iso3 in ("FRA", "DEU", "KEN", "USA", "VAT", "BOL"):
        record(op9, states[iso3], "in_progress")
    cache.clear()
    with django_assert_num_queries(len(few)):
        delegation_client.get(op9.get_absolute_url())


def test_the_dashboard_counts_overdue_items_and_completion_per_state(
    accepted, states, secretariat_user
):
    today = datetime.date(2026, 12, 1)
    for key in ((13, 1), (15, 1)):  # States Parties; all States
        mandate_update(
            mandate=accepted[key],
            user=secretariat_user,
            deadline_relation="by_date",
            deadline_date=datetime.date(2014, 1, 1),
        )
    record(accepted[(13, 1)], states["FRA"], "completed")
    record(accepted[(15, 1)], states["FRA"], "in_progress")
    record(accepted[(15, 1)], states["VAT"], "completed")

    stats = dashboard_compute(see_internal=False, today=today)
    overdue = {row["iso3"]: row["overdue"] for row in stats.overdue_states}
    assert overdue["DEU"] == 2 and overdue["FRA"] == 1
    assert overdue["USA"] == 1  # only OP15 asks it
    assert "VAT" not in overdue
    assert stats.overdue_states[0]["overdue"] == 2
    regions = {row["key"]: row for row in stats.by_region}
    western = regions["western_european_other"]
    assert western["states"] == 3 and western["completed"] == 1 and western["in_progress"] == 1
    # One item per State and request: what each State's page lists.
    asked = sum(
        state_items(state=states[iso3], user=secretariat_user, today=today).count()
        for iso3 in ("FRA", "DEU", "USA")
    )
    assert western["total"] == asked
    assert {row["iso3"]: row["total"] for row in stats.overdue_states}["USA"] == (
        state_items(state=states["USA"], user=secretariat_user, today=today).count()
    )


def test_the_dashboard_figures_for_states_take_a_fixed_number_of_queries(
    accepted, states, secretariat_user
):
    today = datetime.date(2026, 12, 1)
    with CaptureQueriesContext(connection) as few:
        dashboard_compute(see_internal=False, today=today)
    for mandate in accepted.values():
        for state in states.values():
            # Mandates not addressed to that State are refused.
            with contextlib.suppress(TrackingError):
                record(mandate, state, "in_progress")
    with CaptureQueriesContext(connection) as many:
        dashboard_compute(see_internal=False, today=today)
    assert len(many) == len(few)


def test_the_dashboard_page_shows_the_states_sections(delegation_client, accepted, states):
    page = delegation_client.get("/dashboard/").content.decode()
    assert "Completion by regional group" in page
    assert "States with the most overdue items" in page
