"""Layouts of real documents: page headers, footnote marks, annexes, reflowed text.

Each test is a small text written for it that reproduces one layout found in General
Assembly resolutions copied from their PDFs or reflowed one paragraph a line.
"""

import pytest

from resolutions.parsing import ParsedResolution, parse_resolution

HEADER = (
    "United Nations A/RES/80/77\n"
    "General Assembly Distr.: General\n"
    "3 December 2025\n"
    "Eightieth session\n"
    "Agenda item 12\n"
    "26-01234 (E)\n"
    "*2601234*\n"
    "Resolution adopted by the General Assembly on 1 December 2025\n"
    "[without reference to a Main Committee (A/80/L.40)]\n"
    "80/77. Protection of migratory birds along\n"
    "their flyways\n\n"
)
TITLE = "Protection of migratory birds along their flyways"


def odd_page(page: int, total: int = 4) -> str:
    """The running header of an odd page: symbol, title (wrapped elsewhere), job, page."""
    return (
        f"\nA/RES/80/77 \nProtection of migratory birds along their \nflyways\n \n"
        f"26-01234\n{page}/{total} \n \n"
    )


def even_page(page: int, total: int = 4) -> str:
    return (
        f"\nProtection of migratory birds \nalong their flyways \nA/RES/80/77\n \n"
        f"{page}/{total}\n26-01234 \n \n"
    )


def texts_of(paragraphs) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


def where(result: ParsedResolution) -> list[tuple[str, str, int, int | None]]:
    return [(f.mark, f.part, f.paragraph, f.annex) for f in result.footnotes]


# --- running page headers ------------------------------------------------------------------


def test_it_removes_a_running_title_wrapped_on_two_lines_inside_a_paragraph():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling the conventions that protect birds in their flight between the\n"
        "continents and the habitats on which they\n"
        + odd_page(2)
        + "depend for their survival,\n\n"
        "Noting with concern the loss of wetlands,\n\n"
        "1. Calls upon States to protect the sites used by\n"
        + even_page(3)
        + "migratory birds on their routes;\n\n"
        "2. Decides to remain seized of the matter.\n\n"
        "52nd plenary meeting\n1 December 2025\n"
    )
    result = parse_resolution(text)
    assert result.title == TITLE
    assert texts_of(result.preambular) == [
        "Recalling the conventions that protect birds in their flight between the continents "
        "and the habitats on which they depend for their survival,",
        "Noting with concern the loss of wetlands,",
    ]
    assert texts_of(result.operative) == [
        "Calls upon States to protect the sites used by migratory birds on their routes;",
        "Decides to remain seized of the matter.",
    ]
    assert result.warnings == []


def test_it_keeps_the_title_where_a_paragraph_cites_it():
    text = (
        HEADER + "The General Assembly,\n\n"
        "1. Decides to include in the provisional agenda of its eighty-first session the item\n"
        "entitled “Protection of migratory birds along their flyways”.\n"
    )
    result = parse_resolution(text)
    assert result.operative[0].text.endswith(
        "the item entitled “Protection of migratory birds along their flyways”."
    )


def test_it_removes_a_running_title_left_alone_on_its_line_in_reflowed_text():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling its resolution 78/5 on the protection of birds,\n\n"
        "Protection of migratory birds along their flyways\n\n"
        "Noting the report of the Secretary-General,\n\n"
        "1. Decides to remain seized of the matter.\n"
    )
    result = parse_resolution(text)
    assert texts_of(result.preambular) == [
        "Recalling its resolution 78/5 on the protection of birds,",
        "Noting the report of the Secretary-General,",
    ]


# --- footnote marks -----------------------------------------------------------------------


def test_it_reads_a_footnote_mark_separated_by_a_space():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling that the Rome Statute of the International Criminal Court 1 reaffirms the\n"
        "purposes and principles of the Charter,\n\n"
        "Recalling also its resolution 79/12 of 2 December 2024 and paragraphs 1 to 10 of\n"
        "the annex thereto, and resolution 2 of the Conference,\n\n"
        "1. Welcomes the report for the period from 1 August 2024 to 31 July 2025;\n\n"
        "2. Requests a report at its eighty-first session.\n"
        "_____________\n"
        "1 United Nations, Treaty Series, vol. 2187, No. 38544.\n"
    )
    result = parse_resolution(text)
    assert result.preambular[0].text == (
        "Recalling that the Rome Statute of the International Criminal Court reaffirms the "
        "purposes and principles of the Charter,"
    )
    assert where(result) == [("1", "preambular", 1, None)]
    # Numbers that are numbers stay.
    assert "paragraphs 1 to 10" in result.preambular[1].text
    assert "resolution 2 of the Conference" in result.preambular[1].text
    assert result.operative[0].text.endswith("from 1 August 2024 to 31 July 2025;")
    assert result.warnings == []


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("the Covenant 1 and the Convention,2", "the Covenant and the Convention,"),
        ("the Covenant, 1 the Convention 2  and", "the Covenant, the Convention and"),
        ("the Declarations of 20171 and 2021,2", "the Declarations of 2017 and 2021,"),
        (
            "its resolutions 78/10,1 and the reports of 1990 2  and",
            "its resolutions 78/10, and the reports of 1990 and",
        ),
        ("the Treaty 1and the opinion, 2in which", "the Treaty and the opinion, in which"),
    ],
)
def test_it_reads_marks_glued_to_numbers_or_separated_by_spaces(written, clean):
    text = (
        HEADER + "The General Assembly,\n\n"
        f"Recalling {written} the Charter,\n\n"
        "1. Decides to remain seized of the matter.\n"
        "_____________\n"
        "1 Resolution 2200 A (XXI), annex.\n\n"
        "2 Resolution 70/1.\n"
    )
    result = parse_resolution(text)
    assert result.preambular[0].text == f"Recalling {clean} the Charter,"
    assert where(result) == [("1", "preambular", 1, None), ("2", "preambular", 1, None)]


def test_it_puts_back_a_mark_wrapped_to_the_start_of_the_next_line():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling the Rome Statute of the International Criminal Court\n"
        "1 reaffirms the purposes of the Charter,\n\n"
        "1. Decides to remain seized of the matter.\n"
        "_____________\n"
        "1 United Nations, Treaty Series, vol. 2187, No. 38544.\n"
    )
    result = parse_resolution(text)
    assert result.preambular[0].text == (
        "Recalling the Rome Statute of the International Criminal Court reaffirms the "
        "purposes of the Charter,"
    )
    assert where(result) == [("1", "preambular", 1, None)]


def test_a_spaced_number_is_a_mark_only_as_the_next_footnote():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling the Covenant 2 and the Convention,1\n\n"
        "1. Decides to remain seized of the matter.\n"
        "_____________\n"
        "1 Resolution 2200 A (XXI), annex.\n"
    )
    result = parse_resolution(text)
    assert result.preambular[0].text == "Recalling the Covenant 2 and the Convention,"
    assert where(result) == [("1", "preambular", 1, None)]


# --- annexes ------------------------------------------------------------------------------

ANNEXED = (
    HEADER + "The General Assembly\n\n"
    "Adopts the Declaration on migratory birds, as contained in the annex to the present\n"
    "resolution.\n\n"
    "52nd plenary meeting\n1 December 2025\n\n"
    "Annex\n\n"
    "Protection of migratory birds along\ntheir flyways\n\n"
    "1.\nWe, Heads of State and Government, recommit to the Convention on Migratory\n"
    "Species 1 and to its instruments.\n"
    "2.\nWe acknowledge the loss of habitats along the flyways of the\n"
    "_____________\n\n"
    "1 United Nations, Treaty Series, vol. 1651, No. 28395.\n"
    + odd_page(2)
    + "continents, and commit to:\n\n"
    "(a)\nProtect wetlands;\n\n"
    "(b)\nRestore grasslands.2\n"
    "3.\nWe decide to review our progress in 2030.\n"
    "_____________\n\n"
    "2 See A/80/100, annex.\n"
)


def test_it_keeps_an_annex_with_its_numbered_paragraphs_after_one_unnumbered_paragraph():
    result = parse_resolution(ANNEXED)
    assert [(p.number, p.text) for p in result.operative] == [
        (
            1,
            "Adopts the Declaration on migratory birds, as contained in the annex to the "
            "present resolution.",
        )
    ]
    assert result.preambular == []
    assert result.meeting == 52
    [annex] = result.annexes
    assert (annex.number, annex.heading, annex.title) == (1, "Annex", TITLE)
    assert [p.number for p in annex.paragraphs] == [1, 2, 3]
    assert annex.paragraphs[0].text == (
        "We, Heads of State and Government, recommit to the Convention on Migratory Species "
        "and to its instruments."
    )
    assert annex.paragraphs[1].text == (
        "We acknowledge the loss of habitats along the flyways of the continents, and commit "
        "to: (a) Protect wetlands; (b) Restore grasslands."
    )
    assert [s.label for s in annex.paragraphs[1].subparagraphs] == ["a", "b"]
    assert result.warnings == []


def test_it_attaches_the_footnotes_of_an_annex_to_its_paragraphs():
    result = parse_resolution(ANNEXED)
    assert where(result) == [("1", "annex", 1, 1), ("2", "annex", 2, 1)]
    data = result.to_dict()
    assert data["footnotes"][0] == {
        "mark": "1",
        "paragraph": 1,
        "text": "United Nations, Treaty Series, vol. 1651, No. 28395.",
        "part": "annex",
        "annex": 1,
    }
    assert data["annexes"][0]["paragraphs"][2] == {
        "number": 3,
        "text": "We decide to review our progress in 2030.",
    }
    assert "A/80/100" in result.references


def test_it_reads_the_same_annexed_resolution_reflowed():
    reflowed = (
        HEADER.replace("along\ntheir", "along their") + "The General Assembly\n\n"
        "Adopts the Declaration on migratory birds, as contained in the annex to the present "
        "resolution.\n\n"
        "52nd plenary meeting 1 December 2025\n\n"
        "Annex Protection of migratory birds along their flyways\n\n"
        "1. We, Heads of State and Government, recommit to the Convention on Migratory "
        "Species 1 and to its instruments. 2. We acknowledge the loss of habitats along the "
        "flyways of the\n\n"
        "continents, and commit to:\n\n"
        "(a) Protect wetlands;\n\n"
        "(b) Restore grasslands.2\n"
        "3. We decide to review our progress in 2030.\n\n"
        "---\n\n"
        "[^1]: United Nations, Treaty Series, vol. 1651, No.\n"
        "    28395.\n\n"
        "[^2]: See A/80/100, annex.\n"
    )
    raw = parse_resolution(ANNEXED)
    result = parse_resolution(reflowed)
    assert result.to_dict()["annexes"][0]["paragraphs"] == raw.to_dict()["annexes"][0]["paragraphs"]
    assert result.annexes[0].title == TITLE
    assert where(result) == where(raw)
    assert [f.text for f in result.footnotes] == [f.text for f in raw.footnotes]
    assert texts_of(result.operative) == texts_of(raw.operative)


def test_an_annex_numbering_its_paragraphs_does_not_make_them_operative():
    text = (
        "Resolution ICC-ASP/24/Res.9\n\n"
        "The Assembly of States Parties,\n\n"
        "Decides to adopt the terms of reference contained in the annex to the present "
        "resolution.\n\n"
        "Annex\n\nTerms of reference\n\n"
        + "".join(f"{n}. The working group shall meet on occasion {n}.\n\n" for n in range(1, 45))
    )
    result = parse_resolution(text)
    assert [p.number for p in result.operative] == [1]
    assert [p.number for p in result.annexes[0].paragraphs] == list(range(1, 45))


# --- reflowed text ------------------------------------------------------------------------


def test_it_reads_footnote_lines_standing_between_reflowed_paragraphs():
    text = (
        HEADER.replace("along\ntheir", "along their") + "The General Assembly,\n"
        "Recalling the Treaty for the Prohibition of Nuclear Weapons in Latin America 1 and "
        "its protocols,\n"
        "1 United Nations, Treaty Series, vol. 634, No. 9068.\n"
        "Noting the declarations made by States,2\n"
        "2 See A/68/914, annex.\n"
        "1. Calls upon States to respect the Treaty;\n"
        "2. Decides to remain seized of the matter.\n"
    )
    result = parse_resolution(text)
    assert texts_of(result.preambular) == [
        "Recalling the Treaty for the Prohibition of Nuclear Weapons in Latin America and its "
        "protocols,",
        "Noting the declarations made by States,",
    ]
    assert where(result) == [("1", "preambular", 1, None), ("2", "preambular", 2, None)]
    assert result.footnotes[0].text == "United Nations, Treaty Series, vol. 634, No. 9068."
    assert result.warnings == []


def test_it_reads_markdown_footnotes_and_mends_their_broken_definitions():
    text = (
        HEADER + "The General Assembly,\n\n"
        "Recalling the Conference on Population[^1] and the Committee on Disarmament,[^2]\n\n"
        "Welcoming the work of the P[^5] group of States,\n\n"
        "1. Decides to remain seized of the matter.\n\n"
        "---\n\n"
        "[^1]: Report of the Conference, Cairo, 5–13 September\n"
        "[^1994]: (United Nations publication), chap. I.\n\n"
        "[^2]: The Committee was renamed the Conference on Disarmament as from\n"
        "[^7]: February 1984.\n"
    )
    result = parse_resolution(text)
    assert [(f.mark, f.text) for f in result.footnotes] == [
        (
            "1",
            "Report of the Conference, Cairo, 5–13 September 1994 (United Nations "
            "publication), chap. I.",
        ),
        ("2", "The Committee was renamed the Conference on Disarmament as from 7 February 1984."),
    ]
    assert where(result) == [("1", "preambular", 1, None), ("2", "preambular", 1, None)]
    assert result.preambular[1].text == "Welcoming the work of the P5 group of States,"
    assert result.warnings == []


def test_it_splits_numbered_paragraphs_that_reflowing_glued_together():
    text = (
        "Resolution ICC-ASP/24/Res.9\n\nThe Assembly of States Parties,\n\n"
        "1. Welcomes the report of the Bureau.1 2. Requests the Bureau to report in 2026. "
        "3. Decides to meet again.\n"
        "1 ICC-ASP/24/10.\n"
    )
    result = parse_resolution(text)
    assert texts_of(result.operative) == [
        "Welcomes the report of the Bureau.",
        "Requests the Bureau to report in 2026.",
        "Decides to meet again.",
    ]
    assert where(result) == [("1", "operative", 1, None)]


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        (
            "a long- lasting peace and system- wide action",
            "a long-lasting peace and system-wide action",
        ),
        ("gender- and age-sensitive measures", "gender- and age-sensitive measures"),
    ],
)
def test_it_joins_words_that_reflowing_left_split_after_their_hyphen(written, clean):
    text = (
        "Resolution ICC-ASP/24/Res.9\n\nThe Assembly of States Parties,\n\n"
        f"1. Calls for {written}.\n"
    )
    assert parse_resolution(text).operative[0].text == f"Calls for {clean}."


# --- the header and numbering -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "committee", "symbol", "paragraph"),
    [
        (
            "[on the report of the Fifth Committee (A/80/401, para. 6)]",
            "Fifth Committee",
            "A/80/401",
            6,
        ),
        (
            "[on the report of the First Committee\n(A/80/534, para. 7)]",
            "First Committee",
            "A/80/534",
            7,
        ),
        (
            "[sur la base du rapport de la Cinquième Commission (A/80/401, par. 6)]",
            "Cinquième Commission",
            "A/80/401",
            6,
        ),
    ],
)
def test_it_reads_the_report_a_resolution_was_adopted_on(line, committee, symbol, paragraph):
    text = HEADER.replace("[without reference to a Main Committee (A/80/L.40)]", line) + (
        "The General Assembly,\n\nRecalling its resolution 79/250,\n\n"
        "1. Approves the budget for 2026 (A/80/6).\n"
    )
    result = parse_resolution(text)
    assert result.report == {"committee": committee, "symbol": symbol, "paragraph": paragraph}
    assert result.to_dict()["report"] == result.report
    assert result.references == [symbol, "A/80/6"]


def test_a_resolution_adopted_without_a_main_committee_has_no_report():
    result = parse_resolution(HEADER + "The General Assembly,\n\n1. Decides to act.\n")
    assert result.report is None
    assert "report" not in result.to_dict()
    assert result.references == []


def test_it_reads_paragraph_numbers_of_four_digits_that_follow_on():
    text = "Resolution ICC-ASP/24/Res.9\n\nThe Assembly of States Parties,\n\n" + "".join(
        f"{n}. Decides item {n}.\n\n" for n in range(1, 1003)
    )
    result = parse_resolution(text)
    assert [p.number for p in result.operative] == list(range(1, 1003))
    assert result.operative[-1].text == "Decides item 1002."
    assert result.warnings == []


def test_it_says_so_when_a_four_digit_number_does_not_follow_on():
    text = (
        "Resolution ICC-ASP/24/Res.9\n\nThe Assembly of States Parties,\n\n"
        "1. Decides to act.\n\n2. Decides to meet.\n\n1000. Decides to end.\n"
    )
    result = parse_resolution(text)
    assert [p.number for p in result.operative] == [1, 2]
    assert result.operative[1].text == "Decides to meet. 1000. Decides to end."
    assert result.warnings == [
        "Line 9 starts like paragraph 1000 but does not follow paragraph 2; it was read as "
        "text of the paragraph before it."
    ]


def test_a_year_opening_a_wrapped_line_is_not_a_paragraph_number():
    text = (
        "Resolution ICC-ASP/24/Res.9\n\nThe Assembly of States Parties,\n\n"
        "1. Decides to review the strategy in\n2030. The review shall be public.\n"
    )
    result = parse_resolution(text)
    assert texts_of(result.operative) == [
        "Decides to review the strategy in 2030. The review shall be public."
    ]
    assert result.warnings == []
