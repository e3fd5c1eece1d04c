"""
python bench/generate.py --scale 0.01|1 [--seed N] [--force] [--batch N]

Fills the database named by DATABASE_URL with a synthetic corpus (bench/synthetic.py)
for measuring Suivi at scale: at --scale 1, 20,000 resolutions, 500,000 paragraphs,
150,000 mandates, 1,000,000 history entries, the States registry with the dated
memberships of the Rome Statute, and 2,000,000 per-State progress entries with their
history. On PostgreSQL the rows go in with COPY and the secondary indexes are built once
at the end; elsewhere with bulk_create. Everything happens in one transaction: the
database holds the whole corpus or none of it.

It refuses a database that holds real resolutions unless --force is given, so that
nobody pollutes a production database by mistake, and always refuses one that already
holds a synthetic corpus (generate into an empty database instead).

`make bench` runs it (bench/run.py); it serves only the bench and the load test, so it
lives beside them rather than in the application.
"""

import argparse
import csv
import datetime
import io
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    # Run as a script: Django is set up before the models are imported.
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import synthetic  # noqa: E402
from resolutions.models import Resolution, Session  # noqa: E402
from resolutions.services import body_for_prefix  # noqa: E402
from tracking import roles  # noqa: E402
from tracking.models import Actor  # noqa: E402
from tracking.states.selectors import registry  # noqa: E402
from tracking.states.services import states_load  # noqa: E402

STATES_DATA = ROOT / "tracking" / "states" / "data"
CALENDAR = ROOT / "resolutions" / "corpus" / "asp_sessions.csv"

STAFF = [f"synthetic-staff-{n}" for n in range(1, 7)]


class GenerationError(Exception):
    """Generation was refused or cannot start; the message says why."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[1])
    parser.add_argument(
        "--scale", type=float, required=True, help="1 is the full scale, 0.01 a hundredth"
    )
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
    parser.add_argument(
        "--force", action="store_true", help="generate even if real resolutions are held"
    )
    parser.add_argument(
        "--batch", type=int, default=500, help="resolutions made and written at a time"
    )
    args = parser.parse_args(argv)
    try:
        generate(scale=args.scale, seed=args.seed, force=args.force, batch=args.batch)
    except GenerationError as error:
        sys.exit(f"generate: {error}")


def generate(*, scale: float, seed: int = 1, force: bool = False, batch: int = 500, out=None):
    """Generate the corpus into the default database (Django set up)."""
    Generator(out or sys.stdout).handle(scale=scale, seed=seed, force=force, batch=batch)


class Generator:
    """The steps of a generation, reporting progress to `out`."""

    def __init__(self, out):
        self.out = out

    def write(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def handle(self, *, scale, seed, force, batch):
        if not 0 < scale <= 10:
            raise GenerationError("--scale must be more than 0 and at most 10.")
        refuse_unless_empty(force=force)
        counts = synthetic.FULL_SCALE.at(scale)
        self.write(
            f"Generating {counts.resolutions:,} resolutions, {counts.paragraphs:,} paragraphs, "
            f"{counts.mandates:,} mandates, {counts.events:,} history entries, "
            f"{counts.state_entries:,} per-State entries "
            f"(scale {scale:g}, seed {seed}, {connection.vendor})."
        )
        if connection.vendor == "postgresql":
            # Building the indexes of a full-scale corpus takes about a minute: longer than
            # the statement timeout that suits the web pages (DATABASE_STATEMENT_TIMEOUT).
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        started = time.monotonic()
        rng = random.Random(seed)
        with transaction.atomic():
            world = prepare_world()
            plans, events = synthetic.plan_corpus(counts, rng)
            builder = synthetic.CorpusBuilder(world, rng)
            writer = CopyWriter() if connection.vendor == "postgresql" else BulkWriter()
            with writer.loading():
                self.write_batches(builder, writer, plans, iter(events), batch, started)
                self.progress("rows written", started)
                for rows in builder.build_state_progress(counts.state_entries):
                    for label, table_rows in rows.tables.items():
                        writer.write(label, table_rows)
                self.progress("per-State rows written", started)
            self.progress("indexes built", started)
            reset_sequences()
        self.progress("committed", started)
        writer.analyze()
        self.progress("analyzed", started)
        self.write(f"Done in {time.monotonic() - started:.0f} s (seed {seed}).")

    def progress(self, what: str, started: float) -> None:
        self.write(f"  {what} ({time.monotonic() - started:.0f} s)")

    def write_batches(self, builder, writer, plans, events: Iterator[int], size: int, started):
        """Make and write the rows of `size` resolutions at a time: memory stays bounded
        and PostgreSQL works on one batch while Python makes the next."""
        done = reported = 0
        for start in range(0, len(plans), size):
            batch = plans[start : start + size]
            rows = builder.build(batch, events)
            for label, table_rows in rows.tables.items():
                writer.write(label, table_rows)
            done += len(batch)
            if done - reported >= len(plans) / 10 or done == len(plans):
                reported = done
                self.progress(f"{done:,}/{len(plans):,} resolutions", started)


def refuse_unless_empty(*, force: bool) -> None:
    resolutions = Resolution.objects.all()
    if resolutions.filter(symbol__startswith=synthetic.SYMBOL_PREFIX).exists():
        raise GenerationError(
            "This database already holds a synthetic corpus. Generate into an empty database "
            "(`make bench` creates its own)."
        )
    real = resolutions.count()
    if real and not force:
        raise GenerationError(
            f"This database holds {real:,} real resolutions. A synthetic corpus would be mixed "
            "with them; use a database of its own, or --force if that is really what you want."
        )


def prepare_world() -> synthetic.World:
    """Create the bodies, sessions, staff users and the States registry the corpus points
    at (keeping any that exist as they are), and read them with the actors."""
    bodies = {prefix: body_for_prefix(prefix) for prefix in (synthetic.ASP, synthetic.GA)}
    calendars = {synthetic.ASP: asp_calendar(), synthetic.GA: synthetic.general_assembly_calendar()}
    sessions = {}
    for prefix, calendar in calendars.items():
        for number, start, end in calendar:
            Session.objects.get_or_create(
                body=bodies[prefix], number=number, defaults={"start_date": start, "end_date": end}
            )
        sessions[prefix] = {
            s.number: synthetic.SessionInfo(s.id, s.number, s.start_date, s.end_date)
            for s in Session.objects.filter(body=bodies[prefix])
        }
    actors = {
        a.key: synthetic.ActorInfo(a.id, a.key, a.name_en, a.name_fr)
        for a in Actor.objects.order_by("key")
    }
    if not actors:
        raise GenerationError("No actors: run `manage.py migrate` first, it creates them.")
    return synthetic.World(
        body_ids={prefix: body.id for prefix, body in bodies.items()},
        sessions=sessions,
        actors=actors,
        staff=staff_users(),
        first_ids={label: next_id(label) for label in synthetic.TABLES},
        well_before_lead_days=settings.SUIVI_WELL_BEFORE_LEAD_DAYS,
        group_states=load_states(),
    )


def load_states() -> dict[str, tuple[int, ...]]:
    """Load the shipped States registry and Rome Statute memberships (as `manage.py
    load_states` does), then list the States each group of States concerns on the
    corpus date, by the rule of tracking/states/membership.py."""
    states_load(
        states_csv=(STATES_DATA / "states.csv").read_text(encoding="utf-8"),
        rome_statute_csv=(STATES_DATA / "rome_statute.csv").read_text(encoding="utf-8"),
    )
    reg = registry()
    return {
        key: tuple(sorted(reg.resolve(key, adopted_on=None, on=synthetic.CORPUS_DATE)))
        for key in synthetic.STATE_GROUPS
    }


def asp_calendar() -> list[tuple]:
    """The shipped ASP calendar, and sessions up to synthetic.LAST_SESSION without dates."""
    lines = [line for line in CALENDAR.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    known = {
        int(row["number"]): (optional_date(row["start"]), optional_date(row["end"]))
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    }
    last = synthetic.LAST_SESSION[synthetic.ASP]
    return [(n, *known.get(n, (None, None))) for n in range(1, last + 1)]


def optional_date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def staff_users() -> list[tuple[int, str]]:
    """A few secretariat staff to be focal points; they cannot sign in."""
    secretariat, _created = Group.objects.get_or_create(name=roles.SECRETARIAT)
    users = []
    for username in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@suivi.invalid"}
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(secretariat)
        users.append((user.id, user.username))
    return users


def model_of(label: str) -> type[models.Model]:
    model_label, _sep, m2m = label.partition("_")
    model = apps.get_model(model_label)
    return getattr(model, m2m).through if m2m else model


def next_id(label: str) -> int:
    model = model_of(label)
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def reset_sequences() -> None:
    """Ids were given explicitly; the next row saved by the application follows them."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [model_of(label) for label in synthetic.TABLES]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def missing_fields(model, columns) -> list[models.Field]:
    """Fields the generator does not know (added since): written with their default."""
    return [f for f in model._meta.concrete_fields if f.attname not in columns]


def default_of(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def is_json(model, column: str) -> bool:
    field = model._meta.get_field(column.removesuffix("_id") if column != "id" else column)
    return isinstance(field, models.JSONField)


class BulkWriter:
    """Any database: bulk_create in large batches. Note that auto_now fields
    (created_at, updated_at) get the current time, not the generated one."""

    @contextmanager
    def loading(self):
        yield

    def write(self, label: str, rows: list[tuple]) -> None:
        model, columns = model_of(label), synthetic.TABLES[label]
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=1000)

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class CopyWriter:
    """PostgreSQL: COPY, the fastest way in, with secondary indexes built at the end."""

    def __init__(self):
        from psycopg.types.json import Jsonb  # PostgreSQL only

        self.jsonb = Jsonb
        self.tables = [model_of(label)._meta.db_table for label in synthetic.TABLES]

    @contextmanager
    def loading(self):
        """Maintaining an index row by row during a load is several times slower than
        building it once afterwards. Indexes that back a constraint (primary keys,
        unique constraints) stay; the others are dropped and built again from their own
        definition. DDL is transactional: if the load fails, they come back.

        Foreign keys are checked as each batch is copied rather than all at commit
        (Django makes them deferrable): an index cannot be built on a table with
        checks pending, and the queue of pending checks would grow with the corpus."""
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                """
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
                AND NOT EXISTS (
                    SELECT 1 FROM pg_constraint c
                    WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass
                    AND c.contype IN ('p', 'u', 'x')
                )
                """,
                [self.tables],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for _name, definition in indexes:
                cursor.execute(definition)

    def write(self, label: str, rows: list[tuple]) -> None:
        if not rows:
            return
        model, columns = model_of(label), synthetic.TABLES[label]
        extra = missing_fields(model, columns)
        names = ", ".join(
            connection.ops.quote_name(c) for c in [*columns, *(f.column for f in extra)]
        )
        json_at = {i for i, c in enumerate(columns) if is_json(model, c)}
        tail = tuple(default_of(f) for f in extra)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                if json_at:
                    row = tuple(self.jsonb(v) if i in json_at else v for i, v in enumerate(row))
                copy.write_row(row + tail)

    def analyze(self) -> None:
        """Fresh statistics and visibility map, as autovacuum would leave them: without
        them the planner guesses, and index-only scans read the table."""
        # VACUUM cannot run in a transaction (the test suite's): ANALYZE alone then.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")


if __name__ == "__main__":
    main()
