"""The practice profile reaches the PDF as it reaches the CSV: every question with its answer, none left out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.answers import Answers, parse_answers
from assessment.content import get_content
from assessment.export import answers_csv
from assessment.findings import build_findings
from assessment.profile_facts import NOT_ANSWERED
from assessment.report import build_pdf

CONTENT = get_content()
EXAMPLES = Path(__file__).parents[2] / "examples"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["small_rural_gms", "urban_federation"])
def test_every_profile_answer_in_the_csv_is_printed_in_the_pdf(name):
    answers = parse_answers((EXAMPLES / f"{name}.json").read_text())
    facts = build_findings(answers, CONTENT).profile
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(build_pdf(answers, CONTENT))).pages))
    rows = [r for r in csv.DictReader(io.StringIO(answers_csv(answers, CONTENT).decode("utf-8-sig")))
            if r["part"] == "profile"]
    assert [r["id"] for r in rows] == [f.id for f in facts]
    assert "Your practice profile" in text
    collaborations = next(f for f in facts if f.id == "current_collaborations")
    assert collaborations.shown == answers.profile.current_collaborations != ""
    for fact in facts:
        assert words(fact.shown)[:60] in text, fact.item


def test_an_empty_profile_says_not_answered_rather_than_leaving_blanks():
    facts = build_findings(Answers(), CONTENT).profile
    shown = {f.id: f.shown for f in facts}
    assert shown["body_role"] == NOT_ANSWERED and shown["current_collaborations"] == NOT_ANSWERED
