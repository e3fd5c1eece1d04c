"""Mandate extraction: the seed resolution's gold mandates, and behaviour one rule at a time."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracking.deadlines import Relation
from tracking.extraction import (
    ACTIONS,
    DEFAULT_ACTORS,
    ActorAliases,
    SuggestedMandate,
    default_aliases,
    extract_mandates,
)

SEED_GOLD = Path(__file__).resolve().parents[2] / "resolutions/corpus/ICC-ASP_11_Res.5.fr.gold.json"
GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
BY_NUMBER = {p["number"]: p for p in GOLD["operative"]}


def gold_dicts(text, language="fr", **options):
    return [m.to_gold_dict() for m in extract_mandates(text, language=language, **options)]


def suggested(text, language="en", **options):
    return [(m.addressees, m.action) for m in extract_mandates(text, language=language, **options)]


# --------------------------------------------------------------------------- the seed


@pytest.mark.parametrize("number", sorted(BY_NUMBER))
def test_it_reproduces_the_gold_mandates_of_each_seed_paragraph(number):
    paragraph = BY_NUMBER[number]
    assert gold_dicts(paragraph["text"]) == paragraph["mandates"]


def test_it_reads_the_seed_the_same_when_told_its_session():
    for paragraph in GOLD["operative"]:
        assert gold_dicts(paragraph["text"], session=GOLD["session"]) == paragraph["mandates"]


def test_the_recalled_request_of_the_seed_cites_the_earlier_resolution():
    (mandate,) = extract_mandates(BY_NUMBER[25]["text"], language="fr")
    assert mandate.recalls == "ICC-ASP/10/Res.2 §15"
    assert mandate.deliverable == "un rapport actualisé sur la coopération"
    assert mandate.deadline.text == "à sa douzième session"


def test_it_keeps_well_before_on_the_deadline_and_in_the_gold_dict_on_request():
    (mandate,) = extract_mandates(BY_NUMBER[5]["text"], language="fr")
    assert mandate.deadline.well_before is True
    assert mandate.deadline.text == "bien avant sa douzième session"
    assert mandate.to_gold_dict()["deadline"] == {"relation": "before", "session": 12}
    assert mandate.to_gold_dict(well_before=True)["deadline"] == {
        "relation": "before",
        "session": 12,
        "well_before": True,
    }
    assert mandate.deliverable == "un rapport à ce sujet à l’Assemblée"
    assert mandate.recalls is None


# --------------------------------------------------------------------------- clauses


def test_it_finds_two_mandates_in_one_paragraph():
    text = (
        "Encourages the Trust Fund for Victims to continue its fundraising activities, and "
        "invites States Parties and civil society to make voluntary contributions to it;"
    )
    assert suggested(text) == [
        (("trust_fund_for_victims",), "encourages"),
        (("states_parties", "civil_society"), "invites"),
    ]


def test_it_splits_at_a_verb_after_a_bare_comma():
    assert [m["action"] for m in gold_dicts(BY_NUMBER[19]["text"])] == ["encourages", "urges"]


def test_it_splits_at_a_semicolon_and_after_et_with_an_inserted_phrase():
    text = (
        "Rappelle que la Cour est complémentaire et, à cet égard, prie instamment les États "
        "Parties d’agir ;"
    )
    assert suggested(text, "fr") == [(("states_parties",), "urges")]


def test_a_participle_is_not_an_operative_verb():
    assert extract_mandates(BY_NUMBER[2]["text"], language="fr") == []
    text = "Prend note des travaux du Groupe de travail de La Haye, chargé d’examiner le budget ;"
    assert extract_mandates(text, language="fr") == []


def test_french_verb_forms_are_not_read_in_english_infinitive_phrases():
    text = "Requests the Bureau to consider the proposals and decide, invite or encourage action;"
    assert suggested(text) == [(("bureau",), "requests")]


def test_a_verb_with_its_own_subject_is_not_operative():
    text = "Se félicite de ce que la Cour invite les États à coopérer ;"
    assert extract_mandates(text, language="fr") == []


def test_the_noun_demande_is_not_a_request():
    text = "Souligne l’importance de répondre à toute demande d’assistance de la Cour ;"
    assert extract_mandates(text, language="fr") == []


def test_verbs_that_ask_nothing_give_nothing():
    for text in (
        "Welcomes the report of the Court and notes with appreciation the work of the Registry;",
        "Stresses that the Assembly will consider the matter at its seventeenth session;",
        "Appelle l’attention des États Parties sur l’importance de la coopération ;",
        "Rappelle que la Cour est complémentaire des juridictions pénales nationales ;",
    ):
        assert extract_mandates(text, language="fr" if "Cour" in text else "en") == []


def test_a_request_after_a_statement_in_the_same_paragraph_is_found():
    assert gold_dicts(BY_NUMBER[11]["text"]) == BY_NUMBER[11]["mandates"]


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("text", "language", "action"),
    [
        ("Prie le Bureau de faire rapport ;", "fr", "requests"),
        ("Prie instamment les États Parties d’agir ;", "fr", "urges"),
        ("Demande au Bureau de faire rapport ;", "fr", "requests"),
        ("Demande également à la Cour de faire rapport ;", "fr", "requests"),
        ("Exhorte les États à coopérer ;", "fr", "urges"),
        ("Engage les États à coopérer ;", "fr", "calls_upon"),
        ("Lance un appel aux États pour qu’ils coopèrent ;", "fr", "calls_upon"),
        ("Appelle les États à coopérer ;", "fr", "calls_upon"),
        ("Invite la Cour à poursuivre ;", "fr", "invites"),
        ("Encourage la Cour à poursuivre ;", "fr", "encourages"),
        ("Charge le Bureau d’examiner la question ;", "fr", "mandates"),
        ("Recommande que les États Parties envisagent de le faire ;", "fr", "recommends"),
        ("Autorise le Greffier à puiser dans le Fonds ;", "fr", "authorizes"),
        ("Requests the Bureau to report;", "en", "requests"),
        ("Also requests the Bureau to report;", "en", "requests"),
        ("Requests further the Bureau to report;", "en", "requests"),
        ("Strongly urges States to cooperate;", "en", "urges"),
        ("Calls upon States to cooperate;", "en", "calls_upon"),
        ("Calls on States to cooperate;", "en", "calls_upon"),
        ("Invites the Court to continue;", "en", "invites"),
        ("Encourages the Court to continue;", "en", "encourages"),
        ("Mandates the Bureau to review the matter;", "en", "mandates"),
        ("Entrusts the Bureau with the review;", "en", "mandates"),
        ("Recommends that Member States consider it;", "en", "recommends"),
        ("Authorizes the Registrar to draw on the Fund;", "en", "authorizes"),
        ("Further decides to keep the matter under review;", "en", "decides"),
    ],
)
def test_each_operative_verb_maps_to_its_action(text, language, action):
    (mandate,) = extract_mandates(text, language=language)
    assert mandate.action == action
    assert action in ACTIONS


def test_actions_have_strengths_from_1_to_5():
    assert ACTIONS["decides"] == 5
    assert ACTIONS["requests"] == ACTIONS["urges"] == 4
    assert ACTIONS["calls_upon"] == 3
    assert ACTIONS["encourages"] == ACTIONS["invites"] == ACTIONS["recommends"] == 2
    assert all(1 <= strength <= 5 for strength in ACTIONS.values())


# --------------------------------------------------------------------------- addressees


def test_decides_that_names_the_subject_of_the_that_clause():
    assert suggested("Decides that the Bureau shall appoint a focal point;") == [
        (("bureau",), "decides")
    ]
    assert suggested(
        "Décide, en outre, que le Groupe de travail de La Haye poursuivra ;", "fr"
    ) == [(("hague_working_group",), "decides")]


def test_a_bare_decides_is_addressed_to_the_assembly():
    assert suggested("Decides to extend the mandate of the Study Group on Governance;") == [
        (("assembly",), "decides")
    ]
    assert suggested("Décide de tenir sa treizième session à New York ;", "fr") == [
        (("assembly",), "decides")
    ]


def test_only_the_object_right_after_the_verb_is_addressed():
    assert gold_dicts(BY_NUMBER[23]["text"])[0]["addressees"] == ["bureau"]
    text = "Requests the Registry, in consultation with the Office of the Prosecutor, to report;"
    assert suggested(text) == [(("registry",), "requests")]


def test_a_relative_clause_after_the_addressees_adds_no_addressee():
    text = "Invite les États qui coopèrent avec la Cour à partager leur expérience ;"
    assert suggested(text, "fr") == [(("states",), "invites")]


def test_several_addressees_keep_their_text_order():
    text = "Urges all States Parties, the Court and relevant international organizations to act;"
    assert suggested(text) == [
        (("states_parties", "court", "international_organizations"), "urges")
    ]


def test_coordinated_organizations_name_two_actors():
    text = (
        "Appelle les États Parties, ainsi que les organisations internationales et régionales, "
        "à agir ;"
    )
    assert suggested(text, "fr") == [
        (("states_parties", "international_organizations", "regional_organizations"), "calls_upon")
    ]


def test_a_complement_of_an_actor_is_not_another_addressee():
    text = "Mandates The Hague Working Group of the Bureau to continue its discussions;"
    assert suggested(text) == [(("hague_working_group",), "mandates")]


def test_bureau_du_procureur_is_not_the_bureau():
    text = "Demande au Bureau du Procureur de poursuivre le dialogue ;"
    assert suggested(text, "fr") == [(("office_of_the_prosecutor",), "requests")]


def test_secretariat_of_the_assembly_is_one_actor():
    assert suggested("Invite la Cour et le Secrétariat de l’Assemblée à agir ;", "fr") == [
        (("court", "secretariat"), "invites")
    ]


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_aliases_match_with_curly_or_straight_apostrophes(apostrophe):
    text = f"Encourage l{apostrophe}Assemblée à poursuivre l{apostrophe}examen ;"
    assert suggested(text, "fr") == [(("assembly",), "encourages")]


def test_aliases_match_without_accents_or_in_capitals():
    assert suggested("Appelle les ETATS PARTIES a ratifier ;", "fr") == [
        (("states_parties",), "calls_upon")
    ]


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("all other States", "non_party_states"),
        ("States not Parties to the Rome Statute", "non_party_states"),
        ("non-States Parties", "non_party_states"),
        ("all States", "states"),
        ("the Secretary-General", "secretary_general"),
        ("the Security Council", "security_council"),
        ("the President of the Assembly", "president_of_assembly"),
        ("the Board of Directors of the Trust Fund for Victims", "trust_fund_for_victims"),
        ("the Committee on Budget and Finance", "committee_on_budget_and_finance"),
        ("the New York Working Group", "new_york_working_group"),
        ("the Presidency", "presidency"),
        ("the Chambers", "chambers"),
        ("the Registrar", "registry"),
        ("non-governmental organizations", "civil_society"),
    ],
)
def test_english_aliases_name_registry_actors(phrase, key):
    assert suggested(f"Invites {phrase} to act;") == [((key,), "invites")]


def test_a_pronoun_object_points_back_to_the_actor_named_before():
    text = (
        "Notes the report of the Secretary-General and requests him to keep the Assembly informed;"
    )
    assert suggested(text) == [(("secretary_general",), "requests")]


def test_a_short_reference_points_back_to_the_actor_named_before():
    text = (
        "Welcomes the work of the Independent Oversight Mechanism and requests the Mechanism "
        "to report;"
    )
    assert suggested(text) == [(("independent_oversight_mechanism",), "requests")]


def test_an_unknown_addressee_gives_no_mandate():
    assert extract_mandates("Demande la libération immédiate des agents ;", language="fr") == []


def test_it_uses_the_registry_it_is_given():
    actors = [ActorAliases("ombudsperson", ("Ombudsperson", "Médiateur"))]
    assert suggested("Requests the Ombudsperson to report;", actors=actors) == [
        (("ombudsperson",), "requests")
    ]
    assert suggested("Requests the Bureau to report;", actors=actors) == []


# --------------------------------------------------------------------------- recalls, urgency


def test_a_recalled_request_is_a_request_with_its_citation():
    text = (
        "Recalls its request to the Court to submit a report to the Assembly at its twelfth "
        "session, as set out in paragraph 15 of resolution ICC-ASP/10/Res.2;"
    )
    (mandate,) = extract_mandates(text, language="en")
    assert (mandate.addressees, mandate.action) == (("court",), "requests")
    assert mandate.recalls == "ICC-ASP/10/Res.2 §15"
    assert (mandate.deadline.relation, mandate.deadline.session) == (Relation.AT, 12)


def test_a_recalled_past_request_ignores_the_session_it_was_made_at():
    text = "Recalls that the Assembly, at its tenth session, requested the Bureau to report;"
    (mandate,) = gold_dicts(text, "en")
    assert mandate == {
        "addressees": ["bureau"],
        "action": "requests",
        "deadline": None,
        "urgent": False,
    }


def test_a_renewed_request_without_citation_recalls_nothing_specific():
    (mandate,) = extract_mandates(
        "Demande à nouveau aux États de ratifier le Statut ;", language="fr"
    )
    assert mandate.recalls == ""
    (fresh,) = extract_mandates("Demande aux États de ratifier le Statut ;", language="fr")
    assert fresh.recalls is None


def test_the_court_s_own_requests_are_not_recalled_requests():
    text = "Rappelle les demandes de la Cour en matière d’arrestation ;"
    assert extract_mandates(text, language="fr") == []


@pytest.mark.parametrize(
    "phrase",
    ["de toute urgence", "d’urgence", "sans délai", "dans les meilleurs délais",
     "as a matter of urgency", "without delay", "urgently"],
)  # fmt: skip
def test_urgency_words_mark_the_mandate_urgent(phrase):
    (mandate,) = extract_mandates(
        f"Calls upon States to ratify {phrase} the Agreement;", language="en"
    )
    assert mandate.urgent is True


def test_an_emergency_is_not_urgency():
    (mandate,) = extract_mandates(
        "Invite les États à financer les situations d’urgence ;", language="fr"
    )
    assert mandate.urgent is False


# --------------------------------------------------------------------------- values


def test_the_deliverable_is_the_report_when_there_is_one():
    text = "Requests the Court to submit a report to the Assembly at its twelfth session;"
    (mandate,) = extract_mandates(text, language="en")
    assert mandate.deliverable == "a report to the Assembly"


def test_the_deliverable_is_otherwise_the_request_shortened():
    (mandate,) = extract_mandates(BY_NUMBER[15]["text"], language="fr")
    assert mandate.deliverable.startswith("envisager la désignation d’un point focal national")
    assert len(mandate.deliverable) <= 201


def test_a_date_deadline_is_written_with_its_date():
    (mandate,) = gold_dicts("Requests the Registry to report by 30 June 2015;", "en")
    assert mandate["deadline"] == {"relation": "before", "session": None, "date": "2015-06-30"}


def test_suggested_mandate_keeps_the_clause_without_its_joints():
    first, second = extract_mandates(BY_NUMBER[19]["text"], language="fr")
    assert (
        first.clause == "encourage la Cour à poursuivre l’action qu’elle a entreprise à cet égard"
    )
    assert isinstance(second, SuggestedMandate)


# --------------------------------------------------------------------------- registry


REQUIRED_KEYS = {
    "states_parties", "non_party_states", "states", "bureau", "hague_working_group",
    "new_york_working_group", "court", "presidency", "chambers", "office_of_the_prosecutor",
    "registry", "assembly", "president_of_assembly", "secretariat", "secretary_general",
    "united_nations", "security_council", "international_organizations",
    "regional_organizations", "civil_society", "trust_fund_for_victims",
    "committee_on_budget_and_finance",
}  # fmt: skip


def test_the_default_registry_has_the_required_actors_with_valid_parents():
    keys = [actor["key"] for actor in DEFAULT_ACTORS]
    assert len(keys) == len(set(keys))
    assert set(keys) >= REQUIRED_KEYS
    for actor in DEFAULT_ACTORS:
        assert set(actor) == {"key", "name_en", "name_fr", "parent", "aliases"}
        assert actor["parent"] is None or actor["parent"] in keys
        assert actor["aliases"]
    parents = {actor["key"]: actor["parent"] for actor in DEFAULT_ACTORS}
    assert parents["office_of_the_prosecutor"] == parents["registry"] == "court"
    assert parents["hague_working_group"] == parents["new_york_working_group"] == "bureau"


def test_default_aliases_mirror_the_registry():
    aliases = default_aliases()
    assert [a.key for a in aliases] == [actor["key"] for actor in DEFAULT_ACTORS]
    assert all(isinstance(a.aliases, tuple) for a in aliases)


# --------------------------------------------------------------------------- robustness

_PIECES = [
    "Prie", "prie instamment", "Décide", "que", "de", "à", "la Cour", "le Bureau", "États",
    "Parties", "et", ",", ";", "Requests", "the Court", "to", "submit", "at its", "twelfth",
    "douzième", "session", "by", "31 March 2013", "Rappelle", "la demande", "adressée", "its",
    "request", "well before", "bien avant", "them", "it", "the Mechanism", "sans délai", "’",
    "'", "qui", "that", "Invites", "all other States", "non-States Parties", "Bureau du Procureur",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["en", "fr"]))
def test_any_sequence_of_resolution_words_gives_well_formed_mandates(pieces, language):
    keys = {actor["key"] for actor in DEFAULT_ACTORS}
    for mandate in extract_mandates(" ".join(pieces), language=language):
        assert mandate.action in ACTIONS
        assert mandate.addressees
        assert set(mandate.addressees) <= keys
        assert len(mandate.deliverable) <= 201


# --------------------------------------------------------------------------- speed-ups


def _fold_one_by_one(text):
    from tracking.deadlines import _fold_char

    return "".join(_fold_char(c) for c in text)


def _lower_one_by_one(text):
    from tracking.deadlines import _lower_char

    return "".join(_lower_char(c) for c in text)


@given(st.text(max_size=60))
def test_folding_the_whole_text_gives_what_folding_each_character_gives(text):
    from tracking.deadlines import fold, lower_aligned

    for sample in (text, "É`’" + text + "Σ"):
        assert fold(sample) == _fold_one_by_one(sample)
        assert lower_aligned(sample) == _lower_one_by_one(sample)
        assert len(fold(sample)) == len(sample)


def test_folding_handles_capitals_accents_quotes_and_characters_that_grow_in_lower_case():
    from tracking.deadlines import fold, lower_aligned

    text = "Prie l’État `İ` ẞ 12ᵉ – Décide"
    assert fold(text) == _fold_one_by_one(text) == "prie l'etat 'i' ß 12e - decide"
    assert lower_aligned(text) == _lower_one_by_one(text)


def test_the_actor_matcher_prefers_the_longest_name_at_a_position():
    from tracking.deadlines import fold
    from tracking.extraction.actors import matcher_for

    matcher = matcher_for(tuple(default_aliases()))
    text = fold("le Bureau du Procureur, le Bureau et les États non parties au Statut de Rome")
    assert [m.keys for m in matcher.find(text)] == [
        ("office_of_the_prosecutor",),
        ("bureau",),
        ("non_party_states",),
    ]
    assert matcher.find(fold("the Bureaucracy")) == []


# --------------------------------------------------------------------------- noun phrases


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Encourages further efforts by the United Nations, other international and regional "
            "organizations and States, as well as civil society, to promote the treaty;",
            ("united_nations", "international_organizations", "regional_organizations", "states",
             "civil_society"),
        ),
        ("en", "Encourages the widest possible participation of States in the meeting;",
         ("states",)),
        ("en", "Encourages cooperation among State organs, international organizations and "
               "civil society in support of the programme;",
         ("states", "international_organizations", "civil_society")),
        (
            "fr",
            "Encourage la poursuite des efforts de l’Organisation des Nations Unies, des autres "
            "organisations internationales et régionales et des États, ainsi que de la société "
            "civile, pour promouvoir le traité ;",
            ("united_nations", "international_organizations", "regional_organizations", "states",
             "civil_society"),
        ),
        ("fr", "Encourage la participation la plus large possible des États à la réunion ;",
         ("states",)),
        ("fr", "Encourage la coopération entre les organes de l’État, les organisations "
               "internationales et la société civile à l’appui du programme ;",
         ("states", "international_organizations", "civil_society")),
    ],
)  # fmt: skip
def test_it_finds_addressees_named_inside_a_noun_phrase(language, text, expected):
    assert suggested(text, language) == [(expected, "encourages")]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Encourages the Secretariat to increase cooperation among States;",
         [(("secretariat",), "encourages")]),
        ("fr", "Encourage le Secrétariat à renforcer la coopération entre les États ;",
         [(("secretariat",), "encourages")]),
        ("en", "Decides to strengthen cooperation among States;", [(("assembly",), "decides")]),
        ("fr", "Décide de renforcer la coopération entre les États ;",
         [(("assembly",), "decides")]),
        ("en", "Encourages the participation of women in the meeting;", []),
    ],
)  # fmt: skip
def test_an_activity_noun_after_a_named_addressee_or_an_infinitive_changes_nothing(
    language, text, expected
):
    assert suggested(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Calls upon all States, in particular those of the region, that are not yet "
               "parties to the Statute to accede to it;"),
        ("en", "Appeals to all Member States that have not yet taken the steps necessary to "
               "become party to the convention to do so;"),
        ("en", "Calls upon African States that have not yet done so to sign and ratify the "
               "treaty;"),
        ("fr", "Demande à tous les États qui ne sont pas encore parties au Statut d’y adhérer ;"),
        ("fr", "Demande aux États Membres qui n’ont pas encore ratifié la convention de le "
               "faire ;"),
        ("fr", "Engage les États africains qui ne l’ont pas encore fait à signer et ratifier le "
               "traité ;"),
    ],
)  # fmt: skip
def test_states_narrowed_to_those_not_parties_are_the_states_not_parties(language, text):
    ((addressees, _action),) = suggested(text, language)
    assert addressees == ("non_party_states",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Calls upon the States that have not yet done so to take the measures needed;"),
        ("en", "Urges those States that have not yet done so to ratify them;"),
        ("fr", "Engage les États qui ne l’ont pas encore fait à prendre les mesures voulues ;"),
    ],
)
def test_states_that_have_not_done_something_else_stay_states(language, text):
    ((addressees, _action),) = suggested(text, language)
    assert addressees == ("states",)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Calls upon African States to act;", ("states",)),
        ("en", "Invites interested Member States to contribute;", ("member_states",)),
        ("fr", "Encourage les États africains et les organisations régionales à coopérer ;",
         ("states", "regional_organizations")),
        ("en", "Urges those nuclear- weapon States that have not yet done so to adopt policies;",
         ("nuclear_weapon_states",)),
        ("en", "Invites the nuclear-weapon States and all other States to assist;",
         ("nuclear_weapon_states", "states")),
        ("fr", "Invite les États dotés d’armes nucléaires et tous les autres États à aider ;",
         ("nuclear_weapon_states", "states")),
        ("en", "Invites States Parties and all other States to cooperate;",
         ("states_parties", "non_party_states")),
        ("fr", "Invite les États Parties et les autres États à coopérer ;",
         ("states_parties", "non_party_states")),
    ],
)  # fmt: skip
def test_qualified_and_other_states(language, text, expected):
    ((addressees, _action),) = suggested(text, language)
    assert addressees == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Thanks the nuclear-weapon States that signed the protocols, and calls upon "
               "those that have not yet ratified them to do so;"),
        ("fr", "Remercie les États dotés d’armes nucléaires qui ont signé les protocoles et "
               "engage ceux qui ne l’ont pas encore fait à les ratifier ;"),
    ],
)  # fmt: skip
def test_those_that_refers_to_the_actors_named_before(language, text):
    assert suggested(text, language) == [(("nuclear_weapon_states",), "calls_upon")]


def test_an_adverb_inside_calls_upon_keeps_the_request_and_marks_a_renewal():
    text = "Calls once again upon all States to engage in negotiations;"
    (mandate,) = extract_mandates(text, language="en")
    assert (mandate.addressees, mandate.action) == (("states",), "calls_upon")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Recommends the guidelines to all Member States for implementation;"),
        ("fr", "Recommande les directives à tous les États Membres pour application ;"),
    ],
)
def test_recommending_something_to_someone_addresses_them(language, text):
    assert suggested(text, language) == [(("member_states",), "recommends")]


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("General Assembly", "general_assembly"),
        ("Assemblée générale", "general_assembly"),
        ("Assembly of States Parties", "assembly"),
        ("", "assembly"),
        ("Some Council", "assembly"),
    ],
)
def test_the_adopting_body_decides_for_itself(body, key):
    from tracking.extraction import deciding_actor

    decider = deciding_actor(body)
    assert decider == key
    assert suggested("Decides to remain seized of the matter;", decider=decider) == [
        ((key,), "decides")
    ]


def test_a_hyphen_cut_at_a_line_end_does_not_hide_the_session():
    from tracking.deadlines import find_deadline

    english = find_deadline("to report to it at its eighty- first session;", current_session=80)
    french = find_deadline("de lui faire rapport à sa quatre-vingt- unième session ;")
    assert (english.relation, english.session) == ("at", 81)
    assert (french.relation, french.session) == ("at", 81)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Calls upon all States that have not yet done so to sign, ratify, accept, approve "
               "or accede to the treaty;"),
        ("fr", "Engage tous les États qui ne l’ont pas encore fait à signer, ratifier, accepter ou "
               "approuver le traité ou à y adhérer ;"),
    ],
)  # fmt: skip
def test_a_list_of_joining_verbs_still_means_states_not_parties(language, text):
    ((addressees, _action),) = suggested(text, language)
    assert addressees == ("non_party_states",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Congratulates the States Parties and the signatories to the treaties, as well as "
               "Mongolia, for their efforts, and calls upon them to explore further cooperation;"),
        ("fr", "Félicite les États Parties et les signataires des traités, ainsi que la Mongolie, "
               "de leurs efforts, et les engage à explorer de nouvelles formes de coopération ;"),
    ],
)  # fmt: skip
def test_a_pronoun_points_back_to_whom_the_previous_clause_spoke_of(language, text):
    mongolia = ActorAliases("state:MNG", ("Mongolia", "Mongolie"))
    found = extract_mandates(text, language=language, states=(mongolia,))
    assert [(m.addressees, m.action) for m in found] == [(("states_parties",), "calls_upon")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rend hommage au Fonds au profit des victimes et l’encourage à poursuivre ses "
         "activités ;", [(("trust_fund_for_victims",), "encourages")]),
        ("Remercie le Secrétaire général et le prie de poursuivre ses efforts ;",
         [(("secretary_general",), "requests")]),
        ("Félicite les États Parties et leur demande de coopérer ;",
         [(("states_parties",), "requests")]),
        ("Rappelle la demande adressée à la Cour, et la charge de travail du Greffe ;",
         [(("court",), "requests")]),
    ],
)  # fmt: skip
def test_a_french_object_pronoun_before_the_verb_addresses_those_named_before(text, expected):
    assert suggested(text, "fr") == expected
