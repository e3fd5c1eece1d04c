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
# Whole words only: runs of letters, counted by ``Counter`` in C; only the few common
# words are then looked up.
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
# Counted in the lower-cased text, where "É" has become "é": ``str.count`` runs in C, and
# no other character's lower case holds one of these.
_FRENCH_LETTERS = "éèêàùçœâîôûëï"
# Every ASCII byte that is not a letter becomes a space; other bytes stay as they are.
_ASCII_NOT_LETTERS = bytes(
    byte if byte >= 0x80 or chr(byte).isalpha() else ord(" ") for byte in range(256)
)


def _word_counts(text: str) -> Counter:
    """How many times each run of letters ("[^\\W\\d_]+") occurs in ``text``.

    Why: finding the runs with the regular expression built one string per word and took
    a sixth of the whole parse. Here every ASCII character that is not a letter becomes a
    space, by a byte table in C, so that ``split`` cuts the words and ``Counter`` counts
    them in C. The few pieces holding other characters (accented words, "court’s") are
    cut again by the regular expression, which decides what a letter is beyond ASCII.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    words = Counter(encoded.translate(_ASCII_NOT_LETTERS).decode("utf-8", "surrogatepass").split())
    if not text.isascii():
        for piece in [piece for piece in words if not piece.isascii()]:
            count = words.pop(piece)
            for word in _LETTER_RUN_RE.findall(piece):
                words[word] += count
    return words


def detect_language(text: str) -> str:
    """ "fr" or "en", by counting common words and French accented letters."""
    # The first few thousand characters decide almost every text; the rest of the first
    # 50,000 is read only when they leave it close.
    for size in (_QUICK_SAMPLE, _FULL_SAMPLE):
        sample = text[:size].lower()
        words = _word_counts(sample)
        french = float(sum(words[word] for word in _FRENCH_WORDS))
        english = float(sum(words[word] for word in _ENGLISH_WORDS))
        # Accented letters count a little: they decide short texts without common words.
        french += sum(map(sample.count, _FRENCH_LETTERS)) / 4
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
