"""The one exception the parser raises."""


class ParseError(ValueError):
    """The text cannot be parsed as a resolution.

    The message is meant for the person who pasted or uploaded the text: it says what is
    wrong and, where possible, what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
