"""Dates and figures as each language writes them for people (config.typography): "1er mars
2026" and "12 345" in French, "1 March 2026" and "12,345" in English."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from config.typography import date_text, number_text, sort_key

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "first", "eleventh"),
    [("fr", "1er mars 2026", "11 mars 2026"), ("en", "1 March 2026", "11 March 2026")],
)
def test_the_first_of_a_month_is_an_ordinal_in_french_only(language, first, eleventh):
    assert date_text(dt.date(2026, 3, 1), language=language) == first
    assert date_text(dt.date(2026, 3, 11), language=language) == eleventh


def test_a_date_and_time_is_shown_in_local_time_with_its_ordinal():
    # 23:30 UTC on 30 November is 00:30 on 1 December in The Hague (settings.TIME_ZONE).
    at = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    assert date_text(at, "DATETIME_FORMAT", language="fr") == "1er décembre 2026, 00:30"
    assert date_text(at, "DATETIME_FORMAT", language="en") == "1 December 2026, 00:30"


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", dt.date(2026, 12, 2), "2 déc. 2026"),
        ("fr", dt.date(2026, 6, 2), "2 juin 2026"),
        ("fr", dt.date(2026, 7, 1), "1er juil. 2026"),
        ("en", dt.date(2026, 12, 2), "2 Dec 2026"),
    ],
)
def test_short_dates_abbreviate_the_month_as_the_language_does(language, day, expected):
    assert date_text(day, "SHORT_DATE_FORMAT", language=language) == expected


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("fr"):
        assert date_text(dt.date(2026, 12, 1)) == "1er décembre 2026"
        assert number_text(12345) == f"12{NBSP}345"


def test_figures_are_grouped_by_thousands_in_each_language():
    assert number_text(12345, language="fr") == f"12{NBSP}345"
    assert number_text(1234567, language="en") == "1,234,567"
    assert number_text(999, language="fr") == "999"
    assert number_text(None, language="fr") == ""
    assert number_text("—", language="en") == "—"


@pytest.mark.parametrize(("language", "figure"), [("fr", f"12{NBSP}345"), ("en", "12,345")])
def test_templates_group_figures_but_not_identifiers(language, figure):
    template = Template('{{ n|number }} <a href="/mandates/{{ n }}/">{{ d|day }}</a>')
    with translation.override(language):
        html = template.render(Context({"n": 12345, "d": dt.date(2026, 3, 1)}))
    first = "1er mars 2026" if language == "fr" else "1 March 2026"
    assert html == f'{figure} <a href="/mandates/12345/">{first}</a>'


def test_names_sort_without_regard_to_case_accents_or_ligatures():
    names = ["Zimbabwe", "États-Unis d’Amérique", "Égypte", "espagne", "Îles Cook", "Iraq"]
    assert sorted(names, key=sort_key) == [
        "Égypte",
        "espagne",
        "États-Unis d’Amérique",
        "Îles Cook",
        "Iraq",
        "Zimbabwe",
    ]
    assert sort_key("Œuvre") == sort_key("oeuvre")


def test_a_shorter_name_comes_before_the_longer_ones_it_begins():
    names = ["Guinée équatoriale", "Guinée-Bissau", "Guinée"]
    assert sorted(names, key=sort_key) == ["Guinée", "Guinée-Bissau", "Guinée équatoriale"]


def test_a_sort_key_sorts_alike_under_any_collation():
    # Letters and digits only: nothing a database's locale would skip or weigh otherwise.
    assert sort_key("Côte d’Ivoire (République de) 2") == "cote0d0ivoire0republique0de02"
