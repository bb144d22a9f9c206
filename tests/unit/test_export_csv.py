"""The CSV of answers and scores, and the names given to downloaded files."""

import csv
import datetime as dt
import io

import pytest

from assessment.actions import add_action, make_action
from assessment.answers import Practice, Preferences
from assessment.content_models import Aim
from assessment.export import COLUMNS, answers_csv, file_stem
from tests.factories import CITE, make_answers, make_content

CONTENT = make_content(readiness=3, components=2).model_copy(update={"aims": [
    Aim(id="workforce", label="Recruit and keep staff", cite=CITE),
    Aim(id="share_costs", label="Share back-office costs", cite=CITE),
]})


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


def profiled():
    """Two practices with every profile field given, aims, preferences and a note on how they work together now."""
    answers = answered()
    answers.profile.practices = [
        Practice(name="Fellside Surgery", list_size=4300, gp_partners=2, gp_salaried=1, nurses=2, other_staff=9,
                 setting="rural", contracts=["gms"]),
        Practice(name="Beckside Practice", list_size=6100, gp_partners=3, gp_salaried=0, nurses=4, other_staff=11,
                 setting="suburban", contracts=["pms", "apms"]),
    ]
    answers.profile.aims = ["workforce", "share_costs"]
    answers.profile.preferences = Preferences(autonomy="very", profit="not_for_profit", need_capital=False,
                                              nhs_pension="somewhat", limited_liability="not_important")
    answers.profile.current_collaborations = "We share a nurse trainer with the valley practices."
    return answers


def profile_answers(rows) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["answer"], r["answer_label"]) for r in rows_where(rows, part="profile")}


@pytest.mark.parametrize(("row_id", "answer", "label"), [
    ("practice_1_setting", "rural", "Rural"), ("practice_2_setting", "suburban", "Suburban"),
    ("practice_1_contracts", "gms", "GMS"), ("practice_2_contracts", "pms;apms", "PMS, APMS"),
    ("practice_1_list_size", "4300", ""), ("practice_2_list_size", "6100", ""),
    ("practice_1_gp_partners", "2", ""), ("practice_2_gp_partners", "3", ""),
    ("practice_1_gp_salaried", "1", ""), ("practice_2_gp_salaried", "0", ""),
    ("practice_1_nurses", "2", ""), ("practice_2_nurses", "4", ""),
    ("practice_1_other_staff", "9", ""), ("practice_2_other_staff", "11", ""),
])
def test_each_practice_has_its_own_setting_contracts_and_staff_numbers(row_id, answer, label):
    assert profile_answers(read(answers_csv(profiled(), CONTENT)))[row_id] == (answer, label)


def test_the_aims_are_listed_by_id_and_in_words():
    answer, label = profile_answers(read(answers_csv(profiled(), CONTENT)))["aims"]
    assert (answer, label) == ("workforce;share_costs", "Recruit and keep staff; Share back-office costs")


@pytest.mark.parametrize(("field", "answer", "label"), [
    ("autonomy", "very", "Very important"), ("profit", "not_for_profit", "Not for profit"),
    ("need_capital", "false", "No"), ("nhs_pension", "somewhat", "Somewhat important"),
    ("limited_liability", "not_important", "Not important"),
])
def test_each_preference_is_listed_with_its_answer_in_words(field, answer, label):
    assert profile_answers(read(answers_csv(profiled(), CONTENT)))[f"preference_{field}"] == (answer, label)


def test_an_unanswered_preference_says_so():
    assert profile_answers(read(answers_csv(answered(), CONTENT)))["preference_autonomy"] == ("", "Not answered")


def test_how_the_practices_work_together_now_is_included():
    answer, _ = profile_answers(read(answers_csv(profiled(), CONTENT)))["current_collaborations"]
    assert answer == "We share a nurse trainer with the valley practices."


def test_a_practice_with_nothing_given_still_has_a_row_for_each_field():
    ids = set(profile_answers(read(answers_csv(make_answers(), CONTENT))))
    assert {"practice_1_setting", "practice_1_contracts", "practice_1_nurses", "aims", "preference_profit",
            "current_collaborations", "respondent_role"} <= ids


def test_the_practice_name_keeps_its_accents_quotes_and_pound_sign():
    (row,) = rows_where(read(answers_csv(answered(), CONTENT)), id="practice_1_name")
    assert row["answer"] == "St Mary's & Dr Ó'Brien — “Northside” £"


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])
def test_typed_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted(typed):
    answers = answered()
    add_action(answers, make_action(typed, owner=typed))
    (row,) = rows_where(read(answers_csv(answers, CONTENT)), part="action")
    assert row["item"] == "'" + typed and row["owner"] == "'" + typed


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])
def test_typed_profile_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted(typed):
    answers = profiled()
    answers.profile.current_collaborations = typed
    answers.profile.aims = [typed]  # an aim id the content does not know is the file's own text
    rows = profile_answers(read(answers_csv(answers, CONTENT)))
    assert rows["current_collaborations"][0] == "'" + typed
    assert rows["aims"] == ("'" + typed, "'" + typed)


def test_the_download_name_is_plain_ascii_from_the_practice_name():
    assert file_stem(answered(), dt.date(2026, 3, 1)) == "groupup-st-marys-dr-obrien-northside-2026-03-01"


def test_an_unnamed_practice_still_gets_a_download_name():
    assert file_stem(make_answers(), dt.date(2026, 3, 1)) == "groupup-unnamed-practice-2026-03-01"


@pytest.mark.parametrize(("role", "label"), [
    ("alongside", "Work alongside the practices for other contracts and services; the practices keep their own "
                  "contracts"),
    (None, "Not answered"),
])
def test_what_the_new_body_would_do_is_in_the_csv(role, label):
    answers = profiled()
    answers.profile.body_role = role
    assert profile_answers(read(answers_csv(answers, CONTENT)))["body_role"] == (role or "", label)
