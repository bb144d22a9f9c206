"""No CSV GroupUp writes lets a spreadsheet run typed text as a formula, whatever the text (OWASP CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Action, Answers, Practice, PrincipleAnswer
from assessment.csvfile import FORMULA_START, spreadsheet_cell
from assessment.export import answers_csv
from assessment.workshop import Consensus, Participant, Workshop, workshop_csv
from tests.factories import make_content

CONTENT = make_content()
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# Any text, and text that starts like a formula (the case that matters), with the separators a CSV must quote.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.builds(lambda start, rest: start + rest, st.sampled_from([*FORMULA_START, "=HYPERLINK(", "+1+", "\r\n="]),
              st.text(st.characters(exclude_categories=("Cs",)), max_size=30)),
    st.sampled_from(['"', ",", ";", "\n", '=1,"2"\n=3', "-1", "-2.5", "@", "'=x"]),
)
SOME_TEXT = TEXT.filter(lambda t: 1 <= len(t.strip()) and len(t) <= 40)
FAST = settings(max_examples=60, deadline=None)


def cells(data: bytes) -> list[list[str | float]]:
    """Reading with QUOTE_NONNUMERIC turns every unquoted cell into a number, and fails on unquoted text."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), quoting=csv.QUOTE_NONNUMERIC))


def assert_no_cell_runs_as_a_formula(data: bytes) -> None:
    for row in cells(data):
        for cell in row:
            if isinstance(cell, str):
                assert not cell.startswith(FORMULA_START), repr(cell)


def written(text: str) -> str:
    text = text.replace("\r\n", "\n")
    return "'" + text if text.startswith(FORMULA_START) else text


@given(TEXT)
def test_the_guard_quotes_exactly_the_text_that_starts_like_a_formula(text):
    cell = spreadsheet_cell(text)
    assert not cell.startswith(FORMULA_START)
    assert cell == written(text)


@given(st.integers(-5, 5) | st.floats(-100, 100, allow_nan=False))
def test_the_guard_leaves_real_numbers_as_numbers(number):
    assert spreadsheet_cell(number) == number


@FAST
@given(name=TEXT.map(lambda t: t[:200]), together=TEXT, note=TEXT, aim=SOME_TEXT, action_id=SOME_TEXT,
       action=SOME_TEXT, owner=TEXT)
def test_no_cell_of_the_answers_csv_runs_as_a_formula(name, together, note, aim, action_id, action, owner):
    answers = Answers(readiness={"readiness_1": 2}, principles={1: PrincipleAnswer(current=3, target=1, note=note)},
                      actions=[Action(id=action_id, principle=1, action=action, owner=owner, due=dt.date(2026, 5, 1))])
    answers.profile.practices = [Practice(name=name)]
    answers.profile.current_collaborations = together
    answers.profile.aims = [aim]
    data = answers_csv(answers, CONTENT)
    assert_no_cell_runs_as_a_formula(data)
    text = {c for row in cells(data) for c in row if isinstance(c, str)}
    assert {written(name), written(together), written(note), written(action_id), written(action),
            written(owner)} <= text


@FAST
@given(practice=SOME_TEXT, note=TEXT, agreed=TEXT)
def test_no_cell_of_the_workshop_csv_runs_as_a_formula(practice, note, agreed):
    workshop = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=[practice],
                        sections=["readiness", "principles"], created=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    # Three people from the practice: the workshop leaves out any group smaller than its minimum (3 by default).
    people = [Participant(id=i, workshop_id=1, practice=practice, role="nurse",
                          answers=Answers(readiness={"readiness_1": 1},
                                          principles={2: PrincipleAnswer(current=1, target=3, note=note)}),
                          updated=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)) for i in (1, 2, 3)]
    data = workshop_csv(workshop, people, {2: Consensus(principle=2, level=2, note=agreed, low=1, high=3)},
                        CONTENT)
    assert_no_cell_runs_as_a_formula(data)
    text = {c for row in cells(data) for c in row if isinstance(c, str)}
    assert {written(practice), written(agreed)} <= text  # each person's own note is theirs alone: not carried


def test_a_negative_gap_stays_a_number_in_the_csv():
    answers = Answers(principles={1: PrincipleAnswer(current=3, target=1)})
    (row,) = [r for r in cells(answers_csv(answers, CONTENT)) if r[:3] == ["principle", "Design principles: clinical",
                                                                           "1"]]
    assert -2 in row
