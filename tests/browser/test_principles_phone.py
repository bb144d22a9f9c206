"""The Design principles page on a phone (390 px wide): one principle at a time, summaries first, one tap a level."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessment.content import get_content
from tests.browser import st

PHONE = {"width": 390, "height": 844}


def principle_heading(page):
    return st.main(page).get_by_role("heading", level=2)  # h2 since the accessibility work


def radio(page, label: str):
    return st.radios(page).filter(has_text=label)


def choose_level(page, label: str, level: int) -> None:
    group = radio(page, label)
    group.locator('[role="radiogroup"] label').nth(level).click()
    st.wait_idle(page)


@pytest.mark.browser
def test_on_a_phone_a_respondent_answers_principles_one_at_a_time_and_can_go_back(app_url, new_page):
    first, second = get_content().principles[:2]
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/principles")
    st.wait_idle(page)

    expect(principle_heading(page)).to_have_text(f"1. {first.title}")
    now = radio(page, "Where are you now?")
    expect(now).to_contain_text(first.levels[2].summary)
    expect(st.main(page).get_by_text(first.levels[2].descriptor)).not_to_be_visible()
    # Nothing is wider than the phone: no sideways scrolling to read a level.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    choose_level(page, "Where are you now?", 2)
    choose_level(page, "Where do you want to be?", 3)
    expect(principle_heading(page)).to_have_text(f"2. {second.title}")

    st.main(page).get_by_role("button", name="Previous principle").click()
    st.wait_idle(page)
    expect(principle_heading(page)).to_have_text(f"1. {first.title}")
    assert st.checked_option(radio(page, "Where are you now?")).startswith("2 · ")
    assert st.checked_option(radio(page, "Where do you want to be?")).startswith("3 · ")

    details = st.main(page).get_by_test_id("stExpander").filter(has_text="The principle in full")
    details.locator("summary").click()
    expect(details.get_by_text(first.levels[2].descriptor)).to_be_visible()

    st.main(page).get_by_role("button", name="Next principle").click()
    st.wait_idle(page)
    expect(principle_heading(page)).to_have_text(f"2. {second.title}")



@pytest.mark.browser
def test_not_sure_on_each_principle_moves_on_to_the_next_one(app_url, new_page):
    principles = get_content().principles
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/principles")
    st.wait_idle(page)
    for principle in principles:
        expect(principle_heading(page)).to_have_text(f"{principle.number}. {principle.title}")
        st.choose(radio(page, "Where are you now?"), "Not sure")
    # The last stays on screen, with the way on to the components beside it.
    expect(principle_heading(page)).to_have_text(f"12. {principles[-1].title}")
    expect(st.main(page).get_by_role("link", name="Next: collaboration components")).to_be_visible()
    expect(st.main(page).get_by_text("12 of 12 principles answered.")).to_be_visible()
