"""Whoever runs the server can issue a new facilitator key from the command line; the old key stops working."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import pytest
import sqlalchemy as sa

from assessment import __main__ as cli
from assessment.errors import WorkshopNotFound
from assessment.storage import Storage, format_code
from tests.unit.storage_backends import open_storage  # noqa: F401  (the fixture)


def url_reaching(storage: Storage) -> str:
    """The storage's database as one URL the command line can be given (PostgreSQL: its test schema too)."""
    if storage.engine.dialect.name != "postgresql":
        return storage.url
    with storage.engine.connect() as conn:
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar_one()
    return f"{storage.url}?options=-csearch_path%3D{schema}"


def test_a_new_key_from_the_command_line_opens_the_workshop_and_the_old_key_no_longer_does(
        open_storage, monkeypatch, capsys):
    storage = open_storage()
    created = storage.create_workshop("Away day", ["Ash Surgery"], ["principles"])
    other = storage.create_workshop("Another day", ["Ash Surgery"], ["principles"])
    monkeypatch.setenv("GROUPUP_DATABASE_URL", url_reaching(storage))
    assert cli.main(["workshop", "new-key", format_code(created.workshop.join_code).lower()]) == 0
    printed = capsys.readouterr().out
    [new_key] = [line.strip() for line in printed.splitlines() if line.startswith("  ")]
    assert "Away day" in printed and "old key no longer opens" in printed
    assert storage.workshop_by_key(new_key, client="tab").id == created.workshop.id
    with pytest.raises(WorkshopNotFound):
        storage.workshop_by_key(created.facilitator_key, client="tab")
    assert storage.workshop_by_key(other.facilitator_key, client="tab").id == other.workshop.id  # untouched


def test_a_new_key_for_an_unknown_join_code_says_so_and_changes_nothing(open_storage, monkeypatch, capsys):
    storage = open_storage()
    created = storage.create_workshop("Away day", ["Ash Surgery"], ["principles"])
    monkeypatch.setenv("GROUPUP_DATABASE_URL", url_reaching(storage))
    assert cli.main(["workshop", "new-key", "ZZZZZ-ZZZZZ"]) == 1
    assert "No workshop has the join code ZZZZZ-ZZZZZ" in capsys.readouterr().err
    assert storage.workshop_by_key(created.facilitator_key, client="tab").id == created.workshop.id


def test_a_facilitator_key_is_written_down_easily_and_opens_the_workshop_however_it_is_typed_back(open_storage):
    storage = open_storage()
    created = storage.create_workshop("Away day", ["Ash Surgery"], ["principles"])
    key = created.facilitator_key
    groups = key.split("-")
    assert [len(g) for g in groups] == [5] * 5
    assert not set("".join(groups)) - set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")  # no I, L, O, U, no _ or lower case
    for typed in (key, key.lower(), key.replace("-", ""), f"  {key.replace('-', ' ')} "):
        assert storage.workshop_by_key(typed, client="tab").id == created.workshop.id, typed


def test_a_key_issued_before_keys_were_grouped_codes_still_opens_its_workshop(open_storage):
    from assessment.storage.codes import digest
    from assessment.storage.schema import workshops
    storage = open_storage()
    created = storage.create_workshop("Last year", ["Ash Surgery"], ["principles"])
    old_style = "TYvktHdF8vTlOsbtQTvTtqQKiXMY-Dpt"  # secrets.token_urlsafe(24), as keys were issued before
    with storage.engine.begin() as conn:
        conn.execute(workshops.update().where(workshops.c.id == created.workshop.id).values(key_hash=digest(old_style)))
    assert storage.workshop_by_key(old_style, client="tab").id == created.workshop.id
    with pytest.raises(WorkshopNotFound):
        storage.workshop_by_key(old_style.lower(), client="tab")
