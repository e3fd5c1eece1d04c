from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import mark_at_login

        user_logged_in.connect(mark_at_login, dispatch_uid="accounts.mark_at_login")

        from config import auth

        # Users kept in the cache are forgotten when they, their groups or permissions change.
        auth.connect()
