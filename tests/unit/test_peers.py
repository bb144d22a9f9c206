"""Closest peers on the shipped content: health system, scale, setting, model, contract and the practice's own top
gaps, weighed as content/peers_method.yaml says, with every reason and difference shown and no weak match offered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Answers, Practice, PrincipleAnswer, Profile
from assessment.compare import closest_peers, no_close_peer, peer_candidates
from assessment.content import get_content, load_content
from assessment.content_models import Citation, CitedText
from assessment.findings import build_findings
from assessment.scoring import score

CONTENT = get_content()
METHOD = CONTENT.peer_method
CASES = {c.id: c for c in CONTENT.case_studies}
SIMILAR_POPULATION_ONLY = "population"


def practice(size=9800, setting="suburban", contracts=("gms",), aims=(), gaps=None) -> Answers:
    """One practice in England; gaps: {principle: (current, target)}."""
    answers = Answers(profile=Profile(practices=[Practice(name="Oak Lane Surgery", list_size=size, setting=setting,
                                                          contracts=list(contracts))], aims=list(aims)))
    for number, (current, target) in (gaps or {}).items():
        answers.principles[number] = PrincipleAnswer(current=current, target=target)
    return answers


def peers_of(answers: Answers, **kwargs):
    return closest_peers(answers.profile, CONTENT, summary=score(answers, CONTENT), **kwargs)


def candidate(answers: Answers, case_id: str):
    return next(p for p in peer_candidates(answers.profile, CONTENT, summary=score(answers, CONTENT))
                if p.case_id == case_id)


def test_the_suburban_gms_practice_from_the_issue_is_not_offered_peers_abroad_on_population_alone():
    peers = peers_of(practice())
    assert peers, "English case studies of a workable size are close to a 9,800-patient English practice"
    for peer in peers:
        assert not (len(peer.reasons) == 1 and peer.reasons[0].startswith(SIMILAR_POPULATION_ONLY))
        assert METHOD.health_system(CASES[peer.case_id].country).similarity > 0, peer.case_name


@pytest.mark.parametrize(("answers", "case_id", "reason"), [
    (practice(), "midlands_medical_partnership", "also in the NHS in England"),
    (practice(), "midlands_medical_partnership",
     "also holds GMS (Source: BMA General Practitioners Committee, Case study: Midlands Medical Partnership)"),
    (practice(), "nairn_healthcare_group",
     "in the NHS in Scotland, with its own contracts and policy: close to the NHS in England, but not the same"),
    (practice(setting="urban"), "hurley_group", "also urban"),
    (practice(gaps={4: (0, 3)}), "botermarkt",
     "the sources give it as an example of principle 4, Continuity and access, one of your largest gaps"),
])
def test_each_likeness_is_given_as_a_reason_in_words(answers, case_id, reason):
    assert reason in candidate(answers, case_id).reasons


@pytest.mark.parametrize(("answers", "case_id", "difference"), [
    (practice(), "tower_hamlets",
     "holds APMS, where you hold GMS (Source: Nuffield Trust and The King's Fund 2013, Chapter 6, Box 13)"),
    (practice(), "botermarkt", "in Belgium: a health system outside the UK, not the NHS"),
    (practice(), "hokianga", "in New Zealand: a health system outside the UK, not the NHS"),
    (practice(), "hurley_group", "urban, where you are suburban"),
    (practice(size=1000), "hurley_group", "population 100,000 (the sources say “a registered population of "
                                           "100,000”) vs your list of 1,000: about 100 times larger"),
])
def test_each_plain_difference_is_shown_beside_the_reasons(answers, case_id, difference):
    found = candidate(answers, case_id)
    assert difference in found.contrasts
    assert difference not in found.reasons


def test_a_case_study_that_exemplifies_your_top_gaps_ranks_above_the_same_case_without_them():
    plain = candidate(practice(), "botermarkt").similarity
    with_gaps = candidate(practice(gaps={4: (0, 3), 6: (0, 3)}), "botermarkt").similarity
    assert with_gaps == pytest.approx(plain + 2 * METHOD.weights.top_gap)


def test_only_the_top_gaps_count_and_not_every_gap():
    # Four gaps: principle 4 is the smallest, so it is not among the top three and Botermarkt gains nothing for it.
    answers = practice(gaps={1: (0, 4), 2: (0, 4), 3: (0, 4), 4: (2, 3)})
    assert not any("principle 4" in r for r in candidate(answers, "botermarkt").reasons)


def test_where_no_case_study_reaches_the_threshold_none_is_offered_and_the_findings_say_so():
    strict = CONTENT.model_copy(update={"peer_method": METHOD.model_copy(update={"threshold": 1000.0})})
    answers = practice()
    found = build_findings(answers, strict)
    assert found.peers == []
    assert "No case study in the sources is close enough" in found.no_close_peer


def test_with_an_empty_profile_the_findings_ask_for_it_rather_than_saying_no_peer_is_close():
    assert "give your list size" in no_close_peer(Profile(), CONTENT, [])
    assert no_close_peer(Profile(), CONTENT, peers_of(practice())) == ""


def test_the_weights_and_threshold_are_content_with_a_cited_rationale():
    assert METHOD.rationale.cite.source == "nuffield2013"
    assert METHOD.threshold > max(METHOD.weights.scale, METHOD.weights.setting, METHOD.weights.aims), (
        "a lone likeness other than health system must not be enough to make a peer")


def test_a_case_studys_country_outside_every_health_system_is_a_content_error(tmp_path):
    from assessment.content import CONTENT_DIR, check_references
    assert load_content(CONTENT_DIR) == CONTENT
    moved = CONTENT.model_copy(update={"case_studies": [CASES["botermarkt"].model_copy(update={"country": "Mars"}),
                                                        *CONTENT.case_studies[1:]]})
    assert any("country 'Mars' is in no health system" in p for p in check_references(moved))


profiles = st.builds(
    lambda size, setting, contracts, aims, gaps: practice(size=size, setting=setting, contracts=contracts, aims=aims,
                                                          gaps=gaps),
    st.one_of(st.none(), st.integers(min_value=1, max_value=2_000_000)),
    st.sampled_from([None, "urban", "suburban", "rural", "remote"]),
    st.lists(st.sampled_from(["gms", "pms", "apms"]), unique=True, max_size=2),
    st.lists(st.sampled_from([a.id for a in CONTENT.aims]), unique=True, max_size=4),
    st.dictionaries(st.integers(min_value=1, max_value=12),
                    st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=5),
)


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_every_peer_offered_has_a_reason_and_reaches_the_threshold_and_no_closer_one_is_left_out(answers):
    offered = peers_of(answers, n=len(CONTENT.case_studies))
    for peer in offered:
        assert peer.reasons, "a peer is never offered without a reason"
        assert peer.similarity >= METHOD.threshold
    weighed = peer_candidates(answers.profile, CONTENT, summary=score(answers, CONTENT))
    assert [p.case_id for p in offered] == [p.case_id for p in weighed if p.similarity >= METHOD.threshold]


def test_the_rationale_model_refuses_a_missing_citation():
    with pytest.raises(ValueError):
        CitedText(text="Why.", cite=None)  # type: ignore[arg-type]
    assert Citation(source="nuffield2013", section="Chapter 4, Primary care organisations")
