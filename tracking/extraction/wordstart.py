"""Regular expressions for words and phrases that start a word.

A pattern written ``(?<![\\w-])(?:this|that)`` is right but slow: the regular expression
engine tries it at every character of the text, since it cannot tell in advance where a
look-behind will hold. ``WordStartPattern`` matches the character before the phrase
instead (``[^\\w-](?:this|that)``): a pattern that opens with a set of characters lets the
engine skip in C to the next place where that set matches, at a fraction of the cost. The
text is searched behind one space, so that a phrase at its very start has a character
before it too, and positions are given back in the text's own terms.

This finds exactly what the look-behind finds when the phrase cannot start right where the
previous match ended (the separating character would then belong to the previous match):
that holds for phrases that start with a letter and end with ``(?![\\w-])``, as all here do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class WordStartMatch:
    """A match, with positions and groups as if the text had been searched itself."""

    __slots__ = ("_match",)

    def __init__(self, match: re.Match[str]):
        self._match = match

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group or "_phrase") - 1

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group or "_phrase") - 1

    def group(self, group: int | str = 0) -> str:
        return self._match.group(group or "_phrase")


class WordStartPattern:
    """``(?<![not_before])(?:phrase)``, searched quickly (see the module's docstring).

    ``not_before`` is the inside of a character set: what may not stand before the phrase.
    """

    def __init__(self, phrase: str, not_before: str = r"\w-"):
        self.pattern = re.compile(rf"[^{not_before}](?P<_phrase>{phrase})")

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[WordStartMatch]:
        end = len(text) if end is None else end
        for match in self.pattern.finditer(" " + text, start, end + 1):
            yield WordStartMatch(match)

    def search(self, text: str, start: int = 0, end: int | None = None) -> WordStartMatch | None:
        end = len(text) if end is None else end
        match = self.pattern.search(" " + text, start, end + 1)
        return WordStartMatch(match) if match else None


def literal_alternation(words) -> str:
    """A regular expression for any of ``words`` (plain text), longest first, as a trie.

    Why: an alternation of fifty words is tried word after word wherever it may start; a
    trie tries each character once. It matches what the alternation of the words sorted
    longest first matches: at each step a longer word is tried before a word ends there.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
