"""Charts are readable on a 390 px phone and a 1366 px laptop: wide enough, labels and titles whole, no sideways page
scroll; a chart wider than a phone scrolls in its own frame, and the page says so."""

from __future__ import annotations

import pytest

from tests.browser import a11y, st

CHART_PAGES = ("Results", "Compare with case studies")
WIDTHS = (390, 1366)
MIN_CHART_WIDTH = 250

_MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const charts = [...main.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(chart => {
    const svg = chart.querySelector('svg');
    const frame = chart.closest('[data-testid="stElementContainer"]');
    const texts = svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : [];
    // Tick labels of one axis that print over each other, as "10M" over "1M" on a collapsed log axis.
    const overlaps = [];
    for (const axis of svg ? svg.querySelectorAll('.role-axis-label') : []) {
      // Slanted labels (the heatmap's columns) have overlapping upright boxes without touching: leave them out.
      const boxes = [...axis.querySelectorAll('text')].filter(t => !(t.getAttribute('transform') || '').includes('rotate'))
        .map(t => [t.textContent, t.getBoundingClientRect()]);
      boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
        if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) overlaps.push(`${a} over ${b}`);
      }));
    }
    // A title line is read whole only if it lies inside the chart's frame as the page opens (frame not scrolled):
    // Vega-Lite never wraps a title, so a long one runs out of a frame narrower than the chart and is cut there.
    const box = frame.getBoundingClientRect();
    const titles = svg ? [...svg.querySelectorAll('.role-title text')].filter(t => t.textContent) : [];
    const cutTitles = titles.filter(t => {
      const r = t.getBoundingClientRect();
      return r.right > box.right + 1 || r.left < box.left - 1;
    }).map(t => t.textContent);
    // A frame narrower than its chart must scroll to the chart's far edge, and the words before it must say so.
    const scrolls = frame.scrollWidth > frame.clientWidth + 1;
    let reachesEnd = true, toldItScrolls = true;
    if (scrolls) {
      frame.scrollLeft = frame.scrollWidth;
      reachesEnd = frame.scrollLeft > 0 && svg.getBoundingClientRect().right <= frame.getBoundingClientRect().right + 1;
      frame.scrollLeft = 0;
      const before = frame.previousElementSibling;
      toldItScrolls = !!before && /sideways/i.test(before.innerText);
    }
    return {
      name: chart.getAttribute('aria-label') || 'a chart',
      cutTitles: cutTitles, titleLines: titles.length, reachesEnd: reachesEnd, toldItScrolls: toldItScrolls,
      width: svg ? svg.getBoundingClientRect().width : 0,
      frameRight: frame.getBoundingClientRect().right,
      cut: texts.filter(t => t.endsWith('…')),
      overlaps: overlaps,
    };
  });
  return {pageWidth: Math.max(document.documentElement.scrollWidth, document.scrollingElement.scrollWidth), mainWidth: main.scrollWidth,
          mainVisible: main.clientWidth, innerWidth: innerWidth, charts: charts};
}"""


@pytest.mark.browser
def test_every_chart_is_wide_enough_with_whole_labels_and_the_page_never_scrolls_sideways(app_url, new_page):
    page = new_page()
    a11y.load_example(page, app_url)
    failures = []
    for title in CHART_PAGES:
        a11y.set_width(page, 1280)
        st.go_to(page, title)
        for width in WIDTHS:
            a11y.set_width(page, width)
            page.wait_for_timeout(600)
            # Streamlit draws each chart again after a resize: wait until every one has its picture back.
            page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]')]
                .every(c => c.querySelector('svg') && c.querySelector('svg').getBoundingClientRect().width > 0)""")
            seen = page.evaluate(_MEASURE)
            where = f"{title} at {width} px"
            if not seen["charts"]:
                failures.append(f"{where}: no chart drawn")
            if seen["pageWidth"] > seen["innerWidth"] or seen["mainWidth"] > seen["mainVisible"]:
                failures.append(f"{where}: the page scrolls sideways ({seen['pageWidth']} / {seen['mainWidth']} px "
                                f"of {seen['innerWidth']})")
            for chart in seen["charts"]:
                if chart["width"] < MIN_CHART_WIDTH:
                    failures.append(f"{where}: {chart['name']!r} is {chart['width']:.0f} px wide")
                if chart["frameRight"] > seen["innerWidth"] + 1:
                    failures.append(f"{where}: {chart['name']!r} runs off the screen instead of scrolling in its frame")
                if chart["overlaps"]:
                    failures.append(f"{where}: {chart['name']!r} prints labels over each other: {chart['overlaps'][:3]}")
                if chart["cutTitles"]:
                    failures.append(f"{where}: {chart['name']!r} cuts its title at the frame's edge: "
                                    f"{chart['cutTitles'][:2]}")
                if not chart["reachesEnd"]:
                    failures.append(f"{where}: {chart['name']!r} cannot be scrolled to its far edge in its frame")
                if not chart["toldItScrolls"]:
                    failures.append(f"{where}: {chart['name']!r} scrolls sideways but the words before it do not say so")
                if chart["cut"]:
                    failures.append(f"{where}: {chart['name']!r} cuts labels short: {chart['cut'][:3]}")
    assert not failures, "\n".join(failures)
