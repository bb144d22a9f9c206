"""Change since last time: one practice's assessment set beside an earlier one, per principle and per section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from assessment.answers import Answers
from assessment.content_models import Content
from assessment.scoring import Summary, check_answers
from assessment.text import Frozen


class SavedAssessments(Protocol):
    def load_self_assessment(self, code: str, client: str | Mapping[str, int]) -> Answers: ...


def load_earlier(store: SavedAssessments, code: str, client: str | Mapping[str, int], content: Content) -> Answers:
    """The assessment saved under a resume code, checked as an uploaded file is, to set beside this one.

    Raises the storage's named errors (a wrong code, too many tries) or InvalidAnswersFile, each for people.
    """
    answers = store.load_self_assessment(code, client)
    check_answers(answers, content)
    return answers


def assessed_on(answers: Answers) -> dt.date | None:
    """The date an assessment stands for: when its answers were last changed (or first made, if never since)."""
    when = answers.updated or answers.created
    return when.date() if when else None


def _difference(before: float | int | None, after: float | int | None) -> float | int | None:
    return None if before is None or after is None else after - before


class PrincipleChange(Frozen):
    number: int
    title: str
    earlier_current: int | None
    current: int | None
    earlier_target: int | None
    target: int | None
    earlier_not_sure: bool = False
    not_sure: bool = False

    @property
    def current_change(self) -> int | None:
        return _difference(self.earlier_current, self.current)

    @property
    def target_change(self) -> int | None:
        return _difference(self.earlier_target, self.target)


class SectionChange(Frozen):
    id: str
    title: str
    earlier_score: float | None
    score: float | None

    @property
    def change(self) -> float | None:
        return None if self.earlier_score is None or self.score is None else round(self.score - self.earlier_score, 1)


class Change(Frozen):
    """How this assessment differs from an earlier one of the same practice (or practices)."""

    earlier_date: dt.date | None
    this_date: dt.date | None
    earlier_name: str
    principles: list[PrincipleChange]
    sections: list[SectionChange]

    @property
    def order_note(self) -> str:
        """A plain warning when the "earlier" assessment is dated after this one; empty otherwise."""
        if self.earlier_date and self.this_date and self.earlier_date > self.this_date:
            return ("The earlier assessment is dated after this one, so the changes below run backwards in time: "
                    "is that the file you meant?")
        return ""


def compare_assessments(earlier: Answers, earlier_summary: Summary, now: Answers, summary: Summary) -> Change:
    """The change per principle (now and target) and per section score between two scored assessments."""
    before = {p.number: p for p in earlier_summary.principles}
    before_sections = {s.id: s for s in earlier_summary.sections}
    return Change(
        earlier_date=assessed_on(earlier),
        this_date=assessed_on(now),
        earlier_name=earlier.profile.display_name,
        principles=[PrincipleChange(number=p.number, title=p.title,
                                    earlier_current=before[p.number].current if p.number in before else None,
                                    current=p.current,
                                    earlier_target=before[p.number].target if p.number in before else None,
                                    target=p.target,
                                    earlier_not_sure=before[p.number].not_sure if p.number in before else False,
                                    not_sure=p.not_sure)
                    for p in summary.principles],
        sections=[SectionChange(id=s.id, title=s.title,
                                earlier_score=before_sections[s.id].score if s.id in before_sections else None,
                                score=s.score)
                  for s in summary.sections],
    )


def date_words(day: dt.date | None) -> str:
    return day.strftime("%-d %B %Y") if day else "date not recorded"


def level_words(level: int | None, not_sure: bool = False) -> str:
    return "not sure" if not_sure else "—" if level is None else str(level)


def score_words(value: float | None) -> str:
    """A section score as the page, the PDF and the CSV give it: 25 not 25.0, 45.8, or a dash when missing."""
    return "—" if value is None else f"{value:g}"


def signed(value: float | int | None) -> str:
    """A change as people read it: +1, -0.5, 0, or a dash when either side is missing."""
    if value is None:
        return "—"
    text = f"{value:g}"
    return f"+{text}" if value > 0 else text
