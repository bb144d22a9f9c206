"""The self-assessment works from the keyboard alone: buttons, links, text boxes and the answer scales."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import st

PRACTICE = "Keyboard Lane Surgery"


@pytest.mark.browser
def test_a_practice_can_start_name_itself_move_pages_and_answer_using_only_the_keyboard(app_url, new_page):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)

    st.main(page).get_by_role("button", name="Start: describe your practice").focus()
    page.keyboard.press("Enter")
    st.wait_idle(page)
    expect(st.main(page).get_by_role("heading", name="Practice profile")).to_be_visible()

    st.main(page).get_by_label("Practice name", exact=True).focus()
    page.keyboard.type(PRACTICE)
    page.keyboard.press("Enter")
    st.wait_idle(page)

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Readiness", exact=True).focus()
    page.keyboard.press("Enter")
    st.wait_idle(page)
    first = st.radios(page).first
    first.get_by_role("radio").first.focus()
    page.keyboard.press("Space")  # choose the first point of the scale
    st.wait_idle(page)
    assert st.checked_option(first) == st.options(first)[0]
    page.keyboard.press("ArrowRight")  # and move along it
    st.wait_idle(page)
    assert st.checked_option(first) == st.options(first)[1]
    expect(st.sidebar(page)).to_contain_text("Readiness: 1 of 9")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Practice profile", exact=True).focus()
    page.keyboard.press("Enter")
    st.wait_idle(page)
    expect(st.main(page).get_by_label("Practice name", exact=True)).to_have_value(PRACTICE)
