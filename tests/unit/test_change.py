"""Change since last time: an assessment beside an earlier one of the same practice, in the core, CSV and PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.export import answers_csv
from assessment.findings import build_findings
from assessment.report import build_pdf

JUNE = dt.datetime(2026, 6, 2, 10, tzinfo=dt.UTC)
DECEMBER = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


def assessment(when: dt.datetime, levels: dict[int, tuple[int, int]], readiness: int) -> Answers:
    content = get_content()
    answers = Answers(principles={n: PrincipleAnswer(current=c, target=t) for n, (c, t) in levels.items()},
                      readiness={q.id: readiness for q in content.readiness.questions}, updated=when, created=when)
    answers.profile.practices[0].name = "Fellside Surgery"
    return answers


def earlier() -> Answers:
    return assessment(JUNE, {1: (1, 3), 2: (2, 2)}, readiness=1)


def now() -> Answers:
    return assessment(DECEMBER, {1: (2, 3), 2: (2, 4), 3: (0, 2)}, readiness=2)


def test_the_change_per_principle_gives_now_and_target_before_and_after():
    change = build_findings(now(), get_content(), earlier()).change
    by_number = {p.number: p for p in change.principles}
    assert (by_number[1].earlier_current, by_number[1].current, by_number[1].current_change) == (1, 2, 1)
    assert (by_number[2].earlier_target, by_number[2].target, by_number[2].target_change) == (2, 4, 2)
    assert (by_number[3].earlier_current, by_number[3].current_change) == (None, None)  # not answered then
    assert len(change.principles) == 12


def test_the_change_per_section_score_is_now_minus_then_and_both_dates_are_given():
    content = get_content()
    change = build_findings(now(), content, earlier()).change
    readiness = next(s for s in change.sections if s.id == "readiness")
    top = len(content.readiness.scale) - 1
    assert (readiness.earlier_score, readiness.score) == (round(100 / top, 1), round(200 / top, 1))
    assert readiness.change == round(readiness.score - readiness.earlier_score, 1)
    assert (change.earlier_date, change.this_date) == (JUNE.date(), DECEMBER.date())
    assert change.order_note == ""


def test_an_earlier_assessment_dated_after_this_one_is_questioned():
    change = build_findings(earlier(), get_content(), now()).change
    assert "dated after this one" in change.order_note


def test_without_an_earlier_assessment_there_is_no_change():
    assert build_findings(now(), get_content()).change is None


def test_dates_travel_in_the_answers_file_and_older_files_without_them_still_load():
    again = parse_answers(now().to_json())
    assert (again.created, again.updated) == (DECEMBER, DECEMBER)
    data = json.loads(now().to_json())
    del data["created"]
    assert parse_answers(json.dumps(data)).created is None


def test_the_csv_gives_the_change_per_principle_and_per_section_with_both_dates():
    rows = list(csv.DictReader(io.StringIO(answers_csv(now(), get_content(),
                                                       build_findings(now(), get_content(), earlier()))
                                           .decode("utf-8-sig"))))
    principle = next(r for r in rows if r["part"] == "change_principle" and r["id"] == "2")
    assert principle["answer"] == "2 → 2" and principle["target"] == "4"
    assert "target 2 → 4 (+2)" in principle["note"] and "2 June 2026" in principle["note"]
    assert "1 December 2026" in principle["note"]
    assert [r["id"] for r in rows if r["part"] == "change_section"][0] == "readiness"


def change_csv_rows() -> list[dict[str, str]]:
    data = answers_csv(now(), get_content(), build_findings(now(), get_content(), earlier()))
    return [r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))) if r["part"].startswith("change_")]


def test_the_csv_gives_each_change_its_own_named_columns_for_principles_and_sections_alike():
    rows = change_csv_rows()
    principle = {r["id"]: r for r in rows if r["part"] == "change_principle"}
    assert {k: principle["1"][k] for k in ("earlier_current", "current", "current_change")} == \
        {"earlier_current": "1", "current": "2", "current_change": "1"}
    assert {k: principle["2"][k] for k in ("earlier_target", "target", "target_change")} == \
        {"earlier_target": "2", "target": "4", "target_change": "2"}
    assert (principle["3"]["earlier_current"], principle["3"]["current_change"]) == ("", "")  # not answered then
    readiness = next(r for r in rows if r["part"] == "change_section" and r["id"] == "readiness")
    assert float(readiness["score_change"]) == round(float(readiness["score"]) - float(readiness["earlier_score"]), 1)
    assert float(readiness["score_change"]) > 0
    # No change sits under a header that says something else: the gap and priority columns stay empty.
    assert all(r["gap"] == "" and r["priority"] == "" for r in rows)


def test_a_fall_in_a_score_is_a_negative_number_in_the_csv_not_text_or_a_formula():
    data = answers_csv(earlier(), get_content(), build_findings(earlier(), get_content(), now()))
    (row,) = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig")), quoting=csv.QUOTE_NONNUMERIC)
              if r[:3] == ["change_section", "Change since last time", "readiness"]]
    assert any(isinstance(cell, float) and cell < 0 for cell in row)
    assert not any(isinstance(cell, str) and cell and cell[0] in "=+-@" for cell in row)


def test_the_pdf_shows_the_change_with_both_dates():
    content = get_content()
    pdf = build_pdf(now(), content, findings=build_findings(now(), content, earlier()),
                    sections=("scores", "change"))
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Change since last time" in text
    assert "(1 December 2026) beside the earlier one for Fellside Surgery (2 June 2026)" in text
    assert "1 → 2 +1" in text
