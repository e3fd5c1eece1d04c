"""Actor names in running text, in French and English: articles and contractions come
from each actor's stored article (tracking.french), never from gluing words."""

import pytest
from django.utils import translation

from tracking import french
from tracking.models import Actor


@pytest.mark.parametrize(
    "article, alone, after_a, after_de",
    [
        ("le", "le Bureau", "au Bureau", "du Bureau"),
        ("la", "la Bureau", "à la Bureau", "de la Bureau"),
        ("l", "l’Bureau", "à l’Bureau", "de l’Bureau"),
        ("les", "les Bureau", "aux Bureau", "des Bureau"),
        ("", "Bureau", "à Bureau", "de Bureau"),
    ],
)
def test_french_contracts_the_article_with_the_preposition(article, alone, after_a, after_de):
    forms = [
        french.in_text(name="Bureau", article=article, language="fr", after=after)
        for after in ("", "à", "de")
    ]
    assert forms == [alone, after_a, after_de]


def test_english_keeps_the_article_and_leaves_the_preposition_to_the_sentence():
    for after in ("", "à", "de"):
        assert french.in_text(name="Court", article="the", language="en", after=after) == (
            "the Court"
        )
    assert french.in_text(name="Kenya", article="", language="en") == "Kenya"


@pytest.mark.django_db
def test_the_actor_page_says_what_is_asked_of_whom_in_both_languages(
    delegation_client, imported_seed
):
    url = Actor.objects.get(key="bureau").get_absolute_url()
    english = delegation_client.get(url).content.decode()
    french_page = delegation_client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "What is asked of the Bureau of the Assembly" in english
    assert "Part of <a" in english and ">the Assembly of States Parties</a>" in english
    assert "Ce qui est demandé au Bureau de l’Assemblée" in french_page
    assert (
        "Fait partie <a" in french_page and ">de l’Assemblée des États Parties</a>" in french_page
    )


@pytest.mark.django_db
def test_shipped_actors_have_their_articles(imported_seed):
    court = Actor.objects.get(key="court")
    with translation.override("fr"):
        assert court.name_after_a == "à la Cour pénale internationale"
    states = Actor.objects.get(key="states_parties")
    with translation.override("fr"):
        assert states.name_after_de == "des États Parties"
    with translation.override("en"):
        assert states.name_with_article == "the States Parties"
