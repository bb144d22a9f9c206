"""The schema is migrated by Alembic: fresh databases, databases from the first release, and newer ones refused."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from assessment.storage import ALEMBIC_ERA, SchemaTooNew, Storage, head_revision, metadata, migrate
from tests.unit.storage_backends import count_rows, open_storage  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]

# The first released schema, as GroupUp's hand-written migration step 1 created it, captured as SQL (the two
# backends differ only in the names of two types). Never derive it from the code: it is what is out there.
FIRST_RELEASE_DDL = """
CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
CREATE TABLE workshops (
    id {serial} NOT NULL,
    name VARCHAR(200) NOT NULL,
    join_code VARCHAR(20) NOT NULL,
    key_hash VARCHAR(64) NOT NULL,
    practices JSON NOT NULL,
    sections JSON NOT NULL,
    created {timestamp} NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (join_code),
    UNIQUE (key_hash)
);
CREATE TABLE participants (
    id {serial} NOT NULL,
    workshop_id INTEGER NOT NULL,
    practice VARCHAR(200) NOT NULL,
    role VARCHAR(40) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    answers TEXT NOT NULL,
    updated {timestamp} NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE,
    UNIQUE (token_hash)
);
CREATE INDEX ix_participants_workshop_id ON participants (workshop_id);
CREATE TABLE consensus (
    workshop_id INTEGER NOT NULL,
    principle INTEGER NOT NULL,
    level INTEGER,
    note TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    updated {timestamp} NOT NULL,
    PRIMARY KEY (workshop_id, principle),
    FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE
);
CREATE TABLE failed_attempts (
    id {serial} NOT NULL,
    client VARCHAR(200) NOT NULL,
    at FLOAT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_failed_attempts_client_at ON failed_attempts (client, at);
CREATE TABLE self_assessments (
    code_hash VARCHAR(64) NOT NULL,
    answers TEXT NOT NULL,
    updated {timestamp} NOT NULL,
    PRIMARY KEY (code_hash)
);
INSERT INTO schema_version (version) VALUES (1);
"""

FIRST_RELEASE_ROWS = """
INSERT INTO workshops (name, join_code, key_hash, practices, sections, created)
VALUES ('Spring away day', 'ABCDE23456', '{key_hash}', '["Ash Surgery"]', '["principles"]', '2026-03-01 09:00:00');
INSERT INTO participants (workshop_id, practice, role, token_hash, answers, updated)
VALUES (1, 'Ash Surgery', 'nurse', 'tokenhash', '{answers}', '2026-03-01 09:30:00');
INSERT INTO consensus (workshop_id, principle, level, note, low, high, updated)
VALUES (1, 4, 2, 'agreed after lunch', 1, 3, '2026-03-01 15:00:00');
"""


def empty_database(open_storage) -> sa.Engine:
    """The test's empty database, reached without opening (and so migrating) a Storage."""
    probe = open_storage()  # opened once only to learn where the test's database is ...
    engine = probe.engine
    with engine.begin() as conn:  # ... then emptied again
        for table in [*reversed(metadata.sorted_tables), sa.table("alembic_version")]:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table.name}"))
    return engine


def build_first_release(engine: sa.Engine) -> None:
    postgresql = engine.dialect.name == "postgresql"
    types = {"serial": "SERIAL" if postgresql else "INTEGER",
             "timestamp": "TIMESTAMP WITHOUT TIME ZONE" if postgresql else "DATETIME"}
    from assessment.storage import digest

    answers = json.dumps({"principles": {"4": {"current": 1, "target": 3, "note": "", "not_sure": False}}})
    sql = FIRST_RELEASE_DDL.format(**types) + FIRST_RELEASE_ROWS.format(key_hash=digest("old-key"), answers=answers)
    with engine.begin() as conn:
        for statement in filter(str.strip, sql.split(";")):
            conn.exec_driver_sql(statement)


def schema_differences(storage: Storage) -> list:
    with storage.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_a_fresh_database_is_created_at_the_newest_revision_and_matches_the_tables_in_code(open_storage):
    storage = open_storage()
    assert storage.version == head_revision()
    with storage.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    assert schema_differences(storage) == []


def test_a_database_made_by_the_first_release_is_upgraded_and_keeps_its_workshops(open_storage):
    engine = empty_database(open_storage)
    build_first_release(engine)
    storage = open_storage()
    assert storage.version == head_revision()
    assert schema_differences(storage) == []
    workshop = storage.workshop_by_key("old-key", client="tab")
    assert (workshop.name, workshop.practices, workshop.created) == (
        "Spring away day", ["Ash Surgery"], dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    [participant] = storage.participants(workshop.id)
    assert participant.answers.principles[4].current == 1
    assert storage.consensus(workshop.id)[4].note == "agreed after lunch"
    # A copy of GroupUp from before Alembic reads schema_version, and now refuses this database.
    with storage.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version FROM schema_version")).scalars().all() == [ALEMBIC_ERA]


def test_opening_an_up_to_date_database_again_changes_nothing(open_storage):
    storage = open_storage()
    workshop = storage.create_workshop("Away day", ["Ash Surgery"], ["principles"]).workshop
    again = open_storage()
    assert again.version == head_revision()
    assert again.workshop(workshop.id) == workshop
    assert count_rows(again, "schema_version") == 1 and count_rows(again, "alembic_version") == 1


def test_a_database_from_a_newer_groupup_is_refused(open_storage):
    storage = open_storage()
    with storage.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(SchemaTooNew, match="0099_from_the_future"):
        open_storage()


def test_a_hand_migrated_database_at_an_unknown_version_is_refused(open_storage):
    engine = empty_database(open_storage)
    build_first_release(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE schema_version SET version = 7"))
    with pytest.raises(SchemaTooNew, match="schema version 7"):
        open_storage()


def test_migrating_twice_in_a_row_is_a_no_op(open_storage):
    storage = open_storage()
    assert migrate(storage.engine) == migrate(storage.engine) == head_revision()


def test_copies_starting_together_on_an_empty_database_take_turns_and_all_start(open_storage):
    engine = empty_database(open_storage)
    engine.dispose()
    barrier = threading.Barrier(4)
    results: list[object] = []

    def start() -> None:
        barrier.wait(timeout=30)
        try:
            results.append(open_storage().version)
        except BaseException as exc:  # noqa: BLE001 — collected and asserted below
            results.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [head_revision()] * 4


# PostgreSQL only: there the advisory lock makes separate processes take turns (SQLite's BEGIN IMMEDIATE does
# it for SQLite, and the test above covers that).
@pytest.mark.parametrize("open_storage", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_replicas_starting_together_as_separate_processes_take_turns_and_all_start(open_storage):
    engine = empty_database(open_storage)
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            url += f"?options=-csearch_path%3D{conn.execute(sa.text('SELECT current_schema()')).scalar_one()}"
    engine.dispose()
    script = "import sys; from assessment.storage import Storage; print(Storage(sys.argv[1]).version)"
    replicas = [subprocess.Popen([sys.executable, "-c", script, url], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [replica.communicate(timeout=120) for replica in replicas]
    assert [(replica.returncode, out.strip()) for replica, (out, _) in zip(replicas, outputs, strict=True)] == [
        (0, head_revision())] * 3, [err for _, err in outputs]
