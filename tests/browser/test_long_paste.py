"""A paste longer than a box holds, in a real browser: kept up to the limit and said, never dropped in silence.

Streamlit's own limit on a box (max_chars) makes the browser throw such a paste away without a word; a tester
pasted a 201-character practice name and nothing happened."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import st

NAME = "Fellside Surgery and the Valley Practices " * 6  # 252 characters


@pytest.mark.browser
def test_a_practice_name_pasted_longer_than_200_characters_is_cut_to_200_and_the_page_says_so(app_url, new_page):
    page = new_page()
    page.goto(f"{app_url}/profile")
    st.wait_idle(page)
    box = st.main(page).get_by_label("Practice name", exact=True)
    box.fill(NAME)  # all at once, as a paste arrives
    box.press("Enter")
    st.wait_idle(page)
    expect(st.main(page).get_by_text("A practice name can be at most 200 characters")).to_be_visible()
    expect(box).to_have_value(NAME[:200])
