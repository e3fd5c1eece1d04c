"""
Reminders end to end: real Celery workers (separate processes) on the Redis server at
127.0.0.1:6379, a real SMTP server (aiosmtpd) on a loopback port, and the faults the issue
names: the same day twice, two workers at once, a worker killed mid-run, the mail server
down then back. Each reminder must arrive exactly once. The dashboard's refresh after a
change runs on the same kind of worker, at the end.

Without Redis these tests are skipped with the reason; CI sets SUIVI_REQUIRE_REDIS=True to
make that a failure instead. The workers use the test database of this run: its name is
passed to them (config/testing/worker_settings.py), and the tests commit their data
(transaction=True) so that another process can read it.
"""

import asyncio
import datetime
import email
import email.policy
import socket
import threading
import time
import uuid
from contextlib import contextmanager

import pytest
from celery import Celery
from django.contrib.auth.models import Permission
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connections
from django.utils import timezone

from config.testing.workers import Worker, wait_for, workers
from conftest import free_port
from resolutions.models import Paragraph, Resolution
from resolutions.services import body_for_prefix
from tracking.models import Actor, ActorContact, Reminder
from tracking.reminders.services import reminders_plan, reminders_send_pending
from tracking.services import mandate_create

pytestmark = pytest.mark.django_db(transaction=True)


# Services: Redis, SMTP, workers ------------------------------------------------------------


# `redis_url` (skipped without Redis, a failure when CI requires it) and `free_port` are
# the root conftest's.


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self, delay: float = 0):
        self.delay = delay
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def reminder_ids(self) -> list[int]:
        """The recorded reminders each message carried, in one list: a repeat is a double."""
        return [
            int(pk)
            for message in self.messages
            for pk in str(message["X-Suivi-Reminders"]).split(",")
        ]

    def to(self) -> list[str]:
        return sorted(str(message["To"]) for message in self.messages)


@contextmanager
def smtp_server(port: int, inbox: Inbox):
    from aiosmtpd.controller import Controller

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@contextmanager
def black_hole(port: int):
    """A mail server that accepts connections and never answers: a send hangs in it."""
    listener = socket.create_server(("127.0.0.1", port))
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield accepted
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()


@pytest.fixture
def queue() -> str:
    return f"suivi-test-{uuid.uuid4().hex}"


@pytest.fixture
def send(redis_url, queue):
    """Send a task by name to this test's queue, as beat would."""
    app = Celery("suivi-tests", broker=redis_url)

    def send(task: str, **kwargs):
        app.send_task(f"tracking.tasks.{task}", kwargs=kwargs, queue=queue)

    yield send
    app.close()


# Data ----------------------------------------------------------------------------------------


TODAY = timezone.localdate


@pytest.fixture
def paragraph(db):
    resolution = Resolution.objects.create(
        symbol="ICC-ASP/11/Res.5", body=body_for_prefix("ICC-ASP")
    )
    return Paragraph.objects.create(
        resolution=resolution, kind=Paragraph.Kind.OPERATIVE, number=5, order=5
    )


@pytest.fixture
def owed(paragraph, secretariat_user):
    """Two mandates due in a week and one overdue since yesterday, for the Bureau's five
    contacts (one writes French) and the focal point: six digests, eighteen reminders."""
    bureau = Actor.objects.get(key="bureau")
    for number in range(1, 5):
        ActorContact.objects.create(actor=bureau, email=f"contact{number}@example.org")
    ActorContact.objects.create(actor=bureau, email="contact-fr@example.org", language="fr")
    for due, deliverable in [
        (7, "the first report"),
        (7, "the second report"),
        (-1, "the late report"),
    ]:
        mandate_create(
            paragraph=paragraph,
            user=secretariat_user,
            addressees=[bureau],
            action="requests",
            deliverable=deliverable,
            deadline_relation="by_date",
            deadline_date=TODAY() + datetime.timedelta(days=due),
            focal_point=secretariat_user,
        )
    return {"emails": 6, "reminders": 18}


def all_sent(expected: int):
    return lambda: Reminder.objects.filter(state=Reminder.State.SENT).count() == expected


def assert_each_reminder_once(inbox: Inbox, owed: dict):
    ids = inbox.reminder_ids()
    assert len(ids) == len(set(ids)), "a reminder was sent twice"
    assert sorted(ids) == sorted(Reminder.objects.values_list("pk", flat=True))
    assert len(ids) == owed["reminders"]
    assert len(inbox.messages) == owed["emails"]
    assert len(set(inbox.to())) == owed["emails"]
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


# The daily run -----------------------------------------------------------------------------


def test_the_daily_task_on_a_real_worker_delivers_one_digest_per_recipient(
    owed, send, queue, redis_url
):
    port = free_port()
    with (
        smtp_server(port, Inbox()) as inbox,
        workers(queue=queue, smtp_port=port, redis_url=redis_url) as (worker,),
    ):
        send("reminders_daily")
        wait_for(lambda: len(inbox.messages) == owed["emails"], "the digests", worker)
        wait_for(
            lambda: worker.succeeded("tracking.tasks.reminders_send") == 1, "the send task", worker
        )

    assert_each_reminder_once(inbox, owed)
    french = next(m for m in inbox.messages if m["To"] == "contact-fr@example.org")
    # Python folds a header whose first word holds a no-break space onto a second line;
    # unfolded, the value starts with the fold's space, which mail programs drop.
    assert french["Subject"].strip() == "Suivi\u00a0: 3 mandats à suivre · 1 en retard"
    text = french.get_body(("plain",)).get_content()
    html = french.get_body(("html",)).get_content()
    assert "the first report" in text and "the late report" in text
    assert "dans 7 jours" in text and "1 jour de retard" in text
    assert "<!DOCTYPE html>" in html and 'lang="fr"' in html
    assert "/reminders/preferences/" in french["List-Unsubscribe"]
    english = next(m for m in inbox.messages if m["To"] == "contact1@example.org")
    assert english["Subject"] == "Suivi: 3 mandates to follow up · 1 overdue"


def test_it_sends_each_reminder_once_when_the_same_day_runs_twice(owed, send, queue, redis_url):
    port = free_port()
    with (
        smtp_server(port, Inbox()) as inbox,
        workers(queue=queue, smtp_port=port, redis_url=redis_url) as (worker,),
    ):
        send("reminders_daily")
        wait_for(
            lambda: worker.succeeded("tracking.tasks.reminders_send") == 1, "the first run", worker
        )
        send("reminders_daily")
        send("reminders_send")  # a retried or duplicated task
        wait_for(
            lambda: worker.succeeded("tracking.tasks.reminders_send") == 3, "the second run", worker
        )

    assert_each_reminder_once(inbox, owed)


# Faults --------------------------------------------------------------------------------------


def run_on_two_workers(send, queue, redis_url) -> tuple[Inbox, list[Worker]]:
    """The daily run asked twice, of two workers, with a mail server slow enough to keep
    both busy at the same time."""
    port = free_port()
    with (
        smtp_server(port, Inbox(delay=0.3)) as inbox,
        workers(2, queue=queue, smtp_port=port, redis_url=redis_url) as pair,
    ):
        send("reminders_daily")
        send("reminders_daily")
        wait_for(
            lambda: sum(worker.succeeded("tracking.tasks.reminders_send") for worker in pair) == 2,
            "both runs",
            *pair,
        )
    return inbox, pair


def test_it_sends_each_reminder_once_when_two_workers_run(owed, send, queue, redis_url):
    inbox, pair = run_on_two_workers(send, queue, redis_url)

    assert_each_reminder_once(inbox, owed)
    claimants = {
        claim.split("@")[0] for claim in Reminder.objects.values_list("claimed_by", flat=True)
    }
    assert claimants == {worker.name for worker in pair}, "both workers sent some"


def ratify(paragraph, user, *, due_in_days: int):
    """A request to the States Parties to ratify an agreement, due in so many days."""
    return mandate_create(
        paragraph=paragraph,
        user=user,
        addressees=[Actor.objects.get(key="states_parties")],
        action="calls_upon",
        deliverable="ratify the Agreement on Privileges and Immunities",
        deadline_relation="by_date",
        deadline_date=TODAY() + datetime.timedelta(days=due_in_days),
        focal_point=None,
    )


@pytest.fixture
def owed_with_a_delegation(owed, paragraph, states, secretariat_user, django_user_model):
    """Besides `owed`: a request to the States Parties due in a week, which France has
    completed and Kenya has not; a delegate of each. Kenya's delegate is owed one digest
    of one reminder, France's nothing."""
    from tracking.models import Status
    from tracking.states.services import delegation_link, state_progress_set

    mandate = ratify(paragraph, secretariat_user, due_in_days=7)
    for iso3 in ("KEN", "FRA"):
        user = django_user_model.objects.create_user(
            f"delegate-{iso3.lower()}", email=f"{iso3.lower()}@example.org"
        )
        delegation_link(user=user, state=states[iso3])
    state_progress_set(
        mandate=mandate,
        state=states["FRA"],
        status=Status.COMPLETED,
        user=secretariat_user,
        expected_version=0,
    )
    return {"emails": owed["emails"] + 1, "reminders": owed["reminders"] + 1}


def test_a_delegation_gets_one_digest_of_its_states_items_when_two_workers_run(
    owed_with_a_delegation, send, queue, redis_url
):
    owed = owed_with_a_delegation
    inbox, _pair = run_on_two_workers(send, queue, redis_url)

    assert_each_reminder_once(inbox, owed)
    (kenya,) = [m for m in inbox.messages if m["To"] == "ken@example.org"]
    assert kenya["Subject"] == "Suivi, Kenya: 1 request to follow up"
    assert "ratify the Agreement" in kenya.get_body(("plain",)).get_content()
    assert "fra@example.org" not in inbox.to()
    assert Reminder.objects.filter(for_state__iso3="KEN", state="sent").count() == 1


class SlowBackend(LocmemBackend):
    """The test mail box, as slow as a real server, so that two senders overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


def test_it_sends_each_reminder_once_when_two_threads_send_at_once(owed, settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    reminders_plan(today=TODAY())
    start = threading.Barrier(2)
    reports = []

    def send(name: str):
        try:
            start.wait()
            reports.append(reminders_send_pending(worker=name, now=timezone.now()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(f"thread-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = [int(pk) for m in mailoutbox for pk in m.extra_headers["X-Suivi-Reminders"].split(",")]
    assert sorted(ids) == sorted(Reminder.objects.values_list("pk", flat=True))
    assert len(mailoutbox) == owed["emails"]
    assert sum(report.emails for report in reports) == owed["emails"]
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_a_worker_killed_mid_run_leaves_nothing_missing_and_nothing_doubled(
    owed, send, queue, redis_url
):
    hanging_port, port = free_port(), free_port()
    with (
        black_hole(hanging_port) as connected,
        workers(queue=queue, smtp_port=hanging_port, redis_url=redis_url, EMAIL_TIMEOUT="60") as (
            doomed,
        ),
    ):
        send("reminders_daily")
        wait_for(lambda: connected, "the worker to start sending", doomed)
        claimed = list(
            Reminder.objects.filter(state=Reminder.State.SENDING).values_list("pk", flat=True)
        )
        assert claimed, "the worker holds a claim while it sends"
        doomed.kill()
    assert Reminder.objects.filter(state=Reminder.State.SENT).count() == 0
    time.sleep(1.1)  # older than the claim timeout of the next worker

    with (
        smtp_server(port, Inbox()) as inbox,
        workers(
            queue=queue,
            smtp_port=port,
            redis_url=redis_url,
            SUIVI_REMINDER_CLAIM_TIMEOUT="1",
        ) as (rescuer,),
    ):
        send("reminders_daily")
        wait_for(all_sent(owed["reminders"]), "every reminder to be sent", rescuer)
        wait_for(
            lambda: rescuer.succeeded("tracking.tasks.reminders_send") == 1,
            "the send task",
            rescuer,
        )

    assert_each_reminder_once(inbox, owed)
    assert set(Reminder.objects.filter(pk__in=claimed).values_list("claimed_by", flat=True)) != {""}


def test_reminders_wait_while_the_mail_server_is_down_and_go_when_it_is_back(
    owed, send, queue, redis_url
):
    port = free_port()  # nothing listens there yet: connections are refused
    with workers(queue=queue, smtp_port=port, redis_url=redis_url) as (worker,):
        send("reminders_daily")
        wait_for(
            lambda: Reminder.objects.filter(state=Reminder.State.FAILED).exists(),
            "a failed send",
            worker,
        )
        failed = Reminder.objects.filter(state=Reminder.State.FAILED).first()
        assert "Connection refused" in failed.last_error or "ConnectionRefused" in (
            failed.last_error
        )
        assert not Reminder.objects.filter(state=Reminder.State.SENT).exists()

        with smtp_server(port, Inbox()) as inbox:
            # The task retries with backoff (1 s, 2 s, 4 s … here) until the server answers.
            wait_for(all_sent(owed["reminders"]), "the retries to deliver", worker)

    assert_each_reminder_once(inbox, owed)
    assert any("retry: Retry in" in line for line in worker.lines)
    assert Reminder.objects.filter(attempts__gt=1).exists()


# A delegate told of a reviewed report -------------------------------------------------------


def test_a_returned_reports_notice_arrives_once_soon_after_the_decision(
    paragraph, states, secretariat_user, django_user_model, send, queue, redis_url, monkeypatch
):
    from tracking import tasks
    from tracking.models import Status
    from tracking.states.services import (
        delegation_link,
        state_report_return,
        state_report_submit,
    )

    # The send asked for once the decision is committed goes to this test's queue on Redis.
    monkeypatch.setattr(
        tasks.reminders_send, "apply_async", lambda *args, **kwargs: send("reminders_send")
    )
    mandate = ratify(paragraph, secretariat_user, due_in_days=400)  # nothing else is owed
    francoise, pierre = (
        django_user_model.objects.create_user(name, email=f"{name}@example.org")
        for name in ("francoise", "pierre")
    )
    for user in (francoise, pierre):
        delegation_link(user=user, state=states["FRA"])
    francoise.user_permissions.add(
        Permission.objects.get(content_type__app_label="tracking", codename="add_statereport")
    )
    report = state_report_submit(
        mandate=mandate,
        state=states["FRA"],
        user=francoise,
        status=Status.COMPLETED,
        expected_version=0,
    )
    state_report_return(report=report, user=secretariat_user, comment="Which decree?")

    port = free_port()
    with (
        smtp_server(port, Inbox()) as inbox,
        workers(queue=queue, smtp_port=port, redis_url=redis_url) as (worker,),
    ):
        wait_for(lambda: len(inbox.messages) == 1, "the notice", worker)
        send("reminders_daily")  # the next daily run
        send("reminders_send")  # a duplicated task
        wait_for(lambda: worker.succeeded("tracking.tasks.reminders_send") == 3, "the runs", worker)

    (notice,) = Reminder.objects.all()
    assert inbox.reminder_ids() == [notice.pk]
    assert inbox.to() == ["francoise@example.org"]
    (message,) = inbox.messages
    assert message["Subject"] == (
        "Suivi: your report on ICC-ASP/11/Res.5 OP5 for France was returned"
    )
    assert "“Which decree?”" in message.get_body(("plain",)).get_content()
    assert notice.state == Reminder.State.SENT


# The dashboard, computed again by a worker -------------------------------------------------


def test_a_worker_computes_the_dashboard_again_after_a_change(
    owed, send, queue, redis_url, delegation_user, secretariat_user, monkeypatch
):
    from tracking import tasks
    from tracking.dashboard import figures
    from tracking.models import Mandate
    from tracking.services import mandate_set_status

    # The change's request for new figures goes to this test's queue on Redis.
    monkeypatch.setattr(
        tasks.dashboards_refresh_all,
        "apply_async",
        lambda *args, **kwargs: send("dashboards_refresh_all"),
    )
    # The refreshes asked while the data was set up went to a queue that nobody reads.
    figures.refresh_not_queued()
    assert figures.dashboard(user=delegation_user).overdue == 1
    late = Mandate.objects.get(deliverable="the late report")
    mandate_set_status(mandate=late, status="completed", user=secretariat_user)

    stale = figures.dashboard(user=delegation_user)
    assert (stale.overdue, stale.refreshing) == (1, True)
    with workers(queue=queue, smtp_port=free_port(), redis_url=redis_url) as (worker,):
        wait_for(
            lambda: worker.succeeded("tracking.tasks.dashboards_refresh_all") == 1,
            "the refresh",
            worker,
        )
    fresh = figures.dashboard(user=delegation_user)
    assert (fresh.overdue, fresh.refreshing) == (0, False)
