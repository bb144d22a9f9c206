"""Workshop aggregation: spreads, disagreement flags, medians per practice, consensus, comparison and export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.answers import Answers, PrincipleAnswer
from assessment.workshop import (
    CSV_COLUMNS,
    Consensus,
    Participant,
    Response,
    Workshop,
    aggregate,
    aggregate_participants,
    compare,
    compare_workshops,
    consensus_for,
    group_answers,
    question_rows,
    spread,
    workshop_csv,
)
from tests.factories import make_content

CONTENT = make_content()
WORKSHOP = Workshop(id=1, name="Away day", join_code="ABCDE23456", practices=["Ash", "Beech"],
                    sections=["readiness", "principles"], created=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))


def response(practice: str = "Ash", role: str = "nurse", **levels: int) -> Response:
    """levels as p1=2, p4=0: principle number -> current level."""
    return Response(practice=practice, role=role, levels={int(k[1:]): v for k, v in levels.items()})


def participant(number: int, practice: str = "Ash", role: str = "nurse", principles=None,
                readiness=None) -> Participant:
    answers = Answers(readiness=dict(readiness or {}))
    for n, value in (principles or {}).items():
        answers.principles[n] = PrincipleAnswer(not_sure=True) if value == "not_sure" else PrincipleAnswer(
            current=value[0], target=value[1])
    return Participant(id=number, workshop_id=1, practice=practice, role=role, answers=answers,
                       updated=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))


# --- spread of levels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "low", "high", "q1", "median", "q3"),
    [
        ([2], 2, 2, 2.0, 2.0, 2.0),
        ([1, 3], 1, 3, 1.5, 2.0, 2.5),
        ([0, 1, 2, 3, 4], 0, 4, 1.0, 2.0, 3.0),
        ([4, 4, 4, 0], 0, 4, 3.0, 4.0, 4.0),
        ([1, 1, 2, 2], 1, 2, 1.0, 1.5, 2.0),
    ],
)
def test_the_spread_of_levels_matches_the_textbook_quartiles(levels, low, high, q1, median, q3):
    counts = [levels.count(level) for level in range(5)]
    s = spread(counts)
    assert (s.low, s.high, s.q1, s.median, s.q3) == (low, high, q1, median, q3)
    assert s.range == high - low and s.iqr == q3 - q1


def test_a_principle_nobody_answered_has_no_spread_and_no_flag():
    s = spread([0, 0, 0, 0, 0])
    assert (s.n, s.low, s.median, s.range, s.disagreement) == (0, None, None, None, False)


@pytest.mark.parametrize(("levels", "flagged"), [([2, 2], False), ([1, 2], False), ([1, 3], True), ([0, 4], True),
                                                 ([3], False)])
def test_views_two_or_more_levels_apart_are_flagged_as_disagreement(levels, flagged):
    assert spread([levels.count(v) for v in range(5)]).disagreement is flagged


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=60))
def test_the_histogram_statistics_agree_with_the_statistics_module(levels):
    s = spread([levels.count(v) for v in range(5)])
    q1, median, q3 = statistics.quantiles(levels, n=4, method="inclusive") if len(levels) > 1 else [levels[0]] * 3
    assert s.median == pytest.approx(median) and s.q1 == pytest.approx(q1) and s.q3 == pytest.approx(q3)
    assert s.range >= 0 and s.iqr >= 0
    assert s.disagreement == (max(levels) - min(levels) >= 2)


# --- aggregation -------------------------------------------------------------------------------------------


def test_responses_are_counted_by_practice_by_role_and_by_both_leaving_out_groups_under_the_minimum():
    result = aggregate([response("Ash", "nurse"), response("Ash", "nurse"), response("Ash", "gp_partner"),
                        response("Beech", "nurse"), response("Beech", "nurse")],
                       practices=["Ash", "Beech", "Cedar"], min_group=2)
    assert result.participants == 5
    assert result.by_practice == {"Ash": 3, "Beech": 2}
    assert result.by_role == {"nurse": 4}
    assert result.by_practice_and_role == {("Ash", "nurse"): 2, ("Beech", "nurse"): 2}
    assert (result.hidden_practices, result.hidden_roles, result.hidden_pairs) == (1, 1, 1)
    assert result.left_out("practices") == ("1 practice with fewer than 2 people is not shown, so that no one "
                                            "person's answers can be picked out.")


def test_disagreement_is_flagged_within_a_role_and_within_a_practice_separately():
    result = aggregate([
        response("Ash", "nurse", p1=0), response("Beech", "nurse", p1=3),  # nurses disagree, across practices
        response("Ash", "gp_partner", p2=1), response("Ash", "nurse", p2=4),  # Ash disagrees, across roles
    ], min_group=2)
    assert result.principle(1).flagged_roles == ["nurse"] and result.principle(1).flagged_practices == []
    assert result.principle(2).flagged_roles == [] and result.principle(2).flagged_practices == ["Ash"]
    assert result.principle(1).disagreement and result.principle(2).disagreement
    assert not result.principle(3).disagreement


def test_the_compatibility_heatmap_holds_each_practices_median_per_principle():
    result = aggregate([response("Ash", p1=1), response("Ash", p1=3), response("Beech", p1=4),
                        response("Beech", p1=4)], practices=["Ash", "Beech", "Cedar"], min_group=2)
    medians = result.medians()
    assert medians[("Ash", 1)] == 2.0 and medians[("Beech", 1)] == 4.0
    assert ("Cedar", 1) not in medians and ("Ash", 2) not in medians


def test_not_sure_and_unanswered_principles_are_left_out_of_the_levels_but_not_sure_is_counted():
    result = aggregate_participants([
        participant(1, principles={1: "not_sure"}),
        participant(2, principles={1: (2, 3)}),
        participant(3),
        participant(4, principles={1: (2, 4)}),
    ], min_group=2)
    p1 = result.principle(1)
    assert (p1.spread.n, p1.not_sure, p1.spread.counts) == (2, 1, (0, 0, 2, 0, 0))
    assert p1.target.counts == (0, 0, 0, 1, 1)


def test_a_principle_number_outside_one_to_twelve_is_ignored():
    assert aggregate([response(p13=2, p1=1), response(p1=2)], min_group=2).principle(1).spread.n == 2


@given(st.lists(st.tuples(st.sampled_from(["Ash", "Beech"]), st.sampled_from(["nurse", "gp_partner"]),
                          st.dictionaries(st.integers(1, 12), st.integers(0, 4))), max_size=40))
def test_every_flag_is_raised_exactly_when_that_shown_groups_range_is_two_or_more(rows):
    result = aggregate([Response(practice=p, role=r, levels=levels) for p, r, levels in rows], min_group=2)
    for n in range(1, 13):
        for key, flagged, spreads in ((1, result.principle(n).flagged_roles, result.by_role_spread),
                                      (0, result.principle(n).flagged_practices, result.by_practice_spread)):
            shown = {g.group for g in spreads if g.principle == n}
            groups = {row[key] for row in rows if sum(other[key] == row[key] for other in rows) >= 2}
            expected = sorted(g for g in groups & shown
                              if len(vals := [row[2][n] for row in rows if row[key] == g and n in row[2]]) >= 2
                              and max(vals) - min(vals) >= 2)
            assert sorted(flagged) == expected
        answered = sum(n in row[2] for row in rows)
        assert sum(result.principle(n).spread.counts) == (answered if answered >= 2 else 0)


@given(st.lists(st.tuples(st.sampled_from(["Ash", "Beech", "Cedar"]), st.sampled_from(["nurse", "gp_partner", "other"]),
                          st.dictionaries(st.integers(1, 3), st.integers(0, 4))), max_size=30),
       st.integers(2, 4))
def test_the_room_less_the_groups_shown_never_leaves_fewer_than_the_smallest_group(rows, min_group):
    """Subtracting the shown practices' (or roles') spreads from the room's must not give away a few people's
    levels: what is left of each principle's room count is nobody, or at least min_group people."""
    result = aggregate([Response(practice=p, role=r, levels=levels) for p, r, levels in rows], min_group=min_group)
    for n in range(1, 4):
        room = sum(result.principle(n).spread.counts)
        if not room:
            continue
        for spreads in (result.by_practice_spread, result.by_role_spread):
            rest = room - sum(sum(g.spread.counts) for g in spreads if g.principle == n)
            assert rest == 0 or rest >= min_group, (n, rest)


def test_with_four_in_the_room_a_practice_of_three_is_not_shown_where_the_fourth_could_be_worked_out():
    rows = [response("Gamma", p1=2), response("Gamma", p1=2), response("Gamma", p1=3), response("Alpha", p1=0)]
    result = aggregate(rows, practices=["Gamma", "Alpha"], min_group=3)
    assert result.principle(1).spread.n == 4
    assert [g for g in result.by_practice_spread if g.principle == 1] == []
    assert result.hidden_practice_cells == 1
    assert result.left_out("practices") == ("1 practice with fewer than 3 people is not shown, nor are some other "
                                            "figures, so that no one person's answers can be picked out or worked "
                                            "out from the others.")
    with_five = aggregate([*rows, response("Alpha", p1=4)], practices=["Gamma", "Alpha"], min_group=3)
    assert [g.group for g in with_five.by_practice_spread if g.principle == 1] == []  # 5 - 3 = 2 is still too few
    six = aggregate([*rows, response("Alpha", p1=4), response("Alpha", p1=1)], practices=["Gamma", "Alpha"],
                    min_group=3)
    assert sorted(g.group for g in six.by_practice_spread if g.principle == 1) == ["Alpha", "Gamma"]


def test_a_thousand_participants_are_all_counted_in_every_principle():
    # How fast this is belongs in benchmarks/run.py, not in a timed assertion.
    responses = [response(["Ash", "Beech"][i % 2], ["nurse", "gp_partner", "practice_manager"][i % 3],
                          **{f"p{n}": (i + n) % 5 for n in range(1, 13)}) for i in range(1000)]
    result = aggregate(responses, practices=["Ash", "Beech"])
    assert result.participants == 1000
    for n in range(1, 13):
        assert tuple(result.principle(n).spread.counts) == (200,) * 5


# --- consensus, comparison and exports ---------------------------------------------------------------------


def test_the_agreed_level_keeps_the_range_of_individual_views_beside_it():
    summary = aggregate([response(p5=1), response(p5=4)], min_group=2).principle(5)
    assert consensus_for(summary, 3, " Agreed after discussion ") == Consensus(
        principle=5, level=3, note="Agreed after discussion", low=1, high=4)


def test_a_reassessment_shows_the_change_per_principle_in_medians_and_agreed_levels():
    before = aggregate([response(p1=1), response(p1=1)], min_group=2)
    after = aggregate([response(p1=3), response(p1=2)], min_group=2)
    changes = compare(before, after, {1: Consensus(principle=1, level=1)}, {1: Consensus(principle=1, level=3)},
                      CONTENT)
    first = changes[0]
    assert (first.before_median, first.after_median, first.median_change) == (1.0, 2.5, 1.5)
    assert first.agreed_change == 2
    assert changes[1].median_change is None and len(changes) == 12


def test_the_workshop_csv_holds_the_rooms_spread_of_views_and_the_agreed_levels_not_each_answer():
    people = [participant(1, "Ash", "nurse", {1: (2, 4)}, {"readiness_1": 3}),
              participant(2, "Ash", "nurse", {1: (1, 3)}, {"readiness_1": 1}),
              participant(3, "Ash", "nurse", {1: "not_sure"}, {"readiness_1": 3}),
              participant(4, "Ash", "nurse", {1: (4, 4)})]
    data = workshop_csv(WORKSHOP, people, {1: Consensus(principle=1, level=2, note="=SUM(A1)", low=1, high=4)},
                        CONTENT)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    summary = [(r["record"], r["section"], r["item_id"], r["group"], r["people"], r["median"]) for r in rows]
    assert summary[1:] == [
        ("people", "", "", "Whole room", "4", ""),
        ("people", "", "", "Ash", "4", ""),
        ("people", "", "", "Nurse", "4", ""),
        ("people", "", "", "Ash · Nurse", "4", ""),
        ("question", "readiness", "readiness_1", "Whole room", "3", "3"),
        ("principle", "principles", "1", "Whole room", "3", "2"),
        ("principle_by_role", "principles", "1", "Nurse", "3", "2"),
        ("principle_by_practice", "principles", "1", "Ash", "3", "2"),
        ("agreed", "principles", "1", "", "", ""),
    ]
    room = rows[6]
    assert [room[k] for k in ("not_sure", "low", "high", "at_1", "at_2", "at_4", "target_median")] == [
        "1", "1", "4", "1", "1", "1", "4"]
    assert rows[0]["record"] == "about" and "no row for any one person" in rows[0]["note"]
    assert rows[-1]["value"] == "2" and rows[-1]["note"] == "'=SUM(A1)"  # a formula is kept as text


def test_the_groups_answers_for_the_pdf_use_the_agreed_level_else_the_median():
    result = aggregate([response(p1=1, p2=3), response(p1=3, p2=4)], WORKSHOP.practices, min_group=2)
    answers = group_answers(WORKSHOP, result, {1: Consensus(principle=1, level=4, note="Agreed")})
    assert answers.principles[1].current == 4 and answers.principles[1].note == "Agreed"
    assert answers.principles[2].current == 3  # median 3.5, rounded down
    assert 3 not in answers.principles
    assert [p.name for p in answers.profile.practices] == ["Ash"]  # Beech has nobody answering, so is not named


def test_the_groups_answers_for_the_pdf_carry_the_rooms_median_readiness_answers():
    people = [participant(1, readiness={"readiness_1": 0}), participant(2, readiness={"readiness_1": 3}),
              participant(3, readiness={"readiness_1": 2, "readiness_2": "not_sure"})]
    answers = group_answers(WORKSHOP, aggregate_participants(people), {}, people, CONTENT)
    assert answers.readiness == {"readiness_1": 2}  # not sure only: no group answer
    assert answers.components == {}  # the workshop does not include components


def test_the_question_table_counts_each_answer_and_names_the_median_on_the_scale():
    people = [participant(1, readiness={"readiness_1": 1}), participant(2, readiness={"readiness_1": 3}),
              participant(3, readiness={"readiness_1": "not_sure"})]
    headers, rows = question_rows(people, CONTENT.readiness, min_group=2)
    assert headers == ["Question", "Answers", "Not sure", "Point 0", "Point 1", "Point 2", "Point 3", "Median"]
    assert rows[0] == ["Question 1?", "2", "1", "0", "1", "0", "1", "Point 2"]
    assert rows[1][1:] == ["0", "0", "0", "0", "0", "0", ""]


def test_roles_and_practices_with_a_single_answer_are_left_out_of_the_disagreement_views():
    from assessment.workshop_charts import disagreement_table

    result = aggregate([response("Ash", "nurse", p1=0), response("Ash", "nurse", p1=3),
                        response("Beech", "practice_manager", p1=4), response("Cedar", "gp_partner", p1=2)],
                       practices=["Ash", "Beech", "Cedar"], min_group=2)
    by_role = disagreement_table(result, CONTENT, "role")
    assert set(by_role["Role"]) == {"Nurse"}  # the lone practice manager's and GP's answers are not shown alone
    by_practice = disagreement_table(result, CONTENT, "practice")
    assert set(by_practice["Practice"]) == {"Ash"}
    # With the GP gone, the room's three levels less the two nurses' would be the practice manager's: the nurses'
    # and Ash's figures go too.
    three = aggregate([response("Ash", "nurse", p1=0), response("Ash", "nurse", p1=3),
                       response("Beech", "practice_manager", p1=4)], practices=["Ash", "Beech"], min_group=2)
    assert disagreement_table(three, CONTENT, "role").empty and disagreement_table(three, CONTENT, "practice").empty
    assert (three.hidden_role_cells, three.hidden_practice_cells) == (1, 1)


def test_one_practice_is_compared_on_its_own_people_and_without_the_rooms_agreed_levels():
    before = [participant(i, practice, principles={1: (level, 4)})
              for i, (practice, level) in enumerate([("Ash", 1), ("Ash", 1), ("Beech", 4), ("Beech", 4)])]
    after = [participant(i, practice, principles={1: (level, 4)})
             for i, (practice, level) in enumerate([("Ash", 3), ("Ash", 3), ("Beech", 4), ("Beech", 4)])]
    agreed = {1: Consensus(principle=1, level=2)}
    ash = compare_workshops(before, after, agreed, agreed, CONTENT, practice="Ash", min_group=2)[0]
    assert (ash.before_median, ash.after_median, ash.before_agreed) == (1.0, 3.0, None)
    room = compare_workshops(before, after, agreed, agreed, CONTENT, min_group=2)[0]
    assert (room.before_median, room.after_median, room.agreed_change) == (2.5, 3.5, 0)


def test_the_workshop_csv_carries_agreed_targets_ranges_ranked_gaps_and_the_plan():
    from assessment.workshop import plan_item

    agreed = {1: Consensus(principle=1, level=1, low=0, high=2, target=3, target_low=2, target_high=4)}
    plan = [plan_item("=Draft a rota", principle=1, owner="Asha", due=dt.date(2026, 6, 30), status="in_progress")]
    rows = list(csv.DictReader(io.StringIO(workshop_csv(WORKSHOP, [], agreed, CONTENT, plan).decode("utf-8-sig"))))
    by_record = {r["record"]: r for r in rows}
    assert [by_record["agreed"][k] for k in ("value", "group_low", "group_high", "target", "target_low",
                                             "target_high")] == ["1", "0", "2", "3", "2", "4"]
    assert [by_record["gap"][k] for k in ("rank", "item_id", "value", "target", "priority")] == [
        "1", "1", "1", "3", "High"]
    assert [by_record["action"][k] for k in ("value", "owner", "due", "status")] == [
        "'=Draft a rota", "Asha", "2026-06-30", "In progress"]
