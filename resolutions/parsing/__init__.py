"""Pure-Python parser of resolution texts (ICC Assembly of States Parties, UN General Assembly).

No Django here: the importer and the views call ``parse_resolution`` and store the result.
The JSON form of a result, ``ParsedResolution.to_dict()``, is described in
docs/parse-schema.md.
"""

from .errors import ParseError
from .model import ParsedFootnote, ParsedParagraph, ParsedResolution, ParsedSubparagraph
from .ordinals import ordinal_to_int
from .parser import parse_resolution
from .symbols import find_document_symbols

__all__ = [
    "ParseError",
    "ParsedFootnote",
    "ParsedParagraph",
    "ParsedResolution",
    "ParsedSubparagraph",
    "find_document_symbols",
    "ordinal_to_int",
    "parse_resolution",
]
