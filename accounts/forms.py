from django.contrib.auth import forms as auth_forms
from django.utils.translation import get_language

from accounts import services


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, whose email leaves from a worker (accounts.services)."""

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            services.password_reset_request(user=user, language=get_language() or "en")
