"""Sign-in, password change and reset: Django's views in the site's layout."""

import math

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy

from accounts import services
from accounts.addresses import client_address
from accounts.forms import PasswordResetForm


def locked_out(request, original_response=None, credentials=None):
    """The page shown instead of signing in while an account or an address is locked
    (django-axes' AXES_LOCKOUT_CALLABLE), on the site's login and on the admin's."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        """Send the link unless this email, or this address, asked too often: then the
        form again with why and for how long, whether an account has the email or not."""
        throttle = services.password_reset_throttle(
            email=form.cleaned_data["email"], address=client_address(self.request)
        )
        if not throttle.allowed:
            minutes = max(1, math.ceil(throttle.seconds_left / 60))
            context = self.get_context_data(form=form, throttled_minutes=minutes)
            return self.render_to_response(context, status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")
