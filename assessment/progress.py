"""Which parts of the self-assessment are done: a pure function of the answers and the content."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assessment.answers import Answers, Profile
from assessment.content_models import Content


class SectionProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str  # matches the page's url path: profile, readiness, principles, components
    title: str
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    @property
    def started(self) -> bool:
        return self.done > 0


def _profile_checks(profile: Profile) -> list[bool]:
    """The profile is complete when every practice is described and the group's aims and your role are given."""
    practices = profile.practices
    return [
        all(p.name.strip() for p in practices),
        all(p.list_size is not None for p in practices),
        all(p.setting is not None for p in practices),
        all(p.contracts for p in practices),
        bool(profile.aims),
        profile.respondent_role is not None,
    ]


def _answered(given: dict, ids: list) -> int:
    """Questions with an answer, counting "not sure" as an answer: the person has considered it."""
    return sum(1 for i in ids if i in given)


def section_progress(answers: Answers, content: Content) -> list[SectionProgress]:
    """Progress through each question page, in the order the pages appear."""
    profile = _profile_checks(answers.profile)
    principles_done = sum(
        1 for p in content.principles if (a := answers.principles.get(p.number)) is not None and a.done
    )
    return [
        SectionProgress(id="profile", title="Practice profile", done=sum(profile), total=len(profile)),
        SectionProgress(id="readiness", title="Readiness", done=_answered(
            answers.readiness, [q.id for q in content.readiness.questions]),
            total=len(content.readiness.questions)),
        SectionProgress(id="principles", title="Design principles", done=principles_done,
                        total=len(content.principles)),
        SectionProgress(id="components", title="Collaboration components", done=_answered(
            answers.components, [q.id for q in content.components.questions]),
            total=len(content.components.questions)),
    ]


def progress_of(section_id: str, answers: Answers, content: Content) -> SectionProgress:
    """Progress through one question page, by its id (profile, readiness, principles or components)."""
    return next(s for s in section_progress(answers, content) if s.id == section_id)


def overall(progress: list[SectionProgress]) -> float:
    """Share of all items done, 0 to 1."""
    total = sum(s.total for s in progress)
    return sum(min(s.done, s.total) for s in progress) / total if total else 0.0


def where_to_carry_on(progress: list[SectionProgress]) -> str | None:
    """The page a returning person carries on at: the first section not complete, or "results" once all are.

    None when nothing has been started, so a new person is simply asked to start."""
    if not any(s.started for s in progress):
        return None
    return next((s.id for s in progress if not s.complete), "results")
