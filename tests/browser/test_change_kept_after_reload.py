"""Change since last time in a real browser: its table reads as written, and the earlier assessment survives F5."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessment.answers import PrincipleAnswer, parse_answers
from tests.browser import st

ROOT = Path(__file__).resolve().parents[2]
SHOTS = os.environ.get("KEEP_SCREENSHOTS")  # set it to a folder to keep a picture of the change table per width
JUNE = dt.datetime(2026, 6, 2, 10, tzinfo=dt.UTC)

# Where the first letter of each cell of a table row is drawn, top edge in pixels: a cell whose text is a Markdown
# list (or any other block with its own margins) starts lower or higher than its neighbours.
_TEXT_TOPS = """(row) => [...row.children].map((cell) => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT,
    {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
  const text = walker.nextNode();
  if (!text) return null;
  const range = document.createRange();
  range.selectNodeContents(text);
  return range.getBoundingClientRect().top;
})"""


def earlier_file(tmp_path: Path) -> Path:
    """The example practice as it answered in June: one level lower on principles 10 and 12."""
    earlier = parse_answers((ROOT / "examples" / "small_rural_gms.json").read_bytes())
    for number in (10, 12):
        was = earlier.principles.get(number) or PrincipleAnswer(current=1, target=2)
        earlier.principles[number] = PrincipleAnswer(current=max(0, (was.current or 1) - 1), target=was.target)
    earlier.created = earlier.updated = JUNE
    path = tmp_path / "june.json"
    path.write_text(earlier.to_json())
    return path


def change_table(page):
    return st.main(page).get_by_test_id("stTable").filter(has_text="Target change")


def assert_principles_read_as_written(page, width: int) -> None:
    table = change_table(page)
    expect(table).to_be_visible()
    if SHOTS:
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(Path(SHOTS) / f"change_table_{width}.png"))
    for number, title in ((10, "One shared patient record"), (11, "Open information on quality"),
                          (12, "Professional management and leadership")):
        row = table.locator("tr").filter(has=page.locator("th", has_text=title))
        header = row.locator("th")
        assert header.inner_text().strip() == f"{number}. {title}"
        assert header.locator("ol, ul, li").count() == 0, f"principle {number} is drawn as a list item"
        tops = [t for t in row.evaluate(_TEXT_TOPS) if t is not None]
        assert max(tops) - min(tops) < 3, f"at {width} px principle {number}'s cells start at heights {tops}"


@pytest.mark.browser
def test_the_change_table_reads_as_written_and_the_earlier_assessment_survives_a_reload(app_url, new_page, tmp_path):
    page = new_page(width=1366)
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name=re.compile(r"^Try: ")).first.click()
    st.wait_idle(page)
    st.go_to(page, "Results")
    st.main(page).get_by_text("Set an earlier assessment beside this one").click()
    st.main(page).locator('input[type="file"]').set_input_files(str(earlier_file(tmp_path)))
    st.wait_idle(page)
    expect(st.main(page)).to_contain_text("(2 June 2026)")
    assert_principles_read_as_written(page, 1366)

    page.reload()
    st.wait_idle(page)
    expect(st.main(page)).to_contain_text("have been restored")
    expect(st.main(page)).to_contain_text("(2 June 2026)")
    assert_principles_read_as_written(page, 1366)

    phone = new_page(width=390, height=844)  # the same address on a phone: a new session from the resume code
    phone.goto(page.url)
    st.wait_idle(phone)
    expect(st.main(phone)).to_contain_text("(2 June 2026)")
    assert_principles_read_as_written(phone, 390)
    # The table scrolls sideways in its own frame; the page itself never does.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
