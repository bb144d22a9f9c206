"""The results chart says "Not sure" in the row of a principle answered "Not sure", as the PDF's figure does,
rather than leaving the row blank."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import a11y, st
from tests.browser.conftest import ARTIFACTS


@pytest.mark.browser
def test_the_principle_answered_not_sure_reads_not_sure_in_its_row_of_the_results_chart(app_url, new_page):
    page = new_page(width=1366, height=900)
    a11y.load_example(page, app_url)  # the small rural example: principle 9 is "Not sure"
    st.go_to(page, "Results")
    chart = st.main(page).get_by_test_id("stVegaLiteChart").filter(has_text="Where you are now")
    chart.scroll_into_view_if_needed()
    row = chart.locator("svg text", has_text="9. Quick access to common tests")
    said = chart.locator("svg text", has_text="Not sure")
    expect(said).to_have_count(1)
    # Written in row 9: below its name and above the next row's.
    nine, below = row.bounding_box(), said.bounding_box()
    ten = chart.locator("svg text", has_text="10. One shared patient record").bounding_box()
    assert nine["y"] < below["y"] < ten["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / "results-chart-not-sure.png"))
