"""GroupUp sends nothing anywhere: every request every page makes in a real browser stays on this machine.

A ":material/...:" page icon, for one, made the browser fetch the tab's icon from Google's font server.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import st
from ui.nav import APP_ICON, PAGES

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def leaves_the_machine(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname not in LOCAL_HOSTS


@pytest.mark.parametrize("url, outside", [
    ("http://127.0.0.1:8501/static/js/index.js", False),
    ("ws://localhost:8501/_stcore/stream", False),
    ("data:image/png;base64,AAAA", False),
    ("blob:http://127.0.0.1:8501/1c9e", False),
    ("https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/home/default/24px.svg", True),
    ("http://127.0.0.1.example.com/", True),
    ("https://webhooks.fivetran.com/webhooks/ingest", True),
])
def test_only_loopback_and_in_page_addresses_count_as_staying_on_the_machine(url, outside):
    assert leaves_the_machine(url) is outside


def visit_every_page(page) -> None:
    for spec in PAGES:
        st.go_to(page, spec.title)
        expect(st.main(page).get_by_role("heading", level=1).first).to_be_visible()
        # Charts, images and icons further down load as they scroll into view.
        page.mouse.wheel(0, 20_000)
        page.wait_for_timeout(300)
        st.wait_idle(page)


@pytest.mark.browser
def test_no_page_makes_a_request_that_leaves_the_machine_with_an_example_loaded(app_url, new_page):
    page = new_page()
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))

    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name=re.compile(r"^Try: ")).first.click()
    st.wait_idle(page)
    expect(st.sidebar(page)).to_contain_text("Readiness: done")
    visit_every_page(page)
    # A workshop's dashboard, with its refreshing charts, on the facilitator's page.
    st.go_to(page, "Facilitate a workshop")
    st.fill(page, "Workshop name", "Network check")
    practices = st.main(page).get_by_label("Practices taking part (one per line)")
    practices.fill("Ash Surgery\nBeech Practice")
    practices.press("Control+Enter")
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Create workshop").click()
    st.wait_idle(page)
    expect(st.main(page).get_by_test_id("stMetric").first).to_be_visible()
    page.wait_for_timeout(1_000)

    outside = sorted({url for url in requested if leaves_the_machine(url)})
    assert outside == [], f"requests that left the machine: {outside}"
    # The navigation's icons are drawn from the icon font Streamlit serves itself.
    assert any("/static/media/MaterialSymbols" in url and not leaves_the_machine(url) for url in requested)


@pytest.mark.browser
def test_the_tab_icon_is_groupups_own_image_carried_in_the_page_itself(app_url, new_page):
    page = new_page()
    page.goto(f"{app_url}/readiness")
    st.wait_idle(page)
    # Streamlit swaps its own icon for the page icon once the script has set it: GroupUp's, as a data: address,
    # so the browser needs no request at all to draw it (a file path was registered as a new media file each run).
    expect(page.locator('link[rel~="icon"][href^="data:image/png;base64,"]').first).to_be_attached()
    hrefs = page.eval_on_selector_all('link[rel~="icon"]', "links => links.map(link => link.href)")
    assert not [href for href in hrefs if leaves_the_machine(href)], hrefs
    ours = next(href for href in hrefs if href.startswith("data:image/png;base64,"))
    assert base64.b64decode(ours.split(",", 1)[1]) == APP_ICON.read_bytes()
