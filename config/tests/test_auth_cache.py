"""Signed-in users are kept in the cache with their permissions (config/auth.py): a page
reads neither again, and any change to the user, their groups or a group's permissions
shows at the next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import auth
from tracking import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def user_cache(settings):
    settings.SUIVI_USER_CACHE_SECONDS = 300


IMPORT = reverse("resolutions:import")  # the secretariat's: resolutions.add_resolution


def auth_queries(client, url: str, status: int = 200) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == status
    return [
        query["sql"]
        for query in captured.captured_queries
        if '"auth_user"' in query["sql"] or '"auth_permission"' in query["sql"]
    ]


def test_a_page_reads_its_user_and_permissions_once(secretariat_client):
    assert len(auth_queries(secretariat_client, IMPORT)) == 2
    assert auth_queries(secretariat_client, IMPORT) == []


def test_a_user_taken_out_of_a_group_loses_its_permissions_at_once(
    secretariat_client, secretariat_user
):
    auth_queries(secretariat_client, IMPORT)

    secretariat_user.groups.clear()

    auth_queries(secretariat_client, IMPORT, status=403)


def test_a_group_that_loses_a_permission_loses_it_at_once(secretariat_client):
    auth_queries(secretariat_client, IMPORT)

    Group.objects.get(name=roles.SECRETARIAT).permissions.remove(
        Permission.objects.get(codename="add_resolution")
    )

    auth_queries(secretariat_client, IMPORT, status=403)


def test_a_permission_given_from_its_side_shows_at_once(delegation_client, delegation_user):
    auth_queries(delegation_client, IMPORT, status=403)

    Permission.objects.get(codename="add_resolution").user_set.add(delegation_user)

    auth_queries(delegation_client, IMPORT)


def test_a_deactivated_user_is_signed_out_at_once(secretariat_client, secretariat_user):
    auth_queries(secretariat_client, IMPORT)

    secretariat_user.is_active = False
    secretariat_user.save()

    response = secretariat_client.get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_password_changed_elsewhere_signs_the_other_sessions_out(
    secretariat_client, secretariat_user
):
    auth_queries(secretariat_client, IMPORT)

    secretariat_user.set_password("another-long-password")
    secretariat_user.save()

    assert secretariat_client.get(IMPORT).status_code == 302


def test_a_deleted_group_takes_its_permissions_at_once(secretariat_client):
    auth_queries(secretariat_client, IMPORT)

    Group.objects.get(name=roles.SECRETARIAT).delete()

    auth_queries(secretariat_client, IMPORT, status=403)


def test_users_are_forgotten_again_when_the_change_commits(
    secretariat_user, django_capture_on_commit_callbacks
):
    """A request between the change and its commit read the user as it was: the commit
    forgets it again."""
    from django.core.cache import cache

    with django_capture_on_commit_callbacks() as callbacks:
        secretariat_user.groups.clear()
    cache.set(auth.user_key(secretariat_user.pk), "read before the commit")
    for callback in callbacks:
        callback()
    assert cache.get(auth.user_key(secretariat_user.pk)) is None
