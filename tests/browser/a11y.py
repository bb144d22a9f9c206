"""Accessibility checks run inside the page: axe-core (vendored, so no network at test time) and a few measures."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.browser import st

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WIDTHS = (1280, 390)
HEIGHT = 900

# Streamlit's own markup that fails a rule and that the app cannot change, each confined to where it happens so
# that the same rule failing anywhere else still fails the test. The README's accessibility statement lists them.
KNOWN_FRAMEWORK_ISSUES: dict[str, str] = {
    # The sidebar navigation puts each section's heading <div> straight inside the <ul>, and its <li> items in a
    # <div>, so the list and its items are not marked up as one list.
    "list": '[data-testid="stSidebarNav"]',
    "listitem": '[data-testid="stSidebarNav"]',
}

_RUN_AXE = """async (known) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
      if (known[v.id] && element && element.closest(known[v.id])) continue;
      out.push(`${v.id} (${v.impact}): ${node.html.slice(0, 160)} :: ${(node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)}`);
    }
  }
  return out;
}"""

_OPEN_EXPANDERS = """() => document.querySelectorAll('[data-testid="stMain"] details:not([open]) > summary')
    .forEach(summary => { if (summary.offsetParent) summary.click(); })"""


def set_width(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.wait_for_timeout(400)  # Streamlit and Vega lay out again after a resize


def open_expanders(page: Page) -> None:
    page.evaluate(_OPEN_EXPANDERS)
    page.wait_for_timeout(300)


def serious_violations(page: Page) -> list[str]:
    """Serious and critical axe violations on the page as it stands, less the known framework issues."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN_AXE, KNOWN_FRAMEWORK_ISSUES)


def load_example(page: Page, app_url: str) -> None:
    """Press the Welcome page's first "Try" button, as a person trying GroupUp would."""
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Try: ").first.click()
    st.wait_idle(page)
