"""Suggested mandates from the text of operative paragraphs (pure Python, no Django).

``extract_mandates(text, language=...)`` splits a paragraph into clauses at its operative
verbs and suggests, for each clause that asks something, who is asked (actor keys),
what kind of request it is (``ACTIONS``), by when, and whether it is urgent.
"""

from tracking.extraction.actors import DEFAULT_ACTORS, ActorAliases, default_aliases
from tracking.extraction.extract import SuggestedMandate, deciding_actor, extract_mandates
from tracking.extraction.lexicon import ACTIONS
from tracking.extraction.states import STATES_CSV, is_state_key, state_aliases

__all__ = [
    "ACTIONS",
    "DEFAULT_ACTORS",
    "STATES_CSV",
    "ActorAliases",
    "SuggestedMandate",
    "default_aliases",
    "deciding_actor",
    "extract_mandates",
    "is_state_key",
    "state_aliases",
]
