"""The implementation report of a resolution or of a session: the draft of what the
secretariat presents to the Assembly. One content (selectors.py), two forms: a printable
page and a Word document (docx.py) that staff edit into the report."""
