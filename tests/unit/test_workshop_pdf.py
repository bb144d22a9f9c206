"""The workshop PDF: the room's levels and spreads, agreed levels with the views they were agreed from, and
how the room answered the readiness and components questions."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.workshop import Consensus, Participant, Workshop, aggregate_participants, workshop_pdf
from assessment.workshop_charts import pdf_charts

CONTENT = get_content()
NAME = "North away-day — St Mary's & Dr Ó'Brien {nb}"


def person(number: int, practice: str, role: str, level: int, readiness: int | str) -> Participant:
    answers = Answers(readiness={q.id: readiness for q in CONTENT.readiness.questions})
    for n in range(1, 13):
        answers.principles[n] = PrincipleAnswer(current=(level + n) % 5, target=4)
    return Participant(id=number, workshop_id=1, practice=practice, role=role, answers=answers,
                       updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


def build(sections: list[str]) -> tuple[bytes, str]:
    workshop = Workshop(id=1, name=NAME, join_code="ABCDE23456", practices=["Ash Surgery", "Beech Practice"],
                        sections=sections, created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(1, "Ash Surgery", "nurse", 0, 1), person(2, "Ash Surgery", "gp_partner", 3, 3),
              person(3, "Beech Practice", "practice_manager", 1, "not_sure")]
    agg = aggregate_participants(people, workshop.practices)
    agreed = {1: Consensus(principle=1, level=2, note="Agreed after a long talk", low=1, high=4)}
    data = workshop_pdf(workshop, agg, agreed, CONTENT, participants=people, charts=pdf_charts(workshop, agg, CONTENT))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data, " ".join(text.split())


def test_the_workshop_pdf_shows_the_agreed_level_with_the_views_it_was_agreed_from():
    _, text = build(["readiness", "principles"])
    assert "2 (views then 1 to 4)" in text
    assert "Agreed after a long talk" in text


def test_the_workshop_pdf_shows_how_the_room_answered_the_readiness_questions():
    _, text = build(["readiness", "principles"])
    assert "How the room answered: " + CONTENT.readiness.title in text
    assert " ".join(CONTENT.readiness.questions[0].text.split()[:4]) in text
    assert "How the room answered: " + CONTENT.components.title not in text  # not part of this workshop


def test_the_workshop_pdf_carries_the_room_charts_and_the_workshop_name_as_written():
    _, text = build(["principles"])
    assert "Where people place each principle" in text and "Median level by practice" in text
    assert "St Mary's & Dr Ó'Brien {nb}" in text


def test_the_workshop_pdf_is_a_valid_pdf(tmp_path):
    data, _ = build(["readiness", "principles", "components"])
    path = tmp_path / "workshop.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True)  # qpdf: from make setup-test
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
