"""The Practice profile page: practices (added and removed), aims, preferences and the respondent's role."""

from __future__ import annotations

from assessment.answers import Answers, Practice, Preferences, Profile
from assessment.content import get_content
from tests.app.helpers import saved_answers
from ui.state import widget_key


def practice_key(index: int, field: str) -> str:
    return widget_key("practice", index, field)


def profile_key(*parts: str) -> str:
    return widget_key("profile", *parts)


def two_practices() -> Answers:
    return Answers(profile=Profile(practices=[Practice(name="Riverside", list_size=9000),
                                              Practice(name="Hill Top", setting="rural")]))


def test_typing_a_practice_name_saves_it(app_test):
    at = app_test(page="profile")
    at.text_input(key=practice_key(0, "name")).input("Dale View Surgery").run()
    assert saved_answers(at).profile.practices[0].name == "Dale View Surgery"


def test_list_size_and_staff_numbers_are_saved(app_test):
    at = app_test(page="profile")
    for field, value in [("list_size", 6200), ("gp_partners", 3), ("gp_salaried", 1), ("nurses", 2),
                         ("other_staff", 9)]:
        at.number_input(key=practice_key(0, field)).set_value(value).run()
    practice = saved_answers(at).profile.practices[0]
    assert (practice.list_size, practice.gp_partners, practice.gp_salaried, practice.nurses,
            practice.other_staff) == (6200, 3, 1, 2, 9)


def test_setting_and_contract_types_are_saved(app_test):
    at = app_test(page="profile")
    at.radio(key=practice_key(0, "setting")).set_value("remote").run()
    at.pills(key=practice_key(0, "contracts")).set_value(["gms", "apms"]).run()
    practice = saved_answers(at).profile.practices[0]
    assert (practice.setting, practice.contracts) == ("remote", ["gms", "apms"])


def test_contract_types_have_a_tooltip_explaining_the_jargon(app_test):
    at = app_test(page="profile")
    assert "Alternative Provider Medical Services" in at.pills(key=practice_key(0, "contracts")).help


def test_adding_a_practice_gives_a_second_set_of_questions(app_test):
    at = app_test(page="profile")
    at.button(key=widget_key("add_practice")).click().run()
    at.text_input(key=practice_key(1, "name")).input("Hill Top").run()
    assert [p.name for p in saved_answers(at).profile.practices] == ["", "Hill Top"]


def test_removing_the_first_practice_moves_the_second_up_with_its_answers(app_test):
    at = app_test(two_practices(), page="profile")
    at.button(key=widget_key("remove_practice", 0)).click().run()
    assert [p.name for p in saved_answers(at).profile.practices] == ["Hill Top"]
    assert at.text_input(key=practice_key(0, "name")).value == "Hill Top"
    assert at.radio(key=practice_key(0, "setting")).value == "rural"
    assert at.number_input(key=practice_key(0, "list_size")).value is None


def test_the_only_practice_cannot_be_removed(app_test):
    at = app_test(page="profile")
    assert not [b for b in at.button if b.key and b.key.startswith(widget_key("remove_practice"))]


def test_aims_current_collaborations_and_role_are_saved(app_test):
    aims = [a.id for a in get_content().aims[:2]]
    at = app_test(page="profile")
    at.multiselect(key=profile_key("aims")).set_value(aims).run()
    at.text_area(key=profile_key("current_collaborations")).input("We share a nurse").run()
    at.radio(key=profile_key("respondent_role")).set_value("practice_manager").run()
    profile = saved_answers(at).profile
    assert (profile.aims, profile.current_collaborations, profile.respondent_role) == (
        aims, "We share a nurse", "practice_manager")


def test_preferences_are_saved_and_each_explains_itself_in_a_tooltip(app_test):
    at = app_test(page="profile")
    choices = {"autonomy": "very", "profit": "not_for_profit", "need_capital": True, "nhs_pension": "somewhat",
               "limited_liability": "not_important"}
    for field, value in choices.items():
        radio = at.radio(key=profile_key("pref", field))
        assert radio.help
        radio.set_value(value).run()
    assert saved_answers(at).profile.preferences == Preferences(**choices)


def test_a_practice_name_is_shown_as_plain_text_not_markup(app_test):
    name = "**Bold** [link](javascript:alert(1)) <b>x</b>"
    at = app_test(Answers(profile=Profile(practices=[Practice(name=name)])), page="profile")
    heading = next(m.value for m in at.markdown if "Bold" in m.value)
    assert "**Bold**" not in heading and "](" not in heading and "<b>" not in heading
    assert heading.replace("\\", "") == f"**{name}**"


def test_saying_what_the_new_body_would_do_is_saved_and_the_question_explains_why_it_matters(app_test):
    at = app_test(page="profile")
    radio = at.radio(key=profile_key("body_role"))
    assert radio.value is None and "BADGER" in radio.help
    assert radio.options == ["Hold the practices' core GMS, PMS or APMS contracts",
                             "Work alongside the practices for other contracts and services; the practices keep "
                             "their own contracts", "Not sure yet"]
    radio.set_value("alongside").run()
    assert saved_answers(at).profile.body_role == "alongside"
    radio.set_value("not_sure").run()
    assert saved_answers(at).profile.body_role == "not_sure"
