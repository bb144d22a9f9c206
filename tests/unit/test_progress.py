"""Progress through the self-assessment: which sections are done, started or not started."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.answers import Answers, Practice, PrincipleAnswer, Profile, parse_answers
from assessment.content import get_content
from assessment.progress import overall, progress_of, section_progress, where_to_carry_on
from tests.factories import make_answers, make_content

CONTENT = make_content(readiness=3, components=4)
ROOT = Path(__file__).resolve().parents[2]


def by_id(answers: Answers) -> dict[str, tuple[int, int]]:
    return {s.id: (s.done, s.total) for s in section_progress(answers, CONTENT)}


def test_a_new_assessment_has_nothing_done():
    progress = section_progress(Answers(), CONTENT)
    assert [s.id for s in progress] == ["profile", "readiness", "principles", "components"]
    assert [(s.done, s.started, s.complete) for s in progress] == [(0, False, False)] * 4
    assert overall(progress) == 0


def test_not_sure_counts_as_done_because_the_question_was_considered():
    answers = make_answers(readiness={"readiness_1": "not_sure", "readiness_2": 0})
    assert by_id(answers)["readiness"] == (2, 3)


def test_answers_to_questions_no_longer_in_the_content_are_not_counted():
    answers = make_answers(components={"components_1": 2, "retired_question": 1})
    assert by_id(answers)["components"] == (1, 4)


@pytest.mark.parametrize(("given", "done"), [
    (PrincipleAnswer(current=2), 0),
    (PrincipleAnswer(target=3), 0),
    (PrincipleAnswer(current=2, target=3), 1),
    (PrincipleAnswer(not_sure=True), 1),
])
def test_a_principle_is_done_with_both_levels_or_not_sure(given, done):
    assert by_id(Answers(principles={4: given}))["principles"] == (done, 12)


def test_the_profile_is_complete_when_every_practice_is_described_with_aims_and_role():
    practice = Practice(name="Riverside", list_size=9000, setting="urban", contracts=["gms"])
    profile = Profile(practices=[practice], aims=["share_costs"], respondent_role="gp_partner")
    (section,) = [s for s in section_progress(Answers(profile=profile), CONTENT) if s.id == "profile"]
    assert section.complete


def test_a_second_practice_without_a_name_leaves_the_profile_incomplete():
    described = Practice(name="Riverside", list_size=9000, setting="urban", contracts=["gms"])
    profile = Profile(practices=[described, Practice(list_size=100, setting="rural", contracts=["pms"])],
                      aims=["share_costs"], respondent_role="gp_partner")
    assert by_id(Answers(profile=profile))["profile"] == (5, 6)


def test_overall_progress_is_the_share_of_all_items_done():
    answers = make_answers(readiness={"readiness_1": 1}, components={"components_1": 1},
                           principles={n: (1, 2) for n in range(1, 13)})
    assert overall(section_progress(answers, CONTENT)) == pytest.approx(14 / (6 + 3 + 12 + 4))


@pytest.mark.parametrize("section_id", ["profile", "readiness", "principles", "components"])
def test_one_sections_progress_is_the_same_as_in_the_list_of_all(section_id):
    answers = make_answers(readiness={"readiness_1": 1}, components={"components_2": "not_sure"},
                           principles={3: (1, 2), 4: "not_sure"})
    (expected,) = [s for s in section_progress(answers, CONTENT) if s.id == section_id]
    assert progress_of(section_id, answers, CONTENT) == expected


def test_a_returning_person_carries_on_at_the_first_section_not_done_and_a_new_one_is_only_asked_to_start():
    content = get_content()
    assert where_to_carry_on(section_progress(Answers(), content)) is None
    done = parse_answers((ROOT / "examples" / "small_rural_gms.json").read_bytes())
    assert where_to_carry_on(section_progress(done, content)) == "results"
    done.components = {}
    assert where_to_carry_on(section_progress(done, content)) == "components"
    done.profile.respondent_role = None  # an incomplete profile comes first, though later sections are begun
    assert where_to_carry_on(section_progress(done, content)) == "profile"
