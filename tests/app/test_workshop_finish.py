"""A participant pressing "I've finished" (or "I want to carry on answering") at the foot of a tab: the page says so
where they pressed it, and nothing coming or going at the top moves the tabs (which would put them back on the
first tab in the browser; tests/browser/test_workshop_finish_in_view.py checks that in Chromium)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment.storage import format_code
from tests.app.test_workshop_pages import join_page, start_as

PRACTICES = ["Ash Surgery", "Beech Practice"]


def page_order(at: AppTest) -> list[str]:
    """The main area from top to bottom, one entry per element: its kind, then its text or label."""
    entries = []
    for node in at.main.children.values():
        text = getattr(node, "label", None) if node.type == "button" else getattr(node, "value", None)
        entries.append(f"{node.type}: {text}" if isinstance(text, str) else node.type)
    return entries


def after_the_tabs(at: AppTest) -> list[str]:
    order = page_order(at)
    return order[order.index("tab_container") + 1:]


def joined(app_test, storage, sections: list[str] | None = None) -> tuple[AppTest, int]:
    workshop = storage.create_workshop("Away day", PRACTICES, sections or ["readiness", "principles"]).workshop
    at = start_as(join_page(app_test, code=format_code(workshop.join_code)), "Ash Surgery", "nurse")
    return at, workshop.id


def test_pressing_ive_finished_says_so_at_the_top_and_again_where_the_button_was(app_test, storage):
    at, workshop_id = joined(app_test, storage)
    at.button(key="w_wsj_finish").click().run()
    below = after_the_tabs(at)
    assert below[0].startswith("success: You have finished: thank you")
    assert below[1] == "button: I want to carry on answering"
    above = page_order(at)[:page_order(at).index("tab_container")]
    assert any(entry.startswith("success: You have finished: thank you") for entry in above)
    assert storage.participants(workshop_id)[0].finished


def test_carrying_on_is_confirmed_where_the_button_was_and_the_finish_button_comes_back(app_test, storage):
    at, workshop_id = joined(app_test, storage)
    at.button(key="w_wsj_finish").click().run()
    at.button(key="w_wsj_unfinish").click().run()
    below = after_the_tabs(at)
    assert below[0].startswith("info: You can carry on answering")
    assert below[1] == "button: I've finished"
    assert not any("You have finished" in entry for entry in page_order(at))
    assert not storage.participants(workshop_id)[0].finished


def test_before_anything_is_pressed_the_foot_of_the_page_has_only_its_buttons(app_test, storage):
    at, _ = joined(app_test, storage)
    assert after_the_tabs(at) == ["button: I've finished", "button: Leave this workshop on this device"]


def test_the_tabs_keep_their_place_on_the_page_whatever_comes_and_goes_above_them(app_test, storage):
    at, workshop_id = joined(app_test, storage)
    # The run after joining also draws the script that lets this device carry on; the next runs do not.
    places = {"just joined": page_order(at).index("tab_container")}
    at.button(key="w_wsj_finish").click().run()
    places["finished"] = page_order(at).index("tab_container")
    # The facilitator closes answering as the person presses the button: a message comes at the top of the page.
    storage.set_answering_closed(workshop_id, True)
    at.button(key="w_wsj_unfinish").click().run()
    assert "closed answering" in " ".join(e.value for e in at.error)
    places["refused"] = page_order(at).index("tab_container")
    at.run()
    places["message gone"] = page_order(at).index("tab_container")
    assert len(set(places.values())) == 1, places
