"""The workshop PDF: the room's levels and spreads, agreed levels with the views they were agreed from, and
how the room answered the readiness and components questions."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.workshop import Consensus, Participant, Workshop, aggregate_participants, room_cover, workshop_pdf
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


def test_the_workshop_pdf_carries_agreed_targets_their_ranges_ranked_gaps_and_the_plan():
    from assessment.workshop import plan_item

    workshop = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=["Ash Surgery"],
                        sections=["principles"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, "Ash Surgery", "nurse", i, 1) for i in range(3)]
    agreed = {2: Consensus(principle=2, level=1, low=0, high=3, target=4, target_low=3, target_high=4),
              5: Consensus(principle=5, level=2, low=1, high=3, target=3, target_low=2, target_high=4)}
    plan = [plan_item("Draft a shared nurse rota", principle=2, owner="Asha Patel", due=dt.date(2026, 6, 30))]
    data = workshop_pdf(workshop, aggregate_participants(people, workshop.practices), agreed, CONTENT,
                        participants=people, plan=plan)
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "4 (views then 3 to 4)" in text  # the agreed target with the range of targets it came from
    assert "The group's gaps, from its agreed levels" in text and "No gaps yet" not in text
    title_2 = CONTENT.principles[1].title
    assert f"1 2. {' '.join(title_2.split()[:2])}" in text  # ranked first: the larger gap
    assert "Draft a shared nurse rota" in text and "Asha Patel" in text and "30 Jun 2026" in text


def test_an_agreed_note_as_long_as_allowed_is_printed_whole_over_as_many_pages_as_it_needs():
    # fpdf2's own table refused a row taller than a page, so such a note stopped the whole PDF being made.
    workshop = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=["Ash Surgery"],
                        sections=["principles"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, "Ash Surgery", "nurse", i, 1) for i in range(3)]
    note = " ".join(f"reason{n}" for n in range(400))[:2000].rsplit(" ", 1)[0]
    agreed = {1: Consensus(principle=1, level=1, target=3, note=note)}
    data = workshop_pdf(workshop, aggregate_participants(people, workshop.practices), agreed, CONTENT,
                        participants=people)
    words = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()).split()
    assert [w for w in words if w.startswith("reason")] == note.split()


def the_tester_s_room() -> bytes:
    """Seven people in three practices, only Gamma (three GP partners) large enough to show."""
    workshop = Workshop(id=1, name="North Dales away-day", join_code="ABCDE23456",
                        practices=["Alpha Practice", "Beta Practice", "Gamma Practice"], sections=["principles"],
                        created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, practice, role, i, 1) for i, (practice, role) in enumerate([
        ("Alpha Practice", "nurse"), ("Alpha Practice", "practice_manager"), ("Beta Practice", "nurse"),
        ("Beta Practice", "practice_manager"), *[("Gamma Practice", "gp_partner")] * 3], start=1)]
    return workshop_pdf(workshop, aggregate_participants(people, workshop.practices), {}, CONTENT,
                        participants=people)


def pages_as_text(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "workshop.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_the_whole_room_pdf_names_the_workshop_and_the_room_on_its_cover_and_every_page_never_a_role(tmp_path):
    pages = pages_as_text(the_tester_s_room(), tmp_path)
    cover = pages[0]
    assert "Workshop: North Dales away-day 7 people answering; 3 practices invited" in cover
    assert "People answering 7" in cover
    assert "Practices shown Gamma Practice (1 of 3; the other 2 had fewer than 3 people answering)" in cover
    assert "views of the 7 people who answered in the workshop" in cover and "GP partner" not in cover
    text = " ".join(pages)
    assert "Respondent role" not in text
    assert "a practice's own view" not in text
    assert "1 practice had 3 or more people answering" in text and "1 practices" not in text
    for page in pages[1:]:
        assert page.startswith("Workshop: North Dales away-day — 7 people answering; 3 practices invited ")


@pytest.mark.parametrize(("invited", "shown", "expected"), [
    (["Ash", "Beech"], ["Ash", "Beech"], "Ash, Beech (2 of 2)"),
    (["Ash", "Beech", "Cedar"], ["Ash", "Beech"], "Ash, Beech (2 of 3; the other had fewer than 3 people answering)"),
    (["Ash", "Beech", "Cedar"], ["Ash"], "Ash (1 of 3; the other 2 had fewer than 3 people answering)"),
    (["Ash", "Beech"], [], "None of 2: each had fewer than 3 people answering"),
    (["Ash"], [], "None of 1: it had fewer than 3 people answering"),
])
def test_the_cover_says_how_many_practices_were_left_out_in_the_right_number(invited, shown, expected):
    workshop = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=invited, sections=["principles"],
                        created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, practice, "nurse", 2, 1) for i, practice in enumerate(
        [p for p in invited for _ in range(3 if p in shown else 1)], start=1)]
    cover = room_cover(workshop, aggregate_participants(people, invited))
    assert dict(cover.details)["Practices shown"] == expected
