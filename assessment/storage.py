"""Where workshops, their participants' answers and autosaved self-assessments are kept: one SQL database.

By default a SQLite file under GROUPUP_DATA_DIR (./data), so nothing needs setting up. Set GROUPUP_DATABASE_URL to
any SQLAlchemy URL (e.g. postgresql+psycopg://...) to share one database between several app replicas. The schema
is created and migrated when the storage is first opened, one numbered step at a time.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import math
import os
import random
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from assessment.answers import Answers, parse_answers
from assessment.errors import GroupUpError, TooManyAttempts, WorkshopNotFound
from assessment.workshop import Consensus, Participant, Workshop

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "GROUPUP_DATA_DIR"
DATABASE_URL_ENV = "GROUPUP_DATABASE_URL"
SQLITE_FILE = "groupup.sqlite3"
AUTOSAVE_DAYS_ENV = "GROUPUP_AUTOSAVE_DAYS"
DEFAULT_AUTOSAVE_DAYS = 180  # an autosave untouched this long is deleted when the app next starts

# Crockford's base 32: no I, L, O or U. Typed codes are read forgivingly (O as 0, I and L as 1).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
JOIN_CODE_LENGTH = 10  # 50 bits
RESUME_CODE_LENGTH = 15  # 75 bits: it opens one person's answers, with no second factor
GROUP = 5  # shown as XXXXX-XXXXX

# Wrong codes: after this many failures in the window from one client, further tries wait.
FAILURE_LIMIT = 5
FAILURE_WINDOW_S = 300

T = TypeVar("T")


class StorageError(GroupUpError):
    """The database could not be reached or written; the message says what to do."""


class SchemaTooNew(StorageError):
    """The database was migrated by a newer GroupUp than this one."""


class ResumeCodeNotFound(GroupUpError):
    """No saved self-assessment matches the resume code."""


class ParticipantNotFound(GroupUpError):
    """No workshop participant matches the personal resume link."""


# --- codes ----------------------------------------------------------------------------------------------


def new_code(length: int = JOIN_CODE_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """A typed code in its stored form: upper case, separators dropped, look-alike letters read as digits."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def format_code(code: str) -> str:
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def code_bits(length: int) -> float:
    return length * math.log2(len(ALPHABET))


def new_facilitator_key() -> str:
    return secrets.token_urlsafe(24)


def new_participant_token() -> str:
    return secrets.token_urlsafe(18)


def digest(secret: str) -> str:
    """What is stored in place of a key or token. They are long random strings, so a plain SHA-256 suffices."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# --- schema ---------------------------------------------------------------------------------------------

metadata = sa.MetaData()

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))

workshops = sa.Table(
    "workshops", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("join_code", sa.String(20), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("practices", sa.JSON, nullable=False),
    sa.Column("sections", sa.JSON, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("practice", sa.String(200), nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("answers", sa.Text, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
)

consensus = sa.Table(
    "consensus", metadata,
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("principle", sa.Integer, primary_key=True),
    sa.Column("level", sa.Integer, nullable=True),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("low", sa.Integer, nullable=True),
    sa.Column("high", sa.Integer, nullable=True),
    sa.Column("updated", sa.DateTime, nullable=False),
)

failed_attempts = sa.Table(
    "failed_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(200), nullable=False),
    sa.Column("at", sa.Float, nullable=False),  # seconds since the epoch
    sa.Index("ix_failed_attempts_client_at", "client", "at"),
)

self_assessments = sa.Table(
    "self_assessments", metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("answers", sa.Text, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
)


def _v1_create_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=[workshops, participants, consensus, failed_attempts, self_assessments])


# The migration steps, in order: step i brings the schema from version i-1 to version i. Never edit a
# published step; add the next one.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1_create_tables,)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine, steps: Sequence[Callable[[Connection], None]] = MIGRATIONS) -> int:
    """Bring the schema up to date; a no-op when it already is. Returns the version reached."""
    with _write(engine) as conn:
        if engine.dialect.name == "postgresql":
            # Replicas starting together take turns; the lock is released when the transaction ends.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(4242001)"))
        metadata.create_all(conn, tables=[schema_version])
        version = current_version(conn)
        if version > len(steps):
            raise SchemaTooNew(
                f"The database is at schema version {version}, but this copy of GroupUp knows only up to "
                f"{len(steps)}. Update GroupUp before using this database."
            )
        for number in range(version + 1, len(steps) + 1):
            steps[number - 1](conn)
        if version < len(steps):
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=len(steps)))
        return len(steps)


# --- engine ---------------------------------------------------------------------------------------------


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver, so SQLAlchemy's "begin" event below decides how each transaction starts.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the write lock at BEGIN, so it waits (busy_timeout) rather than failing mid-transaction
    # when another writer got there first, which a deferred BEGIN would do.
    immediate = conn.get_execution_options().get("groupup_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for a SQLAlchemy URL. `schema` (PostgreSQL only) keeps all tables in that schema, e.g. for tests."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, pool_size=10, max_overflow=40, pool_timeout=60,
                                  connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if schema and parsed.get_backend_name() == "postgresql":
        connect_args["options"] = f"-c search_path={schema}"
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40, pool_timeout=60,
                            connect_args=connect_args)


def _transient(exc: DBAPIError) -> bool:
    """Errors worth retrying: SQLite's lock contention, PostgreSQL's serialisation failures and deadlocks."""
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01"):
        return True
    message = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and ("locked" in message or "busy" in message)


class _write:
    """A write transaction, retried as a whole when the database is briefly busy."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Connection:
        self.conn = self.engine.connect().execution_options(groupup_write=True)
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


def _retrying(job: Callable[[], T], attempts: int = 8) -> T:
    """Run a transaction, again if the database was briefly busy. A lasting failure becomes a StorageError."""
    for attempt in range(attempts):
        try:
            return job()
        except DBAPIError as exc:
            if not _transient(exc) or attempt == attempts - 1:
                raise StorageError(
                    "GroupUp could not reach its database just now, so nothing was saved or read. "
                    f"Please try again in a moment. ({exc.__class__.__name__})"
                ) from exc
            time.sleep(min(2.0, 0.02 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _now() -> dt.datetime:
    # Stored as naive UTC, which every backend keeps the same way.
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator must keep: the join code for everyone, and their own key, shown only now."""

    workshop: Workshop
    facilitator_key: str


@dataclass(frozen=True)
class NewParticipant:
    participant: Participant
    token: str  # for the personal resume link; only its digest is stored


class Storage:
    """Every read and write GroupUp makes. Thread-safe; one instance per process (see get_storage)."""

    def __init__(self, url: str, *, schema: str | None = None, failure_limit: int = FAILURE_LIMIT,
                 failure_window_s: float = FAILURE_WINDOW_S, clock: Callable[[], float] = time.time) -> None:
        self.url = url
        self.engine = make_engine(url, schema=schema)
        self.failure_limit = failure_limit
        self.failure_window_s = failure_window_s
        self.clock = clock
        self.version = _retrying(lambda: migrate(self.engine))

    def dispose(self) -> None:
        self.engine.dispose()

    def _write(self, job: Callable[[Connection], T]) -> T:
        def run() -> T:
            with _write(self.engine) as conn:
                return job(conn)

        return _retrying(run)

    def _read(self, job: Callable[[Connection], T]) -> T:
        def run() -> T:
            with self.engine.connect() as conn:
                return job(conn)

        return _retrying(run)

    # --- wrong-code throttling ---------------------------------------------------------------------------

    def _check_throttle(self, conn: Connection, clients: Mapping[str, int]) -> None:
        now = self.clock()
        since = now - self.failure_window_s
        for client, limit in clients.items():
            times = conn.execute(
                sa.select(failed_attempts.c.at)
                .where(failed_attempts.c.client == client, failed_attempts.c.at > since)
                .order_by(failed_attempts.c.at)
            ).scalars().all()
            if len(times) >= limit:
                # Wait until enough of the failures have aged out of the window to allow one more try.
                wait = max(1, math.ceil(times[len(times) - limit] + self.failure_window_s - now))
                error = TooManyAttempts(
                    f"Too many wrong codes have been tried from here. Please wait {wait} seconds, then try again."
                )
                error.wait_seconds = wait  # type: ignore[attr-defined]
                raise error

    def _record_failure(self, clients: Mapping[str, int]) -> None:
        now = self.clock()

        def job(conn: Connection) -> None:
            conn.execute(failed_attempts.insert(), [{"client": c, "at": now} for c in clients])
            # Old failures no longer count; clear them as we go so the table stays small.
            conn.execute(failed_attempts.delete().where(failed_attempts.c.at < now - self.failure_window_s))

        self._write(job)

    def _clients(self, client: str | Mapping[str, int]) -> dict[str, int]:
        return {client: self.failure_limit} if isinstance(client, str) else dict(client)

    def _throttled_lookup(self, client: str | Mapping[str, int], find: Callable[[Connection], T | None],
                          not_found: GroupUpError) -> T:
        """Run a lookup by a secret unless the client has failed too often; a miss counts as a failure."""
        clients = self._clients(client)

        def job(conn: Connection) -> T | None:
            self._check_throttle(conn, clients)
            return find(conn)

        found = self._read(job)
        if found is None:
            self._record_failure(clients)
            raise not_found
        return found

    # --- workshops ---------------------------------------------------------------------------------------

    @staticmethod
    def _workshop(row: Any) -> Workshop:
        practices = row.practices if isinstance(row.practices, list) else json.loads(row.practices)
        sections = row.sections if isinstance(row.sections, list) else json.loads(row.sections)
        return Workshop(id=row.id, name=row.name, join_code=row.join_code, practices=practices, sections=sections,
                        created=_utc(row.created))

    def create_workshop(self, name: str, practices: Sequence[str], sections: Sequence[str]) -> NewWorkshop:
        key = new_facilitator_key()
        created = _now()

        def job(conn: Connection) -> Workshop:
            # A clash among 2^50 codes is vanishingly rare, but cheap to rule out.
            while True:
                code = new_code()
                if conn.execute(sa.select(workshops.c.id).where(workshops.c.join_code == code)).first() is None:
                    break
            draft = Workshop(id=0, name=name.strip(), join_code=code, practices=list(practices),
                             sections=list(sections), created=created)
            new_id = conn.execute(workshops.insert().values(
                name=draft.name, join_code=code, key_hash=digest(key), practices=draft.practices,
                sections=draft.sections, created=created,
            )).inserted_primary_key[0]
            return draft.model_copy(update={"id": new_id, "created": _utc(created)})

        return NewWorkshop(self._write(job), key)

    def workshop(self, workshop_id: int) -> Workshop:
        row = self._read(lambda conn: conn.execute(sa.select(workshops).where(workshops.c.id == workshop_id)).first())
        if row is None:
            raise WorkshopNotFound("This workshop no longer exists. It may have been deleted by its facilitator.")
        return self._workshop(row)

    def workshop_by_code(self, code: str, client: str | Mapping[str, int]) -> Workshop:
        """The workshop a participant joins. Raises WorkshopNotFound, or TooManyAttempts after repeated misses."""
        wanted = normalise_code(code)

        def find(conn: Connection) -> Any:
            if len(wanted) != JOIN_CODE_LENGTH:
                return None
            return conn.execute(sa.select(workshops).where(workshops.c.join_code == wanted)).first()

        row = self._throttled_lookup(client, find, WorkshopNotFound(
            "No workshop has that code. Check it with your facilitator: it has ten letters and digits, "
            "like ABCDE-23456."))
        return self._workshop(row)

    def workshop_by_key(self, key: str, client: str | Mapping[str, int]) -> Workshop:
        """The workshop a facilitator opens with their key."""
        wanted = key.strip()

        def find(conn: Connection) -> Any:
            if not wanted:
                return None
            return conn.execute(sa.select(workshops).where(workshops.c.key_hash == digest(wanted))).first()

        row = self._throttled_lookup(client, find, WorkshopNotFound(
            "No workshop has that facilitator key. Copy it exactly as it was shown when the workshop was created."))
        return self._workshop(row)

    def delete_workshop(self, workshop_id: int) -> None:
        """Delete a workshop and everything recorded in it. It cannot be undone."""

        def job(conn: Connection) -> None:
            # Explicit, not left to ON DELETE CASCADE, which SQLite ignores unless told.
            conn.execute(consensus.delete().where(consensus.c.workshop_id == workshop_id))
            conn.execute(participants.delete().where(participants.c.workshop_id == workshop_id))
            conn.execute(workshops.delete().where(workshops.c.id == workshop_id))

        self._write(job)
        self._checkpoint()

    # --- participants ------------------------------------------------------------------------------------

    @staticmethod
    def _participant(row: Any) -> Participant:
        return Participant(id=row.id, workshop_id=row.workshop_id, practice=row.practice, role=row.role,
                           answers=Answers.model_validate_json(row.answers), updated=_utc(row.updated))

    def add_participant(self, workshop_id: int, practice: str, role: str,
                        answers: Answers | None = None) -> NewParticipant:
        workshop = self.workshop(workshop_id)
        if practice not in workshop.practices:
            raise ValueError(f"{practice!r} is not one of this workshop's practices")
        token = new_participant_token()
        answers = answers or Answers()
        updated = _now()
        # Checked before writing: one bad row would make every later read of this workshop fail.
        Participant(id=0, workshop_id=workshop_id, practice=practice, role=role, answers=answers,
                    updated=_utc(updated))

        def job(conn: Connection) -> int:
            return conn.execute(participants.insert().values(
                workshop_id=workshop_id, practice=practice, role=role, token_hash=digest(token),
                answers=answers.model_dump_json(), updated=updated,
            )).inserted_primary_key[0]

        new_id = self._write(job)
        participant = Participant(id=new_id, workshop_id=workshop_id, practice=practice, role=role, answers=answers,
                                  updated=_utc(updated))
        return NewParticipant(participant, token)

    def participant_by_token(self, token: str, client: str | Mapping[str, int]) -> Participant:
        wanted = token.strip()
        row = self._throttled_lookup(
            client,
            lambda conn: conn.execute(sa.select(participants).where(participants.c.token_hash == digest(wanted))).first()
            if wanted else None,
            ParticipantNotFound("That personal link does not match any workshop answers. The workshop may have "
                                "been deleted, or the link was copied incompletely."))
        return self._participant(row)

    def save_participant_answers(self, participant_id: int, answers: Answers) -> None:
        data, updated = answers.model_dump_json(), _now()

        def job(conn: Connection) -> int:
            return conn.execute(participants.update().where(participants.c.id == participant_id)
                                .values(answers=data, updated=updated)).rowcount

        if self._write(job) == 0:
            raise ParticipantNotFound("These answers could not be saved: the workshop has been deleted.")

    def participants(self, workshop_id: int) -> list[Participant]:
        rows = self._read(lambda conn: conn.execute(
            sa.select(participants).where(participants.c.workshop_id == workshop_id).order_by(participants.c.id)
        ).all())
        return [self._participant(row) for row in rows]

    # --- consensus ---------------------------------------------------------------------------------------

    def save_consensus(self, workshop_id: int, agreed: Consensus) -> None:
        values = {"workshop_id": workshop_id, "principle": agreed.principle, "level": agreed.level,
                  "note": agreed.note, "low": agreed.low, "high": agreed.high, "updated": _now()}
        self._write(lambda conn: _upsert(conn, consensus, values, ["workshop_id", "principle"]))

    def consensus(self, workshop_id: int) -> dict[int, Consensus]:
        rows = self._read(lambda conn: conn.execute(
            sa.select(consensus).where(consensus.c.workshop_id == workshop_id)).all())
        return {row.principle: Consensus(principle=row.principle, level=row.level, note=row.note, low=row.low,
                                         high=row.high) for row in rows}

    # --- autosaved self-assessments ----------------------------------------------------------------------

    def save_self_assessment(self, answers: Answers, code: str | None = None) -> str:
        """Save answers under a resume code (a new one if none is given). Returns the code."""
        code = normalise_code(code) if code else new_code(RESUME_CODE_LENGTH)
        values = {"code_hash": digest(code), "answers": answers.model_dump_json(), "updated": _now()}
        self._write(lambda conn: _upsert(conn, self_assessments, values, ["code_hash"]))
        return code

    def load_self_assessment(self, code: str, client: str | Mapping[str, int]) -> Answers:
        wanted = normalise_code(code)
        row = self._throttled_lookup(
            client,
            lambda conn: conn.execute(sa.select(self_assessments.c.answers)
                                      .where(self_assessments.c.code_hash == digest(wanted))).first(),
            ResumeCodeNotFound("No saved answers match that resume code. Check the link or code; "
                               "nothing in this tab has been changed."))
        # Through the file reader, so answers saved by an older GroupUp are migrated like an uploaded file.
        return parse_answers(row.answers)

    def delete_self_assessment(self, code: str) -> bool:
        """Forget the answers saved under a resume code. Returns whether there were any."""
        wanted = digest(normalise_code(code))
        deleted = self._write(lambda conn: conn.execute(
            self_assessments.delete().where(self_assessments.c.code_hash == wanted)).rowcount)
        self._checkpoint()
        return deleted > 0

    def purge_stale_self_assessments(self, older_than_days: int) -> int:
        """Delete autosaved answers nobody has touched for a while. Returns how many went."""
        cutoff = _now() - dt.timedelta(days=older_than_days)
        deleted = self._write(lambda conn: conn.execute(
            self_assessments.delete().where(self_assessments.c.updated < cutoff)).rowcount)
        self._checkpoint()
        return deleted

    def _checkpoint(self) -> None:
        if self.engine.dialect.name == "sqlite":
            # Deleted text would otherwise linger in SQLite's write-ahead log until its next checkpoint.
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


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


# --- the process's storage ------------------------------------------------------------------------------


def data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    path = Path(configured) if configured else ROOT / "data"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{data_dir() / SQLITE_FILE}"


_OPENED: list[Storage] = []


def autosave_days() -> int:
    """How long autosaved self-assessments are kept after their last change (GROUPUP_AUTOSAVE_DAYS)."""
    configured = os.environ.get(AUTOSAVE_DAYS_ENV, "")
    return int(configured) if configured.strip().isdigit() and int(configured) > 0 else DEFAULT_AUTOSAVE_DAYS


@functools.cache
def _storage_for(url: str) -> Storage:
    storage = Storage(url)
    _OPENED.append(storage)
    storage.purge_stale_self_assessments(autosave_days())
    return storage


def get_storage() -> Storage:
    """The storage for the configured database, opened (and migrated) once per process and URL."""
    try:
        return _storage_for(database_url())
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise StorageError(
            f"GroupUp could not open its database ({exc.__class__.__name__}). Check {DATABASE_URL_ENV} or "
            f"{DATA_DIR_ENV}, then reload the page."
        ) from exc


def clear_storage_cache() -> None:
    """Close and forget every opened storage (tests that point GROUPUP_DATA_DIR elsewhere call this)."""
    while _OPENED:
        _OPENED.pop().dispose()
    _storage_for.cache_clear()
