"""A gap's "supports N of the six characteristics" names them, and the findings carry all six with the principles
GroupUp reads as supporting each, where the six come from, and that the mapping is GroupUp's own reading."""

from __future__ import annotations

from assessment.content import get_content
from assessment.findings import build_findings
from assessment.scoring import score
from tests.factories import make_answers, make_content


def test_a_gap_names_the_characteristics_it_supports_beside_their_count():
    # In the test content principle 4 serves Accessible and Coordinated, principle 3 none.
    gaps = score(make_answers(principles={3: (1, 3), 4: (1, 3)}), make_content()).gaps
    assert gaps[0].why.endswith("supports 2 of the six characteristics of high-quality primary care "
                                "(Accessible, Coordinated).")
    assert gaps[0].characteristics == ["Accessible", "Coordinated"]
    assert gaps[1].why.endswith("supports 0 of the six characteristics of high-quality primary care.")


def test_the_findings_name_all_six_characteristics_with_the_principles_read_as_supporting_each():
    content = get_content()
    key = build_findings(make_answers(principles={1: (0, 2)}), content).characteristics
    assert [line.title for line in key.lines] == [c.title for c in content.characteristics]
    assert len(key.lines) == 6
    coordinated = next(line for line in key.lines if line.title == "Coordinated")
    assert coordinated.words == "Coordinated: principles 3, 6 and 10"


def test_the_findings_say_where_the_six_come_from_and_that_the_mapping_is_groupups_own_reading():
    key = build_findings(make_answers(principles={1: (0, 2)}), get_content()).characteristics
    assert key.source == "Nuffield Trust and The King's Fund 2013, Chapter 3, Table 1"
    assert key.source in key.intro
    assert key.reading.startswith("Which design principles support which characteristic is GroupUp's own reading, "
                                  "not the report's")
    assert key.reading_citation == "Nuffield Trust and The King's Fund 2013, Chapter 3; Chapter 5"


def test_as_the_key_says_the_count_orders_equal_gaps_but_leaves_their_priority_alone():
    # Principle 4 serves two characteristics in the test content, principle 3 none: the same gap, the same priority.
    gaps = score(make_answers(principles={3: (0, 2), 4: (0, 2)}), make_content()).gaps
    assert [g.number for g in gaps] == [4, 3]
    assert [g.priority for g in gaps] == ["high", "high"]
    assert "a gap's priority follows its size and starting level alone" in build_findings(
        make_answers(), get_content()).characteristics.intro
