"""Names in running text, with their article, as French and English write them: "au
Bureau de l’Assemblée", "de l’Assemblée des États Parties", "the Bureau of the Assembly".

Pure: each actor stores its article (tracking.models.Actor.article_fr and article_en); the
contractions of French (à + le = au, de + les = des) are grammar, kept in one table here,
never built by gluing words where a name is shown. A sentence's translation says which
form it needs: English keeps its preposition in the sentence ("What is asked of
%(name)s", name = "the Bureau"), French takes it with the name ("Ce qui est demandé
%(name)s", name = "au Bureau"), because "à" and "le" contract.
"""

# For each stored article: the name with it alone, after "à" and after "de".
FRENCH_FORMS = {
    "le": {"": "le ", "à": "au ", "de": "du "},
    "la": {"": "la ", "à": "à la ", "de": "de la "},
    "l": {"": "l’", "à": "à l’", "de": "de l’"},
    "les": {"": "les ", "à": "aux ", "de": "des "},
    "": {"": "", "à": "à ", "de": "de "},
}
# Names without an article that begin with these letters elide "de": "d’Israël". An "h"
# here is mute in every name without an article Suivi ships (Haïti); names with an
# aspirated "h" (le Honduras, la Hongrie) have an article and never come here.
ELIDING = set("aeiouyhàâäéèêëîïôöùûüÿœæ")
FRENCH_ARTICLES = [("", "—"), ("le", "le"), ("la", "la"), ("l", "l’"), ("les", "les")]
ENGLISH_ARTICLES = [("", "—"), ("the", "the")]


def in_text(*, name: str, article: str, language: str, after: str = "") -> str:
    """The name as a sentence writes it: with its article and, in French, contracted with
    the preposition before it (after "à" or "de"; English keeps its preposition apart)."""
    if language == "fr":
        if after == "de" and not article and name[:1].lower() in ELIDING:
            return "d’" + name  # "d’Israël", "d’Haïti", "d’Antigua-et-Barbuda"
        return FRENCH_FORMS.get(article, FRENCH_FORMS[""])[after] + name
    return ("the " if article == "the" else "") + name
