"""Keyboard and screen-reader users can tell where they are: visible focus, a title per tab, headings in order."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import a11y, st
from ui.nav import PAGES

# For each kind of control: where to find one, on which page. The outline may be drawn on the control itself or
# on the element that frames it (a radio's label, a text box's border).
CONTROLS = [
    ("Welcome", "a sidebar navigation link", '[data-testid="stSidebarNav"] a'),
    ("Welcome", "a button", '[data-testid="stMain"] button[kind="primary"]'),
    ("Welcome", "the save-answers download button", '[data-testid="stSidebar"] [data-testid="stDownloadButton"] button'),
    ("Welcome", "the file chooser's button", '[data-testid="stSidebar"] [data-testid="stFileUploaderDropzone"] button'),
    ("Practice profile", "a text box", '[data-testid="stMain"] input[type="text"]'),
    ("Readiness", "a radio option", '[data-testid="stMain"] [role="radiogroup"] input[type="radio"]'),
    ("Results", "a page link", '[data-testid="stMain"] [data-testid="stPageLink"] a'),
    ("Results", "an expander", '[data-testid="stMain"] details > summary'),
]

_FOCUS_RING = """(selector) => {
  const control = document.activeElement;
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (element) => {
    for (let e = element.parentElement; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour && !colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  let best = 0;
  // The control itself or one of the few elements that frame it (a radio's label, a text box's border).
  for (let e = control, up = 0; e && up < 4 && best < 3; e = e.parentElement, up++) {
    const style = getComputedStyle(e);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
      best = Math.max(best, contrast(style.outlineColor, background(e)));
    }
  }
  return {focused: control.matches(selector), contrast: best};
}"""


@pytest.mark.browser
def test_every_kind_of_control_shows_a_focus_outline_of_at_least_3_to_1_when_reached_by_keyboard(app_url, new_page):
    page = new_page()
    a11y.load_example(page, app_url)
    failures = []
    for title, what, selector in CONTROLS:
        st.go_to(page, title)
        control = page.locator(selector).first
        control.scroll_into_view_if_needed()
        control.focus()
        # Arrive by keyboard, as :focus-visible requires: step off the control and back onto it.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        ring = page.evaluate(_FOCUS_RING, selector)
        if not ring["focused"]:
            failures.append(f"{what} on {title}: Tab did not return to it")
        elif ring["contrast"] < 3:
            failures.append(f"{what} on {title}: focus outline contrast {ring['contrast']:.2f}:1")
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_each_page_names_itself_in_the_tab_title_and_its_headings_go_in_order(app_url, new_page):
    page = new_page()
    a11y.load_example(page, app_url)
    failures = []
    for spec in PAGES:
        st.go_to(page, spec.title)
        try:
            expect(page).to_have_title(f"{spec.title} – GroupUp", timeout=5_000)
        except AssertionError:
            failures.append(f"{spec.title}: the tab says {page.title()!r}")
        try:  # a page that reads the database may draw its title a moment after the run is reported done
            expect(st.main(page).locator("h1").first).to_be_visible(timeout=10_000)
        except AssertionError:
            pass
        levels = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3, '
            + '[data-testid="stMain"] h4, [data-testid="stMain"] h5, [data-testid="stMain"] h6')]
            .filter(h => h.offsetParent && h.innerText.trim()).map(h => [Number(h.tagName[1]), h.innerText.trim()])""")
        if not levels or levels[0][0] != 1 or sum(1 for level, _ in levels if level == 1) != 1:
            failures.append(f"{spec.title}: not one h1 first: {levels[:3]}")
        for (before, _), (level, text) in zip(levels, levels[1:], strict=False):
            if level > before + 1:
                failures.append(f"{spec.title}: h{before} is followed by h{level} ({text!r})")
    assert not failures, "\n".join(failures)


_FOCUSED_OFF_SCREEN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  return (box.right <= 0 || box.left >= window.innerWidth) ? (el.innerText || el.getAttribute('aria-label') || el.tagName) : null;
}"""


@pytest.mark.browser
def test_on_a_phone_the_keyboard_never_focuses_a_control_off_screen_in_the_closed_sidebar(app_url, new_page):
    page = new_page(width=390, height=844)
    page.goto(app_url)
    st.wait_idle(page)
    expect(st.main(page).get_by_role("heading", level=1).first).to_be_visible()
    # The page has finished drawing once GroupUp's stylesheet is in it (it is drawn with the page, on each run).
    page.wait_for_function("""() => [...document.querySelectorAll('style')]
        .some(s => s.textContent.includes("GroupUp's one stylesheet"))""")
    off_screen = []
    for _ in range(15):
        page.keyboard.press("Tab")
        where = page.evaluate(_FOCUSED_OFF_SCREEN)
        if where:
            off_screen.append(where.strip()[:40])
    assert not off_screen, f"Tab focused controls off screen: {off_screen}"
    # Opened, the sidebar's controls are reachable again (focus moved off the skip link, which shows over the
    # sidebar's button while it has focus).
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    # It slides in: measure once it has arrived.
    page.wait_for_function("""() => document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect().left >= 0""")
    page.get_by_test_id("stSidebar").get_by_role("link").first.focus()
    assert page.evaluate(_FOCUSED_OFF_SCREEN) is None
