"""Importing files as users have them, one or many: the service, the command, the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resolutions import tasks
from resolutions.models import (
    Footnote,
    ImportBatch,
    ImportBatchFile,
    Paragraph,
    ParagraphText,
    Resolution,
    ResolutionText,
)
from resolutions.services import (
    ImportRefused,
    import_batch_create,
    import_batch_run,
    resolution_import_file,
)
from resolutions.tests import documents_factory as factory

pytestmark = pytest.mark.django_db

IMPORT = reverse("resolutions:import")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def counts() -> tuple[int, ...]:
    return (
        Resolution.objects.count(),
        ResolutionText.objects.count(),
        Paragraph.objects.count(),
        ParagraphText.objects.count(),
        Footnote.objects.count(),
    )


BAD_FILES = {
    "scanned.pdf": (factory.scanned_pdf, "looks scanned"),
    "protected.pdf": (factory.encrypted_pdf, "protected by a password"),
    "corrupt.docx": (factory.corrupt_docx, "Word file is damaged"),
    "picture.docx": (factory.png_image, "picture (PNG)"),
    "bomb.docx": (lambda: factory.zip_bomb_docx(60 * 1024 * 1024), "unpacks to"),
}


# The service ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_it_imports_a_generated_file_with_paragraphs_and_footnotes(kind, secretariat_user):
    resolution = factory.sample()
    data = (
        factory.resolution_pdf(resolution) if kind == "pdf" else factory.resolution_docx(resolution)
    )

    result = resolution_import_file(data=data, filename=f"res.{kind}", user=secretariat_user)

    assert result.outcome == "created"
    stored = result.resolution
    assert stored.symbol == factory.SYMBOL
    assert stored.texts.get().title == factory.TITLE
    assert stored.paragraphs.filter(kind="operative", parent=None).count() == 6
    assert stored.paragraphs.filter(kind="preambular").count() == 3
    op4 = stored.paragraphs.get(kind="operative", number=4, parent=None).texts.get()
    assert op4.text == resolution.operative[3]
    subs = stored.paragraphs.get(kind="operative", number=3, parent=None).children
    assert sorted(subs.values_list("label", flat=True)) == ["a", "b"]
    assert sorted(
        Footnote.objects.values_list("paragraph__kind", "paragraph__number", "mark", "text")
    ) == [
        ("operative", 2, "2", "United Nations, Treaty Series, vol. 2187, No. 38544."),
        ("preambular", 2, "1", "A/80/342."),
    ]


def test_the_same_file_imported_again_changes_nothing():
    data = factory.resolution_docx()
    resolution_import_file(data=data, filename="res.docx")
    before = counts()

    assert resolution_import_file(data=data, filename="res.docx").outcome == "unchanged"
    assert counts() == before


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(name):
    make, message = BAD_FILES[name]

    with pytest.raises(ImportRefused) as refused:
        resolution_import_file(data=make(), filename=name)

    assert message in " ".join(refused.value.messages)
    assert counts() == (0, 0, 0, 0, 0)


def test_a_file_too_large_is_refused(settings):
    settings.SUIVI_DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(ImportRefused, match="the limit is"):
        resolution_import_file(data=factory.resolution_pdf(), filename="res.pdf")
    assert Resolution.objects.count() == 0


# The command ------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path):
    """A folder as users keep them: PDFs and Word files in sub-folders, one bad file."""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "word").mkdir()
    (tmp_path / "pdf" / "A_RES_80_77.pdf").write_bytes(
        factory.resolution_pdf(factory.sample("A/RES/80/77"))
    )
    (tmp_path / "pdf" / "A_RES_80_78.pdf").write_bytes(
        factory.resolution_pdf(factory.sample("A/RES/80/78", operative=3, long_paragraph=2))
    )
    (tmp_path / "word" / "A_RES_80_79.docx").write_bytes(
        factory.resolution_docx(factory.sample("A/RES/80/79", operative=8))
    )
    (tmp_path / "word" / "scan.pdf").write_bytes(factory.scanned_pdf())
    (tmp_path / "word" / "notes.md").write_text("not a resolution")  # not an import format
    return tmp_path


def test_the_command_imports_a_folder_goes_on_past_a_refused_file_and_sums_up(archive, capsys):
    with pytest.raises(CommandError, match="1 of 4 file"):
        call_command("import_resolution", str(archive))

    out, err = capsys.readouterr()
    assert "[1/4]" in out and "[2/4]" in out and "[3/4]" in out
    assert "imported A/RES/80/77 (en)" in out
    assert "imported A/RES/80/79 (en)" in out
    assert "[4/4]" in err and "scan.pdf: refused" in err and "looks scanned" in err
    assert "4 file(s): 3 imported, 0 unchanged, 1 refused." in out
    assert "scan.pdf: The PDF file has no text layer" in out
    assert "Nothing changed" not in out
    assert sorted(Resolution.objects.values_list("symbol", flat=True)) == [
        "A/RES/80/77",
        "A/RES/80/78",
        "A/RES/80/79",
    ]
    assert (
        Resolution.objects.get(symbol="A/RES/80/79")
        .paragraphs.filter(kind="operative", parent=None)
        .count()
        == 8
    )


def test_a_second_run_over_the_same_folder_changes_nothing_and_says_so(archive, capsys):
    (archive / "word" / "scan.pdf").unlink()
    call_command("import_resolution", str(archive))
    before = counts()
    capsys.readouterr()

    call_command("import_resolution", str(archive))

    out, _err = capsys.readouterr()
    assert counts() == before
    assert out.count("unchanged, already imported") == 3
    assert "3 file(s): 0 imported, 3 unchanged, 0 refused." in out
    assert "Nothing changed" in out


def test_a_second_run_with_a_refused_file_still_changes_nothing_and_says_so(archive, capsys):
    with pytest.raises(CommandError):
        call_command("import_resolution", str(archive))
    before = counts()
    capsys.readouterr()

    with pytest.raises(CommandError, match="1 of 4 file"):
        call_command("import_resolution", str(archive))

    out, _err = capsys.readouterr()
    assert counts() == before
    assert "4 file(s): 0 imported, 3 unchanged, 1 refused." in out
    assert "Nothing changed: no file was imported." in out


def test_the_command_takes_many_files_and_refuses_a_symbol_for_several(archive, capsys):
    files = [str(path) for path in sorted(archive.rglob("*.docx"))] + [
        str(archive / "pdf" / "A_RES_80_77.pdf")
    ]
    call_command("import_resolution", *files)
    assert Resolution.objects.count() == 2

    with pytest.raises(CommandError, match="one file"):
        call_command("import_resolution", *files, "--symbol", "A/RES/80/1")


def test_the_command_says_when_a_folder_holds_nothing_to_import(tmp_path):
    (tmp_path / "image.png").write_bytes(factory.png_image())
    with pytest.raises(CommandError, match="No .pdf, .docx or .txt file"):
        call_command("import_resolution", str(tmp_path))


# The import page: one file ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name, make, content_type",
    [
        ("res.pdf", factory.resolution_pdf, "application/pdf"),
        ("res.docx", factory.resolution_docx, DOCX),
    ],
)
def test_staff_preview_an_uploaded_file_then_save_it(secretariat_client, name, make, content_type):
    upload = SimpleUploadedFile(name, make(), content_type)
    preview = secretariat_client.post(IMPORT, {"upload": upload, "preview": "1"})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert factory.SYMBOL in html and "3 preambular, 6 operative" in html
    assert "United Nations, Treaty Series, vol. 2187, No. 38544." in html
    assert Resolution.objects.count() == 0

    text = preview.context["text"]
    confirm = secretariat_client.post(IMPORT, {"text": text, "confirm": "1"})
    assert confirm.status_code == 302
    assert Resolution.objects.get().symbol == factory.SYMBOL


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_upload_is_refused_on_the_page_and_nothing_saved(secretariat_client, name):
    make, message = BAD_FILES[name]
    upload = SimpleUploadedFile(name, make(), "application/octet-stream")

    response = secretariat_client.post(IMPORT, {"upload": upload, "confirm": "1"})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == (0, 0, 0, 0, 0)
    assert ImportBatch.objects.count() == 0


# The import page: several files ----------------------------------------------------------


def uploads(*specs) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data, "application/octet-stream") for name, data in specs]


def test_a_few_files_are_imported_during_the_request_and_the_page_says_how(
    secretariat_client, secretariat_user
):
    files = uploads(
        ("a.pdf", factory.resolution_pdf(factory.sample("A/RES/80/77"))),
        ("b.docx", factory.resolution_docx(factory.sample("A/RES/80/78"))),
        ("scan.pdf", factory.scanned_pdf()),
    )
    response = secretariat_client.post(IMPORT, {"upload": files})

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.created_by == secretariat_user and batch.finished_at is not None
    assert sorted(Resolution.objects.values_list("symbol", flat=True)) == [
        "A/RES/80/77",
        "A/RES/80/78",
    ]
    page = secretariat_client.get(batch.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-count="imported">2<' in html and 'data-count="refused">1<' in html
    assert "looks scanned" in html
    assert 'http-equiv="refresh"' not in html
    assert set(ImportBatchFile.objects.values_list("content", flat=True)) == {b""}


def test_a_large_batch_goes_to_a_worker_after_the_commit(
    secretariat_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SUIVI_IMPORT_INLINE_FILES = 1
    queued = []
    monkeypatch.setattr(tasks.import_batch_run, "delay", lambda batch_id: queued.append(batch_id))
    files = uploads(
        ("a.docx", factory.resolution_docx(factory.sample("A/RES/80/77"))),
        ("b.docx", factory.resolution_docx(factory.sample("A/RES/80/78"))),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(IMPORT, {"upload": files})

    batch = ImportBatch.objects.get()
    assert queued == [batch.pk]
    assert Resolution.objects.count() == 0
    waiting = secretariat_client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting and "0 of 2 files read" in waiting

    import_batch_run(batch_id=batch.pk)  # what the worker does

    done = secretariat_client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in done and 'data-count="imported">2<' in done
    assert Resolution.objects.count() == 2


def test_running_a_batch_twice_imports_each_file_once():
    batch = ImportBatch.objects.create(total=1)
    ImportBatchFile.objects.create(
        batch=batch, position=1, name="a.docx", content=factory.resolution_docx()
    )
    import_batch_run(batch_id=batch.pk)
    before = counts()

    import_batch_run(batch_id=batch.pk)

    assert counts() == before
    assert ImportBatchFile.objects.get().outcome == "created"


def test_several_files_with_a_symbol_or_a_pasted_text_are_refused(secretariat_client):
    specs = (("a.txt", b"x"), ("b.txt", b"y"))
    for extra, message in (
        ({"symbol": "A/RES/80/1"}, "one file only"),
        ({"text": "1. D."}, "not both"),
    ):
        response = secretariat_client.post(IMPORT, {"upload": uploads(*specs), **extra})
        assert response.status_code == 400 and message in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_too_many_files_at_once_are_refused(secretariat_client, settings):
    settings.SUIVI_IMPORT_MAX_FILES = 2
    specs = [(f"{n}.txt", b"x") for n in range(3)]
    response = secretariat_client.post(IMPORT, {"upload": uploads(*specs)})
    assert response.status_code == 400 and "At most 2 files" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_batch_page_is_for_staff_only(delegation_client, client, outsider_user):
    batch = ImportBatch.objects.create(total=0)
    url = batch.get_absolute_url()
    assert delegation_client.get(url).status_code == 403
    client.force_login(outsider_user)
    assert client.get(url).status_code == 403


def test_an_unknown_batch_is_a_404(secretariat_client):
    assert (
        secretariat_client.get(reverse("resolutions:import_batch", args=[999])).status_code == 404
    )


def test_the_batch_page_query_count_does_not_grow_with_files(
    secretariat_client, django_assert_num_queries
):
    def batch_of(size: int) -> str:
        batch = ImportBatch.objects.create(total=size)
        resolution = Resolution.objects.create(symbol=f"A/RES/80/{size}", body=factory_body())
        ImportBatchFile.objects.bulk_create(
            ImportBatchFile(
                batch=batch,
                position=n,
                name=f"{n}.pdf",
                content=b"",
                outcome="created" if n % 2 else "refused",
                messages=["A reason."],
                resolution=resolution if n % 2 else None,
            )
            for n in range(1, size + 1)
        )
        return batch.get_absolute_url()

    small, large = batch_of(2), batch_of(40)
    with CaptureQueriesContext(connection) as small_queries:
        assert secretariat_client.get(small).status_code == 200
    with django_assert_num_queries(len(small_queries.captured_queries)):
        assert secretariat_client.get(large).status_code == 200


def factory_body():
    from resolutions.services import body_for_prefix

    return body_for_prefix("A/RES")


def test_the_batch_page_speaks_french(secretariat_client):
    batch = ImportBatch.objects.create(total=1)
    ImportBatchFile.objects.create(batch=batch, position=1, name="a.pdf", content=b"x")
    secretariat_client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    html = secretariat_client.get(batch.get_absolute_url()).content.decode()

    assert "Importation de 1 fichier" in html
    assert "0 sur 1 fichiers lus" in html
    assert "En attente" in html


def test_an_unexpected_failure_on_one_file_is_reported_and_the_others_go_on(
    archive, monkeypatch, capsys
):
    from resolutions import services

    original = services.read_document

    def failing(data, filename, *, limits):
        if filename == "A_RES_80_78.pdf":
            raise IndexError("a bug")
        return original(data, filename, limits=limits)

    monkeypatch.setattr(services, "read_document", failing)
    (archive / "word" / "scan.pdf").unlink()

    with pytest.raises(CommandError, match="1 of 3 file"):
        call_command("import_resolution", str(archive))

    out, _err = capsys.readouterr()
    assert "A_RES_80_78.pdf: Suivi failed on this file (IndexError)" in out
    assert sorted(Resolution.objects.values_list("symbol", flat=True)) == [
        "A/RES/80/77",
        "A/RES/80/79",
    ]


def test_a_batch_whose_task_was_lost_is_taken_up_again_by_the_periodic_sweep(settings):
    import datetime

    from django.utils import timezone

    settings.SUIVI_IMPORT_RESUME_MINUTES = 5
    lost = import_batch_create(files=[("a.docx", factory.resolution_docx())])
    recent = import_batch_create(
        files=[("b.docx", factory.resolution_docx(factory.sample("A/RES/80/78")))]
    )
    ImportBatch.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )

    tasks.import_batches_resume()

    lost.refresh_from_db()
    recent.refresh_from_db()
    assert lost.finished_at is not None and recent.finished_at is None
    assert list(Resolution.objects.values_list("symbol", flat=True)) == [factory.SYMBOL]
