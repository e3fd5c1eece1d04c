"""Notices of reviewed reports: the delegate who sent a State's report is told, once, in
their language, when the secretariat accepts it or returns it with a comment."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from resolutions.models import Paragraph, Resolution
from resolutions.services import body_for_prefix
from tracking import roles, tasks
from tracking.models import Actor, Recipient, Reminder, Status
from tracking.reminders import rules
from tracking.reminders.rules import Person
from tracking.reminders.services import (
    digest_message,
    reminders_plan,
    reminders_send_pending,
    report_notice_plan,
)
from tracking.services import TrackingError, mandate_create
from tracking.states.models import StateReport
from tracking.states.services import (
    delegation_link,
    state_report_accept,
    state_report_return,
    state_report_submit,
)

NBSP = "\u00a0"
# Far from any deadline: the only thing a delegate is owed is the notice.
DUE = datetime.date(2031, 6, 30)


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def resolution(db):
    return Resolution.objects.create(
        symbol="ICC-ASP/11/Res.5",
        body=body_for_prefix("ICC-ASP"),
        adopted_on=datetime.date(2012, 11, 21),
    )


def request_to_the_parties(resolution, user, number: int):
    """Operative paragraph `number` asks the States Parties to ratify an agreement."""
    paragraph = Paragraph.objects.create(
        resolution=resolution, kind=Paragraph.Kind.OPERATIVE, number=number, order=number
    )
    return mandate_create(
        paragraph=paragraph,
        user=user,
        addressees=[Actor.objects.get(key="states_parties")],
        action="requests",
        deliverable="ratify the Agreement on Privileges and Immunities",
        deadline_relation="by_date",
        deadline_date=DUE,
        focal_point=None,
    )


@pytest.fixture
def mandate(resolution, secretariat_user):
    return request_to_the_parties(resolution, secretariat_user, 9)


def delegate(django_user_model, username, state, email=None):
    roles.roles_sync()
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org" if email is None else email
    )
    user.groups.add(Group.objects.get(name=roles.DELEGATION))
    delegation_link(user=user, state=state)
    return user


@pytest.fixture
def francoise(django_user_model, states):
    return delegate(django_user_model, "francoise", states["FRA"])


@pytest.fixture
def pierre(django_user_model, states):
    """Another delegate of France, who did not send the report."""
    return delegate(django_user_model, "pierre", states["FRA"])


@pytest.fixture
def submitted(mandate, states, francoise):
    return state_report_submit(
        mandate=mandate,
        state=states["FRA"],
        user=francoise,
        status=Status.COMPLETED,
        comment="Ratified by decree",
        expected_version=0,
    )


def notices():
    return list(
        Reminder.objects.filter(kind__startswith=rules.REPORT)
        .select_related("recipient")
        .order_by("pk")
    )


def send(now=None):
    now = now or timezone.now()
    return reminders_send_pending(worker="test", now=now, today=timezone.localdate(now))


def french(email):
    Recipient.objects.filter(email=email).update(language="fr")


def parts(message) -> tuple[str, str, str]:
    return message.subject, message.body, message.alternatives[0][0]


# Rules -------------------------------------------------------------------------------------


def test_a_report_notice_is_a_notice_under_the_change_notices_switch():
    kind = rules.report_kind(42)

    assert rules.section_of(kind) is rules.Section.REPORTS
    assert rules.report_id_of(kind) == 42
    assert rules.report_id_of("changed_42") is None
    assert not rules.wants(kind=kind, reminders_enabled=True, changes_enabled=False)
    assert rules.wants(kind=kind, reminders_enabled=False, changes_enabled=True)


def test_a_report_notice_is_named_in_words_in_the_log(
    submitted, secretariat_user, secretariat_client
):
    state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")

    english = secretariat_client.get(reverse("reminders:log")).content.decode()
    french = secretariat_client.get(
        reverse("reminders:log"), {"kind": "reports"}, headers={"accept-language": "fr"}
    ).content.decode()

    assert '<td data-label="Kind">report reviewed</td>' in english
    assert "report_" not in english
    assert '<td data-label="Type">rapport examiné</td>' in french
    assert "francoise@example.org" in french, "the kind filter finds report notices"


def test_a_report_notice_stays_due_when_the_report_completed_the_states_part():
    assert rules.still_due(
        kind=rules.report_kind(1),
        due_date=DUE,
        live=True,
        closed=True,
        mandate_due_date=DUE,
    )


def test_only_the_sender_of_a_report_decided_by_staff_is_told():
    ana = Person("ana@example.org", "en")

    assert rules.report_notice_to(submitter=ana, decided_by_staff=True) == ana
    assert rules.report_notice_to(submitter=ana, decided_by_staff=False) is None
    assert rules.report_notice_to(submitter=None, decided_by_staff=True) is None
    assert rules.report_notice_to(submitter=Person("", "en"), decided_by_staff=True) is None


# Planning ----------------------------------------------------------------------------------


def test_accepting_a_report_plans_one_notice_to_its_sender(submitted, secretariat_user, states):
    state_report_accept(report=submitted, user=secretariat_user)

    (notice,) = notices()
    assert notice.recipient.email == "francoise@example.org"
    assert notice.kind == f"report_{submitted.pk}"
    assert (notice.mandate_id, notice.for_state_id) == (submitted.mandate_id, states["FRA"].pk)
    assert notice.due_date == timezone.localdate(submitted.reviewed_at)
    assert notice.state == Reminder.State.PENDING


def test_a_returned_report_is_told_to_its_sender_only(
    submitted, pierre, secretariat_user, mailoutbox
):
    state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")
    send()

    assert [notice.recipient.email for notice in notices()] == ["francoise@example.org"]
    assert [message.to for message in mailoutbox] == [["francoise@example.org"]]
    assert secretariat_user.email not in {message.to[0] for message in mailoutbox}


def test_the_notice_is_planned_once_whatever_the_retries(
    submitted, secretariat_user, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        tasks.reminders_send, "apply_async", lambda *args, **kwargs: asked.append(kwargs)
    )
    with django_capture_on_commit_callbacks(execute=True):
        state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")
    # A second click, a retried request: the decision is refused, nothing more is planned.
    with pytest.raises(TrackingError):
        state_report_accept(report=submitted, user=secretariat_user)
    # Planning again (a retried task, a second run) records nothing more.
    report_notice_plan(report=submitted)
    reminders_plan(today=timezone.localdate())
    send()
    send()

    assert len(notices()) == 1
    assert len(mailoutbox) == 1
    assert asked == [{"retry": False}], "a send was asked for once the decision was committed"


def test_a_decision_whose_notice_cannot_be_recorded_is_not_taken(
    submitted, secretariat_user, monkeypatch
):
    """One transaction: never a decision whose notice is lost, nor a notice of no decision."""

    def fail(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("tracking.reminders.services._record", fail)
    with pytest.raises(RuntimeError):
        state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")

    assert StateReport.objects.get().review == StateReport.Review.PENDING
    assert notices() == []


def test_a_report_applied_without_review_sends_no_notice(
    mandate, states, francoise, settings, mailoutbox
):
    settings.SUIVI_STATE_REPORTS_NEED_REVIEW = False
    report = state_report_submit(
        mandate=mandate,
        state=states["FRA"],
        user=francoise,
        status=Status.COMPLETED,
        expected_version=0,
    )
    report_notice_plan(report=report)
    send()

    assert report.review == StateReport.Review.ACCEPTED
    assert notices() == []
    assert mailoutbox == []


def test_a_sender_without_an_address_or_no_longer_active_is_not_told(
    submitted, secretariat_user, francoise
):
    francoise.email = ""
    francoise.save()
    state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")

    assert notices() == []


def test_a_sender_who_stopped_notices_is_not_told(submitted, secretariat_user, mailoutbox):
    Recipient.objects.create(
        email="francoise@example.org", token="t", changes_enabled=False, reminders_enabled=True
    )
    state_report_accept(report=submitted, user=secretariat_user)
    send()

    assert notices() == []
    assert mailoutbox == []


def test_a_notice_planned_before_the_sender_stopped_notices_is_cancelled(
    submitted, secretariat_user, mailoutbox
):
    state_report_accept(report=submitted, user=secretariat_user)
    Recipient.objects.filter(email="francoise@example.org").update(changes_enabled=False)

    report = send()

    assert (report.cancelled, mailoutbox) == (1, [])
    assert notices()[0].state == Reminder.State.CANCELLED


def test_stopping_deadline_reminders_keeps_the_notices(submitted, secretariat_user, mailoutbox):
    Recipient.objects.create(email="francoise@example.org", token="t", reminders_enabled=False)
    state_report_accept(report=submitted, user=secretariat_user)
    send()

    assert [message.to for message in mailoutbox] == [["francoise@example.org"]]


# What the email says -----------------------------------------------------------------------


def test_an_accepted_report_is_told_in_english(submitted, secretariat_user, mailoutbox, settings):
    state_report_accept(report=submitted, user=secretariat_user)
    send()

    subject, text, html = parts(mailoutbox[0])
    cell = f"{settings.SITE_ROOT}/states/FRA/mandates/{submitted.mandate_id}/"
    assert subject == "Suivi: your report on ICC-ASP/11/Res.5 OP9 for France was accepted"
    assert "== Your State's reports ==" in text
    assert "your report on ICC-ASP/11/Res.5 OP9 for France was accepted." in text
    assert "Status of France: completed" in text
    assert cell in text
    assert "Here are the requests" not in text, "a notice alone is not a reminder"
    assert "Your State's reports" in html
    assert f'href="{cell}"' in html
    assert "was accepted." in html and "was returned" not in html


def test_a_returned_report_is_told_with_the_reviewers_words_in_english(
    submitted, secretariat_user, mailoutbox
):
    state_report_return(
        report=submitted, user=secretariat_user, comment='Which decree? <b>"No. 12"</b> & date'
    )
    send()

    subject, text, html = parts(mailoutbox[0])
    assert subject == "Suivi: your report on ICC-ASP/11/Res.5 OP9 for France was returned"
    assert "for France was returned with this comment:" in text
    assert '  “Which decree? <b>"No. 12"</b> & date”' in text
    assert "You can report again on this page: http" in text
    assert "“Which decree? &lt;b&gt;&quot;No. 12&quot;&lt;/b&gt; &amp; date”" in html
    assert "<b>" not in html
    assert "the page of France</a>" in html


def test_an_accepted_report_is_told_in_french_with_french_typography(
    submitted, secretariat_user, francoise
):
    Recipient.objects.create(email="francoise@example.org", token="t", language="fr")
    state_report_accept(report=submitted, user=secretariat_user)
    StateReport.objects.filter(pk=submitted.pk).update(
        reviewed_at=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
    )
    (notice,) = notices()

    subject, text, html = parts(
        digest_message(recipient=notice.recipient, items=[notice], today=DUE)
    )

    assert subject == (
        f"Suivi{NBSP}: votre rapport sur ICC-ASP/11/Res.5 OP9 pour la France a été accepté"
    )
    assert "== Les rapports de votre État ==" in text
    assert "Le 1er décembre 2026, votre rapport sur ICC-ASP/11/Res.5 OP9 pour la France" in text
    assert f"Statut de la France{NBSP}: achevé" in text
    assert "Les rapports de votre État" in html and 'lang="fr"' in html


def test_a_returned_report_is_told_in_french_with_the_comment_in_guillemets(
    submitted, secretariat_user
):
    Recipient.objects.create(email="francoise@example.org", token="t", language="fr")
    state_report_return(report=submitted, user=secretariat_user, comment="Quel décret ? <i>")
    (notice,) = notices()

    subject, text, html = parts(
        digest_message(recipient=notice.recipient, items=[notice], today=DUE)
    )

    assert subject.endswith("pour la France a été renvoyé")
    assert f"a été renvoyé avec ce commentaire{NBSP}:" in text
    assert f"«{NBSP}Quel décret ? <i>{NBSP}»" in text
    assert f"«{NBSP}Quel décret ? &lt;i&gt;{NBSP}»" in html
    assert f"Vous pouvez faire un nouveau rapport sur cette page{NBSP}:" in text


def test_a_notice_and_reminders_go_in_one_digest_with_both_counted(
    mandate, submitted, secretariat_user, mailoutbox
):
    state_report_return(report=submitted, user=secretariat_user, comment="Which decree?")
    week_before = DUE - datetime.timedelta(days=7)
    reminders_plan(today=week_before)

    send(datetime.datetime.combine(week_before, datetime.time(7), tzinfo=datetime.UTC))

    (message,) = mailoutbox
    assert message.subject == "Suivi, France: 1 request to follow up · 1 report reviewed"
    assert "== Your State's reports ==" in message.body
    assert "What is asked of France" in message.body


def test_the_subject_of_a_state_with_an_apostrophe_is_not_escaped(
    mandate, django_user_model, states, mailoutbox
):
    from tracking.states.models import State

    ivory = State.objects.create(
        iso3="CIV",
        name_en="Côte d'Ivoire",
        name_fr="Côte d'Ivoire",
        un_regional_group="african",
        un_status="member",
        article_fr="la",
    )
    from tracking.states.models import GroupMembership

    GroupMembership.objects.create(
        group=Actor.objects.get(key="states_parties"),
        state=ivory,
        start=datetime.date(2013, 5, 1),
    )
    delegate(django_user_model, "awa", ivory)
    week_before = DUE - datetime.timedelta(days=7)
    reminders_plan(today=week_before)

    send(datetime.datetime.combine(week_before, datetime.time(7), tzinfo=datetime.UTC))

    (message,) = mailoutbox
    assert message.subject == "Suivi, Côte d'Ivoire: 1 request to follow up"


# Reviewers: how many reports await review ---------------------------------------------------


@pytest.fixture
def two_waiting(mandate, resolution, secretariat_user, states, francoise, django_user_model):
    """France's report on OP9, then Kenya's on OP10, both awaiting review."""
    kenyan = delegate(django_user_model, "wanjiru", states["KEN"])
    op10 = request_to_the_parties(resolution, secretariat_user, 10)
    return [
        state_report_submit(
            mandate=on,
            state=states[iso3],
            user=user,
            status=Status.IN_PROGRESS,
            expected_version=0,
        )
        for on, iso3, user in ((mandate, "FRA", francoise), (op10, "KEN", kenyan))
    ]


def daily(today=None):
    today = today or timezone.localdate()
    reminders_plan(today=today)
    return send()


def awaiting():
    return list(Reminder.objects.filter(kind=rules.AWAITING).select_related("recipient"))


def test_reviewers_get_one_line_saying_how_many_reports_await_review(
    two_waiting, secretariat_user, mailoutbox, settings
):
    daily()

    assert [item.recipient.email for item in awaiting()] == [secretariat_user.email]
    (message,) = mailoutbox
    assert message.to == [secretariat_user.email]
    assert message.subject == "Suivi: 2 reports await review"
    queue = f"{settings.SITE_ROOT}/states/reports/"
    assert f"2 reports of delegations await your review: {queue}" in message.body
    assert "ICC-ASP/11/Res.5" not in message.body, "one line, not one item per report"
    html = message.alternatives[0][0]
    assert f'<a href="{queue}"><strong>2 reports of delegations</strong></a>' in html


def test_the_line_of_reports_awaiting_review_speaks_french(two_waiting, secretariat_user):
    reminders_plan(today=timezone.localdate())
    Recipient.objects.filter(email=secretariat_user.email).update(language="fr")
    (line,) = awaiting()
    line.refresh_from_db()

    subject, text, _html = parts(
        digest_message(recipient=line.recipient, items=[line], today=timezone.localdate())
    )

    assert subject == f"Suivi{NBSP}: 2 rapports attendent un examen"
    assert f"2 rapports de délégations attendent votre examen{NBSP}: http" in text


def test_no_line_on_a_day_no_report_waits(submitted, secretariat_user, mailoutbox):
    state_report_accept(report=submitted, user=secretariat_user)
    mailoutbox.clear()

    daily()

    assert awaiting() == []
    assert secretariat_user.email not in {message.to[0] for message in mailoutbox}


def test_a_second_run_the_same_day_adds_no_second_line(two_waiting, secretariat_user, mailoutbox):
    daily()
    # The oldest report, on which the line hangs, is accepted before the day's second run.
    state_report_accept(report=two_waiting[0], user=secretariat_user)
    mailoutbox.clear()

    daily()

    assert len(awaiting()) == 1
    assert secretariat_user.email not in {message.to[0] for message in mailoutbox}


def test_the_line_is_cancelled_when_the_queue_empties_before_the_send(
    two_waiting, secretariat_user, mailoutbox
):
    reminders_plan(today=timezone.localdate())
    for report in two_waiting:
        state_report_return(report=report, user=secretariat_user, comment="Which law?")

    report = send()

    assert secretariat_user.email not in {message.to[0] for message in mailoutbox}
    assert awaiting()[0].state == Reminder.State.CANCELLED
    assert report.cancelled == 1


def test_delegates_and_readers_without_the_permission_get_no_line(
    two_waiting, delegation_user, outsider_user
):
    reminders_plan(today=timezone.localdate())

    emails = {item.recipient.email for item in awaiting()}
    assert emails.isdisjoint(
        {"francoise@example.org", "wanjiru@example.org", delegation_user.email, outsider_user.email}
    )


def test_a_delegate_who_uses_suivi_in_french_is_told_in_french(
    submitted, francoise, secretariat_user, client, mailoutbox
):
    francoise.set_password("a-long-test-password")
    francoise.save()
    client.post(
        "/accounts/login/",
        {"username": "francoise", "password": "a-long-test-password"},
        headers={"Accept-Language": "fr"},
    )
    state_report_return(report=submitted, user=secretariat_user, comment="Quel décret ?")

    send()

    (message,) = mailoutbox
    assert message.subject.endswith("pour la France a été renvoyé")
