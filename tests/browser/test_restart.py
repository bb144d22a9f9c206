"""A server that has just started, or restarted under an open tab, serves every address as the whole app.

Streamlit 1.67 ran a bookmarked page on its own, without app.py, until app.py had run once in the process
(see ui/nav.py). These tests open each address on a server nobody has used yet, and kill a server under an
open tab, and check what a person would: the navigation, autosave and resume, and the answers in storage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from assessment.answers import NOT_SURE, Answers
from assessment.content import get_content
from assessment.storage import SQLITE_FILE, Storage
from tests.browser import st
from ui.autosave import RESUME_PARAM
from ui.nav import PAGES, spec_for

TITLES = [spec.title for spec in PAGES]
SECTIONS = list(dict.fromkeys(spec.section for spec in PAGES))
PRACTICE = "Beck House Surgery"


def saved_answers(server, code: str) -> Answers:
    """What the database under the server's data folder holds for a resume code, read without the app."""
    storage = Storage(f"sqlite:///{server.data_dir / SQLITE_FILE}")
    try:
        return storage.load_self_assessment(code, "browser-test")
    finally:
        storage.dispose()


def resume_code_in_address(page) -> str:
    """The resume code autosave has put in the address bar."""
    codes = parse_qs(urlsplit(page.url).query).get(RESUME_PARAM)
    assert codes, f"no ?{RESUME_PARAM}= in {page.url}"
    return codes[0]


def expect_whole_app(page, url_path: str | None = None) -> None:
    """The page runs inside app.py: its navigation has the proper titles, and a self-assessment page's sidebar has
    its progress and autosave (the workshop pages show neither: nobody there is filling in a self-assessment)."""
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    assert st.nav_titles(page) == TITLES
    assert st.nav_sections(page) == SECTIONS
    if url_path is not None and not spec_for(url_path).self_assessment:
        expect(st.sidebar(page).get_by_role("heading", name="Your progress")).to_have_count(0)
        expect(st.sidebar(page)).not_to_contain_text("resume code")
        return
    expect(st.sidebar(page).get_by_role("heading", name="Autosave")).to_be_visible()
    expect(st.sidebar(page).get_by_role("heading", name="Your progress")).to_be_visible()


def expect_chosen(radio, option: str) -> None:
    """Wait until a radio shows an option as chosen (a page reached by navigation draws a moment later)."""
    expect(radio.locator('[role="radiogroup"] label:has(input:checked)')).to_have_text(option)


def first_question(page, section: str):
    """The radio of a section's first question, found by its words: while a rerun redraws the page, the first
    radio on screen can for a moment be another question's."""
    return st.radios(page).filter(has_text=getattr(get_content(), section).questions[0].text)


def answer_first_question(page, section: str, option: str) -> None:
    radio = first_question(page, section)
    st.choose(radio, option)
    expect_chosen(radio, option)


def answer_first_principle(page, level: int) -> None:
    """Where the practice is now on the first design principle, the one the page shows first."""
    radio = st.radios(page).filter(has_text="Where are you now?")
    radio.locator('[role="radiogroup"] label').nth(level).click()
    st.wait_idle(page)


def answer_on(page, url_path: str) -> Callable[[Answers], bool] | None:
    """Answer something on the page opened first. Returns a check that stored answers hold exactly that answer,
    or None for a page that takes no answers (results, the libraries, export, and the workshop's own pages).
    """
    if url_path == "welcome":
        example = st.main(page).get_by_role("button", name=re.compile(r"^Try: ")).first
        name = example.inner_text().split("Try: ", 1)[1].strip()
        example.click()
        st.wait_idle(page)
        return lambda answers: answers.profile.display_name == name and len(answers.readiness) > 0
    if url_path == "profile":
        st.fill(page, "Practice name", PRACTICE)
        return lambda answers: answers.profile.practices[0].name == PRACTICE
    if url_path == "principles":
        answer_first_principle(page, 2)
        return lambda answers: {n: a.current for n, a in answers.principles.items()} == {1: 2}
    if url_path == "action-plan":
        box = st.main(page).get_by_label("Your own action", exact=True)
        box.fill("Book a meeting with the neighbouring practices")
        box.press("Enter")
        st.wait_idle(page)
        st.main(page).get_by_role("button", name="Add action").click()
        st.wait_idle(page)
        return lambda answers: [a.action for a in answers.actions] == ["Book a meeting with the neighbouring practices"]
    if url_path in ("readiness", "components"):
        section = getattr(get_content(), url_path)
        answer_first_question(page, url_path, section.scale[2].label)
        return lambda answers: getattr(answers, url_path) == {section.questions[0].id: section.scale[2].value}
    return None


@pytest.mark.browser
@pytest.mark.parametrize("url_path", [spec.url_path for spec in PAGES])
def test_each_page_address_opened_first_on_a_fresh_server_is_the_whole_app_and_saves_answers(
        fresh_server, new_page, url_path):
    page = new_page()
    default = next(spec for spec in PAGES if spec.default)
    page.goto(f"{fresh_server.url}/{'' if url_path == default.url_path else url_path}")  # the default page is /
    st.wait_idle(page)
    expect(st.main(page).get_by_role("heading", level=1).first).to_be_visible()
    expect_whole_app(page, url_path)
    if spec_for(url_path).self_assessment:
        expect(st.sidebar(page)).to_contain_text("Your answers will be saved automatically once you start")

    holds_the_answer = answer_on(page, url_path)
    if holds_the_answer is None:
        return

    expect(st.sidebar(page)).to_contain_text("Saved automatically")
    code = resume_code_in_address(page)
    expect(st.sidebar(page).get_by_test_id("stCode").first).to_contain_text(code)
    stored = saved_answers(fresh_server, code)
    assert holds_the_answer(stored), stored.model_dump(exclude_defaults=True)


def expect_disconnected(page) -> None:
    page.wait_for_selector(f'{st.APP}:not([data-test-connection-state="CONNECTED"])', timeout=30_000)


@pytest.mark.browser
def test_answering_goes_on_after_the_server_is_killed_and_restarted_under_an_open_tab(fresh_server, new_page):
    readiness = get_content().readiness
    components = get_content().components
    started, fully = readiness.scale[1], readiness.scale[3]
    page = new_page()
    page.goto(fresh_server.url)
    st.wait_idle(page)
    st.go_to(page, "Practice profile")
    st.fill(page, "Practice name", PRACTICE)
    st.go_to(page, "Readiness")
    answer_first_question(page, "readiness", started.label)
    code = resume_code_in_address(page)

    fresh_server.kill()
    expect_disconnected(page)
    fresh_server.start()  # the same port and data folder, as after a crash or a deploy

    # The open tab reconnects by itself to a server that has never run app.py, and is the whole app again,
    # with the answers given before the restart brought back from its resume link.
    st.wait_idle(page)
    expect_whole_app(page)
    expect(st.main(page).get_by_role("heading", level=1).first).to_have_text(readiness.title)
    expect_chosen(first_question(page, "readiness"), started.label)
    expect(st.sidebar(page).get_by_test_id("stCode").first).to_contain_text(code)

    # Answering goes on, on this page and on another reached through the navigation.
    st.choose(st.radios(page).nth(1), fully.label)
    expect_chosen(st.radios(page).nth(1), fully.label)
    st.go_to(page, "Collaboration components")
    answer_first_question(page, "components", "Not sure")
    st.go_to(page, "Practice profile")
    expect(st.main(page).get_by_label("Practice name", exact=True)).to_have_value(PRACTICE)
    assert resume_code_in_address(page) == code

    stored = saved_answers(fresh_server, code)
    assert stored.profile.practices[0].name == PRACTICE
    assert stored.readiness == {readiness.questions[0].id: started.value, readiness.questions[1].id: fully.value}
    assert stored.components == {components.questions[0].id: NOT_SURE}

    # A new tab on the restarted server carries on from the typed resume code.
    other = new_page()
    other.goto(fresh_server.url)
    st.wait_idle(other)
    expect_whole_app(other)
    resume = st.sidebar(other).get_by_test_id("stExpander").filter(has_text="Carry on from a resume code")
    resume.locator("summary").click()
    box = resume.get_by_label("Resume code", exact=True)
    expect(box).to_be_visible()
    box.fill(code)
    box.press("Enter")  # Enter carries on, as the "Carry on" button does
    st.wait_idle(other)
    expect(st.main(other)).to_contain_text(f"Welcome back. Your answers for {PRACTICE} have been restored.")
    st.go_to(other, "Readiness")
    expect_chosen(st.radios(other).nth(1), fully.label)
