"""Every page passes axe-core with no serious or critical violation the app causes, on a laptop and on a phone."""

from __future__ import annotations

import pytest

from tests.browser import a11y, st
from ui.nav import PAGES


def _check_every_page(page) -> list[str]:
    failures = []
    for spec in PAGES:
        a11y.set_width(page, a11y.WIDTHS[0])  # the sidebar's links are on screen at laptop width
        st.go_to(page, spec.title)
        for width in a11y.WIDTHS:
            a11y.set_width(page, width)
            a11y.open_expanders(page)
            failures += [f"{spec.title} at {width} px: {v}" for v in a11y.serious_violations(page)]
    return failures


@pytest.mark.browser
def test_a_fresh_session_has_no_serious_accessibility_failures_on_any_page(app_url, new_page):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    failures = _check_every_page(page)
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_an_example_practice_has_no_serious_accessibility_failures_on_any_page(app_url, new_page):
    page = new_page()
    a11y.load_example(page, app_url)
    failures = _check_every_page(page)
    assert not failures, "\n".join(failures)
