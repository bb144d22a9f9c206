"""The Design principles page: each principle's statement, levels, and where you are now and want to be."""

from __future__ import annotations

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from tests.app.helpers import saved_answers
from ui.state import widget_key


def key(number: int, field: str) -> str:
    return widget_key("principle", number, field)


def unescaped(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_the_principles_are_grouped_into_clinical_care_and_organisation(app_test):
    at = app_test(page="principles")
    tabs = {t.label: t for t in at.tabs}
    assert list(tabs) == ["Clinical care", "Organisation"]
    clinical = [e.label for e in tabs["Clinical care"].expander]
    assert len(clinical) == 7 and clinical[0].startswith("1")
    assert len(tabs["Organisation"].expander) == 5


def test_each_principle_shows_its_quoted_statement_why_it_matters_and_five_levels(app_test):
    at = app_test(page="principles")
    shown = unescaped(at)
    for principle in get_content().principles:
        assert f"“{principle.statement}”" in shown
        assert principle.why_it_matters in shown
        for level in principle.levels:
            assert level.descriptor in shown


def test_choosing_the_current_and_target_levels_saves_them(app_test):
    at = app_test(page="principles")
    at.radio(key=key(3, "current")).set_value(1).run()
    at.radio(key=key(3, "target")).set_value(4).run()
    assert saved_answers(at).principles[3] == PrincipleAnswer(current=1, target=4)


def test_not_sure_about_the_current_level_sets_the_principle_aside(app_test):
    answers = Answers(principles={5: PrincipleAnswer(current=2, target=3)})
    at = app_test(answers, page="principles")
    at.radio(key=key(5, "current")).set_value("not_sure").run()
    saved = saved_answers(at).principles[5]
    assert (saved.not_sure, saved.current) == (True, None)


def test_an_evidence_note_is_saved(app_test):
    at = app_test(page="principles")
    at.text_area(key=key(12, "note")).input("Quarterly board minutes").run()
    assert saved_answers(at).principles[12].note == "Quarterly board minutes"


def test_the_page_shows_the_levels_already_chosen(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=0, target=2), 8: PrincipleAnswer(not_sure=True)})
    at = app_test(answers, page="principles")
    assert (at.radio(key=key(1, "current")).value, at.radio(key=key(1, "target")).value) == (0, 2)
    assert at.radio(key=key(8, "current")).value == "not_sure"
    assert at.radio(key=key(2, "current")).value is None


def test_the_level_options_are_named_from_the_principles_own_levels(app_test):
    at = app_test(page="principles")
    principle = get_content().principles[0]
    options = at.radio(key=key(1, "current")).options
    assert options == [f"{lv.level} · {lv.label}" for lv in principle.levels] + ["Not sure"]


def test_the_page_counts_principles_with_both_levels_or_not_sure_as_answered(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=0, target=2), 2: PrincipleAnswer(current=3),
                                  3: PrincipleAnswer(target=4), 8: PrincipleAnswer(not_sure=True)})
    at = app_test(answers, page="principles")
    assert "2 of 12 principles answered." in [c.value for c in at.caption]


def test_choosing_a_level_after_not_sure_brings_the_principle_back_into_the_scores(app_test):
    at = app_test(Answers(principles={6: PrincipleAnswer(not_sure=True, target=3)}), page="principles")
    at.radio(key=key(6, "current")).set_value(2).run()
    assert saved_answers(at).principles[6] == PrincipleAnswer(current=2, target=3)
