"""
Which States a mandate addressed to a group of States concerns. Plain Python: no
database, no clock; the callers pass the memberships and the day.

The rule (README, "States"): a mandate addressed to a group concerns the States that
were members on the day the resolution was adopted, plus those that joined since, minus
those whose withdrawal has taken effect by the reference day (today, unless a caller asks
about another day). The Assembly's requests to "States Parties" are standing requests to
whoever is a party: a State that joins later is asked to do the same (ratify, legislate,
designate), and a State whose withdrawal took effect no longer answers to the Assembly,
so it leaves the counts while what it reported stays in the history.

The rule comes to "the members on the reference day" for a resolution adopted on or
before that day; `concerned_states` is written the way the rule is stated, and the tests
check that it agrees with `members_on`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# Groups whose members are computed rather than listed (the key of their Actor):
# every State; the Member States of the United Nations (from each State's UN status);
# and the States that are not parties to the Rome Statute (every State but the parties).
ALL_STATES = "states"
MEMBER_STATES = "member_states"
STATES_PARTIES = "states_parties"
NON_PARTY_STATES = "non_party_states"
COMPUTED_GROUPS = frozenset({ALL_STATES, MEMBER_STATES, NON_PARTY_STATES})


@dataclass(frozen=True)
class Membership:
    """A State's membership of a group between two dates. No start: since before any
    date recorded; no end: still a member. The end is the day the withdrawal took
    effect, from which the State is no longer a member."""

    state: str
    start: datetime.date | None = None
    end: datetime.date | None = None

    def active_on(self, day: datetime.date) -> bool:
        started = self.start is None or self.start <= day
        not_ended = self.end is None or day < self.end
        return started and not_ended


def members_on(memberships: Iterable[Membership], day: datetime.date) -> set[str]:
    return {m.state for m in memberships if m.active_on(day)}


def concerned_states(
    memberships: Iterable[Membership],
    *,
    adopted_on: datetime.date | None,
    on: datetime.date,
) -> set[str]:
    """The States a mandate addressed to the group concerns on day `on`.

    A resolution with no known date of adoption is taken as adopted on `on`.
    """
    memberships = list(memberships)
    # A resolution dated after the day asks nothing yet of anyone who joins in between.
    adopted_on = min(adopted_on or on, on)
    at_adoption = members_on(memberships, adopted_on)
    joined_since = {
        m.state for m in memberships if m.start is not None and adopted_on < m.start <= on
    }
    members_now = members_on(memberships, on)
    # A State that withdrew and joined again is a member again: only a withdrawal still
    # in effect on the day takes it out.
    withdrawn = {m.state for m in memberships if m.end is not None and m.end <= on} - members_now
    return (at_adoption | joined_since) - withdrawn


def resolve_group(
    key: str,
    *,
    all_states: Iterable[str],
    un_members: Iterable[str],
    memberships: dict[str, list[Membership]],
    adopted_on: datetime.date | None,
    on: datetime.date,
) -> set[str]:
    """The States that a mandate addressed to the group `key` concerns.

    `memberships` holds the dated memberships of the listed groups, by group key;
    "States not parties" is every State but the parties resolved by the same rule.
    """
    if key == ALL_STATES:
        return set(all_states)
    if key == MEMBER_STATES:
        return set(un_members)
    if key == NON_PARTY_STATES:
        parties = concerned_states(
            memberships.get(STATES_PARTIES, []), adopted_on=adopted_on, on=on
        )
        return set(all_states) - parties
    return concerned_states(memberships.get(key, []), adopted_on=adopted_on, on=on)


def groups_of_state(
    state: str,
    *,
    is_un_member: bool,
    memberships: dict[str, list[Membership]],
    on: datetime.date,
) -> set[str]:
    """The keys of the groups a State belongs to on the day, computed groups included:
    what a State page lists mandates for."""
    groups = {ALL_STATES}
    if is_un_member:
        groups.add(MEMBER_STATES)
    for key, rows in memberships.items():
        if state in members_on((m for m in rows if m.state == state), on):
            groups.add(key)
    if STATES_PARTIES not in groups:
        groups.add(NON_PARTY_STATES)
    return groups
