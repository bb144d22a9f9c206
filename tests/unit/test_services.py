"""Service functions, run against a small hand-written fake storage: no database, no patching."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.errors import InvalidAnswersFile, WorkshopNotFound
from assessment.services import (
    read_answers_file,
    record_agreed_level,
    workshop_findings,
)
from assessment.workshop import Consensus, Participant, Workshop

NOW = dt.datetime(2026, 3, 1, 10, 0)


class FakeStorage:
    """Workshops, participants and agreed levels in dictionaries."""

    def __init__(self) -> None:
        self.workshops: dict[int, Workshop] = {}
        self.people: dict[int, list[Participant]] = {}
        self.agreed: dict[int, dict[int, Consensus]] = {}

    def add_workshop(self, *practices: str) -> Workshop:
        workshop = Workshop(id=len(self.workshops) + 1, name="Away day", join_code="ABCDE12345",
                            practices=list(practices), sections=["principles"], created=NOW)
        self.workshops[workshop.id] = workshop
        self.people[workshop.id] = []
        return workshop

    def join(self, workshop: Workshop, practice: str, levels: dict[int, int]) -> None:
        answers = Answers(principles={n: PrincipleAnswer(current=level) for n, level in levels.items()})
        self.people[workshop.id].append(Participant(id=len(self.people[workshop.id]) + 1, workshop_id=workshop.id,
                                                    practice=practice, role="gp_partner", answers=answers,
                                                    updated=NOW))

    def workshop(self, workshop_id: int) -> Workshop:
        if workshop_id not in self.workshops:
            raise WorkshopNotFound("That workshop no longer exists.")
        return self.workshops[workshop_id]

    def participants(self, workshop_id: int) -> list[Participant]:
        return list(self.people[workshop_id])

    def consensus(self, workshop_id: int) -> dict[int, Consensus]:
        return dict(self.agreed.get(workshop_id, {}))

    def save_consensus(self, workshop_id: int, agreed: Consensus) -> None:
        self.agreed.setdefault(workshop_id, {})[agreed.principle] = agreed


@pytest.fixture
def store() -> FakeStorage:
    return FakeStorage()


@pytest.fixture
def room(store) -> Workshop:
    workshop = store.add_workshop("North", "South")
    store.join(workshop, "North", {1: 1, 2: 3})
    store.join(workshop, "South", {1: 3, 2: 3})
    store.join(workshop, "South", {1: 2, 2: 3})  # three people: the smallest group whose spread is shown
    return workshop


def test_recording_an_agreed_level_keeps_the_range_of_views_it_was_agreed_from(store, room):
    saved = record_agreed_level(store, room.id, 1, 2, "  We met in the middle ")
    assert store.consensus(room.id)[1] == saved
    assert (saved.level, saved.low, saved.high, saved.note) == (2, 1, 3, "We met in the middle")


def test_the_range_kept_is_the_rooms_as_it_stands_when_the_level_is_recorded(store, room):
    store.join(room, "North", {1: 0})
    assert record_agreed_level(store, room.id, 1, 2).low == 0


def test_an_agreed_target_is_recorded_beside_the_agreed_level(store, room):
    saved = record_agreed_level(store, room.id, 2, 3, target=4)
    assert (saved.level, saved.target) == (3, 4)


def test_clearing_an_agreed_level_records_none(store, room):
    record_agreed_level(store, room.id, 1, 2)
    assert record_agreed_level(store, room.id, 1, None).level is None


def test_recording_for_a_workshop_that_is_gone_raises_its_named_error(store):
    with pytest.raises(WorkshopNotFound):
        record_agreed_level(store, 99, 1, 2)


def test_a_workshops_findings_use_the_agreed_level_and_otherwise_the_median(store, room):
    record_agreed_level(store, room.id, 1, 4)
    findings = workshop_findings(store, room.id, get_content())
    levels = {p.number: p.current for p in findings.principles}
    # Neither practice has the three people it takes to be named, so the group is "2 practices".
    assert findings.kind == "workshop" and findings.practice_names == ["2 practices"]
    assert levels[1] == 4 and levels[2] == 3 and levels[3] is None


def test_an_answers_file_with_a_value_off_the_scale_is_refused_in_words():
    with pytest.raises(InvalidAnswersFile, match="runs from 0 to|run from 0 to"):
        read_answers_file(Answers(readiness={"time_for_the_future": 9}).model_dump_json(), get_content())
