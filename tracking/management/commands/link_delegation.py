from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tracking.states.models import State
from tracking.states.services import delegation_link


class Command(BaseCommand):
    help = "Link a user to the State they speak for: they report for it and land on its page."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("iso3", help="ISO 3166-1 alpha-3 code of the State, e.g. FRA")

    def handle(self, *args, username, iso3, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        state = State.objects.filter(iso3=iso3.upper()).first()
        if state is None:
            raise CommandError(f"No State with the code {iso3!r} (run load_states first?).")
        delegation_link(user=user, state=state)
        self.stdout.write(f"{username} now reports for {state.name_en} ({state.iso3}).")
