"""Bringing the schema up to date with Alembic when the storage is opened (the revisions are in
assessment/migrations/versions), including databases made before GroupUp used Alembic."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

from assessment.storage.engine import LOCK_WAIT_S, SchemaTooNew, _write
from assessment.storage.schema import schema_version

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
# Databases migrated by the hand-written steps GroupUp used before Alembic, by their schema_version, and the
# Alembic revision each one's schema is. They are stamped with it, then upgraded like any other.
LEGACY_VERSIONS = {1: "0001_baseline"}
# Written to schema_version once Alembic manages a database: a copy of GroupUp from before Alembic reads that
# table, sees a version beyond its own steps, and refuses to start rather than misread the schema.
ALEMBIC_ERA = 1000
_MIGRATING = threading.Lock()


def _alembic_config(conn: Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    """The newest schema revision this copy of GroupUp knows."""
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def migrate(engine: Engine, *, lock_wait_s: float = LOCK_WAIT_S) -> str:
    """Bring the schema up to date; a no-op when it already is. Returns the revision reached.

    Raises SchemaTooNew when the database was migrated by a newer GroupUp than this one.
    """
    head = head_revision()
    # Almost every start finds the schema up to date: see so without the write lock, which a busy database
    # would make every replica (and the first page after a restart) wait for.
    with engine.connect() as conn:
        if sa.inspect(conn).has_table("alembic_version") and \
                MigrationContext.configure(conn).get_current_revision() == head:
            return head
    # Alembic keeps the running migration in module globals, so threads of one process take turns too.
    with _MIGRATING, _write(engine, lock_wait_s) as conn:
        if engine.dialect.name == "postgresql":
            # Replicas starting together take turns; the lock is released when the transaction ends.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(4242001)"))
        config = _alembic_config(conn)
        script = ScriptDirectory.from_config(config)
        current = MigrationContext.configure(conn).get_current_revision()
        legacy = (conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
                  if sa.inspect(conn).has_table("schema_version") else None)
        if current is None and legacy is not None:
            if legacy not in LEGACY_VERSIONS:
                raise SchemaTooNew(f"The database is at schema version {legacy}, which this copy of GroupUp does "
                                   "not know. Update GroupUp before using this database.")
            alembic_command.stamp(config, LEGACY_VERSIONS[legacy])
        elif current is not None:
            try:
                script.get_revision(current)
            except (RevisionError, CommandError):
                raise SchemaTooNew(
                    f"The database is at schema revision {current}, which is newer than this copy of GroupUp "
                    f"knows (its newest is {script.get_current_head()}). Update GroupUp before using this "
                    "database.") from None
        alembic_command.upgrade(config, "head")
        if legacy != ALEMBIC_ERA:
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=ALEMBIC_ERA))
        return script.get_current_head()

