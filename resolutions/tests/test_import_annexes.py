"""Annexes are stored: their numbered paragraphs, footnotes and headings, shown on the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resolutions.models import Footnote, Paragraph, ResolutionText, paragraph_reference
from resolutions.services import resolution_import

pytestmark = pytest.mark.django_db


def annexed(symbol_number: int = 77, paragraphs: int = 3, footnote_in_annex_two: bool = False):
    """A General Assembly resolution adopting a declaration annexed to it, with a second
    annex whose footnotes start again from 1."""
    body = "".join(
        f"{n}. We commit to protect the sites of migratory birds, step {n}.\n\n"
        for n in range(2, paragraphs + 1)
    )
    second = (
        "Annex II\n\nList of sites\n\n1. The wetlands of the north.1\n\n"
        "2. The grasslands of the south.\n"
        "_____________\n\n1 See A/80/200.\n"
        if footnote_in_annex_two
        else ""
    )
    return (
        f"Resolution adopted by the General Assembly on 1 December 2025\n\n"
        f"[on the report of the Second Committee (A/80/520, para. 9)]\n\n"
        f"80/{symbol_number}. Protection of migratory birds\n\n"
        "The General Assembly\n\n"
        "Adopts the Declaration on migratory birds, as contained in the annex to the present "
        "resolution.\n\n"
        "52nd plenary meeting\n1 December 2025\n\n"
        "Annex\n\nDeclaration on migratory birds\n\n"
        "1. We recommit to the Convention on Migratory Species,1 and commit to:\n\n"
        "(a) Protect wetlands;\n\n(b) Restore grasslands.\n\n"
        f"{body}"
        "_____________\n\n1 United Nations, Treaty Series, vol. 1651, No. 28395.\n\n"
        f"{second}"
    )


def test_it_stores_the_numbered_paragraphs_of_an_annex_apart_from_the_operative_ones():
    result = resolution_import(text=annexed(footnote_in_annex_two=True))
    resolution = result.resolution
    rows = list(
        resolution.paragraphs.order_by("order").values_list("kind", "annex", "number", "label")
    )
    assert rows == [
        ("operative", 0, 1, ""),
        ("annex", 1, 1, ""),
        ("annex", 1, 1, "a"),
        ("annex", 1, 1, "b"),
        ("annex", 1, 2, ""),
        ("annex", 1, 3, ""),
        ("annex", 2, 1, ""),
        ("annex", 2, 2, ""),
    ]
    text = ResolutionText.objects.get(resolution=resolution)
    assert text.annexes == [
        {"number": 1, "heading": "Annex", "title": "Declaration on migratory birds"},
        {"number": 2, "heading": "Annex II", "title": "List of sites"},
    ]
    # Both annexes have a footnote 1, each attached to its own paragraph.
    notes = Footnote.objects.filter(resolution=resolution).order_by("id")
    assert [(f.mark, f.paragraph.reference) for f in notes] == [("1", "A1.1"), ("1", "A2.1")]
    # The report it was adopted on and the annexes' citations are references.
    assert set(
        resolution.paragraphs.filter(references__isnull=False).values_list(
            "references__symbol", flat=True
        )
    ) == {"A/80/200"}


def test_importing_an_annexed_text_again_changes_nothing():
    text = annexed()
    resolution_import(text=text)
    again = resolution_import(text=text)
    assert again.outcome == "unchanged"
    assert Paragraph.objects.filter(kind="annex").count() == 5


def test_replacing_an_annexed_text_keeps_the_paragraphs_it_still_has():
    first = resolution_import(text=annexed(paragraphs=3)).resolution
    kept = first.paragraphs.get(kind="annex", annex=1, number=2, parent=None).pk
    resolution_import(text=annexed(paragraphs=5), replace=True)
    numbers = list(
        first.paragraphs.filter(kind="annex", parent=None)
        .order_by("order")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4, 5]
    assert first.paragraphs.get(kind="annex", annex=1, number=2, parent=None).pk == kept
    orders = list(first.paragraphs.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))


@pytest.mark.parametrize(
    ("kind", "annex", "number", "label", "expected"),
    [
        ("operative", 0, 5, "", "OP5"),
        ("preambular", 0, 3, "a", "PP3(a)"),
        ("annex", 2, 12, "", "A2.12"),
        ("annex", 1, 4, "b", "A1.4(b)"),
    ],
)
def test_it_cites_annex_paragraphs_with_their_annex(kind, annex, number, label, expected):
    assert paragraph_reference(kind=kind, number=number, label=label, annex=annex) == expected


def test_the_resolution_page_shows_each_annex_with_its_paragraphs(delegation_client):
    resolution_import(text=annexed(footnote_in_annex_two=True))
    response = delegation_client.get(
        reverse("resolutions:detail", kwargs={"symbol": "A/RES/80/77"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="annex-1-heading">Annex</h2>' in html
    assert 'id="annex-2-heading">Annex II</h2>' in html
    assert "Declaration on migratory birds" in html
    assert 'id="an1-2"' in html and 'id="an2-1"' in html and 'id="an1-1a"' in html
    assert "We commit to protect the sites of migratory birds, step 3." in html


def test_the_resolution_page_query_count_does_not_grow_with_annex_paragraphs(delegation_client):
    resolution_import(text=annexed(symbol_number=78, paragraphs=2))
    resolution_import(text=annexed(symbol_number=79, paragraphs=40))

    def queries(symbol):
        with CaptureQueriesContext(connection) as captured:
            response = delegation_client.get(
                reverse("resolutions:detail", kwargs={"symbol": symbol})
            )
        assert response.status_code == 200
        return len(captured)

    assert queries("A/RES/80/78") == queries("A/RES/80/79")


def test_the_import_preview_counts_annex_paragraphs(secretariat_client):
    response = secretariat_client.post(
        reverse("resolutions:import"), {"text": annexed(paragraphs=4), "preview": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 preambular, 1 operative; Annex: 4 paragraphs" in html
    assert "[1] A1.1 — United Nations, Treaty Series" in html
