"""A screen reader reads each question, principle and option as written: no backslash in any accessible name,
and the number before each question still shown ("1. Do partners…", not a list marker swallowed)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from assessment.content import get_content
from assessment.storage import format_code
from tests.browser import a11y, st
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_workshop_flow import choose_in_selectbox, click


def _label_texts(area: Locator) -> list[str]:
    """Each radio question's visible label, with the no-break space after its number read as a space."""
    return [label.inner_text().replace("\u00a0", " ").strip()
            for label in area.get_by_test_id("stRadio").get_by_test_id("stWidgetLabel").all()]


def _names_with_a_backslash(area: Locator) -> list[str]:
    """Lines of the area's accessibility tree (every role and accessible name) holding a backslash."""
    return [line.strip() for line in area.aria_snapshot().splitlines() if "\\" in line]


def _numbered(section) -> list[str]:
    return [f"{n}. {q.text}" for n, q in enumerate(section.questions, start=1)]


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"labels-{name}.png"))


@pytest.mark.browser
def test_the_self_assessment_questions_and_principles_read_as_written_with_no_backslash(app_url, new_page):
    content = get_content()
    page = new_page(width=1366, height=900)
    a11y.load_example(page, app_url)
    failures = []
    for title, section in (("Readiness", content.readiness), ("Collaboration components", content.components)):
        st.go_to(page, title)
        failures += [f"{title}: {line}" for line in _names_with_a_backslash(st.main(page))]
        if _label_texts(st.main(page)) != _numbered(section):
            failures.append(f"{title}: labels read {_label_texts(st.main(page))[:2]}…")
        radio = st.main(page).get_by_role("radiogroup").first
        if radio.get_attribute("aria-label").replace("\u00a0", " ") != _numbered(section)[0]:
            failures.append(f"{title}: the first radiogroup is named {radio.get_attribute('aria-label')!r}")
        _shot(page, title.split()[0].lower())
    st.go_to(page, "Design principles")
    first = content.principles[0]
    heading = st.main(page).get_by_role("heading", level=2).first.inner_text().replace("\u00a0", " ")
    if heading.strip() != f"1. {first.title}":
        failures.append(f"Design principles: the heading reads {heading!r}")
    failures += [f"Design principles: {line}" for line in _names_with_a_backslash(st.main(page))]
    _shot(page, "principles")
    # Results names each score's help button after its label; expanders are named by their summary line.
    for title in ("Results", "Case-study library", "Action plan"):
        st.go_to(page, title)
        expect(st.main(page).get_by_test_id("stExpander").first).to_be_visible()
        failures += [f"{title}: {line}" for line in _names_with_a_backslash(st.main(page))]
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_the_join_pages_questions_and_principles_read_as_written_with_no_backslash(app_url, app_storage, new_page):
    content = get_content()
    workshop = app_storage.create_workshop("Labels read cleanly", ["Ashcombe Surgery"],
                                           ["readiness", "components", "principles"]).workshop
    page = new_page(width=1366, height=900)
    page.goto(f"{app_url}/join?code={format_code(workshop.join_code)}")
    st.wait_idle(page)
    choose_in_selectbox(page, "Your practice", "Ashcombe Surgery")
    choose_in_selectbox(page, "Your role", "GP partner")
    click(page, "Start answering")
    failures = []
    for tab_name, section in (("Readiness", content.readiness), ("Collaboration components", content.components),
                              ("Design principles", None)):
        st.main(page).get_by_role("tab", name=tab_name).click()
        st.wait_idle(page)
        panel = st.main(page).get_by_role("tabpanel").filter(visible=True)
        expect(panel.get_by_test_id("stRadio" if section else "stExpander").first).to_be_visible()
        if section is not None and _label_texts(panel) != _numbered(section):
            failures.append(f"{tab_name}: labels read {_label_texts(panel)[:2]}…")
        if section is None:
            expander = panel.get_by_test_id("stExpander").first
            summary = expander.locator("summary").inner_text().replace("\u00a0", " ")
            if f"1. {content.principles[0].title}" not in summary:
                failures.append(f"{tab_name}: the first principle reads {summary!r}")
            expander.locator("summary").click()
            page.wait_for_timeout(300)
        failures += [f"{tab_name}: {line}" for line in _names_with_a_backslash(panel)]
        _shot(page, f"join-{tab_name.split()[0].lower()}")
    assert not failures, "\n".join(failures)
