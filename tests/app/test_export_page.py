"""The Export page: PDF, CSV and answers downloads, the PDF built only when its button is clicked."""

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from assessment.actions import add_action, make_action
from assessment.answers import Answers, Practice, PrincipleAnswer, parse_answers
from ui.state import widget_key

NAME = "St Mary's & Dr Ó'Brien — \"Northside\" £"


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """What each download button would hand the browser, by file extension: bytes, or the callable run on click.

    AppTest keeps no download data after a run, so we listen where Streamlit stores it.
    """
    seen: dict[str, object] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def spy_add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            seen[Path(file_name).suffix] = path_or_data
        return add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    def spy_add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[Path(file_name or "").suffix] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_add_deferred)
    return seen


def answers() -> Answers:
    a = Answers()
    a.profile.practices = [Practice(name=NAME)]
    a.principles[3] = PrincipleAnswer(current=1, target=3)
    add_action(a, make_action("Agree a shared rota", principle=3, owner="Priya Shah"))
    return a


@pytest.fixture
def open_export(app_test):
    def start(given: Answers) -> AppTest:
        at = app_test(given, "export")
        assert not at.exception
        return at

    return start


def download_button(at: AppTest, kind: str):
    return next(b for b in at.get("download_button") if b.key == widget_key("export", kind))


def test_the_page_offers_the_pdf_the_csv_and_the_answers_file(open_export, downloads):
    at = open_export(answers())
    labels = {kind: download_button(at, kind).label for kind in ("pdf", "csv", "json")}
    assert labels == {"pdf": "Download the PDF summary", "csv": "Download the CSV",
                      "json": "Download your answers (JSON)"}
    assert {".pdf", ".csv", ".json"} <= set(downloads)


def test_the_pdf_is_only_built_when_its_button_is_clicked(open_export, downloads):
    at = open_export(answers())
    pdf_button = download_button(at, "pdf")
    assert pdf_button.proto.deferred_file_id and not pdf_button.proto.url
    assert callable(downloads[".pdf"])


def test_the_pdf_from_the_button_is_valid_and_names_the_practice(open_export, downloads):
    open_export(answers())
    data = downloads[".pdf"]()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert NAME in text and "Agree a shared rota" in text


def test_the_csv_from_the_button_holds_answers_and_scores(open_export, downloads):
    open_export(answers())
    rows = list(csv.DictReader(io.StringIO(downloads[".csv"]().decode("utf-8-sig"))))
    principle_3 = next(r for r in rows if r["part"] == "principle" and r["id"] == "3")
    assert (principle_3["current"], principle_3["target"], principle_3["score"]) == ("1", "3", "25")
    assert any(r["part"] == "section_score" for r in rows)


def test_the_answers_file_from_the_button_loads_back_with_its_actions(open_export, downloads):
    given = answers()
    open_export(given)
    data = downloads[".json"]
    reloaded = parse_answers(data if isinstance(data, (bytes, str)) else data())
    assert reloaded.profile.practices[0].name == NAME
    assert [a.action for a in reloaded.actions] == ["Agree a shared rota"]


def test_an_empty_assessment_exports_a_valid_pdf(open_export, downloads):
    open_export(Answers())
    assert downloads[".pdf"]().startswith(b"%PDF-")


def test_the_excel_workbook_and_the_zip_of_tables_from_the_buttons_hold_the_plan(open_export, downloads):
    import zipfile

    from openpyxl import load_workbook

    at = open_export(answers())
    assert download_button(at, "xlsx").label == "Download the Excel workbook"
    book = load_workbook(io.BytesIO(downloads[".xlsx"]()))
    assert book.sheetnames == ["profile", "answers", "principles", "scores", "gaps", "actions"]
    action = next(book["actions"].iter_rows(min_row=2, values_only=True))
    assert action[1] == 3 and action[3] == "Agree a shared rota" and action[4] == "Priya Shah"
    with zipfile.ZipFile(io.BytesIO(downloads[".zip"]())) as archive:
        gaps = list(csv.DictReader(io.StringIO(archive.read("gaps.csv").decode("utf-8-sig"))))
    assert [(g["principle"], g["current"], g["target"]) for g in gaps] == [("3", "1", "3")]
