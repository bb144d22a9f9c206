"""Anonymity that holds: no practice, role, or practice and role with fewer people than the workshop's minimum
ever appears in the aggregate, a dashboard chart or table, the CSV or the PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from assessment.answers import ROLE_LABELS, Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.workshop import (
    InvalidWorkshop,
    Participant,
    Workshop,
    check_min_group,
    question_rows,
    workshop_aggregate,
    workshop_csv,
    workshop_pdf,
)
from assessment.workshop_charts import (
    disagreement_chart,
    disagreement_table,
    distribution_chart,
    distribution_table,
    heatmap_chart,
    heatmap_table,
    responses_chart,
    responses_table,
)

CONTENT = get_content()
# Distinct words, so that one name never turns up inside another or inside the content's own text.
PRACTICES = ["Alderwick Surgery", "Birchmoor Practice", "Cedarfold Health Centre", "Damsonleigh Medical Group"]
ROLES = ["gp_partner", "nurse", "practice_manager", "patient_representative"]
QUESTION = CONTENT.readiness.questions[0].id


def person(number: int, practice: str, role: str, level: int) -> Participant:
    answers = Answers(readiness={QUESTION: level % 4})
    for n in range(1, 13):
        answers.principles[n] = PrincipleAnswer(current=(level + n) % 5, target=min(4, (level + n) % 5 + 1))
    return Participant(id=number, workshop_id=1, practice=practice, role=role, answers=answers,
                       updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


rooms = st.tuples(
    st.integers(min_value=2, max_value=4),
    st.lists(st.tuples(st.sampled_from(PRACTICES), st.sampled_from(ROLES), st.integers(0, 4)), max_size=24),
)


def build(min_group: int, rows) -> tuple[Workshop, list[Participant]]:
    workshop = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=PRACTICES,
                        sections=["readiness", "principles"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
                        min_group=min_group)
    return workshop, [person(i, p, r, level) for i, (p, r, level) in enumerate(rows, start=1)]


def small_groups(people: list[Participant], min_group: int) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    practices = Counter(p.practice for p in people)
    roles = Counter(p.role for p in people)
    pairs = Counter((p.practice, p.role) for p in people)
    return ({p for p in PRACTICES if practices[p] < min_group}, {r for r, n in roles.items() if n < min_group},
            {k for k, n in pairs.items() if n < min_group})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rooms)
def test_no_group_under_the_minimum_appears_in_the_aggregate_charts_tables_or_csv(room):
    min_group, rows = room
    workshop, people = build(min_group, rows)
    small_practices, small_roles, small_pairs = small_groups(people, min_group)
    agg = workshop_aggregate(workshop, people)

    assert not set(agg.by_practice) & small_practices
    assert not set(agg.by_role) & small_roles
    assert not set(agg.by_practice_and_role) & small_pairs
    assert all(g.group not in small_roles and g.spread.n >= min_group for g in agg.by_role_spread)
    assert all(g.group not in small_practices and g.spread.n >= min_group for g in agg.by_practice_spread)
    for summary in agg.principles:
        assert summary.spread.n in (0,) or summary.spread.n >= min_group
        assert summary.target.n in (0,) or summary.target.n >= min_group
        assert not set(summary.flagged_roles) & small_roles and not set(summary.flagged_practices) & small_practices

    shown = [json.dumps(chart(agg, CONTENT).to_dict()) for chart in (
        lambda a, c: responses_chart(a), distribution_chart, lambda a, c: distribution_chart(a, c, "target"),
        lambda a, c: disagreement_chart(a, c, "role"), lambda a, c: disagreement_chart(a, c, "practice"),
        heatmap_chart)]
    tables = [responses_table(agg), distribution_table(agg, CONTENT), disagreement_table(agg, CONTENT, "role"),
              disagreement_table(agg, CONTENT, "practice"), heatmap_table(agg, CONTENT)]
    shown += [t.to_csv() + " ".join(map(str, t.columns)) for t in tables]
    for text in shown:
        assert not any(name in text for name in small_practices)
    role_columns = set(responses_table(agg).columns) | set(disagreement_table(agg, CONTENT, "role")["Role"])
    assert not role_columns & {ROLE_LABELS[r] for r in small_roles}

    _, question_table = question_rows(people, CONTENT.readiness, min_group)
    answered = sum(1 for p in people if QUESTION in p.answers.readiness)
    counts = question_table[0][3:-1]
    assert (answered >= min_group) == any(c not in ("", "0") for c in counts)

    records = list(csv.DictReader(io.StringIO(workshop_csv(workshop, people, {}, CONTENT).decode("utf-8-sig"))))
    small_labels = {ROLE_LABELS[r] for r in small_roles} | {f"{p} · {ROLE_LABELS[r]}" for p, r in small_pairs}
    for record in records:
        assert not any(name in record["group"] for name in small_practices)
        assert record["group"] not in small_labels
        if (record["record"], record["group"]) != ("people", "Whole room"):  # how many joined, as the dashboard says
            assert record["people"] == "" or int(record["people"]) >= min_group


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rooms)
def test_no_practice_under_the_minimum_is_named_in_the_workshop_pdf(room):
    min_group, rows = room
    workshop, people = build(min_group, rows)
    small_practices, _, _ = small_groups(people, min_group)
    agg = workshop_aggregate(workshop, people)
    data = workshop_pdf(workshop, agg, {}, CONTENT, participants=people)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert not any(name in text for name in small_practices)
    if agg.hidden_practices:
        assert f"with fewer than {min_group} people" in text


def test_a_practice_with_two_people_is_left_out_of_every_view_and_each_view_says_so():
    workshop, people = build(3, [("Alderwick Surgery", "nurse", 1), ("Alderwick Surgery", "gp_partner", 3)]
                             + [("Birchmoor Practice", "nurse", i) for i in range(3)])
    agg = workshop_aggregate(workshop, people)
    assert list(agg.by_practice) == ["Birchmoor Practice"]
    assert "Alderwick Surgery" not in heatmap_table(agg, CONTENT)["Practice"].tolist()
    # Birchmoor's three are shown as a practice, but not its levels beside the room's: five in the room less
    # Birchmoor's three would be Alderwick's two.
    assert agg.left_out("practices") == (
        "3 practices with fewer than 3 people are not shown, nor are some other figures, so that no one person's "
        "answers can be picked out or worked out from the others.")
    assert not agg.by_practice_spread


@pytest.mark.parametrize(("chosen", "ok"), [(2, True), (3, True), (20, True), (1, False), (0, False), (2.5, False),
                                             (None, False), (21, False)])
def test_the_minimum_group_size_is_a_whole_number_never_below_two(chosen, ok):
    if ok:
        assert check_min_group(chosen) == chosen
    else:
        with pytest.raises(InvalidWorkshop, match="smallest group"):
            check_min_group(chosen)


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_workshop_csv_holds_nothing_about_a_small_practice_a_small_role_or_a_little_answered_question():
    # Seven people: Cedarfold has three; Alderwick and Birchmoor two each. Two nurses, one patient representative.
    rows = ([("Cedarfold Health Centre", "gp_partner", i) for i in range(3)]
            + [("Alderwick Surgery", "nurse", 1), ("Alderwick Surgery", "nurse", 2),
               ("Birchmoor Practice", "gp_partner", 3), ("Birchmoor Practice", "patient_representative", 4)])
    workshop, people = build(3, rows)
    for p in people[2:]:  # the other 5 leave the first readiness question and principle 12 unanswered
        del p.answers.readiness[QUESTION]
        del p.answers.principles[12]
    records = read_csv(workshop_csv(workshop, people, {}, CONTENT))
    text = " ".join(" ".join(r.values()) for r in records)

    assert "Alderwick Surgery" not in text and "Birchmoor Practice" not in text
    assert ROLE_LABELS["patient_representative"] not in text
    assert {r["group"] for r in records} == {"", "Whole room", "Cedarfold Health Centre", ROLE_LABELS["gp_partner"],
                                             f"Cedarfold Health Centre · {ROLE_LABELS['gp_partner']}"}
    assert not [r for r in records if r["item_id"] in (QUESTION, "12")]  # two answers each: left out
    assert {r["record"] for r in records} <= {"about", "people", "question", "principle", "principle_by_role",
                                              "principle_by_practice"}  # no row for any one person
    assert all(r["people"] == "" or int(r["people"]) >= 3 for r in records[2:])
    assert records[0]["note"] == (
        "This file holds figures for groups of 3 or more people only, and no row for any one person. 3 practices "
        "and 2 roles with fewer than 3 people, and 1 principle and 1 question with fewer than 3 answers, are not "
        "shown, so that no one person's answers can be picked out.")
