"""No words cut off at a 1366 px laptop or a 390 px phone: the facilitator dashboard's question tables (every
question whole, every column on screen or a sideways swipe away with the page saying so), the dot charts' legend,
and the Results page's section-score labels."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from assessment.answers import Answers, PrincipleAnswer, parse_answers
from tests.browser import a11y, st
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_workshop_trust_flow import PRACTICES, open_dashboard

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (1366, 390)
SHOTS = os.environ.get("KEEP_SCREENSHOTS")  # set it to keep a screenshot of each page at each width

# Words that are drawn inside a box narrower than themselves: a cell, a label, or a chart's legend past the edge of
# its picture. An element that scrolls sideways is a frame, not a cut, so it is left out here and checked apart.
_CUT_WORDS = """(selector) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const cut = [];
  for (const box of main.querySelectorAll(selector)) {
    for (const el of [box, ...box.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.overflowX !== 'visible') {
        cut.push(el.innerText.trim().slice(0, 80));
      }
    }
  }
  return cut;
}"""

# Each question table: whether it fits its frame, and if not, whether it scrolls there with words before it that
# say so, and whether each of its columns has its heading whole.
_TABLES = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return [...main.querySelectorAll('[data-testid="stTable"]')].map(table => {
    let frame = table.querySelector('table').parentElement;
    while (frame !== table && getComputedStyle(frame).overflowX === 'visible') frame = frame.parentElement;
    const scrolls = frame.scrollWidth > frame.clientWidth + 1;
    const style = getComputedStyle(frame);
    // The words just before the table, in its own container or the one that holds it.
    let container = table.closest('[data-testid="stElementContainer"]');
    while (container && !container.previousElementSibling) container = container.parentElement;
    const before = container && container.previousElementSibling;
    const headings = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
    return {
      headings: headings,
      firstCell: (table.querySelector('tbody th, tbody td') || {}).innerText || '',
      scrolls: scrolls,
      canScroll: style.overflowX === 'auto' || style.overflowX === 'scroll',
      told: !!before && /sideways/i.test(before.innerText),
      right: table.querySelector('table').getBoundingClientRect().right,
      frameRight: frame.getBoundingClientRect().right,
    };
  });
}"""

# Legend labels of each chart that lie outside the chart's own picture, where the browser cuts them off.
_LEGEND_OUTSIDE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const svg = chart.querySelector('svg');
    if (!svg) continue;
    const edge = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('.role-legend text')) {
      const r = text.getBoundingClientRect();
      if (text.textContent && (r.right > edge.right + 1 || r.left < edge.left - 1)) out.push(text.textContent);
      if (text.textContent.endsWith('…')) out.push(text.textContent);
    }
  }
  return out;
}"""


def _shot(page, name: str, selector: str) -> None:
    """With KEEP_SCREENSHOTS set, a picture of each element the check looks at, to see what it measured."""
    if SHOTS:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, element in enumerate(st.main(page).locator(selector).all()):
            if element.is_visible():
                element.scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"))


def _example(name: str) -> Answers:
    return parse_answers((ROOT / "examples" / name).read_text())


def _three_views() -> list[Answers]:
    """Three people's answers to every section; on some principles they are 2+ levels apart (the red dots)."""
    first, second = _example("urban_federation.json"), _example("small_rural_gms.json")
    third = first.model_copy(deep=True)
    for number in (1, 4, 7):
        third.principles[number] = PrincipleAnswer(current=4, target=4)
    return [first, second, third]


@pytest.mark.browser
def test_the_dashboard_shows_every_question_whole_every_column_and_the_whole_legend_on_a_laptop_and_a_phone(
        app_storage, app_url, new_page):
    created = app_storage.create_workshop("Away day, whole words", PRACTICES, ["principles", "readiness",
                                                                              "components"])
    for answers in _three_views():
        app_storage.add_participant(created.workshop.id, PRACTICES[0], "nurse", answers)
    page = new_page(width=1366, height=768)
    open_dashboard(page, app_url, created.facilitator_key)
    st.main(page).get_by_role("heading", name="Essential components of a successful collaboration").wait_for()
    failures = []
    for width in WIDTHS:
        a11y.set_width(page, width)
        page.wait_for_timeout(600)
        page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]')]
            .filter(c => c.offsetParent).every(c => c.querySelector('svg') && c.querySelector('svg').getBoundingClientRect().width > 0)""")
        try:  # the live dashboard redraws every few seconds: wait for its question tables rather than race them
            page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"]')]
                .filter(t => [...t.querySelectorAll('th')].some(th => th.innerText.trim() === 'Median')).length >= 2""",
                                   timeout=30_000)
        except PlaywrightTimeout:
            pass  # counted and reported below
        _shot(page, f"dashboard-{width}", '[data-testid="stTable"], [data-testid="stVegaLiteChart"]')
        where = f"dashboard at {width} px"
        tables = [t for t in page.evaluate(_TABLES) if "Median" in t["headings"]]
        if len(tables) != 2:
            failures.append(f"{where}: {len(tables)} question tables drawn in words, not 2: "
                            f"{[t['headings'] for t in tables]}")
        for table in tables:
            if table["headings"][-1] != "Median":
                failures.append(f"{where}: a question table's last column is {table['headings'][-1]!r}, not Median")
            if table["right"] > table["frameRight"] + 1 and not table["canScroll"]:
                failures.append(f"{where}: the table of {table['firstCell'][:40]!r}… runs past its frame")
            if table["scrolls"] and (width >= 1366 or not table["told"]):
                failures.append(f"{where}: the table of {table['firstCell'][:40]!r}… is wider than the page"
                                + ("" if table["told"] else ", and the words before it do not say to swipe it"))
        cut = page.evaluate(_CUT_WORDS, '[data-testid="stTable"] th, [data-testid="stTable"] td')
        if cut:
            failures.append(f"{where}: table cells cut short: {cut[:3]}")
        legend = page.evaluate(_LEGEND_OUTSIDE)
        if legend:
            failures.append(f"{where}: chart legend labels cut off: {legend[:3]}")
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_the_results_page_shows_each_section_scores_label_whole_on_a_laptop_and_a_phone(app_url, new_page):
    page = new_page(width=1366, height=768)
    a11y.load_example(page, app_url)
    st.go_to(page, "Results")
    failures = []
    for width in WIDTHS:
        a11y.set_width(page, width)
        _shot(page, f"results-{width}", '[data-testid="stHorizontalBlock"]:has([data-testid="stMetric"])')
        labels = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricLabel"]')]
            .map(l => l.innerText.trim())""")
        if "Essential components of a successful collaboration" not in labels:
            failures.append(f"Results at {width} px: no section score is labelled with its full title: {labels}")
        cut = page.evaluate(_CUT_WORDS, '[data-testid="stMetricLabel"]')
        if cut:
            failures.append(f"Results at {width} px: section score labels cut short: {cut}")
    assert not failures, "\n".join(failures)
