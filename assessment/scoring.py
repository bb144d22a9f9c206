"""The scoring engine: answers in, section scores, principle gaps and coverage out. Pure functions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment.answers import Answers, QuestionAnswer
from assessment.content_models import Content, QuestionSection
from assessment.errors import InvalidAnswersFile

MAX_LEVEL = 4
# Below this share of questions answered, the results warn that the scores rest on little evidence.
# The method document states it as a percentage; a test keeps the two in step.
LOW_COVERAGE = 0.5


class Band(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: Literal["concern", "developing", "strength"]
    label: str
    low: int  # inclusive
    high: int  # exclusive, except the top band which includes 100
    meaning: str


# The interpretation bands, declared once. The method document and the app read them from here.
BANDS: tuple[Band, ...] = (
    Band(id="concern", label="Area of concern", low=0, high=40,
         meaning="Little of this is in place yet. Start here."),
    Band(id="developing", label="Developing", low=40, high=70,
         meaning="Some of this is in place, with clear room to grow."),
    Band(id="strength", label="Strength", low=70, high=100,
         meaning="Most of this is in place. Build on it and share how."),
)


def band_for(score: float | None) -> Band | None:
    if score is None:
        return None
    for band in BANDS:
        if band.low <= score < band.high:
            return band
    return BANDS[-1]


class SectionScore(BaseModel):
    id: str
    title: str
    score: float | None  # 0-100, or None when nothing in the section is answered
    band: Band | None
    total: int
    answered: int
    not_sure: int
    unanswered: int

    @property
    def coverage(self) -> float:
        return self.answered / self.total if self.total else 0.0


class PrincipleResult(BaseModel):
    number: int
    title: str
    group: str
    current: int | None
    target: int | None
    not_sure: bool
    gap: int | None  # target minus current, when both are given
    score: float | None  # current level as 0-100
    note: str = ""


class Gap(BaseModel):
    rank: int
    number: int
    title: str
    current: int
    target: int
    gap: int
    priority: Literal["high", "medium", "low"]
    why: str  # the reason it sits where it does, in words


class Summary(BaseModel):
    sections: list[SectionScore]
    principles: list[PrincipleResult]
    gaps: list[Gap]
    total_items: int
    answered_items: int
    not_sure_items: int

    @property
    def unanswered_items(self) -> int:
        return self.total_items - self.answered_items - self.not_sure_items

    @property
    def coverage(self) -> float:
        return self.answered_items / self.total_items if self.total_items else 0.0

    @property
    def low_coverage(self) -> bool:
        """Too few answers for the scores to say much: fewer than LOW_COVERAGE of the questions answered."""
        return self.coverage < LOW_COVERAGE

    def section(self, section_id: str) -> SectionScore:
        return next(s for s in self.sections if s.id == section_id)


def normalise(value: int, max_value: int) -> float:
    """A point on a 0..max scale as 0-100."""
    return 100.0 * value / max_value


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _score_questions(section: QuestionSection, given: dict[str, QuestionAnswer]) -> SectionScore:
    top = len(section.scale) - 1
    values, not_sure = [], 0
    for q in section.questions:
        answer = given.get(q.id)
        if answer == "not_sure":
            not_sure += 1
        elif isinstance(answer, int):
            values.append(normalise(answer, top))
    score = _mean(values)
    return SectionScore(
        id=section.id, title=section.title, score=score, band=band_for(score),
        total=len(section.questions), answered=len(values), not_sure=not_sure,
        unanswered=len(section.questions) - len(values) - not_sure,
    )


def priority_of(current: int, gap: int) -> Literal["high", "medium", "low"]:
    if gap >= 2 and current <= 1:
        return "high"
    if gap >= 2:
        return "medium"
    return "low"


def rank_gaps(principles: list[PrincipleResult], characteristic_counts: dict[int, int]) -> list[Gap]:
    """Largest gap first; then the lower current level; then the principle serving more characteristics."""
    open_gaps = [p for p in principles if p.gap is not None and p.gap > 0]
    open_gaps.sort(key=lambda p: (-p.gap, p.current, -characteristic_counts.get(p.number, 0), p.number))
    ranked = []
    for rank, p in enumerate(open_gaps, start=1):
        served = characteristic_counts.get(p.number, 0)
        why = (
            f"{p.gap} level{'s' if p.gap != 1 else ''} between where you are ({p.current}) "
            f"and where you want to be ({p.target}); supports {served} of the six characteristics "
            "of high-quality primary care."
        )
        ranked.append(Gap(rank=rank, number=p.number, title=p.title, current=p.current, target=p.target,
                          gap=p.gap, priority=priority_of(p.current, p.gap), why=why))
    return ranked


def _score_principles(content: Content, answers: Answers) -> tuple[list[PrincipleResult], list[SectionScore]]:
    results = []
    for principle in sorted(content.principles, key=lambda p: p.number):
        given = answers.principles.get(principle.number)
        current = target = None
        not_sure = False
        note = ""
        if given is not None:
            not_sure = given.not_sure
            note = given.note
            if not not_sure:
                current, target = given.current, given.target
        gap = target - current if current is not None and target is not None else None
        results.append(PrincipleResult(
            number=principle.number, title=principle.title, group=principle.group,
            current=current, target=target, not_sure=not_sure, gap=gap,
            score=normalise(current, MAX_LEVEL) if current is not None else None, note=note,
        ))
    sections = []
    for group, title in (("clinical", "Design principles: clinical care"),
                         ("organisation", "Design principles: organisation")):
        members = [r for r in results if r.group == group]
        scores = [r.score for r in members if r.score is not None]
        score = _mean(scores)
        not_sure = sum(r.not_sure for r in members)
        sections.append(SectionScore(
            id=f"principles_{group}", title=title, score=score, band=band_for(score),
            total=len(members), answered=len(scores), not_sure=not_sure,
            unanswered=len(members) - len(scores) - not_sure,
        ))
    return results, sections


def check_answers(answers: Answers, content: Content) -> None:
    """Reject values outside the content's scales (a hand-edited or foreign file)."""
    for section in (content.readiness, content.components):
        top = len(section.scale) - 1
        for qid, value in getattr(answers, section.id).items():
            if isinstance(value, int) and not 0 <= value <= top:
                raise InvalidAnswersFile(
                    f"The answer to '{qid}' is {value}, but that section's answers run from 0 to {top}."
                )
    for number in answers.principles:
        if not 1 <= number <= 12:
            raise InvalidAnswersFile(f"There is no design principle {number}; they are numbered 1 to 12.")


def score(answers: Answers, content: Content) -> Summary:
    """Score one respondent's answers against the content. Unknown question ids are ignored."""
    sections = [_score_questions(content.readiness, answers.readiness),
                _score_questions(content.components, answers.components)]
    principles, principle_sections = _score_principles(content, answers)
    sections.extend(principle_sections)
    counts = {n: sum(n in c.principles for c in content.characteristics) for n in range(1, 13)}
    return Summary(
        sections=sections,
        principles=principles,
        gaps=rank_gaps(principles, counts),
        total_items=sum(s.total for s in sections),
        answered_items=sum(s.answered for s in sections),
        not_sure_items=sum(s.not_sure for s in sections),
    )
