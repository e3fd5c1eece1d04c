"""Pages and e-mails name sessions and States as the reader's language does: "La Haye" and
"AEP", "Ce qui est demandé à la France", "aux États-Unis d’Amérique"; stored forms, never
words glued to a name."""

import re
from html import unescape

import pytest

from config.typography import sort_key
from resolutions.models import Session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "venue", "abbreviation"), [("fr", "La Haye", "AEP"), ("en", "The Hague", "ASP")]
)
def test_the_session_page_names_the_venue_and_the_body_in_the_language(
    delegation_client, imported_seed, language, venue, abbreviation
):
    session = Session.objects.get(body__symbol_prefix="ICC-ASP", number=12)
    html = delegation_client.get(
        f"/sessions/{session.pk}/", headers={"accept-language": language}
    ).content.decode()
    assert f", {venue}" in html
    assert f"<title>{abbreviation}, session 12" in html


@pytest.mark.parametrize(
    ("language", "iso3", "heading"),
    [
        ("fr", "FRA", "Ce qui est demandé à la France"),
        ("fr", "USA", "Ce qui est demandé aux États-Unis d’Amérique"),
        ("fr", "KEN", "Ce qui est demandé au Kenya"),
        ("en", "FRA", "What is asked of France"),
        ("en", "USA", "What is asked of the United States of America"),
    ],
)
def test_the_state_page_names_the_state_as_a_sentence_does(
    delegation_client, states, language, iso3, heading
):
    delegation_client.cookies["django_language"] = language
    html = delegation_client.get(
        f"/states/{iso3}/", headers={"accept-language": language}
    ).content.decode()
    assert f"<h1>{heading}</h1>" in html


def test_an_actor_that_stands_for_a_state_takes_its_articles(states):
    from django.utils import translation

    from tracking.services import actor_for_state

    actor = actor_for_state(state=states["USA"])
    with translation.override("fr"):
        assert actor.name_after_de == "des États-Unis d’Amérique"
    with translation.override("en"):
        assert actor.name_with_article == "the United States of America"


def test_a_name_without_an_article_elides_de_before_a_vowel():
    from tracking import french

    assert french.in_text(name="Israël", article="", language="fr", after="de") == "d’Israël"
    assert french.in_text(name="Cuba", article="", language="fr", after="de") == "de Cuba"
    assert french.in_text(name="Israël", article="", language="fr", after="à") == "à Israël"


def option_texts(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, flags=re.S).group(1)
    return [
        unescape(text)
        for text in re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_addressees_are_listed_in_the_readers_order(delegation_client, language):
    html = delegation_client.get(
        "/mandates/", headers={"accept-language": language}
    ).content.decode()
    names = option_texts(html, "addressee")
    assert len(names) > 10
    assert names == sorted(names, key=lambda name: (sort_key(name), name))
    if language == "fr":
        # Among the E's, not after the Z's as a binary order would put them.
        first = next(i for i, name in enumerate(names) if name.startswith("États"))
        assert sort_key(names[first - 1]) < "etats" and not names[-1].startswith("É")


@pytest.mark.parametrize(
    ("language", "western"),
    [
        ("fr", ["Allemagne", "États-Unis d’Amérique", "France"]),
        ("en", ["France", "Germany", "United States of America"]),
    ],
)
def test_the_states_are_listed_in_the_readers_order(delegation_client, states, language, western):
    delegation_client.cookies["django_language"] = language
    html = delegation_client.get("/states/", headers={"accept-language": language}).content.decode()
    listed = [
        unescape(name) for name in re.findall(r'<a href="/states/[A-Z]{3}/">([^<]+)</a>', html)
    ]
    assert [name for name in listed if name in western] == western
