""""What to do next": where the practice stands, its top three priorities with what a named case study did, the
structure that fits best with the constraint that matters most, and the first actions, all from the findings."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.actions import add_action, make_action
from assessment.answers import Answers, Practice, PrincipleAnswer, Profile
from assessment.compare import exemplars_for
from assessment.content import get_content
from assessment.findings import build_findings
from assessment.next_steps import WhatToDoNext, structure
from tests.factories import make_answers, make_content

CONTENT = get_content()


def example(name: str) -> Answers:
    from pathlib import Path
    return Answers.model_validate_json((Path(__file__).parents[2] / "examples" / f"{name}.json").read_text())


def steps_of(answers: Answers, content=CONTENT) -> WhatToDoNext:
    return build_findings(answers, content).next_steps


def test_the_top_priorities_are_the_three_largest_gaps_in_their_order():
    answers = example("urban_federation")
    found = build_findings(answers, CONTENT)
    assert [p.principle for p in found.next_steps.priorities] == [g.number for g in found.gaps[:3]]
    assert found.next_steps.priorities_note == ""


def test_each_priority_names_a_case_study_and_what_it_did_in_the_contents_words_with_its_citation():
    for step in steps_of(example("urban_federation")).priorities:
        offered = {(ex.case_name, ex.text, ex.citation) for ex in exemplars_for(step.principle, CONTENT)}
        assert (step.case_name, step.did, step.citation) in offered


def test_a_priority_prefers_the_example_of_a_close_peer():
    found = build_findings(example("urban_federation"), CONTENT)
    peers = [p.case_id for p in found.peers]
    for step in found.next_steps.priorities:
        examples = exemplars_for(step.principle, CONTENT)
        among_peers = [ex.case_name for ex in examples if ex.case_id in peers]
        if among_peers:
            assert step.case_name in among_peers


def test_a_priority_the_sources_give_no_example_for_says_so_rather_than_inventing_one():
    steps = steps_of(make_answers(principles={1: (0, 3)}), make_content())
    assert [(p.principle, p.case_name, p.did) for p in steps.priorities] == [(1, "", "")]


def test_with_no_levels_there_are_no_priorities_and_the_summary_says_what_is_missing():
    steps = steps_of(Answers())
    assert steps.priorities == []
    assert steps.priorities_note.startswith("No priorities yet: place yourselves on the design principles")
    assert "No answers yet for readiness to work together." in steps.missing
    assert steps.standing.startswith("Nothing is scored yet")


def test_with_fewer_than_three_gaps_it_says_why_there_are_fewer():
    steps = steps_of(make_answers(principles={1: (0, 3), 2: (2, 2)}), make_content())
    assert len(steps.priorities) == 1
    assert steps.priorities_note == ("Only 1 of the design principles you placed has a target above where you are "
                                     "now, so there is nothing more to rank.")


def test_principles_left_unplaced_are_counted_as_missing():
    steps = steps_of(make_answers(principles={1: (0, 3)}), make_content())
    assert ("11 of the 12 design principles have no current level or target yet, so their gaps cannot be ranked."
            in steps.missing)


def test_the_standing_names_the_strongest_and_weakest_sections_with_score_and_band():
    content = make_content()
    answers = make_answers(readiness={"readiness_1": 3}, components={"components_1": 0},
                           principles={1: (2, 3), 8: (1, 2)})
    assert steps_of(answers, content).standing == (
        "Your strongest area is readiness to work together (100, strength) and your weakest the essential "
        "components of a collaboration (0, area of concern). Of the design principles you are furthest on "
        "Principle 1 (level 2 of 4) and least far on Principle 8 (level 1); you answered 4 of 18 questions.")


def test_the_structure_is_the_best_possible_option_and_legal_form_of_the_fit():
    found = build_findings(example("small_rural_gms"), CONTENT)
    best = found.next_steps.structure
    assert best.option == next(r.name for r in found.fit.options if r.possible)
    assert best.legal_form == next(r.name for r in found.fit.legal_forms if r.possible)
    assert best.option_citation and best.legal_form_citation


def test_the_constraint_is_one_the_fit_states_with_its_citation():
    found = build_findings(example("small_rural_gms"), CONTENT)
    best = found.next_steps.structure
    rules = {(b.reason, b.citation) for r in found.fit.all for b in [*r.blockers, *r.restrictions, *r.blocked_if]}
    assert any(reason in best.constraint and citation == best.constraint_citation for reason, citation in rules)


def with_body_role(answers: Answers, role: str | None) -> Answers:
    return answers.model_copy(update={"profile": answers.profile.model_copy(update={"body_role": role})})


def test_a_contract_rule_constraint_says_it_assumes_the_body_holds_the_core_contracts_when_the_profile_has_not_said():
    best = steps_of(example("small_rural_gms")).structure
    assert best.constraint.startswith("GP co-operative is not possible for you: Co-operatives cannot hold GMS or PMS")
    assert best.constraint_assumes == ("This assumes the new body would hold your core contracts, as you have not "
                                       "said what it would do: answer “What would the new body do?” in the practice "
                                       "profile.")


def test_once_the_profile_says_the_body_would_hold_the_core_contracts_the_constraint_assumes_nothing():
    best = steps_of(with_body_role(example("small_rural_gms"), "hold_core")).structure
    assert best.constraint.startswith("GP co-operative is not possible for you: Co-operatives cannot hold GMS or PMS")
    assert best.constraint_assumes == ""


def test_a_constraint_that_is_no_contract_rule_assumes_nothing_of_the_body():
    found = build_findings(example("small_rural_gms"), CONTENT)
    rule = next(b for r in found.fit.all for b in [*r.blockers, *r.restrictions, *r.blocked_if])
    options = [r.model_copy(update={"blockers": [], "restrictions": [], "blocked_if": []}) for r in found.fit.options]
    legal = [r.model_copy(update={"blockers": [], "restrictions": [], "blocked_if": []}) for r in found.fit.legal_forms]
    options[-1] = options[-1].model_copy(update={"possible": False, "blockers": [rule.model_copy(
        update={"contract": None, "contracts": []})]})
    best, _ = structure(options, legal, True, CONTENT, body_role_given=False)
    assert best.constraint and best.constraint_assumes == ""


def test_without_fit_answers_no_structure_is_recommended_and_the_profile_is_asked_for():
    steps = steps_of(make_answers(principles={1: (0, 3)}))
    assert steps.structure is None
    assert "practice profile" in steps.structure_note


@pytest.mark.parametrize(("status", "shown"), [("not_started", True), ("in_progress", True), ("done", False)])
def test_first_actions_leave_out_the_done_ones(status, shown):
    answers = Answers()
    add_action(answers, make_action("Meet the neighbours", owner="Dr Shah", due=dt.date(2027, 1, 5)))
    answers.actions[0].status = status
    assert bool(steps_of(answers).actions) is shown


def test_first_actions_are_the_three_due_soonest_with_owner_and_date_in_words():
    answers = Answers()
    for day, owner in ((20, "Ann"), (5, ""), (9, "Bea"), (1, "Cal")):
        add_action(answers, make_action(f"Action due on the {day}th", owner=owner, due=dt.date(2027, 3, day)))
    add_action(answers, make_action("Undated action"))
    lines = [a.line for a in steps_of(answers).actions]
    assert lines == ["Action due on the 1th (Cal, by 1 March 2027)", "Action due on the 5th (no owner yet, by 5 March "
                     "2027)", "Action due on the 9th (Bea, by 9 March 2027)"]


def test_with_no_actions_it_invites_the_practice_to_make_them():
    assert steps_of(Answers()).actions_note.startswith("No actions yet. In the Action plan")


def test_what_to_do_next_is_part_of_the_findings_every_view_reads():
    answers = Answers(profile=Profile(practices=[Practice(list_size=5000, contracts=["gms"])]),
                      principles={3: PrincipleAnswer(current=0, target=2)})
    found = build_findings(answers, CONTENT)
    assert found.next_steps.priorities[0].title == found.gaps[0].title


def test_when_the_body_works_alongside_and_no_rule_bears_it_says_so_rather_than_naming_nothing():
    found = build_findings(with_body_role(example("small_rural_gms"), "alongside"), CONTENT)
    assert not any([*r.blockers, *r.restrictions, *r.blocked_if] for r in found.fit.all)
    best = found.next_steps.structure
    assert best.constraint == "" and best.no_constraint.startswith("On your answers, none of the rules the sources")


def test_when_not_sure_what_the_body_would_do_the_constraint_is_the_rule_that_would_apply_if_it_held_the_contracts():
    found = build_findings(with_body_role(example("small_rural_gms"), "not_sure"), CONTENT)
    best = found.next_steps.structure
    conditional = {(r.name, b.citation) for r in found.fit.all for b in r.blocked_if}
    assert best.constraint.startswith("GP co-operative: not possible if the new body would hold your GMS")
    assert ("GP co-operative", best.constraint_citation) in conditional
    assert best.no_constraint == ""


def test_a_constraint_and_the_no_constraint_sentence_never_both_show():
    for name in ("small_rural_gms", "urban_federation"):
        for role in ("hold_core", "alongside", "not_sure", None):
            best = steps_of(with_body_role(example(name), role)).structure
            assert bool(best.constraint) != bool(best.no_constraint), (name, role)


def test_sections_level_with_each_other_are_named_together_rather_than_one_picked_from_the_tie():
    content = make_content()
    answers = make_answers(readiness={"readiness_1": 3}, components={"components_1": 3},
                           principles={1: (0, 3), 8: (0, 2)})
    found = build_findings(answers, content)
    scores = {s.id: s.score for s in found.summary.sections if s.score is not None}
    assert scores["readiness"] == scores["components"] > min(scores.values())
    standing = found.next_steps.standing
    assert standing.startswith("Your strongest areas are readiness to work together and the essential components "
                               "of a collaboration (each 100, strength) and your weakest")
    assert "You placed all 2 design principles you answered at level 0" in standing


def test_when_every_scored_area_is_level_the_standing_says_so():
    content = make_content()
    answers = make_answers(readiness={"readiness_1": 3}, components={"components_1": 3})
    standing = steps_of(answers, content).standing
    assert standing.startswith("Your scored areas stand level: readiness to work together and the essential "
                               "components of a collaboration (each 100, strength).")
