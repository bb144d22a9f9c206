"""The action plan's core: suggestions from the case studies, and adding, editing and deleting actions."""

import datetime as dt

import pytest
from pydantic import ValidationError

from assessment.actions import (
    action_from_suggestion,
    actions_for,
    add_action,
    cite_text,
    delete_action,
    make_action,
    suggest_actions,
    suggestion_in_plan,
    update_action,
)
from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.content_models import CaseStudy, Citation, CitedText, PrincipleLink, Source
from assessment.errors import DuplicateAction
from tests.factories import make_content

BOX_3 = Citation(source="nuffield2013", section="Chapter 5, Box 3")
BOX_9 = Citation(source="nuffield2013", section="Chapter 5, Box 9")
SOURCE = Source(id="nuffield2013", file="x.txt", title="Securing the future of general practice",
                author="Nuffield Trust and The King's Fund (Smith J and others)", year="2013", summary="s")


def case(case_id: str, links: dict[int, tuple[str, Citation]], did: list[tuple[str, Citation]] = ()) -> CaseStudy:
    return CaseStudy(
        id=case_id, name=case_id.replace("_", " ").title(), org_type="Federation", country="England",
        setting="urban", purpose=CitedText(text="Purpose.", cite=BOX_3),
        what_they_did=[CitedText(text=t, cite=c) for t, c in did] or [CitedText(text="Something.", cite=BOX_9)],
        principles=[PrincipleLink(number=n, note=note, cite=c) for n, (note, c) in links.items()],
        sources=[BOX_3],
    )


def content_with(*cases: CaseStudy, sources=(SOURCE,)):
    return make_content().model_copy(update={"case_studies": list(cases), "sources": list(sources)})


def test_suggestions_for_a_principle_come_from_the_case_studies_linked_to_it():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)}),
                           case("other_group", {5: ("Shared a pharmacist.", BOX_9)}))
    suggestions = suggest_actions(3, content)
    assert [(s.case_study_id, s.case_study_name, s.text) for s in suggestions] == [
        ("hub_group", "Hub Group", "Ran a shared triage hub.")]


def test_each_suggestion_carries_its_citation_in_words():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)}))
    (suggestion,) = suggest_actions(3, content)
    assert suggestion.cite == BOX_3
    assert suggestion.citation == "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 3"


def test_a_citation_from_a_source_with_no_year_leaves_the_year_out():
    undated = SOURCE.model_copy(update={"id": "bma_gpc", "author": "BMA General Practitioners Committee",
                                        "year": "not stated (it refers to the 2013/14 contract)"})
    content = content_with(sources=(undated,))
    assert cite_text(Citation(source="bma_gpc", section="Section 4"), content) == (
        "BMA General Practitioners Committee, Section 4")


def test_what_a_case_did_is_offered_when_cited_from_the_passage_that_links_it_to_the_principle():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)},
                                did=[("Pooled receptionists across sites.", BOX_3),
                                     ("Bought a building.", BOX_9)]))
    texts = [s.text for s in suggest_actions(3, content)]
    assert texts == ["Ran a shared triage hub.", "Pooled receptionists across sites."]


def test_the_same_text_from_one_case_is_offered_once():
    content = content_with(case("hub_group", {3: ("Ran a shared  triage hub.", BOX_3)},
                                did=[("Ran a shared triage hub.", BOX_3)]))
    assert len(suggest_actions(3, content)) == 1


def test_a_principle_no_case_study_is_linked_to_has_no_suggestions():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)}))
    assert suggest_actions(7, content) == []


def test_an_action_started_from_a_suggestion_remembers_its_case_study_and_principle():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)}))
    action = action_from_suggestion(suggest_actions(3, content)[0])
    assert (action.principle, action.suggestion_from, action.action, action.status) == (
        3, "hub_group", "Learn from Hub Group: Ran a shared triage hub.", "not_started")


def test_new_actions_get_distinct_ids():
    assert len({make_action("Do it").id for _ in range(50)}) == 50


def test_an_action_needs_some_words():
    with pytest.raises(ValidationError):
        make_action("   ")


def plan(*texts: str) -> Answers:
    answers = Answers()
    for number, text in enumerate(texts, start=1):
        add_action(answers, make_action(text, principle=number))
    return answers


def test_updating_an_action_changes_only_that_action():
    answers = plan("First", "Second")
    first, second = answers.actions
    update_action(answers, second.id, owner="Dr Ó'Brien", due=dt.date(2026, 3, 1), status="in_progress")
    assert answers.actions[0] == first
    assert (answers.actions[1].owner, answers.actions[1].due, answers.actions[1].status) == (
        "Dr Ó'Brien", dt.date(2026, 3, 1), "in_progress")


def test_an_edit_that_empties_the_action_is_refused_and_the_action_is_kept():
    answers = plan("First")
    with pytest.raises(ValidationError):
        update_action(answers, answers.actions[0].id, action="  ")
    assert answers.actions[0].action == "First"


def test_deleting_an_action_removes_only_that_action():
    answers = plan("First", "Second", "Third")
    delete_action(answers, answers.actions[1].id)
    assert [a.action for a in answers.actions] == ["First", "Third"]


def test_actions_for_a_principle_are_those_recorded_against_it():
    answers = plan("First", "Second")
    add_action(answers, make_action("General"))
    assert [a.action for a in actions_for(answers, 2)] == ["Second"]
    assert [a.action for a in actions_for(answers, None)] == ["General"]


def test_actions_come_back_unchanged_from_the_saved_answers_file():
    answers = plan("Set up a shared triage hub", "Agree a data-sharing protocol")
    update_action(answers, answers.actions[0].id, owner="Priya Shah", due=dt.date(2026, 6, 30), status="done")
    assert parse_answers(answers.to_json()).actions == answers.actions


def test_the_shipped_case_studies_give_cited_suggestions_for_several_principles():
    content = get_content()
    source_ids = {s.id for s in content.sources}
    by_principle = {n: suggest_actions(n, content) for n in range(1, 13)}
    assert sum(bool(s) for s in by_principle.values()) >= 3
    for suggestions in by_principle.values():
        for s in suggestions:
            assert s.text and s.case_study_name and s.cite.source in source_ids and s.citation


def test_a_suggestion_counts_as_in_the_plan_until_its_action_is_reworded():
    content = content_with(case("hub_group", {3: ("Ran a shared triage hub.", BOX_3)}))
    (suggestion,) = suggest_actions(3, content)
    answers = Answers()
    assert not suggestion_in_plan(suggestion, answers.actions)
    add_action(answers, action_from_suggestion(suggestion))
    assert suggestion_in_plan(suggestion, answers.actions)
    update_action(answers, answers.actions[0].id, action="Run a triage hub with Riverside")
    assert not suggestion_in_plan(suggestion, answers.actions)


def test_an_identical_action_for_the_same_principle_is_refused_but_allowed_under_another():
    answers = Answers()
    add_action(answers, make_action("Agree a shared rota", principle=3))
    with pytest.raises(DuplicateAction, match="already in your plan under design principle 3"):
        add_action(answers, make_action("agree a  shared ROTA", principle=3))
    add_action(answers, make_action("Agree a shared rota", principle=4))
    assert [(a.principle, a.action) for a in answers.actions] == [(3, "Agree a shared rota"),
                                                                  (4, "Agree a shared rota")]


def test_a_target_below_the_current_level_is_flagged_and_not_sure_is_not():
    assert PrincipleAnswer(current=3, target=1).target_below_now
    assert not PrincipleAnswer(current=1, target=3).target_below_now
    assert not PrincipleAnswer(current=2, target=2).target_below_now
    assert not PrincipleAnswer(not_sure=True, target=1).target_below_now
