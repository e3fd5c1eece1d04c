"""
Writes for deadline reminders: record what is owed, then send each reminder exactly once.

How a reminder goes out once and is never lost:

1. Planning (`reminders_plan`) inserts the reminders owed today with
   bulk_create(ignore_conflicts=True). The unique constraint on (mandate, recipient, kind,
   due date), and on (…, State) for a delegation's reminder about its State's part, makes a
   second run the same day, a retried task or two planners at once insert nothing more.
2. Claiming takes a recipient's waiting reminders with one conditional UPDATE (state pending
   or failed and due for a retry, or "sending" for longer than the claim timeout), stamped
   with a claim name of its own. The database lets only one UPDATE change a row, so of two
   workers at once exactly one holds each reminder. The claim is committed before any email
   leaves.
3. Sending builds one digest per recipient from what the claim took, sends it, then marks
   those reminders sent, again only where the claim still holds.
4. A send that fails marks the reminders failed with the time of their next attempt
   (exponential backoff); they stay owed until a send succeeds. A worker that dies holding a
   claim leaves its reminders "sending"; after SUIVI_REMINDER_CLAIM_TIMEOUT any run takes
   them over. Nothing depends on a broker message surviving: every run starts from the
   database.

A delegate's notice that staff accepted or returned their State's report is planned in the
transaction of the decision itself (`report_notice_plan`): a decision rolled back leaves no
notice, a committed one cannot lose it, and the same identity makes a second planning
insert nothing. Once the decision is committed, a send task is asked for, so the notice
leaves within moments; the sweep sends it anyway if that task is lost.

The one gap no database can close is a worker that dies after the mail server accepted a
digest and before it recorded it as sent: after the claim timeout that digest goes again.
It lasts the few milliseconds between the server's answer and the commit.
"""

import datetime
import logging
import secrets
import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from config.typography import one_line, quoted_text, sort_key
from resolutions.models import LANGUAGE_CHOICES
from tracking.models import (
    STATUS_LABELS,
    Mandate,
    MandateEvent,
    Recipient,
    Reminder,
    StateReport,
)
from tracking.reminders import rules
from tracking.reminders.rules import Person, Section
from tracking.reminders.selectors import (
    DueReminder,
    change_events,
    claim_filter,
    claimable,
    recipients_with_claimable,
    reminders_claimed,
    reminders_due,
    report_notice_due,
    reports_waiting,
    state_cells_closed,
    state_reports,
    state_statuses,
)
from tracking.states.selectors import CLOSED_FOR_ALL

logger = logging.getLogger(__name__)

TEMPLATES = "emails/reminder_digest"


class ReminderError(Exception):
    """A change that was refused; the message says why, for a person."""


# Recipients --------------------------------------------------------------------------------


def recipients_ensure(*, people: Iterable[Person]) -> dict[str, Recipient]:
    """The recipient of each address, created on first use with a secret preferences token.

    Concurrent runs may create the same address at once: the unique email makes one insert
    win and the other do nothing.
    """
    wanted = {person.email: person for person in people}
    Recipient.objects.bulk_create(
        [
            Recipient(email=email, language=person.language, token=secrets.token_urlsafe(32))
            for email, person in wanted.items()
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    return Recipient.objects.in_bulk(list(wanted), field_name="email")


def recipient_follow_language(*, email: str, language: str, only_new: bool = False) -> None:
    """A person's emails follow the language they use Suivi in.

    Called when a signed-in person switches the interface's language (their recipient
    takes it), and when they sign in (`only_new`: a recipient created then starts in the
    language of their browser, but a language chosen before is kept). Without this, users
    were written to in English until they found the link in an email.
    """
    email = rules.normalise_email(email or "")
    if not email or language not in dict(LANGUAGE_CHOICES):
        return
    recipient, created = Recipient.objects.get_or_create(
        email=email, defaults={"language": language, "token": secrets.token_urlsafe(32)}
    )
    if not created and not only_new and recipient.language != language:
        Recipient.objects.filter(pk=recipient.pk).update(language=language)


def recipient_set_preferences(
    *,
    recipient: Recipient,
    reminders_enabled: bool,
    changes_enabled: bool,
    language: str,
) -> Recipient:
    """What a recipient chose on the page their emails link to.

    Reminders already recorded but not sent yet are checked again when their turn comes, so
    a choice made now applies to them too.
    """
    if language not in dict(LANGUAGE_CHOICES):
        raise ReminderError(translation.gettext("Choose English or French."))
    recipient.reminders_enabled = reminders_enabled
    recipient.changes_enabled = changes_enabled
    recipient.language = language
    recipient.save(update_fields=["reminders_enabled", "changes_enabled", "language"])
    return recipient


# Planning ----------------------------------------------------------------------------------


@dataclass
class PlanReport:
    due: int  # reminders owed today, recorded before or not
    recorded: int  # of which this run recorded


def reminders_plan(*, today: datetime.date) -> PlanReport:
    """Record every reminder owed on `today` that is not recorded yet."""
    due = reminders_due(today=today)
    before = Reminder.objects.count()
    _record(due)
    # Informative only: a concurrent planner may have recorded some of them.
    return PlanReport(due=len(due), recorded=Reminder.objects.count() - before)


def _record(due: list[DueReminder]) -> None:
    """Insert these reminders, ignoring those already recorded (the unique constraints)."""
    recipients = recipients_ensure(people=[item.person for item in due])
    Reminder.objects.bulk_create(
        [
            Reminder(
                mandate_id=item.mandate_id,
                recipient=recipients[item.person.email],
                kind=item.kind,
                due_date=item.due_date,
                for_state_id=item.state_id,
            )
            for item in due
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


@transaction.atomic
def report_notice_plan(*, report: StateReport) -> bool:
    """Record the notice telling the delegate who sent `report` that staff accepted or
    returned it, and have it sent once the decision is committed. Called in the transaction
    of the decision; planning it again records nothing more. Whether one was owed."""
    due = report_notice_due(report)
    if due is None:
        return False
    _record([due])
    transaction.on_commit(reminders_send_soon)
    return True


def reminders_send_soon() -> None:
    """Ask a worker to send what is waiting now rather than at the next sweep."""
    # tracking.tasks imports this module: the task is looked up when it is needed.
    from tracking import tasks

    try:
        # No retries: a review must not wait for a queue that is down.
        tasks.reminders_send.apply_async(retry=False)
    except OperationalError:
        logger.warning(
            "No queue to send reminders now: the sweep sends them within %s minutes",
            settings.SUIVI_REMINDER_SWEEP_MINUTES,
        )


# Sending -----------------------------------------------------------------------------------


@dataclass
class SendReport:
    emails: int = 0
    sent: int = 0
    cancelled: int = 0
    failed: int = 0
    # Seconds until the earliest retry of what failed, for the task to come back then.
    retry_in: float | None = None
    errors: list[str] = field(default_factory=list)


def reminders_send_pending(
    *,
    worker: str,
    now: datetime.datetime,
    claim_timeout: int | None = None,
    today: datetime.date | None = None,
) -> SendReport:
    """Send every waiting reminder, one digest per recipient, each reminder once.

    `worker` names the process in the claims; `now` is the clock of claims, retries and the
    claim timeout; `today` the day the digests count days from (by default, now's date).
    Must run outside a transaction (as tasks and commands do), so that each claim is
    committed before its email is sent.
    """
    today = today or timezone.localdate(now)
    report = SendReport()
    connection = get_connection()
    for recipient_id in recipients_with_claimable(now=now, claim_timeout=claim_timeout):
        claim = _claim(recipient_id=recipient_id, worker=worker, now=now, timeout=claim_timeout)
        if claim is None:
            continue  # another worker took them first
        items = _drop_unwanted(reminders_claimed(claim=claim), claim=claim, report=report)
        if not items:
            continue
        try:
            message = digest_message(recipient=items[0].recipient, items=items, today=today)
            message.connection = connection
            message.send()
        except Exception as error:
            logger.warning("Reminders to %s not sent: %r", items[0].recipient, error)
            retry_in = _mark_failed(items, claim=claim, now=now, error=error)
            report.failed += len(items)
            report.errors.append(f"{items[0].recipient}: {error!r}")
            report.retry_in = (
                retry_in if report.retry_in is None else min(report.retry_in, retry_in)
            )
            if _server_unavailable(error):
                # The next recipients would fail the same way; leave them waiting, untouched,
                # for the retry.
                break
            continue
        marked = _mark_sent(items, claim=claim, now=now)
        if marked < len(items):
            logger.error(
                "Claim %s expired while sending to %s: raise SUIVI_REMINDER_CLAIM_TIMEOUT",
                claim,
                items[0].recipient,
            )
        report.emails += 1
        report.sent += len(items)
    return report


def _claim(
    *, recipient_id: int, worker: str, now: datetime.datetime, timeout: int | None
) -> str | None:
    """Take a recipient's waiting reminders; the claim's name, or None if none was left.

    The conditional UPDATE is the lock: a row another worker claimed in the meantime no
    longer matches, so it is not taken twice.
    """
    claim = f"{worker[:80]}/{uuid.uuid4().hex[:16]}"
    taken = Reminder.objects.filter(
        claimable(now=now, claim_timeout=timeout), recipient_id=recipient_id
    ).update(state=Reminder.State.SENDING, claimed_at=now, claimed_by=claim)
    return claim if taken else None


def _drop_unwanted(items: list[Reminder], *, claim: str, report: SendReport) -> list[Reminder]:
    """Cancel what should no longer go out (mandate closed, deadline moved, opted out; for
    a State's delegation: the State completed its part, or the mandate became internal)."""
    keep, cancel = [], {}
    state_closed = state_cells_closed(items)
    reports = state_reports(items)
    waiting = _waiting(items)
    for item in items:
        mandate, recipient = item.mandate, item.recipient
        if item.for_state_id is None:
            live, closed = mandate.review == Mandate.Review.ACCEPTED, mandate.is_closed()
        else:
            live = mandate.review == Mandate.Review.ACCEPTED and not mandate.is_internal
            closed = mandate.status in CLOSED_FOR_ALL or (
                (mandate.pk, item.for_state_id) in state_closed
            )
        report_id = rules.report_id_of(item.kind)
        if report_id is not None and report_id not in reports:
            live = False  # the report was deleted since
        if item.kind == rules.AWAITING:
            live = waiting > 0  # whatever the mandate it hangs on
        if not rules.wants(
            kind=item.kind,
            reminders_enabled=recipient.reminders_enabled,
            changes_enabled=recipient.changes_enabled,
        ):
            cancel[item.pk] = "The recipient stopped these emails."
        elif not rules.still_due(
            kind=item.kind,
            due_date=item.due_date,
            live=live,
            closed=closed,
            mandate_due_date=mandate.due_date,
        ):
            cancel[item.pk] = "No longer due: the mandate was closed or its deadline moved."
        else:
            keep.append(item)
    for reason in set(cancel.values()):
        ids = [pk for pk, why in cancel.items() if why == reason]
        report.cancelled += Reminder.objects.filter(claim_filter(claim), pk__in=ids).update(
            state=Reminder.State.CANCELLED, last_error=reason
        )
    return keep


def _mark_sent(items: list[Reminder], *, claim: str, now: datetime.datetime) -> int:
    return Reminder.objects.filter(claim_filter(claim), pk__in=[item.pk for item in items]).update(
        state=Reminder.State.SENT,
        sent_at=now,
        attempts=F("attempts") + 1,
        next_attempt_at=None,
        last_error="",
    )


def _mark_failed(
    items: list[Reminder], *, claim: str, now: datetime.datetime, error: Exception
) -> float:
    """Record the failure and when to try again; the seconds until the earliest retry."""
    by_attempts: dict[int, list[int]] = {}
    for item in items:
        by_attempts.setdefault(item.attempts + 1, []).append(item.pk)
    delays = []
    for attempts, ids in by_attempts.items():
        delay = rules.retry_delay(
            attempts=attempts,
            base_seconds=settings.SUIVI_REMINDER_RETRY_SECONDS,
            max_seconds=settings.SUIVI_REMINDER_RETRY_MAX_SECONDS,
        )
        delays.append(delay)
        Reminder.objects.filter(claim_filter(claim), pk__in=ids).update(
            state=Reminder.State.FAILED,
            attempts=attempts,
            next_attempt_at=now + datetime.timedelta(seconds=delay),
            last_error=repr(error)[:2000],
        )
    return float(min(delays))


def _server_unavailable(error: Exception) -> bool:
    """Whether the mail server itself failed (down, unreachable, refusing us), rather than
    one message or one address."""
    if isinstance(
        error,
        smtplib.SMTPConnectError
        | smtplib.SMTPServerDisconnected
        | smtplib.SMTPHeloError
        | smtplib.SMTPAuthenticationError,
    ):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


# The digest --------------------------------------------------------------------------------


@dataclass
class DigestItem:
    reminder: Reminder
    mandate: Mandate
    url: str
    reference: str
    deadline: str
    due_date: datetime.date | None
    days: int | None  # days left before the due date; negative once it has passed
    event: MandateEvent | None = None
    state_status: str = ""  # for a State's delegation: the State's own status, if any
    report: StateReport | None = None  # for a notice of a decision on a State's report
    # The reviewer's comment on a returned report, quoted, for the text part (the HTML part
    # quotes and escapes it with the `quoted` filter).
    comment_text: str = ""

    @property
    def days_over(self) -> int:
        return -self.days if self.days is not None and self.days < 0 else 0


def digest_message(
    *, recipient: Recipient, items: list[Reminder], today: datetime.date
) -> EmailMultiAlternatives:
    """One email listing all of a recipient's items, in their language, text and HTML."""
    events = change_events(items)
    statuses = state_statuses(items)
    reports = state_reports(items)
    with translation.override(recipient.language):
        context = _digest_context(
            recipient=recipient,
            items=items,
            events=events,
            statuses=statuses,
            reports=reports,
            waiting=_waiting(items),
            today=today,
        )
        subject = one_line(render_to_string(f"{TEMPLATES}/subject.txt", context))
        text = render_to_string(f"{TEMPLATES}/body.txt", context)
        html = render_to_string(f"{TEMPLATES}/body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{context['preferences_url']}>",
            "Auto-Submitted": "auto-generated",
            # Lets an operator (and the tests) tell which recorded reminders an email carried.
            "X-Suivi-Reminders": ",".join(str(item.pk) for item in items if item.pk),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _waiting(items: list[Reminder]) -> int:
    """How many reports await review, if `items` has the line that says it (else 0, and no
    query)."""
    return reports_waiting() if any(item.kind == rules.AWAITING for item in items) else 0


def _digest_context(*, recipient, items, events, statuses, reports, waiting, today) -> dict:
    language = recipient.language
    sections: dict[Section, list[DigestItem]] = {section: [] for section in Section}
    # What is asked of a State, for its delegation: by State, then overdue and soon.
    by_state: dict[int, dict] = {}
    for item in items:
        mandate = item.mandate
        section = rules.section_of(item.kind)
        event_id = rules.event_id_of(item.kind)
        if item.for_state_id is None:
            url = mandate.get_absolute_url()
        else:
            url = reverse("states:cell", kwargs={"iso3": item.for_state.iso3, "pk": mandate.pk})
        digest_item = DigestItem(
            reminder=item,
            mandate=mandate,
            url=settings.SITE_ROOT + url,
            reference=f"{mandate.paragraph.resolution.symbol} {mandate.paragraph.reference}",
            deadline=mandate.deadline_text(language),
            due_date=mandate.due_date,
            days=(rules.days_between(today, mandate.due_date) if mandate.due_date else None),
            event=events.get(event_id) if event_id else None,
            state_status=STATUS_LABELS.get(statuses.get((mandate.pk, item.for_state_id)), ""),
        )
        if section is Section.REPORTS:
            digest_item.report = reports[rules.report_id_of(item.kind)]
            digest_item.comment_text = _quoted_text(digest_item.report.review_comment)
        if item.for_state_id is None or section is Section.REPORTS:
            sections[section].append(digest_item)
            continue
        group = by_state.setdefault(
            item.for_state_id,
            {
                "state": item.for_state,
                "url": settings.SITE_ROOT + item.for_state.get_absolute_url(),
                "overdue": [],
                "soon": [],
            },
        )
        group["overdue" if section is Section.OVERDUE else "soon"].append(digest_item)
    states = sorted(by_state.values(), key=lambda group: sort_key(group["state"].name))
    preferences = reverse("reminders:preferences", kwargs={"token": recipient.token})
    return {
        "recipient": recipient,
        "language": language,
        # What to follow up; the notices of reviewed reports and the line of those
        # awaiting review are counted apart.
        "count": len(items) - len(sections[Section.REPORTS]) - len(sections[Section.AWAITING]),
        "reports": sections[Section.REPORTS],
        "waiting": waiting,
        "queue_url": settings.SITE_ROOT + reverse("states:reports"),
        "overdue_count": len(sections[Section.OVERDUE])
        + sum(len(group["overdue"]) for group in states),
        "states": states,
        "state_names": ", ".join(group["state"].name for group in states),
        "overdue": sections[Section.OVERDUE],
        "soon": sections[Section.SOON],
        "changed": sections[Section.CHANGED],
        "undated": sections[Section.UNDATED],
        "site_root": settings.SITE_ROOT,
        "preferences_url": settings.SITE_ROOT + preferences,
        "today": today,
    }


def _quoted_text(comment: str) -> str:
    """A person's words in the language's quotation marks, their lines indented as the
    item's, for the text part (no escaping: it is not HTML)."""
    if not comment.strip():
        return ""
    lines = comment.strip().replace("\r\n", "\n").split("\n")
    return quoted_text("\n  ".join(line.rstrip() for line in lines))
