"""Each example's evidence notes and actions sit under the design principle they are about.

The table below was checked by hand against each principle's title, statement and level summaries in
`content/principles.yaml`. It names the principle by id (not number), and a word the note shares with that
principle's own text, so a note shifted to a neighbouring principle fails here twice over.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.content import get_content

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# (example, principle id, the note's opening words, a word the note shares with the principle's text)
NOTES = [
    ("small_rural_gms", "entry_to_system", "Patients tell us they can usually get", "hours"),
    ("small_rural_gms", "specialism_generalism", "No specialists work with us", "specialist"),
    ("small_rural_gms", "continuity_access", "Each patient has a named GP", "named"),
    ("small_rural_gms", "management_leadership", "Succession is our biggest worry", "partner"),
    ("urban_federation", "entry_to_system", "Same-day access varies", "same-day"),
    ("urban_federation", "specialism_generalism", "We want consultant-led clinics", "clinics"),
    ("urban_federation", "quality_information", "No shared data or comparison of outcomes", "outcomes"),
]

# (example, action id, principle id, a word the action shares with the principle's text)
ACTIONS = [
    ("urban_federation", "a1", "quality_information", "quality"),
    ("urban_federation", "a2", "specialism_generalism", "clinic"),
]


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def _principle(principle_id: str):
    return next(p for p in get_content().principles if p.id == principle_id)


def _principle_text(principle_id: str) -> str:
    p = _principle(principle_id)
    parts = [p.title, p.statement, p.why_it_matters]
    parts += [part for level in p.levels for part in (level.summary, level.descriptor)]
    return " ".join(parts).lower()


def test_every_example_is_in_the_hand_checked_table():
    examples = {path.stem for path in EXAMPLES.glob("*.json")}
    assert examples == {row[0] for row in NOTES}


@pytest.mark.parametrize("example", sorted({row[0] for row in NOTES}))
def test_each_example_note_sits_under_the_principle_it_is_about(example):
    numbers = {p.id: str(p.number) for p in get_content().principles}
    wanted = {numbers[pid]: opening for name, pid, opening, _ in NOTES if name == example}
    notes = {
        number: answer["note"]
        for number, answer in _example(example)["principles"].items()
        if answer.get("note", "").strip()
    }
    assert set(notes) == set(wanted), "a note was added, dropped or moved: check it by hand and update NOTES"
    for number, opening in wanted.items():
        assert notes[number].startswith(opening), f"principle {number} carries {notes[number]!r}"


@pytest.mark.parametrize(("example", "principle_id", "opening", "word"), NOTES)
def test_each_example_note_shares_a_key_word_with_its_principle(example, principle_id, opening, word):
    number = str(_principle(principle_id).number)
    note = _example(example)["principles"][number]["note"]
    assert word in note.lower()
    assert word in _principle_text(principle_id)


@pytest.mark.parametrize(("example", "action_id", "principle_id", "word"), ACTIONS)
def test_each_example_action_is_filed_under_the_principle_it_works_on(example, action_id, principle_id, word):
    action = next(a for a in _example(example)["actions"] if a["id"] == action_id)
    assert action["principle"] == _principle(principle_id).number
    assert word in action["action"].lower()
    assert word in _principle_text(principle_id)


def test_every_example_action_is_in_the_hand_checked_table():
    listed = {(name, action_id) for name, action_id, _, _ in ACTIONS}
    for path in EXAMPLES.glob("*.json"):
        for action in _example(path.stem)["actions"]:
            assert (path.stem, action["id"]) in listed
