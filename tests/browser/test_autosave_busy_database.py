"""A held database lock in a real browser: the answer is kept, the sidebar says so within five seconds, and the
answer is saved by itself once the database is free, with no further click."""

from __future__ import annotations

import sqlite3
import time

import pytest
from playwright.sync_api import expect

from assessment.autosave import PENDING_MESSAGE, SAVED_MESSAGE
from tests.browser import st
from tests.browser.conftest import ARTIFACTS


@pytest.mark.browser
def test_an_answer_given_while_the_database_is_locked_is_kept_and_saved_by_itself_when_it_is_free(
        fresh_server, new_page):
    page = new_page()
    page.goto(fresh_server.url)
    st.wait_idle(page)
    st.go_to(page, "Readiness")
    database = fresh_server.data_dir / "groupup.sqlite3"
    blocker = sqlite3.connect(database, isolation_level=None, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # as another process holding the write lock would
    try:
        radio = st.radios(page).first
        started = time.monotonic()
        radio.get_by_text("Mostly", exact=True).click()
        expect(st.sidebar(page).get_by_text(PENDING_MESSAGE)).to_be_visible(timeout=5_000)
        told_after = time.monotonic() - started
        ARTIFACTS.mkdir(exist_ok=True)
        st.sidebar(page).get_by_text(PENDING_MESSAGE).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "autosave-pending.png"))
        assert told_after < 5
    finally:
        blocker.rollback()
        blocker.close()
    # No click from here on: the sidebar's own timer tries again.
    expect(st.sidebar(page).get_by_text(SAVED_MESSAGE)).to_be_visible(timeout=15_000)
    # ... and the resume link to carry on later is shown, as after any save.
    expect(st.sidebar(page).get_by_text("/?resume=")).to_be_visible(timeout=5_000)
    st.sidebar(page).get_by_text(SAVED_MESSAGE).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "autosave-caught-up.png"))
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM self_assessments").fetchone()[0] == 1
