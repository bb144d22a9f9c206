"""Evidence notes on every readiness question, design principle and component: kept in the file, CSV and PDF."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.export import answers_csv
from assessment.findings import build_findings
from assessment.report import SECTIONS, build_pdf


def noted() -> Answers:
    content = get_content()
    answers = Answers(principles={4: PrincipleAnswer(current=1, target=3, note="Named GP list since 2024")})
    answers.readiness[content.readiness.questions[1].id] = 2
    answers.note_question("readiness", content.readiness.questions[1].id, "Partners' away-day, March")
    answers.note_question("components", content.components.questions[0].id, "=HYPERLINK(\"http://x\") **bold**")
    return answers


def test_a_file_saved_before_notes_existed_still_loads_with_no_notes():
    data = json.loads(Answers(readiness={"time_for_the_future": 1}).to_json())
    del data["notes"]
    answers = parse_answers(json.dumps(data))
    assert answers.notes.readiness == {} and answers.notes.components == {}


def test_notes_on_questions_and_components_survive_the_answers_file():
    answers = noted()
    again = parse_answers(answers.to_json())
    assert again.notes == answers.notes
    assert again.notes.readiness == {get_content().readiness.questions[1].id: "Partners' away-day, March"}


def test_an_empty_note_is_removed_and_a_note_too_long_is_refused_leaving_the_old_one():
    answers = noted()
    qid = get_content().readiness.questions[1].id
    with pytest.raises(ValidationError):
        answers.note_question("readiness", qid, "x" * 2001)
    assert answers.notes.readiness[qid] == "Partners' away-day, March"
    answers.note_question("readiness", qid, "   ")
    assert qid not in answers.notes.readiness


def test_the_findings_list_every_note_in_the_order_the_pages_ask():
    content = get_content()
    notes = build_findings(noted(), content).notes
    assert [(n.section, n.item.split(".")[0]) for n in notes] == [
        (content.readiness.title, "2"), ("Design principles", "4"), (content.components.title, "1")]
    assert notes[1].item == f"4. {content.principles[3].title}" and notes[1].note == "Named GP list since 2024"


def test_each_question_row_of_the_csv_carries_its_note_guarded_against_formulas():
    content = get_content()
    rows = list(csv.DictReader(io.StringIO(answers_csv(noted(), content).decode("utf-8-sig"))))
    by_id = {(r["part"], r["id"]): r for r in rows}
    assert by_id[("question", content.readiness.questions[1].id)]["note"] == "Partners' away-day, March"
    assert by_id[("question", content.components.questions[0].id)]["note"].startswith("'=HYPERLINK")
    assert by_id[("question", content.readiness.questions[0].id)]["note"] == ""


def test_the_pdf_prints_each_note_under_its_item_exactly_as_typed():
    content = get_content()
    assert "notes" in SECTIONS  # a standard section, in every summary
    pdf = build_pdf(noted(), content, sections=("scores", "notes"))  # without charts, to keep the test quick
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    question = content.readiness.questions[1]
    assert "Your evidence and notes" in text
    assert f"2. {question.text} Partners' away-day, March" in text
    assert f"4. {content.principles[3].title} Named GP list since 2024" in text
    assert "=HYPERLINK(\"http://x\") **bold**" in text
