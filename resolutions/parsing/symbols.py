"""UN and ICC document symbols: ICC-ASP/11/Res.5, A/RES/80/6, S/RES/1593 (2005), RC/Dec.2, …"""

from __future__ import annotations

import re

# Issuing bodies whose symbols resolutions cite. A symbol is one of these prefixes followed
# by "/" segments; "ICC-01/04-01/07" style court record numbers are included too.
_PREFIXES = r"ICC-ASP|ICC-CPI|ICC-\d{2}|RC|A|S|E|ST|TD|UNEP|CCPR|CRC|CEDAW|CERD|CAT|HRC|DP|UNW"

# A segment is letters/digits, optionally continued by ".x" (Res.5, CN.4, L.10) or "-digits"
# (ES-10, 04-01). A trailing full stop or comma is never part of a symbol, because a
# segment continuation must be followed by a letter or digit. "-" followed by a letter is
# left out so that joint symbols "A/62/632-S/2008/26" give two symbols.
_SEGMENT = r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+|-\d+)*"

SYMBOL_RE = re.compile(
    rf"(?<![\w/.])(?:{_PREFIXES})(?:/{_SEGMENT})+"
    # Security Council resolutions are cited with their year: S/RES/1593 (2005).
    r"(?P<year>(?<=\d)\s?\(\d{4}\))?"
)

# The start of a symbol cut at the end of a line: "ICC-" or "ICC-ASP/10/".
_OPEN_SYMBOL = rf"(?<![\w/.])(?:(?:{_PREFIXES})(?:/{_SEGMENT})*/|ICC-)"
_OPEN_SYMBOL_AT_END_RE = re.compile(rf"{_OPEN_SYMBOL}$")
_SPLIT_SYMBOL_RE = re.compile(rf"({_OPEN_SYMBOL})[ \t]*\n[ \t]*(?=\w)")

# Symbols of texts that are resolutions or decisions themselves.
_RESOLUTION_LIKE_RE = re.compile(r"/(?:RES/|Res\.|Dec\.)", re.IGNORECASE)


def _clean_for_search(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-")
    if "\n" not in text:
        return text  # a symbol is split only across lines
    return _SPLIT_SYMBOL_RE.sub(r"\1", text)


_YEAR_END_RE = re.compile(r"\s?\((\d{4})\)$")


def _year_normalised(symbol: str) -> str:
    """ "S/RES/1593(2005)" and "S/RES/1593 (2005)" are written the same way."""
    if not symbol.endswith(")"):
        return symbol  # the pattern ends with ")" (or ")\n", and symbols hold no line break)
    return _YEAR_END_RE.sub(r" (\1)", symbol)


def iter_symbols(text: str) -> list[str]:
    """Every symbol in the text, in order, repeats included."""
    if "/" not in text:
        return []  # every symbol has a slash
    found = []
    for match in SYMBOL_RE.finditer(_clean_for_search(text)):
        symbol = match.group(0)
        if match.group("year") and not symbol.startswith("S/RES/"):
            symbol = symbol[: match.start("year") - match.start()]
        if any(c.isdigit() for c in symbol):  # "A/B" in prose is not a symbol
            found.append(_year_normalised(symbol))
    return found


def ends_with_open_symbol(line: str) -> bool:
    """True when the line ends inside a symbol, so the next line continues it without a space."""
    line = line.rstrip()
    if not line.endswith(("/", "-")):
        return False  # an open symbol ends with "/" ("ICC-ASP/10/") or "-" ("ICC-")
    return bool(_OPEN_SYMBOL_AT_END_RE.search(line.rstrip()))


def find_document_symbols(text: str) -> list[str]:
    """All UN/ICC document symbols in the text, in order of first appearance, without repeats."""
    if not isinstance(text, str):
        return []
    return dedupe(iter_symbols(text))


def dedupe(symbols: list[str], exclude: str | None = None) -> list[str]:
    seen = {symbol_key(exclude)} if exclude else set()
    result = []
    for symbol in symbols:
        key = symbol_key(symbol)
        if key not in seen:
            seen.add(key)
            result.append(symbol)
    return result


def symbol_key(symbol: str) -> str:
    """Comparison key: case and spaces do not make two symbols different."""
    return "".join(symbol.split()).upper()  # str.split splits where \s matches


def is_resolution_symbol(symbol: str) -> bool:
    return bool(_RESOLUTION_LIKE_RE.search(symbol))


def whole_line_symbol(line: str) -> str | None:
    """The symbol when the line holds nothing else (a running header, or the header's symbol)."""
    stripped = line.strip()
    match = SYMBOL_RE.fullmatch(stripped)
    if not match or not any(c.isdigit() for c in stripped):
        return None
    # A closing bracket is only the year of a Security Council resolution, which heads
    # each of its pages: "S/RES/1593 (2005)".
    if stripped.endswith(")") and not (match.group("year") and stripped.startswith("S/RES/")):
        return None
    return _year_normalised(stripped)


def body_prefix(symbol: str | None) -> str | None:
    """The issuing part of a symbol: "ICC-ASP" for ICC-ASP/11/Res.5, "A/RES" for A/RES/80/6,
    "RC/Res" for RC/Res.6."""
    if not symbol:
        return None
    if symbol.upper().startswith("ICC-ASP/"):
        return "ICC-ASP"  # special sessions too: "ICC-ASP/ES/Res.1"
    prefix = []
    for segment in symbol.split("/"):
        if re.fullmatch(r"[A-Z][A-Z-]*(?:\.\d+)?", segment):
            prefix.append(segment)
            continue
        # "RC/Res.6" → "RC/Res", as "A/RES/80/6" → "A/RES": the series of resolutions.
        series = re.fullmatch(r"(Res|Dec)\.\d+", segment)
        if series and len(prefix) == 1:
            prefix.append(series.group(1))
        break
    return "/".join(prefix) or None


def session_from_symbol(symbol: str | None) -> int | None:
    """The session number carried by the symbol, when it carries one."""
    if not symbol:
        return None
    match = re.match(r"ICC-ASP/(\d+)/", symbol, re.IGNORECASE) or re.match(
        r"A/(?:RES/)?(\d+)/", symbol, re.IGNORECASE
    )
    return int(match.group(1)) if match else None
