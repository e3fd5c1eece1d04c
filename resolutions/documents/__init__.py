"""
Files as users have them (PDF, Word, plain text) turned into the text the parser reads.

Pure Python, no database: ``read_document(data, filename, limits=…)`` returns a
``Document`` whose text has the layout the parser knows — a PDF's text layer one printed
line a line, pages separated by form feeds; a Word file one paragraph a line, with Word's
automatic numbering written out and each footnote on its own line after its paragraph — or
raises ``DocumentRefused`` with a message saying what is wrong and what to do instead.

What a file is, is decided by its content, not by its name: a picture renamed ``.docx``
is refused as a picture, and a PDF saved as ``.txt`` is read as a PDF.
"""

from .reader import Document, DocumentRefused, Limits, read_document

__all__ = ["Document", "DocumentRefused", "Limits", "read_document"]
