"""Helpers shared by the AppTests (the fixtures that use them are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessment.answers import Answers
from ui.nav import PAGES, page_file
from ui.state import Keys, widget_key

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def page_path(url_path: str) -> str:
    """The absolute path of a page, by its url path in ui.nav.PAGES (e.g. "results")."""
    return str(page_file(next(p for p in PAGES if p.url_path == url_path)))


def go_to(at: AppTest, url_path: str) -> AppTest:
    """Switch to a page and run it, as clicking it in the navigation would."""
    at.switch_page(page_path(url_path)).run()
    return at


def saved_answers(at: AppTest) -> Answers:
    return at.session_state[Keys.ANSWERS]


def show_principle(at: AppTest, number: int) -> AppTest:
    """Show one design principle on the Design principles page, as choosing it from the page's list would."""
    at.selectbox(key=widget_key("principle_jump")).set_value(number).run()
    return at
