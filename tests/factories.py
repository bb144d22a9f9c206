"""Small hand-made domain objects for tests: a tiny content set and answers built from keywords."""

from __future__ import annotations

from assessment.answers import Answers, PrincipleAnswer
from assessment.content_models import (
    Characteristic,
    Citation,
    Content,
    Level,
    Principle,
    Question,
    QuestionSection,
    ScaleOption,
)

CITE = Citation(source="nuffield2013", section="Chapter 5")


def _levels() -> list[Level]:
    return [Level(level=n, label=f"Level {n}", descriptor=f"Descriptor {n}") for n in range(5)]


def _section(section_id: str, n_questions: int, scale_size: int = 4) -> QuestionSection:
    return QuestionSection(
        id=section_id, title=section_id.title(), intro="Intro",
        scale=[ScaleOption(value=v, label=f"Point {v}") for v in range(scale_size)],
        questions=[Question(id=f"{section_id}_{i}", text=f"Question {i}?", help="Help", cite=CITE)
                   for i in range(1, n_questions + 1)],
    )


def make_content(readiness: int = 3, components: int = 3) -> Content:
    """A tiny but valid content set: 12 principles, short question sections, two characteristics."""
    principles = [
        Principle(number=n, id=f"p{n}", group="clinical" if n <= 7 else "organisation",
                  title=f"Principle {n}", statement=f"Statement {n}.", statement_cite=CITE,
                  why_it_matters="Why.", levels=_levels(), cites=[CITE])
        for n in range(1, 13)
    ]
    return Content(
        sources=[], principles=principles,
        characteristics=[
            Characteristic(id="accessible", title="Accessible", description="d", principles=[1, 2, 4], cite=CITE),
            Characteristic(id="coordinated", title="Coordinated", description="d", principles=[4, 10], cite=CITE),
        ],
        readiness=_section("readiness", readiness),
        components=_section("components", components),
        aims=[], structural_options=[], legal_structures=[], case_studies=[],
    )


def make_answers(readiness=None, components=None, principles=None) -> Answers:
    """principles: {number: (current, target)} or {number: "not_sure"}."""
    answers = Answers(readiness=dict(readiness or {}), components=dict(components or {}))
    for number, value in (principles or {}).items():
        if value == "not_sure":
            answers.principles[number] = PrincipleAnswer(not_sure=True)
        else:
            current, target = value
            answers.principles[number] = PrincipleAnswer(current=current, target=target)
    return answers
