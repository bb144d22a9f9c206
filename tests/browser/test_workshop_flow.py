"""A workshop in two real browsers: the facilitator creates it, a participant joins and answers, the dashboard shows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import st


def choose_in_selectbox(page, label: str, option: str) -> None:
    st.main(page).get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    st.wait_idle(page)


def click(page, name: str) -> None:
    st.main(page).get_by_role("button", name=name).click()
    st.wait_idle(page)


@pytest.mark.browser
def test_a_participants_answer_appears_on_the_facilitators_dashboard(app_url, new_page):
    facilitator = new_page()
    facilitator.goto(f"{app_url}/facilitate")
    st.wait_idle(facilitator)
    st.fill(facilitator, "Workshop name", "North away-day")
    box = st.main(facilitator).get_by_label("Practices taking part (one per line)")
    box.fill("Ash Surgery\nBeech Practice")
    box.press("Control+Enter")
    st.wait_idle(facilitator)
    click(facilitator, "Create workshop")
    heading = st.main(facilitator).get_by_role("heading", level=1).filter(has_text=re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$"))
    code = heading.inner_text().strip()
    expect(st.main(facilitator).get_by_test_id("stMetric").first).to_contain_text("0")

    participant = new_page()  # a second browser context: another person's session
    participant.goto(f"{app_url}/join?code={code}")  # the join link joins at once: no code to type, no "Join"
    st.wait_idle(participant)
    expect(st.main(participant).get_by_role("heading", name="North away-day")).to_be_visible()
    choose_in_selectbox(participant, "Your practice", "Beech Practice")
    choose_in_selectbox(participant, "Your role", "Nurse")
    click(participant, "Start answering")
    st.main(participant).get_by_role("tab", name="Design principles").click()
    first = st.main(participant).get_by_test_id("stExpander").filter(visible=True).first
    expect(first).to_contain_text("1.")
    first.locator("summary").click()
    now = first.get_by_test_id("stRadio").filter(has_text="Where is your practice now?")
    expect(now.locator('[role="radiogroup"] label').first).to_be_visible()
    st.choose(now, st.options(now)[2])
    expect(participant).to_have_url(re.compile(r"participant="))

    # The dashboard refreshes itself; nobody touches the facilitator's page.
    responses = st.main(facilitator).get_by_test_id("stMetric").filter(has_text="People joined")
    expect(responses).to_contain_text("1", timeout=20_000)
    # One person is fewer than the smallest group shown (3), so their practice is not shown, and the page says so.
    practices = st.main(facilitator).get_by_test_id("stMetric").filter(has_text="Practices shown")
    expect(practices).to_contain_text("0")
    expect(st.main(facilitator).get_by_text("with fewer than 3 people are not shown").first).to_be_visible()
