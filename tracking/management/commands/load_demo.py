from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from config.csvfiles import read_csv_text
from resolutions.services import (
    ImportRefused,
    body_for_prefix,
    resolution_import,
    sessions_load_calendar,
)
from tracking import roles, services
from tracking.models import Actor, ActorContact, Mandate
from tracking.states.models import State, StateProgress
from tracking.states.services import (
    LoadRefused,
    delegation_link,
    state_progress_set,
    state_report_accept,
    state_report_submit,
    states_load,
)

CORPUS = settings.BASE_DIR / "resolutions" / "corpus"
DEMO_SYMBOL = "ICC-ASP/11/Res.5"

# Demo accounts only: `load_demo` refuses to create them when DEBUG is off.
DEMO_ACCOUNTS = [
    ("secretariat", "secretariat-demo", roles.SECRETARIAT, False),
    ("delegation", "delegation-demo", roles.DELEGATION, False),
    ("admin", "admin-demo", roles.ADMINISTRATORS, True),
    ("france", "france-demo", roles.DELEGATION, False),
]

# The demo account that speaks for a State, and the State.
DEMO_DELEGATION = ("france", "FRA")

STATES_DATA = settings.BASE_DIR / "tracking" / "states" / "data"

# Progress of a few States on the seed resolution, by operative paragraph, as staff would
# record it. Invented for the demo, as the comments say.
DEMO_STATE_PROGRESS = [
    (9, "DEU", "completed", "Demo: agreement ratified."),
    (9, "KEN", "in_progress", "Demo: ratification before parliament."),
    (13, "DEU", "in_progress", "Demo: implementing bill drafted."),
    (13, "ARG", "completed", "Demo: implementing law in force."),
    (18, "NLD", "completed", "Demo: contribution paid to the Special Fund for Relocations."),
]


# Contacts of a few actors, so that demo reminders reach addressees too (var/mail/).
DEMO_CONTACTS = [
    ("bureau", "bureau@asp.invalid", "fr"),
    ("court", "cooperation@court.invalid", "en"),
    ("assembly", "secretariat@asp.invalid", "en"),
]


class Command(BaseCommand):
    help = "Load the demo data: the ASP session calendar, the seed resolution and demo accounts."

    def handle(self, *args, **options):
        asp = body_for_prefix("ICC-ASP")
        created, updated = sessions_load_calendar(
            body=asp, csv_text=read_csv_text(CORPUS / "asp_sessions.csv")
        )
        self.stdout.write(f"Session calendar: {created} created, {updated} updated.")
        for path in sorted(CORPUS.glob("*.txt")):
            try:
                result = resolution_import(text=path.read_text(encoding="utf-8"))
            except ImportRefused as refused:
                self.stderr.write(f"{path.name}: " + " ".join(refused.messages))
                continue
            self.stdout.write(f"{path.name}: {result.resolution.symbol} {result.outcome}.")
        self.load_states()
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts created.")
            return
        secretariat = self.create_accounts()
        self.review_demo_suggestions(secretariat)
        self.demo_states(secretariat)
        for key, email, language in DEMO_CONTACTS:
            ActorContact.objects.get_or_create(
                actor=Actor.objects.get(key=key), email=email, defaults={"language": language}
            )
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
            where = f"written to {settings.EMAIL_FILE_PATH}/"
        else:
            where = "sent with the configured email settings"
        self.stdout.write(
            f"\nReminders are {where}; try: "
            ".venv/bin/python manage.py send_reminders --today 2013-09-21"
        )

    @transaction.atomic
    def create_accounts(self):
        User = get_user_model()
        self.stdout.write("\nDemo accounts (user name / password):")
        for username, password, role, is_superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@suivi.invalid"}
            )
            if created:
                user.set_password(password)
            user.is_staff = role != roles.DELEGATION
            user.is_superuser = is_superuser
            user.save()
            user.groups.add(Group.objects.get(name=role))
            note = f", {DEMO_DELEGATION[1]}" if username == DEMO_DELEGATION[0] else ""
            self.stdout.write(f"  {username:<12} {password:<18} ({role}{note})")
        return User.objects.get(username="secretariat")

    def review_demo_suggestions(self, secretariat):
        """Accept the demo's suggestions from paragraph 9 on, so that follow-up pages have
        content, and leave the first ones for a visitor to review. Runs once."""
        pending = Mandate.objects.filter(
            paragraph__resolution__symbol=DEMO_SYMBOL,
            paragraph__number__gte=9,
            review=Mandate.Review.SUGGESTED,
        )
        accepted = 0
        for mandate in pending:
            services.mandate_accept(mandate=mandate, user=secretariat, focal_point=secretariat)
            accepted += 1
        if accepted:
            first = Mandate.objects.filter(
                paragraph__resolution__symbol=DEMO_SYMBOL, review=Mandate.Review.ACCEPTED
            ).first()
            if first is not None:
                services.mandate_set_status(
                    mandate=first,
                    status="in_progress",
                    user=secretariat,
                    comment="Demo: first contacts with the States concerned.",
                )
        self.stdout.write(f"Demo suggestions accepted: {accepted}.")

    def load_states(self):
        try:
            result = states_load(
                states_csv=read_csv_text(STATES_DATA / "states.csv"),
                rome_statute_csv=read_csv_text(STATES_DATA / "rome_statute.csv"),
            )
        except (OSError, LoadRefused) as error:
            self.stderr.write(f"States not loaded: {error}")
            return
        self.stdout.write(
            f"States: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )

    @transaction.atomic
    def demo_states(self, secretariat):
        """Link the demo delegation to its State and record a few States' progress on the
        seed resolution, with one report of that delegation accepted. Runs once."""
        User = get_user_model()
        username, iso3 = DEMO_DELEGATION
        state = State.objects.filter(iso3=iso3).first()
        if state is None:
            return
        delegate = User.objects.get(username=username)
        delegation_link(user=delegate, state=state)
        seed = Mandate.objects.filter(resolution__symbol=DEMO_SYMBOL, review="accepted")
        if StateProgress.objects.filter(mandate__in=seed).exists():
            return
        by_paragraph = {}
        for mandate in seed.order_by("paragraph__number", "position"):
            by_paragraph.setdefault(mandate.paragraph.number, mandate)
        states = {s.iso3: s for s in State.objects.all()}
        recorded = 0
        for number, code, status, comment in DEMO_STATE_PROGRESS:
            if number in by_paragraph and code in states:
                state_progress_set(
                    mandate=by_paragraph[number],
                    state=states[code],
                    status=status,
                    user=secretariat,
                    comment=comment,
                    expected_version=0,
                )
                recorded += 1
        if 9 in by_paragraph:
            report = state_report_submit(
                mandate=by_paragraph[9],
                state=state,
                user=delegate,
                status="completed",
                comment="Demo: agreement ratified; reported by the delegation.",
                evidence_url="https://treaties.un.org/",
                expected_version=0,
            )
            if report.review == "pending":
                state_report_accept(report=report, user=secretariat)
            recorded += 1
        self.stdout.write(f"Demo progress of States recorded: {recorded}.")
