"""The scoring engine: answers in, section scores, principle gaps and coverage out. Pure functions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# check_answers lives with the file reader now; it is imported here for the callers that look for it here.
from assessment.answers import Answers, QuestionAnswer, check_answers  # noqa: F401
from assessment.content_models import Content, QuestionSection

MAX_LEVEL = 4  # the top of content/framework.yaml's levels, for chart axes; a content test holds them together
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
    model_config = ConfigDict(frozen=True)
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
    model_config = ConfigDict(frozen=True)
    number: int
    title: str
    group: str
    group_label: str = ""  # as the report heads the group, e.g. "Clinical care" (content/framework.yaml)
    current: int | None
    target: int | None
    not_sure: bool
    gap: int | None  # target minus current, when both are given
    score: float | None  # current level as 0-100
    note: str = ""


class Gap(BaseModel):
    model_config = ConfigDict(frozen=True)
    rank: int
    number: int
    title: str
    current: int
    target: int
    gap: int
    priority: Literal["high", "medium", "low"]
    why: str  # the reason it sits where it does, in words
    characteristics: list[str] = []  # the characteristics of high-quality primary care it supports, by title


class Summary(BaseModel):
    model_config = ConfigDict(frozen=True)
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


def _supports(names: list[str]) -> str:
    """"supports 2 of the six characteristics of high-quality primary care (Accessible, Coordinated)"."""
    named = f" ({', '.join(names)})" if names else ""
    return f"supports {len(names)} of the six characteristics of high-quality primary care{named}"


def rank_gaps(principles: list[PrincipleResult], characteristics: dict[int, list[str]]) -> list[Gap]:
    """Largest gap first; then the lower current level; then the principle serving more characteristics.

    characteristics: each principle's characteristics of high-quality primary care, by title, in content order.
    """
    open_gaps = [p for p in principles if p.gap is not None and p.gap > 0]
    open_gaps.sort(key=lambda p: (-p.gap, p.current, -len(characteristics.get(p.number, [])), p.number))
    ranked = []
    for rank, p in enumerate(open_gaps, start=1):
        served = characteristics.get(p.number, [])
        why = (
            f"{p.gap} level{'s' if p.gap != 1 else ''} between where you are ({p.current}) "
            f"and where you want to be ({p.target}); {_supports(served)}."
        )
        ranked.append(Gap(rank=rank, number=p.number, title=p.title, current=p.current, target=p.target,
                          gap=p.gap, priority=priority_of(p.current, p.gap), why=why, characteristics=served))
    return ranked


def _score_principles(content: Content, answers: Answers) -> tuple[list[PrincipleResult], list[SectionScore]]:
    results = []
    groups = content.framework.groups
    labels = {g.id: g.label for g in groups}
    top = max(content.framework.levels)
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
            group_label=labels.get(principle.group, ""),
            current=current, target=target, not_sure=not_sure, gap=gap,
            score=normalise(current, top) if current is not None else None, note=note,
        ))
    sections = []
    for group in groups:
        members = [r for r in results if r.group == group.id]
        scores = [r.score for r in members if r.score is not None]
        score = _mean(scores)
        not_sure = sum(r.not_sure for r in members)
        sections.append(SectionScore(
            id=f"principles_{group.id}", title=group.score_title, score=score, band=band_for(score),
            total=len(members), answered=len(scores), not_sure=not_sure,
            unanswered=len(members) - len(scores) - not_sure,
        ))
    return results, sections


def score(answers: Answers, content: Content) -> Summary:
    """Score one respondent's answers against the content. Unknown question ids are ignored."""
    sections = [_score_questions(content.readiness, answers.readiness),
                _score_questions(content.components, answers.components)]
    principles, principle_sections = _score_principles(content, answers)
    sections.extend(principle_sections)
    served = {n: [c.title for c in content.characteristics if n in c.principles] for n in content.framework.numbers}
    return Summary(
        sections=sections,
        principles=principles,
        gaps=rank_gaps(principles, served),
        total_items=sum(s.total for s in sections),
        answered_items=sum(s.answered for s in sections),
        not_sure_items=sum(s.not_sure for s in sections),
    )
