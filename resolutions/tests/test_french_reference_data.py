"""Reference data in French, stored beside the English: a body's abbreviation ("AEP" for
"ASP") and a session's venue ("La Haye" for "The Hague"), shown in the interface language."""

import pytest
from django.utils import translation

from resolutions.models import Body, Session
from resolutions.services import body_for_prefix, sessions_load_calendar

pytestmark = pytest.mark.django_db


def test_the_calendar_gives_each_venue_in_french(imported_seed):
    session = Session.objects.get(body__symbol_prefix="ICC-ASP", number=12)
    assert (session.venue, session.venue_fr) == ("The Hague", "La Haye")
    with translation.override("fr"):
        assert (session.place, str(session)) == ("La Haye", "AEP, session 12")
    with translation.override("en"):
        assert (session.place, str(session)) == ("The Hague", "ASP, session 12")
    assert Session.objects.get(body__symbol_prefix="ICC-ASP", number=13).venue_fr == "New York"


def test_a_calendar_without_french_venues_gets_those_of_known_places(db):
    body = body_for_prefix("ICC-ASP")
    sessions_load_calendar(
        body=body, csv_text="number,start,end,venue\n30,,,The Hague\n31,,,Kampala\n"
    )
    venues = dict(Session.objects.values_list("number", "venue_fr"))
    assert venues == {30: "La Haye", 31: ""}
    with translation.override("fr"):
        assert Session.objects.get(number=31).place == "Kampala"  # the English, not nothing


def test_a_body_made_before_french_abbreviations_gets_its_own(db):
    Body.objects.create(symbol_prefix="ICC-ASP", name_en="Assembly of States Parties")
    assert body_for_prefix("ICC-ASP").short_name_fr == "AEP"
    review = body_for_prefix("RC/Res")
    with translation.override("fr"):
        # No French abbreviation is in use: the name in full, not the English letters.
        assert review.abbreviation == "Conférence de révision"
