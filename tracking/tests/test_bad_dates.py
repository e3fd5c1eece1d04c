"""A deadline date no assembly works with is refused where it enters, and a row that holds
one from before (or from the database itself) never stops the reminder run or a feed."""

import datetime
import logging

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from tracking.deadlines import Relation, find_deadline, resolve_due_date
from tracking.exports import formats
from tracking.models import Actor, ActorContact, Mandate, MandateEvent, Reminder
from tracking.reminders.services import reminders_plan, reminders_send_pending
from tracking.services import TrackingError, mandate_create, mandate_update

BAD_DATES = ["0001-01-05", "9999-12-31"]


def deadline_date_in(text: str) -> datetime.date | None:
    found = find_deadline(text)
    return found.date if found else None


def test_a_deadline_in_an_impossible_year_is_not_read_from_a_paragraph():
    assert deadline_date_in("to report by 5 January 0001") is None
    assert deadline_date_in("to report by the end of 0000") is None
    assert deadline_date_in("to report by the end of 9999") is None
    assert deadline_date_in("de faire rapport d'ici au 31 mars 2013") == datetime.date(2013, 3, 31)


def test_well_before_a_session_in_the_year_one_has_no_due_date():
    due = resolve_due_date(
        relation=Relation.BEFORE,
        session_start=datetime.date(1, 1, 5),
        session_end=None,
        well_before=True,
        well_before_lead_days=60,
    )
    assert due is None


@pytest.mark.parametrize("bad", BAD_DATES)
def test_the_edit_form_refuses_an_impossible_deadline_date_and_changes_nothing(
    secretariat_client, mandate, bad
):
    before = (Mandate.objects.get(pk=mandate.pk).version, MandateEvent.objects.count())
    response = secretariat_client.post(
        reverse("tracking:mandate_edit", args=[mandate.pk]),
        {
            "version": mandate.version,
            "addressees": [mandate.addressees.get().pk],
            "action": "requests",
            "deadline_relation": "by_date",
            "deadline_date": bad,
        },
    )
    assert response.status_code == 400
    assert "Enter a date between 1945 and 2200." in response.content.decode()
    assert (Mandate.objects.get(pk=mandate.pk).version, MandateEvent.objects.count()) == before


def test_the_add_form_refuses_an_impossible_deadline_date_in_french(secretariat_client, op5):
    count = Mandate.objects.count()
    response = secretariat_client.post(
        reverse("tracking:mandate_add", args=[op5.pk]),
        {
            "addressees": [Actor.objects.get(key="court").pk],
            "action": "invites",
            "deadline_relation": "by_date",
            "deadline_date": "0001-01-05",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert "Saisissez une date comprise entre 1945 et 2200." in response.content.decode()
    assert Mandate.objects.count() == count


@pytest.mark.parametrize("bad", BAD_DATES)
def test_the_services_refuse_an_impossible_deadline_date(mandate, op5, secretariat_user, bad):
    date = datetime.date.fromisoformat(bad)
    with pytest.raises(TrackingError):
        mandate_update(
            mandate=mandate,
            user=secretariat_user,
            deadline_relation="by_date",
            deadline_date=date,
        )
    with pytest.raises(TrackingError):
        mandate_create(
            paragraph=op5,
            user=secretariat_user,
            addressees=[Actor.objects.get(key="court")],
            action="invites",
            deadline_relation="by_date",
            deadline_date=date,
        )
    assert Mandate.objects.get(pk=mandate.pk).deadline_date is None


@pytest.fixture
def two_dated(op5, bureau, secretariat_user):
    """A good mandate due in a week, and one whose due date was stored before dates were
    checked (written straight to the table, as an old row would be)."""

    def make(due):
        return mandate_create(
            paragraph=op5,
            user=secretariat_user,
            addressees=[bureau],
            action="requests",
            deadline_relation="by_date",
            deadline_date=due,
        )

    good = make(datetime.date(2030, 3, 15))
    bad = make(datetime.date(2030, 3, 16))
    return good, bad


@pytest.mark.parametrize("bad_date", [datetime.date(1, 1, 5), datetime.date(1, 1, 1)])
def test_the_reminder_run_skips_a_bad_row_logs_it_and_reminds_the_others(
    two_dated, bureau, settings, mailoutbox, caplog, bad_date
):
    settings.SUIVI_REMINDER_OFFSETS = [60, 30, 7, 1]
    settings.SUIVI_REMINDER_CATCH_UP_DAYS = 1
    good, bad = two_dated
    Mandate.objects.filter(pk=bad.pk).update(deadline_date=bad_date, due_date=bad_date)
    ActorContact.objects.create(actor=bureau, email="bureau@example.org")
    today = datetime.date(2030, 3, 8)

    with caplog.at_level(logging.WARNING, logger="tracking.reminders.selectors"):
        reminders_plan(today=today)
    reminders_send_pending(worker="test", now=datetime.datetime(2030, 3, 8, 7, tzinfo=datetime.UTC))

    assert set(Reminder.objects.values_list("mandate_id", "kind")) == {(good.pk, "before_7")}
    assert [message.to for message in mailoutbox] == [["bureau@example.org"]] * len(mailoutbox)
    assert len(mailoutbox) >= 1
    assert f"Mandate {bad.pk} skipped" in caplog.text


def test_a_feed_goes_on_past_a_due_date_at_the_end_of_the_calendar(
    two_dated, secretariat_user, caplog
):
    good, bad = two_dated
    last = datetime.date(9999, 12, 31)
    Mandate.objects.filter(pk=bad.pk).update(deadline_date=last, due_date=last)
    feed = formats.calendar_feed_issue(user=secretariat_user)

    with caplog.at_level(logging.WARNING, logger="tracking.exports.formats"):
        response = Client().get(reverse("exports:calendar_feed", args=[feed.token]))
        content = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert content.endswith(b"END:VCALENDAR\r\n")
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert [str(event["uid"]).split("@")[0] for event in events] == [f"mandate-{good.pk}"]
    assert f"Mandate {bad.pk} left out of a feed" in caplog.text
