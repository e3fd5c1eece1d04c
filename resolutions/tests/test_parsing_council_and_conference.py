"""Security Council and Review Conference resolutions, as published and reflowed.

The texts in texts/ are our own wording in the layout of each: a Security Council
resolution as its PDF's text layer gives it (symbol with its year, "Distr.: General" and
the date of issue, job number, "Resolution 1593 (2005)", the adoption by the Council at a
numbered meeting, "Acting under Chapter VII …" closing the preamble) and a Review
Conference resolution from its Official Records (annexes of amendments that insert whole
articles, each numbering its own paragraphs from 1).
"""

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.parsing import ParsedResolution, parse_resolution

TEXTS = Path(__file__).resolve().parent / "texts"
COUNCIL = ["en_sc_referral.txt", "fr_sc_referral.txt"]
# Reflowed as the Council's web pages give it: masthead on one line, one paragraph a line.
DEFERRAL = ["en_sc_deferral.txt", "fr_sc_deferral.txt"]
CONFERENCE = ["en_rc_amendments.txt", "fr_rc_amendments.txt"]
ELEMENTS = ["en_rc_war_crimes.txt", "fr_rc_war_crimes.txt"]
ALL = COUNCIL + DEFERRAL + CONFERENCE + ELEMENTS


def read_text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def paragraphs_of(result: ParsedResolution) -> dict:
    return {
        "preambular": [p.text for p in result.preambular],
        "operative": [(p.number, p.text) for p in result.operative],
        "annexes": [
            (a.heading, a.title, [(p.number, p.text) for p in a.paragraphs]) for a in result.annexes
        ],
    }


# --- Security Council -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "acting", "last"),
    [
        (
            "en_sc_referral.txt",
            "Security Council",
            "Acting under Chapter VII of the Charter of the United Nations,",
            "Decides to remain seized of the matter.",
        ),
        (
            "fr_sc_referral.txt",
            "Conseil de sécurité",
            "Agissant en vertu du Chapitre VII de la Charte des Nations Unies,",
            "Décide de demeurer saisi de la question.",
        ),
    ],
)
def test_it_reads_a_security_council_resolution_as_published(name, body, acting, last):
    result = parse_resolution(read_text(name))
    assert result.symbol == "S/RES/1593 (2005)"
    assert result.body_prefix == "S/RES"
    assert result.body == body
    assert result.language == name[:2]
    assert str(result.adopted_on) == "2005-03-31"
    assert result.meeting == 5158
    assert result.session is None
    # The Council's resolutions have no title: "Distr.: General", the date of issue and the
    # job number under the symbol are not one.
    assert result.title == ""
    assert len(result.preambular) == 5
    assert result.preambular[-1].text == acting
    assert [p.number for p in result.operative] == [1, 2, 3, 4, 5, 6, 7]
    assert result.operative[-1].text == last
    # The symbol heading each page is page furniture, even inside a paragraph.
    assert all("S/RES/1593" not in p.text for p in result.operative)
    assert result.operative[1].text.endswith(("pursuant to this resolution;", "résolution ;"))
    assert result.references == ["S/2005/60"]
    assert result.adoption_method is None  # the Council's resolutions do not say how
    assert result.warnings == []


@pytest.mark.parametrize(
    ("name", "acting"),
    [("en_sc_deferral.txt", "Acting under"), ("fr_sc_deferral.txt", "Agissant en")],
)
def test_it_reads_a_reflowed_security_council_deferral(name, acting):
    result = parse_resolution(read_text(name))
    assert (result.symbol, result.title, result.body_prefix) == ("S/RES/1422 (2002)", "", "S/RES")
    assert (str(result.adopted_on), result.meeting) == ("2002-07-12", 4572)
    assert len(result.preambular) == 6
    assert result.preambular[-1].text.startswith(acting)
    assert [p.number for p in result.operative] == [1, 2, 3, 4]
    assert result.warnings == []


@pytest.mark.parametrize("name", COUNCIL)
def test_it_writes_the_council_s_symbol_from_the_heading_when_the_masthead_is_missing(name):
    text = read_text(name)
    heading = re.search(r"(?m)^R[ée]solution 1593", text).start()
    result = parse_resolution(text[heading:])
    assert result.symbol == "S/RES/1593 (2005)"
    assert (str(result.adopted_on), result.meeting, result.title) == ("2005-03-31", 5158, "")


def test_it_stops_at_the_next_council_resolution_copied_after_the_first():
    text = read_text("en_sc_referral.txt") + (
        "\nResolution 1594 (2005)\n\nAdopted by the Security Council at its 5159th meeting, on"
        "\n31 March 2005\n\nThe Security Council,\n\n1. Decides to remain seized of the matter.\n"
    )
    result = parse_resolution(text)
    assert [p.number for p in result.operative] == [1, 2, 3, 4, 5, 6, 7]
    assert result.operative[-1].text == "Decides to remain seized of the matter."
    assert result.warnings == [
        "The text from line 64 (“Resolution 1594 (2005)”) follows the end of the resolution "
        "and was ignored."
    ]


def test_a_numbered_heading_without_the_council_gives_no_symbol():
    text = "Resolution 12 (2010)\n\nThe Review Conference,\n\n1. Decides to meet again.\n"
    assert parse_resolution(text).symbol is None


def stays_alone(line: str) -> bool:
    """Headings and page furniture ("Article 8 bis", "Page 20") keep their own line."""
    return len(line) < 25 and not line.rstrip().endswith((".", ",", ";", ":"))


def reflowed(text: str) -> str:
    """One paragraph a line, as text copied from a web page: the lines of each block joined."""
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        joined: list[str] = []
        for line in block.split("\n"):
            if stays_alone(line) or not joined or stays_alone(joined[-1]):
                joined.append(line.strip())
            else:
                joined[-1] += " " + line.strip()
        lines.append("\n".join(joined))
    return "\n\n".join(lines)


@pytest.mark.parametrize("name", ALL)
def test_a_reflowed_resolution_reads_as_the_published_one(name):
    published = parse_resolution(read_text(name))
    result = parse_resolution(reflowed(read_text(name)))
    assert paragraphs_of(result) == paragraphs_of(published)
    assert (result.symbol, result.body, result.adopted_on, result.meeting) == (
        published.symbol,
        published.body,
        published.adopted_on,
        published.meeting,
    )
    assert result.adoption_method == published.adoption_method
    assert result.warnings == []


BODY_INTRO_RE = re.compile(r"(?m)^(?=(?:The|Le|La) (?:Security Council|Conseil|Review|Conf))")


def rewrapped(text: str, width: int) -> str:
    """The body's paragraphs wrapped again at another width; the header is left as it is."""
    head, body = BODY_INTRO_RE.split(text, maxsplit=1)
    blocks = re.split(r"\n\s*\n", body.strip())
    wrapped = []
    for block in blocks:
        lines = block.split("\n")
        if any(stays_alone(line) for line in lines):
            wrapped.append(block)
            continue
        joined = " ".join(line.strip() for line in lines)
        wrapped.append("\n".join(textwrap.wrap(joined, width, break_on_hyphens=False)))
    return head + "\n\n".join(wrapped) + "\n"


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(ALL), width=st.integers(35, 110))
def test_lines_wrapped_at_any_width_give_the_same_paragraphs(name, width):
    expected = paragraphs_of(parse_resolution(read_text(name)))
    result = parse_resolution(rewrapped(read_text(name), width))
    assert paragraphs_of(result) == expected
    assert result.warnings == []


@pytest.mark.parametrize(
    ("adoption", "votes"),
    [
        (
            "Adopted by the Security Council at its 5158th meeting, on 31 March 2005, by 11 "
            "votes\nto none, with 4 abstentions",
            (11, 0, 4),
        ),
        (
            "Adoptée par le Conseil de sécurité à sa 5158e séance, le 31 mars 2005, par 11 voix"
            "\ncontre zéro, avec 4 abstentions",
            (11, 0, 4),
        ),
        (
            "Adopted by the Security Council at its 5158th meeting, on 31 March 2005, by 14 "
            "votes to none, with one abstention",
            (14, 0, 1),
        ),
        (
            "Adoptée par le Conseil de sécurité à sa 5158e séance, le 31 mars 2005, par 13 voix "
            "pour, une contre et une abstention",
            (13, 1, 1),
        ),
    ],
)
def test_it_reads_the_votes_when_the_council_states_them(adoption, votes):
    text = read_text("en_sc_referral.txt").replace(
        "Adopted by the Security Council at its 5158th meeting, on\n31 March 2005", adoption
    )
    result = parse_resolution(text)
    assert result.adoption_method == "vote"
    assert result.votes == dict(zip(["in_favour", "against", "abstentions"], votes, strict=True))
    assert (str(result.adopted_on), result.meeting) == ("2005-03-31", 5158)


# --- Review Conference ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "annexes"),
    [
        (
            "en_rc_amendments.txt",
            "Review Conference",
            [
                ("Annex I", "Amendments to the Rome Statute on the crime of aggression", [1, 2]),
                ("Annex I", "Article 8 bis Crime of aggression", [1, 2]),
                ("Annex I", "", [3]),
                (
                    "Annex I",
                    "Article 15 bis Exercise of jurisdiction over the crime of aggression",
                    [1, 2],
                ),
                ("Annex II", "Amendments to the Elements of Crimes", [1, 2]),
            ],
        ),
        (
            "fr_rc_amendments.txt",
            "Conférence de révision",
            [
                ("Annexe I", "Amendements au Statut de Rome relatifs au crime d’agression", [1, 2]),
                ("Annexe I", "Article 8 bis Crime d’agression", [1, 2]),
                ("Annexe I", "", [3]),
                (
                    "Annexe I",
                    "Article 15 bis Exercice de la compétence à l’égard du crime d’agression",
                    [1, 2],
                ),
                ("Annexe II", "Amendements aux Éléments des crimes", [1, 2]),
            ],
        ),
    ],
)
def test_it_reads_a_review_conference_resolution_and_its_annexes(name, body, annexes):
    result = parse_resolution(read_text(name))
    assert result.symbol == "RC/Res.6"
    assert result.body_prefix == "RC/Res"
    assert result.body == body
    assert (str(result.adopted_on), result.meeting) == ("2010-06-11", 13)
    assert result.adoption_method == "consensus"
    assert len(result.preambular) == 4
    assert [p.number for p in result.operative] == [1, 2, 3, 4]
    # An article an amendment inserts numbers its paragraphs from 1: it is a part of the
    # annex of its own, titled by the article, and the annex's own numbering resumes after
    # it ("3." inserts the next article). Each part numbers its paragraphs once, as the
    # import stores them.
    assert [
        (a.heading, a.title, [p.number for p in a.paragraphs]) for a in result.annexes
    ] == annexes
    assert result.warnings == []


@pytest.mark.parametrize("name", sorted(path.name for path in TEXTS.glob("*.txt")))
def test_no_part_of_an_annex_numbers_two_paragraphs_alike(name):
    for annex in parse_resolution(read_text(name)).annexes:
        numbers = [p.number for p in annex.paragraphs]
        assert len(numbers) == len(set(numbers)), (annex.heading, annex.title, numbers)


def test_an_inserted_article_s_heading_is_not_read_into_the_paragraph_before_it():
    result = parse_resolution(read_text("en_rc_amendments.txt"))
    inserting = result.annexes[0].paragraphs[1]
    assert inserting.text == "The following text is inserted after article 8 of the Statute:"
    assert result.annexes[1].text.startswith("Article 8 bis\nCrime of aggression\n\n1. For")
    assert result.annexes[1].paragraphs[1].subparagraphs[1].label == "b"


def test_a_line_reading_article_inside_a_sentence_stays_in_its_paragraph():
    text = read_text("en_rc_amendments.txt").replace(
        "4. Invites the Assembly of States Parties to review the amendments seven years\n"
        "after the Court begins to exercise its jurisdiction.",
        "4. Invites the Assembly of States Parties to review the amendments in\n"
        "Article 8 bis\nafter the Court begins to exercise its jurisdiction.",
    )
    result = parse_resolution(text)
    assert result.operative[3].text == (
        "Invites the Assembly of States Parties to review the amendments in Article 8 bis "
        "after the Court begins to exercise its jurisdiction."
    )


def test_a_wrapped_annex_title_ending_in_the_resolution_s_title_is_kept_whole():
    text = read_text("en_rc_amendments.txt").replace(
        "Amendments to the Rome Statute on the crime of aggression",
        "Amendments to the Rome Statute on\nthe crime of aggression",
    )
    result = parse_resolution(text)
    assert result.annexes[0].title == "Amendments to the Rome Statute on the crime of aggression"


@pytest.mark.parametrize(
    ("name", "ends"),
    [
        ("en_rc_war_crimes.txt", ("character.", "body.”", "suffering.")),
        ("fr_rc_war_crimes.txt", ("international.", "humain. »", "souffrances.")),
    ],
)
def test_the_elements_of_each_crime_are_paragraphs_of_their_annex(name, ends):
    result = parse_resolution(read_text(name))
    assert result.symbol == "RC/Res.5"
    assert (str(result.adopted_on), result.meeting, result.adoption_method) == (
        "2010-06-10",
        12,
        "consensus",
    )
    amendment, elements, first, second = result.annexes
    # The amendment quotes the sub-paragraphs it adds: text of the annex, not paragraphs.
    assert amendment.paragraphs == []
    assert amendment.text.endswith(ends[1])
    # Each crime's elements are a part of annex II, titled by the article and the crime;
    # the heading of the second does not end the paragraph before it.
    assert (elements.heading, elements.paragraphs) == (second.heading, [])
    assert first.title.startswith(("Article 8 (2) (e) (xiii) War crime", "Article 8 2) e) xiii)"))
    assert [p.number for p in first.paragraphs] == [p.number for p in second.paragraphs] == [1, 2]
    assert first.paragraphs[1].text.endswith(ends[0])
    assert second.paragraphs[1].text.endswith(ends[2])
    assert result.warnings == []
