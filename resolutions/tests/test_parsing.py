"""Parsing whole resolutions: the seed against its gold file, and our own texts in texts/."""

import datetime
import json
from pathlib import Path

import pytest

from resolutions.parsing import ParsedResolution, parse_resolution

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TEXTS = Path(__file__).resolve().parent / "texts"


def read_text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def parse_file(name: str, **kwargs) -> ParsedResolution:
    return parse_resolution(read_text(name), **kwargs)


def operative(result: ParsedResolution, number: int):
    return next(p for p in result.operative if p.number == number)


# --- the seed ---------------------------------------------------------------------------------


def seed_text() -> str:
    return (CORPUS / "ICC-ASP_11_Res.5.fr.txt").read_text(encoding="utf-8")


def seed_gold() -> dict:
    gold = json.loads((CORPUS / "ICC-ASP_11_Res.5.fr.gold.json").read_text(encoding="utf-8"))
    for paragraph in gold["operative"]:
        paragraph.pop("mandates")
    return gold


def test_it_reproduces_the_gold_file_of_the_seed_resolution():
    assert parse_resolution(seed_text()).to_dict() == seed_gold()


def test_it_gives_the_seed_keys_in_the_gold_order():
    result = parse_resolution(seed_text()).to_dict()
    gold = seed_gold()
    assert list(result) == list(gold)
    assert list(result["operative"][0]) == ["number", "text"]
    assert list(result["footnotes"][0]) == list(gold["footnotes"][0])


def test_it_fills_the_seed_dataclasses_beyond_the_gold_schema():
    result = parse_resolution(seed_text())
    assert result.body_prefix == "ICC-ASP"
    assert result.adopted_on == datetime.date(2012, 11, 21)
    assert result.votes is None
    assert result.annexes == []
    assert result.warnings == []
    first = operative(result, 1)
    assert first.footnote_marks == ["1"]
    assert first.references == ["ICC-ASP/11/21"]
    assert result.preambular[0].references == [
        "RC/Dec.2",
        "ICC-ASP/8/Res.2",
        "ICC-ASP/9/Res.3",
        "ICC-ASP/10/Res.2",
        "ICC-ASP/6/Res.2",
    ]
    assert result.footnotes[0].part == "operative"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda t: "\n".join(line for line in t.split("\n") if line.strip()), id="no-blank-lines"
        ),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(
            lambda t: "\n".join(line.strip() for line in t.split("\n")), id="stripped-lines"
        ),
        pytest.param(lambda t: t.replace(" ;", "\u00a0;").replace("« ", "«\u00a0"), id="nbsp"),
        pytest.param(lambda t: t.replace(" " * 54 + "\n", "\f"), id="form-feed"),
    ],
)
def test_it_gives_the_same_result_when_the_seed_is_copied_differently(change):
    assert parse_resolution(change(seed_text())).to_dict() == seed_gold()


def test_it_joins_symbols_hyphenated_across_lines():
    result = parse_resolution(seed_text())
    assert "ICC-ASP/10/Res.2," in result.preambular[0].text
    assert "résolution ICC-ASP/10/Res.5, et encourage" in operative(result, 6).text


def test_it_continues_a_paragraph_after_a_page_break_footnote():
    result = parse_resolution(seed_text())
    assert operative(result, 7).text.startswith("Exprime sa sérieuse préoccupation")
    assert operative(result, 6).text.endswith("garantir leur efficacité ;")
    assert "ICC-ASP/11/21" not in operative(result, 6).text


def test_it_removes_glued_footnote_marks_but_keeps_real_numbers():
    result = parse_resolution(seed_text())
    assert operative(result, 1).text.endswith("la coopération qu’elle sollicite » ;")
    assert "du 7 juin au 2 juillet 2012, de quatre" in operative(result, 7).text
    assert "l’article 48 du Statut" in operative(result, 8).text
    assert "l’article 93, paragraphe 1(k), du Statut" in operative(result, 20).text
    assert operative(result, 20).subparagraphs == []


def test_it_keeps_straight_and_curly_apostrophes_as_written():
    text = operative(parse_resolution(seed_text()), 22).text
    assert "à l'identification" in text
    assert "l’importance" in text


# --- English ICC-ASP resolution with sub-paragraphs and footnotes across a page break --------


def test_it_reads_the_header_of_an_english_assembly_resolution():
    result = parse_file("en_asp_subparagraphs.txt")
    assert result.symbol == "ICC-ASP/23/Res.4"
    assert result.language == "en"
    assert result.title == (
        "Victims and affected communities, reparations and the Trust Fund for Victims"
    )
    assert result.body == "Assembly of States Parties"
    assert result.session == 23
    assert result.meeting == 7
    assert result.adopted_on == datetime.date(2024, 12, 6)
    assert result.adoption_method == "consensus"
    assert result.votes is None


def test_it_nests_roman_subparagraphs_under_lettered_ones():
    result = parse_file("en_asp_subparagraphs.txt")
    first = operative(result, 1)
    assert [sub.label for sub in first.subparagraphs] == ["a", "b", "c"]
    a = first.subparagraphs[0]
    assert [child.label for child in a.children] == ["i", "ii"]
    assert a.children[0].text == "The harmonisation of application forms across situations; and"
    assert a.children[1].text == "The use of collective approaches where appropriate;"
    assert a.text.startswith("Continue to review its practice")
    assert a.text.endswith("(ii) The use of collective approaches where appropriate;")
    assert first.subparagraphs[1].text == (
        "Report to the Assembly at its twenty-fourth session on the measures taken;"
    )
    assert first.text.startswith(
        "Welcomes the continued work of the Court to give effect to the rights of victims "
        "under the Rome Statute, and requests the Court to: (a) Continue"
    )
    assert "(b) Report to the Assembly" in first.text


def test_it_does_not_take_a_reference_inside_a_line_for_a_subparagraph():
    result = parse_file("en_asp_subparagraphs.txt")
    c = operative(result, 1).subparagraphs[2]
    assert c.text == (
        "Consult States Parties and civil society on the implementation of paragraph 1(a) "
        "of the present resolution;"
    )
    third = operative(result, 3)
    assert [sub.label for sub in third.subparagraphs] == ["a", "b"]
    assert third.subparagraphs[1].text.endswith("article 93, paragraph 1(k), of the Statute;")


def test_it_attaches_footnotes_from_a_later_page_to_the_paragraphs_holding_their_marks():
    result = parse_file("en_asp_subparagraphs.txt")
    assert [(f.mark, f.part, f.paragraph) for f in result.footnotes] == [
        ("1", "preambular", 2),
        ("2", "preambular", 2),
        ("3", "operative", 2),
    ]
    assert result.footnotes[1].text == (
        "ICC-ASP/23/14, annex I, paras. 4-7, and Official Records … Twenty-second session … "
        "2023 (ICC-ASP/22/20), vol. II, part B.3."
    )
    assert result.preambular[1].footnote_marks == ["1", "2"]
    assert result.preambular[1].text == (
        "Mindful of the report of the Court on its revised strategy in relation to victims, "
        "and taking note of the report of the Board of Directors of the Trust Fund for Victims "
        "on its activities and projects for the period from 1 July 2023 to 30 June 2024,"
    )
    assert "the Board’s appeal, in particular" in operative(result, 2).text
    assert operative(result, 3).text.startswith("Encourages the Trust Fund")
    assert "ICC-ASP/23/20" not in operative(result, 2).text


def test_it_marks_preambular_footnotes_in_the_json():
    footnotes = parse_file("en_asp_subparagraphs.txt").to_dict()["footnotes"]
    assert footnotes[0] == {
        "mark": "1",
        "paragraph": 2,
        "text": "ICC-ASP/23/9.",
        "part": "preambular",
    }
    assert "part" not in footnotes[2]


def test_it_lists_references_in_document_order_with_footnotes_after_their_paragraph():
    result = parse_file("en_asp_subparagraphs.txt")
    assert result.references == [
        "ICC-ASP/21/Res.3",
        "ICC-ASP/22/Res.3",
        "ICC-ASP/23/9",
        "ICC-ASP/23/14",
        "ICC-ASP/22/20",
        "ICC-ASP/23/INF.2",
    ]
    assert operative(result, 2).references == ["ICC-ASP/23/INF.2"]


def test_it_puts_subparagraphs_in_the_json_only_when_there_are_some():
    data = parse_file("en_asp_subparagraphs.txt").to_dict()
    first = data["operative"][0]
    assert list(first) == ["number", "text", "subparagraphs"]
    assert first["subparagraphs"][0]["children"][1] == {
        "label": "ii",
        "text": "The use of collective approaches where appropriate;",
    }
    assert "children" not in first["subparagraphs"][1]
    assert "subparagraphs" not in data["operative"][1]
    assert "warnings" not in data and "annexes" not in data and "votes" not in data


# --- French ICC-ASP resolution adopted by vote ----------------------------------------------


def test_it_reads_a_recorded_vote_in_a_french_header():
    result = parse_file("fr_asp_vote.txt")
    assert result.language == "fr"
    assert result.symbol == "ICC-ASP/13/Res.2"
    assert result.adoption_method == "vote"
    assert result.votes == {"in_favour": 120, "against": 5, "abstentions": 10}
    assert result.meeting == 9
    assert result.adopted_on == datetime.date(2014, 12, 17)
    assert result.title == "Amendements au Règlement de procédure et de preuve"
    assert result.body == "Assemblée des États Parties"
    assert result.to_dict()["votes"] == {"in_favour": 120, "against": 5, "abstentions": 10}


def test_it_reads_french_half_parenthesis_subparagraphs():
    first = operative(parse_file("fr_asp_vote.txt"), 1)
    assert [sub.label for sub in first.subparagraphs] == ["a", "b"]
    assert first.subparagraphs[0].text == (
        "La règle 68 est remplacée par le texte figurant à l’annexe I du document ICC-ASP/13/31 ;"
    )
    assert first.text.startswith(
        "Adopte les amendements ci-après au Règlement de procédure et de preuve : a) La règle 68"
    )


def test_it_reads_footnotes_at_the_end_of_a_french_resolution():
    result = parse_file("fr_asp_vote.txt")
    assert [(f.mark, f.part, f.paragraph) for f in result.footnotes] == [
        ("1", "preambular", 2),
        ("2", "operative", 3),
    ]
    assert result.preambular[1].text == (
        "Prenant note des recommandations du Groupe de travail sur les enseignements tirés, "
        "transmises par la Cour le 3 octobre 2014,"
    )
    assert operative(result, 3).text.endswith("à sa quatorzième session.")
    assert result.references == [
        "ICC-ASP/13/28",
        "ICC-ASP/12/Res.7",
        "ICC-ASP/13/31",
        "ICC-ASP/12/Res.8",
    ]
    assert len(result.preambular) == 3
    assert len(result.operative) == 3
    assert result.warnings == []


# --- UN General Assembly, English -----------------------------------------------------------


def test_it_reads_the_header_of_an_english_general_assembly_resolution():
    result = parse_file("en_ga.txt")
    assert result.symbol == "A/RES/80/6"
    assert result.body_prefix == "A/RES"
    assert result.session == 80
    assert result.title == "Report of the International Criminal Court"
    assert result.body == "General Assembly"
    assert result.adopted_on == datetime.date(2025, 11, 11)  # not the issue date
    assert result.meeting == 35
    assert result.adoption_method is None


def test_it_cuts_the_closing_lines_of_a_general_assembly_resolution():
    result = parse_file("en_ga.txt")
    assert len(result.operative) == 5
    assert operative(result, 5).text.endswith("“Report of the International Criminal Court”.")


def test_it_removes_general_assembly_page_furniture_and_joins_hyphenated_words():
    result = parse_file("en_ga.txt")
    assert operative(result, 3).text.endswith("under S/RES/1593 (2005);")
    assert operative(result, 4).text == (
        "Invites the Secretary-General to submit to the General Assembly at its eighty-first "
        "session a report on the implementation of article 10 of the Relationship Agreement;"
    )


def test_it_removes_english_marks_placed_after_punctuation():
    result = parse_file("en_ga.txt")
    assert [p.text for p in result.preambular[1:]] == [
        "Welcoming the report of the International Criminal Court for the period from "
        "1 August 2024 to 31 July 2025,",
        "Recalling that the Rome Statute of the International Criminal Court reaffirms the "
        "purposes and principles of the Charter of the United Nations,",
        "Noting the importance of the Relationship Agreement between the United Nations and "
        "the International Criminal Court, which provides a framework for cooperation,",
    ]
    assert [(f.mark, f.part, f.paragraph, f.text) for f in result.footnotes] == [
        ("1", "preambular", 2, "A/80/342."),
        ("2", "preambular", 3, "United Nations, Treaty Series, vol. 2187, No. 38544."),
        ("3", "preambular", 4, "Ibid., vol. 2283, No. 1272."),
    ]
    assert result.references == ["A/80/342", "S/RES/1593 (2005)"]


# --- UN General Assembly, French, vote in a footnote on the title -------------------------------


def test_it_reads_a_french_general_assembly_resolution():
    result = parse_file("fr_ga.txt")
    assert result.language == "fr"
    assert result.symbol == "A/RES/80/6"
    assert result.session == 80
    assert result.title == "Rapport de la Cour pénale internationale"
    assert result.body == "Assemblée générale"
    assert result.adopted_on == datetime.date(2025, 11, 11)
    assert result.meeting == 35
    assert len(result.preambular) == 3
    assert len(result.operative) == 4
    assert operative(result, 4).text.endswith("« Rapport de la Cour pénale internationale ».")


def test_it_takes_the_vote_from_a_footnote_on_the_title():
    result = parse_file("fr_ga.txt")
    assert result.adoption_method == "vote"
    assert result.votes == {"in_favour": 130, "against": 3, "abstentions": 12}
    # The title's footnote concerns the whole resolution: it belongs to no paragraph.
    assert [(f.mark, f.part, f.paragraph) for f in result.footnotes] == [
        ("2", "preambular", 2),
        ("3", "operative", 1),
        ("4", "operative", 2),
    ]
    assert operative(result, 1).text == "Accueille avec satisfaction le rapport de la Cour ;"
    assert result.references == ["A/80/342"]
    assert result.warnings == []


# --- annex -------------------------------------------------------------------------------------


def test_it_stops_operative_paragraphs_at_an_annex_and_keeps_the_annex_raw():
    result = parse_file("en_asp_annex.txt")
    assert [p.number for p in result.operative] == [1, 2, 3]
    assert operative(result, 3).text == (
        "Decides that the working group shall be open to all States Parties."
    )
    [annex] = result.annexes
    assert annex.text == (
        "Annex\n\nTerms of reference of the working group\n\n"
        "1. The working group shall meet in The Hague and New York.\n\n"
        "2. The working group shall take its decisions by consensus."
    )
    assert (annex.number, annex.heading) == (1, "Annex")
    assert annex.title == "Terms of reference of the working group"
    assert [(p.number, p.text) for p in annex.paragraphs] == [
        (1, "The working group shall meet in The Hague and New York."),
        (2, "The working group shall take its decisions by consensus."),
    ]
    assert result.warnings == []
    assert result.to_dict()["annexes"] == [annex.to_dict()]


def test_it_reads_an_english_recorded_vote_wrapped_over_two_lines():
    result = parse_file("en_asp_annex.txt")
    assert result.adoption_method == "vote"
    assert result.votes == {"in_favour": 98, "against": 7, "abstentions": 14}
    assert result.meeting == 9
    assert result.adopted_on == datetime.date(2023, 12, 14)
    assert result.title == (
        "Establishment of a working group on the review of the procedure for the nomination "
        "of judges"
    )
    assert result.references == ["ICC-ASP/3/Res.6", "ICC-ASP/22/4"]


# --- no preamble ---------------------------------------------------------------------------------


def test_it_accepts_a_resolution_without_preamble():
    result = parse_file("en_no_preamble.txt")
    assert result.preambular == []
    assert [p.text for p in result.operative] == [
        "Decides to hold its thirteenth session in New York from 8 to 17 December 2014;",
        "Requests the Bureau to make the necessary arrangements.",
    ]
    assert result.title == "Date and venue of the thirteenth session"
    assert result.meeting == 1
    assert result.session == 12
    assert result.adopted_on == datetime.date(2013, 11, 20)


def test_it_takes_the_symbol_argument_for_a_text_without_header():
    text = (
        "1. Decides to hold its thirteenth session in New York;\n"
        "2. Requests the Bureau to make the necessary arrangements.\n"
    )
    result = parse_resolution(text, symbol="ICC-ASP/12/Res.1")
    assert result.symbol == "ICC-ASP/12/Res.1"
    assert result.session == 12
    assert result.body == "Assembly of States Parties"
    assert result.title == ""
    assert result.language == "en"
    assert result.adopted_on is None and result.meeting is None
    assert len(result.operative) == 2


def test_the_symbol_argument_overrides_the_text_and_the_difference_is_reported():
    result = parse_file("en_no_preamble.txt", symbol="ICC-ASP/12/Res.9")
    assert result.symbol == "ICC-ASP/12/Res.9"
    assert result.warnings == [
        "The symbol given (ICC-ASP/12/Res.9) differs from the one in the text (ICC-ASP/12/Res.1)."
    ]


def test_the_language_argument_overrides_detection():
    assert parse_file("en_no_preamble.txt", language="fr").language == "fr"
    assert parse_file("en_no_preamble.txt", language="EN").language == "en"


# --- page furniture -----------------------------------------------------------------------------


def test_it_removes_running_headers_job_numbers_and_page_numbers():
    result = parse_file("fr_page_furniture.txt")
    assert result.symbol == "ICC-ASP/12/Res.3"
    assert result.title == "Coopération"
    assert result.meeting == 12
    assert result.adopted_on == datetime.date(2013, 11, 27)
    assert len(result.preambular) == 3
    assert result.preambular[2].text == (
        "Déterminée à mettre un terme à l’impunité des auteurs des crimes les plus graves qui "
        "touchent l’ensemble de la communauté internationale,"
    )
    for paragraph in result.preambular + result.operative:
        for artefact in ("12-F-090114", "Page", "ICC-ASP/12/20", "___"):
            assert artefact not in paragraph.text


def test_it_joins_a_paragraph_split_by_a_page_break_with_footnotes_and_headers():
    result = parse_file("fr_page_furniture.txt")
    assert operative(result, 2).text == (
        "Demande instamment aux États Parties de coopérer pleinement avec la Cour, "
        "conformément aux obligations qui leur incombent en vertu du Statut de Rome, en "
        "particulier en ce qui concerne l’exécution des mandats d’arrêt et la remise des "
        "personnes recherchées, et rappelle les procédures de non-coopération adoptées dans "
        "la résolution ICC-ASP/10/Res.5 ;"
    )
    assert [(f.mark, f.paragraph, f.text) for f in result.footnotes] == [("1", 1, "ICC-ASP/12/35.")]
    assert result.references == [
        "RC/Dec.2",
        "ICC-ASP/11/Res.5",
        "ICC-ASP/12/35",
        "ICC-ASP/10/Res.5",
    ]
    assert operative(result, 3).text.endswith("à sa treizième session.")
    assert result.warnings == []


# --- numbering problems, headings, unmarked footnotes -------------------------------------------


def test_it_warns_about_numbering_gaps_and_repeats():
    result = parse_file("en_numbering_gap.txt")
    assert [p.number for p in result.operative] == [1, 2, 4, 5, 5, 6]
    assert "Operative paragraph 4 follows paragraph 2." in result.warnings
    assert "Operative paragraph 5 appears twice." in result.warnings


def test_it_skips_section_headings_between_paragraphs():
    result = parse_file("en_numbering_gap.txt")
    assert len(result.preambular) == 2
    assert result.preambular[1].text == (
        "Welcoming the Court's continued efforts to improve its efficiency,"
    )
    assert operative(result, 2).text == (
        "Calls upon all States not yet parties to consider becoming parties without delay;"
    )


def test_it_warns_about_a_footnote_whose_mark_is_missing():
    result = parse_file("en_numbering_gap.txt")
    assert [(f.mark, f.paragraph) for f in result.footnotes] == [("1", 5), ("2", 6)]
    assert result.operative[4].text.endswith("informed of their rights;")
    assert operative(result, 6).text == "Decides to hold its twenty-fifth session in The Hague."
    assert (
        "Footnote 2 has no mark in the text; it was attached to operative paragraph 6, "
        "the paragraph before it." in result.warnings
    )
    assert result.to_dict()["warnings"] == result.warnings


# --- every text, copied without blank lines or with indentation ------------------------------


def without_annexes(result: ParsedResolution) -> dict:
    data = result.to_dict()
    data.pop("annexes", None)  # raw annex text keeps the blank lines it was given
    return data


@pytest.mark.parametrize("name", sorted(path.name for path in TEXTS.glob("*.txt")))
def test_it_gives_the_same_result_without_blank_lines_or_with_indented_lines(name):
    text = read_text(name)
    expected = without_annexes(parse_resolution(text))
    no_blank_lines = "\n".join(line for line in text.split("\n") if line.strip())
    indented = "\n".join("    " + line for line in text.split("\n"))
    assert without_annexes(parse_resolution(no_blank_lines)) == expected
    assert without_annexes(parse_resolution(indented)) == expected
