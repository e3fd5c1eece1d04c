from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from resolutions.access import can_read


class CanRead(permissions.BasePermission):
    """What the pages allow: signed-in users, or anyone on a public deployment."""

    message = _("Sign in, or send a token, to use the API.")

    def has_permission(self, request, view):
        return can_read(request.user)
