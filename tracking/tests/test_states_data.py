"""The registry files of States (tracking/states/data/): what the product shows, checked
without a database. The figures are facts of the sources named in the files' README; update
them together with the files."""

import collections
import csv
import datetime
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "states" / "data"
GROUPS = {
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_other",
}
STATUSES = {"member", "observer", "none"}
# States that became parties by succession, for which the Statute entered into force on the
# day of their independence rather than on the first day of a month (Article 126).
SUCCESSIONS = {"MNE"}


def read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, strict=True)
        rows = list(reader)
        return reader.fieldnames, rows


@pytest.fixture(scope="module")
def states():
    fields, rows = read("states.csv")
    assert fields == [
        "iso3",
        "name_en",
        "name_fr",
        "un_regional_group",
        "un_status",
        "article_fr",
        "article_en",
    ]
    return rows


@pytest.fixture(scope="module")
def rome():
    fields, rows = read("rome_statute.csv")
    assert fields == ["iso3", "entry_into_force", "withdrawal_effective"]
    return rows


def parties_on(rome, day):
    return {
        row["iso3"]
        for row in rome
        if datetime.date.fromisoformat(row["entry_into_force"]) <= day
        and not (
            row["withdrawal_effective"]
            and datetime.date.fromisoformat(row["withdrawal_effective"]) <= day
        )
    }


@pytest.mark.parametrize("name", ["states.csv", "rome_statute.csv"])
def test_the_files_are_plain_utf8_with_no_stray_whitespace(name):
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in raw, "Unix line endings"
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    _, rows = read(name)
    for row in rows:
        assert None not in row, f"too many columns: {row}"
        for column, value in row.items():
            assert value is not None, f"missing column {column}: {row}"
            assert value == value.strip(), f"spaces around {value!r} in {row}"
            assert "  " not in value, f"double space in {value!r}"


def test_every_state_has_a_unique_iso_code_and_both_names(states):
    codes = [row["iso3"] for row in states]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(codes) == len(set(codes))
    for column in ("name_en", "name_fr"):
        names = [row[column] for row in states]
        assert all(names), f"empty {column}"
        assert len(names) == len(set(names)), f"duplicate {column}"
        # The UN writes a straight apostrophe in these names; one kind only keeps search simple.
        assert not any("\u2019" in name for name in names)


def test_groups_and_statuses_take_only_known_values(states):
    assert {row["un_regional_group"] for row in states} <= GROUPS | {""}
    assert {row["un_status"] for row in states} <= STATUSES


def test_it_lists_the_193_member_states_in_their_regional_groups(states):
    members = [row for row in states if row["un_status"] == "member"]
    assert len(members) == 193
    assert collections.Counter(row["un_regional_group"] for row in members) == {
        "african": 54,
        "asia_pacific": 54,
        "eastern_european": 23,
        "latin_american_caribbean": 33,
        "western_european_other": 28,
        "": 1,
    }
    by_code = {row["iso3"]: row for row in states}
    assert by_code["USA"]["un_regional_group"] == ""
    assert by_code["TUR"]["un_regional_group"] == "western_european_other"
    assert by_code["ISR"]["un_regional_group"] == "western_european_other"
    assert by_code["KIR"]["un_regional_group"] == "asia_pacific"


def test_it_lists_the_observer_states_and_the_cook_islands(states):
    by_code = {row["iso3"]: row for row in states}
    observers = {code for code, row in by_code.items() if row["un_status"] == "observer"}
    assert observers == {"VAT", "PSE"}
    assert {code for code, row in by_code.items() if row["un_status"] == "none"} == {"COK"}
    assert by_code["PSE"]["name_en"] == "State of Palestine"
    assert by_code["VAT"]["name_fr"] == "Saint-Siège"


def test_names_are_the_un_short_names(states):
    by_code = {row["iso3"]: row for row in states}
    assert (by_code["BOL"]["name_en"], by_code["BOL"]["name_fr"]) == (
        "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)",
    )
    assert (by_code["NLD"]["name_en"], by_code["NLD"]["name_fr"]) == (
        "Netherlands (Kingdom of the)",
        "Pays-Bas (Royaume des)",
    )
    assert by_code["TUR"]["name_en"] == by_code["TUR"]["name_fr"] == "Türkiye"
    assert by_code["CIV"]["name_en"] == by_code["CIV"]["name_fr"] == "Côte d'Ivoire"


def test_every_party_to_the_rome_statute_is_a_known_state_listed_once(states, rome):
    codes = [row["iso3"] for row in rome]
    assert len(codes) == len(set(codes))
    assert set(codes) <= {row["iso3"] for row in states}


def test_rome_statute_dates_follow_article_126_and_127(rome):
    in_force = datetime.date(2002, 7, 1)
    for row in rome:
        entry = datetime.date.fromisoformat(row["entry_into_force"])
        assert entry >= in_force, row
        if row["iso3"] not in SUCCESSIONS:
            assert entry.day == 1, f"entry into force on the first of a month: {row}"
        if row["withdrawal_effective"]:
            assert datetime.date.fromisoformat(row["withdrawal_effective"]) > entry, row


def test_it_counts_125_states_parties_on_1_january_2025(rome):
    parties = parties_on(rome, datetime.date(2025, 1, 1))
    assert len(parties) == 125
    assert "UKR" in parties
    assert "UKR" not in parties_on(rome, datetime.date(2024, 12, 31))
    # Historical counts published by the Court when each of these States joined.
    assert len(parties_on(rome, datetime.date(2020, 2, 1))) == 123  # Kiribati
    assert len(parties_on(rome, datetime.date(2024, 2, 1))) == 124  # Armenia


def test_withdrawals_take_effect_on_their_dates(rome):
    withdrawn = {row["iso3"]: row["withdrawal_effective"] for row in rome}
    assert {code: day for code, day in withdrawn.items() if day} == {
        "BDI": "2017-10-27",
        "PHL": "2019-03-17",
        "HUN": "2026-06-02",
    }
    assert "BDI" in parties_on(rome, datetime.date(2017, 10, 26))
    assert "BDI" not in parties_on(rome, datetime.date(2017, 10, 27))
    assert "HUN" in parties_on(rome, datetime.date(2026, 6, 1))
    assert "HUN" not in parties_on(rome, datetime.date(2026, 6, 2))
    assert len(parties_on(rome, datetime.date(2026, 6, 2))) == 124


def test_every_state_has_the_article_its_names_take_in_running_text(states):
    assert {row["article_fr"] for row in states} == {"le", "la", "l", "les", ""}
    assert {row["article_en"] for row in states} == {"the", ""}
    article = {row["iso3"]: (row["article_fr"], row["article_en"]) for row in states}
    assert article["FRA"] == ("la", "") and article["KEN"] == ("le", "")
    assert article["NLD"] == ("les", "the") and article["AFG"] == ("l", "")
    assert article["ISR"] == ("", "") and article["PHL"] == ("les", "the")
    # Elided before a vowel, never "le" or "la" before one.
    for row in states:
        if row["name_fr"][0] in "AEIOUÉÎ" and row["article_fr"] in ("le", "la"):
            pytest.fail(f"{row['iso3']}: “{row['article_fr']} {row['name_fr']}”")
