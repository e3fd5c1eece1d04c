"""Every endpoint × anonymous, delegation, staff and administrator, with internal items
planted (api/tests/conftest.py): the API lets through what the pages let through, and
never shows a delegation what is internal or not reviewed."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "delegation", "staff", "admin"]
SYMBOL = "ICC-ASP/11/Res.5"


def url_of(world, name: str) -> str:
    return {
        "actors": lambda: reverse("api:actors"),
        "sessions": lambda: reverse("api:sessions"),
        "states": lambda: reverse("api:states"),
        "state": lambda: reverse("api:state", args=["FRA"]),
        "resolutions": lambda: reverse("api:resolutions"),
        "resolution": lambda: reverse("api:resolution", args=[SYMBOL]),
        "mandates": lambda: reverse("api:mandates"),
        "mandate": lambda: reverse("api:mandate", args=[world.public.pk]),
        "internal mandate": lambda: reverse("api:mandate", args=[world.internal.pk]),
        "suggested mandate": lambda: reverse("api:mandate", args=[world.suggested.pk]),
        "status": lambda: reverse("api:mandate_status", args=[world.public.pk]),
        "internal status": lambda: reverse("api:mandate_status", args=[world.internal.pk]),
        "progress": lambda: reverse("api:state_progress", args=["FRA", world.to_states.pk]),
        "internal progress": lambda: reverse("api:state_progress", args=["FRA", world.internal.pk]),
    }[name]()


# (method, endpoint as the schema names it, case, statuses for each role in ROLES order)
MATRIX = [
    ("get", "/api/v1/actors/", "actors", [401, 200, 200, 200]),
    ("get", "/api/v1/sessions/", "sessions", [401, 200, 200, 200]),
    ("get", "/api/v1/states/", "states", [401, 200, 200, 200]),
    ("get", "/api/v1/states/{iso3}/", "state", [401, 200, 200, 200]),
    ("get", "/api/v1/resolutions/", "resolutions", [401, 200, 200, 200]),
    ("get", "/api/v1/resolutions/{symbol}/", "resolution", [401, 200, 200, 200]),
    ("get", "/api/v1/mandates/", "mandates", [401, 200, 200, 200]),
    ("get", "/api/v1/mandates/{id}/", "mandate", [401, 200, 200, 200]),
    ("get", "/api/v1/mandates/{id}/", "internal mandate", [401, 404, 200, 200]),
    ("get", "/api/v1/mandates/{id}/", "suggested mandate", [401, 404, 200, 200]),
    ("post", "/api/v1/mandates/{id}/status/", "status", [401, 403, 200, 200]),
    ("post", "/api/v1/mandates/{id}/status/", "internal status", [401, 403, 200, 200]),
    ("get", "/api/v1/states/{iso3}/mandates/{id}/", "progress", [401, 200, 200, 200]),
    # Staff read an internal mandate's cell; it is asked of the Bureau, not of France, so a
    # write to it is refused (400) and nothing is recorded.
    ("get", "/api/v1/states/{iso3}/mandates/{id}/", "internal progress", [401, 404, 200, 200]),
    ("post", "/api/v1/states/{iso3}/mandates/{id}/", "progress", [401, 202, 200, 200]),
    ("post", "/api/v1/states/{iso3}/mandates/{id}/", "internal progress", [401, 404, 400, 400]),
]


def call(client, method, url, version=None):
    if method == "get":
        return client.get(url)
    return client.post(
        url,
        json.dumps({"status": "completed", "comment": "Done"}),
        content_type="application/json",
        headers={"If-Match": f'"{version}"'},
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "endpoint", "case", "statuses"), MATRIX)
def test_each_role_gets_what_the_pages_allow(
    clients, world, role, method, endpoint, case, statuses
):
    if "progress" in case:
        version = 0  # nothing recorded yet
    else:
        version = (world.internal if "internal" in case else world.public).version
    response = call(clients[role], method, url_of(world, case), version)
    assert response.status_code == statuses[ROLES.index(role)], response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code >= 400:
        body = response.json()
        assert body["status"] == response.status_code
        assert body["code"] and body["detail"]


def test_the_matrix_covers_every_endpoint_of_the_schema(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    in_schema = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert in_schema == {(method, endpoint) for method, endpoint, _case, _statuses in MATRIX}


def secrets_in(response) -> list[str]:
    text = response.content.decode()
    return [word for word in ("Secret", "internal_notes", '"is_internal": true') if word in text]


def test_a_delegation_never_reads_internal_mandates_notes_or_suggestions(clients, world):
    delegation = clients["delegation"]
    listed = delegation.get(reverse("api:mandates")).json()["results"]
    ids = {row["id"] for row in listed}
    assert world.public.pk in ids and world.to_states.pk in ids
    assert world.internal.pk not in ids and world.suggested.pk not in ids
    detail = delegation.get(reverse("api:mandate", args=[world.public.pk]))
    assert secrets_in(detail) == []
    fields = {entry["field"] for entry in detail.json()["history"]}
    assert "internal_notes" not in fields and "status" in fields
    assert detail.json()["latest_public_note"]["comment"] == "Letters sent"
    state = delegation.get(reverse("api:state", args=["FRA"])).json()
    assert world.internal.pk not in {item["mandate"]["id"] for item in state["progress"]}


def test_staff_read_internal_mandates_and_notes(clients, world):
    staff = clients["staff"]
    ids = {row["id"] for row in staff.get(reverse("api:mandates")).json()["results"]}
    assert world.internal.pk in ids
    detail = staff.get(reverse("api:mandate", args=[world.public.pk])).json()
    assert detail["internal_notes"] == "Secret: the Bureau is late"
    assert "internal_notes" in {entry["field"] for entry in detail["history"]}
    # The latest public note is still the public one.
    assert detail["latest_public_note"]["comment"] == "Letters sent"


def test_a_public_deployment_lets_anonymous_calls_read_what_the_public_sees(
    client, world, settings
):
    settings.SUIVI_PUBLIC_READ = True
    ids = {row["id"] for row in client.get(reverse("api:mandates")).json()["results"]}
    assert world.public.pk in ids and world.internal.pk not in ids
    response = client.post(
        reverse("api:mandate_status", args=[world.public.pk]),
        json.dumps({"status": "completed"}),
        content_type="application/json",
        headers={"If-Match": f'"{world.public.version}"'},
    )
    assert response.status_code == 401


def test_the_review_and_suivis_own_entries_are_not_a_delegations_latest_note(
    clients, world, secretariat_user
):
    from tracking.models import Mandate
    from tracking.services import mandate_accept

    suggestion = Mandate.objects.get(pk=world.suggested.pk)
    mandate_accept(mandate=suggestion, user=secretariat_user, comment="Checked against the text")
    detail = clients["delegation"].get(reverse("api:mandate", args=[suggestion.pk])).json()
    assert detail["latest_public_note"] is None
    assert "Checked against the text" not in json.dumps(detail)
    staff = clients["staff"].get(reverse("api:mandate", args=[suggestion.pk])).json()
    created = [entry for entry in staff["history"] if entry["field"] == "created"]
    assert [(e["origin"], e["comment"]) for e in created] == [("suggestion", "")]
    assert created[0]["system_note"] == "Suggested by Suivi from the text of the paragraph."
    assert staff["latest_public_note"] is None  # a review comment is workflow, not a note
