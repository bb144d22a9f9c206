"""The action plan in a real browser: the box empties after "Add action", and each Delete button shows its label."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import st

ACTION = "Agree a shared telephone triage rota with Riverside"


@pytest.mark.browser
def test_after_adding_an_action_its_box_is_empty_and_a_second_click_adds_nothing(app_url, new_page):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Try: Fellside Surgery").click()
    st.wait_idle(page)
    st.go_to(page, "Action plan")

    box = st.main(page).get_by_label("Your own action").first
    box.fill(ACTION)
    box.press("Enter")
    st.wait_idle(page)
    add = st.main(page).get_by_role("button", name="Add action").first
    add.click()
    st.wait_idle(page)
    expect(st.main(page).get_by_label("Action", exact=True)).to_have_count(1)
    expect(st.main(page).get_by_label("Action", exact=True).first).to_have_value(ACTION)
    expect(box).to_have_value("")

    add.click()
    st.wait_idle(page)
    expect(st.main(page).get_by_label("Action", exact=True)).to_have_count(1)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1024, 390])
def test_each_actions_delete_button_shows_its_whole_label_on_laptops_and_on_a_phone(app_url, new_page, width):
    page = new_page(width=width, height=900)
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Try: Canal Street Medical Centre").click()  # has two actions
    st.wait_idle(page)
    # The address now carries the example's resume code, so the page opens with its answers (a phone's sidebar,
    # and so its navigation, is folded away).
    expect(page).to_have_url(re.compile(r"[?&]resume="))
    page.goto(f"{app_url}/action-plan?{page.url.split('?', 1)[1]}")
    st.wait_idle(page)

    deletes = st.main(page).get_by_role("button", name="Delete this action")
    expect(deletes).to_have_count(2)
    for button in deletes.all():
        button.scroll_into_view_if_needed()
        label = button.get_by_test_id("stMarkdownContainer")  # Streamlit cuts a label that does not fit to "De…"
        expect(label).to_have_text("Delete this action")
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth"), "the Delete button's label is cut short"
        assert button.bounding_box()["x"] + button.bounding_box()["width"] <= width
    for due in st.main(page).get_by_label("Due by", exact=True).all():  # and the date beside it shows whole
        assert due.evaluate("el => el.scrollWidth <= el.clientWidth"), "the due date is cut short"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing scrolls sideways
