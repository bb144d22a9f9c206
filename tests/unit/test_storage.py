"""The storage behind workshops and autosave, on SQLite and on PostgreSQL alike."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
import sqlalchemy as sa

from assessment.answers import Answers, PrincipleAnswer
from assessment.errors import TooManyAttempts, WorkshopNotFound
from assessment.storage import (
    ParticipantNotFound,
    ResumeCodeNotFound,
    Storage,
    StorageError,
    digest,
    format_code,
    normalise_code,
)
from assessment.workshop import Consensus
from tests.unit.storage_backends import count_rows, open_storage  # noqa: F401  (the fixture)

PRACTICES = ["Ash Surgery", "Beech Practice"]


def answers_with(level: int, principle: int = 1) -> Answers:
    answers = Answers()
    answers.principles[principle] = PrincipleAnswer(current=level, target=4)
    return answers


def workshop_in(storage: Storage, name: str = "Away day"):
    return storage.create_workshop(name, PRACTICES, ["principles", "readiness"])


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


# --- workshops ----------------------------------------------------------------------------------------------


def test_a_participant_finds_the_workshop_by_its_code_typed_loosely(open_storage):
    storage = open_storage()
    created = workshop_in(storage)
    typed = format_code(created.workshop.join_code).lower().replace("0", "o").replace("1", "l")
    found = storage.workshop_by_code(f"  {typed} ", client="tab-1")
    assert found == created.workshop
    assert found.practices == PRACTICES and found.sections == ["principles", "readiness"]


def test_a_facilitator_opens_the_workshop_with_the_key_shown_at_creation(open_storage):
    storage = open_storage()
    created = workshop_in(storage)
    assert storage.workshop_by_key(created.facilitator_key, client="tab-1").id == created.workshop.id
    with pytest.raises(WorkshopNotFound):
        key = created.facilitator_key  # a wrong key: its last character changed (never to itself)
        storage.workshop_by_key(key[:-1] + ("y" if key.endswith("x") else "x"), client="tab-1")


def test_the_facilitator_key_is_stored_only_as_a_hash(open_storage):
    storage = open_storage()
    created = workshop_in(storage)
    with storage.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM workshops")).mappings().one()
    stored = {str(v) for v in row.values()}
    assert created.facilitator_key not in stored and normalise_code(created.facilitator_key) not in stored
    assert row["key_hash"] == digest(normalise_code(created.facilitator_key))  # read as a code: case, dashes aside


def test_a_wrong_code_names_no_workshop(open_storage):
    storage = open_storage()
    workshop_in(storage)
    with pytest.raises(WorkshopNotFound, match="No workshop has that code"):
        storage.workshop_by_code("ABCDE-FGHJK", client="tab-1")


def test_a_participants_answers_are_saved_and_read_back(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse")
    storage.save_participant_answers(joined.participant.id, answers_with(3))
    [stored] = storage.participants(workshop.id)
    assert (stored.practice, stored.role, stored.answers.principles[1].current) == ("Ash Surgery", "nurse", 3)


def test_a_participant_continues_from_their_personal_token_which_is_stored_only_as_a_hash(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    joined = storage.add_participant(workshop.id, "Beech Practice", "gp_partner", answers_with(2))
    assert storage.participant_by_token(joined.token, client="tab-2").answers.principles[1].current == 2
    assert count_rows(storage, "participants", token_hash=digest(joined.token)) == 1
    with storage.engine.connect() as conn:
        assert joined.token not in str(conn.execute(sa.text("SELECT * FROM participants")).all())
    with pytest.raises(ParticipantNotFound):
        storage.participant_by_token("not-a-token", client="tab-2")


def test_a_participant_can_only_join_as_one_of_the_workshops_practices(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    with pytest.raises(ValueError, match="not one of this workshop's practices"):
        storage.add_participant(workshop.id, "Elsewhere Surgery", "nurse")


def test_saving_consensus_again_replaces_the_agreed_level_and_keeps_one_row(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    storage.save_consensus(workshop.id, Consensus(principle=4, level=1, note="first", low=0, high=3))
    storage.save_consensus(workshop.id, Consensus(principle=4, level=2, note="agreed", low=0, high=3))
    assert storage.consensus(workshop.id) == {4: Consensus(principle=4, level=2, note="agreed", low=0, high=3)}
    assert count_rows(storage, "consensus", workshop_id=workshop.id) == 1


def test_deleting_a_workshop_removes_its_rows_from_every_table_and_leaves_other_workshops(open_storage):
    storage = open_storage()
    doomed, kept = workshop_in(storage, "Doomed").workshop, workshop_in(storage, "Kept").workshop
    for workshop in (doomed, kept):
        storage.add_participant(workshop.id, "Ash Surgery", "nurse", answers_with(1))
        storage.save_consensus(workshop.id, Consensus(principle=1, level=1))
    storage.delete_workshop(doomed.id)
    assert [count_rows(storage, t, **{c: doomed.id}) for t, c in
            (("workshops", "id"), ("participants", "workshop_id"), ("consensus", "workshop_id"))] == [0, 0, 0]
    assert [count_rows(storage, t, **{c: kept.id}) for t, c in
            (("workshops", "id"), ("participants", "workshop_id"), ("consensus", "workshop_id"))] == [1, 1, 1]
    with pytest.raises(WorkshopNotFound):
        storage.workshop_by_code(doomed.join_code, client="tab-1")


def test_answers_saved_after_the_workshop_is_deleted_are_refused_not_lost_silently(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse")
    storage.delete_workshop(workshop.id)
    with pytest.raises(ParticipantNotFound):
        storage.save_participant_answers(joined.participant.id, answers_with(1))


# --- wrong codes are slowed ------------------------------------------------------------------------------


def test_after_five_wrong_codes_the_client_must_wait_even_for_the_right_code(open_storage):
    clock = FakeClock()
    storage = open_storage(clock=clock, failure_limit=5, failure_window_s=300)
    code = workshop_in(storage).workshop.join_code
    for _ in range(5):
        with pytest.raises(WorkshopNotFound):
            storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab-1")
        clock.now += 10
    with pytest.raises(TooManyAttempts) as raised:
        storage.workshop_by_code(code, client="tab-1")
    # The first failure leaves the five-minute window 300 - 50 seconds from now.
    assert raised.value.wait_seconds == 250
    assert str(raised.value) == "Too many wrong codes from this device. Try again in 5 minutes."


def test_the_wait_ends_when_the_window_has_passed_and_other_clients_are_never_slowed(open_storage):
    clock = FakeClock()
    storage = open_storage(clock=clock, failure_limit=3, failure_window_s=60)
    code = workshop_in(storage).workshop.join_code
    for _ in range(3):
        with pytest.raises(WorkshopNotFound):
            storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab-1")
    assert storage.workshop_by_code(code, client="tab-2").join_code == code
    with pytest.raises(TooManyAttempts):
        storage.workshop_by_code(code, client="tab-1")
    clock.now += 61
    assert storage.workshop_by_code(code, client="tab-1").join_code == code


def test_wrong_codes_are_counted_in_the_database_so_every_replica_sees_them(open_storage):
    clock = FakeClock()
    first, second = open_storage(clock=clock, failure_limit=2), open_storage(clock=clock, failure_limit=2)
    for replica in (first, second):
        with pytest.raises(WorkshopNotFound):
            replica.workshop_by_code("ZZZZZ-ZZZZZ", client="10.0.0.7")
    with pytest.raises(TooManyAttempts):
        first.workshop_by_code("ZZZZZ-ZZZZZ", client="10.0.0.7")


def test_each_client_key_has_its_own_limit(open_storage):
    storage = open_storage(clock=FakeClock())
    clients = {"session:abc": 2, "ip:10.0.0.7": 100}
    for _ in range(2):
        with pytest.raises(WorkshopNotFound):
            storage.workshop_by_code("ZZZZZ-ZZZZZ", client=clients)
    with pytest.raises(TooManyAttempts):
        storage.workshop_by_code("ZZZZZ-ZZZZZ", client=clients)
    # Another tab behind the same address is not slowed by the first tab's mistakes.
    with pytest.raises(WorkshopNotFound):
        storage.workshop_by_code("ZZZZZ-ZZZZZ", client={"session:def": 2, "ip:10.0.0.7": 100})


# --- autosaved self-assessments ------------------------------------------------------------------------


def test_a_self_assessment_is_saved_under_a_resume_code_and_updated_in_place(open_storage):
    storage = open_storage()
    code = storage.save_self_assessment(answers_with(1))
    assert storage.save_self_assessment(answers_with(3), code) == code
    assert storage.load_self_assessment(format_code(code).lower(), client="tab").principles[1].current == 3
    assert count_rows(storage, "self_assessments") == 1
    assert count_rows(storage, "self_assessments", code_hash=digest(code)) == 1


def test_a_wrong_resume_code_is_reported_as_not_found(open_storage):
    storage = open_storage()
    storage.save_self_assessment(answers_with(1))
    with pytest.raises(ResumeCodeNotFound, match="nothing in this tab has been changed"):
        storage.load_self_assessment("AAAAA-AAAAA-AAAAA", client="tab")


def test_forgetting_a_self_assessment_deletes_its_row_and_the_code_no_longer_opens_it(open_storage):
    storage = open_storage()
    code, kept = storage.save_self_assessment(answers_with(1)), storage.save_self_assessment(answers_with(2))
    assert storage.delete_self_assessment(format_code(code)) is True
    assert count_rows(storage, "self_assessments", code_hash=digest(code)) == 0
    with pytest.raises(ResumeCodeNotFound):
        storage.load_self_assessment(code, client="tab")
    assert storage.load_self_assessment(kept, client="tab").principles[1].current == 2
    assert storage.delete_self_assessment(code) is False


def test_the_earlier_assessment_set_beside_the_answers_is_kept_with_them_until_put_away(open_storage):
    storage = open_storage()
    code = storage.save_self_assessment(answers_with(3), earlier=answers_with(1))
    answers, earlier = storage.load_self_assessment_and_earlier(code, client="tab")
    assert (answers.principles[1].current, earlier.principles[1].current) == (3, 1)
    storage.save_self_assessment(answers_with(4), code, earlier=answers_with(2))
    assert storage.load_self_assessment_and_earlier(code, client="tab")[1].principles[1].current == 2
    storage.save_self_assessment(answers_with(4), code)  # put away: nothing set beside them
    assert storage.load_self_assessment_and_earlier(code, client="tab")[1] is None


def test_an_earlier_assessment_that_no_longer_reads_never_keeps_the_answers_from_coming_back(open_storage):
    storage = open_storage()
    code = storage.save_self_assessment(answers_with(3), earlier=answers_with(1))
    with storage.engine.begin() as conn:
        conn.execute(sa.text("UPDATE self_assessments SET earlier = :e WHERE code_hash = :hash"),
                     {"e": '{"rows": [1]}', "hash": digest(code)})
    answers, earlier = storage.load_self_assessment_and_earlier(code, client="tab")
    assert (answers.principles[1].current, earlier) == (3, None)


def test_autosaves_untouched_for_longer_than_the_retention_are_purged_and_recent_ones_kept(open_storage):
    storage = open_storage()
    old, recent = storage.save_self_assessment(answers_with(1)), storage.save_self_assessment(answers_with(2))
    with storage.engine.begin() as conn:
        conn.execute(sa.text("UPDATE self_assessments SET updated = :when WHERE code_hash = :hash"),
                     {"when": dt.datetime(2020, 1, 1), "hash": digest(old)})
    assert storage.purge_stale_self_assessments(older_than_days=180) == 1
    assert count_rows(storage, "self_assessments", code_hash=digest(old)) == 0
    assert count_rows(storage, "self_assessments", code_hash=digest(recent)) == 1


def test_an_autosave_written_by_an_older_groupup_is_migrated_when_resumed(open_storage):
    storage = open_storage()
    code = storage.save_self_assessment(Answers())
    version_1 = json.dumps({"app": "groupup", "schema_version": 1,
                            "principles": [{"number": 4, "current": 1, "target": 3}]})
    with storage.engine.begin() as conn:
        conn.execute(sa.text("UPDATE self_assessments SET answers = :a WHERE code_hash = :hash"),
                     {"a": version_1, "hash": digest(code)})
    resumed = storage.load_self_assessment(code, client="tab")
    assert (resumed.principles[4].current, resumed.principles[4].target, resumed.actions) == (1, 3, [])


# --- many at once --------------------------------------------------------------------------------------


def test_fifty_participants_submitting_at_the_same_moment_are_all_stored(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    n = 50
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def submit(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            joined = storage.add_participant(workshop.id, PRACTICES[i % 2], "nurse")
            answers = answers_with(i % 5, principle=1 + i % 12)
            answers.principles[1 + i % 12].note = f"participant {i}"
            storage.save_participant_answers(joined.participant.id, answers)
        except BaseException as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    stored = storage.participants(workshop.id)
    notes = sorted(a.note for p in stored for a in p.answers.principles.values())
    assert notes == sorted(f"participant {i}" for i in range(n))
    assert count_rows(storage, "participants", workshop_id=workshop.id) == n


def test_a_participant_with_an_unknown_role_is_refused_and_the_workshop_still_reads(open_storage):
    storage = open_storage()
    workshop = workshop_in(storage).workshop
    storage.add_participant(workshop.id, "Ash Surgery", "nurse")
    with pytest.raises(ValueError):
        storage.add_participant(workshop.id, "Ash Surgery", "chief_wizard")
    assert [p.role for p in storage.participants(workshop.id)] == ["nurse"]


# --- a busy database --------------------------------------------------------------------------------------


def hold_write_lock(storage: Storage):
    """Another connection holding the lock every autosave needs, as a long job or a stuck process would."""
    conn = sa.create_engine(storage.url).connect() if storage.engine.dialect.name == "sqlite" else None
    if conn is None:
        conn = storage.engine.connect()
        conn.begin()
        conn.execute(sa.text("LOCK TABLE self_assessments IN EXCLUSIVE MODE"))
    else:
        conn.exec_driver_sql("BEGIN EXCLUSIVE")
    return conn


def test_a_save_blocked_by_a_held_lock_gives_up_within_its_wait_and_succeeds_once_the_lock_is_released(
        open_storage):
    storage = open_storage()
    blocker = hold_write_lock(storage)
    try:
        started = time.monotonic()
        with pytest.raises(StorageError, match="could not reach its database just now"):
            storage.save_self_assessment(answers_with(2), wait_s=1.0)
        assert time.monotonic() - started < 2.0
    finally:
        blocker.rollback()
        blocker.close()
    code = storage.save_self_assessment(answers_with(2), wait_s=1.0)
    assert storage.load_self_assessment(code, client="tab").principles[1].current == 2


def test_opening_an_up_to_date_database_while_another_connection_holds_the_lock_does_not_wait(open_storage):
    storage = open_storage()
    blocker = hold_write_lock(storage)
    try:
        started = time.monotonic()
        again = open_storage()
        assert again.version == storage.version
        assert time.monotonic() - started < 2.0
    finally:
        blocker.rollback()
        blocker.close()


def test_a_code_of_the_wrong_length_is_told_how_long_a_code_is(open_storage):
    storage = open_storage(clock=FakeClock())
    with pytest.raises(WorkshopNotFound) as raised:
        storage.workshop_by_code("ABCDE-2345", client="tab-1")
    assert str(raised.value).startswith("That code is 9 letters and digits long; a workshop code has 10, like "
                                        "ABCDE-23456.")
    with pytest.raises(WorkshopNotFound, match="^No workshop has that code"):
        storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab-2")


@pytest.mark.parametrize(("limit", "window", "wait"), [(5, 300, "5 minutes"), (3, 60, "1 minute")])
def test_the_last_wrong_try_before_the_lock_says_one_more_locks_the_device(open_storage, limit, window, wait):
    storage = open_storage(clock=FakeClock(), failure_limit=limit, failure_window_s=window)
    messages = []
    for _ in range(limit):
        with pytest.raises(WorkshopNotFound) as raised:
            storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab-1")
        messages.append(str(raised.value))
    warning = f"One more wrong try locks this device for up to {wait}."
    assert [warning in m for m in messages] == [False] * (limit - 2) + [True, False]
    with pytest.raises(TooManyAttempts):
        storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab-1")


def test_a_replaced_facilitator_key_is_told_a_new_one_may_have_been_issued(open_storage):
    storage = open_storage(clock=FakeClock())
    created = workshop_in(storage)
    storage.reissue_facilitator_key(created.workshop.join_code)
    with pytest.raises(WorkshopNotFound, match="new key has been issued for the workshop from the command line"):
        storage.workshop_by_key(created.facilitator_key, client="tab-1")
