"""The Design principles page: one principle at a time, each level's summary, and where you are now and want to be."""

from __future__ import annotations

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from tests.app.helpers import go_to, saved_answers
from ui.state import Keys, widget_key


def key(number: int, field: str) -> str:
    return widget_key("principle", number, field)


def unescaped(texts) -> str:
    return "\n".join(texts).replace("\\", "")


def shown_outside_expanders(at) -> str:
    """The page's Markdown a respondent sees without opening anything, and its answer options."""
    hidden = {id(m) for e in at.main.expander for m in e.markdown}
    texts = [m.value for m in at.main.markdown if id(m) not in hidden]
    return unescaped(texts + [option for radio in at.radio for option in radio.options])


def next_principle(at):
    at.button(key=widget_key("principle_next")).click().run()
    return at


def test_the_page_shows_one_principle_at_a_time_starting_with_the_first(app_test):
    at = app_test(page="principles")
    assert [s.value for s in at.main.header] == ["1.\u00a0Early access to a senior clinician"]
    assert [r.key for r in at.radio] == [key(1, "current"), key(1, "target")]


def test_next_and_previous_move_through_the_principles_in_order(app_test):
    at = app_test(page="principles")
    next_principle(next_principle(at))
    assert at.radio[0].key == key(3, "current")
    at.button(key=widget_key("principle_previous")).click().run()
    assert at.radio[0].key == key(2, "current")
    assert at.selectbox(key=widget_key("principle_jump")).value == 2


def test_there_is_no_previous_on_the_first_principle_and_the_last_leads_on_to_the_components(app_test):
    at = app_test(page="principles")
    assert at.button(key=widget_key("principle_previous")).disabled
    at.selectbox(key=widget_key("principle_jump")).set_value(12).run()
    assert at.radio[0].key == key(12, "current")
    assert not [b for b in at.button if b.key == widget_key("principle_next")]
    assert "Next: collaboration components" in [link.label for link in at.get("page_link")]


def test_the_summaries_are_the_options_and_the_statement_and_full_descriptors_wait_in_a_closed_expander(app_test):
    at = app_test(page="principles")
    principle = get_content().principles[0]
    options = at.radio(key=key(1, "current")).options
    assert unescaped(options).split("\n") == [f"**{lv.level} · {lv.label}**: {lv.summary}"
                                              for lv in principle.levels] + ["Not sure"]
    by_default = shown_outside_expanders(at)
    assert principle.title in unescaped(s.value for s in at.main.header)
    assert f"“{principle.statement}”" not in by_default
    assert not any(lv.descriptor in by_default for lv in principle.levels)
    [details] = [e for e in at.main.expander if e.label.startswith("The principle in full")]
    assert not details.proto.expanded and all(not e.proto.expanded for e in at.main.expander)
    in_details = unescaped(m.value for m in details.markdown)
    assert f"“{principle.statement}”" in in_details
    assert principle.why_it_matters in in_details and principle.statement_cite.section in in_details
    assert all(lv.descriptor in in_details for lv in principle.levels)


def test_every_principle_can_be_reached_and_shows_its_own_summaries(app_test):
    at = app_test(page="principles")
    for principle in get_content().principles:
        at.selectbox(key=widget_key("principle_jump")).set_value(principle.number).run()
        shown = shown_outside_expanders(at)
        assert all(lv.summary in shown for lv in principle.levels), principle.number


def test_choosing_the_current_and_target_levels_saves_them_with_one_click_each(app_test):
    at = app_test(page="principles")
    at.selectbox(key=widget_key("principle_jump")).set_value(3).run()
    at.radio(key=key(3, "current")).set_value(1).run()
    at.radio(key=key(3, "target")).set_value(4).run()
    assert saved_answers(at).principles[3] == PrincipleAnswer(current=1, target=4)


def test_choosing_a_first_target_moves_on_to_the_next_principle(app_test):
    at = app_test(page="principles")
    at.radio(key=key(1, "current")).set_value(2).run()
    assert at.radio[0].key == key(1, "current")
    at.radio(key=key(1, "target")).set_value(3).run()
    assert at.radio[0].key == key(2, "current")
    assert at.selectbox(key=widget_key("principle_jump")).value == 2


def test_changing_a_target_already_chosen_stays_on_the_principle(app_test):
    at = app_test(Answers(principles={4: PrincipleAnswer(current=1, target=2)}), page="principles")
    at.selectbox(key=widget_key("principle_jump")).set_value(4).run()
    at.radio(key=key(4, "target")).set_value(3).run()
    assert at.radio[0].key == key(4, "current")
    assert saved_answers(at).principles[4].target == 3


def test_answers_and_the_principle_shown_survive_a_visit_to_another_page(app_test):
    at = app_test(page="principles")
    at.radio(key=key(1, "current")).set_value(0).run()
    at.radio(key=key(1, "target")).set_value(2).run()
    at.text_area(key=key(2, "note")).input("Online booking since May").run()
    go_to(at, "readiness")
    go_to(at, "principles")
    assert at.radio[0].key == key(2, "current")
    assert at.text_area(key=key(2, "note")).value == "Online booking since May"
    at.button(key=widget_key("principle_previous")).click().run()
    assert (at.radio(key=key(1, "current")).value, at.radio(key=key(1, "target")).value) == (0, 2)
    assert at.session_state[Keys.PRINCIPLE_SHOWN] == 1


def test_not_sure_about_the_current_level_sets_the_principle_aside(app_test):
    answers = Answers(principles={5: PrincipleAnswer(current=2, target=3)})
    at = app_test(answers, page="principles")
    at.selectbox(key=widget_key("principle_jump")).set_value(5).run()
    at.radio(key=key(5, "current")).set_value("not_sure").run()
    saved = saved_answers(at).principles[5]
    assert (saved.not_sure, saved.current) == (True, None)


def test_choosing_not_sure_first_moves_on_to_the_next_principle(app_test):
    at = app_test(page="principles")
    at.radio(key=key(1, "current")).set_value("not_sure").run()
    assert at.radio[0].key == key(2, "current")
    assert saved_answers(at).principles[1].not_sure


def test_choosing_the_current_level_after_the_target_moves_on(app_test):
    at = app_test(page="principles")
    at.radio(key=key(1, "target")).set_value(3).run()
    assert at.radio[0].key == key(1, "current")
    at.radio(key=key(1, "current")).set_value(2).run()
    assert at.radio[0].key == key(2, "current")
    assert saved_answers(at).principles[1] == PrincipleAnswer(current=2, target=3)


def test_an_evidence_note_is_saved(app_test):
    at = app_test(page="principles")
    at.selectbox(key=widget_key("principle_jump")).set_value(12).run()
    at.text_area(key=key(12, "note")).input("Quarterly board minutes").run()
    assert saved_answers(at).principles[12].note == "Quarterly board minutes"


def test_the_page_shows_the_levels_already_chosen(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=0, target=2), 8: PrincipleAnswer(not_sure=True)})
    at = app_test(answers, page="principles")
    assert (at.radio(key=key(1, "current")).value, at.radio(key=key(1, "target")).value) == (0, 2)
    at.selectbox(key=widget_key("principle_jump")).set_value(8).run()
    assert at.radio(key=key(8, "current")).value == "not_sure"
    next_principle(at)
    assert at.radio(key=key(9, "current")).value is None


def test_the_list_of_principles_ticks_those_answered(app_test):
    at = app_test(Answers(principles={1: PrincipleAnswer(current=0, target=2), 2: PrincipleAnswer(current=3)}),
                  page="principles")
    options = at.selectbox(key=widget_key("principle_jump")).options
    assert options[0].endswith("✓") and not options[1].endswith("✓")


def test_the_target_options_are_named_from_the_principles_own_levels(app_test):
    at = app_test(page="principles")
    principle = get_content().principles[0]
    assert at.radio(key=key(1, "target")).options == [f"{lv.level} · {lv.label}" for lv in principle.levels]


def test_the_page_counts_principles_with_both_levels_or_not_sure_as_answered(app_test):
    answers = Answers(principles={1: PrincipleAnswer(current=0, target=2), 2: PrincipleAnswer(current=3),
                                  3: PrincipleAnswer(target=4), 8: PrincipleAnswer(not_sure=True)})
    at = app_test(answers, page="principles")
    assert "2 of 12 principles answered." in [c.value for c in at.caption]


def test_choosing_a_level_after_not_sure_brings_the_principle_back_into_the_scores(app_test):
    at = app_test(Answers(principles={6: PrincipleAnswer(not_sure=True, target=3)}), page="principles")
    at.selectbox(key=widget_key("principle_jump")).set_value(6).run()
    at.radio(key=key(6, "current")).set_value(2).run()
    assert saved_answers(at).principles[6] == PrincipleAnswer(current=2, target=3)


def test_a_target_below_the_current_level_gets_a_plain_question_but_is_kept(app_test):
    at = app_test(page="principles")
    at.radio(key=key(1, "current")).set_value(3).run()
    at.radio(key=key(1, "target")).set_value(1).run()
    assert at.radio[0].key == key(1, "current")  # it stays, so the question is seen
    assert any("Your target is below where you are now: is that right?" in i.value for i in at.info)
    assert saved_answers(at).principles[1] == PrincipleAnswer(current=3, target=1)
    at.radio(key=key(1, "target")).set_value(3).run()
    assert not any("is that right?" in i.value for i in at.info)


def test_the_principle_shown_is_in_the_address_so_a_reconnected_or_reloaded_tab_opens_where_it_was(app_test):
    at = app_test(page="principles")
    at.button(key=widget_key("principle_next")).click().run()
    at.button(key=widget_key("principle_next")).click().run()
    assert at.query_params["principle"] in ("3", ["3"])
    # A new session (a restart or a reload) with that address opens at principle 3, not at the first.
    fresh = app_test(page="principles")
    fresh.query_params["principle"] = "3"
    fresh.run()
    assert fresh.radio[0].key == key(3, "current")
