"""When the database is away or busy, the storage says so in plain words, half-saves nothing, never counts the
moment against anyone as a wrong code, and works again, with the answers read afresh, once the database is back."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from assessment.answers import Answers, PrincipleAnswer
from assessment.errors import WorkshopNotFound
from assessment.storage import Storage, StorageError
from assessment.storage.engine import WRITE_WAIT_S
from tests.unit.storage_backends import count_rows, open_storage  # noqa: F401  (the fixture)

PRACTICES = ["Ash Surgery", "Beech Practice"]


def at_level(level: int) -> Answers:
    answers = Answers()
    answers.principles[4] = PrincipleAnswer(current=level, target=4)
    return answers


@contextlib.contextmanager
def database_away(storage: Storage) -> Iterator[None]:
    """The database server stops: the connections the storage holds are gone and every new one is refused, with
    the driver's own error, until the block ends."""
    dbapi = storage.engine.dialect.loaded_dbapi

    def refuse(dialect, record, cargs, cparams):
        raise dbapi.OperationalError("connection refused: the database server is not running")

    storage.engine.dispose()
    event.listen(storage.engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(storage.engine, "do_connect", refuse)


@contextlib.contextmanager
def participants_table_locked(storage: Storage) -> Iterator[None]:
    """Another connection holds a write lock on the participants' answers (SQLite: the whole file)."""
    if storage.engine.dialect.name == "sqlite":
        conn = sa.create_engine(storage.url).connect()
        conn.exec_driver_sql("BEGIN EXCLUSIVE")
    else:
        conn = storage.engine.connect()
        conn.begin()
        conn.execute(sa.text("LOCK TABLE participants IN EXCLUSIVE MODE"))
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def test_an_answer_saved_while_the_database_is_away_is_refused_in_plain_words_and_saves_once_it_is_back(
        open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    person = storage.add_participant(workshop.id, "Ash Surgery", "nurse", at_level(1)).participant
    with database_away(storage):
        started = time.monotonic()
        with pytest.raises(StorageError) as refused:
            storage.save_participant_answers(person.id, at_level(3))
        assert time.monotonic() - started < WRITE_WAIT_S + 1  # the participant is told within seconds
    message = str(refused.value)
    assert "could not reach its database" in message and "try again" in message.lower()
    assert "OperationalError" not in message and "refused" not in message  # no driver's words on screen
    # Nothing half-written: the answer before the outage is still the one stored.
    assert storage.participants(workshop.id)[0].answers.principles[4].current == 1
    storage.save_participant_answers(person.id, at_level(3))  # the page's retry, once the database is back
    assert storage.participants(workshop.id)[0].answers.principles[4].current == 3


def test_the_dashboards_reads_fail_in_plain_words_while_the_database_is_away_and_show_fresh_answers_after(
        open_storage):
    facilitator, participants_server = open_storage(), open_storage()  # two app servers on one database
    created = facilitator.create_workshop("Away day", PRACTICES, ["principles"])
    workshop = created.workshop
    person = participants_server.add_participant(workshop.id, "Ash Surgery", "nurse", at_level(1)).participant
    assert facilitator.participants(workshop.id)[0].answers.principles[4].current == 1  # read once before
    with database_away(facilitator):
        for read in (lambda: facilitator.workshop(workshop.id), lambda: facilitator.participants(workshop.id),
                     lambda: facilitator.consensus(workshop.id), lambda: facilitator.plan(workshop.id),
                     lambda: facilitator.workshop_by_key(created.facilitator_key, client="tab")):
            with pytest.raises(StorageError, match="could not reach its database"):
                read()
        participants_server.save_participant_answers(person.id, at_level(2))  # given meanwhile, elsewhere
    (after,) = facilitator.participants(workshop.id)
    assert after.answers.principles[4].current == 2  # read afresh, not the copy from before the outage
    assert facilitator.workshop_by_key(created.facilitator_key, client="tab").id == workshop.id


def test_codes_typed_while_the_database_is_away_are_not_counted_as_wrong_codes(open_storage):
    storage = open_storage(failure_limit=5, failure_window_s=300)
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    with database_away(storage):
        for _ in range(8):  # more tries than the limit, as a participant pressing Join again and again would
            with pytest.raises(StorageError):
                storage.workshop_by_code(workshop.join_code, client="tab:phone")
            with pytest.raises(StorageError):
                storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab:phone")
    assert count_rows(storage, "failed_attempts") == 0
    assert storage.workshop_by_code(workshop.join_code, client="tab:phone").id == workshop.id  # not made to wait
    with pytest.raises(WorkshopNotFound):  # and a wrong code is still a wrong code
        storage.workshop_by_code("ZZZZZ-ZZZZZ", client="tab:phone")


def test_an_answer_blocked_by_a_busy_database_gives_up_within_its_wait_and_saves_once_the_lock_is_released(
        open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    person = storage.add_participant(workshop.id, "Ash Surgery", "nurse", at_level(1)).participant
    with participants_table_locked(storage):
        started = time.monotonic()
        with pytest.raises(StorageError, match="could not reach its database"):
            storage.save_participant_answers(person.id, at_level(3))
        waited = time.monotonic() - started
    assert waited < WRITE_WAIT_S + 1.5, f"a blocked answer held the participant for {waited:.1f} s"
    assert storage.participants(workshop.id)[0].answers.principles[4].current == 1
    storage.save_participant_answers(person.id, at_level(3))
    assert storage.participants(workshop.id)[0].answers.principles[4].current == 3
