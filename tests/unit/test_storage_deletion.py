"""Deleting for good: a deleted workshop's or autosave's text is gone from the database's own files, not just hidden."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from assessment.answers import Answers, PrincipleAnswer
from assessment.storage import Storage
from assessment.workshop import Consensus
from tests.unit.storage_backends import open_storage  # noqa: F401  (the fixture)

DOOMED, KEPT = "Larkspur Away Day", "Hawthorn Away Day"


def answers_noting(text: str) -> Answers:
    answers = Answers()
    answers.principles[1] = PrincipleAnswer(current=2, target=4, note=text)
    return answers


def _postgres_superuser(sql: str) -> str:
    """Run SQL as the server's superuser (CHECKPOINT, where the data directory is): the app's role may not."""
    if os.geteuid() != 0 or shutil.which("psql") is None:
        message = "reading PostgreSQL's data files needs root on the database machine"
        if os.environ.get("CI"):
            pytest.fail(f"{message}, as in CI")
        pytest.skip(message)
    done = subprocess.run(["su", "postgres", "-c", f"psql -qAt -c {sql!r}"], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def database_bytes(storage: Storage) -> bytes:
    """Every byte the database keeps on disk for GroupUp's tables, after its caches have been written out."""
    url = storage.engine.url
    if url.get_backend_name() == "sqlite":
        database = Path(url.database)
        return b"".join(p.read_bytes() for p in sorted(database.parent.glob(database.name + "*")))
    _postgres_superuser("CHECKPOINT")
    data_dir = Path(_postgres_superuser("SHOW data_directory"))
    with storage.engine.connect() as conn:
        paths = conn.execute(sa.text(
            "SELECT pg_relation_filepath(c.oid), pg_relation_filepath(NULLIF(c.reltoastrelid, 0)) FROM pg_class c "
            "WHERE c.relname = ANY(:tables) AND c.relnamespace = current_schema()::regnamespace"),
            {"tables": ["workshops", "participants", "consensus", "self_assessments"]}).all()
    files = [data_dir / p for row in paths for p in row if p]
    return b"".join(f.read_bytes() for f in files if f.exists())


def test_a_deleted_workshops_name_answers_and_notes_are_gone_from_the_database_files(open_storage):
    storage = open_storage()
    # The doomed rows are written last: a plain VACUUM compacts a page over dead rows in its middle, but leaves
    # the last ones' bytes in its free space, which is the case that must be caught.
    for name in (KEPT, DOOMED):
        workshop = storage.create_workshop(name, ["Ash Surgery"], ["principles"]).workshop
        joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse")
        storage.save_participant_answers(joined.participant.id, answers_noting(f"{name} participant note"))
        storage.save_consensus(workshop.id, Consensus(principle=1, level=2, note=f"{name} agreed note"))
        if name == DOOMED:
            doomed = workshop
    before = database_bytes(storage)
    assert DOOMED.encode() in before and f"{DOOMED} participant note".encode() in before  # found where looked
    storage.delete_workshop(doomed.id)
    after = database_bytes(storage)
    for text in (DOOMED, f"{DOOMED} participant note", f"{DOOMED} agreed note"):
        assert text.encode() not in after, f"{text!r} is still in the database files"
    for text in (KEPT, f"{KEPT} participant note", f"{KEPT} agreed note"):
        assert text.encode() in after  # the other workshop is untouched


def test_forgotten_autosaved_answers_are_gone_from_the_database_files(open_storage):
    storage = open_storage()
    storage.save_self_assessment(answers_noting("Hawthorn Surgery's kept note"))
    doomed = storage.save_self_assessment(answers_noting("Larkspur Surgery's private worry"))
    assert b"Larkspur Surgery's private worry" in database_bytes(storage)
    storage.delete_self_assessment(doomed)
    after = database_bytes(storage)
    assert b"Larkspur Surgery's private worry" not in after
    assert b"Hawthorn Surgery's kept note" in after


def test_forgotten_autosaved_answers_take_the_earlier_assessment_kept_with_them_out_of_the_database_files(
        open_storage):
    storage = open_storage()
    doomed = storage.save_self_assessment(answers_noting("This year's note"),
                                          earlier=answers_noting("Last year's private worry"))
    assert b"Last year's private worry" in database_bytes(storage)
    storage.delete_self_assessment(doomed)
    assert b"Last year's private worry" not in database_bytes(storage)
