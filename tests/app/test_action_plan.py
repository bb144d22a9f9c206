"""The Action plan page: start actions from case-study suggestions, edit and delete them, and keep them."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from assessment.actions import suggest_actions
from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.scoring import score
from tests.app.helpers import go_to, saved_answers
from ui.state import widget_key


def answers_with_gaps() -> Answers:
    """Every principle one level short of a target of 4, so every principle is a gap."""
    answers = Answers()
    for number in range(1, 13):
        answers.principles[number] = PrincipleAnswer(current=3 - number % 3, target=4)
    return answers


@pytest.fixture
def open_page(app_test):
    def start(answers: Answers) -> AppTest:
        at = app_test(answers, "action-plan")
        assert not at.exception
        return at

    return start


saved = saved_answers


@pytest.fixture
def principle_with_suggestions() -> int:
    content = get_content()
    return next(n for n in range(1, 13) if suggest_actions(n, content))


def test_using_a_suggestion_adds_an_action_from_that_case_study(open_page, principle_with_suggestions):
    at = open_page(answers_with_gaps())
    at.button(key=widget_key("suggest", principle_with_suggestions, 0)).click().run()
    first = suggest_actions(principle_with_suggestions, get_content())[0]
    (action,) = saved(at).actions
    assert (action.principle, action.action, action.suggestion_from) == (
        principle_with_suggestions, f"Learn from {first.case_study_name}: {first.text}", first.case_study_id)
    assert at.text_area(key=widget_key("action", action.id, "action")).value == action.action


def test_every_suggestion_shown_gives_its_citation(open_page):
    at = open_page(answers_with_gaps())
    captions = [c.value.replace("\\", "") for c in at.caption]
    gaps = score(answers_with_gaps(), get_content()).gaps
    expected = [f"Source: {s.citation}" for g in gaps for s in suggest_actions(g.number, get_content())]
    assert expected and [c for c in captions if c.startswith("Source: ")] == expected


def test_an_own_action_is_added_to_the_gap_it_was_written_under(open_page):
    at = open_page(answers_with_gaps())
    top_gap = score(answers_with_gaps(), get_content()).gaps[0].number
    at.text_input(key=widget_key("new_action", top_gap, "text")).input("Agree a shared rota with Riverside").run()
    at.button(key=widget_key("add_action", top_gap)).click().run()
    (action,) = saved(at).actions
    assert (action.principle, action.action, action.suggestion_from) == (top_gap, "Agree a shared rota with Riverside",
                                                                          None)
    assert at.text_input(key=widget_key("new_action", top_gap, "text")).value == ""


def test_an_empty_own_action_is_not_added_and_the_user_is_told(open_page):
    at = open_page(answers_with_gaps())
    at.button(key=widget_key("add_action", "general")).click().run()
    assert saved(at).actions == []
    assert any("Write the action first" in w.value for w in at.warning)


@pytest.fixture
def with_one_action(open_page) -> tuple[AppTest, str]:
    answers = answers_with_gaps()
    at = open_page(answers)
    gap = score(answers, get_content()).gaps[0].number
    at.text_input(key=widget_key("new_action", gap, "text")).input("Agree a shared rota").run()
    at.button(key=widget_key("add_action", gap)).click().run()
    return at, saved(at).actions[0].id


def test_editing_an_action_saves_its_text_owner_due_date_and_status(with_one_action):
    at, action_id = with_one_action
    at.text_area(key=widget_key("action", action_id, "action")).input("Agree a shared weekend rota").run()
    at.text_input(key=widget_key("action", action_id, "owner")).input("Dr Ó'Brien").run()
    at.date_input(key=widget_key("action", action_id, "due")).set_value(dt.date(2026, 9, 30)).run()
    at.selectbox(key=widget_key("action", action_id, "status")).select("in_progress").run()
    (action,) = saved(at).actions
    assert (action.action, action.owner, action.due, action.status) == (
        "Agree a shared weekend rota", "Dr Ó'Brien", dt.date(2026, 9, 30), "in_progress")


def test_emptying_an_action_keeps_the_old_text_and_says_why(with_one_action):
    at, action_id = with_one_action
    at.text_area(key=widget_key("action", action_id, "action")).input("").run()
    assert saved(at).actions[0].action == "Agree a shared rota"
    assert at.text_area(key=widget_key("action", action_id, "action")).value == "Agree a shared rota"
    assert any("needs some words" in w.value for w in at.warning)


def test_deleting_an_action_removes_it_from_the_answers_and_the_page(with_one_action):
    at, action_id = with_one_action
    at.button(key=widget_key("delete_action", action_id)).click().run()
    assert saved(at).actions == []
    assert not [t for t in at.text_area if t.key == widget_key("action", action_id, "action")]


def test_actions_and_their_edits_survive_going_to_another_page_and_back(with_one_action):
    at, action_id = with_one_action
    at.text_input(key=widget_key("action", action_id, "owner")).input("Priya Shah").run()
    go_to(at, "export")
    go_to(at, "action-plan")
    assert not at.exception
    assert at.text_area(key=widget_key("action", action_id, "action")).value == "Agree a shared rota"
    assert at.text_input(key=widget_key("action", action_id, "owner")).value == "Priya Shah"


def test_actions_are_saved_in_the_answers_file(with_one_action):
    at, action_id = with_one_action
    at.text_input(key=widget_key("action", action_id, "owner")).input("Priya Shah").run()
    reloaded = parse_answers(saved(at).to_json())
    assert [(a.id, a.action, a.owner) for a in reloaded.actions] == [(action_id, "Agree a shared rota", "Priya Shah")]


def test_an_action_whose_gap_has_closed_is_still_shown_and_editable(with_one_action):
    at, action_id = with_one_action
    principle = saved(at).actions[0].principle
    saved(at).principles[principle] = PrincipleAnswer(current=4, target=4)
    go_to(at, "export")
    go_to(at, "action-plan")
    assert at.text_area(key=widget_key("action", action_id, "action")).value == "Agree a shared rota"


def test_with_no_gaps_the_page_explains_where_gaps_come_from(open_page):
    at = open_page(Answers())
    assert any("No gaps yet" in i.value for i in at.info)


def test_a_suggestion_already_in_the_plan_cannot_be_added_twice(open_page, principle_with_suggestions):
    at = open_page(answers_with_gaps())
    key = widget_key("suggest", principle_with_suggestions, 0)
    at.button(key=key).click().run()
    assert at.button(key=key).disabled and at.button(key=key).label == "In your plan"
    assert len(saved(at).actions) == 1


def test_the_same_own_action_added_twice_is_kept_once_and_the_user_is_told(open_page):
    at = open_page(answers_with_gaps())
    gap = score(answers_with_gaps(), get_content()).gaps[0].number
    for text in ("Agree a shared rota", "  agree a SHARED rota "):
        at.text_input(key=widget_key("new_action", gap, "text")).input(text).run()
        at.button(key=widget_key("add_action", gap)).click().run()
    assert [a.action for a in saved(at).actions] == ["Agree a shared rota"]
    assert any("already in your plan" in i.value for i in at.info)
    assert at.text_input(key=widget_key("new_action", gap, "text")).value == ""


def test_an_owner_pasted_longer_than_the_box_holds_is_cut_to_fit_and_the_user_is_told(with_one_action):
    at, action_id = with_one_action
    at.text_input(key=widget_key("action", action_id, "owner")).input("Dr Ó'Brien " * 30).run()  # 330 characters
    (action,) = saved(at).actions
    assert action.owner == ("Dr Ó'Brien " * 30)[:200]
    assert at.text_input(key=widget_key("action", action_id, "owner")).value == action.owner  # the box shows it
    assert "at most 200 characters, so only the first 200 were kept" in at.warning[0].value


def test_the_six_characteristics_the_gaps_count_are_named_with_whose_reading_the_mapping_is(open_page):
    at = open_page(answers_with_gaps())
    key = next(e for e in at.main.expander if e.label == "The six characteristics of high-quality primary care")
    shown = "\n".join(m.value for m in key.markdown).replace("\\", "")
    assert shown.count("\n- ") == 6 and "- Comprehensive: principles 3, 6, 8 and 9" in shown
    assert "GroupUp's own reading, not the report's" in shown


def test_with_no_gaps_the_action_plan_shows_no_characteristics_key(open_page):
    at = open_page(Answers())
    assert all(e.label != "The six characteristics of high-quality primary care" for e in at.main.expander)
