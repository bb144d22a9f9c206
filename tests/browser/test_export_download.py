"""The Export page in a real browser: the PDF summary is built on click and downloads as a valid file."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.answers import parse_answers
from tests.browser import st

PRACTICE = "St Mary's & Dr Ó'Brien — \"Northside\" £"


@pytest.mark.browser
def test_the_pdf_downloaded_from_the_export_page_is_a_valid_summary_of_the_practice(app_url, new_page, tmp_path):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.go_to(page, "Practice profile")
    st.fill(page, "Practice name", PRACTICE)

    st.go_to(page, "Export")
    with page.expect_download(timeout=60_000) as info:
        st.main(page).get_by_role("button", name="Download the PDF summary").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.startswith("groupup-st-marys-dr-obrien-northside-")
    assert download.suggested_filename.endswith(".pdf")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 4
    assert PRACTICE in " ".join(reader.pages[0].extract_text().split())


@pytest.mark.browser
def test_the_answers_file_downloaded_from_the_export_page_holds_the_practice_name(app_url, new_page, tmp_path):
    page = new_page()
    page.goto(app_url)
    st.wait_idle(page)
    st.go_to(page, "Practice profile")
    st.fill(page, "Practice name", PRACTICE)

    st.go_to(page, "Export")
    with page.expect_download() as info:
        st.main(page).get_by_role("button", name="Download your answers (JSON)").click()
    path = tmp_path / "answers.json"
    info.value.save_as(path)
    assert parse_answers(path.read_bytes()).profile.practices[0].name == PRACTICE
