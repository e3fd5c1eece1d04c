"""Dates no assembly works with ("0001-01-05", "9999-12-31") are refused where they enter."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from resolutions.models import Session
from resolutions.parsing.dates import find_date, is_plausible
from resolutions.services import ImportRefused, body_for_prefix, sessions_load_calendar
from resolutions.validators import validate_plausible_date


@pytest.mark.parametrize(
    ("date", "plausible"),
    [
        (datetime.date(1944, 12, 31), False),
        (datetime.date(1945, 1, 1), True),
        (datetime.date(2200, 12, 31), True),
        (datetime.date(2201, 1, 1), False),
        (datetime.date(1, 1, 5), False),
        (datetime.date(9999, 12, 31), False),
    ],
)
def test_it_accepts_dates_from_1945_to_2200_only(date, plausible):
    assert is_plausible(date) is plausible


def test_the_parser_does_not_take_an_impossible_year_for_a_date():
    assert find_date("adopted on 5 January 0001 and on 21 November 2012") == datetime.date(
        2012, 11, 21
    )
    assert find_date("le 31 décembre 9999") is None


def test_the_validator_says_which_dates_are_accepted_in_both_languages():
    from django.utils import translation

    with pytest.raises(ValidationError) as english:
        validate_plausible_date(datetime.date(9999, 12, 31))
    assert english.value.messages == ["Enter a date between 1945 and 2200."]
    with translation.override("fr"), pytest.raises(ValidationError) as french:
        validate_plausible_date(datetime.date(1, 1, 5))
    assert french.value.messages == ["Saisissez une date comprise entre 1945 et 2200."]
    validate_plausible_date(None)


@pytest.mark.django_db
def test_a_session_with_an_impossible_date_does_not_validate():
    session = Session(body=body_for_prefix("ICC-ASP"), number=99, start_date=datetime.date(1, 1, 5))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "start_date" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["0001-01-05", "9999-12-31", "10000-01-01", "2013-02-30"])
def test_a_calendar_with_a_bad_date_is_refused_whole_with_the_row(bad):
    body = body_for_prefix("ICC-ASP")
    csv_text = f"number,start,end,venue\n12,2013-11-20,2013-11-28,The Hague\n13,{bad},,New York\n"
    with pytest.raises(ImportRefused) as refused:
        sessions_load_calendar(body=body, csv_text=csv_text)
    assert refused.value.messages[0].startswith("Row 3: ")
    assert not Session.objects.exists()
