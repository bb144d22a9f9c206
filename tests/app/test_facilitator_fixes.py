"""Defects a tester found running an away-day from the facilitator's dashboard (December 2026): the answering
button, the agreed-level menus, the "Who has answered" legend, and the messages for a wrong code or key."""

from __future__ import annotations

from assessment.content import get_content
from tests.app.test_workshop_dashboard import PRACTICES as ROOM_PRACTICES
from tests.app.test_workshop_dashboard import ROOM, responses_chart
from tests.app.test_workshop_pages import PRACTICES, facilitator_page, participant_answers


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
