"""Words of operative paragraphs, as data.

Operative verbs are written in lower case *with* their accents: French participles differ
from the operative verb only by an accent ("décide" / "décidé", "prie" / "prié",
"charge" / "chargé"), so accents matter at the end of a verb. Inside a verb an accent
may be missing (see ``clauses.verb_pattern``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Strength of each action, 1 (soft) to 5 (binding). Keys are the stable action names
# stored by the tracking layer.
ACTIONS: dict[str, int] = {
    "decides": 5,
    "demands": 5,
    "mandates": 5,
    "requests": 4,
    "urges": 4,
    "authorizes": 3,
    "calls_upon": 3,
    "recommends": 2,
    "encourages": 2,
    "invites": 2,
}

REQUEST = "request"  # the verb asks something of someone
NEUTRAL = "neutral"  # the verb states, welcomes, notes...: asks nothing
RECALL = "recall"  # neutral unless it recalls/renews an earlier request


@dataclass(frozen=True)
class Verb:
    form: str  # lower case, with accents; several words allowed ("prie instamment")
    kind: str  # REQUEST, NEUTRAL or RECALL
    action: str | None = None  # key of ACTIONS for REQUEST verbs
    language: str = "fr"  # French "invite", "décide" are English infinitives ("and decide")


def _requests(action: str, *forms: str, language: str = "fr") -> list[Verb]:
    return [Verb(form, REQUEST, action, language) for form in forms]


def _neutral(*forms: str, language: str = "fr") -> list[Verb]:
    return [Verb(form, NEUTRAL, None, language) for form in forms]


def _recall(*forms: str, language: str = "fr") -> list[Verb]:
    return [Verb(form, RECALL, None, language) for form in forms]


_FRENCH_NEUTRAL = (
    "se félicite", "félicite", "souligne", "reconnaît", "reconnait", "note", "prend note",
    "prend acte", "exprime", "rend hommage", "salue", "accueille", "constate", "considère",
    "estime", "affirme", "insiste", "déplore", "condamne", "approuve", "adopte", "remercie",
    "regrette", "observe", "convient", "accepte", "se déclare", "partage", "se réjouit",
    "juge", "apprécie", "souscrit", "entérine", "confirme", "fait sienne", "fait siennes",
    "appuie", "soutient", "se dit", "attend avec intérêt", "met l'accent",
    "appelle l'attention", "tient compte", "sait gré", "prend en considération", "déclare",
)  # fmt: skip
_ENGLISH_NEUTRAL = (
    "welcomes", "notes", "takes note", "stresses", "emphasizes", "emphasises", "recognizes",
    "recognises", "acknowledges", "expresses", "commends", "underlines", "underscores",
    "affirms", "condemns", "deplores", "regrets", "approves", "adopts", "endorses",
    "considers", "agrees", "thanks", "appreciates", "highlights", "observes", "looks forward",
    "pays tribute", "takes into account", "confirms", "supports", "shares", "accepts",
    "concurs", "draws attention", "calls attention", "is convinced", "remains convinced",
    "bears in mind", "congratulates", "believes", "declares", "applauds", "praises",
)  # fmt: skip

_FRENCH_VERBS: list[Verb] = [
    # "Demande" is "requests" in ICC-ASP texts.
    *_requests("urges", "prie instamment", "demande instamment", "invite instamment"),
    *_requests("urges", "exhorte", "engage instamment"),
    *_requests("requests", "prie", "demande"),
    *_requests("calls_upon", "appelle", "lance un appel", "lance un nouvel appel", "engage"),
    *_requests("invites", "invite"),
    *_requests("encourages", "encourage"),
    *_requests("decides", "décide"),
    *_requests("mandates", "charge", "mandate"),
    *_requests("recommends", "recommande"),
    *_requests("authorizes", "autorise"),
    *_requests("demands", "exige", "enjoint"),
    *_neutral(*_FRENCH_NEUTRAL),
    *_recall("rappelle", "réaffirme", "réitère", "renouvelle"),
]

_ENGLISH_VERBS: list[Verb] = [
    *_requests("urges", "urges", language="en"),
    *_requests("requests", "requests", "requests further", "requests also", "asks", language="en"),
    *_requests("calls_upon", "calls upon", "calls on", "appeals to", "appeals", language="en"),
    # An adverb may stand inside the verb: "Calls once again upon all States".
    *_requests(
        "calls_upon",
        *(
            f"{verb} {adverb} {particle}"
            for verb, particle in (("calls", "upon"), ("calls", "on"), ("appeals", "to"))
            for adverb in (
                "also",
                "again",
                "once again",
                "once more",
                "further",
                "therefore",
                "furthermore",
                "moreover",
                "likewise",
                "similarly",
                "strongly",
            )
        ),
        language="en",
    ),  # fmt: skip
    *_requests("invites", "invites", language="en"),
    *_requests("encourages", "encourages", language="en"),
    *_requests("decides", "decides", "resolves", language="en"),
    *_requests("mandates", "mandates", "entrusts", "directs", "instructs", "tasks", language="en"),
    *_requests("recommends", "recommends", language="en"),
    *_requests("authorizes", "authorizes", "authorises", language="en"),
    *_requests("demands", "demands", language="en"),
    *_neutral(*_ENGLISH_NEUTRAL, language="en"),
    *_recall("recalls", "reaffirms", "reiterates", "renews", language="en"),
]

VERBS: list[Verb] = _FRENCH_VERBS + _ENGLISH_VERBS

# Words between a boundary and an operative verb ("and also requests", "; further decides").
PRE_VERB_ADVERBS = [
    "also", "further", "furthermore", "strongly", "again", "once again", "hereby",
    "therefore", "finally", "moreover", "likewise", "similarly", "accordingly", "in addition",
    "additionally", "in this regard", "in that regard", "to that end", "to this end",
    "in this context", "in that context", "once more", "urgently",
]  # fmt: skip

# Words right after an operative verb that do not change its meaning ("Demande également").
POST_VERB_ADVERBS = [
    "également", "aussi", "en outre", "de nouveau", "à nouveau", "encore", "une fois de plus",
    "une nouvelle fois", "vivement", "fermement", "donc", "par ailleurs", "enfin",
    "en conséquence", "further", "also", "again", "once again", "once more", "strongly",
    "hereby", "therefore", "furthermore", "accordingly",
]  # fmt: skip

# Renewal adverbs: a request made "again" renews an earlier one.
RENEWAL_ADVERBS = {"de nouveau", "à nouveau", "une fois de plus", "une nouvelle fois", "encore"}
RENEWAL_ADVERBS |= {"again", "once again", "once more"}

# Nouns of an earlier request recalled by RECALL verbs ("Rappelle la demande adressée à
# la Cour", "Reiterates its call upon States"), and the action they stand for.
RECALLED_REQUEST_NOUNS = {
    "demande": "requests",
    "demandes": "requests",
    "requête": "requests",
    "request": "requests",
    "requests": "requests",
    "invitation": "invites",
    "invitations": "invites",
    "appel": "calls_upon",
    "appels": "calls_upon",
    "call": "calls_upon",
    "calls": "calls_upon",
    "appeal": "calls_upon",
    "encouragement": "encourages",
    "exhortation": "urges",
}

# Past forms of request verbs inside a recall ("Recalls paragraph 15 ..., in which it
# requested the Court to ..."; "... pour la prier de soumettre").
PAST_REQUEST_FORMS = {
    "requested": "requests",
    "invited": "invites",
    "urged": "urges",
    "called upon": "calls_upon",
    "called on": "calls_upon",
    "encouraged": "encourages",
    "a prié": "requests",
    "avait prié": "requests",
    "a demandé": "requests",
    "avait demandé": "requests",
    "a invité": "invites",
    "a engagé": "calls_upon",
    "a encouragé": "encourages",
    "a exhorté": "urges",
}

# Urgency of a request (matched on folded text: lower case, no accents).
URGENCY_PATTERNS = [
    r"de toute urgence",
    # The words that may not come before are looked behind at from the end of the phrase:
    # an alternative that opens with a look-behind is tried at every word, one that opens
    # with a letter only where that letter is.
    r"d'urgence(?<!situations d'urgence)(?<!situation d'urgence)(?<!fonds d'urgence)"
    r"(?<!mesures d'urgence)(?<!cas d'urgence)(?<!etat d'urgence)",
    r"sans (?:plus (?:de|tarder) )?delai",
    r"sans tarder",
    r"dans les (?:meilleurs|plus brefs) delais",
    r"des que possible",
    r"as a matter of urgency",
    r"(?:without|with no) (?:further |undue )?delay",
    r"urgently",
    r"as soon as possible",
    r"at the earliest possible (?:date|opportunity)",
]

# Deliverables recognised inside a clause, as head nouns (folded).
DELIVERABLE_NOUNS = [
    "rapport", "rapports", "report", "reports", "proposition", "propositions", "proposal",
    "proposals", "recommandation", "recommandations", "recommendation", "recommendations",
    "etude", "study", "plan", "plan d'action", "action plan", "strategie", "strategy",
    "evaluation", "assessment", "projet de resolution", "draft resolution", "note",
    "mise a jour", "update", "analyse", "analysis", "bilan", "compte rendu", "information",
    "informations", "options", "feuille de route", "roadmap", "road map", "directives",
    "guidelines", "budget", "projet de budget", "proposed budget", "document",
]  # fmt: skip
