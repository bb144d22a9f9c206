"""Streamlit's internal page markers, kept in one place: they are not a public API and may change."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


def wait_idle(page: Page, settle_ms: int = 150) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector(APP)
    page.wait_for_selector(CONNECTED, timeout=30_000)
    # A click reaches the server a moment after it happens, so let a rerun begin before waiting for its end.
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(IDLE, timeout=30_000)


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def go_to(page: Page, title: str) -> None:
    """Move to a page by its link in the sidebar navigation, as a person would."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    wait_idle(page)


def radios(page: Page) -> Locator:
    """Every radio question in the main area."""
    return main(page).get_by_test_id("stRadio")


def options(radio: Locator) -> list[str]:
    """The visible text of each of a radio's options (not its question label)."""
    return [label.inner_text().strip() for label in radio.locator('[role="radiogroup"] label').all()]


def choose(radio: Locator, option: str) -> None:
    """Pick a radio option by its visible text."""
    radio.get_by_text(option, exact=True).click()
    wait_idle(radio.page)


def checked_option(radio: Locator) -> str | None:
    """The visible text of the chosen option, or None."""
    checked = radio.locator('[role="radiogroup"] label:has(input:checked)')
    return checked.inner_text().strip() if checked.count() else None


def fill(page: Page, label: str, value: str) -> None:
    """Type into a text or number box, then press Enter so Streamlit receives it."""
    box = main(page).get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_idle(page)


def metric_texts(page: Page) -> list[str]:
    """Each st.metric as 'label value', in page order."""
    return [" ".join(m.inner_text().split()) for m in main(page).get_by_test_id("stMetric").all()]


def file_input(page: Page) -> Locator:
    return sidebar(page).locator('input[type="file"]')


def nav_titles(page: Page) -> list[str]:
    """The page titles listed in the sidebar's navigation, in order."""
    links = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
    # The title is the link's Markdown; its icon is a ligature word beside it ("home") and not part of the title.
    return [link.get_by_test_id("stMarkdownContainer").inner_text().strip() for link in links.all()]


def nav_sections(page: Page) -> list[str]:
    """The section headings of the sidebar's navigation, in order."""
    headers = page.get_by_test_id("stSidebarNav").get_by_test_id("stNavSectionHeader")
    return [header.get_by_test_id("stMarkdownContainer").inner_text().strip() for header in headers.all()]
