"""What the app loads at start-up is frozen out of the garbage collector's way once per process (ui/memory.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from ui import memory


@pytest.fixture
def fresh_process(monkeypatch):
    monkeypatch.setattr(memory, "_runs", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_what_is_loaded_is_frozen_on_the_second_run_not_the_first(fresh_process):
    memory.freeze_what_is_loaded()
    assert gc.get_freeze_count() == 0
    memory.freeze_what_is_loaded()
    assert gc.get_freeze_count() > 0


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the garbage collector frees it


def test_a_session_s_objects_made_after_the_second_run_are_still_collected(fresh_process):
    memory.freeze_what_is_loaded()
    memory.freeze_what_is_loaded()
    node = _Node()
    gone = weakref.ref(node)
    memory.freeze_what_is_loaded()  # a later run freezes nothing more
    del node
    gc.collect()
    assert gone() is None
