"""Defects a tester found running a workshop (issue 10): an empty "Who has answered" chart, actions whose owner and
due date could not be changed, the self-assessment sidebar on the workshop pages, and the People list's counts."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa

from assessment.answers import Answers, PrincipleAnswer
from tests.app.helpers import go_to
from tests.app.test_workshop_pages import facilitator_page, metrics, participant_answers, table_with

PRACTICES = ["Alpha Surgery", "Beta Practice", "Gamma Practice"]
# The tester's room: seven people in three practices, the smallest group 3, Gamma with three of different roles.
ROOM = [("Alpha Surgery", "gp_partner"), ("Alpha Surgery", "nurse"),
        ("Beta Practice", "gp_partner"), ("Beta Practice", "nurse"),
        ("Gamma Practice", "gp_partner"), ("Gamma Practice", "nurse"), ("Gamma Practice", "practice_manager")]


def responses_chart(at) -> dict:
    """The "Who has answered" chart's spec, with its data rows (sent separately, as Arrow) under "rows"."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("encoding", {}).get("x", {}).get("title") == "Responses":
            spec["rows"] = [row for ds in chart.proto.datasets
                            for row in pa.ipc.open_stream(ds.data.data).read_all().to_pylist()]
            return spec
    raise AssertionError("no Who has answered chart on the page")


def sidebar_text(at) -> str:
    """The sidebar's words: its text, headings, captions and the labels of its expanders."""
    return " ".join([e.value for kind in ("markdown", "subheader", "caption") for e in at.sidebar.get(kind)]
                    + [e.label for e in at.sidebar.expander])


# --- who has answered --------------------------------------------------------------------------------------


def test_a_practice_shown_whose_roles_are_each_too_small_still_draws_its_whole_bar_on_a_whole_number_axis(
        app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"], min_group=3)
    for practice, role in ROOM:
        storage.add_participant(created.workshop.id, practice, role, participant_answers(2))
    at = facilitator_page(app_test, created.facilitator_key)
    assert not at.exception and metrics(at)["Practices shown"] == "1"
    chart = responses_chart(at)
    bars: dict[str, int] = {}
    for row in chart["rows"]:
        bars[row["practice"]] = bars.get(row["practice"], 0) + row["responses"]
    assert bars == {"Gamma Practice": 3}
    axis = chart["encoding"]["x"]["axis"]
    assert axis["format"] == "d" and axis["values"] == [0, 1, 2, 3]
    # The table says the same: three people, none in a role group large enough to show on its own.
    responses = table_with(at, "Total").set_index("Practice")
    assert responses.loc["Gamma Practice", "Total"] == 3 and responses.loc["Gamma Practice", "Roles not shown"] == 3


def test_the_responses_axis_counts_in_whole_people_for_a_large_room(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"], min_group=3)
    for _ in range(20):
        storage.add_participant(created.workshop.id, "Alpha Surgery", "nurse", participant_answers(1))
    chart = responses_chart(facilitator_page(app_test, created.facilitator_key))
    assert chart["rows"] == [{"practice": "Alpha Surgery", "role": "Nurse", "responses": 20}]
    values = chart["encoding"]["x"]["axis"]["values"]
    assert values[0] == 0 and values[-1] <= 20 and all(isinstance(v, int) for v in values) and len(values) <= 11


# --- the group's plan --------------------------------------------------------------------------------------


def test_an_actions_owner_due_date_and_status_can_be_changed_after_it_is_added(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    at.text_area(key="w_ws_plan_action").input("Draft a shared nurse rota")
    at.button(key="w_ws_plan_add").click().run()
    [item] = storage.plan(created.workshop.id)
    assert (item.owner, item.due) == ("", None)
    # Named by the action's number, so they are told apart from the new action's boxes.
    assert at.text_input(key=f"w_ws_plan_owner_{item.id}").label == "Owner of action 1"

    at.text_input(key=f"w_ws_plan_owner_{item.id}").input("Sam Patel").run()
    at.date_input(key=f"w_ws_plan_due_{item.id}").set_value(dt.date(2027, 3, 31)).run()
    at.selectbox(key=f"w_ws_plan_status_{item.id}").select("in_progress").run()
    [saved] = storage.plan(created.workshop.id)
    assert (saved.action, saved.owner, saved.due, saved.status) == (
        "Draft a shared nurse rota", "Sam Patel", dt.date(2027, 3, 31), "in_progress")
    # A fresh visit to the page shows what was saved.
    again = facilitator_page(app_test, created.facilitator_key)
    assert again.text_input(key=f"w_ws_plan_owner_{item.id}").value == "Sam Patel"
    assert again.date_input(key=f"w_ws_plan_due_{item.id}").value == dt.date(2027, 3, 31)


def test_an_actions_owner_and_due_date_can_be_cleared_again(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    at.text_area(key="w_ws_plan_action").input("Draft a shared nurse rota")
    at.text_input(key="w_ws_plan_owner").input("Jo")
    at.date_input(key="w_ws_plan_due").set_value(dt.date(2027, 1, 15))
    at.button(key="w_ws_plan_add").click().run()
    [item] = storage.plan(created.workshop.id)
    assert (item.owner, item.due) == ("Jo", dt.date(2027, 1, 15))
    at.text_input(key=f"w_ws_plan_owner_{item.id}").input("").run()
    at.date_input(key=f"w_ws_plan_due_{item.id}").set_value(None).run()
    [saved] = storage.plan(created.workshop.id)
    assert (saved.action, saved.owner, saved.due) == ("Draft a shared nurse rota", "", None)


# --- the sidebar on the workshop pages ---------------------------------------------------------------------


def test_the_workshop_pages_show_no_self_assessment_progress_or_resume_code_in_the_sidebar(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    for at in (go_to(app_test(), "join"), facilitator_page(app_test, created.facilitator_key)):
        assert not at.exception
        shown = sidebar_text(at)
        assert "Your progress" not in shown and "not started" not in shown
        assert not at.sidebar.get("file_uploader")
        # A participant must not take a self-assessment's resume code for one that keeps their workshop answers.
        assert "Autosave" not in shown and "resume code" not in shown.lower(), shown
        assert not [box for box in at.sidebar.get("text_input")]
    readiness = sidebar_text(go_to(app_test(), "readiness"))
    assert "Your progress" in readiness and "Autosave" in readiness


# --- the People list ---------------------------------------------------------------------------------------


def test_the_people_list_counts_answers_in_good_english_and_counts_a_level_given_without_a_target(
        app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    one = Answers(principles={1: PrincipleAnswer(current=2)})  # a current level, no target yet
    two = Answers(principles={1: PrincipleAnswer(current=2, target=3), 2: PrincipleAnswer(not_sure=True)})
    for answers in (one, two, Answers()):
        storage.add_participant(created.workshop.id, "Alpha Surgery", "nurse", answers)
    at = facilitator_page(app_test, created.facilitator_key)
    shown = at.selectbox(key="w_ws_people_pick").options
    assert [entry.rsplit(" · ", 1)[-1] for entry in shown] == ["1 answer", "2 answers", "0 answers"]


# --- what the dashboard says about hidden groups (the tester's second room) -------------------------------

SECOND_ROOM = ["Ash Surgery", "Beech Practice", "Cedar Health Centre"]


def twelve_levels(base: int) -> Answers:
    return Answers(principles={n: PrincipleAnswer(current=(base + n) % 5, target=4) for n in range(1, 13)})


def second_room_dashboard(app_test, storage):
    """Smallest group 2: Ash Surgery's GP partner and nurse, Beech Practice's GP partner, nobody from Cedar."""
    created = storage.create_workshop("North Dales away-day 2", SECOND_ROOM, ["principles"], min_group=2)
    for practice, role, base in [("Ash Surgery", "gp_partner", 0), ("Ash Surgery", "nurse", 2),
                                 ("Beech Practice", "gp_partner", 3)]:
        storage.add_participant(created.workshop.id, practice, role, twelve_levels(base))
    at = facilitator_page(app_test, created.facilitator_key)
    assert not at.exception
    return at


def test_a_role_group_too_small_to_show_reads_not_shown_in_the_responses_table_never_0(app_test, storage):
    at = second_room_dashboard(app_test, storage)
    responses = table_with(at, "Total").set_index("Practice")
    assert responses.loc["Ash Surgery", "GP partner"] == "–"  # Ash has one GP partner, not none
    assert responses.loc["Ash Surgery", "Total"] == 2
    captions = [c.value for c in at.caption]
    assert ("“–” means not shown: fewer than 2 of the practice's people have that role (perhaps none)."
            in captions)


def test_empty_views_by_role_and_by_practice_say_their_figures_are_held_back_and_the_notes_are_short(
        app_test, storage):
    at = second_room_dashboard(app_test, storage)
    info = [i.value for i in at.info]
    assert ("Nothing to show by role yet: fewer than 2 people outside the roles large enough to show have answered, "
            "and showing those roles' figures would give the others' answers away.") in info
    assert any(i.startswith("Nothing to show by practice yet: fewer than 2 people outside the practices") for i in info)
    # The heatmap's place says the same, rather than leaving a gap under its heading.
    assert any(i.startswith("No median levels by practice to show yet: fewer than 2 people outside") for i in info)
    assert not any("no role has 2 or more" in i for i in info)
    notes = [c.value for c in at.caption if "so that no one person" in c.value]
    assert notes and all(note.count(".") == 1 and len(note.split()) <= 40 for note in notes)
    assert not any("taking the shown" in note for note in notes)
