"""A whole self-assessment in a real browser: answer, move about, save the file, and resume in a new session."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser import st

PRACTICE = "Dale View Surgery"


def answer_every_question(page, option_index: int) -> list[str]:
    """Choose the same point on the scale for every question on the page; returns the option texts chosen."""
    chosen = []
    for radio in st.radios(page).all():
        option = st.options(radio)[option_index]
        st.choose(radio, option)
        chosen.append(option)
    return chosen


def show_principle(page, number: int) -> None:
    """Show one design principle by picking it from the page's list of principles."""
    st.main(page).get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=re.compile(rf"^{number}\. ")).click()
    st.wait_idle(page)


def level_radio(page, label: str):
    return st.radios(page).filter(has_text=label)


def answer_principle(page, number: int, now: int, target: int) -> None:
    show_principle(page, number)
    for label, level in (("Where are you now?", now), ("Where do you want to be?", target)):
        level_radio(page, label).locator('[role="radiogroup"] label').nth(level).click()
        st.wait_idle(page)


@pytest.mark.browser
def test_a_whole_assessment_survives_moving_between_pages_and_resumes_from_its_saved_file(
        app_url, new_page, tmp_path):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name="Start: describe your practice").click()
    st.wait_idle(page)

    # Practice profile
    st.fill(page, "Practice name", PRACTICE)
    st.fill(page, "Registered patients (list size)", "6200")
    st.choose(st.radios(page).filter(has_text="Setting"), "Rural")

    # Readiness: the second point of the scale throughout
    st.go_to(page, "Readiness")
    readiness = answer_every_question(page, 1)
    assert readiness

    # Two design principles
    st.go_to(page, "Design principles")
    answer_principle(page, 1, now=1, target=3)
    answer_principle(page, 2, now=2, target=2)
    answer_principle(page, 8, now=0, target=4)

    # Collaboration components: the third point throughout, and "Not sure" for the first
    st.go_to(page, "Collaboration components")
    answer_every_question(page, 2)
    st.choose(st.radios(page).first, "Not sure")

    # Back and forth: everything is still there
    st.go_to(page, "Practice profile")
    expect(st.main(page).get_by_label("Practice name", exact=True)).to_have_value(PRACTICE)
    expect(st.main(page).get_by_label("Registered patients (list size)", exact=True)).to_have_value("6200")
    assert st.checked_option(st.radios(page).filter(has_text="Setting")) == "Rural"
    st.go_to(page, "Readiness")
    assert [st.checked_option(r) for r in st.radios(page).all()] == readiness
    st.go_to(page, "Collaboration components")
    assert st.checked_option(st.radios(page).first) == "Not sure"
    st.go_to(page, "Design principles")
    show_principle(page, 1)
    assert st.checked_option(level_radio(page, "Where do you want to be?")).startswith("3")
    show_principle(page, 8)
    assert st.checked_option(level_radio(page, "Where are you now?")).startswith("0")

    st.go_to(page, "Results")
    expect(st.main(page).get_by_test_id("stMetric").first).to_be_visible()
    results = st.metric_texts(page)
    assert len(results) == 4 and "No answers" not in " ".join(results)

    # Save the answers file
    with page.expect_download() as download_info:
        st.sidebar(page).get_by_role("button", name="Save answers (JSON)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["app"] == "groupup" and data["profile"]["practices"][0]["name"] == PRACTICE
    assert saved.name.startswith("groupup-dale-view-surgery-")

    # A new session starts empty, then resumes from the file
    fresh = new_page()
    fresh.goto(app_url)
    st.wait_idle(fresh)
    expect(st.sidebar(fresh)).to_contain_text("Readiness: not started")
    st.file_input(fresh).set_input_files(str(saved))
    st.wait_idle(fresh)
    expect(st.sidebar(fresh).get_by_test_id("stAlertContentSuccess")).to_contain_text(
        f"Loaded the answers for {PRACTICE}")
    st.go_to(fresh, "Results")
    expect(st.main(fresh).get_by_test_id("stMetric").first).to_be_visible()
    assert st.metric_texts(fresh) == results


@pytest.mark.browser
def test_a_file_from_another_program_is_refused_in_the_browser_and_answers_stay(app_url, new_page, tmp_path):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.go_to(page, "Practice profile")
    st.fill(page, "Practice name", PRACTICE)
    other = tmp_path / "budget.json"
    other.write_text('{"rows": [1, 2, 3]}')
    st.file_input(page).set_input_files(str(other))
    st.wait_idle(page)
    expect(st.sidebar(page).get_by_test_id("stAlertContentError")).to_contain_text("was not saved by GroupUp")
    expect(st.main(page).get_by_label("Practice name", exact=True)).to_have_value(PRACTICE)


@pytest.mark.browser
def test_reloading_the_tab_brings_the_answers_back_from_autosave(app_url, new_page):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.go_to(page, "Practice profile")
    st.fill(page, "Practice name", PRACTICE)
    st.go_to(page, "Readiness")
    chosen = answer_every_question(page, 2)
    expect(st.sidebar(page)).to_contain_text("Saved automatically")
    assert "resume=" in page.url

    page.reload()
    st.wait_idle(page)
    expect(st.main(page)).to_contain_text(f"Your answers for {PRACTICE} have been restored")
    expect(st.radios(page)).to_have_count(len(chosen))
    assert [st.checked_option(r) for r in st.radios(page).all()] == chosen
    st.go_to(page, "Practice profile")
    expect(st.main(page).get_by_label("Practice name", exact=True)).to_have_value(PRACTICE)
