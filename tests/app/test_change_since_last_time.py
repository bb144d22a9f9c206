"""Results: set an earlier assessment beside this one (its file or its resume code) and see the change."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.storage import ResumeCodeNotFound, format_code
from tests.app.helpers import APP, go_to
from ui.state import Keys, widget_key

JUNE = dt.datetime(2026, 6, 2, 10, tzinfo=dt.UTC)


def practice(levels: dict[int, tuple[int, int]], when: dt.datetime | None = None) -> Answers:
    answers = Answers(principles={n: PrincipleAnswer(current=c, target=t) for n, (c, t) in levels.items()},
                      readiness={get_content().readiness.questions[0].id: 2}, updated=when, created=when)
    answers.profile.practices[0].name = "Fellside Surgery"
    return answers


def earlier_uploader(at):
    (widget,) = [u for u in at.main.get("file_uploader") if u.label == "An earlier answers file"]
    return widget


def shown_tables(at) -> str:
    """The change tables on the page, as text (the page's other tables are left out)."""
    frames = [t.value.map(lambda cell: str(cell).replace("\\", "")) for t in at.main.table]
    return "\n".join(f.to_csv() for f in frames if "Change" in f.columns)


def test_uploading_an_earlier_answers_file_shows_the_change_per_principle_with_both_dates(app_test):
    at = app_test(practice({1: (2, 3)}), page="results")
    earlier_uploader(at).set_value(("june.json", practice({1: (1, 4)}, JUNE).to_json().encode(),
                                    "application/json"))
    at.run()
    assert at.session_state[Keys.EARLIER] is not None
    text = "\n".join(m.value for m in at.main.markdown).replace("\\", "")
    assert "beside the earlier one for Fellside Surgery (2 June 2026)" in text
    tables = shown_tables(at)
    assert "1 → 2" in tables and "4 → 3" in tables and "+1" in tables and "-1" in tables
    # Results still show this assessment's own answers, untouched
    assert at.session_state[Keys.ANSWERS].principles[1] == PrincipleAnswer(current=2, target=3)


def test_a_file_that_is_not_an_answers_file_is_refused_and_nothing_is_compared(app_test):
    at = app_test(practice({1: (2, 3)}), page="results")
    earlier_uploader(at).set_value(("budget.json", b'{"rows": [1]}', "application/json"))
    at.run()
    assert at.session_state[Keys.EARLIER] is None
    assert any("could not be compared" in e.value for e in at.error)


def test_an_earlier_assessment_can_be_set_by_its_resume_code_and_put_away_again(app_test, storage):
    code = storage.save_self_assessment(practice({2: (0, 2)}, JUNE))
    at = app_test(practice({2: (1, 2)}), page="results")
    at.text_input(key=widget_key("earlier", "code")).input(code.lower()).run()
    at.button(key=widget_key("earlier", "compare")).click().run()
    assert "0 → 1" in shown_tables(at)
    at.button(key=widget_key("earlier", "stop")).click().run()
    assert at.session_state[Keys.EARLIER] is None and shown_tables(at) == ""


def test_a_wrong_resume_code_says_so_and_sets_nothing(app_test, storage):
    at = app_test(practice({2: (1, 2)}), page="results")
    at.text_input(key=widget_key("earlier", "code")).input("ABCDE-23456-FGHJK").run()
    at.button(key=widget_key("earlier", "compare")).click().run()
    assert at.session_state[Keys.EARLIER] is None
    assert any("No earlier assessment was set" in e.value for e in at.error)


def test_the_earlier_assessment_stays_set_when_moving_between_pages(app_test):
    at = app_test(practice({1: (2, 3)}), page="results")
    earlier_uploader(at).set_value(("june.json", practice({1: (1, 4)}, JUNE).to_json().encode(),
                                    "application/json"))
    at.run()
    go_to(at, "principles")
    go_to(at, "results")
    assert "1 → 2" in shown_tables(at)


def test_the_first_change_dates_the_assessment_and_later_changes_keep_that_date(app_test):
    at = app_test(Answers(), page="readiness")
    question = get_content().readiness.questions[0].id
    at.radio(key=widget_key("readiness", question)).set_value(1).run()
    created = at.session_state[Keys.ANSWERS].created
    assert created is not None and created <= at.session_state[Keys.ANSWERS].updated
    at.radio(key=widget_key("readiness", question)).set_value(2).run()
    assert at.session_state[Keys.ANSWERS].created == created


def test_principle_numbers_in_the_change_table_are_escaped_so_they_never_render_as_a_numbered_list(app_test):
    # st.table renders each cell as Markdown: an unescaped "10. One shared patient record" is a list item, drawn
    # as a clipped "l0." with its text raised above the row's values.
    at = app_test(practice({10: (2, 3), 12: (1, 2)}), page="results")
    earlier_uploader(at).set_value(("june.json", practice({10: (1, 3), 12: (1, 2)}, JUNE).to_json().encode(),
                                    "application/json"))
    at.run()
    (change,) = [t.value for t in at.main.table if "Target change" in t.value.columns]
    principles = list(change.index)
    assert "10\\. One shared patient record" in principles
    assert "12\\. Professional management and leadership" in principles
    assert change.loc["10\\. One shared patient record", "Change"] == "\\+1"


def set_earlier_from_file(at: AppTest) -> AppTest:
    earlier_uploader(at).set_value(("june.json", practice({1: (1, 4)}, JUNE).to_json().encode(),
                                    "application/json"))
    return at.run()


def reloaded(at: AppTest) -> AppTest:
    """A new session opened at the address the tab shows, as pressing F5 does: empty state, ?resume=CODE."""
    again = AppTest.from_file(APP, default_timeout=30)
    again.query_params["resume"] = at.query_params["resume"]
    again.run()
    return go_to(again, "results")


def test_the_earlier_assessment_comes_back_with_the_answers_after_a_reload(app_test, storage):
    at = set_earlier_from_file(app_test(practice({1: (2, 3)}), page="results"))
    again = reloaded(at)
    assert again.session_state[Keys.EARLIER].created == JUNE
    assert "1 → 2" in shown_tables(again)
    text = "\n".join(m.value for m in again.main.markdown).replace("\\", "")
    assert "beside the earlier one for Fellside Surgery (2 June 2026)" in text


def test_an_earlier_assessment_put_away_stays_away_after_a_reload(app_test, storage):
    at = set_earlier_from_file(app_test(practice({1: (2, 3)}), page="results"))
    at.button(key=widget_key("earlier", "stop")).click().run()
    again = reloaded(at)
    assert again.session_state[Keys.EARLIER] is None and shown_tables(again) == ""


def test_forgetting_the_saved_answers_deletes_the_earlier_assessment_kept_with_them(app_test, storage):
    at = set_earlier_from_file(app_test(practice({1: (2, 3)}), page="results"))
    code = at.session_state[Keys.RESUME_CODE]
    assert storage.load_self_assessment_and_earlier(code, client="test")[1] is not None
    at.sidebar.button(key=widget_key("autosave", "forget")).click().run()
    with pytest.raises(ResumeCodeNotFound):
        storage.load_self_assessment_and_earlier(format_code(code), client="test")


def test_section_scores_in_the_change_table_read_as_in_the_pdf_and_csv_25_not_25_point_0(app_test):
    # readiness_1 at 2 of 3 (66.7) now; at 0 earlier: a whole-number earlier score must print as "0", not "0.0"
    at = app_test(practice({1: (2, 3)}), page="results")
    earlier = practice({1: (1, 4)}, JUNE)
    earlier.readiness = {get_content().readiness.questions[0].id: 0}
    earlier_uploader(at).set_value(("june.json", earlier.to_json().encode(), "application/json"))
    at.run()
    (scores,) = [t.value for t in at.main.table if "Earlier score" in t.value.columns]
    shown = scores["Earlier score"].map(lambda cell: str(cell).replace("\\", "")).tolist()
    assert "0" in shown and not any(cell.endswith(".0") for cell in shown), shown
