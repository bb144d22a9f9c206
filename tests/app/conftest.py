"""Factories for AppTests: start the real app (app.py), put real answers in state, and move between pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from assessment.answers import Answers, parse_answers
from assessment.storage import Storage, clear_storage_cache, get_storage
from tests.app.helpers import APP, go_to
from ui import widgets
from ui.state import Keys


@pytest.fixture(autouse=True)
def app_py_runs_on_every_page(monkeypatch):
    """Make AppTest run app.py on every page, as the server does.

    Our pages live in pages/, the folder Streamlit's older multipage mode scans. A server stops scanning it
    for good once app.py calls st.navigation, but AppTest forgets that before each run, so after
    switch_page it would run a page whose file name matches its url path on its own, without app.py
    (no sidebar, no flash messages).
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


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
