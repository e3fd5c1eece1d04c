"""CSV files as people exchange them with spreadsheet programs.

Excel on Windows opens a CSV file that has no byte-order mark in the computer's legacy code
page (Windows-1252 in France): "États" shows as "Ã‰tats". So every CSV Suivi gives to
download starts with the UTF-8 byte-order mark (tracking.exports.formats.csv_lines); and
Excel writes the mark too when it saves "CSV UTF-8", so every CSV file Suivi reads (the
session calendar, the States registry) is decoded with CSV_ENCODING, which drops the mark
when there is one and reads a file without it all the same.
"""

from pathlib import Path

BOM = "\ufeff"
# Python's UTF-8 codec that skips a leading byte-order mark.
CSV_ENCODING = "utf-8-sig"


def read_csv_text(path: Path) -> str:
    """The text of a UTF-8 CSV file, without the byte-order mark it may start with."""
    return path.read_text(encoding=CSV_ENCODING)
