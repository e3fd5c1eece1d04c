"""CSV files saved by Excel as "CSV UTF-8" start with a byte-order mark: Suivi reads them
as it reads the same file without one (config/csvfiles.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

from config.csvfiles import BOM
from resolutions.models import Session
from tracking.states.models import GroupMembership, State
from tracking.tests.conftest import ROME_STATUTE_CSV, STATES_CSV


def write(path, text: str, *, bom: bool):
    path.write_text((BOM if bom else "") + text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_it_loads_a_session_calendar_with_a_byte_order_mark_as_one_without(tmp_path, sessions_csv):
    loaded = {}
    for bom in (True, False):
        Session.objects.all().delete()
        path = write(tmp_path / f"sessions-{bom}.csv", sessions_csv, bom=bom)
        call_command("load_sessions", path, "--body", "ICC-ASP", stdout=StringIO())
        loaded[bom] = list(
            Session.objects.order_by("number").values_list(
                "number", "start_date", "end_date", "venue", "venue_fr"
            )
        )
    assert loaded[True]
    assert loaded[True] == loaded[False]


@pytest.mark.django_db
def test_it_loads_the_states_registry_with_a_byte_order_mark_as_one_without(tmp_path):
    loaded = {}
    for bom in (True, False):
        GroupMembership.objects.all().delete()
        State.objects.all().delete()
        states = write(tmp_path / f"states-{bom}.csv", STATES_CSV, bom=bom)
        rome = write(tmp_path / f"rome-{bom}.csv", ROME_STATUTE_CSV, bom=bom)
        call_command("load_states", "--states", states, "--rome-statute", rome, stdout=StringIO())
        loaded[bom] = (
            list(State.objects.order_by("iso3").values_list("iso3", "name_en", "name_fr")),
            GroupMembership.objects.count(),
        )
    assert loaded[True][0] and loaded[True][1]
    assert loaded[True] == loaded[False]
