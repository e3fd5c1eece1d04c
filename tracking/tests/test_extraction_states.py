"""Single States named as addressees ("Requests Kenya to ..."), from the States file."""

import pytest

from config.csvfiles import BOM
from tracking.extraction import extract_mandates
from tracking.extraction import states as states_module
from tracking.extraction.states import is_state_key, name_forms, read_state_aliases, state_aliases

ROWS = """iso3,name_en,name_fr,un_regional_group
KEN,Kenya,Kenya,african
MLI,Mali,Mali,african
BOL,Bolivia (Plurinational State of),Bolivie (État plurinational de),latin_american_caribbean
NLD,Netherlands (Kingdom of the),Pays-Bas (Royaume des),western_european_other
IRN,Iran (Islamic Republic of),Iran (République islamique d'),asia_pacific
COD,Democratic Republic of the Congo,République démocratique du Congo,african
COG,Congo,Congo,african
,Nowhere,Nulle part,
"""


@pytest.fixture
def states_csv(tmp_path):
    path = tmp_path / "states.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


@pytest.fixture
def states(states_csv):
    return state_aliases(states_csv)


def addressees(text, language, states):
    return [m.addressees for m in extract_mandates(text, language=language, states=states)]


def test_un_short_names_are_read_as_written_without_parenthesis_and_in_formal_order():
    assert name_forms("Bolivia (Plurinational State of)") == [
        "Bolivia (Plurinational State of)",
        "Bolivia",
        "Plurinational State of Bolivia",
    ]
    assert name_forms("Iran (République islamique d')") == [
        "Iran (République islamique d')",
        "Iran",
        "République islamique d'Iran",
    ]
    assert name_forms("Kenya") == ["Kenya"]
    assert name_forms("  ") == []


def test_the_file_gives_one_entry_per_state_with_an_iso_code(states_csv):
    read = read_state_aliases(states_csv)
    assert [entry.key for entry in read] == [
        "state:KEN", "state:MLI", "state:BOL", "state:NLD", "state:IRN", "state:COD", "state:COG",
    ]  # fmt: skip
    assert "Royaume des Pays-Bas" in read[3].aliases
    assert all(is_state_key(entry.key) for entry in read)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Requests Kenya to report on the measures taken;", ("state:KEN",)),
        ("en", "Invites the Government of Mali to cooperate with the Court;", ("state:MLI",)),
        ("en", "Calls upon the Islamic Republic of Iran and the Plurinational State of Bolivia "
               "to act;", ("state:IRN", "state:BOL")),
        ("en", "Urges the Democratic Republic of the Congo and the Congo to cooperate;",
         ("state:COD", "state:COG")),
        ("en", "Requests the Netherlands (Kingdom of the) to host the meeting;", ("state:NLD",)),
        ("fr", "Prie le Kenya de faire rapport ;", ("state:KEN",)),
        ("fr", "Invite le Gouvernement du Mali à coopérer avec la Cour ;", ("state:MLI",)),
        ("fr", "Demande aux Pays-Bas (Royaume des) et à la République islamique d’Iran de "
               "coopérer ;", ("state:NLD", "state:IRN")),
        ("fr", "Engage la Bolivie et le Royaume des Pays-Bas à coopérer ;",
         ("state:BOL", "state:NLD")),
        ("fr", "Prie les États et la République démocratique du Congo de coopérer ;",
         ("states", "state:COD")),
    ],
)  # fmt: skip
def test_a_state_named_as_addressee_is_that_state(language, text, expected, states):
    assert addressees(text, language, states) == [expected]


def test_states_in_general_stay_states(states):
    assert addressees("Requests all States to report;", "en", states) == [("states",)]
    assert addressees("Prie les États Membres de faire rapport ;", "fr", states) == [
        ("member_states",)
    ]


def test_without_the_file_no_state_is_recognised(tmp_path):
    assert state_aliases(tmp_path / "absent.csv") == ()
    assert addressees("Requests Kenya to report;", "en", ()) == []


def test_a_file_saved_with_a_byte_order_mark_reads_as_one_without(states_csv, tmp_path):
    # As Excel saves "CSV UTF-8": without care, the first column would be "\ufeffiso3"
    # and no State would be recognised.
    marked = tmp_path / "marked.csv"
    marked.write_text(BOM + ROWS, encoding="utf-8")
    assert read_state_aliases(marked) == read_state_aliases(states_csv)


def test_by_default_the_states_file_of_the_registry_is_read(states_csv, monkeypatch):
    monkeypatch.setattr(states_module, "STATES_CSV", states_csv)
    (mandate,) = extract_mandates("Requests Kenya to report;", language="en")
    assert mandate.addressees == ("state:KEN",)
    monkeypatch.setattr(states_module, "STATES_CSV", states_csv.parent / "absent.csv")
    assert extract_mandates("Requests Kenya to report;", language="en") == []
