"""Unit tests of the parser's pieces: symbols, ordinals, errors, marks, page furniture."""

import datetime

import pytest

from resolutions.parsing import (
    ParsedResolution,
    ParseError,
    find_document_symbols,
    ordinal_to_int,
    parse_resolution,
)
from resolutions.parsing.body import is_opener, operative_start, subparagraph_start
from resolutions.parsing.cleanup import is_page_artefact, join_lines
from resolutions.parsing.dates import find_date
from resolutions.parsing.footnotes import MarkSequence
from resolutions.parsing.header import adoption_method, body_intro, find_meeting
from resolutions.parsing.language import detect_language
from resolutions.parsing.symbols import body_prefix, session_from_symbol

# --- find_document_symbols ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la résolution ICC-ASP/10/Res.2.", ["ICC-ASP/10/Res.2"]),
        (
            "resolutions ICC-ASP/8/Res.2, ICC-ASP/9/Res.3 and",
            ["ICC-ASP/8/Res.2", "ICC-ASP/9/Res.3"],
        ),
        ("la Déclaration (RC/Dec.2), approuvée", ["RC/Dec.2"]),
        ("RC/Res.6; RC/11", ["RC/Res.6", "RC/11"]),
        ("ICC-ASP/11/21, paragraphe 80.", ["ICC-ASP/11/21"]),
        (
            "see ICC-ASP/11/20/Add.1 and ICC-ASP/11/20/Rev.1/Corr.2;",
            ["ICC-ASP/11/20/Add.1", "ICC-ASP/11/20/Rev.1/Corr.2"],
        ),
        ("A/RES/80/6 and A/80/342.", ["A/RES/80/6", "A/80/342"]),
        ("(A/80/L.5 and Add.1)", ["A/80/L.5"]),
        ("resolution S/RES/1593 (2005) of the Council", ["S/RES/1593 (2005)"]),
        ("resolution S/RES/1970(2011),", ["S/RES/1970 (2011)"]),
        ("E/CN.4/2005/L.10/Add.17,", ["E/CN.4/2005/L.10/Add.17"]),
        ("the Rome Statute (A/CONF.183/9)", ["A/CONF.183/9"]),
        ("in ICC-ASP/6/Res.2, annex III", ["ICC-ASP/6/Res.2"]),
        ("the letter A/62/632-S/2008/26 of", ["A/62/632", "S/2008/26"]),
        ("resolution A/RES/ES-10/19;", ["A/RES/ES-10/19"]),
        ("the case ICC-01/04-01/07.", ["ICC-01/04-01/07"]),
        ("ICC-ASP/23/INF.2.", ["ICC-ASP/23/INF.2"]),
        ("in ICC-\nASP/10/Res.2, and", ["ICC-ASP/10/Res.2"]),
        ("ICC-ASP/10/\nRes.5", ["ICC-ASP/10/Res.5"]),
        ("ICC-ASP/10/Res.2 ... ICC-ASP/10/Res.2.", ["ICC-ASP/10/Res.2"]),
        ("a/b and/or A/B, S/he, TVA/12", []),
        ("paragraphe 1(k), article 48, 2012,", []),
        ("", []),
    ],
)
def test_it_finds_document_symbols(text, expected):
    assert find_document_symbols(text) == expected


def test_it_finds_symbols_across_a_non_breaking_space():
    assert find_document_symbols("S/RES/1593\u00a0(2005)") == ["S/RES/1593 (2005)"]


@pytest.mark.parametrize(
    ("symbol", "prefix", "session"),
    [
        ("ICC-ASP/11/Res.5", "ICC-ASP", 11),
        ("A/RES/80/6", "A/RES", 80),
        ("RC/Res.6", "RC/Res", None),
        ("RC/Dec.2", "RC/Dec", None),
        ("ICC-ASP/ES/Res.1", "ICC-ASP", None),
        ("A/RES/ES-10/19", "A/RES", None),
        ("E/CN.4/RES/2005/1", "E/CN.4/RES", None),
        ("S/RES/1593 (2005)", "S/RES", None),
        (None, None, None),
    ],
)
def test_it_derives_the_body_prefix_and_session_from_a_symbol(symbol, prefix, session):
    assert body_prefix(symbol) == prefix
    assert session_from_symbol(symbol) == session


# --- ordinal_to_int -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("douzième", 12),
        ("DOUZIEME", 12),
        ("Douzième", 12),
        ("onzième", 11),
        ("huitième", 8),
        ("vingt-cinquième", 25),
        ("vingt et unième", 21),
        ("trente et unième", 31),
        ("soixante-dixième", 70),
        ("soixante et onzième", 71),
        ("soixante-dix-neuvième", 79),
        ("quatre-vingtième", 80),
        ("quatre-vingt-unième", 81),
        ("quatre-vingt-dixième", 90),
        ("quatre-vingt-onzième", 91),
        ("dix-septième", 17),
        ("centième", 100),
        ("cent unième", 101),
        ("première", 1),
        ("premier", 1),
        ("deuxième", 2),
        ("second", 2),
        ("twelfth", 12),
        ("Twelfth", 12),
        ("eighty-first", 81),
        ("eightieth", 80),
        ("twenty-fifth", 25),
        ("twenty fifth", 25),
        ("first", 1),
        ("third", 3),
        ("ninety-ninth", 99),
        ("one hundredth", 100),
        ("one hundred and first", 101),
        ("12th", 12),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("35th", 35),
        ("12e", 12),
        ("12ème", 12),
        ("12ieme", 12),
        ("1er", 1),
        ("1re", 1),
        ("1ère", 1),
        ("35ᵉ", 35),
        (" eighth, ", 8),
    ],
)
def test_it_reads_ordinals_in_words_and_digits(word, expected):
    assert ordinal_to_int(word) == expected


@pytest.mark.parametrize(
    "word",
    ["", "  ", "twenty", "vingt", "un", "session", "first first", "the 8th", "x" * 500, None, 12],
)
def test_it_returns_none_for_what_is_not_an_ordinal(word):
    assert ordinal_to_int(word) is None


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t \n", "\u00a0\n"])
def test_it_refuses_an_empty_text(text):
    with pytest.raises(ParseError, match="^The text is empty.$"):
        parse_resolution(text)


def test_it_refuses_a_text_longer_than_the_limit_with_both_numbers():
    with pytest.raises(ParseError) as error:
        parse_resolution("a" * 812_345)
    assert str(error.value) == "The text is 812 345 characters long; the limit is 500 000."


def test_it_accepts_a_custom_limit():
    with pytest.raises(ParseError, match="the limit is 10."):
        parse_resolution("1. Decides to do something useful;", max_chars=10)


@pytest.mark.parametrize("text", ["1. Decides\x00 to act;", "%PDF-1.7\n1. Decides;", "1. A\x07B;"])
def test_it_refuses_binary_data(text):
    with pytest.raises(ParseError) as error:
        parse_resolution(text)
    assert str(error.value) == (
        "The text contains binary data (control characters); paste the text of the "
        "resolution, not the PDF file itself."
    )


def test_it_says_how_operative_paragraphs_look_when_it_finds_none():
    with pytest.raises(ParseError) as error:
        parse_resolution("The Assembly of States Parties,\n\nRecalling its resolutions,\n")
    assert str(error.value) == (
        "No operative paragraph found: operative paragraphs start with a number followed by a "
        "full stop, such as “1. Decides …”."
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": b"1. Decides;"}, "decode it"),
        ({"text": None}, "must be a string"),
        ({"text": "1. Decides;", "language": "de"}, "Unknown language"),
        ({"text": "1. Decides;", "symbol": 12}, "symbol must be text"),
        ({"text": "1. Decides;", "max_chars": 0}, "max_chars"),
    ],
)
def test_it_raises_parse_error_for_wrong_arguments(kwargs, message):
    text = kwargs.pop("text")
    with pytest.raises(ParseError, match=message):
        parse_resolution(text, **kwargs)


def test_parse_error_is_a_value_error_with_its_message():
    error = ParseError("The text is empty.")
    assert isinstance(error, ValueError)
    assert error.message == str(error) == "The text is empty."


# --- smaller texts ----------------------------------------------------------------------------


def test_it_parses_a_minimal_resolution():
    result = parse_resolution("1. Decides to act.")
    assert isinstance(result, ParsedResolution)
    assert [p.text for p in result.operative] == ["Decides to act."]
    assert result.to_dict()["preambular"] == []


def test_it_removes_marks_after_a_word_a_comma_a_quote_and_a_full_stop():
    text = (
        "The Assembly of States Parties,\n\n"
        "Recalling the Agreement,1 the Rome Statute2 and the “Declaration”3,\n\n"
        "1. Decides to apply the Statute.4\n"
        "____\n"
        "1 First.\n2 Second.\n3 Third.\n4 Fourth.\n"
    )
    result = parse_resolution(text)
    assert result.preambular[0].text == (
        "Recalling the Agreement, the Rome Statute and the “Declaration”,"
    )
    assert result.preambular[0].footnote_marks == ["1", "2", "3"]
    assert result.operative[0].text == "Decides to apply the Statute."
    assert [(f.mark, f.part, f.paragraph) for f in result.footnotes] == [
        ("1", "preambular", 1),
        ("2", "preambular", 1),
        ("3", "preambular", 1),
        ("4", "operative", 1),
    ]


def test_it_removes_marks_after_a_closing_quote_and_full_stop_and_after_a_symbol():
    text = (
        "1. Welcomes the finding that “the Court has received the cooperation it sought”.1\n"
        "2. Recalls resolution ICC-ASP/10/Res.5,2 and the report of 2025.3\n"
        "____\n1 ICC-ASP/11/21, para. 80.\n2 Ibid.\n3 Ibid.\n"
    )
    result = parse_resolution(text)
    assert [p.text for p in result.operative] == [
        "Welcomes the finding that “the Court has received the cooperation it sought”.",
        "Recalls resolution ICC-ASP/10/Res.5, and the report of 2025.",
    ]
    assert [(f.mark, f.paragraph) for f in result.footnotes] == [("1", 1), ("2", 2), ("3", 2)]


def test_it_keeps_numbers_that_are_not_marks():
    text = (
        "1. Notes that 1,000 persons, G77 members, CO2 levels, COVID-19, 1.5 million, "
        "Add.1, vol.2 and No.3 are mentioned in A/80/342;\n"
    )
    result = parse_resolution(text)
    assert result.operative[0].text == text.strip()[3:]
    assert result.operative[0].footnote_marks == []


def test_it_warns_about_a_mark_without_footnote_text():
    result = parse_resolution("1. Decides to apply the Statute3.\n")
    assert result.operative[0].text == "1. Decides to apply the Statute3."[3:]
    result = parse_resolution("1. Decides to apply the Statute1.\n")
    assert result.operative[0].text == "Decides to apply the Statute."
    assert result.warnings == ["Footnote mark 1 in operative paragraph 1 has no footnote text."]


def test_it_reads_superscript_marks():
    result = parse_resolution("1. Decides to apply the Statute¹;\n\n¹ ICC-ASP/1/3.\n")
    assert result.operative[0].text == "Decides to apply the Statute;"
    assert result.footnotes[0].text == "ICC-ASP/1/3."
    assert result.references == ["ICC-ASP/1/3"]


def test_it_splits_preambular_paragraphs_without_blank_lines_at_recognised_openers():
    text = (
        "The General Assembly,\n"
        "Recalling its resolution 79/12 and the relevant provisions of the Charter,\n"
        "United Nations Security Council resolutions and the Statute,\n"
        "Noting with appreciation the report of the Court,\n"
        "Conscious of the role of the Court,\n"
        "1. Welcomes the report;\n"
    )
    result = parse_resolution(text)
    assert [p.text.split()[0] for p in result.preambular] == ["Recalling", "Noting", "Conscious"]
    assert result.preambular[0].text.endswith(
        "United Nations Security Council resolutions and the Statute,"
    )


def test_it_continues_a_preambular_paragraph_after_a_blank_line_when_it_is_unfinished():
    text = (
        "Recalling the Rome Statute of the\n\nInternational Criminal Court,\n\n"
        "Noting the report,\n\n1. Decides;\n"
    )
    result = parse_resolution(text)
    assert [p.text for p in result.preambular] == [
        "Recalling the Rome Statute of the International Criminal Court,",
        "Noting the report,",
    ]


def test_it_reads_letter_i_after_h_and_v_after_u_as_letters():
    labels = "abcdefghi"
    text = "1. Decides:\n" + "".join(f"({label}) Item {label};\n" for label in labels)
    result = parse_resolution(text)
    assert [s.label for s in result.operative[0].subparagraphs] == list(labels)
    assert all(not s.children for s in result.operative[0].subparagraphs)
    letters = "stuvwx"
    text = "1. Decides:\n" + "".join(f"({label}) Item {label};\n" for label in letters)
    result = parse_resolution(text)
    assert [s.label for s in result.operative[0].subparagraphs] == list(letters)


def test_it_reads_roman_subparagraphs_at_the_top_level_when_there_is_no_letter():
    text = "1. Decides:\n(i) First;\n(ii) Second;\n(iii) Third;\n(iv) Fourth;\n(v) Fifth.\n"
    subs = parse_resolution(text).operative[0].subparagraphs
    assert [s.label for s in subs] == ["i", "ii", "iii", "iv", "v"]


def test_it_nests_up_to_roman_v_and_beyond_under_a_letter():
    romans = ["i", "ii", "iii", "iv", "v", "vi"]
    text = "1. Decides:\n(a) To:\n" + "".join(f"({r}) Do {r};\n" for r in romans) + "(b) End.\n"
    subs = parse_resolution(text).operative[0].subparagraphs
    assert [s.label for s in subs] == ["a", "b"]
    assert [c.label for c in subs[0].children] == romans


def test_it_warns_about_subparagraph_letters_out_of_sequence():
    result = parse_resolution("1. Decides:\n(a) One;\n(c) Three.\n")
    assert result.warnings == ["Operative paragraph 1: sub-paragraph (c) follows (a)."]


def test_it_ignores_text_after_the_end_of_a_general_assembly_resolution():
    text = (
        "80/6. Report\n\nThe General Assembly,\n\n1. Decides to act.\n\n"
        "35th plenary meeting\n11 November 2025\n\nSome trailing text.\n"
    )
    result = parse_resolution(text)
    assert result.operative[0].text == "Decides to act."
    assert result.meeting == 35
    assert result.adopted_on == datetime.date(2025, 11, 11)
    assert result.symbol == "A/RES/80/6"
    assert len(result.warnings) == 1
    assert "(“Some trailing text.”) follows the end of the resolution" in result.warnings[0]


def test_it_stops_at_the_next_resolution_in_a_pasted_volume():
    text = (
        "Resolution ICC-ASP/11/Res.5\n\nICC-ASP/11/Res.5\nCooperation\n\n"
        "The Assembly of States Parties,\n\n1. Decides to act.\n\n"
        "Resolution ICC-ASP/11/Res.6\n\nICC-ASP/11/Res.6\nOther\n\n"
        "The Assembly of States Parties,\n\n1. Decides otherwise.\n"
    )
    result = parse_resolution(text)
    assert [p.text for p in result.operative] == ["Decides to act."]
    assert "follows the end of the resolution" in result.warnings[0]


# --- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "ICC-ASP/11/20",
        "A/RES/80/6",
        "12-E-010213",
        "24-12345",
        "25-18765 (E) 141125",
        "25-18765 2/3",
        "*2518765*",
        "Page 3",
        "page 3 of 10",
        "3",
        "- 4 -",
        "______________",
        "ICC-ASP/11/20 Page 3",
        "A/RES/80/6 Report of the International Criminal Court",
        "Report of the International Criminal Court A/RES/80/6",
    ],
)
def test_it_recognises_page_furniture(line):
    assert is_page_artefact(line)


@pytest.mark.parametrize(
    "line",
    [
        "ICC-ASP/10/Res.2.",
        "ICC-ASP/13/31 ;",
        "2012, de quatre agents de la Cour",
        "1. Decides",
        "Coopération",
        "A/RES/80/6, paragraph 3, and",
    ],
)
def test_it_keeps_lines_that_are_text(line):
    assert not is_page_artefact(line)


def test_it_joins_lines_keeping_hyphens_of_compounds_and_symbols():
    assert join_lines(["la non-", "coopération"]) == "la non-coopération"
    assert join_lines(["résolution ICC-", "ASP/10/Res.2,"]) == "résolution ICC-ASP/10/Res.2,"
    assert join_lines(["résolution ICC-ASP/10/", "Res.2,"]) == "résolution ICC-ASP/10/Res.2,"
    assert join_lines(["encourage ", " la Cour"]) == "encourage la Cour"
    assert join_lines(["the Court -", "and"]) == "the Court - and"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("7. Exprime sa préoccupation", (7, "Exprime sa préoccupation")),
        ("12.\tDecides", (12, "Decides")),
        ("3. « Considère", (3, "« Considère")),
        ("1.Decides", (1, "Decides")),
        ("4.", (4, "")),
        ("1.5 million persons", None),
        ("2. of the Statute", None),
        ("2012, de quatre", None),
        ("80/6. Report", None),
    ],
)
def test_it_recognises_operative_paragraph_starts(line, expected):
    assert operative_start(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(a) To do", ("a", "To do")),
        ("b) La règle", ("b", "La règle")),
        ("(iv) Fourth", ("iv", "Fourth")),
        ("(aa) After z", ("aa", "After z")),
        ("(see above)", None),
        ("(A/80/342) and", None),
        ("(2005) and", None),
    ],
)
def test_it_recognises_subparagraph_starts(line, expected):
    assert subparagraph_start(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Recalling its resolutions", True),
        ("Rappelant les dispositions", True),
        ("Déterminée à mettre", True),
        ("Consciente du rôle", True),
        ("Bearing in mind", True),
        ("Se félicitant de", True),
        ("Mindful of", True),
        ("United Nations", False),
        ("States Parties", False),
        ("Assemblée générale", False),
        ("recalling", False),
        ("Gouvernement", False),
    ],
)
def test_it_recognises_preambular_openers(line, expected):
    assert is_opener(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("L’Assemblée des États Parties,", "Assemblée des États Parties"),
        ("L'Assemblée générale,", "Assemblée générale"),
        ("The Assembly of States Parties,", "Assembly of States Parties"),
        ("The General Assembly,", "General Assembly"),
        ("The Review Conference,", "Review Conference"),
        # Without its comma when the resolution's only paragraph follows ("Adopts …").
        ("The General Assembly", "General Assembly"),
        ("L’Assemblée générale", "Assemblée générale"),
        ("The Working Group", None),
        ("The report of the Court, which", None),
    ],
)
def test_it_recognises_the_line_naming_the_body(line, expected):
    assert body_intro(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Adopted at the 8th plenary meeting, on 21 November 2012, by consensus",
            ("consensus", None),
        ),
        ("Adoptée par consensus à la huitième séance plénière", ("consensus", None)),
        ("adopted without a vote", ("consensus", None)),
        ("adoptée sans vote", ("consensus", None)),
        (
            "Adopted at the 9th plenary meeting, on 17 December 2014, by a recorded vote of "
            "120 in favour to 5 against, with 10 abstentions",
            ("vote", {"in_favour": 120, "against": 5, "abstentions": 10}),
        ),
        (
            "Adoptée à la neuvième séance plénière, le 17 décembre 2014, par vote enregistré, "
            "par 120 voix contre 5, avec 10 abstentions",
            ("vote", {"in_favour": 120, "against": 5, "abstentions": 10}),
        ),
        (
            "by a recorded vote of 130 to 4, with 12 abstentions",
            ("vote", {"in_favour": 130, "against": 4, "abstentions": 12}),
        ),
        (
            "by 100 votes to 2, with no abstentions",
            ("vote", {"in_favour": 100, "against": 2, "abstentions": 0}),
        ),
        (
            "par 120 voix pour, 5 contre et 10 abstentions",
            ("vote", {"in_favour": 120, "against": 5, "abstentions": 10}),
        ),
        (
            "par 120 voix contre 5, sans abstention",
            ("vote", {"in_favour": 120, "against": 5, "abstentions": 0}),
        ),
        ("by a recorded vote", ("vote", None)),
        ("Adopted on 21 November 2012", (None, None)),
    ],
)
def test_it_reads_how_a_resolution_was_adopted(text, expected):
    assert adoption_method(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Adopted at the 8th plenary meeting, on", 8),
        ("à la huitième séance plénière, le", 8),
        ("à la vingt et unième séance plénière", 21),
        ("35th plenary meeting", 35),
        ("35e séance plénière", 35),
        ("at its twelfth plenary meeting", 12),
        ("no meeting number here", None),
    ],
)
def test_it_reads_meeting_numbers(text, expected):
    assert find_meeting(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 21 novembre 2012", datetime.date(2012, 11, 21)),
        ("le 1er décembre 2012", datetime.date(2012, 12, 1)),
        ("le 3 fevrier 2015", datetime.date(2015, 2, 3)),
        ("on 21 November 2012", datetime.date(2012, 11, 21)),
        ("on November 21, 2012", datetime.date(2012, 11, 21)),
        ("le 31 février 2012", None),
        ("in 2012", None),
    ],
)
def test_it_reads_dates_in_both_languages(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rappelant les dispositions du Statut de Rome et la coopération des États", "fr"),
        ("Recalling the provisions of the Rome Statute and the cooperation of States", "en"),
        ("1. Décide ;", "fr"),
    ],
)
def test_it_detects_the_language(text, expected):
    assert detect_language(text) == expected


def test_mark_sequence_accepts_known_footnotes_and_the_next_number_only():
    marks = MarkSequence({"1", "2"})
    assert marks.remove_from("the Statute1 and Rome5,") == ("the Statute and Rome5,", ["1"])
    assert marks.remove_from("the Agreement,2 and the Court3.") == (
        "the Agreement, and the Court.",
        ["2", "3"],
    )
