"""The CSV of answers and scores, and the names given to downloaded files."""

import csv
import datetime as dt
import io

import pytest

from assessment.actions import add_action, make_action
from assessment.export import COLUMNS, answers_csv, file_stem
from tests.factories import make_answers, make_content

CONTENT = make_content(readiness=3, components=2)


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark lets spreadsheet programs read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def answered():
    answers = make_answers(readiness={"readiness_1": 3, "readiness_2": "not_sure"},
                           components={"components_1": 0},
                           principles={1: (1, 3), 2: "not_sure", 3: (3, 4), 9: (2, 2)})
    answers.profile.practices[0].name = "St Mary's & Dr Ó'Brien — “Northside” £"
    return answers


def rows_where(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def test_the_csv_has_the_declared_columns():
    rows = read(answers_csv(answered(), CONTENT))
    assert tuple(rows[0]) == COLUMNS


def test_the_csv_has_a_row_for_every_question_and_every_principle():
    rows = read(answers_csv(make_answers(), CONTENT))
    assert len(rows_where(rows, part="question")) == 5
    assert [r["item"] for r in rows_where(rows, part="principle")] == [f"Principle {n}" for n in range(1, 13)]


@pytest.mark.parametrize(("question", "answer", "label"), [
    ("readiness_1", "3", "Point 3"), ("readiness_2", "not_sure", "Not sure"), ("readiness_3", "", "Not answered"),
    ("components_1", "0", "Point 0"),
])
def test_each_question_row_holds_the_answer_and_its_label(question, answer, label):
    (row,) = rows_where(read(answers_csv(answered(), CONTENT)), part="question", id=question)
    assert (row["answer"], row["answer_label"]) == (answer, label)


def test_a_principle_row_holds_current_target_gap_and_score():
    (row,) = rows_where(read(answers_csv(answered(), CONTENT)), part="principle", id="1")
    assert (row["current"], row["target"], row["gap"], row["score"], row["answer_label"]) == (
        "1", "3", "2", "25", "Level 1")


def test_each_section_score_is_listed_with_its_band():
    rows = rows_where(read(answers_csv(answered(), CONTENT)), part="section_score")
    readiness = rows_where(rows, id="readiness")[0]
    assert (readiness["score"], readiness["band"]) == ("100", "Strength")
    assert rows_where(rows, id="components")[0]["band"] == "Area of concern"
    assert len(rows) == 4


def test_gaps_are_listed_in_rank_order_with_their_priority():
    rows = rows_where(read(answers_csv(answered(), CONTENT)), part="gap")
    assert [(r["id"], r["answer"], r["priority"]) for r in rows] == [("1", "rank 1", "high"), ("3", "rank 2", "low")]


def test_actions_are_listed_with_owner_due_date_and_status():
    answers = answered()
    add_action(answers, make_action("Agree a shared rota", principle=1, owner="Priya Shah", due=dt.date(2026, 5, 1)))
    (row,) = rows_where(read(answers_csv(answers, CONTENT)), part="action")
    assert (row["item"], row["owner"], row["due"], row["status"], row["section"]) == (
        "Agree a shared rota", "Priya Shah", "2026-05-01", "Not started", "Principle 1")


def test_the_practice_name_keeps_its_accents_quotes_and_pound_sign():
    (row,) = rows_where(read(answers_csv(answered(), CONTENT)), id="practice_1_name")
    assert row["answer"] == "St Mary's & Dr Ó'Brien — “Northside” £"


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])
def test_typed_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted(typed):
    answers = answered()
    add_action(answers, make_action(typed, owner=typed))
    (row,) = rows_where(read(answers_csv(answers, CONTENT)), part="action")
    assert row["item"] == "'" + typed and row["owner"] == "'" + typed


def test_the_download_name_is_plain_ascii_from_the_practice_name():
    assert file_stem(answered(), dt.date(2026, 3, 1)) == "groupup-st-marys-dr-obrien-northside-2026-03-01"


def test_an_unnamed_practice_still_gets_a_download_name():
    assert file_stem(make_answers(), dt.date(2026, 3, 1)) == "groupup-unnamed-practice-2026-03-01"
