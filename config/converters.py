"""Path converters that match only values that can exist, so that anything else (a NUL
byte, a number too large for the database) is a 404 before any view or query runs."""

from django.urls import register_converter


class IdConverter:
    """A primary key: at most 18 digits, always within a 64-bit integer column."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class SymbolConverter:
    """A document symbol (ICC-ASP/11/Res.5): slashes allowed, control characters not."""

    regex = r"[^\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class TokenConverter:
    """A secret token of an address (secrets.token_urlsafe, password reset links)."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(SymbolConverter, "symbol")
    register_converter(TokenConverter, "token")
