# French dates as the Assembly's French documents write them ("20 novembre 2013", "14:05"):
# the same formats as English, whose month names Django translates.
from config.formats.en.formats import *  # noqa: F403
