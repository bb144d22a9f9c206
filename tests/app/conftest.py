"""Factories for AppTests: start the real app (app.py), put real answers in state, and move between pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Answers, parse_answers
from assessment.storage import Storage, clear_storage_cache, get_storage
from tests.app.helpers import APP, go_to
from ui import widgets
from ui.state import Keys


@pytest.fixture
def app_test() -> Callable[..., AppTest]:
    """Start the app from app.py, optionally with answers already in the session, optionally on a page."""

    def make(answers: Answers | None = None, page: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        if answers is not None:
            at.session_state[Keys.ANSWERS] = answers
        at.run()
        if page is not None:
            go_to(at, page)
        return at

    return make


@pytest.fixture
def storage(tmp_path, monkeypatch) -> Iterator[Storage]:
    """The app's storage, in a SQLite file of this test's own."""
    monkeypatch.setenv("GROUPUP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GROUPUP_DATABASE_URL", raising=False)
    clear_storage_cache()
    yield get_storage()
    clear_storage_cache()


@pytest.fixture
def example_answers() -> Callable[[str], Answers]:
    """Load one of the example practices the app offers, e.g. example_answers("urban_federation")."""

    def load(name: str) -> Answers:
        return parse_answers((widgets.EXAMPLES_DIR / f"{name}.json").read_bytes())

    return load
