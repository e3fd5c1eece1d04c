"""Mandates suggested for a single State ("Requests Kenya to …") are addressed to the
actor that stands for that State, and concern that State alone."""

import pytest

from resolutions.services import resolution_import
from tracking.models import Actor, Mandate
from tracking.services import actor_for_state
from tracking.states.selectors import mandate_concerns_state, mandate_rollup, state_items


def _import(text, symbol="ICC-ASP/11/Res.8", language="en"):
    return resolution_import(text=text, symbol=symbol, language=language).resolution


KENYA_TEXT = (
    "Noting the report,\n\n"
    "1. Requests Kenya to submit a report on cooperation to the Assembly at its twelfth "
    "session."
)


def test_it_addresses_a_mandate_asked_of_one_state_to_that_states_actor(states):
    resolution = _import(KENYA_TEXT)

    mandate = Mandate.objects.get(paragraph__resolution=resolution)
    (actor,) = mandate.addressees.all()
    assert actor.state == states["KEN"]
    assert (actor.key, actor.name_en, actor.name_fr) == ("state-ken", "Kenya", "Kenya")


def test_it_names_the_new_actor_in_english_and_french_from_the_registry(states):
    actor = actor_for_state(state=states["BOL"])

    assert actor.name_en == "Bolivia (Plurinational State of)"
    assert actor.name_fr == "Bolivie (État plurinational de)"


def test_it_creates_the_states_actor_once_whatever_the_number_of_imports(states):
    _import(KENYA_TEXT)
    _import(KENYA_TEXT, symbol="ICC-ASP/12/Res.8")

    assert Actor.objects.filter(state=states["KEN"]).count() == 1
    assert Mandate.objects.filter(addressees__state=states["KEN"]).count() == 2


def test_it_uses_an_actor_staff_linked_to_the_state_whatever_its_key(states):
    staff_made = Actor.objects.create(
        key="kenya", name_en="Republic of Kenya", name_fr="Kenya", state=states["KEN"]
    )

    resolution = _import(KENYA_TEXT)

    assert list(Mandate.objects.get(paragraph__resolution=resolution).addressees.all()) == [
        staff_made
    ]
    assert not Actor.objects.filter(key="state-ken").exists()


def test_it_links_an_actor_with_the_states_key_that_staff_made_without_a_state(states):
    made = Actor.objects.create(key="state-ken", name_en="Kenya", name_fr="Kenya")

    assert actor_for_state(state=states["KEN"]) == made
    made.refresh_from_db()
    assert made.state == states["KEN"]


def test_it_drops_a_state_that_is_not_in_the_registry(db):
    resolution = _import(KENYA_TEXT)

    mandate = Mandate.objects.get(paragraph__resolution=resolution)
    assert list(mandate.addressees.all()) == []
    assert not Actor.objects.filter(key__startswith="state-").exists()


def test_a_mandate_asked_of_one_state_concerns_that_state_alone(states, secretariat_user):
    resolution = _import(KENYA_TEXT)
    mandate = Mandate.objects.get(paragraph__resolution=resolution)
    mandate.review = Mandate.Review.ACCEPTED
    mandate.save(update_fields=["review"])

    assert mandate_concerns_state(mandate=mandate, state=states["KEN"])
    assert not mandate_concerns_state(mandate=mandate, state=states["FRA"])
    assert list(state_items(state=states["KEN"], user=secretariat_user)) == [mandate]
    assert list(state_items(state=states["FRA"], user=secretariat_user)) == []
    (row,) = mandate_rollup(mandate=mandate)
    assert row["total"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_share_one_actor_for_the_state(states):
    """Both callers of get_or_create race on the unique key; the loser reads the winner's
    row (on PostgreSQL the second insert waits for the first to commit)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")

    def create():
        try:
            return actor_for_state(state=states["KEN"]).pk
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        ids = list(pool.map(lambda _n: create(), range(2)))

    assert len(set(ids)) == 1
    assert Actor.objects.filter(state=states["KEN"]).count() == 1
