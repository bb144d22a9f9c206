"""The scoring engine: section scores, bands, coverage and ranked gaps."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.scoring import BANDS, LOW_COVERAGE, band_for, priority_of, score
from tests.factories import make_answers, make_content

CONTENT = make_content()


@pytest.mark.parametrize(
    ("readiness", "expected"),
    [
        ({}, None),
        ({"readiness_1": 0}, 0.0),
        ({"readiness_1": 3}, 100.0),
        ({"readiness_1": 3, "readiness_2": 0}, 50.0),
        ({"readiness_1": 1, "readiness_2": 2, "readiness_3": 3}, 66.7),
        ({"readiness_1": 3, "readiness_2": "not_sure"}, 100.0),
    ],
)
def test_a_section_score_is_the_mean_of_its_answered_questions_on_a_0_to_100_scale(readiness, expected):
    assert score(make_answers(readiness=readiness), CONTENT).section("readiness").score == expected


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "concern"), (39.9, "concern"), (40, "developing"), (69.9, "developing"), (70, "strength"),
     (100, "strength"), (None, None)],
)
def test_each_score_falls_in_exactly_the_declared_band(value, band):
    found = band_for(value)
    assert (found.id if found else None) == band


def test_the_bands_cover_0_to_100_without_gaps_or_overlaps():
    assert BANDS[0].low == 0 and BANDS[-1].high == 100
    assert all(a.high == b.low for a, b in zip(BANDS, BANDS[1:], strict=False))


def test_not_sure_and_unanswered_are_reported_as_coverage_not_as_low_scores():
    summary = score(make_answers(readiness={"readiness_1": 3, "readiness_2": "not_sure"}), CONTENT)
    section = summary.section("readiness")
    assert (section.answered, section.not_sure, section.unanswered) == (1, 1, 1)
    assert section.score == 100.0
    assert section.coverage == pytest.approx(1 / 3)


@pytest.mark.parametrize(("answered", "low"), [(0, True), (8, True), (9, False), (18, False)])
def test_coverage_is_low_below_the_declared_threshold_and_not_at_it(answered, low):
    # 3 readiness + 3 components + 12 principles = 18 items, so 9 answered is exactly half.
    items = [("readiness", f"readiness_{i}") for i in (1, 2, 3)] + [("components", f"components_{i}") for i in (1, 2, 3)]
    given = {"readiness": {}, "components": {}, "principles": {}}
    for section, qid in items[:answered]:
        given[section][qid] = 1
    for number in range(1, 13)[: max(0, answered - len(items))]:
        given["principles"][number] = (1, 2)
    summary = score(make_answers(**given), CONTENT)
    assert summary.answered_items == answered and summary.total_items == 18
    assert summary.low_coverage is low
    assert LOW_COVERAGE == 0.5


def test_not_sure_does_not_count_towards_coverage_so_all_not_sure_is_low_coverage():
    answers = make_answers(readiness=dict.fromkeys(("readiness_1", "readiness_2", "readiness_3"), "not_sure"),
                           components=dict.fromkeys(("components_1", "components_2", "components_3"), "not_sure"),
                           principles=dict.fromkeys(range(1, 13), "not_sure"))
    assert score(answers, CONTENT).low_coverage


def test_principle_sections_score_current_levels_by_group():
    summary = score(make_answers(principles={1: (2, 4), 2: (4, 4), 8: (1, 3), 9: "not_sure"}), CONTENT)
    assert summary.section("principles_clinical").score == 75.0
    assert summary.section("principles_organisation").score == 25.0
    assert summary.section("principles_organisation").not_sure == 1


def test_gaps_are_ranked_largest_first_then_lowest_current_level():
    summary = score(make_answers(principles={3: (1, 2), 5: (2, 4), 6: (0, 2), 7: (0, 4), 9: (3, 3)}), CONTENT)
    assert [g.number for g in summary.gaps] == [7, 6, 5, 3]
    assert [g.rank for g in summary.gaps] == [1, 2, 3, 4]


def test_equal_gaps_put_the_principle_serving_more_characteristics_first():
    # Principle 4 serves two characteristics in the test content, principle 3 none.
    summary = score(make_answers(principles={3: (1, 3), 4: (1, 3)}), CONTENT)
    assert [g.number for g in summary.gaps] == [4, 3]
    assert "supports 2 of the six characteristics" in summary.gaps[0].why


def test_a_principle_already_at_or_beyond_its_target_is_not_a_gap():
    summary = score(make_answers(principles={1: (3, 2), 2: (2, 2)}), CONTENT)
    assert summary.gaps == []


@pytest.mark.parametrize(("current", "gap", "priority"),
                         [(0, 4, "high"), (1, 2, "high"), (2, 2, "medium"), (0, 1, "low"), (3, 1, "low")])
def test_priority_follows_gap_size_and_starting_level(current, gap, priority):
    assert priority_of(current, gap) == priority


# --- properties -----------------------------------------------------------------------------------

question_ids = [q.id for q in CONTENT.readiness.questions + CONTENT.components.questions]
answer_value = st.one_of(st.integers(0, 3), st.just("not_sure"))
question_answers = st.dictionaries(st.sampled_from(question_ids), answer_value)
level = st.integers(0, 4)
principle_answers = st.dictionaries(st.integers(1, 12), st.one_of(st.tuples(level, level), st.just("not_sure")))


def build(qa, pa):
    return make_answers(
        readiness={k: v for k, v in qa.items() if k.startswith("readiness")},
        components={k: v for k, v in qa.items() if k.startswith("components")},
        principles=pa,
    )


@given(question_answers, principle_answers)
def test_every_score_stays_between_0_and_100(qa, pa):
    for section in score(build(qa, pa), CONTENT).sections:
        assert section.score is None or 0 <= section.score <= 100


@given(question_answers, st.sampled_from(question_ids))
def test_raising_one_answer_never_lowers_its_section_score(qa, qid):
    section_id = qid.split("_")[0]
    for low in range(3):
        before = score(build({**qa, qid: low}, {}), CONTENT).section(section_id).score
        after = score(build({**qa, qid: low + 1}, {}), CONTENT).section(section_id).score
        assert after >= before


@given(principle_answers, st.integers(1, 12), st.integers(0, 3))
def test_raising_a_current_level_never_lowers_its_group_score(pa, number, low):
    section_id = "principles_clinical" if number <= 7 else "principles_organisation"
    before = score(build({}, {**pa, number: (low, 4)}), CONTENT).section(section_id).score
    after = score(build({}, {**pa, number: (low + 1, 4)}), CONTENT).section(section_id).score
    assert after >= before


@given(question_answers, principle_answers, st.randoms())
def test_scores_do_not_depend_on_the_order_of_answers(qa, pa, rnd):
    items, pitems = list(qa.items()), list(pa.items())
    rnd.shuffle(items)
    rnd.shuffle(pitems)
    assert score(build(dict(items), dict(pitems)), CONTENT) == score(build(qa, pa), CONTENT)


@given(question_answers, st.sampled_from(question_ids))
def test_removing_an_answer_lowers_coverage_but_never_counts_as_zero(qa, qid):
    full = {**qa, qid: 3}
    partial = {k: v for k, v in full.items() if k != qid}
    with_answer, without = score(build(full, {}), CONTENT), score(build(partial, {}), CONTENT)
    assert without.answered_items == with_answer.answered_items - 1
    section_id = qid.split("_")[0]
    others = [v for k, v in partial.items() if k.startswith(section_id) and v != "not_sure"]
    if others and all(v == 3 for v in others):
        assert without.section(section_id).score == 100.0
