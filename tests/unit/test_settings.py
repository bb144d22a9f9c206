"""Settings are declared once, and every one of them is documented in the README's settings table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessment.settings import ROOT, SettingsError, declared, settings

NAME = re.compile(r"GROUPUP_[A-Z][A-Z_]*[A-Z]")


def readme_settings_table() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    return {match for line in section.splitlines() if line.startswith("| `GROUPUP_")
            for match in NAME.findall(line.split("|")[1])}


def names_used_in(paths: list[Path]) -> set[str]:
    return {name for path in paths for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace"))}


def test_every_declared_setting_is_in_the_readmes_settings_table_and_nothing_else_is():
    assert set(declared()) == readme_settings_table()


def test_every_groupup_variable_the_code_mentions_is_a_declared_setting():
    sources = [p for folder in ("assessment", "ui", "views", "tests", "benchmarks", ".ci")
               if (ROOT / folder).exists() for p in (ROOT / folder).rglob("*") if p.suffix in ("", ".py", ".sh")
               and p.is_file()]
    sources += [ROOT / "app.py", ROOT / "Makefile"]
    assert names_used_in(sources) - set(declared()) == set()


def test_unset_settings_take_their_defaults(monkeypatch):
    for name in declared():
        monkeypatch.delenv(name, raising=False)
    current = settings()
    assert (current.data_path, current.database_url, current.autosave_days) == (ROOT / "data", None, 180)
    assert current.sources_path == ROOT / "../shared/seeds"


def test_an_empty_variable_counts_as_unset(monkeypatch):
    monkeypatch.setenv("GROUPUP_DATABASE_URL", "")
    monkeypatch.setenv("GROUPUP_AUTOSAVE_DAYS", "")
    assert (settings().database_url, settings().autosave_days) == (None, 180)


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5"])
def test_an_unusable_value_is_refused_with_a_message_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("GROUPUP_AUTOSAVE_DAYS", value)
    with pytest.raises(SettingsError, match="GROUPUP_AUTOSAVE_DAYS") as raised:
        settings()
    assert "(180)" in str(raised.value) and "Error" not in str(raised.value)


def test_a_variable_changed_between_calls_is_seen_on_the_next_call(monkeypatch):
    monkeypatch.setenv("GROUPUP_AUTOSAVE_DAYS", "30")
    assert settings().autosave_days == 30
    monkeypatch.setenv("GROUPUP_AUTOSAVE_DAYS", "90")
    assert settings().autosave_days == 90
    monkeypatch.delenv("GROUPUP_AUTOSAVE_DAYS")
    assert settings().autosave_days == 180
