"""Where workshops, their participants' answers and autosaved self-assessments are kept: one SQL database.

By default a SQLite file in the data folder (./data), so nothing needs setting up. Set GROUPUP_DATABASE_URL to
any SQLAlchemy URL (e.g. postgresql+psycopg://...) to share one database between several app replicas. The schema
is created and migrated by Alembic when the storage is first opened (revisions in assessment/migrations/).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from assessment.settings import env_name, settings
from assessment.storage.autosaves import Autosaves, ResumeCodeNotFound
from assessment.storage.codes import (
    ALPHABET,
    FAILURE_LIMIT,
    FAILURE_WINDOW_S,
    JOIN_CODE_LENGTH,
    RESUME_CODE_LENGTH,
    code_bits,
    digest,
    format_code,
    new_code,
    new_facilitator_key,
    normalise_code,
    wait_text,
)
from assessment.storage.engine import STARTUP_WAIT_S, SchemaTooNew, StorageError, _retrying, make_engine
from assessment.storage.migrate import ALEMBIC_ERA, head_revision, migrate
from assessment.storage.schema import metadata
from assessment.storage.workshops import NewParticipant, NewWorkshop, ParticipantNotFound, Workshops
from assessment.workshop import Participant

# What the app, the command line, the tests and the benchmarks import from assessment.storage.
__all__ = [
    "ALEMBIC_ERA", "ALPHABET", "FAILURE_LIMIT", "JOIN_CODE_LENGTH", "RESUME_CODE_LENGTH", "SQLITE_FILE",
    "NewParticipant", "NewWorkshop", "ParticipantNotFound", "ResumeCodeNotFound", "SchemaTooNew", "Storage",
    "StorageError", "clear_storage_cache", "code_bits", "data_dir", "database_url", "digest", "format_code",
    "get_storage", "head_revision", "metadata", "migrate", "new_code", "new_facilitator_key", "normalise_code",
    "wait_text",
]

SQLITE_FILE = "groupup.sqlite3"

_log = logging.getLogger(__name__)


class Storage(Workshops, Autosaves):
    """Every read and write GroupUp makes. Thread-safe; one instance per process (see get_storage)."""

    def __init__(self, url: str, *, schema: str | None = None, failure_limit: int = FAILURE_LIMIT,
                 failure_window_s: float = FAILURE_WINDOW_S, clock: Callable[[], float] = time.time) -> None:
        self.url = url
        self.engine = make_engine(url, schema=schema)
        self.failure_limit = failure_limit
        self.failure_window_s = failure_window_s
        self.clock = clock
        self._parsed: dict[tuple, Participant] = {}  # see participants()
        self._parsed_lock = threading.Lock()
        self.version = _retrying(lambda lock_wait_s: migrate(self.engine, lock_wait_s=lock_wait_s),
                                 wait_s=STARTUP_WAIT_S)


# --- the process's storage ------------------------------------------------------------------------------


def data_dir() -> Path:
    path = settings().data_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return settings().database_url or f"sqlite:///{data_dir() / SQLITE_FILE}"


_OPENED: list[Storage] = []


@functools.cache
def _storage_for(url: str) -> Storage:
    storage = Storage(url)
    _OPENED.append(storage)
    try:
        storage.purge_stale_self_assessments(settings().autosave_days)
    except StorageError:
        # A busy database must not keep the app from starting; old autosaves go at the next start.
        _log.warning("Stale autosaves were not purged: the database was busy.", exc_info=True)
    return storage


def get_storage() -> Storage:
    """The storage for the configured database, opened (and migrated) once per process and URL."""
    try:
        return _storage_for(database_url())
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise StorageError(
            f"GroupUp could not open its database. Check {env_name('database_url')} or {env_name('data_dir')}, "
            "then reload the page."
        ) from exc


def clear_storage_cache() -> None:
    """Close and forget every opened storage (tests that point GROUPUP_DATA_DIR elsewhere call this)."""
    while _OPENED:
        _OPENED.pop().dispose()
    _storage_for.cache_clear()
