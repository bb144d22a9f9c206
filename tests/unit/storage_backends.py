"""The two database backends every storage test runs on: a SQLite file, and PostgreSQL in a schema of its own."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from assessment.settings import env_name, settings
from assessment.storage import Storage

POSTGRES_ENV = env_name("test_postgres_url")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def postgres_url() -> str:
    url = settings().test_postgres_url
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_ENV} must be set in CI: the PostgreSQL storage tests may not be skipped there")
    pytest.skip(f"{POSTGRES_ENV} is not set (run `make test`, which starts PostgreSQL)")


@pytest.fixture(params=BACKENDS)
def open_storage(request, tmp_path) -> Iterator[Callable[..., Storage]]:
    """Open storage on the test's backend (the `backend` parameter); every storage opened shares one database."""
    backend = request.param
    opened: list[Storage] = []
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = None
    if backend == "postgresql":
        url = postgres_url()
        admin = sa.create_engine(url)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    else:
        url = f"sqlite:///{tmp_path / 'groupup.sqlite3'}"

    def make(**kwargs) -> Storage:
        storage = Storage(url, schema=schema if backend == "postgresql" else None, **kwargs)
        opened.append(storage)
        return storage

    yield make
    for storage in opened:
        storage.dispose()
    if admin is not None:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def count_rows(storage: Storage, table: str, **where: object) -> int:
    """Count rows by querying the table directly, not through the Storage API."""
    clauses = " AND ".join(f"{column} = :{column}" for column in where)
    sql = f"SELECT COUNT(*) FROM {table}" + (f" WHERE {clauses}" if clauses else "")
    with storage.engine.connect() as conn:
        return conn.execute(sa.text(sql), where).scalar_one()
