import datetime
import os
import socket

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracking.reminders import services as reminder_services
from tracking.reminders.selectors import reminders_preview


class Command(BaseCommand):
    help = (
        "Record the deadline reminders owed today and send them, as the daily Celery task "
        "does, synchronously. For cron and for trying it out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print who would get what; record and send nothing",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="plan as if today were this date (YYYY-MM-DD); the default is today",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        today = today or timezone.localdate()
        now = timezone.now()
        if dry_run:
            self.preview(today=today, now=now)
            return
        plan = reminder_services.reminders_plan(today=today)
        self.stdout.write(f"{today}: {plan.due} reminders owed, {plan.recorded} newly recorded.")
        report = reminder_services.reminders_send_pending(
            worker=f"command@{socket.gethostname()}:{os.getpid()}", now=now, today=today
        )
        self.stdout.write(
            f"Sent {report.emails} emails ({report.sent} reminders); "
            f"{report.cancelled} cancelled, {report.failed} failed."
        )
        if report.failed:
            raise CommandError(
                f"{report.failed} reminders could not be sent; they stay owed and the next run "
                "retries them.\n" + "\n".join(report.errors)
            )

    def preview(self, *, today, now):
        previews = reminders_preview(today=today, now=now)
        for preview in previews:
            self.stdout.write(f"{preview.email} ({preview.language}): {len(preview.items)}")
            for item in preview.items:
                mandate = item.mandate
                reference = f"{mandate.paragraph.resolution.symbol} {mandate.paragraph.reference}"
                self.stdout.write(
                    f"  {item.kind:<12} {reference:<24} due {mandate.due_date or '—'}"
                    f"  {mandate.deadline_text(preview.language)}"
                )
        total = sum(len(preview.items) for preview in previews)
        self.stdout.write(
            f"Dry run for {today}: {len(previews)} emails, {total} reminders. "
            "Nothing was recorded or sent."
        )
