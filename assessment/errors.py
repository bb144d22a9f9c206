"""Named domain errors. Pages turn these into plain-English messages; the core never prints them."""


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
    """Too many wrong codes in a short time; the caller must wait."""
