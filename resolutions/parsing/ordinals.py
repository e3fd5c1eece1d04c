"""French and English ordinals ("douzième", "vingt et unième", "eighty-first", "12th", "12e").

Resolutions give session and meeting numbers as ordinals, in words or in digits. This
module is the one home of the number words: ``tracking.deadlines`` finds ordinals in
running text with ``CARDINAL_WORDS`` and ``ORDINAL_WORDS`` and reads them with
``ordinal_to_int``.
"""

from __future__ import annotations

import re
import unicodedata

# Suffixes written after digits: 1st 2nd 3rd 4th, 1er 1re 1ère, 12e 12ème 12ième, 12ᵉ.
_DIGIT_ORDINAL = re.compile(
    r"^(\d{1,6})\s*(?:st|nd|rd|th|er|re|ere|e|eme|ieme|em|o|ᵉ|ᵉʳ|ʳᵉ|ᵉʳᵉ|°|º)?$"
)

_EN_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip

_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000,
}  # fmt: skip

# French words are looked up without accents ("douzieme"); "quatre-vingt" is made one
# word ("quatrevingt") first because it is a product, not a sum.
_FR_CARDINALS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "quatrevingt": 80, "quatrevingts": 80, "cent": 100,
    "cents": 100, "mille": 1000,
}  # fmt: skip

_FR_ORDINALS = {
    "premier": 1, "premiere": 1, "unieme": 1, "deuxieme": 2, "second": 2, "seconde": 2,
    "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7,
    "huitieme": 8, "neuvieme": 9, "dixieme": 10, "onzieme": 11, "douzieme": 12,
    "treizieme": 13, "quatorzieme": 14, "quinzieme": 15, "seizieme": 16, "vingtieme": 20,
    "trentieme": 30, "quarantieme": 40, "cinquantieme": 50, "soixantieme": 60,
    "quatrevingtieme": 80, "centieme": 100, "millieme": 1000,
}  # fmt: skip

_CARDINALS = {**_EN_CARDINALS, **_FR_CARDINALS}
_ORDINALS = {**_EN_ORDINALS, **_FR_ORDINALS}
_CONNECTORS = {"and", "et"}  # "one hundred and first", "vingt et unième"
_FR_FIRST = {"premier", "premiere"}  # alone only: compounds end in "unième"

# The words above, folded (lower case, no accents), for finders that look for ordinals in
# running text before handing them to ``ordinal_to_int``.
CARDINAL_WORDS = frozenset(_CARDINALS)
ORDINAL_WORDS = frozenset(_ORDINALS)


def _fold(word: str) -> str:
    """Lower case without accents, with typographic hyphens made plain."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[\u2010\u2011\u2012\u2013]", "-", stripped)
    return stripped.lower().strip(" \t\n.,;:()[]")


def _ordinal_from_words(tokens: list[str]) -> int | None:
    """Sum cardinal tokens and a final ordinal token, as in "twenty-first" or "cent unième"."""
    *leading, last = tokens
    if last not in _ORDINALS:
        return None
    if last in _FR_FIRST and any(token not in _CONNECTORS for token in leading):
        return None  # "vingt et unième", never "vingt et premier"
    total = 0  # completed thousands
    current = 0  # the part below a thousand being built
    for token in leading:
        if token in _CONNECTORS:
            continue
        value = _CARDINALS.get(token)
        if value is None:
            return None
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
    last_value = _ORDINALS[last]
    if last_value == 100:  # "deux centième", "two hundredth"
        return total + max(current, 1) * 100
    if last_value == 1000:
        return (total + max(current, 1)) * 1000
    return total + current + last_value


def ordinal_to_int(word: str) -> int | None:
    """The number an ordinal stands for, or None when the word is not an ordinal.

    >>> ordinal_to_int("vingt et unième"), ordinal_to_int("eighty-first"), ordinal_to_int("12e")
    (21, 81, 12)
    """
    if not isinstance(word, str):
        return None
    folded = _fold(word)
    if not folded or len(folded) > 80:
        return None
    match = _DIGIT_ORDINAL.match(folded)
    if match:
        return int(match.group(1))
    folded = re.sub(r"quatre[\s-]+vingt", "quatrevingt", folded)
    tokens = [t for t in re.split(r"[\s-]+", folded) if t]
    if not tokens or not all(t.isalpha() for t in tokens):
        return None
    return _ordinal_from_words(tokens)
