"""Text longer than a box holds (a long paste) is cut to fit, shown as kept, and the person is told, on every page.

Streamlit's own limit on a box throws such a paste away without a word, so the boxes have none (a tester pasted a
201-character practice name and "nothing happened")."""

from __future__ import annotations

from assessment.answers import Answers
from assessment.content import get_content
from tests.app.helpers import saved_answers
from ui.state import widget_key


def told(at) -> str:
    return " ".join(w.value for w in at.warning).replace("\\", "")


def test_a_practice_name_longer_than_200_characters_is_cut_to_200(app_test):
    at = app_test(Answers(), "profile")
    name = "Fellside " * 25 + "Surgery"  # 232 characters
    at.text_input(key=widget_key("practice", 0, "name")).input(name).run()
    assert saved_answers(at).profile.practices[0].name == name[:200]
    assert at.text_input(key=widget_key("practice", 0, "name")).value == name[:200]
    assert "A practice name can be at most 200 characters, so only the first 200 were kept." in told(at)


def test_a_name_that_fits_is_kept_whole_without_a_word(app_test):
    at = app_test(Answers(), "profile")
    at.text_input(key=widget_key("practice", 0, "name")).input("F" * 200).run()
    assert saved_answers(at).profile.practices[0].name == "F" * 200 and told(at) == ""


def test_a_principle_note_longer_than_2000_characters_is_cut_to_2000(app_test):
    at = app_test(Answers(), "principles")
    note = "We audit continuity every quarter. " * 70  # 2,450 characters
    at.text_area(key=widget_key("principle", 1, "note")).input(note).run()
    assert saved_answers(at).principles[1].note == note[:2000]
    assert "An evidence note can be at most 2,000 characters" in told(at)


def test_a_question_note_longer_than_2000_characters_is_cut_to_2000(app_test):
    at = app_test(Answers(), "readiness")
    question = get_content().readiness.questions[0].id
    at.text_input(key=widget_key("readiness", question, "note")).input("x" * 2500).run()
    assert saved_answers(at).notes.readiness[question] == "x" * 2000
    assert "An evidence note can be at most 2,000 characters" in told(at)
