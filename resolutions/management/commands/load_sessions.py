from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.csvfiles import read_csv_text
from resolutions.models import Body
from resolutions.services import (
    KNOWN_BODIES,
    ImportRefused,
    body_for_prefix,
    sessions_load_calendar,
)


class Command(BaseCommand):
    help = "Load a session calendar CSV (number,start,end,venue) for a body, e.g. ICC-ASP."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--body", default="ICC-ASP", help="The body's symbol prefix.")

    def handle(self, *args, file, body, **options):
        found = Body.objects.filter(symbol_prefix=body).first()
        if found is None and body in KNOWN_BODIES:
            found = body_for_prefix(body)
        if found is None:
            raise CommandError(f"No body has the symbol prefix {body!r}.")
        try:
            created, updated = sessions_load_calendar(body=found, csv_text=read_csv_text(file))
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: {error}") from None
        except ImportRefused as refused:
            message = f"{file}: refused, nothing saved: " + " ".join(refused.messages)
            raise CommandError(message) from None
        self.stdout.write(f"{file}: {created} session(s) created, {updated} updated.")
