"""Tracking pages: who may see and do what, enforced on the server."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracking.models import Actor, Mandate, MandateEvent
from tracking.services import mandate_set_status, mandate_update

pytestmark = pytest.mark.django_db


def urls_for(mandate) -> dict[str, str]:
    return {
        "status": reverse("tracking:mandate_status", args=[mandate.pk]),
        "edit": reverse("tracking:mandate_edit", args=[mandate.pk]),
        "review": reverse("tracking:mandate_review", args=[mandate.pk]),
        "accept": reverse("tracking:mandate_accept", args=[mandate.pk]),
        "add": reverse("tracking:mandate_add", args=[mandate.paragraph_id]),
    }


def snapshot(mandate) -> tuple:
    fresh = Mandate.objects.get(pk=mandate.pk)
    return (
        fresh.status,
        fresh.review,
        fresh.version,
        MandateEvent.objects.count(),
        Mandate.objects.count(),
    )


def test_anonymous_visitors_see_nothing(client, mandate):
    for url in [
        mandate.get_absolute_url(),
        reverse("tracking:my_work"),
        reverse("tracking:actor", args=["bureau"]),
    ]:
        assert client.get(url).status_code == 302


def test_a_delegation_user_reads_the_mandate_without_edit_controls(delegation_client, mandate):
    response = delegation_client.get(mandate.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bureau" in html and "before the 12th session" in html
    assert "status-form" not in html
    assert urls_for(mandate)["edit"] not in html


@pytest.mark.parametrize("action", ["status", "edit", "review", "accept", "add"])
def test_forged_posts_from_a_delegation_user_get_403_and_change_nothing(
    delegation_client, mandate, action
):
    before = snapshot(mandate)
    data = {
        "status": "completed",
        "version": mandate.version,
        "addressees": [Actor.objects.get(key="court").pk],
        "action": "decides",
        "accept": "1",
    }
    response = delegation_client.post(urls_for(mandate)[action], data)
    assert response.status_code == 403
    assert snapshot(mandate) == before


@pytest.mark.parametrize("action", ["edit", "review", "add"])
def test_forms_are_closed_to_delegation_users(delegation_client, mandate, action):
    assert delegation_client.get(urls_for(mandate)[action]).status_code == 403


def test_staff_change_the_status_with_a_comment(secretariat_client, mandate):
    response = secretariat_client.post(
        urls_for(mandate)["status"],
        {"status": "in_progress", "comment": "Facilitator appointed", "version": mandate.version},
    )
    assert response.status_code == 302
    page = secretariat_client.get(mandate.get_absolute_url()).content.decode()
    assert "Facilitator appointed" in page
    assert Mandate.objects.get(pk=mandate.pk).status == "in_progress"


def test_a_stale_status_form_is_refused_with_what_changed(
    secretariat_client, mandate, secretariat_user
):
    stale = mandate.version
    mandate_set_status(
        mandate=mandate, status="in_progress", user=secretariat_user, comment="first save"
    )

    response = secretariat_client.post(
        urls_for(mandate)["status"],
        {"status": "not_applicable", "comment": "second", "version": stale},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "someone else changed this mandate" in html
    assert "first save" in html
    assert Mandate.objects.get(pk=mandate.pk).status == "in_progress"


def test_a_status_the_pipeline_forbids_is_refused(secretariat_client, mandate, secretariat_user):
    mandate_set_status(mandate=mandate, status="superseded", user=secretariat_user)
    before = snapshot(mandate)
    response = secretariat_client.post(
        urls_for(mandate)["status"], {"status": "completed", "version": mandate.version}
    )
    assert response.status_code == 400
    assert snapshot(mandate) == before


def test_internal_mandates_and_notes_are_hidden_from_delegations(
    delegation_client, secretariat_client, mandate, secretariat_user
):
    mandate_update(
        mandate=mandate, user=secretariat_user, internal_notes="Sensitive: ask the Registry"
    )
    assert "Sensitive" in secretariat_client.get(mandate.get_absolute_url()).content.decode()
    assert "Sensitive" not in delegation_client.get(mandate.get_absolute_url()).content.decode()

    mandate_update(mandate=mandate, user=secretariat_user, is_internal=True)
    assert delegation_client.get(mandate.get_absolute_url()).status_code == 404
    assert secretariat_client.get(mandate.get_absolute_url()).status_code == 200


def test_staff_edit_addressees_and_deadline(secretariat_client, mandate):
    court = Actor.objects.get(key="court")
    response = secretariat_client.post(
        urls_for(mandate)["edit"],
        {
            "addressees": [court.pk],
            "action": "requests",
            "deadline_relation": "at",
            "deadline_session": "13",
            "version": mandate.version,
            "comment": "fix",
        },
    )
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert list(mandate.addressees.values_list("key", flat=True)) == ["court"]
    assert mandate.deadline_session.number == 13


def test_bad_form_values_change_nothing(secretariat_client, mandate):
    before = snapshot(mandate)
    for data in (
        {"addressees": ["999999"], "action": "requests", "version": mandate.version},
        {
            "addressees": [Actor.objects.get(key="court").pk],
            "action": "obeys",
            "version": mandate.version,
        },
        {
            "addressees": [Actor.objects.get(key="court").pk],
            "action": "requests",
            "deadline_relation": "before",
            "version": mandate.version,
        },
        {"addressees": [Actor.objects.get(key="court").pk], "action": "requests", "version": "x"},
    ):
        assert secretariat_client.post(urls_for(mandate)["edit"], data).status_code == 400
    assert snapshot(mandate) == before


def test_staff_accept_and_reject_suggestions_from_the_review_page(
    secretariat_client, imported_seed
):
    suggestion = Mandate.objects.filter(review="suggested", paragraph__number=23).get()
    response = secretariat_client.post(
        urls_for(suggestion)["review"], {"reject": "1", "version": suggestion.version}
    )
    assert response.status_code == 302
    assert Mandate.objects.get(pk=suggestion.pk).review == "rejected"

    other = Mandate.objects.filter(review="suggested", paragraph__number=5).get()
    response = secretariat_client.post(urls_for(other)["accept"], {"version": other.version})
    assert response.status_code == 302
    assert Mandate.objects.get(pk=other.pk).review == "accepted"


def test_staff_add_a_mandate_by_hand(secretariat_client, op5):
    response = secretariat_client.post(
        reverse("tracking:mandate_add", args=[op5.pk]),
        {
            "addressees": [Actor.objects.get(key="court").pk],
            "action": "invites",
            "deadline_relation": "by_date",
            "deadline_date": "2013-06-30",
        },
    )
    assert response.status_code == 302
    added = Mandate.objects.filter(paragraph=op5, action="invites").get()
    assert added.review == "accepted" and str(added.due_date) == "2013-06-30"


def test_my_work_lists_a_focal_points_mandates_soonest_first(
    secretariat_client, mandate, secretariat_user, op5
):
    from tracking.services import mandate_create

    later = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="court")],
        action="requests",
        deadline_relation="at",
        deadline_session=14,
        focal_point=secretariat_user,
    )
    undated = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="court")],
        action="invites",
        focal_point=secretariat_user,
    )
    mandate_update(mandate=mandate, user=secretariat_user, focal_point=secretariat_user)

    response = secretariat_client.get(reverse("tracking:my_work"))
    listed = [m.pk for m in response.context["page"].object_list]
    assert listed == [mandate.pk, later.pk, undated.pk]


def test_the_mandate_and_resolution_pages_have_constant_query_counts(
    secretariat_client, mandate, secretariat_user
):
    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert secretariat_client.get(url).status_code == 200
        return len(captured)

    resolution_url = mandate.paragraph.resolution.get_absolute_url()
    before = count(mandate.get_absolute_url()), count(resolution_url)
    for status in ["in_progress", "completed", "in_progress", "completed"]:
        mandate_set_status(mandate=mandate, status=status, user=secretariat_user, comment=status)
    for paragraph in mandate.paragraph.resolution.paragraphs.filter(kind="operative")[:10]:
        from tracking.services import mandate_create

        mandate_create(
            paragraph=paragraph,
            user=secretariat_user,
            addressees=Actor.objects.all()[:3],
            action="requests",
        )
    assert (count(mandate.get_absolute_url()), count(resolution_url)) == before
