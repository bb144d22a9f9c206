"""A due date typed into the dd/mm/yyyy box and Tabbed past is saved, as a date picked from the calendar is: for a
workshop action already in the plan, for a new one, and in a practice's own action plan. (Streamlit's calendar
button was the box's last Tab stop, so one Tab left focus inside the box and the typed date was never sent.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from assessment.workshop import plan_item
from tests.browser import st
from tests.browser.test_workshop_trust_flow import open_dashboard


def type_date(field, digits: str = "15012027") -> None:
    """Type a date from the keyboard into its day, month and year, then press Tab once, as a person would."""
    field.get_by_role("spinbutton").first.click()
    field.page.keyboard.type(digits)
    field.page.keyboard.press("Tab")
    st.wait_idle(field.page)


def plan_panel(page):
    st.main(page).get_by_role("tab", name="Gaps and plan", exact=True).click()
    return st.main(page).get_by_role("tabpanel").filter(visible=True).last


@pytest.mark.browser
def test_a_typed_due_date_is_saved_on_tab_for_a_workshop_action_and_with_a_new_one(app_url, app_storage, new_page):
    created = app_storage.create_workshop("Typed dates", ["Ash Surgery"], ["principles"])
    app_storage.save_plan_item(created.workshop.id, plan_item("Draft a shared nurse rota"))
    page = new_page()
    open_dashboard(page, app_url, created.facilitator_key)
    panel = plan_panel(page)

    type_date(panel.get_by_role("group", name="Due date of action 1", exact=True))
    page.wait_for_timeout(500)
    [item] = app_storage.plan(created.workshop.id)
    assert item.due == dt.date(2027, 1, 15)

    panel.get_by_label("Action", exact=True).fill("Set up a shared duty-doctor rota")
    type_date(panel.get_by_role("group", name="Due", exact=True), "28022027")
    panel.get_by_role("button", name="Add to the plan").click()
    st.wait_idle(page)
    expect(panel.get_by_text("2. Set up a shared duty-doctor rota")).to_be_visible()
    added = {i.action: i.due for i in app_storage.plan(created.workshop.id)}
    assert added["Set up a shared duty-doctor rota"] == dt.date(2027, 2, 28)


@pytest.mark.browser
def test_a_typed_due_date_in_the_practices_own_action_plan_is_kept_after_a_reload(app_url, new_page):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Try: Canal Street Medical Centre").click()  # has two actions
    st.wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]resume="))
    page.goto(f"{app_url}/action-plan?{page.url.split('?', 1)[1]}")
    st.wait_idle(page)
    due = st.main(page).get_by_role("group", name="Due by", exact=True).first
    type_date(due, "15012027")
    page.wait_for_timeout(1500)  # the autosave follows the rerun
    page.reload()
    st.wait_idle(page)
    due = st.main(page).get_by_role("group", name="Due by", exact=True).first
    expect(due).to_contain_text("15")
    assert due.inner_text().replace("\n", "").replace(" ", "") == "15/01/2027"
