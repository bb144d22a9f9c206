"""Small hand-made domain objects for tests: a tiny content set and answers built from keywords."""

from __future__ import annotations

import random
from collections.abc import Sequence

from assessment.answers import Answers, Practice, Preferences, PrincipleAnswer, Profile
from assessment.content import get_content
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
    return [Level(level=n, label=f"Level {n}", summary=f"Summary {n}", descriptor=f"Descriptor {n}") for n in range(5)]


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
    shipped = get_content()  # the framework and the structures method are the shipped ones
    return Content(
        sources=[], principles=principles, framework=shipped.framework, structures_method=shipped.structures_method,
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


def generated_answers(seed: int, aim_ids: Sequence[str] = ()) -> Answers:
    """A practice (or group) made up from a seed: varied settings, contracts (sometimes none), aims, preferences
    and levels. The same seed always gives the same answers, so a failure can be replayed."""
    rng = random.Random(seed)
    practices = [
        Practice(name=f"Generated practice {seed}-{i}", list_size=rng.choice([None, 3_000, 9_500, 40_000, 250_000]),
                 setting=rng.choice([None, "urban", "suburban", "rural", "remote"]),
                 contracts=rng.sample(["gms", "pms", "apms"], k=rng.choice([0, 1, 1, 2])))
        for i in range(1, rng.randint(1, 3) + 1)
    ]
    importance = [None, "not_important", "somewhat", "very"]
    preferences = Preferences(autonomy=rng.choice(importance), nhs_pension=rng.choice(importance),
                              limited_liability=rng.choice(importance),
                              profit=rng.choice([None, "profit", "not_for_profit", "no_preference"]),
                              need_capital=rng.choice([None, True, False]))
    aims = rng.sample(list(aim_ids), k=min(len(aim_ids), rng.randint(0, 3)))
    answers = Answers(profile=Profile(practices=practices, aims=aims, preferences=preferences))
    for number in range(1, 13):
        roll = rng.random()
        if roll < 0.15:
            answers.principles[number] = PrincipleAnswer(not_sure=True)
        elif roll < 0.85:
            current = rng.randint(0, 4)
            answers.principles[number] = PrincipleAnswer(current=current, target=rng.randint(current, 4))
    return answers
