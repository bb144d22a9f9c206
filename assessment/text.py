"""Small shared helpers for the core's text: frozen models, citations in words, first sentences.

One home for what compare, fit, actions, findings and the report all need, so none of them has to import another
for a helper (which is how compare and fit came to import each other).
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict

from assessment.content_models import Citation, CitedText, Content


class Frozen(BaseModel):
    """A value that never changes once made: what the core hands to views."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def cite_text(cite: Citation, content: Content) -> str:
    """A citation in words: the source's author (without the list of names), year where given, and section."""
    source = next((s for s in content.sources if s.id == cite.source), None)
    if source is None:
        return f"{cite.source}, {cite.section}"
    author = source.author.split(" (")[0].strip()
    year = f" {source.year}" if re.fullmatch(r"\d{4}", source.year.strip()) else ""
    return f"{author}{year}, {cite.section}"


class CitedPoint(Frozen):
    """A statement from the content with its citation in words, ready to show."""

    text: str
    cite: Citation
    citation: str  # e.g. "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 3"


def tidy(text: str) -> str:
    """Whitespace folded to single spaces, as the YAML's wrapped prose is shown."""
    return " ".join(text.split())


def cited(item: CitedText, content: Content) -> CitedPoint:
    return CitedPoint(text=tidy(item.text), cite=item.cite, citation=cite_text(item.cite, content))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“'\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a passage (whitespace tidied); the whole passage if it is one sentence."""
    return _SENTENCE_END.split(tidy(text), maxsplit=1)[0]


def within(text: str, limit: int) -> tuple[str, bool]:
    """Text cut to at most `limit` characters, and whether anything was cut (a paste longer than a box holds)."""
    return (text[:limit], True) if len(text) > limit else (text, False)


def lower_first(text: str) -> str:
    """Lower-case the first letter, unless the text starts with initials ("GP co-operative" stays)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def and_list(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Letters that carry no accent to strip, so NFKD leaves them whole: each is written as English readers spell it.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
                                "ł": "l", "ı": "i"})


def slug(text: str, limit: int = 60) -> str:
    """Text as a file-name part: lower-case ASCII letters and digits joined by hyphens ("Café Ørsted" is
    "cafe-orsted", "St Mary's" is "st-marys"); "" when nothing is left."""
    lowered = text.lower().translate(_PLAIN_LETTERS).replace("'", "").replace("’", "")
    folded = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].rstrip("-")
