"""The membership rule, without a database."""

import datetime
import random

import pytest

from tracking.states.membership import (
    Membership,
    concerned_states,
    groups_of_state,
    members_on,
    resolve_group,
)

D = datetime.date
PARTIES = [
    Membership("FRA", D(2002, 7, 1)),
    Membership("KEN", D(2005, 6, 1)),
    Membership("BDI", D(2004, 12, 1), D(2017, 10, 27)),
    Membership("PHL", D(2011, 11, 1), D(2019, 3, 17)),
    Membership("UKR", D(2025, 1, 1)),
    Membership("XXX", D(2030, 1, 1)),  # ratified, not yet in force
]
ADOPTED = D(2012, 11, 21)  # ICC-ASP/11/Res.5


def test_it_keeps_the_parties_on_the_day_of_adoption_that_are_still_parties():
    concerned = concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2026, 12, 1))
    assert {"FRA", "KEN"} <= concerned


def test_it_adds_a_state_that_joined_after_the_resolution_was_adopted():
    assert "UKR" in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2026, 12, 1))
    assert "UKR" not in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2024, 12, 31))


def test_it_drops_a_state_once_its_withdrawal_has_taken_effect():
    assert "BDI" in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2017, 10, 26))
    assert "BDI" not in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2017, 10, 27))
    assert "PHL" not in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2026, 12, 1))


def test_a_state_that_joined_and_withdrew_after_adoption_is_not_concerned():
    assert "PHL" in concerned_states(PARTIES, adopted_on=D(2010, 1, 1), on=D(2015, 1, 1))
    assert "PHL" not in concerned_states(PARTIES, adopted_on=D(2010, 1, 1), on=D(2020, 1, 1))


def test_a_ratification_not_yet_in_force_concerns_nothing_yet():
    assert "XXX" not in concerned_states(PARTIES, adopted_on=ADOPTED, on=D(2026, 12, 1))


def test_a_state_that_withdrew_and_joined_again_is_concerned_again():
    rows = [Membership("ABC", D(2002, 7, 1), D(2010, 1, 1)), Membership("ABC", D(2015, 1, 1))]
    assert concerned_states(rows, adopted_on=D(2012, 1, 1), on=D(2020, 1, 1)) == {"ABC"}
    assert concerned_states(rows, adopted_on=D(2005, 1, 1), on=D(2012, 1, 1)) == set()


def test_a_resolution_with_no_date_is_taken_as_adopted_on_the_day():
    assert concerned_states(PARTIES, adopted_on=None, on=D(2026, 12, 1)) == {"FRA", "KEN", "UKR"}


@pytest.mark.parametrize("seed", range(20))
def test_the_rule_comes_to_the_members_on_the_day(seed):
    """What the README says the rule amounts to, checked on random histories."""
    rng = random.Random(seed)
    rows = []
    for index in range(30):
        start = D(2000, 1, 1) + datetime.timedelta(rng.randrange(9000))
        end = start + datetime.timedelta(rng.randrange(1, 4000)) if rng.random() < 0.3 else None
        rows.append(Membership(f"S{index % 20:02}", start if rng.random() < 0.9 else None, end))
    for _ in range(20):
        adopted = D(2000, 1, 1) + datetime.timedelta(rng.randrange(9000))
        on = adopted + datetime.timedelta(rng.randrange(4000))
        assert concerned_states(rows, adopted_on=adopted, on=on) == members_on(rows, on)


ALL = {"FRA", "KEN", "BDI", "PHL", "UKR", "XXX", "USA", "VAT"}
UN = ALL - {"VAT"}


def test_computed_groups_resolve_from_the_registry():
    day = D(2026, 12, 1)
    args = {
        "all_states": ALL,
        "un_members": UN,
        "memberships": {"states_parties": PARTIES},
        "adopted_on": ADOPTED,
        "on": day,
    }
    assert resolve_group("states", **args) == ALL
    assert resolve_group("member_states", **args) == UN
    assert resolve_group("states_parties", **args) == {"FRA", "KEN", "UKR"}
    assert resolve_group("non_party_states", **args) == {"BDI", "PHL", "XXX", "USA", "VAT"}
    assert resolve_group("some_group_with_no_rows", **args) == set()


def test_the_groups_of_a_state_agree_with_the_resolution_of_each_group():
    day = D(2026, 12, 1)
    memberships = {"states_parties": PARTIES}
    for state in ALL:
        groups = groups_of_state(state, is_un_member=state in UN, memberships=memberships, on=day)
        for key in ("states", "member_states", "states_parties", "non_party_states"):
            resolved = resolve_group(
                key,
                all_states=ALL,
                un_members=UN,
                memberships=memberships,
                adopted_on=ADOPTED,
                on=day,
            )
            assert (key in groups) == (state in resolved), (state, key)
