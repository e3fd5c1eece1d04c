"""The dashboard's charts are drawn the same in French and in English: only the words
differ. (A French decimal comma in an SVG coordinate put every bar on one row.)"""

import re

import pytest

from tracking.models import Mandate
from tracking.services import mandate_accept

pytestmark = pytest.mark.django_db

GEOMETRY = re.compile(r'(?:transform|x|y|width|height|viewBox)="([^"]*)"')


def svg_geometry(html: str) -> list[str]:
    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert charts, "the dashboard draws charts"
    return [value for chart in charts for value in GEOMETRY.findall(chart)]


def test_the_charts_are_drawn_the_same_in_both_languages(
    delegation_client, imported_seed, secretariat_user
):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    english = delegation_client.get("/dashboard/").content.decode()
    french = delegation_client.get(
        "/dashboard/", headers={"accept-language": "fr"}
    ).content.decode()
    assert "Par état" in french  # the French page, really
    geometry = svg_geometry(french)
    assert geometry == svg_geometry(english)
    assert not any("," in value for value in geometry)
    # In each chart, each bar on its own row.
    for chart in re.findall(r"<svg.*?</svg>", french, flags=re.S):
        rows = [value for value in GEOMETRY.findall(chart) if value.startswith("translate(0 ")]
        assert len(rows) == len(set(rows))


def test_the_charts_tooltips_speak_french_with_grouped_figures(
    delegation_client, imported_seed, secretariat_user
):
    for mandate in Mandate.objects.filter(review="suggested"):
        mandate_accept(mandate=mandate, user=secretariat_user)
    french = delegation_client.get(
        "/dashboard/", headers={"accept-language": "fr"}
    ).content.decode()
    titles = re.findall(
        r"<title>([^<]*)</title>", "".join(re.findall(r"<svg.*?</svg>", french, flags=re.S))
    )
    assert any("— autre" in title for title in titles)
    assert not any("— other" in title for title in titles)
    assert all("\u00a0: " in title for title in titles)  # French typography before the colon
