"""Named domain errors. Pages turn these into plain-English messages; the core never prints them."""

import unicodedata


class GroupUpError(Exception):
    """Base class: its message is written for the person using the app."""


class ContentError(GroupUpError):
    """The YAML in content/ is malformed or inconsistent. Names the file, entry and field."""


class InvalidAnswersFile(GroupUpError):
    """An uploaded or loaded answers file cannot be read."""


class UnknownSchemaVersion(InvalidAnswersFile):
    """An answers file from a newer (or unknown) version of GroupUp."""


class WorkshopNotFound(GroupUpError):
    """No workshop matches the code or key given."""


class TooManyAttempts(GroupUpError):
    """Too many wrong codes in a short time; the caller must wait `wait_seconds` before the next try."""

    def __init__(self, message: str, wait_seconds: int) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class DuplicateAction(GroupUpError):
    """The plan already holds this very action for the same principle."""


# Messages quote at most this much of what a file or a person gave, so a 500,000-character id stays readable.
EXCERPT_CHARS = 40


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable quotation of user text for a message: invisible and control characters dropped, then cut.

    Direction overrides and zero-width characters would make the message itself read wrongly, so they go.
    """
    text = "".join(ch for ch in str(value)[: limit * 4] if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
                   or ch == " ")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
