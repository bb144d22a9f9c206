"""Service functions: what a page does with storage and aggregation, as plain functions that take the storage.

A page reads its widgets, calls one of these with the app's storage, and draws the result or the named error's
message; a test hands them a small fake storage instead (see tests/unit/test_services.py). Each takes only what it
uses, described by a Protocol, so any storage with those methods will do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from assessment.answers import Answers, check_answers, parse_answers
from assessment.content_models import Content
from assessment.findings import Findings
from assessment.workshop import Consensus, Participant, Workshop, consensus_for, group_findings, workshop_aggregate


class WorkshopStore(Protocol):
    def workshop(self, workshop_id: int) -> Workshop: ...
    def participants(self, workshop_id: int) -> list[Participant]: ...
    def consensus(self, workshop_id: int) -> dict[int, Consensus]: ...
    def save_consensus(self, workshop_id: int, agreed: Consensus) -> None: ...


# --- answers files ---------------------------------------------------------------------------------------


def read_answers_file(raw: bytes | str, content: Content) -> Answers:
    """A saved answers file, checked against the content. Raises InvalidAnswersFile with a message for people."""
    answers = parse_answers(raw)
    check_answers(answers, content)
    return answers


# --- a workshop's agreed levels --------------------------------------------------------------------------


def record_agreed_level(store: WorkshopStore, workshop_id: int, principle: int, level: int | None,
                        note: str = "", target: int | None = None) -> Consensus:
    """Record the current and target levels the room agreed for one principle (None clears one), keeping beside
    them the ranges of views as the room's answers stand now, not as the facilitator's page was drawn. Returns
    what was saved."""
    workshop = store.workshop(workshop_id)
    now = workshop_aggregate(workshop, store.participants(workshop_id))
    agreed = consensus_for(now.principle(principle), level, note, target)
    store.save_consensus(workshop_id, agreed)
    return agreed


def workshop_findings(store: WorkshopStore, workshop_id: int, content: Content,
                      participants: Sequence[Participant] | None = None) -> Findings:
    """The group's findings: the agreed level per principle where there is one, else the room's median (rounded
    down), and the room's median answer to each readiness and components question, as one Findings."""
    workshop = store.workshop(workshop_id)
    people = list(store.participants(workshop_id)) if participants is None else list(participants)
    return group_findings(workshop, workshop_aggregate(workshop, people), store.consensus(workshop_id), people,
                          content)
