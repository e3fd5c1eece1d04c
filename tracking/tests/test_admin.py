"""Every model is in the Django admin, and its pages open."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def project_models():
    for app_label in ("resolutions", "tracking"):
        yield from apps.get_app_config(app_label).get_models()


def test_every_model_is_registered():
    missing = [m.__name__ for m in project_models() if not admin.site.is_registered(m)]
    assert missing == []


def test_every_changelist_and_form_opens_for_an_administrator(client, django_user_model, mandate):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(root)
    for model in project_models():
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        instance = model.objects.first()
        if instance is not None:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
            assert client.get(change).status_code == 200, change


def test_history_cannot_be_changed_or_deleted_in_the_admin(client, django_user_model, mandate):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(root)
    event = mandate.events.first()
    delete = reverse("admin:tracking_mandateevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert mandate.events.filter(pk=event.pk).exists()
