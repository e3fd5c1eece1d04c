"""The registry of States: loading it, the admin, linking delegations."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tracking.models import Actor
from tracking.states.models import DelegationLink, GroupMembership, State
from tracking.states.services import LoadRefused, states_load
from tracking.tests.conftest import ROME_STATUTE_CSV, STATES_CSV

pytestmark = pytest.mark.django_db


def test_it_loads_the_states_and_the_parties_with_their_dates(states):
    assert len(states) == 9
    bolivia = states["BOL"]
    assert bolivia.name_fr == "Bolivie (État plurinational de)"
    assert bolivia.un_regional_group == "latin_american_caribbean"
    assert states["COK"].un_regional_group == "" and states["COK"].un_status == "none"
    burundi = GroupMembership.objects.get(state__iso3="BDI", group__key="states_parties")
    assert burundi.start == datetime.date(2004, 12, 1)
    assert burundi.end == datetime.date(2017, 10, 27)
    assert not GroupMembership.objects.filter(state__iso3="USA").exists()


def test_loading_twice_changes_nothing(states):
    result = states_load(states_csv=STATES_CSV, rome_statute_csv=ROME_STATUTE_CSV)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 9)
    assert (result.memberships_created, result.memberships_updated) == (0, 0)
    assert result.changes == [] and result.kept == []
    assert GroupMembership.objects.count() == 7


def test_it_says_what_it_changed_and_keeps_what_the_files_no_longer_list(states):
    State.objects.filter(iso3="DEU").update(name_fr="Allemagne (corrigé)")
    State.objects.create(iso3="ZZZ", name_en="Added by staff", name_fr="Ajouté")
    edited_rome = ROME_STATUTE_CSV.replace("KEN,2005-06-01,", "KEN,2005-06-01,2030-01-01")
    edited_rome = edited_rome.replace("COK,2008-10-01,\n", "")

    out = StringIO()
    result = states_load(states_csv=STATES_CSV, rome_statute_csv=edited_rome)
    out.write("\n".join(result.changes + result.kept))

    assert State.objects.get(iso3="DEU").name_fr == "Allemagne"
    assert "DEU name_fr: “Allemagne (corrigé)” → “Allemagne”" in result.changes
    assert any("KEN states_parties 2005-06-01" in line for line in result.changes)
    assert State.objects.filter(iso3="ZZZ").exists()
    assert any("ZZZ" in line for line in result.kept)
    assert GroupMembership.objects.filter(state__iso3="COK").exists()
    assert any("COK" in line for line in result.kept)


@pytest.mark.parametrize(
    "states_csv, rome_csv, expected",
    [
        ("", None, "states.csv is empty"),
        ("iso3,name_en\nFRA,France\n", None, "lacks the columns: name_fr"),
        (STATES_CSV + "FR,France,France,,member\n", None, "not an ISO 3166-1 alpha-3 code"),
        (STATES_CSV + "ABC,A,B,nowhere,member\n", None, "“nowhere” is not a regional group"),
        (STATES_CSV + "ABC,A,B,,king\n", None, "“king” is not a UN status"),
        (STATES_CSV + "FRA,France,France,,member\n", None, "FRA is listed twice"),
        (STATES_CSV, "iso3,entry_into_force,withdrawal_effective\nXYZ,2002-07-01,\n", "XYZ"),
        (STATES_CSV, "iso3,entry_into_force,withdrawal_effective\nFRA,1/7/2002,\n", "YYYY-MM-DD"),
        (
            STATES_CSV,
            "iso3,entry_into_force,withdrawal_effective\nFRA,2002-07-01,2001-01-01\n",
            "before the entry into force",
        ),
    ],
)
def test_a_bad_file_is_refused_whole_with_its_line(states_csv, rome_csv, expected):
    with pytest.raises(LoadRefused) as refused:
        states_load(states_csv=states_csv, rome_statute_csv=rome_csv)
    assert expected in " ".join(refused.value.messages)
    assert State.objects.count() == 0
    assert GroupMembership.objects.count() == 0


def test_the_command_loads_files_and_reports(tmp_path):
    (tmp_path / "states.csv").write_text(STATES_CSV, encoding="utf-8")
    (tmp_path / "rome.csv").write_text(ROME_STATUTE_CSV, encoding="utf-8")
    out = StringIO()
    args = ["--states", tmp_path / "states.csv", "--rome-statute", tmp_path / "rome.csv"]
    call_command("load_states", *args, stdout=out)
    assert "States: 9 created, 0 updated, 0 unchanged." in out.getvalue()
    assert "Memberships of States Parties: 7 created, 0 updated." in out.getvalue()

    (tmp_path / "states.csv").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="Not UTF-8"):
        call_command("load_states", *args, stdout=StringIO())


def test_a_user_is_linked_to_one_state_by_the_command(states, delegation_user):
    out = StringIO()
    call_command("link_delegation", "dmitri", "fra", stdout=out)
    assert DelegationLink.objects.get(user=delegation_user).state.iso3 == "FRA"
    call_command("link_delegation", "dmitri", "DEU", stdout=out)
    assert DelegationLink.objects.get(user=delegation_user).state.iso3 == "DEU"
    assert DelegationLink.objects.count() == 1
    with pytest.raises(CommandError, match="No State"):
        call_command("link_delegation", "dmitri", "QQQ")
    with pytest.raises(CommandError, match="No user"):
        call_command("link_delegation", "nobody", "FRA")


def test_an_actor_can_stand_for_one_state(states):
    kenya = Actor.objects.create(key="kenya", name_en="Kenya", name_fr="Kenya", state=states["KEN"])
    assert states["KEN"].actor == kenya


def test_staff_edit_states_in_the_admin(secretariat_client, states):
    response = secretariat_client.get("/admin/tracking/state/")
    assert response.status_code == 200
    assert "Bolivia (Plurinational State of)" in response.content.decode()
    france = states["FRA"]
    response = secretariat_client.post(
        f"/admin/tracking/state/{france.pk}/change/",
        {
            "iso3": "FRA",
            "name_en": "France",
            "name_fr": "France (République française)",
            "un_regional_group": "western_european_other",
            "un_status": "member",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    france.refresh_from_db()
    assert france.name_fr == "France (République française)"
