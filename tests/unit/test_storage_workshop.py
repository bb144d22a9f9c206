"""The workshop's storage for trust in the room, on SQLite and on PostgreSQL alike: the smallest group shown,
closing answering, finishing, removing an entry, agreed targets, the plan, and the step that adds them."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from assessment.answers import Answers, PrincipleAnswer
from assessment.storage import ParticipantNotFound, head_revision
from assessment.workshop import AnsweringClosed, Consensus, plan_item
from tests.unit.storage_backends import count_rows, open_storage  # noqa: F401  (the fixture)

PRACTICES = ["Ash Surgery", "Beech Practice"]


def answers_with(level: int) -> Answers:
    answers = Answers()
    answers.principles[1] = PrincipleAnswer(current=level, target=4)
    return answers


def test_a_workshop_keeps_the_smallest_group_its_facilitator_chose(open_storage):
    storage = open_storage()
    default = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    chosen = storage.create_workshop("Small room", PRACTICES, ["principles"], min_group=5).workshop
    assert (storage.workshop(default.id).min_group, storage.workshop(chosen.id).min_group) == (3, 5)


def test_closing_answering_stops_changes_and_finishing_until_it_is_opened_again(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse", answers_with(1))
    storage.set_answering_closed(workshop.id, True)
    assert storage.workshop(workshop.id).answering_closed
    with pytest.raises(AnsweringClosed, match="closed answering"):
        storage.save_participant_answers(joined.participant.id, answers_with(3))
    with pytest.raises(AnsweringClosed):
        storage.set_finished(joined.participant.id)
    assert storage.participants(workshop.id)[0].answers.principles[1].current == 1
    storage.set_answering_closed(workshop.id, False)
    storage.save_participant_answers(joined.participant.id, answers_with(3))
    storage.set_finished(joined.participant.id)
    [after] = storage.participants(workshop.id)
    assert after.answers.principles[1].current == 3 and after.finished


def test_removing_an_entry_removes_only_that_one_and_its_later_saves_say_why(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    other = storage.create_workshop("Other", PRACTICES, ["principles"]).workshop
    duplicate = storage.add_participant(workshop.id, "Ash Surgery", "nurse")
    kept = storage.add_participant(workshop.id, "Ash Surgery", "nurse")
    assert not storage.remove_participant(other.id, duplicate.participant.id)  # not that workshop's entry
    assert storage.remove_participant(workshop.id, duplicate.participant.id)
    assert [p.id for p in storage.participants(workshop.id)] == [kept.participant.id]
    with pytest.raises(ParticipantNotFound, match="removed this entry"):
        storage.save_participant_answers(duplicate.participant.id, answers_with(2))


def test_agreed_targets_and_their_ranges_are_kept(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    agreed = Consensus(principle=3, level=1, low=0, high=2, target=3, target_low=2, target_high=4, note="Soon")
    storage.save_consensus(workshop.id, agreed)
    assert storage.consensus(workshop.id) == {3: agreed}


def test_the_plan_keeps_its_order_through_updates_and_goes_with_the_workshop(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    first = plan_item("Draft a shared nurse rota", principle=1, owner="Asha", due=dt.date(2026, 6, 30))
    second = plan_item("Agree a data-sharing agreement")
    storage.save_plan_item(workshop.id, first)
    storage.save_plan_item(workshop.id, second)
    storage.save_plan_item(workshop.id, first.model_copy(update={"status": "done"}))
    assert [(i.action, i.status) for i in storage.plan(workshop.id)] == [
        ("Draft a shared nurse rota", "done"), ("Agree a data-sharing agreement", "not_started")]
    assert storage.plan(workshop.id)[0].due == dt.date(2026, 6, 30)
    storage.delete_plan_item(workshop.id, second.id)
    assert [i.id for i in storage.plan(workshop.id)] == [first.id]
    storage.delete_workshop(workshop.id)
    assert count_rows(storage, "workshop_actions") == 0


def test_a_database_from_before_these_columns_is_migrated_and_its_workshops_keep_their_old_minimum(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Last year", PRACTICES, ["principles"]).workshop
    storage.add_participant(workshop.id, "Ash Surgery", "nurse", answers_with(2))
    with storage.engine.begin() as conn:  # back to the shape step 1 made
        for table, column in (("workshops", "min_group"), ("workshops", "answering_closed"),
                              ("participants", "finished"), ("consensus", "target"), ("consensus", "target_low"),
                              ("consensus", "target_high"), ("self_assessments", "earlier")):
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(sa.text("DROP TABLE workshop_actions"))
        # As the hand-written migrations left it: version 1, before Alembic.
        conn.execute(sa.text("DROP TABLE alembic_version"))
        conn.execute(sa.text("UPDATE schema_version SET version = 1"))
    storage.dispose()
    reopened = open_storage()
    assert reopened.version == head_revision() == "0003_earlier_assessment"
    assert reopened.workshop(workshop.id).min_group == 2  # what every workshop showed before
    assert not reopened.participants(workshop.id)[0].finished
    assert reopened.plan(workshop.id) == []


def test_a_changed_answer_is_read_afresh_never_from_an_earlier_read(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse", answers_with(1))
    assert storage.participants(workshop.id)[0].answers.principles[1].current == 1
    storage.save_participant_answers(joined.participant.id, answers_with(3))
    storage.set_finished(joined.participant.id)
    [again] = storage.participants(workshop.id)
    assert again.answers.principles[1].current == 3 and again.finished
