"""Reminders per State: a State's delegation is reminded of what is asked of its State,
due soon or overdue, that the State has not completed, each reminder once."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resolutions.models import Paragraph, Resolution
from resolutions.services import body_for_prefix
from tracking import roles
from tracking.models import Actor, Follow, Mandate, Recipient, Reminder, Status
from tracking.reminders import rules
from tracking.reminders.rules import Person
from tracking.reminders.selectors import reminders_due, reminders_preview
from tracking.reminders.services import digest_message, reminders_plan, reminders_send_pending
from tracking.services import actor_for_state, mandate_create, mandate_set_status
from tracking.states.models import StateProgress
from tracking.states.services import delegation_link, state_progress_set

DUE = datetime.date(2030, 3, 15)
OFFSETS = [60, 30, 7, 1]
WEEK_BEFORE = DUE - datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def exact_days(settings):
    settings.SUIVI_REMINDER_CATCH_UP_DAYS = 1
    settings.SUIVI_REMINDER_OFFSETS = OFFSETS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def paragraph(db):
    """OP9 of a resolution adopted in 2012: Ukraine joined since (2025), Burundi's
    withdrawal took effect since (2017)."""
    resolution = Resolution.objects.create(
        symbol="ICC-ASP/11/Res.5",
        body=body_for_prefix("ICC-ASP"),
        adopted_on=datetime.date(2012, 11, 21),
    )
    return Paragraph.objects.create(
        resolution=resolution, kind=Paragraph.Kind.OPERATIVE, number=9, order=9
    )


@pytest.fixture
def make_mandate(paragraph, secretariat_user):
    def make(*, addressees=None, due=DUE, **extra):
        return mandate_create(
            paragraph=paragraph,
            user=secretariat_user,
            addressees=addressees or [Actor.objects.get(key="states_parties")],
            action="requests",
            deliverable="ratify the Agreement on Privileges and Immunities",
            deadline_relation="by_date",
            deadline_date=due,
            focal_point=None,
            **extra,
        )

    return make


@pytest.fixture
def delegates(states, django_user_model):
    """A delegate of each of a few States, by ISO code."""
    roles.roles_sync()
    people = {}
    for iso3 in ("FRA", "KEN", "BDI", "UKR", "USA"):
        user = django_user_model.objects.create_user(
            f"delegate-{iso3.lower()}", email=f"{iso3.lower()}@example.org"
        )
        user.groups.add(Group.objects.get(name=roles.DELEGATION))
        delegation_link(user=user, state=states[iso3])
        people[iso3] = user
    return people


def record(mandate, state, status, user):
    """Staff record a State's status, on top of whatever it had."""
    current = StateProgress.objects.filter(mandate=mandate, state=state).first()
    state_progress_set(
        mandate=mandate,
        state=state,
        status=status,
        user=user,
        expected_version=current.version if current else 0,
    )


def state_reminders(today):
    return {
        (item.person.email, item.state_id, item.kind)
        for item in reminders_due(today=today)
        if item.state_id
    }


def emails(items):
    return {email for email, _state, _kind in items}


# Pure rule ---------------------------------------------------------------------------------


def test_the_delegates_of_states_concerned_and_not_closed_are_reminded_each_once():
    ana = Person("ana@example.org", "en")
    assert rules.delegation_audience(
        concerned={1, 2, 3},
        closed={2},
        delegates={1: [ana, ana], 2: [Person("b@example.org", "en")], 4: [ana]},
    ) == [(1, ana)]


# Who is reminded ---------------------------------------------------------------------------


def test_the_delegates_of_the_states_parties_are_reminded_of_a_request_to_them(
    make_mandate, delegates, states
):
    mandate = make_mandate()

    due = state_reminders(WEEK_BEFORE)

    assert due == {
        ("fra@example.org", states["FRA"].pk, "before_7"),
        ("ken@example.org", states["KEN"].pk, "before_7"),
        ("ukr@example.org", states["UKR"].pk, "before_7"),
    }
    assert mandate.pk in {item.mandate_id for item in reminders_due(today=WEEK_BEFORE)}


def test_a_state_that_joined_after_the_adoption_is_reminded(make_mandate, delegates):
    make_mandate()

    assert "ukr@example.org" in emails(state_reminders(WEEK_BEFORE))


def test_a_state_whose_withdrawal_took_effect_is_not_reminded(make_mandate, delegates):
    make_mandate()

    assert "bdi@example.org" not in emails(state_reminders(WEEK_BEFORE))


def test_a_state_that_is_not_a_party_is_not_reminded_of_a_request_to_the_parties(
    make_mandate, delegates
):
    make_mandate()

    assert "usa@example.org" not in emails(state_reminders(WEEK_BEFORE))


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.NOT_APPLICABLE])
def test_a_state_that_closed_its_part_is_not_reminded_but_the_others_are(
    status, make_mandate, delegates, states, secretariat_user
):
    mandate = make_mandate()
    record(mandate, states["FRA"], Status.IN_PROGRESS, secretariat_user)
    record(mandate, states["FRA"], status, secretariat_user)

    due = emails(state_reminders(WEEK_BEFORE))

    assert "fra@example.org" not in due
    assert "ken@example.org" in due


def test_a_state_in_progress_is_still_reminded(make_mandate, delegates, states, secretariat_user):
    mandate = make_mandate()
    record(mandate, states["KEN"], Status.IN_PROGRESS, secretariat_user)

    assert "ken@example.org" in emails(state_reminders(WEEK_BEFORE))


def test_a_request_to_one_state_reminds_that_states_delegation_alone(
    make_mandate, delegates, states
):
    make_mandate(addressees=[actor_for_state(state=states["KEN"])])

    assert emails(state_reminders(WEEK_BEFORE)) == {"ken@example.org"}


def test_internal_mandates_and_suggestions_are_not_reminded_to_delegations(make_mandate, delegates):
    internal = make_mandate()
    Mandate.objects.filter(pk=internal.pk).update(is_internal=True)
    assert state_reminders(WEEK_BEFORE) == set()

    suggested = make_mandate()
    Mandate.objects.filter(pk=suggested.pk).update(review=Mandate.Review.SUGGESTED)
    assert state_reminders(WEEK_BEFORE) == set()


def test_a_mandate_that_applies_to_no_one_any_more_is_not_reminded(
    make_mandate, delegates, secretariat_user
):
    mandate = make_mandate()
    mandate_set_status(
        mandate=mandate,
        status=Status.NOT_APPLICABLE,
        user=secretariat_user,
        expected_version=mandate.version,
    )

    assert state_reminders(WEEK_BEFORE) == set()


def test_overdue_items_are_reminded_the_day_after_then_weekly(make_mandate, delegates):
    make_mandate()

    assert {kind for *_rest, kind in state_reminders(DUE + datetime.timedelta(days=1))} == {
        "overdue_1"
    }
    assert state_reminders(DUE + datetime.timedelta(days=2)) == set()
    assert {kind for *_rest, kind in state_reminders(DUE + datetime.timedelta(days=8))} == {
        "overdue_8"
    }


def test_an_inactive_delegate_or_one_without_an_address_gets_nothing(make_mandate, delegates):
    make_mandate()
    delegates["FRA"].is_active = False
    delegates["FRA"].save()
    delegates["KEN"].email = ""
    delegates["KEN"].save()

    assert emails(state_reminders(WEEK_BEFORE)) == {"ukr@example.org"}


def test_the_selection_takes_a_constant_number_of_queries(
    make_mandate, delegates, states, secretariat_user
):
    make_mandate()
    with CaptureQueriesContext(connection) as one:
        reminders_due(today=WEEK_BEFORE)
    for _n in range(5):
        mandate = make_mandate()
        record(mandate, states["FRA"], Status.IN_PROGRESS, secretariat_user)
    make_mandate(addressees=[actor_for_state(state=states["KEN"])])
    with CaptureQueriesContext(connection) as many:
        reminders_due(today=WEEK_BEFORE)

    assert len(many) == len(one)


# Sending -------------------------------------------------------------------------------------


def run(today, *, worker="test"):
    reminders_plan(today=today)
    now = datetime.datetime.combine(today, datetime.time(7), tzinfo=datetime.UTC)
    return reminders_send_pending(worker=worker, now=now, today=today)


def test_each_delegate_gets_one_digest_and_a_second_run_sends_nothing(
    make_mandate, delegates, mailoutbox
):
    make_mandate()
    make_mandate()

    report = run(WEEK_BEFORE)
    run(WEEK_BEFORE, worker="other")

    assert sorted(m.to[0] for m in mailoutbox) == [
        "fra@example.org",
        "ken@example.org",
        "ukr@example.org",
    ]
    assert report.sent == 6
    assert Reminder.objects.filter(for_state__isnull=False, state="sent").count() == 6


def test_the_digest_says_what_is_asked_of_the_state_with_its_own_status(
    make_mandate, delegates, states, secretariat_user, mailoutbox, settings
):
    mandate = make_mandate()
    record(mandate, states["KEN"], Status.IN_PROGRESS, secretariat_user)

    run(WEEK_BEFORE)

    (kenya,) = [m for m in mailoutbox if m.to == ["ken@example.org"]]
    assert kenya.subject == "Suivi, Kenya: 1 request to follow up"
    assert "What is asked of Kenya" in kenya.body
    assert "Status of Kenya: in progress" in kenya.body
    assert f"{settings.SITE_ROOT}/states/KEN/mandates/{mandate.pk}/" in kenya.body
    html = kenya.alternatives[0][0]
    assert f'href="{settings.SITE_ROOT}/states/KEN/mandates/{mandate.pk}/"' in html
    (france,) = [m for m in mailoutbox if m.to == ["fra@example.org"]]
    assert "Status of France: no information" in france.body


def test_the_digest_of_a_french_delegate_is_in_french_with_french_typography(
    make_mandate, delegates, mailoutbox
):
    make_mandate(due=WEEK_BEFORE - datetime.timedelta(days=1))
    run(WEEK_BEFORE)  # the first email creates the recipient
    Recipient.objects.filter(email="fra@example.org").update(language="fr")
    reminder = Reminder.objects.get(recipient__email="fra@example.org")

    message = digest_message(recipient=reminder.recipient, items=[reminder], today=WEEK_BEFORE)

    assert message.subject == "Suivi, France\u00a0: 1 demande à suivre · 1 en retard"
    assert "Ce qui est demandé à la France" in message.body
    assert "par la France. La délégation peut" in message.body
    assert "Statut de la France\u00a0: aucune information" in message.body
    assert "Ce qui est demandé à la France" in message.alternatives[0][0]


def test_a_state_that_completes_its_part_before_the_send_is_not_reminded(
    make_mandate, delegates, states, secretariat_user, mailoutbox
):
    mandate = make_mandate()
    reminders_plan(today=WEEK_BEFORE)
    record(mandate, states["FRA"], Status.COMPLETED, secretariat_user)

    reminders_send_pending(
        worker="test",
        now=datetime.datetime.combine(WEEK_BEFORE, datetime.time(7), tzinfo=datetime.UTC),
        today=WEEK_BEFORE,
    )

    assert "fra@example.org" not in {m.to[0] for m in mailoutbox}
    assert Reminder.objects.get(recipient__email="fra@example.org").state == "cancelled"


def test_a_delegate_who_follows_the_mandate_gets_both_in_one_digest(
    make_mandate, delegates, mailoutbox
):
    mandate = make_mandate()
    Follow.objects.create(user=delegates["KEN"], mandate=mandate)

    run(WEEK_BEFORE)

    (kenya,) = [m for m in mailoutbox if m.to == ["ken@example.org"]]
    assert Reminder.objects.filter(recipient__email="ken@example.org").count() == 2
    assert "What is asked of Kenya" in kenya.body
    assert "Coming up" in kenya.body


def test_the_dry_run_shows_what_a_delegate_would_get(make_mandate, delegates):
    make_mandate()

    now = datetime.datetime.combine(WEEK_BEFORE, datetime.time(7), tzinfo=datetime.UTC)
    previews = {p.email: p for p in reminders_preview(today=WEEK_BEFORE, now=now)}

    assert [item.for_state.iso3 for item in previews["ken@example.org"].items] == ["KEN"]
