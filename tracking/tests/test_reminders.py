"""Deadline reminders: who gets what and when, digests, languages, preferences, exactly once.

The clock is passed in: `today` for what is owed, `now` for claims and retries.
"""

import datetime
import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from config.typography import date_text
from resolutions.models import Paragraph, Resolution, Session
from resolutions.services import body_for_prefix, session_update
from tracking import tasks
from tracking.models import Actor, ActorContact, Follow, MandateEvent, Recipient, Reminder
from tracking.reminders import rules
from tracking.reminders.selectors import reminders_due, sessions_without_dates
from tracking.reminders.services import (
    digest_message,
    recipient_set_preferences,
    reminders_plan,
    reminders_send_pending,
)
from tracking.services import mandate_create, mandate_set_status, mandate_update

DUE = datetime.date(2030, 3, 15)
OFFSETS = [60, 30, 7, 1]


@pytest.fixture(autouse=True)
def exact_days(settings):
    """Runs happen every day in these tests: no catch-up of missed days, unless said."""
    settings.SUIVI_REMINDER_CATCH_UP_DAYS = 1
    settings.SUIVI_REMINDER_OFFSETS = OFFSETS
    # The users of these tests sign in with force_login: no need for a slow hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def op5(db):
    """Operative paragraph 5 of a resolution of the 11th session, made without the parser."""
    body = body_for_prefix("ICC-ASP")
    Session.objects.create(
        body=body,
        number=12,
        start_date=datetime.date(2013, 11, 20),
        end_date=datetime.date(2013, 11, 28),
    )
    resolution = Resolution.objects.create(symbol="ICC-ASP/11/Res.5", body=body)
    return Paragraph.objects.create(
        resolution=resolution, kind=Paragraph.Kind.OPERATIVE, number=5, order=5
    )


def day(offset: int) -> datetime.date:
    """A day relative to DUE: day(-7) is a week before it."""
    return DUE + datetime.timedelta(days=offset)


def at(date: datetime.date, hour: int = 7) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def run(date: datetime.date, *, now: datetime.datetime | None = None, worker: str = "test"):
    """The daily run on `date`: record what is owed, then send it."""
    reminders_plan(today=date)
    return reminders_send_pending(worker=worker, now=now or at(date), today=date)


def sent_to(outbox) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in outbox:
        for address in message.to:
            counts[address] = counts.get(address, 0) + 1
    return counts


def html_of(message) -> str:
    return message.alternatives[0][0]


# Pure rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", OFFSETS)
def test_each_offset_falls_due_on_its_day_only(offset):
    assert rules.dated_kind(due_date=DUE, today=day(-offset), offsets=OFFSETS) == f"before_{offset}"
    assert rules.dated_kind(due_date=DUE, today=day(-offset + 1), offsets=OFFSETS) is None
    assert rules.dated_kind(due_date=DUE, today=day(-offset - 1), offsets=OFFSETS) is None


def test_overdue_falls_due_the_day_after_then_weekly():
    kinds = {
        offset: rules.dated_kind(due_date=DUE, today=day(offset), offsets=OFFSETS)
        for offset in range(0, 23)
    }
    assert {offset: kind for offset, kind in kinds.items() if kind} == {
        1: "overdue_1",
        8: "overdue_8",
        15: "overdue_15",
        22: "overdue_22",
    }


def test_a_missed_day_is_caught_up_with_the_latest_kind_only():
    # The server was down from 31 days before to 5 days before the due date.
    assert (
        rules.dated_kind(due_date=DUE, today=day(-5), offsets=OFFSETS, catch_up_days=7)
        == "before_7"
    )
    # A mandate first seen 45 days ahead is not told that "60 days" fell 15 days ago.
    assert rules.dated_kind(due_date=DUE, today=day(-45), offsets=OFFSETS, catch_up_days=7) is None
    # Weekly overdue reminders keep going even if runs were missed.
    assert (
        rules.dated_kind(due_date=DUE, today=day(12), offsets=OFFSETS, catch_up_days=7)
        == "overdue_8"
    )


def test_a_request_to_a_part_concerns_its_parent_but_not_the_reverse():
    parent_of = {1: None, 2: 1, 3: 2}
    assert rules.concerned_actors(addressees={3}, parent_of=parent_of) == {3, 2}
    assert rules.concerned_actors(addressees={1}, parent_of=parent_of) == {1}


def test_retries_wait_twice_as_long_each_time_up_to_a_maximum():
    delays = [rules.retry_delay(attempts=n, base_seconds=60, max_seconds=600) for n in range(1, 7)]
    assert delays == [60, 120, 240, 480, 600, 600]


# Who gets what, when ---------------------------------------------------------------------


@pytest.fixture
def contact(bureau):
    return ActorContact.objects.create(actor=bureau, email="Bureau@Example.org", language="en")


@pytest.fixture
def french_contact(bureau):
    return ActorContact.objects.create(actor=bureau, email="bureau-fr@example.org", language="fr")


@pytest.fixture
def make_mandate(op5, bureau, secretariat_user):
    def make(*, due=DUE, addressees=None, deliverable="a report to the Assembly", **extra):
        return mandate_create(
            paragraph=op5,
            user=secretariat_user,
            addressees=addressees or [bureau],
            action="requests",
            deliverable=deliverable,
            deadline_relation="by_date",
            deadline_date=due,
            focal_point=extra.pop("focal_point", secretariat_user),
            **extra,
        )

    return make


@pytest.fixture
def dated(make_mandate):
    return make_mandate()


@pytest.mark.django_db
@pytest.mark.parametrize("offset", OFFSETS)
def test_contacts_focal_point_and_followers_are_reminded_on_each_offset(
    offset, dated, contact, delegation_user, django_user_model, bureau, mailoutbox
):
    resolution_follower = django_user_model.objects.create_user("rosa", email="rosa@example.org")
    actor_follower = django_user_model.objects.create_user("abel", email="abel@example.org")
    Follow.objects.create(user=delegation_user, mandate=dated)
    Follow.objects.create(user=resolution_follower, resolution=dated.paragraph.resolution)
    Follow.objects.create(user=actor_follower, actor=bureau)

    report = run(day(-offset))

    assert sent_to(mailoutbox) == {
        "bureau@example.org": 1,
        "sofia@example.org": 1,
        "dmitri@example.org": 1,
        "rosa@example.org": 1,
        "abel@example.org": 1,
    }
    assert report.sent == 5
    assert set(Reminder.objects.values_list("kind", "state")) == {(f"before_{offset}", "sent")}
    assert "ICC-ASP/11/Res.5 OP5" in mailoutbox[0].body
    mailoutbox.clear()
    run(day(-offset + 1))
    assert mailoutbox == []


@pytest.mark.django_db
def test_nothing_is_sent_on_days_without_a_reminder(dated, contact, mailoutbox):
    for offset in (-59, -31, -8, -6, 0, 2, 7, 9):
        run(day(offset))
    assert mailoutbox == []
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_a_run_after_missed_days_catches_up_once(dated, contact, settings, mailoutbox):
    settings.SUIVI_REMINDER_CATCH_UP_DAYS = 7
    run(day(-5))  # no run happened on day -7
    run(day(-4))
    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    assert "in 5 days" in mailoutbox[0].body


@pytest.mark.django_db
def test_overdue_mandates_are_reminded_the_day_after_then_weekly(dated, contact, mailoutbox):
    for offset in range(0, 16):
        run(day(offset))
    kinds = sorted(
        Reminder.objects.filter(recipient__email="bureau@example.org").values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["overdue_1", "overdue_15", "overdue_8"]
    assert sent_to(mailoutbox)["bureau@example.org"] == 3
    assert any("8 days overdue" in message.body for message in mailoutbox)


@pytest.mark.django_db
def test_the_parent_bodys_contacts_are_reminded_but_not_its_parts(make_mandate, mailoutbox):
    bureau = Actor.objects.get(key="bureau")
    group = Actor.objects.get(key="hague_working_group")
    ActorContact.objects.create(actor=bureau, email="bureau@example.org")
    ActorContact.objects.create(actor=group, email="hwg@example.org")
    make_mandate(addressees=[group], focal_point=None)
    make_mandate(addressees=[bureau], focal_point=None)

    run(day(-7))

    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "hwg@example.org": 1}
    bureau_digest = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    assert bureau_digest.extra_headers["X-Suivi-Reminders"].count(",") == 1  # two items


@pytest.mark.django_db
def test_each_recipient_gets_one_digest_listing_all_their_items(make_mandate, contact, mailoutbox):
    make_mandate(deliverable="the first report")
    make_mandate(deliverable="the second report")
    make_mandate(deliverable="the late report", due=day(-8))

    run(day(-7))

    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    digest = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    for text in (digest.body, html_of(digest)):
        assert "the first report" in text
        assert "the second report" in text
        assert "the late report" in text
    assert digest.subject == "Suivi: 3 mandates to follow up · 1 overdue"
    assert digest.body.index("Overdue") < digest.body.index("Coming up")
    assert "in 7 days" in digest.body
    assert "1 day overdue" in digest.body


@pytest.mark.django_db
def test_digests_are_written_in_the_recipients_language(dated, contact, french_contact, mailoutbox):
    run(day(-30))

    french = next(m for m in mailoutbox if m.to == ["bureau-fr@example.org"])
    english = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    assert french.subject == "Suivi\u00a0: 1 mandat à suivre"
    assert "Échéance\u00a0: 15 mars 2030 · d’ici le 15 mars 2030 · dans 30 jours" in french.body
    assert 'lang="fr"' in html_of(french)
    assert english.subject == "Suivi: 1 mandate to follow up"
    assert "Due: 15 March 2030 · by 15 March 2030 · in 30 days" in english.body
    # The interface language of the sending process is left as it was.
    assert "Coming up" in english.body


@pytest.mark.django_db
def test_the_deadline_is_given_as_a_date_and_as_the_session(
    op5, bureau, secretariat_user, contact, mailoutbox
):
    mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deadline_relation="before",
        deadline_session=12,
    )
    run(datetime.date(2013, 11, 13))

    digest = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    assert "Due: 20 November 2013 · before the 12th session (20 November 2013)" in digest.body


@pytest.mark.django_db
def test_the_html_part_escapes_text_and_links_are_absolute(
    make_mandate, contact, mailoutbox, settings
):
    settings.SITE_ROOT = "https://suivi.example.org"
    mandate = make_mandate(deliverable='<script>alert("x")</script> & more')
    run(day(-1))

    digest = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    html = html_of(digest)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<script>alert("x")</script> & more' in digest.body  # plain text stays plain
    assert f'href="https://suivi.example.org/mandates/{mandate.pk}/"' in html
    token = Recipient.objects.get(email="bureau@example.org").token
    preferences = f"https://suivi.example.org/reminders/preferences/{token}/"
    assert preferences in digest.body
    assert f'href="{preferences}"' in html
    assert digest.extra_headers["List-Unsubscribe"] == f"<{preferences}>"


@pytest.mark.django_db
def test_a_recipient_who_stopped_reminders_gets_none(dated, contact, mailoutbox):
    run(day(-60))
    recipient = Recipient.objects.get(email="bureau@example.org")
    recipient_set_preferences(
        recipient=recipient, reminders_enabled=False, changes_enabled=True, language="en"
    )
    mailoutbox.clear()

    run(day(-30))

    assert "bureau@example.org" not in sent_to(mailoutbox)
    assert "sofia@example.org" in sent_to(mailoutbox)


@pytest.mark.django_db
def test_stopping_after_planning_cancels_what_was_not_sent_yet(dated, contact, mailoutbox):
    reminders_plan(today=day(-7))
    recipient = Recipient.objects.get(email="bureau@example.org")
    recipient_set_preferences(
        recipient=recipient, reminders_enabled=False, changes_enabled=False, language="en"
    )

    reminders_send_pending(worker="test", now=at(day(-7)))

    assert "bureau@example.org" not in sent_to(mailoutbox)
    assert Reminder.objects.get(recipient=recipient).state == Reminder.State.CANCELLED


@pytest.mark.django_db
def test_moving_the_due_date_re_arms_the_reminders(dated, contact, secretariat_user, mailoutbox):
    run(day(-7))
    new_due = day(30)
    mandate_update(
        mandate=dated, user=secretariat_user, deadline_relation="by_date", deadline_date=new_due
    )
    mailoutbox.clear()

    run(new_due - datetime.timedelta(days=7))

    assert sent_to(mailoutbox)["bureau@example.org"] == 1
    assert set(
        Reminder.objects.filter(recipient__email="bureau@example.org").values_list(
            "kind", "due_date", "state"
        )
    ) == {("before_7", DUE, "sent"), ("before_7", new_due, "sent")}


@pytest.mark.django_db
def test_a_reminder_about_a_date_that_moved_before_it_was_sent_is_cancelled(
    dated, contact, secretariat_user, mailoutbox
):
    reminders_plan(today=day(-7))
    mandate_update(
        mandate=dated, user=secretariat_user, deadline_relation="by_date", deadline_date=day(60)
    )

    reminders_send_pending(worker="test", now=at(day(-7)))

    assert mailoutbox == []
    assert set(Reminder.objects.values_list("state", flat=True)) == {"cancelled"}


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["completed", "not_applicable", "superseded"])
def test_closed_mandates_get_no_reminders(dated, contact, secretariat_user, status, mailoutbox):
    reminders_plan(today=day(-7))  # recorded while the mandate was open
    mandate_set_status(mandate=dated, status=status, user=secretariat_user)

    for offset in (-7, -1, 1, 8):
        run(day(offset))

    assert mailoutbox == []
    assert not Reminder.objects.filter(state=Reminder.State.SENT).exists()


@pytest.mark.django_db
def test_a_session_without_dates_is_listed_for_the_secretariat(
    op5, bureau, contact, secretariat_user, delegation_user, mailoutbox
):
    Session.objects.create(body=op5.resolution.body, number=99)
    undated = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[bureau],
        action="requests",
        deliverable="a report before the 99th session",
        deadline_relation="before",
        deadline_session=99,
    )
    assert undated.due_date is None
    monday = datetime.date(2030, 3, 11)

    run(monday)
    run(monday + datetime.timedelta(days=3))

    assert sent_to(mailoutbox) == {"sofia@example.org": 1}
    digest = mailoutbox[0]
    assert "Dates not set" in digest.body
    assert "before the 99th session, dates not set" in digest.body
    assert "Dates not set" in html_of(digest)
    assert [(s.number, s.mandate_count) for s in sessions_without_dates()] == [(99, 1)]

    # Once the session has dates, the mandate is dated and leaves the list.
    session = Session.objects.get(number=99)
    session_update(session=session, start_date=DUE, end_date=day(7))
    mailoutbox.clear()
    run(monday + datetime.timedelta(days=7))
    assert mailoutbox == []


@pytest.mark.django_db
def test_followers_are_told_of_status_and_deadline_changes_but_not_the_author(
    dated, contact, secretariat_user, delegation_user, mailoutbox
):
    Follow.objects.create(user=delegation_user, mandate=dated)
    Follow.objects.create(user=secretariat_user, mandate=dated)
    mandate_set_status(
        mandate=dated, status="in_progress", user=secretariat_user, comment="first contacts"
    )
    today = timezone.localdate()

    run(today)
    run(today)

    assert sent_to(mailoutbox) == {"dmitri@example.org": 1}
    digest = mailoutbox[0]
    assert "Changes to what you follow" in digest.body
    assert "Status: not started → in progress" in digest.body
    assert "first contacts" in digest.body


@pytest.mark.django_db
def test_a_change_made_after_the_days_run_is_told_the_next_day(
    dated, secretariat_user, delegation_user, mailoutbox
):
    Follow.objects.create(user=delegation_user, actor=Actor.objects.get(key="bureau"))
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    run(yesterday)
    mandate_update(
        mandate=dated, user=secretariat_user, deadline_relation="by_date", deadline_date=day(9)
    )
    MandateEvent.objects.filter(field="deadline").update(at=at(yesterday, 15))

    run(today)

    assert sent_to(mailoutbox) == {"dmitri@example.org": 1}
    assert "What is asked" not in mailoutbox[0].body
    assert "Deadline: by 15 March 2030 → by 24 March 2030" in mailoutbox[0].body


@pytest.mark.django_db
def test_a_follower_who_stopped_change_notices_gets_none(
    dated, secretariat_user, delegation_user, mailoutbox
):
    Follow.objects.create(user=delegation_user, mandate=dated)
    Recipient.objects.create(email="dmitri@example.org", token="t-dmitri", changes_enabled=False)
    mandate_set_status(mandate=dated, status="in_progress", user=secretariat_user)

    run(timezone.localdate())

    assert mailoutbox == []


@pytest.mark.django_db
def test_internal_mandates_are_reminded_only_to_people_who_may_read_them(
    make_mandate, contact, secretariat_user, delegation_user, mailoutbox
):
    internal = make_mandate()
    mandate_update(mandate=internal, user=secretariat_user, is_internal=True)
    Follow.objects.create(user=delegation_user, mandate=internal)

    run(day(-7))

    assert sent_to(mailoutbox) == {"sofia@example.org": 1}


@pytest.mark.django_db
def test_suggestions_not_yet_accepted_get_no_reminders(imported_seed, contact, mailoutbox):
    assert imported_seed.paragraphs.filter(mandates__isnull=False).exists()
    assert not reminders_due(today=datetime.date(2013, 11, 13))


# Exactly once ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_running_the_same_day_twice_sends_each_reminder_once(dated, contact, mailoutbox):
    run(day(-7))
    run(day(-7))
    run(day(-7), now=at(day(-7), 23))

    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    assert Reminder.objects.count() == 2


@pytest.mark.django_db
def test_a_claim_is_taken_over_only_after_the_claim_timeout(dated, contact, settings, mailoutbox):
    settings.SUIVI_REMINDER_CLAIM_TIMEOUT = 600
    reminders_plan(today=day(-7))
    claimed_at = at(day(-7))
    # A worker claimed everything, then died before sending.
    Reminder.objects.update(state="sending", claimed_at=claimed_at, claimed_by="dead/1")

    early = reminders_send_pending(worker="test", now=claimed_at + datetime.timedelta(seconds=599))
    assert early.sent == 0 and mailoutbox == []

    late = reminders_send_pending(worker="test", now=claimed_at + datetime.timedelta(seconds=601))
    assert late.sent == 2
    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


class FailingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_backoff_until_it_succeeds(
    dated, contact, settings, mailoutbox
):
    settings.SUIVI_REMINDER_RETRY_SECONDS = 60
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    start = at(day(-7))

    down = run(day(-7), now=start)

    # The run stopped at the first recipient: the server is down for all of them.
    assert (down.failed, down.retry_in) == (1, 60)
    failed = Reminder.objects.get(state="failed")
    assert failed.attempts == 1
    assert failed.next_attempt_at == start + datetime.timedelta(seconds=60)
    assert "SMTPServerDisconnected" in failed.last_error
    assert Reminder.objects.filter(state="pending").count() == 1

    too_soon = reminders_send_pending(worker="test", now=start + datetime.timedelta(seconds=59))
    assert too_soon.failed == 1  # the pending one; the failed one waits for its retry time
    assert Reminder.objects.get(pk=failed.pk).attempts == 1

    again = reminders_send_pending(worker="test", now=start + datetime.timedelta(seconds=61))
    assert again.retry_in == 120
    assert Reminder.objects.get(pk=failed.pk).attempts == 2
    assert Reminder.objects.get(pk=failed.pk).next_attempt_at == start + datetime.timedelta(
        seconds=61 + 120
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    back = reminders_send_pending(worker="test", now=start + datetime.timedelta(seconds=120))
    assert back.sent == 1  # only the one whose retry is due (59 + 60 seconds)
    later = reminders_send_pending(worker="test", now=start + datetime.timedelta(seconds=181))
    assert later.sent == 1
    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


# The command and the tasks ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_dry_run_prints_who_would_get_what_and_records_nothing(
    dated, contact, capsys, mailoutbox
):
    call_command("send_reminders", "--dry-run", "--today", day(-7).isoformat())

    out = capsys.readouterr().out
    assert "bureau@example.org (en): 1" in out
    assert "before_7" in out and "ICC-ASP/11/Res.5 OP5" in out
    assert "2 emails, 2 reminders" in out
    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert not Recipient.objects.exists()


@pytest.mark.django_db
def test_the_command_sends_what_is_owed_on_the_day_given(dated, contact, capsys, mailoutbox):
    call_command("send_reminders", "--today", day(-1).isoformat())

    assert "Sent 2 emails (2 reminders)" in capsys.readouterr().out
    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}
    assert "in 1 day" in mailoutbox[0].body


@pytest.mark.django_db
def test_the_command_fails_visibly_when_the_mail_server_is_down(dated, contact, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(CommandError, match="stay owed"):
        call_command("send_reminders", "--today", day(-1).isoformat())
    assert Reminder.objects.filter(state="failed").count() == 1


@pytest.mark.django_db
def test_the_daily_task_plans_then_asks_for_a_send(dated, contact, monkeypatch, mailoutbox):
    queued = []
    monkeypatch.setattr(tasks.reminders_send, "delay", lambda: queued.append(True))

    tasks.reminders_daily.apply(kwargs={"today": day(-60).isoformat()})
    assert queued == [True]
    assert Reminder.objects.filter(state="pending").count() == 2

    tasks.reminders_send.apply(kwargs={"retry": False})
    assert sent_to(mailoutbox) == {"bureau@example.org": 1, "sofia@example.org": 1}


@pytest.mark.django_db
def test_the_send_task_retries_when_the_mail_server_is_down(dated, contact, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    reminders_plan(today=timezone.localdate())  # nothing due today
    reminders_plan(today=day(-7))

    with pytest.raises(Retry):
        tasks.reminders_send()

    assert Reminder.objects.filter(state="failed").count() == 1


# Pages -----------------------------------------------------------------------------------


@pytest.fixture
def recipient(db):
    return Recipient.objects.create(email="ana@example.org", token="secret-token", language="fr")


@pytest.mark.django_db
def test_the_preferences_page_shows_the_choices_in_the_recipients_language(client, recipient):
    response = client.get(reverse("reminders:preferences", args=[recipient.token]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce que vous recevez" in html
    assert "ana@example.org" in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.django_db
def test_the_preferences_page_saves_a_post_with_its_csrf_token(recipient):
    client = Client(enforce_csrf_checks=True)
    url = reverse("reminders:preferences", args=[recipient.token])
    client.get(url)
    data = {
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "changes_enabled": "on",
        "language": "en",
    }

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    assert "Your choices were saved." in response.content.decode()
    recipient.refresh_from_db()
    assert (recipient.reminders_enabled, recipient.changes_enabled) == (False, True)
    assert recipient.language == "en"


@pytest.mark.django_db
def test_the_stop_button_stops_everything(client, recipient):
    url = reverse("reminders:preferences", args=[recipient.token])
    client.post(url, {"stop": "1", "reminders_enabled": "on", "changes_enabled": "on"})
    recipient.refresh_from_db()
    assert (recipient.reminders_enabled, recipient.changes_enabled) == (False, False)
    assert recipient.language == "fr"


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(recipient):
    client = Client(enforce_csrf_checks=True)
    url = reverse("reminders:preferences", args=[recipient.token])
    response = client.post(url, {"language": "en"})
    assert response.status_code == 403
    recipient.refresh_from_db()
    assert recipient.reminders_enabled is True


@pytest.mark.django_db
def test_an_unknown_token_is_a_404(client, recipient):
    url = reverse("reminders:preferences", args=["not-" + recipient.token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"language": "en"}).status_code == 404


@pytest.mark.django_db
def test_the_reminder_log_is_for_staff_with_the_permission(
    client, delegation_client, secretariat_client
):
    url = reverse("reminders:log")
    assert client.get(url).status_code == 302
    assert delegation_client.get(url).status_code == 403
    assert secretariat_client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_reminder_log_lists_sent_pending_and_failed_and_filters_them(
    dated, contact, secretariat_client, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    run(day(-7))  # one failed, one left pending
    url = reverse("reminders:log")

    html = secretariat_client.get(url).content.decode()
    assert "failed, will be retried" in html and "pending" in html
    assert "SMTPServerDisconnected" in html

    failed = secretariat_client.get(url, {"state": "failed"}).content.decode()
    pending = secretariat_client.get(url, {"state": "pending"}).content.decode()
    failed_email = Reminder.objects.get(state="failed").recipient.email
    pending_email = Reminder.objects.get(state="pending").recipient.email
    assert failed_email in failed and pending_email not in failed
    assert pending_email in pending and failed_email not in pending
    by_kind = secretariat_client.get(url, {"kind": "overdue"}).content.decode()
    assert "No reminder matches." in by_kind
    invalid = secretariat_client.get(url, {"due_after": "not a date"})
    assert "Some filter values are not valid" in invalid.content.decode()
    # Date pickers, as on the mandate list.
    assert '<input type="date" name="due_after"' in html
    assert '<input type="date" name="due_before"' in html


@pytest.mark.parametrize(
    ("kind", "english", "french"),
    [
        ("before_60", "60 days before the due date", "60 jours avant l’échéance"),
        ("before_1", "1 day before the due date", "1 jour avant l’échéance"),
        ("overdue_8", "8 days overdue", "en retard de 8 jours"),
        ("changed_1234", "change notice", "avis de changement"),
        ("undated", "dates not set", "dates non fixées"),
    ],
)
def test_a_reminders_kind_is_said_in_words(kind, english, french):
    with translation.override("en"):
        assert rules.kind_label(kind) == english
    with translation.override("fr"):
        assert rules.kind_label(kind) == french


@pytest.mark.django_db
def test_the_reminder_log_shows_kinds_and_dates_in_the_readers_words(
    dated, contact, secretariat_client
):
    run(day(-7))
    html = secretariat_client.get(
        reverse("reminders:log"), headers={"accept-language": "fr"}
    ).content.decode()
    assert "7 jours avant l’échéance" in html
    assert "before_7" not in html
    # The month abbreviated in French: "2 déc. 2026", not "2 Déc 2026".
    created = date_text(Reminder.objects.first().created_at, "SHORT_DATETIME_FORMAT", language="fr")
    assert created in html
    assert created.split()[1] == created.split()[1].lower()


@pytest.mark.django_db
def test_the_reminder_log_takes_a_constant_number_of_queries(
    make_mandate, contact, secretariat_client
):
    url = reverse("reminders:log")
    make_mandate()
    reminders_plan(today=day(-7))
    secretariat_client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        secretariat_client.get(url)
    for _ in range(5):
        make_mandate()
    reminders_plan(today=day(-7))
    assert Reminder.objects.count() == 12
    with CaptureQueriesContext(connection) as many:
        secretariat_client.get(url)
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_digest_of_an_unsaved_preview_can_be_rendered(dated, contact):
    """The message builder works on recorded reminders only for their ids; the rest is data."""
    reminders_plan(today=day(-7))
    reminder = Reminder.objects.select_related("recipient", "mandate__paragraph__resolution")[0]
    message = digest_message(recipient=reminder.recipient, items=[reminder], today=day(-7))
    assert message.extra_headers["X-Suivi-Reminders"] == str(reminder.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_french_digest_writes_the_first_of_a_month_as_1er(
    make_mandate, contact, french_contact, mailoutbox
):
    first = datetime.date(2030, 3, 1)
    make_mandate(due=first)
    run(first - datetime.timedelta(days=30))

    french = next(m for m in mailoutbox if m.to == ["bureau-fr@example.org"])
    english = next(m for m in mailoutbox if m.to == ["bureau@example.org"])
    assert "Échéance\u00a0: 1er mars 2030 · d’ici le 1er mars 2030" in french.body
    assert "1er mars 2030" in html_of(french)
    assert "Due: 1 March 2030 · by 1 March 2030" in english.body
