# One date format in English everywhere, as the United Nations write dates in their
# documents ("20 November 2013"), rather than Django's American default ("Nov. 20, 2013").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
# Figures shown to people (config.typography.number_text): "12,345".
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
