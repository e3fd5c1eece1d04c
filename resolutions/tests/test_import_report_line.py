"""The report a General Assembly resolution was adopted on is stored and shown."""

import pytest
from django.urls import reverse

from resolutions.models import Resolution
from resolutions.services import resolution_import

pytestmark = pytest.mark.django_db

GA_TEXT = """Resolution adopted by the General Assembly on 24 December 2025

[on the report of the {committee} (A/80/401, para. 6)]

80/250. Programme budget for 2026

The General Assembly,

Recalling its resolution 79/255 of 24 December 2024,

1. Approves the programme budget for 2026;

2. Requests the Secretary-General to report to it at its eighty-first session.

60th plenary meeting
24 December 2025
"""

FRENCH_TEXT = """Résolution adoptée par l’Assemblée générale le 24 décembre 2025

[sur la base du rapport de la Cinquième Commission (A/80/401/Add.1, par. 7)]

80/250. Budget-programme pour 2026

L’Assemblée générale,

Rappelant sa résolution 79/255 du 24 décembre 2024,

1. Approuve le budget-programme pour 2026 ;

2. Prie le Secrétaire général de lui faire rapport à sa quatre-vingt-unième session.

60e séance plénière
24 décembre 2025
"""


def test_it_stores_the_report_the_resolution_was_adopted_on():
    resolution = resolution_import(text=GA_TEXT.format(committee="Fifth Committee")).resolution

    resolution.refresh_from_db()
    assert resolution.symbol == "A/RES/80/250"
    assert (resolution.report_committee, resolution.report_symbol, resolution.report_paragraph) == (
        "Fifth Committee",
        "A/80/401",
        6,
    )


def test_a_second_language_keeps_the_report_of_the_first():
    resolution_import(text=GA_TEXT.format(committee="Fifth Committee"))
    resolution_import(text=FRENCH_TEXT)

    resolution = Resolution.objects.get(symbol="A/RES/80/250")
    assert (resolution.report_committee, resolution.report_symbol, resolution.report_paragraph) == (
        "Fifth Committee",
        "A/80/401",
        6,
    )


def test_a_resolution_without_a_report_line_has_no_report(seed_text):
    resolution = resolution_import(text=seed_text).resolution

    resolution.refresh_from_db()
    assert (resolution.report_committee, resolution.report_symbol, resolution.report_paragraph) == (
        "",
        "",
        None,
    )


def test_the_resolution_page_shows_the_report_escaped(delegation_client):
    resolution_import(text=GA_TEXT.format(committee="<b>Fifth</b> Committee"))

    html = delegation_client.get(
        reverse("resolutions:detail", kwargs={"symbol": "A/RES/80/250"})
    ).content.decode()

    assert "On the report of" in html
    assert "&lt;b&gt;Fifth&lt;/b&gt; Committee (A/80/401, para. 6)" in html
    assert "<b>Fifth</b>" not in html
