"""Workshop mode in the app: joining with a code, answering, the facilitator's dashboard, consensus and deletion."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment.answers import Answers, PrincipleAnswer
from assessment.storage import format_code
from tests.app.helpers import go_to

PRACTICES = ["Ash Surgery", "Beech Practice"]


def join_page(app_test, code: str | None = None, token: str | None = None) -> AppTest:
    at = app_test()
    if code is not None:
        at.query_params["code"] = code
    if token is not None:
        at.query_params["participant"] = token
    return go_to(at, "join")


def enter_code(at: AppTest, code: str) -> AppTest:
    at.text_input(key="w_wsj_code").input(code)
    at.button(key="w_wsj_join").click().run()
    return at


def start_as(at: AppTest, practice: str, role: str) -> AppTest:
    at.selectbox(key="w_wsj_who_practice").select(practice)
    at.selectbox(key="w_wsj_who_role").select(role)
    at.button(key="w_wsj_who_start").click().run()
    return at


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def facilitator_page(app_test, key: str) -> AppTest:
    at = go_to(app_test(), "facilitate")
    at.text_input(key="w_ws_open_key").input(key)
    at.button(key="w_ws_open_open").click().run()
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tables(at: AppTest) -> list:
    """Every table on the page, data grids and plain tables alike, as data frames."""
    return [d.value for d in at.dataframe] + [t.value for t in at.table]


def table_with(at: AppTest, column: str):
    """The first table on the page with this column (AppTest does not expose a dataframe's key)."""
    return next(frame for frame in tables(at) if column in frame.columns)


def participant_answers(level: int) -> Answers:
    answers = Answers()
    answers.principles[1] = PrincipleAnswer(current=level, target=4)
    return answers


# --- joining -----------------------------------------------------------------------------------------------


def test_a_participant_joins_with_a_good_code_then_chooses_practice_and_role(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    at = enter_code(join_page(app_test), format_code(workshop.join_code).lower())
    assert not at.exception and errors(at) == ""
    assert at.header[0].value == "Away day"
    assert at.selectbox(key="w_wsj_who_practice").options == PRACTICES
    start_as(at, "Beech Practice", "practice_manager")
    [joined] = storage.participants(workshop.id)
    assert (joined.practice, joined.role) == ("Beech Practice", "practice_manager")
    assert "participant" in at.query_params


def test_arriving_by_the_join_link_joins_at_once(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    at = join_page(app_test, code=format_code(workshop.join_code))
    assert not at.exception and errors(at) == ""
    assert at.header[0].value == "Away day"  # no "Join" to press: straight to choosing practice and role
    assert at.selectbox(key="w_wsj_who_practice").options == PRACTICES


def test_a_join_link_with_a_wrong_code_says_so_and_leaves_the_code_to_correct(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    at = join_page(app_test, code="AAAAA-BBBBB")
    assert "No workshop has that code" in errors(at)
    assert at.text_input(key="w_wsj_code").value == "AAAAA-BBBBB"
    assert not at.header
    at.run()  # tried once: a rerun does not count a second wrong attempt or repeat the message
    assert errors(at) == ""
    enter_code(at, format_code(workshop.join_code))
    assert at.header[0].value == "Away day"


def test_after_a_join_link_the_person_can_enter_another_code_or_leave_without_joining_again(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    other = storage.create_workshop("Other day", PRACTICES, ["principles"]).workshop
    at = join_page(app_test, code=format_code(workshop.join_code))
    at.button(key="w_wsj_who_other").click().run()
    assert not at.header and at.text_input(key="w_wsj_code").value == ""
    at.run()
    assert not at.header  # the link is not followed again
    at = start_as(enter_code(at, format_code(other.join_code)), "Ash Surgery", "nurse")
    assert at.header[0].value == "Other day" and "code" not in at.query_params
    at.button(key="w_wsj_leave").click().run()
    at.run()
    assert not at.header and at.text_input(key="w_wsj_code").value == ""


def test_a_wrong_code_gets_a_clear_message_and_joins_nothing(app_test, storage):
    storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = enter_code(join_page(app_test), "AAAAA-BBBBB")
    assert "No workshop has that code" in errors(at)
    assert not at.header and at.text_input(key="w_wsj_code")


def test_repeated_wrong_codes_are_slowed_and_the_wait_is_shown(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    at = join_page(app_test)
    for _ in range(5):
        enter_code(at, "AAAAA-BBBBB")
    enter_code(at, format_code(workshop.join_code))
    assert "Too many wrong codes from this device\\. Try again in 5 minutes" in errors(at)
    assert not at.header  # even the right code waits


def test_each_answer_is_saved_as_soon_as_it_is_given(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["readiness", "principles"]).workshop
    at = start_as(enter_code(join_page(app_test), workshop.join_code), "Ash Surgery", "nurse")
    at.radio(key="w_wsj_principle_3_current").set_value(2).run()
    at.radio(key="w_wsj_principle_3_target").set_value(4).run()
    question = at.radio(key=next(r.key for r in at.radio if r.key.startswith("w_wsj_readiness_")))
    question.set_value("not_sure").run()
    [stored] = storage.participants(workshop.id)
    assert (stored.answers.principles[3].current, stored.answers.principles[3].target) == (2, 4)
    assert list(stored.answers.readiness.values()) == ["not_sure"]


def test_a_participant_sees_only_the_sections_the_workshop_includes(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["components"]).workshop
    at = start_as(enter_code(join_page(app_test), workshop.join_code), "Ash Surgery", "nurse")
    keys = [r.key for r in at.radio]
    assert keys and all(k.startswith("w_wsj_components_") for k in keys)


def test_a_personal_link_continues_where_the_participant_left_off(app_test, storage):
    workshop = storage.create_workshop("Away day", PRACTICES, ["principles"]).workshop
    joined = storage.add_participant(workshop.id, "Ash Surgery", "nurse", participant_answers(3))
    at = join_page(app_test, token=joined.token)
    assert at.radio(key="w_wsj_principle_1_current").value == 3
    at.radio(key="w_wsj_principle_1_current").set_value(1).run()
    assert storage.participants(workshop.id)[0].answers.principles[1].current == 1


def test_a_wrong_personal_link_says_so_and_offers_the_code_box(app_test, storage):
    at = join_page(app_test, token="not-a-real-token")
    assert "personal link does not match" in errors(at)
    assert at.text_input(key="w_wsj_code")


# --- facilitating ------------------------------------------------------------------------------------------


def test_creating_a_workshop_shows_its_join_code_link_and_facilitator_key_to_write_down(app_test, storage):
    at = go_to(app_test(), "facilitate")
    at.text_input(key="w_ws_new_name").input("North away-day")
    at.text_area(key="w_ws_new_practices").input("Ash Surgery\nBeech Practice\n")
    at.button(key="w_ws_new_create").click().run()
    assert not at.exception
    workshop = storage.workshop(1)
    assert workshop.name == "North away-day" and workshop.practices == PRACTICES
    shown = [c.value for c in at.code]
    assert f"/join?code={format_code(workshop.join_code)}" in shown[0]
    key = shown[1]
    assert storage.workshop_by_key(key, client="test").id == workshop.id
    assert any("Write down your facilitator key" in w.value for w in at.warning)


def test_a_workshop_without_practices_is_not_created(app_test, storage):
    at = go_to(app_test(), "facilitate")
    at.text_input(key="w_ws_new_name").input("North away-day")
    at.button(key="w_ws_new_create").click().run()
    assert "List the practices taking part" in errors(at)


def test_a_wrong_facilitator_key_opens_nothing(app_test, storage):
    storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, "guess")
    assert "No workshop has that facilitator key" in errors(at)
    assert not at.metric


def test_the_dashboard_counts_responses_by_practice_and_role_and_flags_disagreement(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"], min_group=2)
    workshop = created.workshop
    for practice, role, level in [("Ash Surgery", "nurse", 0), ("Ash Surgery", "nurse", 3),
                                  ("Beech Practice", "nurse", 1), ("Beech Practice", "nurse", 1)]:
        storage.add_participant(workshop.id, practice, role, participant_answers(level))
    at = facilitator_page(app_test, created.facilitator_key)
    assert not at.exception
    assert metrics(at) == {"People joined": "4", "People finished": "0", "Practices shown": "2",
                           "Principles with disagreement": "1"}
    responses = table_with(at, "Total")
    assert responses.set_index("Practice")["Total"].to_dict() == {"Ash Surgery": 2, "Beech Practice": 2}
    # Role columns are text: a group too small to show reads "–" there, never a number.
    assert responses.set_index("Practice")["Nurse"].to_dict() == {"Ash Surgery": "2", "Beech Practice": "2"}
    levels = table_with(at, "Practices split")
    assert levels.iloc[0]["Disagreement"] == "Yes" and levels.iloc[0]["Practices split"] == "Ash Surgery"


def test_the_dashboard_shows_new_answers_on_its_next_refresh(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    assert metrics(at)["People joined"] == "0"
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    at.run()
    assert metrics(at)["People joined"] == "1"


def test_the_agreed_level_is_saved_with_the_range_of_individual_views(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"], min_group=2)
    for level in (1, 4):
        storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(level))
    at = facilitator_page(app_test, created.facilitator_key)
    at.selectbox(key="w_ws_agree_1_level").select(2).run()
    at.text_input(key="w_ws_agree_1_note").input("Agreed after discussion").run()
    agreed = storage.consensus(created.workshop.id)[1]
    assert (agreed.level, agreed.low, agreed.high, agreed.note) == (2, 1, 4, "Agreed after discussion")


def test_a_reassessment_compares_with_an_earlier_workshop_by_its_key(app_test, storage):
    before = storage.create_workshop("Last year", PRACTICES, ["principles"], min_group=2)
    after = storage.create_workshop("This year", PRACTICES, ["principles"], min_group=2)
    for _ in range(2):
        storage.add_participant(before.workshop.id, "Ash Surgery", "nurse", participant_answers(1))
        storage.add_participant(after.workshop.id, "Ash Surgery", "nurse", participant_answers(3))
    at = facilitator_page(app_test, after.facilitator_key)
    at.text_input(key="w_ws_compare_key").input(before.facilitator_key)
    at.button(key="w_ws_compare_go").click().run()
    table = table_with(at, "Change in median")
    assert table.iloc[0]["Change in median"] == 2.0


def test_deleting_a_workshop_needs_the_confirmation_word_and_then_removes_every_row(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    at = facilitator_page(app_test, created.facilitator_key)
    at.button(key="w_ws_delete_go").click().run()
    assert "Type DELETE" in errors(at)
    assert storage.participants(created.workshop.id)
    at.text_input(key="w_ws_delete_confirm").input("DELETE")
    at.button(key="w_ws_delete_go").click().run()
    assert any("deleted" in s.value for s in at.success)
    with storage.engine.connect() as conn:
        counts = [conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar_one()
                  for t in ("workshops", "participants", "consensus")]
    assert counts == [0, 0, 0]
    assert at.text_input(key="w_ws_new_name")  # back to the start


def test_the_facilitator_key_disappears_once_written_down_and_stays_hidden_as_answers_arrive(app_test, storage):
    at = go_to(app_test(), "facilitate")
    at.text_input(key="w_ws_new_name").input("North away-day")
    at.text_area(key="w_ws_new_practices").input("Ash Surgery\nBeech Practice\n")
    at.button(key="w_ws_new_create").click().run()
    key = at.code[1].value
    assert storage.workshop_by_key(key, client="test")
    at.button(key="w_ws_key_done").click().run()
    storage.add_participant(storage.workshop(1).id, "Ash Surgery", "nurse", participant_answers(2))
    at.run()
    assert key not in [c.value for c in at.code]
    assert not any("Write down your facilitator key" in w.value for w in at.warning)
    assert metrics(at)["People joined"] == "1"  # still the same workshop's dashboard


def test_the_agreed_range_is_the_rooms_when_agreed_not_when_the_page_was_drawn(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"], min_group=2)
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    at = facilitator_page(app_test, created.facilitator_key)
    storage.add_participant(created.workshop.id, "Beech Practice", "nurse", participant_answers(0))
    at.selectbox(key="w_ws_agree_1_level").select(1).run()
    agreed = storage.consensus(created.workshop.id)[1]
    assert (agreed.level, agreed.low, agreed.high) == (1, 0, 2)


def test_one_practice_is_compared_with_its_own_people_in_the_earlier_workshop(app_test, storage):
    before = storage.create_workshop("Last year", PRACTICES, ["principles"], min_group=2)
    after = storage.create_workshop("This year", PRACTICES, ["principles"], min_group=2)
    for workshop, ash, beech in ((before, 1, 4), (after, 3, 4)):
        for _ in range(2):
            storage.add_participant(workshop.workshop.id, "Ash Surgery", "nurse", participant_answers(ash))
            storage.add_participant(workshop.workshop.id, "Beech Practice", "nurse", participant_answers(beech))
    at = facilitator_page(app_test, after.facilitator_key)
    at.text_input(key="w_ws_compare_key").input(before.facilitator_key)
    at.button(key="w_ws_compare_go").click().run()
    assert table_with(at, "Change in median").iloc[0]["Change in median"] == 1.0  # medians 2.5 -> 3.5
    at.selectbox(key="w_ws_compare_practice").select("Ash Surgery").run()
    assert table_with(at, "Change in median").iloc[0]["Change in median"] == 2.0
    at.selectbox(key="w_ws_compare_practice").select("Beech Practice").run()
    assert table_with(at, "Change in median").iloc[0]["Change in median"] == 0.0


def test_the_readiness_table_on_the_dashboard_counts_the_rooms_answers(app_test, storage):
    from assessment.content import get_content

    question = get_content().readiness.questions[0]
    created = storage.create_workshop("Away day", PRACTICES, ["readiness"])
    for value in (0, 2, 2):
        storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", Answers(readiness={question.id: value}))
    at = facilitator_page(app_test, created.facilitator_key)
    row = table_with(at, "Not sure").set_index("Question").loc[question.text]
    assert (row["Answers"], row["Not yet"], row["Mostly"], row["Median"]) == ("3", "1", "2", "Mostly")


def test_a_participant_never_sees_the_rooms_results_or_anyone_elses_answers(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    other = participant_answers(4)
    other.principles[1].note = "Our partners will never agree to share staff"
    storage.add_participant(created.workshop.id, "Ash Surgery", "gp_partner", other)
    at = start_as(enter_code(join_page(app_test), created.workshop.join_code), "Ash Surgery", "nurse")
    assert not at.exception
    assert not at.metric and not tables(at) and not at.get("arrow_vega_lite_chart")
    shown = " ".join(str(e.value) for kind in ("markdown", "caption", "code", "text_area", "text_input")
                     for e in at.get(kind) if hasattr(e, "value"))
    assert "never agree to share staff" not in shown
    assert at.radio(key="w_wsj_principle_1_current").value is None  # their own answer starts empty
