"""The checks on a file hold on the pages too: the date box's range is the core's, and a resumed autosave is
checked as an uploaded file is."""

from __future__ import annotations

import datetime as dt

from assessment.answers import DUE_EARLIEST, DUE_LATEST, Action, Answers, PrincipleAnswer
from assessment.storage import format_code
from tests.app.helpers import saved_answers
from ui.state import Keys, widget_key


def test_the_due_date_box_accepts_exactly_the_dates_a_file_may_carry(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=1, target=3)},
                      actions=[Action(id="first", principle=1, action="Start early", due=DUE_EARLIEST),
                               Action(id="last", principle=1, action="Finish late", due=DUE_LATEST)])
    at = app_test(answers, "action-plan")
    assert not at.exception
    for action_id, due in (("first", DUE_EARLIEST), ("last", DUE_LATEST)):
        box = at.date_input(key=widget_key("action", action_id, "due"))
        assert box.value == due
        assert (box.proto.min, box.proto.max) == (DUE_EARLIEST.isoformat(), DUE_LATEST.isoformat())


def test_a_resumed_autosave_that_a_page_could_not_show_is_refused_and_the_tab_keeps_its_answers(app_test, storage):
    # Saved before the check existed: an aim the content does not offer.
    stale = Answers(readiness={"time_for_the_future": 1})
    stale.profile.aims = ["world_domination"]
    code = storage.save_self_assessment(stale)
    at = app_test()
    at.query_params["resume"] = format_code(code)
    at.run()
    assert not at.exception
    (error,) = at.error
    assert "could not be restored" in error.value and "world\\_domination" in error.value
    assert saved_answers(at) == Answers()
    assert at.session_state[Keys.RESUME_CODE] is None


def test_a_due_date_typed_on_the_page_within_the_range_is_kept(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=1, target=3)},
                      actions=[Action(id="a1", principle=1, action="Agree a rota")])
    at = app_test(answers, "action-plan")
    at.date_input(key=widget_key("action", "a1", "due")).set_value(dt.date(2100, 12, 31)).run()
    assert saved_answers(at).actions[0].due == DUE_LATEST
