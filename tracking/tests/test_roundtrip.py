"""The XLSX round trip: export, edit in a spreadsheet, upload, preview, apply."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.urls import reverse

from tracking import services
from tracking.exports import roundtrip
from tracking.exports.formats import KEYS, LEGACY_HEADERS
from tracking.models import Actor, Mandate, MandateEvent
from tracking.services import mandate_comment, mandate_create, mandate_set_status, mandate_update

pytestmark = pytest.mark.django_db

IMPORT = reverse("exports:spreadsheet_import")
APPLY = reverse("exports:spreadsheet_apply")


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "uploads"


@pytest.fixture
def marc(django_user_model):
    """A second staff member, to become a focal point."""
    return django_user_model.objects.create_user(username="marc", is_staff=True)


@pytest.fixture
def other(op5, secretariat_user):
    """The Court's mandate, next to the Bureau's (fixture `mandate`)."""
    return mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="court")],
        action="urges",
        deadline_relation="by_date",
        deadline_date=datetime.date(2030, 1, 1),
        focal_point=secretariat_user,
    )


def export(client, query: str = "", language: str = "en") -> openpyxl.Workbook:
    response = client.get(
        reverse("exports:xlsx") + (f"?{query}" if query else ""),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def column(key: str) -> int:
    """Where a column is in the export; "status" is the one people edit, of labels."""
    return KEYS.index("status_label" if key == "status" else key)


def edit(workbook, mandate_id: int, **values) -> None:
    """Change cells of a mandate's row, as someone would in a spreadsheet program."""
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == mandate_id:
            for key, value in values.items():
                row[column(key)].value = value
            return
    raise AssertionError(f"mandate {mandate_id} is not in the export")


def line(**values) -> list:
    """A row to append to an export, with these cells set."""
    cells = [None] * len(KEYS)
    for key, value in values.items():
        cells[column(key)] = value
    return cells


def row_numbers(workbook) -> dict[int, int]:
    """Each mandate's row in the sheet, as a spreadsheet program numbers them."""
    sheet = workbook["Mandates"]
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}


def as_upload(workbook, name: str = "mandates.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, workbook_or_file, language: str = "en"):
    """Upload a file, from an interface in `language`."""
    file = workbook_or_file
    if isinstance(file, openpyxl.Workbook):
        file = as_upload(file)
    return client.post(IMPORT, {"file": file}, headers={"accept-language": language})


def apply(client, preview):
    return client.post(APPLY, {"upload": preview.context["token"]})


def problems(response) -> list[str]:
    return [(f"row {p.row}: " if p.row else "") + p.message for p in response.context["problems"]]


def snapshot() -> list[tuple]:
    """Everything the round trip could change."""
    return [
        *Mandate.objects.order_by("pk").values_list("pk", "status", "focal_point", "version"),
        MandateEvent.objects.count(),
    ]


# Applying ----------------------------------------------------------------------------------


def test_it_applies_status_focal_point_and_comment_after_a_preview(
    secretariat_client, secretariat_user, mandate, other, marc, uploads_in_tmp
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="in_progress", comment="Facilitator appointed")
    edit(workbook, other.pk, focal_point="marc")
    before = snapshot()

    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "2 mandates of 2 rows will change" in html
    assert "not started → <strong>in progress</strong>" in html
    assert "sofia → <strong>marc</strong>" in html
    assert "Facilitator appointed" in html
    assert snapshot() == before  # a preview saves nothing
    assert len(list(uploads_in_tmp.iterdir())) == 1  # kept on the server, not re-uploaded

    response = apply(secretariat_client, preview)
    assert response.status_code == 302
    mandate.refresh_from_db()
    other.refresh_from_db()
    assert mandate.status == "in_progress" and mandate.version == 2
    assert other.focal_point == marc and other.version == 2

    status_event = mandate.events.get(field=MandateEvent.Field.STATUS)
    assert (status_event.old_value, status_event.new_value) == ("not_started", "in_progress")
    assert status_event.comment == "Facilitator appointed"
    assert status_event.user == secretariat_user
    focal_event = other.events.get(field=MandateEvent.Field.FOCAL_POINT)
    assert (focal_event.old_value, focal_event.new_value) == ("sofia", "marc")
    # Suivi's words are not stored as a comment: the entry says where it came from.
    assert (focal_event.comment, focal_event.origin) == ("", "spreadsheet")
    assert status_event.origin == "spreadsheet"
    assert not list(uploads_in_tmp.iterdir())  # the upload is gone once applied
    page = secretariat_client.get(IMPORT)
    assert "2 mandates were changed from the spreadsheet." in page.content.decode()


def test_a_comment_alone_is_a_history_comment(secretariat_client, mandate):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, comment="Consultations continue")
    apply(secretariat_client, upload(secretariat_client, workbook))
    event = mandate.events.get(field=MandateEvent.Field.COMMENT)
    assert event.comment == "Consultations continue"
    mandate.refresh_from_db()
    assert mandate.status == "not_started" and mandate.version == 2


def test_a_status_and_a_focal_point_on_one_row_are_two_history_entries(
    secretariat_client, mandate, marc
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="completed", focal_point="marc")
    apply(secretariat_client, upload(secretariat_client, workbook))
    mandate.refresh_from_db()
    assert (mandate.status, mandate.focal_point, mandate.version) == ("completed", marc, 3)
    fields = list(mandate.events.order_by("id").values_list("field", "version"))
    assert fields[-2:] == [("status", 2), ("focal_point", 3)]


def test_an_empty_focal_point_removes_it(secretariat_client, other):
    workbook = export(secretariat_client)
    edit(workbook, other.pk, focal_point=None)
    apply(secretariat_client, upload(secretariat_client, workbook))
    other.refresh_from_db()
    assert other.focal_point is None


def test_labels_and_spreadsheet_numbers_are_understood(secretariat_client, mandate):
    workbook = export(secretariat_client)
    # A label instead of the code; ids and versions as a spreadsheet program may
    # save them, as decimals.
    edit(workbook, mandate.pk, status="In progress", version=1.0)
    sheet = workbook["Mandates"]
    sheet.cell(row=2, column=1).value = float(mandate.pk)
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    apply(secretariat_client, preview)
    mandate.refresh_from_db()
    assert mandate.status == "in_progress"


def test_an_unchanged_export_changes_nothing(secretariat_client, mandate, other, uploads_in_tmp):
    before = snapshot()
    preview = upload(secretariat_client, export(secretariat_client))
    assert preview.status_code == 200
    assert "nothing to change" in preview.content.decode()
    assert "Apply these changes" not in preview.content.decode()
    assert snapshot() == before
    assert not list(uploads_in_tmp.iterdir())


# Languages and layouts ---------------------------------------------------------------------


@pytest.mark.parametrize("exported_in, uploaded_in", [("fr", "fr"), ("fr", "en"), ("en", "fr")])
def test_files_in_either_language_come_back_whoever_uploads_them(
    secretariat_client, mandate, other, exported_in, uploaded_in
):
    workbook = export(secretariat_client, language=exported_in)
    status = {"fr": "En cours", "en": "In progress"}[exported_in]
    edit(workbook, mandate.pk, status=status, comment="Commentaire")
    preview = upload(secretariat_client, workbook, uploaded_in)
    assert preview.status_code == 200, problems(preview)
    assert len(preview.context["plan"].changes) == 1
    apply(secretariat_client, preview)
    mandate.refresh_from_db()
    assert mandate.status == "in_progress"
    assert mandate.events.filter(comment="Commentaire").exists()


def legacy_workbook(*rows: list) -> openpyxl.Workbook:
    """A file as the exports wrote it before their headers were translated."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mandates"
    sheet.append(LEGACY_HEADERS)
    for row in rows:
        sheet.append(row)
    return workbook


def legacy_row(mandate: Mandate, **values) -> list:
    cells = {
        "id": mandate.pk,
        "resolution": "ICC-ASP/11/Res.5",
        "status": mandate.status,
        "focal_point": mandate.focal_point.username if mandate.focal_point else None,
        "version": mandate.version,
        **values,
    }
    return [cells.get(header) for header in LEGACY_HEADERS]


def test_files_exported_before_the_headers_were_translated_still_come_back(
    secretariat_client, mandate, other, marc
):
    workbook = legacy_workbook(
        legacy_row(mandate, status="completed", comment="Report issued"),
        legacy_row(other, focal_point="marc"),
    )
    for language in ("en", "fr"):
        preview = upload(secretariat_client, workbook, language)
        assert preview.status_code == 200, problems(preview)
        assert len(preview.context["plan"].changes) == 2
    apply(secretariat_client, preview)
    mandate.refresh_from_db()
    other.refresh_from_db()
    assert (mandate.status, other.focal_point) == ("completed", marc)


def test_the_status_code_column_may_be_edited_instead_of_the_status(
    secretariat_client, mandate, other
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, **{"status_label": "Not started"})
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == mandate.pk:
            row[KEYS.index("status")].value = "completed"
        if row[0].value == other.pk:  # both columns edited, each its own way
            row[KEYS.index("status_label")].value = "In progress"
            row[KEYS.index("status")].value = "completed"
    preview = upload(secretariat_client, workbook)
    assert problems(preview) == [
        f"row {row_numbers(workbook)[other.pk]}: The status “In progress” and the status code "
        "“completed” ask for different changes; change the status only."
    ]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == other.pk:
            row[KEYS.index("status")].value = "not_started"
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    apply(secretariat_client, preview)
    mandate.refresh_from_db()
    other.refresh_from_db()
    assert (mandate.status, other.status) == ("completed", "in_progress")


@pytest.mark.parametrize(
    "forge",
    [
        lambda headers: headers[::-1],  # the right headers in another order
        lambda headers: [*headers[:-1], "notes"],  # one unknown
        lambda headers: headers[:-1],  # one missing
        lambda headers: [h.upper() for h in LEGACY_HEADERS],  # the old ones, changed
        lambda headers: [*LEGACY_HEADERS[:8], "Statut", *LEGACY_HEADERS[9:]],  # a mixture
    ],
)
def test_forged_or_unknown_layouts_are_refused_with_the_headers_expected(
    secretariat_client, mandate, forge
):
    workbook = export(secretariat_client, language="fr")
    sheet = workbook.worksheets[0]
    written = [cell.value for cell in sheet[1]]
    for index in range(len(written)):
        sheet.cell(row=1, column=index + 1).value = None
    for index, header in enumerate(forge(written), 1):
        sheet.cell(row=1, column=index).value = header
    edit(workbook, mandate.pk, status="completed")
    before = snapshot()
    response = upload(secretariat_client, workbook, "fr")
    assert response.status_code == 400
    [message] = problems(response)
    assert message.startswith("row 1: La première ligne doit")
    assert "Id, Résolution, Paragraphe" in message  # the headers of the reader's language
    assert snapshot() == before


# Refusals: nothing is applied ------------------------------------------------------------


def test_it_refuses_a_stale_row(secretariat_client, secretariat_user, mandate, other, marc):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="completed")
    edit(workbook, other.pk, focal_point="marc")
    # Someone changes the mandate after the export.
    mandate_set_status(mandate=mandate, status="in_progress", user=secretariat_user)
    before = snapshot()

    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 400
    assert problems(preview) == [
        f"row {row_numbers(workbook)[mandate.pk]}: Mandate {mandate.pk} changed since the export "
        "(version 1, now 2); "
        "export again or remove the row."
    ]
    assert "Apply these changes" not in preview.content.decode()
    assert snapshot() == before  # not even the other, valid row


def test_an_unedited_stale_row_is_left_alone(secretariat_client, secretariat_user, mandate, other):
    """A row left as exported would change nothing: the mandate's newer state stands."""
    workbook = export(secretariat_client)
    edit(workbook, other.pk, comment="Noted")
    mandate_comment(mandate=mandate, user=secretariat_user, comment="Meanwhile")
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200, problems(preview)
    assert [change.mandate.pk for change in preview.context["plan"].changes] == [other.pk]


def test_it_refuses_a_row_changed_between_preview_and_apply(
    secretariat_client, secretariat_user, mandate, other, marc
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="in_progress")
    edit(workbook, other.pk, focal_point="marc")
    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 200
    mandate_update(mandate=other, user=secretariat_user, urgent=True)
    before = snapshot()

    response = apply(secretariat_client, preview)
    assert response.status_code == 409
    assert f"Mandate {other.pk} changed since the export" in " ".join(problems(response))
    assert snapshot() == before


def test_a_concurrent_save_during_the_apply_rolls_everything_back(
    secretariat_client, mandate, other, marc, monkeypatch
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="in_progress")
    edit(workbook, other.pk, focal_point="marc")
    preview = upload(secretariat_client, workbook)
    before = snapshot()
    real_update = services.mandate_update

    def someone_saves_first(**kwargs):
        # Between the re-check and this write, another user saves the mandate.
        Mandate.objects.filter(pk=kwargs["mandate"].pk).update(version=F("version") + 1)
        return real_update(**kwargs)

    monkeypatch.setattr(services, "mandate_update", someone_saves_first)
    response = apply(secretariat_client, preview)
    assert response.status_code == 409
    assert problems(response) == [
        f"row {row_numbers(workbook)[other.pk]}: Mandate {other.pk} was changed by someone "
        "else meanwhile."
    ]
    assert snapshot() == before  # the first row's status change is rolled back too


def test_it_reports_unknown_ids_bad_statuses_and_unknown_users(
    secretariat_client, secretariat_user, delegation_user, mandate, other, op5, marc
):
    completed = mandate_create(
        paragraph=op5,
        user=secretariat_user,
        addressees=[Actor.objects.get(key="court")],
        action="invites",
    )
    mandate_set_status(mandate=completed, status="completed", user=secretariat_user)
    workbook = export(secretariat_client)
    row = row_numbers(workbook)
    sheet = workbook["Mandates"]
    edit(workbook, mandate.pk, status="finished")
    edit(workbook, other.pk, focal_point="nobody")
    edit(workbook, completed.pk, status="not_started", focal_point="dmitri")
    sheet.append(line(id=999999, version=1, comment="gone?"))
    sheet.append(line(id="OP5", version=1))
    sheet.append(line(id=mandate.pk, version=1))  # twice in the file
    before = snapshot()

    preview = upload(secretariat_client, workbook)
    assert preview.status_code == 400
    assert problems(preview) == sorted(
        [
            f"row {row[mandate.pk]}: “finished” is not a status.",
            f"row {row[other.pk]}: “nobody” is not the user name of a staff member.",
            f"row {row[completed.pk]}: A mandate cannot go from “completed” to “not started”.",
            f"row {row[completed.pk]}: “dmitri” is not the user name of a staff member.",
            "row 5: No mandate has id 999999, or it is not one you may change.",
            "row 6: “OP5” is not a mandate id.",
            f"row 7: Mandate {mandate.pk} is also on row {row[mandate.pk]}.",
            "row 7: The status is empty.",
        ],
        key=lambda message: int(message.split()[1].rstrip(":")),
    )
    assert snapshot() == before


def test_suggestions_are_unknown_rows(secretariat_client, mandate, imported_seed):
    suggestion = Mandate.objects.filter(review=Mandate.Review.SUGGESTED).first()
    workbook = export(secretariat_client)
    workbook["Mandates"].append(line(id=suggestion.pk, status="completed", version=1))
    preview = upload(secretariat_client, workbook)
    assert problems(preview) == [
        f"row 3: No mandate has id {suggestion.pk}, or it is not one you may change."
    ]


def test_it_refuses_a_file_that_is_not_an_xlsx(secretariat_client, mandate, uploads_in_tmp):
    before = snapshot()
    for content in [b"id,resolution\n1,ICC-ASP/11/Res.5\n", b"%PDF-1.4 ...", b""]:
        response = upload(secretariat_client, SimpleUploadedFile("mandates.xlsx", content))
        assert response.status_code == 400
        assert snapshot() == before
    text = upload(secretariat_client, SimpleUploadedFile("m.xlsx", b"id,resolution\n"))
    assert problems(text) == ["The file is not an Excel workbook (.xlsx) exported from Suivi."]
    assert not list(uploads_in_tmp.iterdir())  # refused files are not kept

    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("xl/workbook.xml", "not a workbook")
    response = upload(secretariat_client, SimpleUploadedFile("m.xlsx", damaged.getvalue()))
    assert problems(response) == ["The workbook could not be read; export it again."]
    assert snapshot() == before


def test_it_refuses_a_workbook_with_other_headers(secretariat_client, mandate):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="completed")
    workbook["Mandates"]["I1"] = "state"
    before = snapshot()
    response = upload(secretariat_client, workbook)
    assert response.status_code == 400
    assert problems(response)[0].startswith(
        "row 1: The first row must be the headers of a Suivi export"
    )
    assert snapshot() == before


def test_it_refuses_files_over_the_limits(secretariat_client, mandate, other, settings):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="completed")
    settings.SUIVI_SPREADSHEET_MAX_ROWS = 1
    response = upload(secretariat_client, workbook)
    assert problems(response) == ["The file has more than 1 rows; export a filtered list."]

    settings.SUIVI_SPREADSHEET_MAX_BYTES = 1000
    response = upload(secretariat_client, workbook)
    assert response.status_code == 400
    assert problems(response) == ["The file is larger than 1000\xa0bytes."]
    assert Mandate.objects.get(pk=mandate.pk).status == "not_started"


def test_an_xlsx_that_unpacks_too_large_is_refused(secretariat_client, mandate, settings):
    settings.SUIVI_SPREADSHEET_MAX_UNPACKED_BYTES = 2000
    response = upload(secretariat_client, export(secretariat_client))
    assert response.status_code == 400
    assert "unpacks to more than" in problems(response)[0]


# Who may use it --------------------------------------------------------------------------


def test_delegation_users_cannot_use_the_round_trip(delegation_client, secretariat_client, mandate):
    workbook = export(delegation_client)  # exporting is allowed
    edit(workbook, mandate.pk, status="completed")
    preview = upload(secretariat_client, workbook)  # a genuine token, seen by staff
    before = snapshot()
    assert delegation_client.get(IMPORT).status_code == 403
    assert upload(delegation_client, workbook).status_code == 403
    assert apply(delegation_client, preview).status_code == 403
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in(client, mandate):
    for response in [client.get(IMPORT), client.post(APPLY, {"upload": "0" * 32})]:
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_an_upload_is_applied_only_from_the_session_that_made_it(
    secretariat_client, secretariat_user, mandate
):
    workbook = export(secretariat_client)
    edit(workbook, mandate.pk, status="completed")
    preview = upload(secretariat_client, workbook)
    before = snapshot()
    elsewhere = Client()
    elsewhere.force_login(secretariat_user)
    response = apply(elsewhere, preview)
    assert response.status_code == 302
    assert snapshot() == before
    assert apply(secretariat_client, preview).status_code == 302
    assert Mandate.objects.get(pk=mandate.pk).status == "completed"
    # Applied once: the same token cannot apply again.
    assert apply(secretariat_client, preview).status_code == 302
    assert Mandate.objects.get(pk=mandate.pk).version == 2


def test_the_apply_step_ignores_forged_tokens(secretariat_client, mandate, uploads_in_tmp):
    for token in ["../../etc/passwd", "0" * 32, ""]:
        response = secretariat_client.post(APPLY, {"upload": token})
        assert response.status_code == 302
    assert roundtrip.upload_path("../x") is None


def test_the_limits_are_written_as_figures_of_the_readers_language(secretariat_client, settings):
    settings.SUIVI_SPREADSHEET_MAX_ROWS = 10_000
    french = secretariat_client.get(IMPORT, headers={"accept-language": "fr"}).content.decode()
    assert "10\xa0000 lignes au maximum" in french
    english = secretariat_client.get(IMPORT, headers={"accept-language": "en"}).content.decode()
    assert "and 10,000 rows" in english


def test_the_import_page_links_to_the_file_it_takes(secretariat_client):
    html = secretariat_client.get(IMPORT, headers={"accept-language": "fr"}).content.decode()
    assert f'<a href="{reverse("exports:xlsx")}">Télécharger la liste des mandats' in html
