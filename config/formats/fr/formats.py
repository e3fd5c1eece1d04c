# French dates as the Assembly's French documents write them ("20 novembre 2013", "14:05"):
# the same formats as English, whose month names Django translates. The first day of a
# month ("1er décembre") is config.typography's, since a format cannot say it.
from config.formats.en.formats import *  # noqa: F403

# Figures shown to people (config.typography.number_text) are grouped with a NO-BREAK SPACE
# (U+00A0), "12 345", rather than the narrower U+202F: it is the space the project already
# puts before French colons, it is Django's own French separator (so a figure reads the same
# wherever Django formats one), and every font, e-mail client and word processor shows it,
# where U+202F is missing from some fonts and turns into a box or a wide gap.
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3

# Short dates abbreviate the month as French does, "2 déc. 2026", "2 juil. 2026": the English
# formats' "M" would give "2 Déc 2026", capitalised, and "Jui" for both juin and juillet.
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
