"""The Readiness and Collaboration components pages: each question on its scale, or "Not sure"."""

from __future__ import annotations

import pytest

from assessment.answers import Answers
from assessment.content import get_content
from tests.app.helpers import go_to, saved_answers
from ui.state import widget_key
from ui.widgets import cite

SECTIONS = ["readiness", "components"]


def questions(section_id: str):
    return getattr(get_content(), section_id)


@pytest.mark.parametrize("section_id", SECTIONS)
def test_every_question_has_a_labelled_radio_offering_the_scale_and_not_sure(app_test, section_id):
    at = app_test(page=section_id)
    section = questions(section_id)
    for question in section.questions:
        radio = at.radio(key=widget_key(section_id, question.id))
        assert question.text.split()[0] in radio.label
        assert radio.options == [s.label for s in section.scale] + ["Not sure"]
        assert radio.help.startswith(question.help or "Source:")
        assert radio.value is None


@pytest.mark.parametrize("section_id", SECTIONS)
def test_choosing_a_point_on_the_scale_saves_it_in_the_answers(app_test, section_id):
    at = app_test(page=section_id)
    first, last = questions(section_id).questions[0], questions(section_id).questions[-1]
    at.radio(key=widget_key(section_id, first.id)).set_value(1).run()
    at.radio(key=widget_key(section_id, last.id)).set_value(0).run()
    assert getattr(saved_answers(at), section_id) == {first.id: 1, last.id: 0}


@pytest.mark.parametrize("section_id", SECTIONS)
def test_choosing_not_sure_saves_not_sure_rather_than_a_score(app_test, section_id):
    at = app_test(page=section_id)
    question = questions(section_id).questions[0]
    at.radio(key=widget_key(section_id, question.id)).set_value("not_sure").run()
    assert getattr(saved_answers(at), section_id) == {question.id: "not_sure"}


@pytest.mark.parametrize("section_id", SECTIONS)
def test_the_page_shows_answers_already_given(app_test, section_id):
    section = questions(section_id)
    answers = Answers(**{section_id: {section.questions[0].id: 2, section.questions[1].id: "not_sure"}})
    at = app_test(answers, page=section_id)
    assert at.radio(key=widget_key(section_id, section.questions[0].id)).value == 2
    assert at.radio(key=widget_key(section_id, section.questions[1].id)).value == "not_sure"
    assert at.radio(key=widget_key(section_id, section.questions[2].id)).value is None


@pytest.mark.parametrize("section_id", SECTIONS)
def test_each_question_cites_its_source_in_its_tooltip(app_test, section_id):
    at = app_test(page=section_id)
    content = get_content()
    assert not [c for c in at.caption if c.value.startswith("Source:")]  # not read under every question
    for question in questions(section_id).questions:
        tip = at.radio(key=widget_key(section_id, question.id)).help
        assert tip.endswith(cite(question.cite, content)), question.id
        assert question.help is None or tip.startswith(question.help), question.id


@pytest.mark.parametrize("section_id", SECTIONS)
def test_the_page_points_to_the_help_by_the_question_mark_drawn_not_a_symbol_the_browser_may_lack(app_test,
                                                                                                    section_id):
    # Streamlit draws the help as a question mark in a circle; "ⓘ" showed as an empty box in Debian's Chromium.
    shown = " ".join(c.value for c in app_test(page=section_id).caption)
    assert "the question mark by each question gives its help and source" in shown
    assert "ⓘ" not in shown


def test_readiness_leads_on_to_the_design_principles(app_test):
    at = go_to(app_test(), "readiness")
    (next_link,) = [link for link in at.get("page_link") if link.proto.label.startswith("Next:")]
    assert next_link.proto.page.endswith("principles")


@pytest.mark.parametrize("section_id", SECTIONS)
def test_the_page_counts_the_questions_answered_including_not_sure(app_test, section_id):
    section = questions(section_id)
    answers = Answers(**{section_id: {section.questions[0].id: 2, section.questions[1].id: "not_sure",
                                      "a_question_no_longer_asked": 1}})
    at = app_test(answers, page=section_id)
    assert any(c.value.startswith(f"2 of {len(section.questions)} answered.") for c in at.caption)


@pytest.mark.parametrize("section_id", SECTIONS)
def test_an_evidence_note_on_a_question_is_saved_and_shown_again_after_moving_pages(app_test, section_id):
    question = questions(section_id).questions[2]
    key = widget_key(section_id, question.id, "note")
    at = app_test(page=section_id)
    assert at.text_input(key=key).value == ""
    at.text_input(key=key).input("Minutes of the partners' meeting, <b>May</b>").run()
    assert getattr(saved_answers(at).notes, section_id) == {question.id: "Minutes of the partners' meeting, <b>May</b>"}
    go_to(at, "results")
    assert go_to(at, section_id).text_input(key=key).value == "Minutes of the partners' meeting, <b>May</b>"
    at.text_input(key=key).input("  ").run()
    assert getattr(saved_answers(at).notes, section_id) == {}


@pytest.mark.parametrize("section_id", SECTIONS)
def test_every_question_offers_an_optional_note(app_test, section_id):
    at = app_test(page=section_id)
    for question in questions(section_id).questions:
        assert at.text_input(key=widget_key(section_id, question.id, "note")).label == "Evidence or note (optional)"


@pytest.mark.parametrize("section_id", SECTIONS)
def test_each_question_label_is_its_number_and_wording_with_no_backslash_for_a_screen_reader_to_read(
        app_test, section_id):
    at = app_test(page=section_id)
    for number, question in enumerate(questions(section_id).questions, start=1):
        # "1." then a no-break space, which CommonMark does not take for a list marker; the wording as written.
        assert at.radio(key=widget_key(section_id, question.id)).label == f"{number}.\u00a0{question.text}"
