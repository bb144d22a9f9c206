"""The Results page: section scores with bands, principles now and target, ranked gaps, coverage, the method."""

from __future__ import annotations

from assessment.answers import Answers, Practice, PrincipleAnswer, Profile
from assessment.content import get_content
from assessment.scoring import BANDS, score


def text_of(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def answers_with_gaps() -> Answers:
    readiness = get_content().readiness.questions
    return Answers(
        readiness={readiness[0].id: len(get_content().readiness.scale) - 1, readiness[1].id: "not_sure"},
        principles={1: PrincipleAnswer(current=0, target=3), 4: PrincipleAnswer(current=2, target=3),
                    9: PrincipleAnswer(current=1, target=4), 10: PrincipleAnswer(not_sure=True)},
    )


def test_with_nothing_answered_the_page_says_so_and_points_to_the_start(app_test):
    at = app_test(page="results")
    assert any("nothing to score yet" in info.value for info in at.info)
    assert not at.get("vega_lite_chart")


def test_each_section_shows_its_score_and_band(app_test):
    answers = answers_with_gaps()
    summary = score(answers, get_content())
    at = app_test(answers, page="results")
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert metrics == {s.title: ("No answers" if s.score is None else f"{s.score:g}") for s in summary.sections}
    captions = " ".join(c.value for c in at.caption)
    assert "Strength" in captions  # the one readiness answer is the top of the scale


def test_the_coverage_says_how_many_questions_were_left_unanswered(app_test):
    answers = answers_with_gaps()
    summary = score(answers, get_content())
    at = app_test(answers, page="results")
    assert f"You left {summary.unanswered_items} questions unanswered." in text_of(at)
    assert f"You marked {summary.not_sure_items} as \"not sure\"" in text_of(at)


def nearly_everything_answered() -> Answers:
    """Every question answered and every principle placed, except one readiness question left blank."""
    content = get_content()
    return Answers(readiness={q.id: 1 for q in content.readiness.questions[1:]},
                   components={q.id: 1 for q in content.components.questions},
                   principles={p.number: PrincipleAnswer(current=1, target=2) for p in content.principles})


def test_little_coverage_brings_a_warning_that_scores_rest_on_little_evidence(app_test):
    at = app_test(answers_with_gaps(), page="results")
    assert any("little evidence" in w.value for w in at.warning)


def test_with_nearly_every_question_answered_there_is_no_warning(app_test):
    answers = nearly_everything_answered()
    assert not score(answers, get_content()).low_coverage
    at = app_test(answers, page="results")
    assert not any("little evidence" in w.value for w in at.warning)


def test_gaps_are_listed_in_priority_order_with_the_reason(app_test):
    answers = answers_with_gaps()
    gaps = score(answers, get_content()).gaps
    at = app_test(answers, page="results")
    shown = text_of(at)
    positions = [shown.index(f"{g.rank}. {g.title}") for g in gaps]
    # Gaps of 3 (principles 1 and 9) before the gap of 1; of the two, the lower current level first.
    assert [g.number for g in gaps] == [1, 9, 4] and positions == sorted(positions)
    assert "high priority" in shown
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert all(g.why in captions for g in gaps)


def test_both_charts_have_a_table_alternative(app_test):
    at = app_test(answers_with_gaps(), page="results")
    assert len(at.get("vega_lite_chart")) == 2
    labels = [e.label for e in at.expander]
    assert "Show section scores as a table" in labels and "Show design principles as a table" in labels
    assert len(at.table) == 2


def test_how_scoring_works_shows_the_method_with_every_band(app_test):
    at = app_test(answers_with_gaps(), page="results")
    (method,) = [e for e in at.expander if e.label == "How scoring works"]
    text = "\n".join(m.value for m in method.markdown)
    assert "How GroupUp scores your answers" in text
    assert all(band.label in text for band in BANDS)


def test_the_practice_name_is_shown_as_plain_text(app_test):
    answers = answers_with_gaps()
    answers.profile = Profile(practices=[Practice(name="<script>x</script> _St_ [a](b)")])
    at = app_test(answers, page="results")
    (caption,) = [c.value for c in at.caption if "script" in c.value]
    assert "<script>" not in caption and "](" not in caption
    assert caption.replace("\\", "") == "<script>x</script> _St_ [a](b)"


def _characteristics_expander(at):
    return next(e for e in at.main.expander if e.label == "The six characteristics of high-quality primary care")


def test_the_gaps_name_the_characteristics_they_support_and_the_six_are_a_click_away(app_test, example_answers):
    at = app_test(example_answers("small_rural_gms"), page="results")
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(c.endswith("supports 2 of the six characteristics of high-quality primary care (Population-oriented, "
                          "Safe and high quality).") for c in captions)
    shown = "\n".join(m.value for m in _characteristics_expander(at).markdown).replace("\\", "")
    for line in ["Comprehensive: principles 3, 6, 8 and 9", "Person-centred: principles 4, 6, 7 and 8",
                 "Population-oriented: principles 5, 10, 11 and 12", "Coordinated: principles 3, 6 and 10",
                 "Accessible: principles 1, 2, 4 and 9", "Safe and high quality: principles 5, 10, 11 and 12"]:
        assert f"- {line}" in shown
    assert "The characteristics are from Nuffield Trust and The King's Fund 2013, Chapter 3, Table 1." in shown
    assert "Which design principles support which characteristic is GroupUp's own reading, not the report's" in shown
    assert [c.value.replace("\\", "") for c in _characteristics_expander(at).caption] == [
        "GroupUp's judgement, from Nuffield Trust and The King's Fund 2013, Chapter 3; Chapter 5"]
