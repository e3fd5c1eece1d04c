# French dates as French documents write them ("20 novembre 2013", "14 h 05" is not used by
# the Assembly's documents: "14:05" is kept). Django's defaults, made explicit here so that
# both languages are read side by side.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
