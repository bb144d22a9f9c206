"""A participant who presses "I've finished" at the foot of a tab stays on that tab and sees, where they are
looking, that they have finished; "I want to carry on answering" is confirmed the same way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessment.storage import format_code
from tests.browser import st
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_workshop_flow import choose_in_selectbox, click


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)], ids=["phone", "laptop"])
def test_pressing_ive_finished_keeps_the_tab_and_shows_the_confirmation_in_view(
        app_url, app_storage, new_page, width, height):
    workshop = app_storage.create_workshop("Away day", ["Ashcombe Surgery"], ["readiness", "principles"]).workshop
    page = new_page(width=width, height=height)
    page.goto(f"{app_url}/join?code={format_code(workshop.join_code)}")
    st.wait_idle(page)
    choose_in_selectbox(page, "Your practice", "Ashcombe Surgery")
    choose_in_selectbox(page, "Your role", "GP partner")
    click(page, "Start answering")
    tab = st.main(page).get_by_role("tab", name="Design principles")
    tab.click()
    first = st.main(page).get_by_test_id("stExpander").filter(visible=True).first
    first.locator("summary").click()
    now = first.get_by_test_id("stRadio").filter(has_text="Where is your practice now?")
    expect(now.locator('[role="radiogroup"] label').first).to_be_visible()
    st.choose(now, st.options(now)[2])

    finish = st.main(page).get_by_role("button", name="I've finished")
    finish.scroll_into_view_if_needed()
    finish.click()
    st.wait_idle(page)
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(now).to_be_visible()  # the principle they were answering is still open
    done = st.main(page).get_by_text("You have finished: thank you").filter(visible=True)
    expect(done.last).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ws-finished-{width}.png"))
    assert app_storage.participants(workshop.id)[0].finished

    st.main(page).get_by_role("button", name="I want to carry on answering").click()
    st.wait_idle(page)
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(st.main(page).get_by_text("You can carry on answering").filter(visible=True).last).to_be_in_viewport()
    expect(st.main(page).get_by_role("button", name="I've finished")).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / f"ws-carry-on-{width}.png"))
    assert not app_storage.participants(workshop.id)[0].finished
