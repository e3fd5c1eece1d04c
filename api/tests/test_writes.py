"""Writes through the API: the services the pages use, with ETag / If-Match on the version
read, so that a write based on a stale read is refused (412) and changes nothing."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tracking.models import Mandate, MandateEvent
from tracking.services import mandate_set_status
from tracking.states.models import StateProgress, StateReport

pytestmark = pytest.mark.django_db


def post(client, url, body, if_match=None):
    headers = {"If-Match": if_match} if if_match is not None else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_staff_change_a_status_with_a_note_through_the_browsers_service(clients, world):
    url = reverse("api:mandate", args=[world.public.pk])
    read = clients["staff"].get(url)
    etag = read["ETag"]
    assert etag == f'"{world.public.version}"'
    response = post(
        clients["staff"],
        reverse("api:mandate_status", args=[world.public.pk]),
        {"status": "completed", "comment": "Report issued", "evidence_symbol": "ICC-ASP/12/5"},
        if_match=etag,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "completed"
    assert response["ETag"] == f'"{world.public.version + 1}"'
    event = MandateEvent.objects.filter(mandate=world.public).order_by("-id").first()
    assert (event.field, event.new_value, event.comment, event.evidence_symbol) == (
        "status",
        "completed",
        "Report issued",
        "ICC-ASP/12/5",
    )
    assert event.user.username == "sofia"
    assert response.json()["latest_public_note"]["comment"] == "Report issued"


def test_a_stale_if_match_gets_412_and_changes_nothing(clients, world, secretariat_user):
    url = reverse("api:mandate_status", args=[world.public.pk])
    etag = clients["staff"].get(reverse("api:mandate", args=[world.public.pk]))["ETag"]
    # Someone changes it in the browser meanwhile.
    mandate_set_status(
        mandate=Mandate.objects.get(pk=world.public.pk),
        status="ongoing",
        user=secretariat_user,
        comment="Standing request",
    )
    events = MandateEvent.objects.count()
    response = post(clients["staff"], url, {"status": "completed"}, if_match=etag)
    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "precondition_failed"
    assert [change["comment"] for change in body["changes"]] == ["Standing request"]
    assert Mandate.objects.get(pk=world.public.pk).status == "ongoing"
    assert MandateEvent.objects.count() == events


def test_a_write_without_if_match_gets_428(clients, world):
    url = reverse("api:mandate_status", args=[world.public.pk])
    response = post(clients["staff"], url, {"status": "completed"})
    assert response.status_code == 428
    assert Mandate.objects.get(pk=world.public.pk).status == "in_progress"


def test_an_invalid_change_gets_400_with_the_reason_by_field(clients, world):
    url = reverse("api:mandate_status", args=[world.public.pk])
    etag = f'"{world.public.version}"'
    response = post(clients["staff"], url, {"status": "finished"}, if_match=etag)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "status" in response.json()["errors"]
    # A move the pipeline does not allow is refused by the service, in its words.
    response = post(clients["staff"], url, {"status": "in_progress"}, if_match=etag)
    assert response.status_code == 400
    assert "cannot go from" in response.json()["errors"]["non_field_errors"][0]


def test_session_writes_need_the_csrf_token(world, secretariat_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(secretariat_user)
    url = reverse("api:mandate_status", args=[world.public.pk])
    response = post(browser, url, {"status": "completed"}, if_match=f'"{world.public.version}"')
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Mandate.objects.get(pk=world.public.pk).status == "in_progress"
    # Reads with the session work, for the documentation page.
    assert browser.get(reverse("api:mandate", args=[world.public.pk])).status_code == 200


def test_a_delegation_reports_its_states_progress_for_review(clients, world):
    url = reverse("api:state_progress", args=["FRA", world.to_states.pk])
    read = clients["delegation"].get(url)
    assert read.status_code == 200 and read["ETag"] == '"0"'
    response = post(
        clients["delegation"], url, {"status": "completed", "comment": "Ratified"}, '"0"'
    )
    assert response.status_code == 202
    assert response.json()["latest_report"]["review"] == "pending"
    report = StateReport.objects.get(mandate=world.to_states, state=world.france)
    assert (report.status, report.comment, report.submitted_by.username) == (
        "completed",
        "Ratified",
        "dmitri",
    )
    assert not StateProgress.objects.exists()
    # A second report while the first awaits review: 409.
    again = post(clients["delegation"], url, {"status": "completed"}, '"0"')
    assert again.status_code == 409


def test_a_delegation_cannot_report_for_another_state(clients, world):
    url = reverse("api:state_progress", args=["DEU", world.to_states.pk])
    response = post(clients["delegation"], url, {"status": "completed"}, '"0"')
    assert response.status_code == 403
    assert not StateReport.objects.exists()


def test_staff_record_a_states_progress_and_a_stale_version_gets_412(clients, world):
    url = reverse("api:state_progress", args=["FRA", world.to_states.pk])
    response = post(clients["staff"], url, {"status": "in_progress"}, '"0"')
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["progress"]["status"] == "in_progress"
    stale = post(clients["staff"], url, {"status": "completed"}, '"0"')
    assert stale.status_code == 412
    assert StateProgress.objects.get().status == "in_progress"
