"""The importer: atomic, idempotent, refuses bad input and mismatched language versions."""

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import (
    Footnote,
    Paragraph,
    ParagraphText,
    Reference,
    Resolution,
    ResolutionText,
    Session,
)
from resolutions.services import ImportRefused, resolution_import

pytestmark = pytest.mark.django_db

ENGLISH_SEED_SHAPE = """Resolution ICC-ASP/11/Res.5

Adopted at the 8th plenary meeting, on 21 November 2012, by consensus

ICC-ASP/11/Res.5
Cooperation

The Assembly of States Parties,

{preamble}

{operative}
"""


def english_version(paragraphs: int = 25, preambular: int = 4) -> str:
    preamble = "\n\n".join(
        f"Recalling item {n} of the Rome Statute," for n in range(1, preambular + 1)
    )
    operative = "\n\n".join(
        f"{n}. Requests the Bureau to report on matter {n};" for n in range(1, paragraphs)
    )
    operative += f"\n\n{paragraphs}. Decides to remain seized of the matter."
    return ENGLISH_SEED_SHAPE.format(preamble=preamble, operative=operative)


def counts() -> tuple[int, ...]:
    return (
        Resolution.objects.count(),
        ResolutionText.objects.count(),
        Paragraph.objects.count(),
        ParagraphText.objects.count(),
        Footnote.objects.count(),
        Reference.objects.count(),
    )


def test_it_imports_the_seed_with_its_metadata(seed_text):
    result = resolution_import(text=seed_text)

    resolution = result.resolution
    assert result.outcome == "created"
    assert resolution.symbol == "ICC-ASP/11/Res.5"
    assert resolution.body.symbol_prefix == "ICC-ASP"
    assert resolution.session.number == 11
    assert resolution.adopted_on.isoformat() == "2012-11-21"
    assert resolution.meeting == 8
    assert resolution.adoption_method == "consensus"
    assert resolution.texts.get().title == "Coopération"
    assert resolution.paragraphs.filter(kind="preambular").count() == 4
    assert resolution.paragraphs.filter(kind="operative").count() == 25


def test_it_stores_paragraph_text_footnotes_and_references(seed_text, seed_gold):
    resolution = resolution_import(text=seed_text).resolution

    op25 = resolution.paragraphs.get(kind="operative", number=25)
    assert op25.texts.get(language="fr").text == seed_gold["operative"][24]["text"]
    footnote = Footnote.objects.get()
    assert (footnote.mark, footnote.paragraph.number, footnote.paragraph.kind) == (
        "1",
        1,
        "operative",
    )
    assert footnote.text == "ICC-ASP/11/21, paragraphe 80."
    symbols = set(Reference.objects.values_list("symbol", flat=True))
    assert symbols == set(seed_gold["references"])
    assert set(op25.references.values_list("symbol", flat=True)) == {"ICC-ASP/10/Res.2"}


def test_it_changes_nothing_when_the_same_text_is_imported_again(seed_text):
    resolution_import(text=seed_text)
    before = counts()

    result = resolution_import(text=seed_text)

    assert result.outcome == "unchanged"
    assert not result.changed
    assert counts() == before


def test_it_refuses_a_changed_text_without_replace(seed_text):
    resolution_import(text=seed_text)
    changed = seed_text.replace("question des contacts non essentiels", "question des contacts")

    with pytest.raises(ImportRefused, match="replace"):
        resolution_import(text=changed)

    op5 = Paragraph.objects.get(kind="operative", number=5).texts.get()
    assert "contacts non essentiels" in op5.text


def test_it_replaces_the_wording_when_asked_and_keeps_paragraph_identity(seed_text):
    resolution_import(text=seed_text)
    op5_id = Paragraph.objects.get(kind="operative", number=5).pk
    changed = seed_text.replace("question des contacts non essentiels", "question des contacts")

    result = resolution_import(text=changed, replace=True)

    assert result.outcome == "replaced"
    op5 = Paragraph.objects.get(kind="operative", number=5)
    assert op5.pk == op5_id
    assert "contacts non essentiels" not in op5.texts.get().text


def test_it_attaches_an_english_text_to_the_same_paragraphs(seed_text):
    resolution_import(text=seed_text)
    paragraph_ids = set(Paragraph.objects.values_list("pk", flat=True))

    result = resolution_import(text=english_version())

    assert result.outcome == "added_language"
    assert set(Paragraph.objects.values_list("pk", flat=True)) == paragraph_ids
    op5 = Paragraph.objects.get(kind="operative", number=5)
    assert set(op5.texts.values_list("language", flat=True)) == {"fr", "en"}
    assert Resolution.objects.get().texts.count() == 2


def test_it_refuses_a_language_version_whose_paragraphs_do_not_match(seed_text):
    resolution_import(text=seed_text)
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        resolution_import(text=english_version(paragraphs=24))

    assert "OP25" in " ".join(refused.value.messages)
    assert counts() == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("Some words without any paragraph.", "No operative paragraph"),
        ("abc\x00\x01def", "binary"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(text, message):
    with pytest.raises(ImportRefused, match=message):
        resolution_import(text=text, symbol="ICC-ASP/1/Res.1")
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_it_refuses_a_text_over_the_size_limit(settings):
    settings.SUIVI_MAX_TEXT_CHARS = 1000
    text = english_version() + "x" * 1000
    with pytest.raises(ImportRefused, match="limit"):
        resolution_import(text=text)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_it_refuses_gaps_and_duplicates_in_numbering():
    gap = english_version().replace("6. Requests", "8. Requests")
    with pytest.raises(ImportRefused, match="follows paragraph"):
        resolution_import(text=gap)
    duplicate = english_version().replace("6. Requests", "5. Requests")
    with pytest.raises(ImportRefused, match="twice"):
        resolution_import(text=duplicate)
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_it_needs_a_symbol_when_the_text_has_none():
    text = "Requests nothing in particular,\n\n1. Decides to meet again."
    with pytest.raises(ImportRefused, match="symbol"):
        resolution_import(text=text)
    resolution = resolution_import(text=text, symbol="ICC-ASP/30/Res.1").resolution
    assert resolution.body.symbol_prefix == "ICC-ASP"
    assert resolution.paragraphs.filter(kind="operative").count() == 1


def test_it_links_references_to_resolutions_imported_before_or_after(seed_text):
    cited_text = "Recalling the Statute,\n\n1. Requests the Court to report at its twelfth session."
    resolution_import(text=seed_text)
    reference = Reference.objects.get(paragraph__number=25, paragraph__kind="operative")
    assert reference.cited_resolution is None

    cited = resolution_import(text=cited_text, symbol="ICC-ASP/10/Res.2").resolution

    assert set(cited.citations.values_list("symbol", flat=True)) == {"ICC-ASP/10/Res.2"}
    assert cited.citations.count() == 2  # preambular 1 and operative 25 both cite it


def test_it_creates_the_session_and_keeps_calendar_dates(imported_seed):
    session = Session.objects.get(body__symbol_prefix="ICC-ASP", number=12)
    assert session.start_date.isoformat() == "2013-11-20"
    assert Session.objects.get(number=24).start_date is None
    assert imported_seed.session.start_date.isoformat() == "2012-11-14"


def test_the_import_command_is_idempotent_and_reports_refusals(tmp_path, seed_text, capsys):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    binary = tmp_path / "file.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")

    call_command("import_resolution", str(seed))
    call_command("import_resolution", str(seed))
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_resolution", str(seed), str(binary))

    out, err = capsys.readouterr()
    assert "imported ICC-ASP/11/Res.5 (fr)" in out
    assert "unchanged" in out
    assert "The PDF file is damaged" in err
    assert Resolution.objects.count() == 1


def test_the_parse_command_prints_the_gold_parse_with_mandates_and_saves_nothing(
    tmp_path, seed_text, seed_gold, capsys
):
    import json

    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")

    call_command("parse_resolution", str(seed), "--json")

    printed = json.loads(capsys.readouterr().out)
    assert printed == seed_gold
    assert Resolution.objects.count() == 0
