"""The tidy exports: an Excel workbook and a CSV per kind of record, each column of one type, text guarded."""

import csv
import datetime as dt
import io
import zipfile

from openpyxl import load_workbook

from assessment.actions import add_action, make_action
from assessment.tables import tables_zip, tidy_tables, workbook_bytes
from tests.factories import make_answers, make_content

CONTENT = make_content(readiness=3, components=2)
KINDS = ["profile", "answers", "principles", "scores", "gaps", "actions"]


def answered():
    answers = make_answers(readiness={"readiness_1": 3, "readiness_2": "not_sure"}, components={"components_1": 0},
                           principles={1: (1, 3), 2: "not_sure", 3: (3, 4)})
    answers.profile.practices[0].name = "=HYPERLINK(\"http://x\")"
    add_action(answers, make_action("=1+1 run the audit", principle=1, owner="@owner", due=dt.date(2027, 3, 1)))
    return answers


def test_the_workbook_has_one_sheet_per_kind_of_record_with_frozen_bold_headers():
    book = load_workbook(io.BytesIO(workbook_bytes(tidy_tables(answered(), CONTENT))))
    assert book.sheetnames == KINDS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])


def test_levels_are_whole_numbers_scores_numbers_and_dates_dates_in_the_workbook():
    book = load_workbook(io.BytesIO(workbook_bytes(tidy_tables(answered(), CONTENT))))
    answers = {row[1]: row for row in book["answers"].iter_rows(min_row=2, values_only=True)}
    assert answers["readiness_1"][3] == 3 and isinstance(answers["readiness_1"][3], int)
    assert answers["readiness_2"][3] is None and answers["readiness_2"][4] == 1  # not sure, and no level
    principles = {row[0]: row for row in book["principles"].iter_rows(min_row=2, values_only=True)}
    assert principles[1][3:6] == (1, 3, 2)
    scores = list(book["scores"].iter_rows(min_row=2, values_only=True))
    assert scores and all(isinstance(row[2], int | float) or row[2] is None for row in scores)  # 50.0 reads as 50
    action = next(book["actions"].iter_rows(min_row=2, values_only=True))
    assert action[5].date() == dt.date(2027, 3, 1)


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook_and_every_csv():
    tables = tidy_tables(answered(), CONTENT)
    book = load_workbook(io.BytesIO(workbook_bytes(tables)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.value for c in cells if c.data_type == "f"], "no cell may be a formula"
    assert "'=HYPERLINK(\"http://x\")" in [c.value for c in cells]
    with zipfile.ZipFile(io.BytesIO(tables_zip(tables))) as archive:
        text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "'=1+1 run the audit" in text and "'@owner" in text and "\"=" not in text


def test_each_csv_has_its_own_columns_and_levels_read_as_integers():
    with zipfile.ZipFile(io.BytesIO(tables_zip(tidy_tables(answered(), CONTENT)))) as archive:
        assert archive.namelist() == [f"{kind}.csv" for kind in KINDS]
        principles = list(csv.DictReader(io.StringIO(archive.read("principles.csv").decode("utf-8-sig"))))
        answers = list(csv.DictReader(io.StringIO(archive.read("answers.csv").decode("utf-8-sig"))))
    first = next(r for r in principles if r["principle"] == "1")
    assert (first["current"], first["target"], first["gap"]) == ("1", "3", "2")
    assert {r["level"] for r in answers} <= {"", "0", "1", "2", "3", "4"}
    assert "answered" not in " ".join(r["level"] for r in answers)
