from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.csvfiles import read_csv_text
from tracking.states.services import LoadRefused, states_load

DATA = Path(__file__).resolve().parents[2] / "states" / "data"


class Command(BaseCommand):
    help = (
        "Load the registry of States and the parties to the Rome Statute "
        "(tracking/states/data/states.csv and rome_statute.csv). Idempotent; says what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--states", type=Path, default=DATA / "states.csv")
        parser.add_argument("--rome-statute", type=Path, default=DATA / "rome_statute.csv")

    def handle(self, *args, **options):
        states_path, rome_path = options["states"], options["rome_statute"]
        if not states_path.exists():
            raise CommandError(f"{states_path} does not exist.")
        try:
            states_csv = read_csv_text(states_path)
            rome_csv = read_csv_text(rome_path) if rome_path.exists() else None
        except UnicodeDecodeError as error:
            raise CommandError(f"Not UTF-8 text: {error}") from None
        try:
            result = states_load(states_csv=states_csv, rome_statute_csv=rome_csv)
        except LoadRefused as refused:
            raise CommandError("Nothing was loaded:\n" + "\n".join(refused.messages)) from None
        self.stdout.write(
            f"States: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
        if rome_csv is None:
            self.stdout.write(f"{rome_path} is missing: memberships of States Parties unchanged.")
        else:
            self.stdout.write(
                f"Memberships of States Parties: {result.memberships_created} created, "
                f"{result.memberships_updated} updated."
            )
        for line in result.changes:
            self.stdout.write(f"  changed: {line}")
        for line in result.kept:
            self.stdout.write(f"  {line}")
