"""The default actor registry and alias matching.

``DEFAULT_ACTORS`` seeds the database; the extraction works from a list of
``ActorAliases`` (the database's registry once seeded). Aliases are matched on folded
text (case and accents ignored, curly and straight apostrophes alike) on word
boundaries, the longest alias first: "Bureau du Procureur" is the Office of the
Prosecutor, not the Bureau; "États non parties" is not "États".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracking.deadlines import fold


@dataclass(frozen=True)
class ActorAliases:
    key: str
    aliases: tuple[str, ...]


def _actor(key, name_en, name_fr, parent, *aliases):
    return {"key": key, "name_en": name_en, "name_fr": name_fr, "parent": parent,
            "aliases": [name_en, name_fr, *aliases]}  # fmt: skip


DEFAULT_ACTORS: list[dict] = [
    _actor(
        "assembly",
        "Assembly of States Parties",
        "Assemblée des États Parties",
        None,
        "the Assembly of States Parties",
        "l’Assemblée des États Parties",
        "Assembly",
        "the Assembly",
        "Assemblée",
        "l’Assemblée",
        "l'Assemblée",
        "Assemblée des États Parties au Statut de Rome",
        "Assembly of States Parties to the Rome Statute",
    ),
    _actor(
        "president_of_assembly",
        "President of the Assembly",
        "Président de l’Assemblée",
        "assembly",
        "the President of the Assembly",
        "le Président de l’Assemblée",
        "Présidente de l’Assemblée",
        "President of the Assembly of States Parties",
        "Président de l’Assemblée des États Parties",
        "Presidency of the Assembly",
        "Présidence de l’Assemblée",
    ),
    _actor(
        "bureau",
        "Bureau of the Assembly",
        "Bureau de l’Assemblée",
        "assembly",
        "Bureau",
        "the Bureau",
        "le Bureau",
        "Bureau of the Assembly of States Parties",
        "Bureau de l’Assemblée des États Parties",
    ),
    _actor(
        "hague_working_group",
        "The Hague Working Group",
        "Groupe de travail de La Haye",
        "bureau",
        "Hague Working Group",
        "Hague Working Group of the Bureau",
        "Groupe de travail de La Haye du Bureau",
        "groupe de travail de la Haye",
    ),
    _actor(
        "new_york_working_group",
        "New York Working Group",
        "Groupe de travail de New York",
        "bureau",
        "the New York Working Group",
        "New York Working Group of the Bureau",
        "Groupe de travail de New York du Bureau",
    ),
    _actor(
        "study_group_on_governance",
        "Study Group on Governance",
        "Groupe d’étude sur la gouvernance",
        "bureau",
        "the Study Group on Governance",
    ),
    _actor(
        "secretariat",
        "Secretariat of the Assembly",
        "Secrétariat de l’Assemblée",
        "assembly",
        "Secretariat of the Assembly of States Parties",
        "Assembly Secretariat",
        "the Secretariat",
        "Secretariat",
        "Secrétariat",
        "le Secrétariat",
        "Secrétariat de l’Assemblée des États Parties",
        "Assembly’s Secretariat",
    ),
    _actor(
        "committee_on_budget_and_finance",
        "Committee on Budget and Finance",
        "Comité du budget et des finances",
        "assembly",
        "the Committee on Budget and Finance",
        "le Comité du budget et des finances",
        "CBF",
        "Comité du budget",
    ),
    _actor(
        "independent_oversight_mechanism",
        "Independent Oversight Mechanism",
        "Mécanisme de contrôle indépendant",
        "assembly",
        "the Independent Oversight Mechanism",
    ),
    _actor(
        "court",
        "International Criminal Court",
        "Cour pénale internationale",
        None,
        "the Court",
        "Court",
        "la Cour",
        "Cour",
        "ICC",
        "CPI",
        "the International Criminal Court",
        "la Cour pénale internationale",
    ),
    _actor(
        "presidency",
        "Presidency",
        "Présidence",
        "court",
        "the Presidency",
        "la Présidence",
        "Presidency of the Court",
        "Présidence de la Cour",
        "President of the Court",
        "Président de la Cour",
        "Présidente de la Cour",
    ),
    _actor(
        "chambers",
        "Chambers",
        "Chambres",
        "court",
        "the Chambers",
        "les Chambres",
        "Judges",
        "the judges",
        "les juges",
        "juges",
        "Judiciary",
        "the Judiciary",
        "Pre-Trial Chamber",
        "Trial Chamber",
        "Appeals Chamber",
        "Chambre préliminaire",
        "Chambre de première instance",
        "Chambre d’appel",
    ),
    _actor(
        "office_of_the_prosecutor",
        "Office of the Prosecutor",
        "Bureau du Procureur",
        "court",
        "the Office of the Prosecutor",
        "le Bureau du Procureur",
        "Prosecutor",
        "the Prosecutor",
        "Procureur",
        "le Procureur",
        "Procureure",
        "OTP",
    ),
    _actor(
        "registry",
        "Registry",
        "Greffe",
        "court",
        "the Registry",
        "le Greffe",
        "Registrar",
        "the Registrar",
        "Greffier",
        "le Greffier",
        "Greffière",
    ),
    _actor(
        "trust_fund_for_victims",
        "Trust Fund for Victims",
        "Fonds au profit des victimes",
        None,
        "the Trust Fund for Victims",
        "le Fonds au profit des victimes",
        "Board of Directors of the Trust Fund for Victims",
        "Board of Directors",
        "the Board",
        "Conseil de direction du Fonds au profit des victimes",
        "Conseil de direction",
        "Secretariat of the Trust Fund for Victims",
        "Secrétariat du Fonds au profit des victimes",
    ),
    _actor(
        "states_parties",
        "States Parties",
        "États Parties",
        None,
        "State Party",
        "États Parties",
        "État Partie",
        "States Parties to the Rome Statute",
        "États Parties au Statut de Rome",
        "all States Parties",
        "tous les États Parties",
    ),
    _actor(
        "non_party_states",
        "States not Parties",
        "États non parties",
        None,
        "States not Parties to the Rome Statute",
        "States not party",
        "State not party",
        "non-States Parties",
        "non-State Parties",
        "non-States parties",
        "non-party States",
        "States that are not parties",
        "States that are not party",
        "States that are not yet parties",
        "States not yet parties",
        "States which are not yet parties",
        "États qui ne sont pas encore parties",
        "États non encore parties",
        "States which are not parties",
        "other States",
        "all other States",
        "autres États",
        "État non partie",
        "États non parties au Statut de Rome",
        "États qui ne sont pas parties",
        "États tiers",
        "third States",
    ),
    _actor(
        "states",
        "States",
        "États",
        None,
        "all States",
        "State",
        "État",
        "tous les États",
        "countries",
        "country",
        "all countries",
        "pays",
        "tous les pays",
    ),
    _actor(
        "nuclear_weapon_states",
        "Nuclear-weapon States",
        "États dotés d’armes nucléaires",
        None,
        "nuclear-weapon State",
        "nuclear weapon States",
        "État doté d’armes nucléaires",
        "États dotés de l’arme nucléaire",
    ),
    _actor(
        "member_states",
        "Member States",
        "États Membres",
        None,
        "States Members of the United Nations",
        "États Membres de l’Organisation des Nations Unies",
        "all Member States",
        "tous les États Membres",
    ),
    _actor(
        "united_nations",
        "United Nations",
        "Organisation des Nations Unies",
        None,
        "the United Nations",
        "Nations Unies",
        "les Nations Unies",
        "United Nations system",
        "système des Nations Unies",
    ),
    _actor(
        "secretary_general",
        "Secretary-General",
        "Secrétaire général",
        "united_nations",
        "the Secretary-General",
        "le Secrétaire général",
        "Secretary General",
        "Secretary-General of the United Nations",
        "Secrétaire général de l’Organisation des Nations Unies",
        "Secrétaire général de l’ONU",
    ),
    _actor(
        "security_council",
        "Security Council",
        "Conseil de sécurité",
        "united_nations",
        "the Security Council",
        "le Conseil de sécurité",
        "United Nations Security Council",
        "Conseil de sécurité des Nations Unies",
        "Conseil de sécurité de l’Organisation des Nations Unies",
    ),
    _actor(
        "general_assembly",
        "General Assembly",
        "Assemblée générale",
        "united_nations",
        "the General Assembly",
        "l’Assemblée générale",
        "United Nations General Assembly",
        "Assemblée générale des Nations Unies",
    ),
    _actor(
        "president_of_general_assembly",
        "President of the General Assembly",
        "Président de l’Assemblée générale",
        "general_assembly",
        "Présidente de l’Assemblée générale",
        "President of the United Nations General Assembly",
    ),
    _actor(
        "specialized_agencies",
        "Specialized agencies, funds and programmes",
        "Institutions spécialisées, fonds et programmes",
        "united_nations",
        "specialized agencies",
        "specialized agency",
        "institutions spécialisées",
        "funds and programmes",
        "fonds et programmes",
        "funds, programmes and specialized agencies",
        "fonds, programmes et institutions spécialisées",
        "United Nations specialized agencies",
        "United Nations funds and programmes",
        "United Nations agencies, funds and programmes",
        "organismes, fonds et programmes des Nations Unies",
    ),
    _actor(
        "human_rights_council",
        "Human Rights Council",
        "Conseil des droits de l’homme",
        "united_nations",
        "the Human Rights Council",
    ),
    _actor(
        "international_court_of_justice",
        "International Court of Justice",
        "Cour internationale de Justice",
        None,
    ),
    _actor(
        "conference_on_disarmament",
        "Conference on Disarmament",
        "Conférence du désarmement",
        None,
    ),
    _actor(
        "international_community",
        "International community",
        "Communauté internationale",
        None,
        "the international community",
        "la communauté internationale",
    ),
    _actor(
        "international_organizations",
        "International organizations",
        "Organisations internationales",
        None,
        "international bodies",
        "organismes internationaux",
        "organizations",
        "organisations",
        "international organisations",
        "international organization",
        "intergovernmental organizations",
        "intergovernmental organisations",
        "organisations intergouvernementales",
        "organisation internationale",
        "institutions intergouvernementales",
    ),
    _actor(
        "regional_organizations",
        "Regional organizations",
        "Organisations régionales",
        None,
        "regional organisations",
        "regional organization",
        "organisation régionale",
        "regional and subregional organizations",
        "organisations régionales et sous-régionales",
    ),
    _actor(
        "civil_society",
        "Civil society",
        "Société civile",
        None,
        "la société civile",
        "civil society organizations",
        "civil society organisations",
        "organisations de la société civile",
        "non-governmental organizations",
        "non-governmental organisations",
        "organisations non gouvernementales",
        "organisation non gouvernementale",
        "NGOs",
        "ONG",
    ),
]

# Coordinated names that stand for two actors ("organisations internationales et
# régionales"). Used only when every key is in the registry being matched.
COMPOUND_ALIASES: list[tuple[str, tuple[str, ...]]] = [
    ("organisations internationales et régionales",
     ("international_organizations", "regional_organizations")),
    ("international and regional organizations",
     ("international_organizations", "regional_organizations")),
    ("international and regional organisations",
     ("international_organizations", "regional_organizations")),
    ("organisations régionales et internationales",
     ("regional_organizations", "international_organizations")),
    ("regional and international organizations",
     ("regional_organizations", "international_organizations")),
    # The Security Council's "all States and concerned regional and other international
    # organizations": regional organizations are international ones too, hence "other".
    ("regional and other international organizations",
     ("regional_organizations", "international_organizations")),
    ("regional and other international organisations",
     ("regional_organizations", "international_organizations")),
    ("organisations régionales et autres organisations internationales",
     ("regional_organizations", "international_organizations")),
    ("États Parties et non parties", ("states_parties", "non_party_states")),
    ("States Parties and non-States Parties", ("states_parties", "non_party_states")),
]  # fmt: skip


# The article each shipped actor takes in running text (tracking.french): French, English.
ARTICLES: dict[str, tuple[str, str]] = {
    "assembly": ("l", "the"),
    "president_of_assembly": ("le", "the"),
    "bureau": ("le", "the"),
    "hague_working_group": ("le", ""),  # its English name starts with "The Hague"
    "new_york_working_group": ("le", "the"),
    "study_group_on_governance": ("le", "the"),
    "secretariat": ("le", "the"),
    "committee_on_budget_and_finance": ("le", "the"),
    "independent_oversight_mechanism": ("le", "the"),
    "court": ("la", "the"),
    "presidency": ("la", "the"),
    "chambers": ("les", "the"),
    "office_of_the_prosecutor": ("le", "the"),
    "registry": ("le", "the"),
    "trust_fund_for_victims": ("le", "the"),
    "states_parties": ("les", "the"),
    "non_party_states": ("les", ""),
    "states": ("les", ""),
    "nuclear_weapon_states": ("les", "the"),
    "member_states": ("les", "the"),
    "united_nations": ("l", "the"),
    "secretary_general": ("le", "the"),
    "security_council": ("le", "the"),
    "general_assembly": ("l", "the"),
    "president_of_general_assembly": ("le", "the"),
    "specialized_agencies": ("les", "the"),
    "human_rights_council": ("le", "the"),
    "international_court_of_justice": ("la", "the"),
    "conference_on_disarmament": ("la", "the"),
    "international_community": ("la", "the"),
    "international_organizations": ("les", ""),
    "regional_organizations": ("les", ""),
    "civil_society": ("la", ""),
}


def default_aliases() -> list[ActorAliases]:
    """The shipped registry as ``ActorAliases`` (what the database is seeded with)."""
    return [ActorAliases(a["key"], tuple(a["aliases"])) for a in DEFAULT_ACTORS]


@dataclass(frozen=True)
class ActorMatch:
    start: int
    end: int
    keys: tuple[str, ...]


# Articles are matched in front of any alias, so that "the Secretariat of the Assembly"
# is read whole rather than as "the Secretariat" followed by "of the Assembly".
_ARTICLE = r"(?:(?:the|le|la|les|des|du)\s+|l'\s*)"
_ARTICLE_RE = re.compile(rf"^{_ARTICLE}")


def _normal_alias(alias: str) -> str:
    return _ARTICLE_RE.sub("", " ".join(fold(alias).split()).replace("' ", "'"))


# Spaces may follow an apostrophe ("l' Assemblée") or a hyphen cut at a line end in the
# source ("nuclear- weapon States").
_STRETCHY = {"'": r"'\s*", "-": r"-\s*"}


def _alias_tokens(alias: str) -> list[str]:
    """Regex pieces of an alias, one per character: spaces, apostrophes, hyphens stretch."""
    tokens = []
    for word_index, word in enumerate(alias.split()):
        if word_index:
            tokens.append(r"\s+")
        tokens.extend(_STRETCHY.get(char) or re.escape(char) for char in word)
    return tokens


def _trie_pattern(aliases) -> str:
    """One regex for all aliases, as a character trie.

    Why: an alternation of two hundred names is tried name after name at every word;
    a trie tries each character once. At each step longer names are tried before a name
    ends, so the longest alias wins, as with an alternation sorted longest first.
    """
    trie: dict = {}
    for alias in aliases:
        node = trie
        for token in _alias_tokens(alias):
            node = node.setdefault(token, {})
        node[""] = {}  # end of an alias

    def pattern(node: dict) -> str:
        branches = [token + pattern(child) for token, child in node.items() if token]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return pattern(trie)


class ActorMatcher:
    """Finds actor names in text, longest alias first, on word boundaries."""

    def __init__(self, actors: tuple[ActorAliases, ...]):
        table: dict[str, tuple[str, ...]] = {}
        for actor in actors:
            for alias in actor.aliases:
                table.setdefault(_normal_alias(alias), (actor.key,))
        known = {actor.key for actor in actors}
        for alias, keys in COMPOUND_ALIASES:
            if set(keys) <= known:
                table[_normal_alias(alias)] = keys
        self._keys = table
        alternation = _trie_pattern(sorted(table))
        name = rf"(?P<name>{_ARTICLE}?(?P<alias>{alternation}))(?![\w-])"
        # A name starts where the character before it is not part of a word. Why that
        # character is matched rather than looked behind at: a pattern that opens with a
        # set of characters lets the regular expression engine skip in C the letters
        # inside words, where no name starts; one that opens with a look-behind is tried
        # at every character. The text is searched behind a space, so that its first word
        # has a character before it too. This needs every alias to start with a letter or
        # a digit: a name then never starts on the character that ends the one before it.
        self._padded = all(alias[:1].isalnum() for alias in table)
        self._pattern = re.compile(rf"[^\w-]{name}" if self._padded else rf"(?<![\w-]){name}")

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Actor names in ``folded[start:end]`` (``folded`` as made by ``fold``)."""
        return self.scan(folded, start, end)[0]

    def scan(
        self, folded: str, start: int = 0, end: int | None = None
    ) -> tuple[list[ActorMatch], list[tuple[int, int]]]:
        """``find``, and the spans of every name matched, known to the registry or not."""
        end = len(folded) if end is None else end
        shift = 1 if self._padded else 0
        text = " " + folded if self._padded else folded
        found, spans = [], []
        for match in self._pattern.finditer(text, start, end + shift):
            first, last = match.start("name") - shift, match.end("name") - shift
            spans.append((first, last))
            alias = " ".join(match.group("alias").split())
            if "'" in alias or "-" in alias:
                alias = re.sub(r"(['-])\s*", r"\1", alias)
            if keys := self._keys.get(alias):
                found.append(ActorMatch(first, last, keys))
        return found, spans

    def in_text(self, folded: str) -> ActorsInText:
        """The names of one text, found once, for the many parts of it looked at later."""
        return ActorsInText(self, folded)


_WORD_CHARACTER_RE = re.compile(r"[\w-]")


class ActorsInText:
    """Actor names in one folded text, for ``find`` on parts of it.

    Why: extraction looks for names in the whole paragraph, then again in each clause and
    in what follows each verb; scanning the text once instead saves a quarter of its time.
    A part's names are the whole text's names inside it, as long as scanning the part
    alone would decide nothing differently: no name runs across either of its ends, and
    the character after its end (or the end of the text) ends a word there as the end of
    the part does. Otherwise the part is scanned alone.
    """

    def __init__(self, matcher: ActorMatcher, folded: str):
        self.matcher = matcher
        self.folded = folded
        self.names, self._spans = matcher.scan(folded)

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        if folded is not self.folded:
            return self.matcher.find(folded, start, end)
        end = len(folded) if end is None else end
        if start == 0 and end == len(folded):
            return list(self.names)
        if _WORD_CHARACTER_RE.match(folded, end):
            return self.matcher.find(folded, start, end)
        if any(first < start < last or first < end < last for first, last in self._spans):
            return self.matcher.find(folded, start, end)
        return [name for name in self.names if name.start >= start and name.end <= end]


@lru_cache(maxsize=32)
def matcher_for(actors: tuple[ActorAliases, ...]) -> ActorMatcher:
    return ActorMatcher(actors)
