"""Splitting an operative paragraph into clauses, one per operative verb.

An operative verb has no subject of its own (the body adopting the resolution speaks),
so it stands at the start of the paragraph or right after a clause boundary: a comma,
a semicolon, "et"/"and" ("Rend hommage ..., encourage la Cour à ..., et prie
instamment ..."). The same word elsewhere is something else: a participle
("encouragés à coopérer"), a noun ("la demande adressée"), or the verb of a subordinate
clause ("la Cour invite").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracking.deadlines import lower_aligned
from tracking.extraction.lexicon import (
    POST_VERB_ADVERBS,
    PRE_VERB_ADVERBS,
    RENEWAL_ADVERBS,
    REQUEST,
    VERBS,
    Verb,
)
from tracking.extraction.wordstart import WordStartPattern

_ACCENTED = {
    "é": "ée", "è": "èe", "ê": "êe", "ë": "ëe", "à": "àa", "â": "âa", "î": "îi", "ï": "ïi",
    "ô": "ôo", "û": "ûu", "ù": "ùu", "ç": "çc",
}  # fmt: skip


@dataclass(frozen=True)
class Clause:
    verb: Verb
    start: int  # index of the clause: the verb, or adverbs before it ("Urgently requests")
    verb_end: int  # index after the verb and the adverbs that follow it
    end: int  # index where the next clause starts (or end of paragraph)
    renewal: bool  # "de nouveau", "again": the request renews an earlier one
    clitic: bool = False  # "et *l'*invite à", "et *les* engage à": addressed to those named before


def _verb_tokens(form: str) -> list[tuple[str, frozenset[str] | None]]:
    """Regex pieces of a verb form, one per character, each with the characters it matches
    (None for the stretch of white space between words)."""
    tokens: list[tuple[str, frozenset[str] | None]] = []
    for index, char in enumerate(form):
        if char == " ":
            tokens.append((r"\s+", None))
        elif char in _ACCENTED and index < len(form) - 1:
            tokens.append((f"[{_ACCENTED[char]}]", frozenset(_ACCENTED[char])))
        else:
            tokens.append((re.escape(char), frozenset(char)))
    return tokens


def verb_pattern(form: str) -> str:
    """Regex for a verb form on lower-cased text.

    Accents may be missing inside the form (badly copied PDFs) but the last letter must
    be exact: "décide" is not "décidé".
    """
    return "".join(token for token, _characters in _verb_tokens(form))


def _factored(items: list[list[tuple[str, frozenset[str] | None]]]) -> str:
    """An ordered alternation of token lists, with common first tokens factored out.

    Why: an alternation of 170 verbs is tried verb after verb at every word. Items whose
    first tokens match no common character cannot both match at one place, so grouping them
    by that token changes nothing to which item wins (the first that matches, as in the
    plain alternation). Items whose first tokens overlap ("e" and "[ée]") stay in one plain
    alternation, in their order; so does white space, which stretches.
    """
    if not items:
        return ""
    if any(not item for item in items[:-1]):
        return "|".join("".join(token for token, _c in item) for item in items)
    ending = not items[-1]
    items = items[:-1] if ending else items
    # Groups of items whose first tokens share characters, merged as they meet.
    groups: list[tuple[frozenset[str] | None, list[int]]] = []
    for index, item in enumerate(items):
        characters = item[0][1]
        merged_characters, merged = characters, [index]
        kept = []
        for group_characters, members in groups:
            if (
                characters is None
                and group_characters is None
                or (
                    characters is not None
                    and group_characters is not None
                    and not characters.isdisjoint(group_characters)
                )
            ):
                merged = members + merged
                if merged_characters is not None and group_characters is not None:
                    merged_characters = merged_characters | group_characters
            else:
                kept.append((group_characters, members))
        groups = [*kept, (merged_characters, sorted(merged))]
    branches = []
    for _characters, members in groups:
        first_tokens = {items[m][0][0] for m in members}
        if len(first_tokens) == 1 and items[members[0]][0][1] is not None:
            rest = _factored([items[m][1:] for m in members])
            token = items[members[0]][0][0]
            branches.append(token + (f"(?:{rest})" if "|" in rest else rest))
        else:
            branches.append("|".join("".join(t for t, _c in items[m]) for m in members))
    return "|".join(branches + ([""] if ending else []))


def _alternation(forms) -> str:
    return _factored([_verb_tokens(f) for f in sorted(forms, key=len, reverse=True)])


@lru_cache(maxsize=4)
def _verb_regex(language: str | None) -> tuple[WordStartPattern, dict[str, Verb]]:
    verbs = [v for v in VERBS if language is None or v.language == language]
    by_form = {" ".join(v.form.split()): v for v in verbs}
    pattern = WordStartPattern(rf"(?:{_alternation(by_form)})(?![\w-])", not_before=r"\w'’-")
    return pattern, by_form


@lru_cache(maxsize=1)
def _clitic_regex() -> WordStartPattern:
    """French request verbs after an object pronoun: "l'invite", "les engage", "leur demande"."""
    forms = {" ".join(v.form.split()) for v in VERBS if v.language == "fr" and v.kind == REQUEST}
    return WordStartPattern(
        rf"(?:l'\s*|(?:le|la|les|leur|lui)\s+)(?P<verb>{_alternation(forms)})(?![\w-])",
        not_before=r"\w'’-",
    )


# The pronoun is the object only when nothing else is: an infinitive follows the verb
# ("et la charge de travail" is a noun phrase).
_INFINITIVE_NEXT = re.compile(r"\s*,?\s*(?:à|a|de|d')\s*\w+(?:er|ir|re|oir)(?![\w-])")


_PRE_ADVERB_TAIL = re.compile(rf"(?:\b(?:{_alternation(PRE_VERB_ADVERBS)})\s*,?\s*)+$")
_POST_ADVERB = re.compile(rf"\s*,?\s*({_alternation(POST_VERB_ADVERBS)})(?![\w-])")
# What may stand before the first verb of a paragraph: nothing, or its number.
_PARAGRAPH_START = re.compile(r"\s*(?:\(?\d+[.)]|\(?[a-z]{1,4}\))?\s*")
# A clause boundary at the end of the text before a verb.
_BOUNDARY_TAIL = re.compile(r"(?:[,;:]|\b(?:et|and|puis|mais|but|then|ainsi que))\s*,?\s*$")
# "demande" is a noun when "de"/"d'" and no infinitive follow ("demande d'assistance").
_NOUN_DEMANDE_NEXT = re.compile(r"\s*(?:de\s+|d')(?!\w+(?:er|ir|re|oir)\b)")


def _clause_start(lowered: str, start: int) -> int | None:
    """Where the clause of a verb at ``start`` begins, or None if not at a boundary."""
    window_start = max(0, start - 200)
    before = lowered[window_start:start]
    adverbs = _PRE_ADVERB_TAIL.search(before)
    if adverbs:
        before = before[: adverbs.start()]
    at_paragraph_start = window_start == 0 and _PARAGRAPH_START.fullmatch(before)
    if not at_paragraph_start and not _BOUNDARY_TAIL.search(before):
        return None
    return window_start + adverbs.start() if adverbs else start


def _skip_post_adverbs(lowered: str, position: int) -> tuple[int, bool]:
    renewal = False
    while match := _POST_ADVERB.match(lowered, position):
        renewal = renewal or " ".join(match.group(1).split()) in RENEWAL_ADVERBS
        position = match.end()
    return position, renewal


def _normal(form: str) -> str:
    return " ".join(form.split())


def _verb_for(matched: str, by_form: dict[str, Verb]) -> Verb:
    """Lexicon entry for a matched form (which may lack an accent)."""
    wanted = _normal(matched)
    if wanted in by_form:
        return by_form[wanted]
    pattern_hits = [v for f, v in by_form.items() if re.fullmatch(verb_pattern(f), wanted)]
    return max(pattern_hits, key=lambda v: len(v.form))


def split_clauses(text: str, language: str | None = None) -> list[Clause]:
    """Clauses of an operative paragraph, each starting at an operative verb.

    ``language`` ("fr"/"en") restricts the verbs to that language's: French "invite",
    "encourage", "décide" are also English infinitives ("to consider and decide").
    """
    lowered = lower_aligned(text)
    code = (language or "").lower()[:2]
    pattern, by_form = _verb_regex(code if code in ("fr", "en") else None)
    found: list[tuple[int, int, Verb, bool, bool]] = []
    for match in pattern.finditer(lowered):
        start = _clause_start(lowered, match.start())
        if start is None:
            continue
        verb = _verb_for(match.group(0), by_form)
        verb_end, renewal = _skip_post_adverbs(lowered, match.end())
        renewal = renewal or any(f" {adverb} " in verb.form for adverb in RENEWAL_ADVERBS)
        if verb.form == "demande" and _NOUN_DEMANDE_NEXT.match(lowered, verb_end):
            continue
        found.append((start, verb_end, verb, renewal, False))
    if code == "fr":
        found = sorted(found + _clitic_clauses(lowered, by_form))
    clauses = []
    for index, (start, verb_end, verb, renewal, clitic) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(text)
        clauses.append(Clause(verb, start, verb_end, end, renewal, clitic))
    return clauses


def _clitic_clauses(lowered: str, by_form: dict[str, Verb]) -> list[tuple]:
    found = []
    for match in _clitic_regex().finditer(lowered):
        start = _clause_start(lowered, match.start())
        if start is None:
            continue
        verb_end, renewal = _skip_post_adverbs(lowered, match.end())
        if not _INFINITIVE_NEXT.match(lowered, verb_end):
            continue
        found.append((start, verb_end, _verb_for(match.group("verb"), by_form), renewal, True))
    return found
