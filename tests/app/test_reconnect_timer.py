"""Every run of every page leaves a fragment on a timer, which is what makes a tab reconnecting after a restart
run the app again (ui/reconnect.py): without one, the tab's next answer would be silently lost.

tests/browser/test_restart.py checks this for real against a killed server; this checks it in a second.
"""

from __future__ import annotations

import pytest
import streamlit.testing.v1.local_script_runner as local_script_runner

from assessment.autosave import RETRY_EVERY_S, AutosaveStatus
from tests.app.helpers import go_to
from ui.reconnect import TICK
from ui.state import Keys


@pytest.fixture
def timers(monkeypatch) -> list[float]:
    """The intervals of the timed fragments each run registers, as the browser is told them."""
    seen: list[float] = []
    parse = local_script_runner.parse_tree_from_messages

    def spy(messages):
        seen.extend(m.auto_rerun.interval for m in messages if m.WhichOneof("type") == "auto_rerun")
        return parse(messages)

    monkeypatch.setattr(local_script_runner, "parse_tree_from_messages", spy)
    return seen


@pytest.mark.parametrize("page", ["welcome", "principles", "results"])
def test_every_page_run_sets_one_long_timer_so_a_reconnecting_tab_reruns_the_app(app_test, timers, page):
    at = app_test()
    go_to(at, page)
    timers.clear()
    at.run()
    assert not at.exception
    assert timers == [TICK.total_seconds()]


def test_while_answers_wait_for_the_database_the_one_timer_is_the_retry(app_test, timers):
    at = app_test()
    at.session_state[Keys.AUTOSAVE] = AutosaveStatus(pending=True)
    timers.clear()
    at.run()
    assert timers == [RETRY_EVERY_S]
