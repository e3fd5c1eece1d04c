"""Who may see what. Every view uses one of these decorators; none is left open."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.views import redirect_to_login


def can_read(user) -> bool:
    return settings.SUIVI_PUBLIC_READ or user.is_authenticated


def read_required(view):
    """Signed-in users, or anyone when the deployment opens read-only pages to the public."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_read(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(permission: str):
    """A signed-in user holding `permission`; others get 403 (or the login page if anonymous)."""

    def decorator(view):
        checked = permission_required(permission, raise_exception=True)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return checked(request, *args, **kwargs)

        return wrapper

    return decorator
