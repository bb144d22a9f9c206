""""What to do next" at the top of the Results page: standing, top priorities with a cited case study, the best
structure with its constraint, and the first actions, or what is missing and an invitation to act."""

from __future__ import annotations

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.findings import build_findings


def text_of(at) -> str:
    return "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)]).replace("\\", "")


def test_what_to_do_next_is_the_first_section_of_the_results(app_test, example_answers):
    at = app_test(example_answers("urban_federation"), page="results")
    assert not at.exception
    assert at.header[0].value == "What to do next"
    assert [s.value for s in at.subheader][:3] == ["Your top priorities", "The structure that fits you best",
                                                   "First actions"]


def test_it_shows_the_standing_each_priority_with_its_case_study_and_source_the_structure_and_the_actions(
        app_test, example_answers):
    answers = example_answers("urban_federation")
    steps = build_findings(answers, get_content()).next_steps
    shown = text_of(app_test(answers, page="results"))
    assert steps.standing in shown
    assert len(steps.priorities) == 3
    for step in steps.priorities:
        assert step.heading in shown
        assert f"What a case study did: **{step.case_name}**. {step.did}" in shown
        assert f"Source: {step.citation}" in shown
    assert steps.structure.sentence in shown
    assert f"The constraint that matters most for you: {steps.structure.constraint}" in shown
    for action in steps.actions:
        assert f"- {action.line}" in shown


def test_with_incomplete_answers_it_says_what_is_missing_instead_of_inventing_priorities(app_test):
    answers = Answers(principles={2: PrincipleAnswer(current=1, target=1)})
    at = app_test(answers, page="results")
    info = " ".join(i.value for i in at.info).replace("\\", "")
    assert "No answers yet for readiness to work together." in info
    shown = text_of(at)
    assert "Only 0 of the design principles you placed have a target above where you are now" in shown
    assert "What a case study did" not in shown
    assert "Give your contracts, setting, aims and preferences in the practice profile" in shown
    assert "No actions yet. In the Action plan" in shown


def test_an_action_typed_as_markdown_is_shown_as_typed(app_test, example_answers):
    answers = example_answers("urban_federation")
    answers.actions[0].action = "**Bold** [link](https://example.com) <b>x</b>"
    at = app_test(answers, page="results")
    assert any("\\*\\*Bold\\*\\*" in m.value and "\\[link\\]" in m.value for m in at.markdown)


def test_the_constraint_says_it_assumes_the_body_holds_the_core_contracts_and_links_to_the_profile_question(
        app_test, example_answers):
    at = app_test(example_answers("small_rural_gms"), page="results")
    shown = text_of(at)
    assert "Co-operatives cannot hold GMS or PMS contracts. You hold a GMS contract." in shown
    assert ("This assumes the new body would hold your core contracts, as you have not said what it would do: "
            "answer “What would the new body do?” in the practice profile.") in shown
    assert "Say what the new body would do" in [link.label for link in at.get("page_link")]


def test_once_the_profile_says_what_the_body_would_do_the_constraint_carries_no_assumption(app_test, example_answers):
    answers = example_answers("small_rural_gms")
    answers.profile.body_role = "hold_core"
    at = app_test(answers, page="results")
    shown = text_of(at)
    assert "Co-operatives cannot hold GMS or PMS contracts. You hold a GMS contract." in shown
    assert "This assumes the new body" not in shown
    assert "Say what the new body would do" not in [link.label for link in at.get("page_link")]


def test_when_no_rule_bears_on_the_fit_the_page_says_so_instead_of_naming_no_constraint(app_test, example_answers):
    answers = example_answers("small_rural_gms")
    answers.profile.body_role = "alongside"
    shown = text_of(app_test(answers, page="results"))
    assert build_findings(answers, get_content()).next_steps.structure.no_constraint in shown
    assert "The constraint that matters most for you" not in shown
