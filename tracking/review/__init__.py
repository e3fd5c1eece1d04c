"""The review queue: every mandate that Suivi suggested from the text of a resolution and
that nobody has accepted, corrected or rejected yet, in one place (/review/), with accept
all for a resolution, and rejected suggestions that can be reconsidered."""
