"""The matrix of a resolution: States as rows, its State-addressed mandates as columns."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tracking.models import Actor, Mandate
from tracking.services import mandate_update
from tracking.states.models import GroupMembership, State, StateProgress
from tracking.states.services import state_progress_set

pytestmark = pytest.mark.django_db

SYMBOL = "ICC-ASP/11/Res.5"
URL = f"/resolutions/{SYMBOL}/states/"


def record(mandate, state, status, version=0):
    return state_progress_set(
        mandate=mandate, state=state, status=status, user=None, expected_version=version
    )


def matrix_of(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content[:500]
    return response.context["matrix"]


def grid(matrix) -> dict[str, dict[str, str]]:
    """iso3 → {"OP9": code, …} for the concerned cells."""
    return {
        row.iso3: {
            column.reference: cell.code
            for column, cell in zip(matrix.columns, row.cells, strict=True)
            if cell.concerned
        }
        for row in matrix.rows
    }


# Contents ------------------------------------------------------------------------------------


def test_it_has_the_states_concerned_and_the_state_addressed_mandates(delegation_client, accepted):
    matrix = matrix_of(delegation_client)
    references = [column.reference for column in matrix.columns]
    assert {"OP9", "OP13", "OP15"} <= set(references)
    assert accepted[(19, 1)].pk not in [c.mandate.pk for c in matrix.columns]  # the Court
    rows = grid(matrix)
    # OP15 is asked of all States: every State of the registry is a row.
    assert set(rows) == {"FRA", "DEU", "KEN", "BDI", "UKR", "USA", "COK", "VAT", "BOL"}
    assert "OP13" in rows["FRA"] and "OP13" not in rows["USA"]  # States Parties only
    assert set(rows["FRA"].values()) == {"none"}  # nothing reported: no information


def test_a_state_that_joined_later_is_asked_and_one_that_withdrew_is_not(
    delegation_client, accepted
):
    rows = grid(matrix_of(delegation_client))
    assert "OP13" in rows["UKR"]  # party since 2025, after the resolution (2012)
    assert "OP13" not in rows["BDI"]  # its withdrawal took effect in 2017


def test_a_mandate_addressed_to_one_state_is_a_column_concerning_it_alone(
    delegation_client, accepted, states, secretariat_user
):
    kenya = Actor.objects.create(key="kenya", name_en="Kenya", name_fr="Kenya", state=states["KEN"])
    op12 = accepted[(12, 1)]
    mandate_update(mandate=op12, user=secretariat_user, addressees=[kenya])
    record(op12, states["KEN"], "completed")
    matrix = matrix_of(delegation_client)
    column = next(c for c in matrix.columns if c.mandate.pk == op12.pk)
    assert column.concerned == {states["KEN"].pk}
    assert (column.completed, column.total) == (1, 1)
    rows = grid(matrix)
    assert rows["KEN"]["OP12"] == "completed" and "OP12" not in rows["FRA"]


def test_cells_show_the_status_as_text_and_the_totals_count_the_rows(
    delegation_client, accepted, states
):
    op13 = accepted[(13, 1)]
    record(op13, states["FRA"], "completed")
    record(op13, states["DEU"], "in_progress")
    response = delegation_client.get(URL)
    page = response.content.decode()
    # Parties today: FRA, DEU, KEN, UKR, COK, BOL.
    assert "1 of 6 completed" in page
    assert '<span class="visually-hidden">completed</span>' in page
    assert '<span class="visually-hidden">in progress</span>' in page
    assert '<span class="visually-hidden">no information</span>' in page
    # The legend writes every label alike, in lower case.
    legend = dict(response.context["matrix"].legend)
    assert (legend["✓"], legend["—"]) == ("completed", "no information")
    assert "position: sticky" not in page  # the stylesheet holds the layout, not the page
    rows = grid(response.context["matrix"])
    assert rows["FRA"]["OP13"] == "completed" and rows["DEU"]["OP13"] == "in_progress"


def test_the_resolution_page_and_the_state_page_link_to_the_matrix(delegation_client, accepted):
    assert URL in delegation_client.get(f"/resolutions/{SYMBOL}/").content.decode()
    assert URL in delegation_client.get("/states/FRA/").content.decode()


def test_an_unknown_resolution_is_not_found(delegation_client, accepted):
    assert delegation_client.get("/resolutions/NOPE/1/states/").status_code == 404
    assert delegation_client.get("/resolutions/NOPE/1/states.csv").status_code == 404


# Filters ---------------------------------------------------------------------------------------


def test_it_filters_by_regional_group_and_by_status(delegation_client, accepted, states):
    record(accepted[(13, 1)], states["FRA"], "completed")
    record(accepted[(15, 1)], states["KEN"], "in_progress")
    assert set(grid(matrix_of(delegation_client, "?region=african"))) == {"KEN", "BDI"}
    assert set(grid(matrix_of(delegation_client, "?status=completed"))) == {"FRA"}
    both = matrix_of(delegation_client, "?region=western_european_other&status=completed")
    assert set(grid(both)) == {"FRA"}
    column = next(c for c in both.columns if c.reference == "OP13")
    assert (column.completed, column.total) == (1, 1)  # totals count the rows shown
    # Every State has at least one cell with nothing reported.
    assert len(grid(matrix_of(delegation_client, "?status=none"))) == 9


@pytest.mark.parametrize(
    "query", ["?region=atlantis", "?status=finished", "?status=%00", "?region=african&status=x"]
)
def test_a_bad_filter_value_says_what_is_wrong_and_shows_no_matrix(
    delegation_client, accepted, query
):
    response = delegation_client.get(URL + query)
    assert response.status_code == 400
    assert response.context["matrix"] is None
    assert "Some filter values are not valid" in response.content.decode()
    for extension in ("csv", "xlsx"):
        refused = delegation_client.get(f"/resolutions/{SYMBOL}/states.{extension}{query}")
        assert refused.status_code == 400
        assert "nothing was exported" in refused.content.decode()


def test_a_refused_file_names_the_filter_as_the_form_does(delegation_client, accepted):
    refused = delegation_client.get(f"/resolutions/{SYMBOL}/states.csv?region=atlantis")
    assert refused.status_code == 400
    assert "<li>Regional group: " in refused.content.decode()


# Permissions -------------------------------------------------------------------------------------


def test_anonymous_visitors_sign_in_first(client, accepted):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_internal_mandate_is_a_column_for_staff_only(
    delegation_client, secretariat_client, accepted, secretariat_user
):
    op13 = accepted[(13, 1)]
    mandate_update(mandate=op13, user=secretariat_user, is_internal=True)
    assert "OP13" not in [c.reference for c in matrix_of(delegation_client).columns]
    assert "OP13" in [c.reference for c in matrix_of(secretariat_client).columns]
    csv_text = b"".join(
        delegation_client.get(f"/resolutions/{SYMBOL}/states.csv").streaming_content
    ).decode()
    assert f"#{op13.pk}" not in csv_text


def test_a_suggestion_waiting_for_review_is_no_column(
    delegation_client, secretariat_client, imported_seed, states
):
    suggested = Mandate.objects.filter(review="suggested", paragraph__number=13).first()
    assert suggested is not None
    for client in (delegation_client, secretariat_client):
        assert suggested.pk not in [c.mandate.pk for c in matrix_of(client).columns]


# Files -------------------------------------------------------------------------------------------


def csv_rows(client, query=""):
    response = client.get(f"/resolutions/{SYMBOL}/states.csv{query}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(client, query=""):
    response = client.get(f"/resolutions/{SYMBOL}/states.xlsx{query}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [
        ["" if value is None else str(value) for value in row]
        for row in workbook.worksheets[0].iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("query", ["", "?region=western_european_other", "?status=completed"])
def test_the_csv_and_xlsx_files_hold_the_rows_of_the_page(
    delegation_client, accepted, states, query
):
    record(accepted[(13, 1)], states["FRA"], "completed")
    record(accepted[(9, 1)], states["USA"], "in_progress")
    matrix = matrix_of(delegation_client, query)
    mandates = [f"{c.reference} #{c.mandate.pk}" for c in matrix.columns]
    expected_headers = ["ISO code", "State", "Regional group", "Regional group (code)"]
    expected_headers += mandates + [f"{header} (code)" for header in mandates]
    labels = {"none": "no information", "not_concerned": "", "completed": "completed"}
    labels["in_progress"] = "in progress"
    expected = [
        [row.iso3, row.name, row.region_label, row.region]
        + [labels[cell.code] for cell in row.cells]
        + [
            {"none": "no_information", "not_concerned": ""}.get(cell.code, cell.code)
            for cell in row.cells
        ]
        for row in matrix.rows
    ]
    for rows in (csv_rows(delegation_client, query), xlsx_rows(delegation_client, query)):
        assert rows[0] == expected_headers
        assert rows[1:] == expected
    assert matrix.rows  # the comparison compared something


def test_the_files_speak_the_readers_language_and_keep_the_codes(
    delegation_client, accepted, states
):
    record(accepted[(13, 1)], states["FRA"], "completed")
    delegation_client.cookies["django_language"] = "fr"
    matrix = matrix_of(delegation_client, "?region=western_european_other")
    column = [c.mandate.pk for c in matrix.columns].index(accepted[(13, 1)].pk)
    width = len(matrix.columns)
    for rows in (csv_rows(delegation_client), xlsx_rows(delegation_client)):
        assert rows[0][:4] == ["Code ISO", "État", "Groupe régional", "Groupe régional (code)"]
        assert rows[0][4 + width + column].endswith(" (code)")
        [france] = [row for row in rows if row[0] == "FRA"]
        assert france[1:4] == [
            "France",
            "États d’Europe occidentale et autres États",
            "western_european_other",
        ]
        assert (france[4 + column], france[4 + width + column]) == ("achevé", "completed")


def test_the_csv_file_starts_with_a_byte_order_mark_for_excel(delegation_client, accepted, states):
    delegation_client.cookies["django_language"] = "fr"
    response = delegation_client.get(f"/resolutions/{SYMBOL}/states.csv")
    assert response.streaming
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbfCode ISO,\xc3\x89tat,")


def test_the_csv_file_cannot_run_a_formula(delegation_client, accepted, states):
    State.objects.filter(iso3="FRA").update(name_en="=HYPERLINK(1)")
    rows = csv_rows(delegation_client)
    assert [row[1] for row in rows if row[0] == "FRA"] == ["'=HYPERLINK(1)"]


# Speed -------------------------------------------------------------------------------------------


def more_states(count: int, states, accepted, start: int = 0):
    """`count` more States Parties, each with progress on OP9, OP13 and OP15."""
    parties = GroupMembership.objects.filter(state=states["FRA"]).first().group
    created = State.objects.bulk_create(
        State(
            iso3="Q" + chr(65 + i // 26) + chr(65 + i % 26),
            name_en=f"State {i}",
            name_fr=f"État {i}",
            un_regional_group="african",
        )
        for i in range(start, start + count)
    )
    GroupMembership.objects.bulk_create(
        GroupMembership(group=parties, state=state, start="2002-07-01") for state in created
    )
    StateProgress.objects.bulk_create(
        StateProgress(mandate=accepted[(n, 1)], state=state, status="completed")
        for state in created
        for n in (9, 13, 15)
    )


@pytest.mark.parametrize("path", ["states/", "states.csv", "states.xlsx"])
def test_the_matrix_runs_as_many_queries_with_ten_times_the_states(
    delegation_client, accepted, states, django_assert_max_num_queries, path
):
    url = f"/resolutions/{SYMBOL}/{path}"
    more_states(5, states, accepted)
    delegation_client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = delegation_client.get(url)
        if path != "states/":
            b"".join(response.streaming_content)
    more_states(60, states, accepted, start=5)
    with django_assert_max_num_queries(len(few)):
        response = delegation_client.get(url)
        if path != "states/":
            b"".join(response.streaming_content)
    if path == "states/":
        assert len(response.context["matrix"].rows) == 9 + 65


# The demo ----------------------------------------------------------------------------------------


def test_the_demo_shows_the_seed_resolution_state_by_state(settings, client):
    from tracking.tests.test_demo import load_demo

    settings.DEBUG = True
    load_demo()
    client.force_login(get_user_model().objects.get(username="france"))
    matrix = matrix_of(client)
    assert len(matrix.columns) >= 5 and len(matrix.rows) > 150  # the whole registry
    france = next(row for row in matrix.rows if row.iso3 == "FRA")
    assert any(cell.reported and cell.code != "none" for cell in france.cells)
    assert sum(column.completed for column in matrix.columns) >= 1
