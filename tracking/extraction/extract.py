"""Suggested mandates of an operative paragraph.

For each clause of the paragraph (one per operative verb, see ``clauses``):
the action comes from the verb, the addressees from the noun phrase right after it (its
object, or the subject of a "que"/"that" clause), the deadline from ``find_deadline``
on the clause, urgency from a few fixed phrases. Verbs that ask nothing give nothing,
except a recalled request ("Rappelle la demande adressée à la Cour ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracking.deadlines import DeadlineExpr, find_deadline, fold, lower_aligned
from tracking.extraction.actors import (
    ActorAliases,
    ActorMatch,
    ActorMatcher,
    ActorsInText,
    default_aliases,
    matcher_for,
)
from tracking.extraction.clauses import Clause, split_clauses, verb_pattern
from tracking.extraction.lexicon import (
    DELIVERABLE_NOUNS,
    NEUTRAL,
    PAST_REQUEST_FORMS,
    RECALL,
    RECALLED_REQUEST_NOUNS,
    URGENCY_PATTERNS,
)
from tracking.extraction.states import state_aliases
from tracking.extraction.wordstart import WordStartPattern, literal_alternation

DELIVERABLE_MAX = 200


@dataclass(frozen=True)
class SuggestedMandate:
    addressees: tuple[str, ...]
    action: str
    deadline: DeadlineExpr | None
    urgent: bool
    deliverable: str
    clause: str
    recalls: str | None  # "ICC-ASP/10/Res.2 §15" when an earlier request is recalled/renewed

    def to_gold_dict(self, *, well_before: bool = False) -> dict:
        """The mandate in the gold-file schema.

        The seed gold file records "bien avant sa douzième session" as a plain "before"
        deadline, so ``well_before`` is written (only when true) on request.
        """
        deadline = None
        if self.deadline is not None:
            deadline = {"relation": str(self.deadline.relation), "session": self.deadline.session}
            if self.deadline.date is not None:
                deadline["date"] = self.deadline.date.isoformat()
            if well_before and self.deadline.well_before:
                deadline["well_before"] = True
        return {
            "addressees": list(self.addressees),
            "action": self.action,
            "deadline": deadline,
            "urgent": self.urgent,
        }


# --------------------------------------------------------------------------- addressees
# Patterns on folded text (lower case, no accents, straight apostrophes).

_FRENCH_INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")
# Words ending like an infinitive that are not verbs (after "à"/"de" in a noun phrase).
_NOT_INFINITIVES = {
    "titre", "ordre", "cadre", "membre", "lettre", "nombre", "centre", "chambre", "libre",
    "autre", "autres", "entre", "contre", "notre", "votre", "premier", "dernier", "avenir",
    "desir", "plaisir", "loisir", "souvenir", "mer", "hiver", "hier", "cher", "ministre",
    "registre", "chapitre", "semestre", "trimestre", "maitre", "guerre", "terre", "pierre",
    "pouvoir", "devoir", "espoir", "dossier", "papier", "calendrier", "financier",
    "particulier", "quartier", "foyer", "leur", "leurs", "sur", "pour", "par", "tiers",
}  # fmt: skip
_NOUN_ENDINGS = ("aire", "oire", "ure", "ere", "rre")
_INFINITIVE_VERBS_WITH_NOUN_ENDINGS = {
    "faire", "extraire", "soustraire", "croire", "conclure", "inclure", "exclure", "boire",
}  # fmt: skip
# Each marker is looked behind from its end ("to(?<![\w']to)" rather than "(?<![\w'])to"):
# a pattern that opens with letters lets the regular expression engine jump between the
# places holding them, where one that opens with a look-behind is tried at every character.
_FRENCH_MARKER = re.compile(
    r"(?:a(?<![\w']a)|de(?<![\w']de)|d'(?<![\w']d'))"
    r"\s*((?:(?:ne\s+pas|n'|se|s'|l'|la|le|les|leur|lui|y|en)\s*)*)([a-z]+)"
)
_ENGLISH_TO = re.compile(r"to(?<![\w']to)\s+([a-z]+)")
_NOT_ENGLISH_VERBS = {
    "the", "its", "their", "this", "that", "these", "those", "a", "an", "all", "any", "each",
    "every", "other", "such", "his", "her", "our", "your", "date", "which", "whom", "what",
    "both", "some", "one", "two", "three", "states", "state", "non", "national", "regional",
    "international", "relevant", "victims", "civil",
}  # fmt: skip

_STOP_WORDS = [
    # relative pronouns: what follows describes the addressee, it is not one
    r"qui", r"(?<!ainsi )(?<!meme )(?<!plus )que", r"(?<!ainsi )qu'", r"dont",
    r"lesquel(?:le)?s?", r"laquelle", r"who", r"which", r"that", r"whose", r"whom",
    # adjuncts: partners, channels, purposes are not addressees
    r"en (?:consultation|cooperation|collaboration|coordination|liaison|concertation) avec",
    r"avec", r"with", r"through", r"par", r"by", r"en vertu", r"under", r"pursuant",
    r"conformement", r"in accordance", r"entre", r"between", r"among", r"amongst", r"parmi",
    r"pour", r"for", r"afin", r"in order", r"so as", r"en vue", r"notamment",
    r"in particular", r"en particulier", r"particulierement", r"especially", r"including",
    r"y compris", r"dans", r"in", r"au sein", r"within", r"sur", r"on", r"aupres", r"lors",
    r"during", r"at", r"a l'occasion", r"ainsi qu'il", r"as appropriate", r"as necessary",
    r"selon", r"aux fins", r"s'il y a lieu", r"le cas echeant", r"where appropriate",
]  # fmt: skip
_STOP_RE = re.compile(r"[;:(]|(?<![\w'-])(?:" + "|".join(_STOP_WORDS) + r")(?![\w'-])")
# Finite verbs that end the subject of a "que"/"that" clause.
_FINITE_RE = re.compile(
    r"(?<![\w'-])(?:shall|should|will|would|may|must|is|are|be|continues?|has|have|doit"
    r"|doivent|devra|devront|devrait|peut|peuvent|est|sont|soit|soient|sera|seront"
    r"|\w+(?:era|ira|ra|ront))(?![\w'-])"
)
_THAT_RE = re.compile(r"\s*,?\s*(?:que\s+|qu'|that\s+)")
# Objects that point back to an actor named earlier in the paragraph.
_PRONOUN_RE = re.compile(r"\s*(?:them|it|him|her|celui-ci|celle-ci|ceux-ci|celles-ci)(?![\w-])")
_SHORT_REFERENCE_RE = re.compile(r"\s*(?:the|le|la|l')\s*([a-z]+)(?![\w'-])")
_PARENTHETICAL_RE = re.compile(r"\s*,[^,;]{1,80},")

# Words allowed between addressees ("les États Parties et les autres États") or before
# the first one ("l'ensemble des", "all relevant", "les organes de").
_GLUE = {
    "le", "la", "les", "l'", "des", "du", "de", "d'", "the", "all", "tous", "toutes", "tout",
    "ensemble", "chacun", "chaque", "each", "every", "any", "its", "their", "ses", "leurs",
    "relevant", "concerned", "interested", "concernes", "concernees", "interesses",
    "interessees", "competents", "competentes", "pertinents", "pertinentes", "respective",
    "respectifs", "respectives", "of", "et", "and", "ou", "or", "ainsi", "que", "as", "well",
    "meme", "plus", "also", "egalement", "aussi", "both", "a", "au", "aux", "other", "those",
    "these", "ces", "such", "autres",
}  # fmt: skip
_PART_OF = {
    "organes", "organs", "organ", "membres", "members", "autorites", "authorities",
    "gouvernements", "governments", "representants", "representatives", "institutions",
    "services", "bureaux", "offices", "agencies", "organismes", "sections", "units",
    "unites", "points", "focaux", "focal", "chef", "chefs", "head", "heads", "government",
    "gouvernement",
}  # fmt: skip


_COORDINATORS = {",", "et", "and", "ou", "or", "ainsi", "well", "meme", "/"}


def _is_french_infinitive(word: str) -> bool:
    if word in _INFINITIVE_VERBS_WITH_NOUN_ENDINGS:
        return True
    if word in _NOT_INFINITIVES or word.endswith(_NOUN_ENDINGS):
        return False
    return word.endswith(_FRENCH_INFINITIVE_ENDINGS) and len(word) > 3


def _outside(spans: list[ActorMatch]):
    """Predicate: is an index outside every actor name ("Trust Fund *for* Victims")?"""
    return lambda index: not any(span.start <= index < span.end for span in spans)


def _infinitive_start(
    text: str, folded: str, start: int, end: int, french: bool, spans: list[ActorMatch]
) -> int:
    """Index of the first infinitive marker ("à ratifier", "d'examiner", "to submit")."""
    outside = _outside(spans)
    if french:
        for match in _FRENCH_MARKER.finditer(folded, start, end):
            if _is_french_infinitive(match.group(2)) and outside(match.start()):
                return match.start()
        return end
    for match in _ENGLISH_TO.finditer(folded, start, end):
        word = match.group(1)
        # A verb after "to" is in lower case in the original ("to Member States" is not).
        verb = word not in _NOT_ENGLISH_VERBS and text[match.start(1)].islower()
        if verb and outside(match.start()):
            return match.start()
    return end


def _first_outside(pattern: re.Pattern[str], folded: str, start: int, end: int, spans) -> int:
    outside = _outside(spans)
    return next(
        (m.start() for m in pattern.finditer(folded, start, end) if outside(m.start())), end
    )


def _region_end(
    text: str, folded: str, start: int, end: int, french: bool, subject: bool, spans
) -> int:
    """End of the noun phrase that names the addressees."""
    stops = [
        _infinitive_start(text, folded, start, end, french, spans),
        _first_outside(_STOP_RE, folded, start, end, spans),
    ]
    if subject:
        stops.append(_first_outside(_FINITE_RE, folded, start, end, spans))
    return min(stops)


_TOKEN_RE = re.compile(r"[a-z]+'?|[/,]")
# Words that narrow the first addressee without changing who it is: "African States",
# "interested Member States", "the Latin American and Caribbean States" is two words more.
_QUALIFIERS = {
    "interested", "donor", "neighbouring", "neighboring", "affected", "developed",
    "developing", "individual", "coastal", "landlocked", "signatory", "concerned",
    "remaining", "contracting", "participating",
}  # fmt: skip
_MAX_QUALIFIERS = 3


def _tokens(gap: str) -> list[str]:
    return _TOKEN_RE.findall(gap)


def _without_qualifiers(text: str, folded: str, start: int, end: int) -> list[str]:
    """Tokens of ``folded[start:end]`` without the qualifiers that end it.

    A qualifier is a word of ``_QUALIFIERS`` or a capitalised word ("African").
    """
    found = list(_TOKEN_RE.finditer(folded, start, end))
    kept = len(found)
    while kept and len(found) - kept < _MAX_QUALIFIERS:
        token = found[kept - 1]
        if token.group() not in _QUALIFIERS and not text[token.start()].isupper():
            break
        kept -= 1
    return [token.group() for token in found[:kept]]


def _without_trailing_adjectives(tokens: list[str]) -> list[str]:
    """A gap after an addressee without the one or two words that qualify it before a
    coordinator: "les États *africains* et les organisations régionales"."""
    for count in (1, 2):
        coordinated = len(tokens) > count and tokens[count] in _COORDINATORS
        if coordinated and not any(t in _GLUE or t in _COORDINATORS for t in tokens[:count]):
            return tokens[count:]
    return tokens


def _chain(text: str, folded: str, start: int, matches: list[ActorMatch]) -> tuple[str, ...]:
    """Addressees: the actors at the head of the noun phrase, joined by "et"/"and"/",".

    An actor after a non-coordinating gap is a complement ("the Hague Working Group
    *of the Bureau*") and is skipped; any other word ends the list.
    """
    keys: list[str] = []
    position = start
    for match in matches:
        if folded.startswith(("'s", "' s"), match.end):
            continue  # possessive: "the Court's budget"
        if keys:
            tokens = _tokens(folded[position : match.start])
        else:
            tokens = _without_qualifiers(text, folded, position, match.start)
        if keys and tokens and tokens[0] in _PART_OF:
            tokens = tokens[1:]  # "State organs, international organizations and ..."
        if keys:
            tokens = _without_trailing_adjectives(tokens)
        allowed = _GLUE if keys else _GLUE | _PART_OF
        if not all(t in allowed or t in ("/", ",") for t in tokens):
            break
        position = match.end
        if keys and not _COORDINATORS.intersection(tokens):
            continue
        match_keys = match.keys
        if keys and "states_parties" not in keys and _is_other_states(folded, match):
            # "the nuclear-weapon States and all other States": other than those named,
            # not other than the States Parties.
            match_keys = ("states",)
        keys.extend(k for k in match_keys if k not in keys)
    return tuple(keys)


_OTHER_STATES_RE = re.compile(r"(?:other|autres)\s+(?:states|etats)$")


def _is_other_states(folded: str, match: ActorMatch) -> bool:
    return match.keys == ("non_party_states",) and bool(
        _OTHER_STATES_RE.search(folded, match.start, match.end)
    )


@dataclass(frozen=True)
class _Context:
    """What the paragraph said before a clause, to resolve "them", "the Fund"..."""

    earlier: tuple[ActorMatch, ...] = ()  # actor names before the clause
    previous: tuple[str, ...] = ()  # addressees of the previous mandate


# "those that have not yet ratified": some of the actors named before.
_THOSE_RE = re.compile(r"\s*(?:those|ceux|celles)\s*,?\s*(?:that|which|who|qui)(?![\w'-])")


def _antecedent(folded: str, start: int, end: int, context: _Context) -> tuple[str, ...]:
    """Actor meant by a pronoun or a short reference ("requests it", "prie le Fonds")."""
    if _PRONOUN_RE.match(folded, start, end) or _THOSE_RE.match(folded, start):
        if context.previous:
            return context.previous
        return context.earlier[-1].keys if context.earlier else ()
    if short := _SHORT_REFERENCE_RE.match(folded, start, end):
        word = short.group(1)
        for match in reversed(context.earlier):
            if re.search(rf"(?<![\w-]){word}(?![\w-])", folded[match.start : match.end]):
                return match.keys
    return ()


# A request may name its addressees inside a noun phrase: "Encourages further efforts *by*
# the United Nations and States", "the widest possible participation *of* States in",
# "la coopération *entre* les organes de l'État et la société civile".
_ACTIVITY_NOUNS = [
    "efforts?", "participation", "co-?operation", "collaboration", "engagements?",
    "involvement", "contributions?", "support", "initiatives?", "actions?", "commitments?",
    "work", "adherence", "accession", "ratification", "dialogue", "coordination",
    "partnerships?", "consultations?", "steps", "measures", "implication", "soutien",
    "appui", "mesures", "travail", "travaux", "adhesion", "partenariats?", "concours",
    "mobilisation", "mobilization",
]  # fmt: skip
_ACTIVITY_RE = re.compile(
    r"\s*(?!(?:to|de|d'|a)\s)(?:(?:the|its|their|a|an|la|le|les|l'|une?|des|de|d')\s*)?"
    r"(?:(?!to\s)[a-z-]+\s+){0,3}?"
    rf"(?P<noun>{'|'.join(_ACTIVITY_NOUNS)})"
    r"(?:\s+(?:made|undertaken|deployed|deployes|deployees|entrepris(?:es)?"
    r"|(?:la|le)\s+plus\s+(?:large|grande?|vaste|active)(?:\s+possible)?))?"
    r"\s+(?:by|of|among|amongst|between|from|on the part of|de la part (?:des|de|du|d')"
    r"|par|entre|parmi|des|du|de|d')(?![\w'-])\s*"
)


def _activity_holders(folded: str, start: int, end: int, spans: list[ActorMatch]) -> int:
    """Where the holders of an activity noun phrase are named, or ``start`` if none.

    Only when no actor is named before the noun ("Encourages the Secretariat to increase
    cooperation among" is addressed to the Secretariat).
    """
    for _hop in range(2):  # "la poursuite des efforts de ..."
        activity = _ACTIVITY_RE.match(folded, start, end)
        if activity is None or any(span.start < activity.end("noun") for span in spans):
            break
        start = activity.end()
        spans = [span for span in spans if span.start >= start]
    return start


# States narrowed by a relative clause to those not (yet) parties to an instrument:
# "all States ... that are not yet parties to the Rome Statute", "Member States that have
# not yet taken the steps necessary to become party to", "qui n'ont pas encore ratifié".
_NOT_PARTY_RE = re.compile(
    r"(?<![\w'-])(?:that|which|who)\s+(?:are|is|have|has)\s+not\s+(?:yet\s+)?"
    r"(?:(?:become|been)\s+)?part(?:y|ies)(?![\w-])"
    r"|(?<![\w'-])(?:that|which|who)\s+(?:have|has)\s+not\s+(?:yet\s+)?(?:ratified|acceded"
    r"|adhered|signed|joined|become\s+part(?:y|ies)|taken\s+the\s+(?:necessary\s+)?steps"
    r"(?:\s+necessary)?\s+to\s+become\s+part(?:y|ies))(?![\w-])"
    r"|(?<![\w'-])qui\s+ne\s+sont\s+pas\s+(?:encore\s+)?(?:devenue?s?\s+)?parties(?![\w-])"
    r"|(?<![\w'-])qui\s+n'\s*ont\s+pas\s+(?:encore\s+)?(?:ratifie|adhere|signe|rejoint)"
)
# "that have not yet done so to ratify": the infinitive says what was not done.
_NOT_DONE_RE = re.compile(
    r"(?<![\w'-])(?:that|which|who)\s+(?:have|has)\s+not\s+(?:yet\s+)?done\s+so(?![\w-])"
    r"|(?<![\w'-])qui\s+ne\s+l'\s*ont\s+pas\s+(?:encore\s+)?fait(?![\w-])"
)
_JOINING_RE = re.compile(
    r"\s*,?\s*(?:to|a|de|d')\s*"
    # "to sign, ratify, accept, approve or accede to"
    r"(?:(?:sign|ratify|accept|approve|signer|ratifier|accepter|approuver)\s*(?:,|and|or|et|ou)"
    r"\s*)*(?:ratify|accede|adhere"
    r"|join|become\s+part(?:y|ies)|ratifier|adherer|devenir\s+parties?)(?![\w-])"
    # "to ratify them": the amendments of a treaty they may already be party to.
    r"(?!\s+(?:them|it|these|those)(?![\w-]))"
)
_STATES_NARROWED = {"states", "member_states"}


def _not_parties(folded: str, start: int, asked: int, end: int) -> bool:
    """Whether the States named at ``start`` are narrowed to those not parties.

    The relative clause starts before what is asked (``asked``), and may run into it
    ("that have not yet taken the steps necessary *to become party*").
    """
    segment = folded[start:end]
    if "not" not in segment and "qui" not in segment:
        return False  # every pattern below holds one of these words
    relative = _NOT_PARTY_RE.search(folded, start, end)
    if relative and relative.start() < asked:
        return True
    done = _NOT_DONE_RE.search(folded, start, end)
    return bool(done and done.start() < asked and _JOINING_RE.match(folded, done.end()))


def _addressees(
    text: str, folded: str, start: int, end: int, matcher: ActorsInText, french: bool,
    context: _Context = _Context(),
) -> tuple[tuple[str, ...], int]:  # fmt: skip
    """Addressees named right after ``start``, and where the thing asked is stated.

    That is the infinitive after the addressees ("à ratifier ..."), or the whole
    "que"/"that" clause ("que l'Assemblée introduira ...").
    """
    if parenthetical := _PARENTHETICAL_RE.match(folded, start, end):
        start = parenthetical.end()  # "décide, à cette fin, que ..."
    subject = False
    if that := _THAT_RE.match(folded, start, end):
        start, subject = that.end(), True
    spans = matcher.find(folded, start, end)
    if not subject and (holders := _activity_holders(folded, start, end, spans)) != start:
        start = holders
        spans = matcher.find(folded, start, end)
    region_end = _region_end(text, folded, start, end, french, subject, spans)
    addressees = _chain(text, folded, start, [m for m in spans if m.end <= region_end])
    if not addressees and not subject:
        addressees = _antecedent(folded, start, region_end, context)
    asked = start if subject else _infinitive_start(text, folded, start, end, french, spans)
    narrowable = not subject and _STATES_NARROWED.intersection(addressees)
    if narrowable and _not_parties(folded, start, asked, end):
        addressees = tuple(
            dict.fromkeys(
                "non_party_states" if key in _STATES_NARROWED else key for key in addressees
            )
        )
    return addressees, (region_end if asked >= end else asked)


_TO_RE = re.compile(r"(?<![\w'-])(?:to|a|aux|au)\s+")


def _recommended_to(
    text: str, folded: str, start: int, end: int, matcher: ActorsInText, french: bool
) -> tuple[str, ...]:
    """Addressees of "Recommends the guidelines *to all Member States* for implementation"."""
    for to in _TO_RE.finditer(folded, start, end):
        spans = matcher.find(folded, to.end(), end)
        if not spans or spans[0].start != to.end():
            continue
        region_end = _region_end(text, folded, to.end(), end, french, False, spans)
        if addressees := _chain(text, folded, to.end(), [m for m in spans if m.end <= region_end]):
            return addressees
    return ()


# --------------------------------------------------------------------------- recalls

_RECALLED_NOUN_RE = re.compile(
    r"\s*(?:(?:sa|la|ses|les|son|its|the|their|his|her)\s+)?(?:(?:\w+)\s+)?("
    + "|".join(sorted(map(fold, RECALLED_REQUEST_NOUNS), key=len, reverse=True))
    + r")(?![\w-])"
)
_RECALLED_NOUNS_FOLDED = {fold(k): v for k, v in RECALLED_REQUEST_NOUNS.items()}
# What may separate the recalled noun from its addressee: "adressée", "made", "contained
# in paragraph 15 of resolution X,".
_RECALL_LINK_RE = re.compile(
    r"\s*,?\s*(?:(?:qu'elle a |qu'il a |qu'elle avait )?"
    r"(?:adressee?s?|faite?s?|formulee?s?|lancee?s?)"
    r"|made|addressed|extended|issued|contained in[^,;]*,|figurant[^,;]*,|formulated)?"
)
_PAST_REQUEST_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(verb_pattern(f) for f in sorted(PAST_REQUEST_FORMS, key=len, reverse=True))
    + r")(?![\w-])"
)
_SYMBOL = r"(?:[A-Z][A-Z-]*(?:/[\w.]+)+|\d{1,3}/\d{1,4})"
_CITATIONS = [
    # "paragraphe 15 de la résolution ICC-ASP/10/Res.2", "paragraph 15 of resolution 79/1"
    re.compile(
        r"paragraph(?:e|s|es)?\s+(?P<par>\d+)\s+(?:de|of)\s+(?:(?:la|sa|its|the)\s+)?"
        rf"r[ée]solution\s+(?P<sym>{_SYMBOL})",
        re.IGNORECASE,
    ),
    # "ICC-ASP/10/Res.2, para. 15"
    re.compile(rf"(?P<sym>{_SYMBOL})\s*,?\s*(?:paragraphe|paragraph|para\.?|§)\s*(?P<par>\d+)"),
    # "résolution ICC-ASP/10/Res.2"
    re.compile(rf"r[ée]solution\s+(?P<sym>{_SYMBOL})", re.IGNORECASE),
]


def citation(clause: str) -> str:
    """Earlier decision cited by a clause: "ICC-ASP/10/Res.2 §15", "A/RES/79/1", or ""."""
    for pattern in _CITATIONS:
        if match := pattern.search(clause):
            symbol = match.group("sym").rstrip(".,")
            paragraph = match.groupdict().get("par")
            return f"{symbol} §{paragraph}" if paragraph else symbol
    return ""


_RECALL_TO_RE = re.compile(r"\s*(?:a|aux|au|to|upon|on)(?![\w'-])")


def _recalled_request(folded: str, clause: Clause) -> tuple[str, int] | None:
    """(action, index where the addressees start) of a request recalled by a RECALL verb.

    The addressee must be introduced ("la demande adressée à la Cour", "its request to
    the Court", "its request ... that the Court submit"): "les demandes de la Cour" are
    the Court's own requests.
    """
    noun = _RECALLED_NOUN_RE.match(folded, clause.verb_end, clause.end)
    if not noun:
        return None
    link = _RECALL_LINK_RE.match(folded, noun.end(), clause.end)
    position = link.end() if link else noun.end()
    if to := _RECALL_TO_RE.match(folded, position, clause.end):
        position = to.end()
    elif not _THAT_RE.match(folded, position, clause.end):
        return None
    return _RECALLED_NOUNS_FOLDED[noun.group(1)], position


def _past_request(lowered: str, clause: Clause) -> tuple[str, int] | None:
    """A past request inside a recall: "..., in which it requested the Court to ..."."""
    match = _PAST_REQUEST_RE.search(lowered, clause.verb_end, clause.end)
    if not match:
        return None
    return PAST_REQUEST_FORMS[" ".join(match.group(0).split())], match.end()


# --------------------------------------------------------------------------- details

# One boundary check around all the phrases, so that each position is tried once.
_URGENCY_RE = WordStartPattern(rf"(?:{'|'.join(URGENCY_PATTERNS)})(?![\w-])")
_DELIVERABLE_RE = WordStartPattern(
    r"(?:un|une|des|le|la|les|l'|a|an|the|its|their|son|sa|ses|leur|leurs)\s*"
    # A word is taken whole ("++": it is followed by a space, which it cannot hold).
    r"(?:[\w-]++\s+){0,2}?(?:" + literal_alternation(DELIVERABLE_NOUNS) + r")(?![\w-])",
    not_before=r"\w'-",
)


_DELIVERABLE_END_RE = re.compile(r"[,;]|\s(?:et|and)\s")
_LEADING_MARKER_RE = re.compile(r"^\W*(?:à|a|de|d['’]|to|que|qu['’]|that)\s*")


def _shorten(text: str, limit: int = DELIVERABLE_MAX) -> str:
    text = _clean_clause(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;") + "…"


def _deliverable(
    text: str, folded: str, start: int, end: int, deadline: DeadlineExpr | None
) -> str:
    """What is to be delivered: "un rapport à ce sujet à l'Assemblée", else the request."""
    match = _DELIVERABLE_RE.search(folded, start, end)
    if match:
        stop = end
        if comma := _DELIVERABLE_END_RE.search(folded, match.end(), end):
            stop = comma.start()
        if deadline and deadline.text:
            at = text.find(deadline.text, match.start(), end)
            stop = min(stop, at) if at >= 0 else stop
        return _shorten(text[match.start() : stop], 120)
    return _shorten(_LEADING_MARKER_RE.sub("", text[start:end]))


_JOINT_CHARS = " ,;."


def _clean_clause(text: str) -> str:
    """Clause text without the joints to the next clause (", et", "; and")."""
    text = " ".join(text.split()).rstrip(_JOINT_CHARS)
    for word in ("et", "and"):
        before = len(text) - len(word)
        if text.endswith(word) and (before == 0 or not _is_word_char(text[before - 1])):
            return text[:before].rstrip(_JOINT_CHARS)
    return text


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# --------------------------------------------------------------------------- entry point


def _mandate(
    text: str, folded: str, lowered: str, clause: Clause, matcher: ActorsInText,
    french: bool, session: int | None, context: _Context, decider: str,
) -> SuggestedMandate | None:  # fmt: skip
    verb = clause.verb
    if verb.kind == NEUTRAL:
        return None
    clause_text = text[clause.start : clause.end]
    if verb.kind == RECALL:
        recalled = _recalled_request(folded, clause) or _past_request(lowered, clause)
        if recalled is None:
            return None
        action, start = recalled
        recalls = citation(clause_text)
    else:
        action, start = verb.action, clause.verb_end
        recalls = citation(clause_text) if clause.renewal else None
    if clause.clitic:  # "et l'invite à ...": whom the paragraph spoke of before
        addressees = context.previous or (context.earlier[-1].keys if context.earlier else ())
        rest = start
    else:
        addressees, rest = _addressees(text, folded, start, clause.end, matcher, french, context)
    if not addressees and action == "recommends":
        addressees = _recommended_to(text, folded, start, clause.end, matcher, french)
    if not addressees:
        if action != "decides":
            return None  # nobody to follow up: "Demande la libération immédiate de ..."
        addressees = (decider,)  # "Décide de ...": the body decides for itself
    # The deadline is the one governed by the request: for a recalled request, what follows
    # the request itself ("recalls that the Assembly, at its tenth session, requested ...").
    governed = text[start : clause.end] if verb.kind == RECALL else clause_text
    deadline = find_deadline(governed, "fr" if french else "en", current_session=session)
    return SuggestedMandate(
        addressees=addressees,
        action=action,
        deadline=deadline,
        urgent=bool(_URGENCY_RE.search(folded, clause.start, clause.end)),
        deliverable=_deliverable(text, folded, rest, clause.end, deadline),
        clause=_clean_clause(clause_text),
        recalls=recalls,
    )


def deciding_actor(body: str, actors: list[ActorAliases] | None = None) -> str:
    """Actor key of the body adopting a resolution ("General Assembly"), "assembly" if unknown.

    The body named by the resolution's header is the one that decides for itself.
    """
    matcher = _matcher(default_aliases() if actors is None else actors)
    folded = fold(body or "")
    found = matcher.find(folded)
    if found and found[0].start == 0 and len(found[0].keys) == 1:
        return found[0].keys[0]
    return "assembly"


_given_matchers: dict[tuple[int, int], tuple] = {}  # (actors, States, matcher) by their ids


def _matcher(actors: list[ActorAliases], states: tuple[ActorAliases, ...] = ()) -> ActorMatcher:
    """The matcher for these actors and States. A tuple of actors cannot change: the same
    tuple gets its matcher again without being copied and hashed (an import passes the
    registry's hundred actors for every paragraph)."""
    if isinstance(actors, tuple):
        held = _given_matchers.get((id(actors), id(states)))
        if held is not None and held[0] is actors and held[1] is states:
            return held[2]
    matcher = matcher_for(tuple(ActorAliases(a.key, tuple(a.aliases)) for a in actors) + states)
    if isinstance(actors, tuple):
        if len(_given_matchers) >= 8:
            _given_matchers.clear()
        _given_matchers[(id(actors), id(states))] = (actors, states, matcher)
    return matcher


_default_slot: list = [None, None]  # (States it was built with, matcher)


def _default_matcher(states: tuple[ActorAliases, ...] = ()) -> ActorMatcher:
    """The shipped registry and the given States, built once per list of States."""
    if _default_slot[0] is not states:
        _default_slot[:] = [states, matcher_for(tuple(default_aliases()) + states)]
    return _default_slot[1]


def extract_mandates(
    text: str,
    *,
    language: str,
    actors: list[ActorAliases] | None = None,
    session: int | None = None,
    decider: str = "assembly",
    states: tuple[ActorAliases, ...] | None = None,
) -> list[SuggestedMandate]:
    """Mandates suggested by one operative paragraph's text, in text order.

    ``actors`` defaults to the shipped registry; ``session`` (the session adopting the
    resolution), when known, lets "next session" be numbered and past sessions ignored;
    ``decider`` is the actor key of the adopting body, the addressee of "Decides to ..."
    (see ``deciding_actor``); ``states`` are the single States recognised as addressees
    (keys ``state:ISO3``), by default those of the States registry's file.
    """
    states = state_aliases() if states is None else tuple(states)
    matcher = _default_matcher(states) if actors is None else _matcher(actors, states)
    folded, lowered = fold(text), lower_aligned(text)
    french = (language or "").lower().startswith("fr")
    names = matcher.in_text(folded)  # scanned once for the clauses' names too
    named = names.find(folded)
    mandates: list[SuggestedMandate] = []
    previous: tuple[str, ...] = ()
    for clause in split_clauses(text, language):
        context = _Context(
            earlier=tuple(m for m in named if m.end <= clause.start), previous=previous
        )
        mandate = _mandate(text, folded, lowered, clause, names, french, session, context, decider)
        if mandate is not None:
            mandates.append(mandate)
            previous = mandate.addressees
        elif clause.verb.kind == NEUTRAL:
            # "Congratulates the States Parties ..., and calls upon them": a pronoun
            # points back to whom the previous clause spoke of.
            spoken_of = _chain(
                text, folded, clause.verb_end, names.find(folded, clause.verb_end, clause.end)
            )
            previous = spoken_of or previous
    return mandates
