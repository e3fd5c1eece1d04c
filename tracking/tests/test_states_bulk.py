"""Bulk entry of the States' progress: export as XLSX, edit, upload, preview, apply."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracking.services import mandate_update
from tracking.states.bulk import KEYS, headers
from tracking.states.models import StateProgress, StateProgressEvent
from tracking.states.services import state_progress_set
from tracking.tests.test_roundtrip import as_upload, problems

pytestmark = pytest.mark.django_db

SYMBOL = "ICC-ASP/11/Res.5"
ENTRY = f"/resolutions/{SYMBOL}/states/entry.xlsx"
IMPORT = reverse("states:spreadsheet_import")
APPLY = reverse("states:spreadsheet_apply")


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads"


def export(client, query: str = "") -> openpyxl.Workbook:
    response = client.get(ENTRY + query)
    assert response.status_code == 200, response.content[:300]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def cells(workbook) -> dict[tuple[int, str], dict]:
    sheet = workbook["States' progress"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headers("en")
    return {
        (row[0], row[4]): dict(zip(KEYS, row, strict=True), number=number)
        for number, row in enumerate(rows[1:], 2)
    }


def edit(workbook, mandate, iso3, /, **values) -> None:
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if (row[0].value, row[4].value) == (mandate.pk, iso3):
            for header, value in values.items():
                row[KEYS.index(header)].value = value
            return
    raise AssertionError(f"{iso3} on {mandate.pk} is not in the export")


def upload(client, workbook_or_file):
    file = workbook_or_file
    if isinstance(file, openpyxl.Workbook):
        file = as_upload(file, "states.xlsx")
    return client.post(IMPORT, {"file": file})


def apply(client, preview):
    return client.post(APPLY, {"upload": preview.context["token"]})


def snapshot() -> list[tuple]:
    return [
        *StateProgress.objects.order_by("pk").values_list(
            "mandate_id", "state_id", "status", "version", "comment", "evidence_url"
        ),
        StateProgressEvent.objects.count(),
    ]


def record(mandate, state, status, version=0):
    return state_progress_set(
        mandate=mandate, state=state, status=status, user=None, expected_version=version
    )


# The file -----------------------------------------------------------------------------------


def test_the_file_has_a_row_per_mandate_and_state_it_concerns(secretariat_client, accepted, states):
    op13 = accepted[(13, 1)]
    record(op13, states["FRA"], "in_progress")
    rows = cells(export(secretariat_client))
    matrix = secretariat_client.get(f"/resolutions/{SYMBOL}/states/").context["matrix"]
    assert len(rows) == sum(c.concerned for row in matrix.rows for c in row.cells)
    assert rows[(op13.pk, "FRA")]["status"] == "in progress"  # the label, not the code
    assert rows[(op13.pk, "FRA")]["version"] == 1
    assert rows[(op13.pk, "DEU")]["status"] is None  # no information: empty
    assert rows[(op13.pk, "DEU")]["version"] == 0
    assert (op13.pk, "USA") not in rows and (op13.pk, "BDI") not in rows  # not parties


def test_one_mandate_and_a_regional_group_can_be_exported_alone(secretariat_client, accepted):
    op13 = accepted[(13, 1)]
    rows = cells(export(secretariat_client, f"?mandate={op13.pk}&region=african"))
    assert set(rows) == {(op13.pk, "KEN")}
    assert secretariat_client.get(ENTRY + "?mandate=999999").status_code == 404
    assert secretariat_client.get(ENTRY + f"?mandate={accepted[(19, 1)].pk}").status_code == 404
    assert secretariat_client.get(ENTRY + "?region=atlantis").status_code == 400


def test_the_file_speaks_the_readers_language_and_comes_back_in_either(
    secretariat_client, accepted, states
):
    op13 = accepted[(13, 1)]
    record(op13, states["FRA"], "in_progress")
    secretariat_client.cookies["django_language"] = "fr"
    workbook = export(secretariat_client, f"?mandate={op13.pk}")
    sheet = workbook.worksheets[0]
    assert sheet.title == "Avancement des États"
    header = [cell.value for cell in sheet[1]]
    assert header == headers("fr")
    assert header[:2] == ["Id du mandat", "Résolution"]
    assert "État d’avancement" in header and "Lien vers le justificatif" in header
    status = header.index("État d’avancement")
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1.startswith('"non commencé,en cours,')
    assert {row[status] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        None,
        "en cours",
    }
    edit(workbook, op13, "DEU", status="en cours")
    edit(workbook, op13, "FRA", status="completed")
    # A colleague reading Suivi in English imports it.
    secretariat_client.cookies["django_language"] = "en"
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    assert sorted((c.iso3, c.new_status) for c in preview.context["plan"].changes) == [
        ("DEU", "in_progress"),
        ("FRA", "completed"),
    ]


def test_a_file_exported_with_the_keys_as_headers_still_comes_back(
    secretariat_client, accepted, states
):
    op13 = accepted[(13, 1)]
    workbook = export(secretariat_client, f"?mandate={op13.pk}")
    for cell, key in zip(workbook.worksheets[0][1], KEYS, strict=True):
        cell.value = key
    assert KEYS[:3] == ["mandate_id", "resolution", "paragraph"]  # as such files were
    edit(workbook, op13, "FRA", status="completed")
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    assert [(c.iso3, c.new_status) for c in preview.context["plan"].changes] == [
        ("FRA", "completed")
    ]


def test_only_staff_export_and_import(client, delegation_client, accepted):
    for url in (ENTRY, IMPORT):
        assert delegation_client.get(url).status_code == 403
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    assert delegation_client.post(APPLY, {"upload": "0" * 32}).status_code == 403
    # Nor is the way there shown to them.
    assert ENTRY not in delegation_client.get(f"/resolutions/{SYMBOL}/states/").content.decode()


# The round trip ---------------------------------------------------------------------------------


def test_it_applies_the_edited_statuses_after_a_preview_as_imported_history(
    secretariat_client, secretariat_user, accepted, states
):
    op13, op9 = accepted[(13, 1)], accepted[(9, 1)]
    record(op9, states["KEN"], "in_progress")
    workbook = export(secretariat_client)
    edit(
        workbook,
        op13,
        "FRA",
        status="completed",
        comment="Law of 2024",
        evidence_url="https://example.org/law",
    )
    edit(workbook, op9, "KEN", status="en cours", comment="")  # unchanged: a label of the same
    edit(workbook, op9, "USA", status="in progress")  # a label in words
    before = snapshot()

    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    html = preview.content.decode()
    assert "2 States’ progress of" in html
    assert "No information → <strong>completed</strong>" in html
    assert "Law of 2024" in html
    assert snapshot() == before  # a preview saves nothing

    response = apply(secretariat_client, preview)
    assert response.status_code == 302
    france = StateProgress.objects.get(mandate=op13, state=states["FRA"])
    assert (france.status, france.comment, france.evidence_url) == (
        "completed",
        "Law of 2024",
        "https://example.org/law",
    )
    assert france.recorded_by == secretariat_user and not france.reported_by_state
    assert StateProgress.objects.get(mandate=op9, state=states["USA"]).status == "in_progress"
    event = StateProgressEvent.objects.get(mandate=op13, state=states["FRA"])
    assert event.imported and event.user == secretariat_user and event.comment == "Law of 2024"
    cell_page = secretariat_client.get(f"/states/FRA/mandates/{op13.pk}/").content.decode()
    assert "imported from a spreadsheet" in cell_page
    # The same file again is stale for the rows it changed.
    again = upload(secretariat_client, workbook)
    assert again.status_code == 400
    assert any("changed since the export" in p for p in problems(again))


def test_a_comment_alone_keeps_the_status_and_writes_history(secretariat_client, accepted, states):
    op13 = accepted[(13, 1)]
    record(op13, states["FRA"], "completed")
    workbook = export(secretariat_client)
    edit(workbook, op13, "FRA", comment="Confirmed by the mission")
    response = apply(secretariat_client, upload(secretariat_client, workbook))
    assert response.status_code == 302
    progress = StateProgress.objects.get(mandate=op13, state=states["FRA"])
    assert (progress.status, progress.version) == ("completed", 2)
    assert progress.comment == "Confirmed by the mission"


def test_a_row_changed_since_the_export_refuses_the_whole_file(
    secretariat_client, accepted, states
):
    op13 = accepted[(13, 1)]
    workbook = export(secretariat_client)
    edit(workbook, op13, "FRA", status="completed")
    edit(workbook, op13, "DEU", status="in_progress")
    record(op13, states["FRA"], "in_progress")  # someone else, meanwhile
    before = snapshot()
    response = upload(secretariat_client, workbook)
    assert response.status_code == 400
    number = cells(workbook)[(op13.pk, "FRA")]["number"]
    assert problems(response) == [
        f"row {number}: The progress of France on mandate {op13.pk} changed since the export "
        "(version 0, now 1); export again or remove the row."
    ]
    assert "Nothing was applied" in response.content.decode()
    assert snapshot() == before


def test_a_change_between_the_preview_and_the_applying_applies_nothing(
    secretariat_client, accepted, states
):
    op13 = accepted[(13, 1)]
    workbook = export(secretariat_client)
    edit(workbook, op13, "DEU", status="in_progress")
    edit(workbook, op13, "FRA", status="completed")
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200
    record(op13, states["FRA"], "in_progress")
    before = snapshot()
    response = apply(secretariat_client, preview)
    assert response.status_code == 409
    assert any("changed since the export" in p for p in problems(response))
    assert snapshot() == before  # Germany's row is not applied either


@pytest.mark.parametrize(
    ("iso3", "values", "message"),
    [
        ("FRA", {"status": "finished"}, "“finished” is not a status."),
        ("FRA", {"status": "superseded", "evidence_url": "javascript:alert(1)"}, "web address"),
        ("FRA", {"mandate_id": "abc"}, "“abc” is not a mandate id."),
        ("FRA", {"mandate_id": 999999}, "No mandate has id 999999"),
        ("FRA", {"version": "x"}, "“x” is not a version number."),
        ("FRA", {"iso3": "XYZ", "status": "completed"}, "“XYZ” is not the code of a State"),
        ("FRA", {"iso3": "USA", "status": "completed"}, "is not addressed to United States"),
        ("FRA", {"iso3": "BDI", "status": "completed"}, "is not addressed to Burundi"),
        ("FRA", {"iso3": "DEU"}, "DEU on mandate"),  # the same cell twice
        ("FRA", {"comment": "no status given"}, "Give a status"),
        ("KEN", {"status": None}, "a recorded status cannot be removed"),
        ("KEN", {"status": "not_started"}, "cannot go from “completed” to “not started”"),
    ],
)
def test_a_bad_row_refuses_the_file_and_changes_nothing(
    secretariat_client, accepted, states, iso3, values, message
):
    op13 = accepted[(13, 1)]
    record(op13, states["KEN"], "completed")
    workbook = export(secretariat_client)
    edit(workbook, op13, "DEU", status="in_progress")  # a good row beside the bad one
    edit(workbook, op13, iso3, **values)
    before = snapshot()
    response = upload(secretariat_client, workbook)
    assert response.status_code == 400
    assert any(message in p for p in problems(response)), problems(response)
    assert snapshot() == before


def test_an_internal_mandate_is_refused_to_whoever_may_not_see_it(
    secretariat_client, secretariat_user, accepted, states, django_user_model
):
    from django.contrib.auth.models import Permission
    from django.test import Client

    from conftest import make_user

    op13 = accepted[(13, 1)]
    workbook = export(secretariat_client)
    edit(workbook, op13, "FRA", status="completed")
    mandate_update(mandate=op13, user=secretariat_user, is_internal=True)
    # A clerk who records States' progress but may not read internal mandates.
    clerk = make_user(django_user_model, "clerk", None)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_stateprogress", "view_mandate"])
    )
    client = Client()
    client.force_login(clerk)
    response = upload(client, workbook)
    assert response.status_code == 400
    assert any(f"No mandate has id {op13.pk}" in p for p in problems(response))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"iso3,status\nFRA,completed\n", "not an Excel workbook"),
        (b"PK\x03\x04 broken zip", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(secretariat_client, accepted, content, message):
    before = snapshot()
    response = upload(secretariat_client, SimpleUploadedFile("states.xlsx", content))
    assert response.status_code == 400
    assert any(message in p for p in problems(response))
    assert snapshot() == before


def test_the_mandate_spreadsheet_is_not_taken_for_the_states_one(secretariat_client, accepted):
    response = secretariat_client.get(reverse("exports:xlsx"))
    mandates = SimpleUploadedFile("mandates.xlsx", b"".join(response.streaming_content))
    refused = upload(secretariat_client, mandates)
    assert refused.status_code == 400
    assert any("headers of a Suivi export" in p for p in problems(refused))


def test_an_upload_cannot_be_applied_from_another_session(
    secretariat_client, accepted, states, django_user_model
):
    from django.test import Client

    from conftest import make_user
    from tracking import roles

    op13 = accepted[(13, 1)]
    workbook = export(secretariat_client)
    edit(workbook, op13, "FRA", status="completed")
    preview = upload(secretariat_client, workbook)
    other = Client()
    other.force_login(make_user(django_user_model, "marc", roles.SECRETARIAT))
    response = other.post(APPLY, {"upload": preview.context["token"]})
    assert response.status_code == 302
    assert not StateProgress.objects.exists()


def test_the_import_page_says_where_the_file_comes_from(secretariat_client):
    html = secretariat_client.get(IMPORT).content.decode()
    assert f'<a href="{reverse("resolutions:list")}">Choose a resolution' in html
