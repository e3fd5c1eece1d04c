"""French or English: the two languages of the Assembly's and General Assembly's texts here."""

from __future__ import annotations

import re
from collections import Counter

from .errors import ParseError

_FRENCH_WORDS = {
    "le", "la", "les", "des", "du", "de", "et", "à", "au", "aux", "est", "dans", "pour",
    "que", "qui", "sur", "une", "un", "par", "avec", "sa", "ses", "son", "cette", "ces",
    "l", "d", "qu", "résolution", "assemblée", "états", "cour",
}  # fmt: skip
_ENGLISH_WORDS = {
    "the", "of", "and", "to", "in", "for", "that", "is", "on", "with", "by", "as", "its",
    "this", "these", "at", "from", "an", "be", "resolution", "assembly", "states", "court",
}  # fmt: skip
# Whole words only: the runs of letters are cut by the regular expression engine and
# counted by ``Counter`` in C; only the few common words are then looked up.
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_FRENCH_LETTERS_RE = re.compile(r"[éèêàùçœâîôûëï]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """ "fr" or "en", by counting common words and French accented letters."""
    # The first few thousand characters decide almost every text; the rest of the first
    # 50,000 is read only when they leave it close.
    for size in (_QUICK_SAMPLE, _FULL_SAMPLE):
        sample = text[:size]
        words = Counter(_LETTER_RUN_RE.findall(sample.lower()))
        french = float(sum(words[word] for word in _FRENCH_WORDS))
        english = float(sum(words[word] for word in _ENGLISH_WORDS))
        # Accented letters count a little: they decide short texts without common words.
        french += len(_FRENCH_LETTERS_RE.findall(sample)) / 4
        if abs(french - english) >= _CLEAR_MARGIN or len(text) <= size:
            break
    return "fr" if french > english else "en"


_QUICK_SAMPLE = 6_000
_FULL_SAMPLE = 50_000
_CLEAR_MARGIN = 40


def check_language(language: str | None) -> str | None:
    """The language code given by the caller, as "fr" or "en"; None to detect it."""
    if language is None:
        return None
    if isinstance(language, str):
        code = language.strip().lower().replace("_", "-")
        aliases = {"french": "fr", "français": "fr", "francais": "fr", "english": "en"}
        code = aliases.get(code, code.split("-")[0])
        if code in ("fr", "en"):
            return code
    raise ParseError(f"Unknown language {language!r}: give “fr” or “en”, or leave it out.")
