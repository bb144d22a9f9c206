"""The Welcome page: purpose, privacy, sources with dates, example practices, and where to start."""

from __future__ import annotations

import pytest

from assessment.answers import Answers
from assessment.content import get_content
from assessment.storage import format_code
from tests.app.helpers import saved_answers
from ui import widgets
from ui.state import Keys, widget_key


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning]
    return "\n".join(parts).replace("\\", "")


def test_the_welcome_page_is_where_the_app_opens(app_test):
    at = app_test()
    assert at.title[0].value == "GroupUp"


def test_it_says_how_long_it_takes_and_that_answers_stay_on_this_machine(app_test):
    text = page_text(app_test())
    assert "15 minutes" in text
    assert "Nothing is sent anywhere else" in text


def test_it_lists_every_source_with_its_date(app_test):
    text = page_text(app_test())
    for source in get_content().sources:
        assert f"{source.title}**, {source.author}. Date: {source.year}." in text


def test_it_warns_that_legal_details_are_dated_and_not_legal_advice(app_test):
    (warning,) = app_test().warning
    assert "2012–13" in warning.value and "GroupUp is not legal advice" in warning.value


def test_start_takes_you_to_the_practice_profile_page(app_test):
    at = app_test()
    at.button(key=widget_key("start")).click().run()
    assert at.title[0].value == "Practice profile"


def test_every_example_file_is_offered_by_a_readable_name(app_test):
    at = app_test()
    examples = widgets.example_files()
    assert examples, "there should be at least one example in examples/"
    for path, label in examples:
        button = at.button(key=widget_key("example", path.stem))
        assert button.label == f"Try: {label}" and ".json" not in label


@pytest.mark.parametrize("name", ["small_rural_gms", "urban_federation"])
def test_trying_an_example_loads_its_answers_and_says_so(app_test, example_answers, name):
    at = app_test()
    at.button(key=widget_key("example", name)).click().run()
    expected = example_answers(name)
    assert saved_answers(at).model_dump(exclude={"updated"}) == expected.model_dump(exclude={"updated"})
    assert "Loaded the answers for" in at.success[0].value


def test_trying_an_example_over_your_own_saved_answers_says_which_code_keeps_them(app_test, storage):
    at = app_test()
    at.query_params["resume"] = format_code(storage.save_self_assessment(Answers()))
    at.run()
    mine = at.session_state[Keys.RESUME_CODE]
    at.button(key=widget_key("example", "small_rural_gms")).click().run()
    message = at.success[0].value.replace("\\", "")
    assert "Loaded the answers for Fellside Surgery" in message
    assert f"carry on from resume code {format_code(mine)}" in message
    assert at.session_state[Keys.RESUME_CODE] != mine


def test_a_returning_person_is_offered_to_carry_on_where_they_left_off(app_test, example_answers):
    answers = example_answers("small_rural_gms")
    answers.components = {}
    at = app_test(answers)
    carry_on = at.button(key=widget_key("carry_on"))
    assert carry_on.label == "Carry on: collaboration components"
    assert at.button(key=widget_key("start")).label == "Back to your practice profile"
    carry_on.click().run()
    assert at.title[0].value == "Essential components of a successful collaboration"


def test_someone_who_has_answered_everything_is_offered_their_results(app_test, example_answers):
    at = app_test(example_answers("small_rural_gms"))
    carry_on = at.button(key=widget_key("carry_on"))
    assert carry_on.label == "See your results: every section is done"
    carry_on.click().run()
    assert at.title[0].value == "Your results"


def test_a_new_person_is_asked_only_to_start(app_test):
    at = app_test()
    assert [b.key for b in at.button if b.key in (widget_key("carry_on"), widget_key("start"))] == [widget_key("start")]
