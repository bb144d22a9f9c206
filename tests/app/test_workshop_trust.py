"""A workshop that can be trusted in the room: small groups stay hidden, people finish and are counted once,
agreed targets give gaps and a plan, and a database outage loses nothing."""

from __future__ import annotations

import pytest

from assessment import storage as storage_module
from assessment.storage import Storage, StorageError, format_code
from tests.app.helpers import go_to
from tests.app.test_workshop_pages import (
    PRACTICES,
    enter_code,
    errors,
    facilitator_page,
    join_page,
    metrics,
    participant_answers,
    start_as,
    table_with,
    tables,
)


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


# --- anonymity ---------------------------------------------------------------------------------------------


def test_a_practice_with_fewer_than_the_minimum_never_appears_on_the_dashboard_and_the_dashboard_says_so(
        app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])  # smallest group: 3
    for level in (1, 2, 3):
        storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(level))
    storage.add_participant(created.workshop.id, "Beech Practice", "practice_manager", participant_answers(0))
    at = facilitator_page(app_test, created.facilitator_key)
    assert not at.exception
    assert metrics(at)["People joined"] == "4" and metrics(at)["Practices shown"] == "1"
    shown = " ".join(frame.to_csv() + " ".join(map(str, frame.columns)) for frame in tables(at))
    assert "Beech Practice" not in shown and "Practice manager" not in shown
    assert "1 practice and 1 role with fewer than 3 people are not shown" in captions(at)
    assert "1 role with fewer than 3 people is not shown" in captions(at)


def test_the_facilitator_chooses_the_smallest_group_and_cannot_go_below_two(app_test, storage):
    at = go_to(app_test(), "facilitate")
    assert at.number_input(key="w_ws_new_min_group").value == 3
    assert at.number_input(key="w_ws_new_min_group").min == 2
    at.text_input(key="w_ws_new_name").input("North away-day")
    at.text_area(key="w_ws_new_practices").input("Ash Surgery\nBeech Practice\n")
    at.number_input(key="w_ws_new_min_group").set_value(5)
    at.button(key="w_ws_new_create").click().run()
    assert storage.workshop(1).min_group == 5


def test_by_role_says_why_it_is_empty(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(1))
    at = facilitator_page(app_test, created.facilitator_key)
    assert any("Nothing to show by role yet" in i.value for i in at.info)


# --- one person, one participant ---------------------------------------------------------------------------


def test_finishing_is_counted_on_the_dashboard_and_answers_can_still_change(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = start_as(enter_code(join_page(app_test), created.workshop.join_code), "Ash Surgery", "nurse")
    at.button(key="w_wsj_finish").click().run()
    [me] = storage.participants(created.workshop.id)
    assert me.finished
    at.radio(key="w_wsj_principle_2_current").set_value(3).run()
    assert storage.participants(created.workshop.id)[0].answers.principles[2].current == 3
    assert metrics(facilitator_page(app_test, created.facilitator_key))["People finished"] == "1"


def test_once_answering_is_closed_a_participant_can_no_longer_change_answers(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    joined = storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    facilitator = facilitator_page(app_test, created.facilitator_key)
    facilitator.button(key="w_ws_people_close").click().run()
    assert storage.workshop(created.workshop.id).answering_closed
    at = join_page(app_test, token=joined.token)
    assert at.radio(key="w_wsj_principle_1_current").disabled
    assert any("closed answering" in i.value for i in at.info)
    with pytest.raises(Exception, match="closed answering"):
        storage.save_participant_answers(joined.participant.id, participant_answers(4))


def test_the_facilitator_removes_a_duplicate_entry(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    first = storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(2))
    at = facilitator_page(app_test, created.facilitator_key)
    at.selectbox(key="w_ws_people_pick").select(first.participant.id)
    at.button(key="w_ws_people_remove").click().run()
    assert [p.id for p in storage.participants(created.workshop.id)] != [first.participant.id]
    assert len(storage.participants(created.workshop.id)) == 1
    assert metrics(at)["People joined"] == "1"


# --- targets, gaps and the plan ----------------------------------------------------------------------------


def test_agreed_current_and_target_levels_give_a_ranked_gap_and_the_plan_is_recorded(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    for level in (0, 1, 2):
        storage.add_participant(created.workshop.id, "Ash Surgery", "nurse", participant_answers(level))
    at = facilitator_page(app_test, created.facilitator_key)
    at.selectbox(key="w_ws_agree_1_level").select(1).run()
    at.selectbox(key="w_ws_agree_1_target").select(4).run()
    agreed = storage.consensus(created.workshop.id)[1]
    assert (agreed.level, agreed.low, agreed.high, agreed.target, agreed.target_low, agreed.target_high) == (
        1, 0, 2, 4, 4, 4)
    gaps = table_with(at, "Gap")
    assert gaps.iloc[0][["Rank", "Agreed now", "Agreed target", "Gap", "Priority"]].tolist() == [1, 1, 4, 3, "High"]

    at.button(key="w_ws_plan_add").click().run()
    assert "Write what the action is" in errors(at) and not storage.plan(created.workshop.id)
    at.text_area(key="w_ws_plan_action").input("Draft a shared nurse rota")
    at.text_input(key="w_ws_plan_owner").input("=HYPERLINK(\"x\")")
    at.selectbox(key="w_ws_plan_principle").select(1)
    at.button(key="w_ws_plan_add").click().run()
    [item] = storage.plan(created.workshop.id)
    assert (item.action, item.principle, item.status) == ("Draft a shared nurse rota", 1, "not_started")
    # The boxes are empty for the next action, so a second click cannot add the same one again.
    assert at.text_area(key="w_ws_plan_action").value == "" and at.text_input(key="w_ws_plan_owner").value == ""
    at.button(key="w_ws_plan_add").click().run()
    assert len(storage.plan(created.workshop.id)) == 1
    at.selectbox(key=f"w_ws_plan_status_{item.id}").select("in_progress").run()
    assert storage.plan(created.workshop.id)[0].status == "in_progress"


# --- the QR code -------------------------------------------------------------------------------------------


def test_the_dashboard_shows_a_qr_code_of_the_join_link_beside_the_typed_code(app_test, storage):
    created = storage.create_workshop("Away day", PRACTICES, ["principles"])
    at = facilitator_page(app_test, created.facilitator_key)
    assert at.get("image"), "no QR code image on the dashboard"
    assert any(format_code(created.workshop.join_code) in m.value for m in at.markdown)


# --- outages -----------------------------------------------------------------------------------------------


class FlakyStorage:
    """The real storage, except that while `down` every read and write fails as a lost database would."""

    def __init__(self, real: Storage) -> None:
        self.real = real
        self.down = False

    def __getattr__(self, name: str):
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if self.down:
                raise StorageError("GroupUp could not reach its database just now. (OperationalError)")
            return attribute(*args, **kwargs)

        return call


@pytest.fixture
def flaky(storage, monkeypatch) -> FlakyStorage:
    fake = FlakyStorage(storage)
    monkeypatch.setattr(storage_module, "get_storage", lambda: fake)
    return fake


def test_an_answer_given_while_the_database_is_down_is_kept_and_saved_when_it_returns(app_test, flaky):
    created = flaky.real.create_workshop("Away day", PRACTICES, ["principles"])
    at = start_as(enter_code(join_page(app_test), created.workshop.join_code), "Ash Surgery", "nurse")
    flaky.down = True
    at.radio(key="w_wsj_principle_4_current").set_value(3).run()
    assert not at.exception
    assert any("not saved yet, retrying" in w.value for w in at.warning)
    assert at.radio(key="w_wsj_principle_4_current").value == 3  # still on screen, not back to code entry
    assert not at.text_input(key="w_wsj_code") if any(t.key == "w_wsj_code" for t in at.text_input) else True
    flaky.down = False
    at.run()  # stands in for the retry the page makes every few seconds
    at.run()
    assert flaky.real.participants(created.workshop.id)[0].answers.principles[4].current == 3
    assert not any("not saved yet" in w.value for w in at.warning)


def test_a_failed_read_never_sends_a_participant_back_to_code_entry(app_test, flaky):
    created = flaky.real.create_workshop("Away day", PRACTICES, ["principles"])
    at = start_as(enter_code(join_page(app_test), created.workshop.join_code), "Ash Surgery", "nurse")
    flaky.down = True
    at.run()
    assert not at.exception
    assert not any(t.key == "w_wsj_code" for t in at.text_input)
    assert any("cannot reach its database" in w.value for w in at.warning)
    flaky.down = False
    at.run()
    assert at.radio(key="w_wsj_principle_1_current")


def test_a_failed_read_just_after_creating_a_workshop_keeps_the_facilitator_key(app_test, flaky):
    at = go_to(app_test(), "facilitate")
    at.text_input(key="w_ws_new_name").input("North away-day")
    at.text_area(key="w_ws_new_practices").input("Ash Surgery\nBeech Practice\n")
    at.button(key="w_ws_new_create").click().run()
    key = at.code[1].value
    flaky.down = True
    at.run()
    assert not at.exception
    assert key in [c.value for c in at.code]
    flaky.down = False
    at.run()
    assert key in [c.value for c in at.code] and metrics(at)["People joined"] == "0"
