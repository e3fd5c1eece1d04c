"""A world with something of every kind to hide: internal mandates and notes, history
entries about internal matters, suggestions not reviewed; States, and a delegation of
France. Users of each role, and a client that calls the API with a personal token."""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from api.services import token_create
from conftest import make_user
from resolutions.models import Paragraph
from tracking import roles
from tracking.models import Actor, Mandate
from tracking.services import mandate_accept, mandate_create, mandate_set_status, mandate_update
from tracking.states.models import DelegationLink, State
from tracking.states.services import states_load
from tracking.tests.conftest import ROME_STATUTE_CSV, STATES_CSV


@dataclass
class World:
    public: Mandate  # accepted, addressed to the Bureau, overdue, with a public note
    internal: Mandate  # accepted but internal
    suggested: Mandate  # a suggestion nobody reviewed
    to_states: Mandate  # asked of States Parties: France's delegation reports on it
    france: State


def api_client(user=None, *, token: str | None = None) -> Client:
    """A client that sends the user's new token (or the token given), as a script would."""
    if token is None and user is not None:
        _token, token = token_create(user=user, name="tests")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(headers=headers)


@pytest.fixture
def admin_user(django_user_model):
    return make_user(django_user_model, "ada", roles.ADMINISTRATORS, is_staff=True)


@pytest.fixture
def world(imported_seed, secretariat_user, delegation_user) -> World:
    states_load(states_csv=STATES_CSV, rome_statute_csv=ROME_STATUTE_CSV)
    france = State.objects.get(iso3="FRA")
    DelegationLink.objects.create(user=delegation_user, state=france)
    suggestions = list(Mandate.objects.filter(review="suggested").order_by("paragraph__order"))
    public, internal, suggested = suggestions[0], suggestions[1], suggestions[2]
    for mandate in (public, internal):
        mandate_accept(mandate=mandate, user=secretariat_user)
    bureau = Actor.objects.get(key="bureau")
    mandate_update(
        mandate=public,
        user=secretariat_user,
        addressees=[bureau],
        deadline_relation="by_date",
        deadline_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    mandate_set_status(
        mandate=public, status="in_progress", user=secretariat_user, comment="Letters sent"
    )
    # Internal matters about the public mandate: never shown to a delegation.
    mandate_update(
        mandate=public,
        user=secretariat_user,
        internal_notes="Secret: the Bureau is late",
        comment="Secret comment on a note",
    )
    mandate_update(
        mandate=internal,
        user=secretariat_user,
        is_internal=True,
        internal_notes="Secret: internal only",
    )
    paragraph = Paragraph.objects.filter(kind="operative", parent=None).order_by("order").last()
    to_states = mandate_create(
        paragraph=paragraph,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="states_parties")],
        action="urges",
        deliverable="ratify the amendments",
    )
    for mandate in (public, internal, suggested, to_states):
        mandate.refresh_from_db()
    return World(public, internal, suggested, to_states, france)


@pytest.fixture
def clients(world, secretariat_user, delegation_user, admin_user) -> dict[str, Client]:
    return {
        "anonymous": Client(),
        "delegation": api_client(delegation_user),
        "staff": api_client(secretariat_user),
        "admin": api_client(admin_user),
    }
