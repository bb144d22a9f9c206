"""The database connection underneath the storage: the engine for a URL, SQLite's pragmas and each backend's
lock waits, write transactions retried while the database is briefly busy, and the storage's errors."""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from assessment.errors import GroupUpError

# How long a write may wait, in all, for a busy database before giving up: a person clicking must be told within
# five seconds that their answer is kept (ui/autosave.py), so every retry together stays well inside that.
WRITE_WAIT_S = 3.0
# Each try waits this long for a lock (SQLite's busy timeout, PostgreSQL's lock_timeout), capped by what is left.
LOCK_WAIT_S = 0.75
# Opening and migrating the schema at start-up may wait longer: replicas starting together take turns.
STARTUP_WAIT_S = 30.0

T = TypeVar("T")
_log = logging.getLogger(__name__)


class StorageError(GroupUpError):
    """The database could not be reached or written; the message says what to do."""


class SchemaTooNew(StorageError):
    """The database was migrated by a newer GroupUp than this one."""



def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver, so SQLAlchemy's "begin" event below decides how each transaction starts.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_S * 1000)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted rows are overwritten with zeros, not just unlinked: "deleted for good" must not depend on how
    # this machine's SQLite happened to be built.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _lock_wait_ms(conn: Connection) -> int:
    return max(1, int(1000 * conn.get_execution_options().get("groupup_lock_wait_s", LOCK_WAIT_S)))


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the write lock at BEGIN, so it waits (busy_timeout) rather than failing mid-transaction
    # when another writer got there first, which a deferred BEGIN would do.
    immediate = conn.get_execution_options().get("groupup_write", False)
    conn.exec_driver_sql(f"PRAGMA busy_timeout={_lock_wait_ms(conn)}")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgresql_begin(conn: Connection) -> None:
    # A row or advisory lock held elsewhere must not hold a person's click for longer than the write may wait.
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {_lock_wait_ms(conn)}")


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for a SQLAlchemy URL. `schema` (PostgreSQL only) keeps all tables in that schema, e.g. for tests."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, pool_size=10, max_overflow=40, pool_timeout=60,
                                  connect_args={"timeout": LOCK_WAIT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    postgresql = parsed.get_backend_name() == "postgresql"
    if postgresql:
        connect_args["connect_timeout"] = math.ceil(WRITE_WAIT_S)  # an unreachable server fails in seconds
        if schema:
            connect_args["options"] = f"-c search_path={schema}"
    engine = sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40, pool_timeout=60,
                              connect_args=connect_args)
    if postgresql:
        event.listen(engine, "begin", _postgresql_begin)
    return engine


def _transient(exc: DBAPIError) -> bool:
    """Errors worth retrying: SQLite's lock contention, PostgreSQL's serialisation failures and deadlocks."""
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01", "55P03"):  # serialisation failure, deadlock, lock wait timed out
        return True
    message = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and ("locked" in message or "busy" in message)


class _write:
    """A write transaction, retried as a whole when the database is briefly busy."""

    def __init__(self, engine: Engine, lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.engine = engine
        self.lock_wait_s = lock_wait_s

    def __enter__(self) -> Connection:
        self.conn = self.engine.connect().execution_options(groupup_write=True, groupup_lock_wait_s=self.lock_wait_s)
        self.tx = self.conn.begin()
        return self.conn

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if kind is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        finally:
            self.conn.close()


UNAVAILABLE = ("GroupUp could not reach its database just now, so nothing was saved or read. "
               "Please try again in a moment.")


def _retrying(job: Callable[[float], T], wait_s: float = WRITE_WAIT_S) -> T:
    """Run a transaction, again while the database is briefly busy, for at most `wait_s` seconds in all.

    `job` is given how long its own lock wait may be, so the last try never runs past the deadline. A lasting
    failure becomes a StorageError.
    """
    deadline = time.monotonic() + wait_s
    attempt = 0
    while True:
        left = deadline - time.monotonic()
        try:
            return job(max(0.05, min(LOCK_WAIT_S, left)))
        except DBAPIError as exc:
            pause = min(0.5, 0.02 * 2 ** attempt) * (0.5 + random.random())
            if not _transient(exc) or time.monotonic() + pause >= deadline:
                raise StorageError(UNAVAILABLE) from exc
            time.sleep(pause)
            attempt += 1


def _now() -> dt.datetime:
    # Stored as naive UTC, which every backend keeps the same way.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value



def _upsert(conn: Connection, table: sa.Table, values: dict[str, Any], keys: list[str]) -> None:
    """Insert a row, or update it where its key already exists, in one statement where the backend allows."""
    name = conn.dialect.name
    if name in ("postgresql", "sqlite"):
        if name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        statement = insert(table).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={k: v for k, v in values.items() if k not in keys})
        conn.execute(statement)
        return
    match = sa.and_(*(table.c[k] == values[k] for k in keys))
    if conn.execute(table.update().where(match).values(**values)).rowcount == 0:
        conn.execute(table.insert().values(**values))


class Database:
    """The engine and the transactions every part of the storage runs on (see Storage, which opens it)."""

    engine: Engine

    def dispose(self) -> None:
        self.engine.dispose()

    def _write(self, job: Callable[[Connection], T], wait_s: float = WRITE_WAIT_S) -> T:
        def run(lock_wait_s: float) -> T:
            with _write(self.engine, lock_wait_s) as conn:
                return job(conn)

        return _retrying(run, wait_s)

    def _read(self, job: Callable[[Connection], T]) -> T:
        def run(lock_wait_s: float) -> T:
            with self.engine.connect().execution_options(groupup_lock_wait_s=lock_wait_s) as conn:
                return job(conn)

        return _retrying(run)


    def _wipe(self, tables: Sequence[sa.Table]) -> None:
        """Make deleted rows' bytes go from the database's files, not just from its answers to queries.

        SQLite overwrites deleted rows with zeros (secure_delete, set on every connection); what is left is the
        write-ahead log's copy of the old pages, which a truncating checkpoint removes. PostgreSQL only marks a
        deleted row dead, and a plain VACUUM leaves its bytes in the page's free space, so VACUUM FULL rewrites
        each table (and its TOAST table) into a new file and removes the old one. It locks the table while it
        runs, a few milliseconds for GroupUp's tables; if another session holds a lock on it for longer, the wipe
        is left to the next deletion from that table, and the rows are deleted all the same.
        """
        try:
            if self.engine.dialect.name == "sqlite":
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            elif self.engine.dialect.name == "postgresql":
                with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql(f"SET lock_timeout = {int(WRITE_WAIT_S * 1000)}")
                    for table in tables:
                        conn.exec_driver_sql(f'VACUUM FULL "{table.name}"')
        except DBAPIError:
            _log.warning("Deleted rows are gone, but wiping their space was put off: the database was busy.",
                         exc_info=True)


