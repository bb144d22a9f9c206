"""The server settings a workshop of a hundred participants depends on (measured in benchmarks/load.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_the_server_does_not_force_a_full_garbage_collection_after_every_run():
    # On by default in Streamlit; with 100 sessions it cost two thirds of the server's time (README, "under load").
    assert tomllib.loads(CONFIG.read_text())["runner"]["postScriptGC"] is False


def test_the_server_does_not_watch_its_source_files():
    # Each new session scanned every module's files and the watcher polled them: an eighth of the time at 50.
    assert tomllib.loads(CONFIG.read_text())["server"]["fileWatcherType"] == "none"
