"""Autosave of the self-assessment: every change is saved under a resume code, and ?resume=CODE brings it back."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Answers
from assessment.autosave import PENDING_MESSAGE, RETRY_GAP_S, SAVED_MESSAGE
from assessment.content import get_content
from assessment.storage import ResumeCodeNotFound, Storage, clear_storage_cache, format_code
from tests.app.helpers import APP, go_to, saved_answers
from ui.state import Keys, widget_key


def first_question() -> str:
    return widget_key("readiness", get_content().readiness.questions[0].id)


def answer_first_question(at: AppTest, value: int) -> AppTest:
    go_to(at, "readiness")
    at.radio(key=first_question()).set_value(value).run()
    return at


def with_resume(code: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["resume"] = code
    at.run()
    return at


def test_the_first_change_is_autosaved_under_a_new_resume_code_shown_in_the_address(app_test, storage):
    at = answer_first_question(app_test(), 2)
    code = at.session_state[Keys.RESUME_CODE]
    assert code and at.query_params["resume"] == format_code(code)
    loaded = storage.load_self_assessment(code, client="test")
    assert loaded.readiness[get_content().readiness.questions[0].id] == 2


def test_later_changes_update_the_same_resume_code(app_test, storage):
    at = answer_first_question(app_test(), 2)
    code = at.session_state[Keys.RESUME_CODE]
    at.radio(key=first_question()).set_value(0).run()
    assert at.session_state[Keys.RESUME_CODE] == code
    assert storage.load_self_assessment(code, client="test").readiness[get_content().readiness.questions[0].id] == 0


def test_a_resume_link_brings_back_the_autosaved_answers_in_a_new_session(app_test, storage):
    answers = Answers()
    answers.profile.practices[0].name = "Dale View Surgery"
    answers.readiness["x_question"] = 1
    code = storage.save_self_assessment(answers)
    at = with_resume(format_code(code).lower())
    assert saved_answers(at).profile.practices[0].name == "Dale View Surgery"
    assert at.session_state[Keys.RESUME_CODE] == code
    assert any("Dale View Surgery" in s.value for s in at.success)


def test_a_wrong_resume_code_says_so_and_keeps_the_answers_in_the_tab(app_test, storage):
    at = with_resume("AAAAA-BBBBB-CCCCC")
    assert any("could not be restored" in e.value for e in at.error)
    assert saved_answers(at) == Answers()
    assert at.session_state[Keys.RESUME_CODE] is None


def test_a_resume_code_is_tried_only_once_per_session(app_test, storage):
    at = with_resume("AAAAA-BBBBB-CCCCC")
    at.run()
    assert not at.error  # the message is not repeated, and no further wrong attempt is counted
    with storage.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(DISTINCT at) FROM failed_attempts").scalar_one() == 1


def test_the_autosave_panel_shows_the_resume_code_once_there_is_one(storage):
    at = AppTest.from_string(
        "from ui.autosave import autosave_panel\nautosave_panel()\n", default_timeout=30)
    at.run()
    assert any("saved automatically once you start" in c.value for c in at.caption)
    at.session_state[Keys.RESUME_CODE] = "ABCDE23456FGHJK"
    at.run()
    assert [c.value for c in at.code] == ["ABCDE-23456-FGHJK", "/?resume=ABCDE-23456-FGHJK"]


def test_when_the_database_is_away_the_change_is_kept_and_the_panel_says_it_will_be_saved(app_test, storage,
                                                                                           monkeypatch):
    def broken(*args, **kwargs):
        from assessment.storage import StorageError

        raise StorageError("The database is down.")

    monkeypatch.setattr(Storage, "save_self_assessment", broken)
    at = answer_first_question(app_test(), 3)
    assert saved_answers(at).readiness[get_content().readiness.questions[0].id] == 3
    assert [w.value for w in at.sidebar.warning] == [PENDING_MESSAGE]


def test_a_held_database_lock_is_reported_within_five_seconds_and_the_answer_is_saved_once_it_is_free(
        app_test, storage):
    at = app_test()
    go_to(at, "readiness")
    blocker = sqlite3.connect(Path(storage.engine.url.database), isolation_level=None, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holding the write lock
    try:
        started = time.monotonic()
        at.radio(key=first_question()).set_value(3).run()
        waited = time.monotonic() - started
        assert [w.value for w in at.sidebar.warning] == [PENDING_MESSAGE]
        assert waited < 5, f"the page took {waited:.1f} s to say the answer is kept"
        assert saved_answers(at).readiness[get_content().readiness.questions[0].id] == 3
        assert at.session_state[Keys.RESUME_CODE] is None  # nothing has reached the database yet
        time.sleep(RETRY_GAP_S)
        at.run()  # a later run, still locked: still kept, still said
        assert [w.value for w in at.sidebar.warning] == [PENDING_MESSAGE]
    finally:
        blocker.rollback()
        blocker.close()
    time.sleep(RETRY_GAP_S)
    at.run()  # the next run (or the panel's own timer) after the lock is released
    assert not at.sidebar.warning
    assert [s.value for s in at.sidebar.success] == [SAVED_MESSAGE]
    code = at.session_state[Keys.RESUME_CODE]
    assert storage.load_self_assessment(code, client="test").readiness[get_content().readiness.questions[0].id] == 3
    at.run()
    assert not at.sidebar.success  # said once


def test_the_sidebar_shows_the_resume_code_after_the_first_change_on_every_page(app_test, storage):
    at = answer_first_question(app_test(), 2)
    code = format_code(at.session_state[Keys.RESUME_CODE])
    for page in ("readiness", "results", "export"):
        go_to(at, page)
        assert code in [c.value for c in at.sidebar.code], f"no resume code in the sidebar on {page}"


def saved_practice(name: str) -> Answers:
    answers = Answers()
    answers.profile.practices[0].name = name
    return answers


def test_a_typed_resume_code_brings_the_answers_back(app_test, storage):
    code = storage.save_self_assessment(saved_practice("Dale View Surgery"))
    at = app_test()
    at.text_input(key=widget_key("autosave", "code")).set_value(format_code(code).lower())  # typed, then "Carry on": a form sends both together
    at.button(key=widget_key("autosave", "resume")).click().run()
    assert saved_answers(at).profile.practices[0].name == "Dale View Surgery"
    assert at.session_state[Keys.RESUME_CODE] == code
    assert any("Dale View Surgery" in s.value for s in at.success)


def test_a_wrong_typed_resume_code_says_so_and_changes_nothing(app_test, storage):
    at = answer_first_question(app_test(), 2)
    before = saved_answers(at).model_dump()
    at.text_input(key=widget_key("autosave", "code")).set_value("AAAAA-BBBBB-CCCCC")  # typed, then "Carry on": a form sends both together
    at.button(key=widget_key("autosave", "resume")).click().run()
    assert any("No saved answers match that resume code" in e.value for e in at.error)
    assert saved_answers(at).model_dump() == before


def test_forgetting_saved_answers_deletes_them_from_the_database_but_keeps_them_in_the_tab(app_test, storage):
    at = answer_first_question(app_test(), 2)
    code = at.session_state[Keys.RESUME_CODE]
    at.button(key=widget_key("autosave", "forget")).click().run()
    with pytest.raises(ResumeCodeNotFound):
        storage.load_self_assessment(code, client="test")
    assert at.session_state[Keys.RESUME_CODE] is None and "resume" not in at.query_params
    assert saved_answers(at).readiness[get_content().readiness.questions[0].id] == 2
    assert any("has been deleted" in s.value for s in at.success)


def test_trying_an_example_saves_it_under_a_new_code_and_keeps_the_earlier_answers_saved(app_test, storage):
    at = answer_first_question(app_test(), 2)
    mine = at.session_state[Keys.RESUME_CODE]
    go_to(at, "welcome")
    at.button(key=widget_key("example", "small_rural_gms")).click().run()
    assert at.session_state[Keys.RESUME_CODE] not in (None, mine)
    assert storage.load_self_assessment(mine, client="test").readiness[get_content().readiness.questions[0].id] == 2
    assert any(format_code(mine) in c.value for c in at.sidebar.caption)


def test_with_postgresql_unreachable_the_answer_is_kept_and_the_panel_says_it_will_be_saved(app_test, monkeypatch):
    # Nothing listens on port 1: as a stopped PostgreSQL server looks to the app.
    monkeypatch.setenv("GROUPUP_DATABASE_URL", "postgresql+psycopg://groupup:groupup@127.0.0.1:1/groupup")
    clear_storage_cache()
    try:
        at = app_test()
        started = time.monotonic()
        answer_first_question(at, 1)
        assert time.monotonic() - started < 10  # two page runs, each told within five seconds
        assert not at.exception
        assert saved_answers(at).readiness[get_content().readiness.questions[0].id] == 1
        assert [w.value for w in at.sidebar.warning] == [PENDING_MESSAGE]
    finally:
        clear_storage_cache()
