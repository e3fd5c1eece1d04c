from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = _("Follow-up")

    def ready(self):
        # The receiver that suggests mandates when a resolution is imported lives in
        # tracking.services: import it here, so that every process (a management command,
        # a worker) has it connected, not only those that happen to load the views.
        from tracking import fragments, resolution_page, roles, services  # noqa: F401

        # The resolution page (resolutions/) shows each paragraph's follow-up through
        # this extension: resolutions/ never imports tracking/.
        resolution_page.register()

        from tracking.dashboard import receivers

        # A change asks a worker for new dashboard figures (reads never do).
        receivers.connect()

        # Cached parts of pages are left unread when what they show changes.
        fragments.connect()

        from tracking.reminders import receivers as reminder_receivers

        # A person's emails are written in the language they use Suivi in.
        reminder_receivers.connect()

        # SQLite folds accents for the mandate list's search (tracking.filters).
        connection_created.connect(register_sqlite_functions, dispatch_uid="suivi-sqlite-fold")

        # Permissions are created by post_migrate too; roles are synced after
        # them so that a fresh database gets its groups in one `migrate`.
        post_migrate.connect(roles.sync_after_migrate, sender=self)


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from tracking.deadlines import fold

        connection.connection.create_function(
            "suivi_fold", 1, lambda text: fold(text) if text else text, deterministic=True
        )
