"""`manage.py load_demo`, which `make run` runs before serving: it must work on an empty
database and again on its own output."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from resolutions.models import Resolution, Session
from tracking.models import ActorContact, Mandate, MandateEvent

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Resolution.objects.count(),
        Session.objects.count(),
        Mandate.objects.count(),
        MandateEvent.objects.count(),
        ActorContact.objects.count(),
        get_user_model().objects.count(),
    )


def test_the_demo_loads_into_an_empty_database_and_again_without_duplicates(settings):
    settings.DEBUG = True
    first = load_demo()
    assert "ICC-ASP/11/Res.5 created" in first
    assert Mandate.objects.filter(review="accepted").exists()
    assert Mandate.objects.filter(review="suggested").exists()  # left for a visitor
    assert Mandate.objects.filter(status="in_progress").count() == 1
    loaded = counts()

    second = load_demo()
    assert counts() == loaded
    assert "Demo suggestions accepted: 0." in second


def test_the_demo_says_where_reminder_emails_go(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    assert f"Reminders are written to {tmp_path / 'mail'}/" in load_demo()


def test_the_demo_creates_no_accounts_on_a_production_server(settings):
    settings.DEBUG = False
    output = load_demo()
    assert "no demo accounts created" in output
    assert not get_user_model().objects.filter(username="secretariat").exists()
    assert Resolution.objects.filter(symbol="ICC-ASP/11/Res.5").exists()


def test_the_demo_loads_the_states_and_a_delegation_linked_to_france(settings):
    from tracking.states.models import DelegationLink, State, StateProgress, StateReport

    settings.DEBUG = True
    output = load_demo()
    assert State.objects.filter(iso3="FRA").exists()
    assert "france       france-demo        (Delegation, FRA)" in output
    assert DelegationLink.objects.get(user__username="france").state.iso3 == "FRA"
    progress = StateProgress.objects.filter(mandate__resolution__symbol="ICC-ASP/11/Res.5")
    assert progress.count() >= 5
    assert progress.filter(state__iso3="FRA", reported_by_state=True).exists()
    assert StateReport.objects.get().review == "accepted"
    loaded = (progress.count(), StateReport.objects.count(), DelegationLink.objects.count())

    second = load_demo()
    assert "States: 0 created, 0 updated" in second
    assert (progress.count(), StateReport.objects.count(), DelegationLink.objects.count()) == loaded
