"""Django's model backend, reading a user's permissions in one query instead of two, and
keeping signed-in users with their permissions in the cache.

Every signed-in page reads its user and asks for the user's permissions (the navigation
shows what the user may do, the pages what they may see): two round trips to the
database per request, or none when the user is in the cache. What it answers is the same
as Django's ModelBackend.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save


class OneQueryModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                # Distinct: a permission held both directly and through a group (or through
                # two groups) comes once.
                permissions = permissions.filter(
                    Q(user=user_obj) | Q(group__user=user_obj)
                ).distinct()
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache

    # Users read from the cache ------------------------------------------------------------
    #
    # Every signed-in request reads its user, then the user's permissions: two queries.
    # The user is kept in the cache with its permissions (SUIVI_USER_CACHE_SECONDS), and
    # forgotten whenever the user, their groups or permissions, or a group's permissions
    # change (forget_users, connected by accounts.apps), now and again when the change
    # commits. A user changed by a bulk UPDATE, which sends no signal, is read again within
    # SUIVI_USER_CACHE_SECONDS.

    def get_user(self, user_id):
        if not settings.SUIVI_USER_CACHE_SECONDS:
            return super().get_user(user_id)
        key = user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            self.get_all_permissions(user)  # kept with it
            cache.set(key, user, settings.SUIVI_USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None


# Changed whenever what is kept changes shape.
USER_CACHE_FORMAT = 1


def user_key(user_id) -> str:
    database = connection.settings_dict["NAME"]
    return f"auth:user:{USER_CACHE_FORMAT}:{database}:{user_id}"


def forget_users(user_ids=None) -> None:
    """Read these users (all when None) from the database at their next request: now,
    and again when the current transaction commits (a request in between read them as
    they were before)."""

    def forget() -> None:
        ids = user_ids
        if ids is None:
            ids = get_user_model().objects.values_list("pk", flat=True)
        cache.delete_many([user_key(pk) for pk in ids])

    forget()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(forget)


def _user_changed(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw"):
        forget_users([instance.pk])


def _memberships_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A user's groups or own permissions (from either side)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        forget_users([instance.pk])
    else:
        forget_users(None if pk_set is None else list(pk_set))


def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    groups = [instance.pk] if not reverse else pk_set
    if groups is None:
        forget_users()
        return
    users = get_user_model().objects.filter(groups__in=groups).values_list("pk", flat=True)
    forget_users(list(users))


def _everyone_changed(sender, **kwargs) -> None:
    forget_users()


def connect() -> None:
    User = get_user_model()
    post_save.connect(_user_changed, sender=User, dispatch_uid="auth-cache-user-save")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="auth-cache-user-delete")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _memberships_changed, sender=through, dispatch_uid=f"auth-cache-{through.__name__}"
        )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="auth-cache-group-permissions",
    )
    for model in (Group, Permission):
        post_delete.connect(
            _everyone_changed, sender=model, dispatch_uid=f"auth-cache-{model.__name__}"
        )
