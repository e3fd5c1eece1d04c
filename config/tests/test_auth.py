import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from config.auth import OneQueryModelBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(django_user_model):
    codenames = ["view_mandate", "change_mandate", "view_actor", "view_internal_mandate"]
    view_mandate, change_mandate, view_actor, internal = (
        Permission.objects.get(codename=codename) for codename in codenames
    )
    staff, readers = Group.objects.create(name="staff"), Group.objects.create(name="readers")
    staff.permissions.add(view_mandate, change_mandate)
    readers.permissions.add(view_mandate, view_actor)
    both = django_user_model.objects.create_user("both")
    both.groups.add(staff, readers)
    both.user_permissions.add(internal, view_mandate)
    direct = django_user_model.objects.create_user("direct")
    direct.user_permissions.add(view_actor)
    grouped = django_user_model.objects.create_user("grouped")
    grouped.groups.add(readers)
    nothing = django_user_model.objects.create_user("nothing")
    superuser = django_user_model.objects.create_superuser("root")
    inactive = django_user_model.objects.create_user("gone", is_active=False)
    inactive.user_permissions.add(view_actor)
    return [both, direct, grouped, nothing, superuser, inactive]


def test_it_answers_what_djangos_backend_answers_in_one_query(
    users, django_user_model, django_assert_num_queries
):
    for user in users:
        expected = ModelBackend().get_all_permissions(django_user_model.objects.get(pk=user.pk))
        fresh = django_user_model.objects.get(pk=user.pk)
        with django_assert_num_queries(0 if not user.is_active else 1):
            found = OneQueryModelBackend().get_all_permissions(fresh)
            assert OneQueryModelBackend().has_perm(fresh, "tracking.view_mandate") == (
                "tracking.view_mandate" in expected
            )
        assert found == expected, user.username
    assert {"tracking.view_internal_mandate", "tracking.change_mandate", "tracking.view_actor"} <= (
        OneQueryModelBackend().get_all_permissions(users[0])
    )
