"""Defects a tester found running an away-day from the facilitator's dashboard (December 2026): the answering
button, the agreed-level menus, the "Who has answered" legend, and the messages for a wrong code or key."""

from __future__ import annotations

from assessment.content import get_content
from tests.app.test_workshop_dashboard import PRACTICES as ROOM_PRACTICES
from tests.app.test_workshop_dashboard import ROOM, responses_chart
from tests.app.test_workshop_pages import (
    PRACTICES,
    enter_code,
    errors,
    facilitator_page,
    join_page,
    participant_answers,
)


def test_after_closing_answering_the_people_tab_offers_to_open_it_again_on_the_same_run(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    at.button(key="w_ws_people_close").click().run()
    labels = [b.label for b in at.button]
    assert "Open answering again" in labels and "Close answering" not in labels
    at.button(key="w_ws_people_open").click().run()
    labels = [b.label for b in at.button]
    assert "Close answering" in labels and "Open answering again" not in labels


def test_the_agreed_level_menus_name_each_level_as_the_participants_saw_it(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    first = get_content().principles[0]
    for field in ("level", "target"):
        menu = at.selectbox(key=f"w_ws_agree_1_{field}")
        assert menu.options == ["Not agreed yet", *(f"{lv.level} · {lv.label}" for lv in first.levels)]
        assert menu.options[2] == "1 · Early steps"
    at.selectbox(key="w_ws_agree_1_level").select(1).run()
    assert storage.consensus(created.workshop.id)[1].level == 1
    assert at.selectbox(key="w_ws_agree_1_level").value == 1


def test_the_who_has_answered_legend_lists_only_the_roles_its_bars_draw(app_test, storage):
    # The tester's room: "GP partner" is a role shown in the room (three of them), but no practice has three GP
    # partners, so no bar has a GP partner part.
    created = storage.create_workshop("Away day", ROOM_PRACTICES, ["principles"], min_group=3)
    for practice, role in ROOM:
        storage.add_participant(created.workshop.id, practice, role, participant_answers(2))
    for _ in range(2):
        storage.add_participant(created.workshop.id, "Gamma Practice", "nurse", participant_answers(2))
    chart = responses_chart(facilitator_page(app_test, created.facilitator_key))
    drawn = {row["role"] for row in chart["rows"]}
    legend = chart["encoding"]["color"]["scale"]["domain"]
    assert "GP partner" not in drawn
    assert sorted(legend) == sorted(drawn) and "Nurse" in legend


def test_a_code_of_the_wrong_length_is_told_how_long_a_workshop_code_is(app_test, storage):
    storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = enter_code(join_page(app_test), "ABCDE-2345")
    assert "That code is 9 letters and digits long; a workshop code has 10" in errors(at).replace("\\", "")
    assert "No workshop has that code" not in errors(at)


def test_the_fourth_wrong_code_warns_that_one_more_locks_this_device(app_test, storage):
    storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = join_page(app_test)
    for _ in range(3):
        enter_code(at, "AAAAA-BBBBB")
        assert "One more wrong try" not in errors(at)
    enter_code(at, "AAAAA-BBBBB")
    assert "One more wrong try locks this device for up to 5 minutes" in errors(at).replace("\\", "")
    enter_code(at, "AAAAA-BBBBB")
    assert "One more wrong try" not in errors(at)


def test_an_old_facilitator_key_after_a_new_one_is_issued_says_a_new_key_may_exist(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    storage.reissue_facilitator_key(created.workshop.join_code)
    at = facilitator_page(app_test, created.facilitator_key)
    message = errors(at).replace("\\", "")
    assert "No workshop has that facilitator key" in message
    assert "a new key has been issued for the workshop from the command line (workshop new-key)" in message
    assert not at.metric
