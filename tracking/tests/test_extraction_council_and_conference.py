"""Mandates suggested from Security Council and Review Conference resolutions.

The resolutions are our own texts in resolutions/tests/texts/, parsed as an import parses
them; the adopting body decides for itself ("Decides to remain seized of the matter").
"""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolutions.parsing import parse_resolution
from tracking.extraction import deciding_actor, extract_mandates

TEXTS = Path(__file__).resolve().parents[2] / "resolutions/tests/texts"
STATES_AND_ORGANIZATIONS = ("states", "regional_organizations", "international_organizations")


def suggestions(name: str) -> list[tuple[int, tuple[str, ...], str, object]]:
    parsed = parse_resolution((TEXTS / name).read_text(encoding="utf-8"))
    decider = deciding_actor(parsed.body)
    return [
        (paragraph.number, m.addressees, m.action, m.deadline)
        for paragraph in parsed.operative
        for m in extract_mandates(
            paragraph.text, language=parsed.language, session=parsed.session, decider=decider
        )
    ]


@pytest.mark.parametrize(
    ("name", "second"),
    [
        ("en_sc_referral.txt", ("state:SDN",)),
        # "le Gouvernement soudanais": the States registry knows the Sudan's name, not its
        # adjective, so the Council's decision stays the Council's.
        ("fr_sc_referral.txt", ("security_council",)),
    ],
)
def test_it_suggests_the_mandates_of_a_security_council_referral(name, second):
    assert suggestions(name) == [
        (1, ("security_council",), "decides", None),
        (2, second, "decides", None),
        (3, STATES_AND_ORGANIZATIONS, "urges", None),
        (4, ("court",), "invites", None),
        # "within three months of the adoption of this resolution" and "every six months
        # thereafter" are not deadlines Suivi computes: none is suggested.
        (5, ("secretary_general",), "requests", None),
        (6, ("office_of_the_prosecutor",), "invites", None),
        (7, ("security_council",), "decides", None),
    ]


@pytest.mark.parametrize("name", ["en_sc_deferral.txt", "fr_sc_deferral.txt"])
def test_an_article_16_deferral_asks_the_court_without_a_deadline(name):
    # "for a twelve-month period starting 1 July 2002" is how long the Court is to wait,
    # and "each 1 July" when the Council means to renew it: neither is a due date. The
    # intention expressed in paragraph 2 asks nothing of anyone.
    assert suggestions(name) == [
        (1, ("court",), "requests", None),
        (3, ("member_states",), "decides", None),
        (4, ("security_council",), "decides", None),
    ]


@pytest.mark.parametrize("name", ["en_rc_amendments.txt", "fr_rc_amendments.txt"])
def test_the_review_conference_s_decisions_fall_to_the_assembly_of_states_parties(name):
    # The registry has no Review Conference: the Assembly convenes it and follows up what
    # it decided, so "Decides to adopt the amendments" is the Assembly's.
    calls = "calls_upon" if name.startswith("en") else "requests"  # "Demande à"
    assert suggestions(name) == [
        (1, ("assembly",), "decides", None),
        (2, ("assembly",), "decides", None),
        (3, ("states_parties",), calls, None),
        (4, ("assembly",), "invites", None),
    ]


ADDRESSEES = {
    "the Secretary-General": ("secretary_general",),
    "the Prosecutor of the International Criminal Court": ("office_of_the_prosecutor",),
    "all States and concerned regional and other international organizations": (
        STATES_AND_ORGANIZATIONS
    ),
    "the Government of the Sudan": ("state:SDN",),
    "the Assembly of States Parties": ("assembly",),
}
VERBS = {"Urges": "urges", "Invites": "invites", "Requests": "requests", "Calls upon": "calls_upon"}
UNSUPPORTED_DEADLINES = [
    "",
    " within three months of the adoption of this resolution",
    " within 90 days of the date of adoption of this resolution",
    " within three months of the adoption of this resolution and every six months thereafter",
    " every six months thereafter",
    " on a regular basis",
]


@given(
    verb=st.sampled_from(sorted(VERBS)),
    addressee=st.sampled_from(sorted(ADDRESSEES)),
    deadline=st.sampled_from(UNSUPPORTED_DEADLINES),
)
def test_a_council_request_has_its_addressee_and_no_invented_deadline(verb, addressee, deadline):
    text = f"{verb} {addressee} to report to the Council on the matter{deadline};"
    (mandate,) = extract_mandates(text, language="en", decider="security_council")
    assert (mandate.addressees, mandate.action) == (ADDRESSEES[addressee], VERBS[verb])
    assert mandate.deadline is None


@pytest.mark.parametrize(
    "text",
    [
        "Prie le Secrétaire général de lui faire rapport dans les trois mois suivant "
        "l’adoption de la présente résolution ;",
        "Invite le Procureur à l’entretenir dans les trois mois suivant la date d’adoption de "
        "la présente résolution, puis tous les six mois ;",
    ],
)
def test_a_french_council_request_has_no_invented_deadline(text):
    (mandate,) = extract_mandates(text, language="fr", decider="security_council")
    assert mandate.deadline is None


def test_regional_and_other_international_organizations_are_both_addressed_in_french():
    text = (
        "Exhorte les organisations régionales et autres organisations internationales "
        "concernées à coopérer pleinement avec la Cour ;"
    )
    (mandate,) = extract_mandates(text, language="fr", decider="security_council")
    assert mandate.addressees == ("regional_organizations", "international_organizations")
