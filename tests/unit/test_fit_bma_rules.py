"""The BMA guidance's hard rules, as the shipped content encodes them, reach the practice as "Not possible".

Each rule is tested against the real content, then against a copy with the rule taken out, so the test fails if
either the content loses the rule or the engine stops reading it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from assessment.answers import Practice, Preferences, Profile, parse_answers
from assessment.content import get_content
from assessment.content_models import Content, SettingNote
from assessment.fit import rank_legal_forms, rank_options

CONTENT = get_content()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def find(items, pattern: str):
    """The one content item whose name matches (ids are the content authors' to choose)."""
    found = [item for item in items if re.search(pattern, f"{item.id} {item.name}", re.IGNORECASE)]
    assert len(found) == 1, f"expected one item matching {pattern!r}, found {[i.id for i in found]}"
    return found[0]


LLP = find(CONTENT.legal_structures, r"limited liability partnership|\bllp\b")
CHARITY = find(CONTENT.legal_structures, r"charit")
COOPERATIVE = find(CONTENT.structural_options, r"co-?operative")


def practice(*contracts: str, **preferences) -> Profile:
    return Profile(practices=[Practice(name="Test", list_size=8000, contracts=list(contracts))],
                   preferences=Preferences(**preferences))


def result(results, item):
    return next(r for r in results if r.id == item.id)


def unbar(content: Content, kind: str, item_id: str) -> Content:
    """A copy of the content with every barred contract rule of one item made "not_stated"."""
    items = [i.model_copy(update={"contracts": [r.model_copy(update={"status": "not_stated"})
                                               if r.status == "barred" else r for r in i.contracts]})
             if i.id == item_id else i for i in getattr(content, kind)]
    return content.model_copy(update={kind: items})


def test_a_gms_practice_sees_an_llp_as_not_possible_citing_the_bma_guidance():
    llp = result(rank_legal_forms(practice("gms"), CONTENT), LLP)
    assert not llp.possible
    assert llp.blockers[0].cite.source == "bma_gpc"
    assert "GMS" in llp.blockers[0].reason and llp.blockers[0].citation.startswith("BMA")


def test_without_the_barred_rule_in_the_content_a_gms_practice_may_form_an_llp():
    assert result(rank_legal_forms(practice("gms"), unbar(CONTENT, "legal_structures", LLP.id)), LLP).possible


@pytest.mark.parametrize("contract", ["gms", "pms"])
def test_a_gms_or_pms_practice_sees_a_gp_cooperative_as_not_possible_citing_the_bma_guidance(contract):
    coop = result(rank_options(practice(contract), CONTENT), COOPERATIVE)
    assert not coop.possible
    assert coop.blockers[0].cite.source == "bma_gpc" and contract.upper() in coop.blockers[0].reason


def test_an_apms_practice_may_form_a_gp_cooperative():
    assert result(rank_options(practice("apms"), CONTENT), COOPERATIVE).possible


def test_without_the_barred_rules_in_the_content_a_gms_practice_may_form_a_gp_cooperative():
    content = unbar(CONTENT, "structural_options", COOPERATIVE.id)
    assert result(rank_options(practice("gms"), content), COOPERATIVE).possible


def test_a_charity_is_not_possible_for_a_gms_practice_to_whom_the_nhs_pension_is_very_important():
    charity = result(rank_legal_forms(practice("gms", nhs_pension="very"), CONTENT), CHARITY)
    assert not charity.possible
    assert any(b.cite.source == "bma_gpc" and "Pension" in b.reason for b in charity.blockers)


def test_a_charity_is_possible_when_the_content_no_longer_says_it_has_no_pension_eligibility():
    flag = CHARITY.nhs_pension.model_copy(update={"value": "not_stated", "cite": None})
    content = CONTENT.model_copy(update={"legal_structures": [
        lg.model_copy(update={"nhs_pension": flag}) if lg.id == CHARITY.id else lg for lg in CONTENT.legal_structures]})
    content = unbar(content, "legal_structures", CHARITY.id)
    assert result(rank_legal_forms(practice("gms", nhs_pension="very"), content), CHARITY).possible


def test_the_charity_pension_rule_rules_the_form_out_only_when_the_pension_is_very_important():
    charity = result(rank_legal_forms(practice("gms", nhs_pension="somewhat"), CONTENT), CHARITY)
    assert charity.possible and not any("Pension" in b.reason for b in charity.blockers)
    assert any("NHS Pension" in r for r in charity.reasons_down)


@pytest.mark.parametrize("pension", [None, "not_important", "somewhat"])
@pytest.mark.parametrize("contract", ["gms", "pms"])
def test_a_gms_or_pms_practice_always_sees_not_possible_nhs_pension_for_a_charity_citing_the_bma(contract, pension):
    charity = result(rank_legal_forms(practice(contract, nhs_pension=pension), CONTENT), CHARITY)
    [statement] = charity.restrictions
    assert statement.sentence.startswith("Not possible: NHS Pension Scheme eligibility through a charity")
    assert "No eligibility for the NHS Pension Scheme for GMS/PMS contracting" in statement.sentence
    assert statement.cite.source == "bma_gpc" and statement.citation.startswith("BMA")


def test_without_the_pension_rule_in_the_content_a_gms_practice_sees_no_pension_statement_for_a_charity():
    flag = CHARITY.nhs_pension.model_copy(update={"value": "not_stated", "cite": None})
    content = CONTENT.model_copy(update={"legal_structures": [
        lg.model_copy(update={"nhs_pension": flag}) if lg.id == CHARITY.id else lg for lg in CONTENT.legal_structures]})
    assert result(rank_legal_forms(practice("gms"), content), CHARITY).restrictions == []


def test_a_practice_that_has_not_given_its_contracts_sees_the_charity_pension_rule_as_a_condition():
    charity = result(rank_legal_forms(practice(), CONTENT), CHARITY)
    assert any(c.condition.startswith("Not possible if you hold a GMS or PMS contract: NHS Pension Scheme")
               and c.cite.source == "bma_gpc" for c in charity.blocked_if)


# --- setting -------------------------------------------------------------------------------------------


def test_a_setting_note_cannot_lean_on_a_setting_it_does_not_name():
    cite = CONTENT.structural_options[0].cite
    with pytest.raises(ValidationError, match="leans on remote, which the note does not name"):
        SettingNote(text="Rural practices can still collaborate.", cite=cite, leans={"rural": 1, "remote": 1})


def test_the_shipped_setting_notes_lean_only_where_the_bma_and_the_report_speak_for_or_against():
    leanings = {o.id: {s: v for n in o.setting_notes for s, v in n.leans.items()} for o in CONTENT.structural_options}
    assert leanings["joint_premises"] == {"rural": -1, "remote": -1}
    assert leanings["gp_cooperative"] == {"rural": 1} and leanings["community_health_org"] == {"remote": 1}
    assert leanings["super_partnership"] == {}  # "works in very different settings" leans neither way


def test_a_rural_practice_sees_joint_premises_fall_and_a_gp_cooperative_rise_for_what_the_bma_says():
    rural = {r.id: r for r in rank_options(Profile(practices=[Practice(setting="rural")]), CONTENT)}
    assert any("your practice is rural" in r and "rural patients" in r for r in rural["joint_premises"].reasons_down)
    assert any("your practice is rural" in r and "rural areas" in r for r in rural["gp_cooperative"].reasons_up)
    urban = {r.id: r for r in rank_options(Profile(practices=[Practice(setting="urban")]), CONTENT)}
    assert urban["joint_premises"].score == 0 and urban["gp_cooperative"].score == 0


def test_a_suburban_practice_is_not_shown_the_note_on_urban_inner_city_birmingham():
    suburban = rank_options(Profile(practices=[Practice(setting="suburban")]), CONTENT)
    assert not any("urban" in n.text for r in suburban for n in r.setting_notes)
    urban = rank_options(Profile(practices=[Practice(setting="urban")]), CONTENT)
    assert any("Birmingham" in n.text for r in urban for n in r.setting_notes)


# --- what the new body is for -----------------------------------------------------------------------------


def for_body(role, *contracts: str, **preferences) -> Profile:
    return practice(*contracts, **preferences).model_copy(update={"body_role": role})


def everything_said(fit) -> str:
    return " ".join([b.sentence for b in fit.blockers + fit.restrictions] + [c.condition for c in fit.blocked_if]
                    + [n.heading + " " + " ".join(p.text for p in n.points) for n in fit.notes])


@pytest.mark.parametrize("role", [None, "hold_core"])
def test_a_body_holding_the_core_contracts_cannot_be_a_co_operative_or_an_llp_for_a_gms_practice(role):
    profile = for_body(role, "gms", nhs_pension="somewhat")
    assert not result(rank_options(profile, CONTENT), COOPERATIVE).possible
    assert not result(rank_legal_forms(profile, CONTENT), LLP).possible
    [restriction] = result(rank_legal_forms(profile, CONTENT), CHARITY).restrictions
    assert restriction.sentence.startswith("Not possible: NHS Pension Scheme eligibility through a charity")


def test_a_co_operative_working_alongside_gms_practices_is_possible_citing_badger_beside_the_rule():
    coop = result(rank_options(for_body("alongside", "gms"), CONTENT), COOPERATIVE)
    assert coop.possible and coop.blockers == [] and coop.blocked_if == []
    [note] = coop.notes
    assert "this rule is about the body holding GMS contracts" in note.heading
    assert note.points[0].text == "Co-operatives cannot hold GMS or PMS contracts."
    assert any("BADGER" in p.text and "since the GMS contract came in in 2004" in p.text for p in note.points)
    assert all(p.citation.startswith("BMA") for p in note.points)
    assert "Not possible" not in everything_said(coop)


def test_an_llp_working_alongside_gms_practices_shows_both_the_rule_and_the_mmp_joint_venture_each_cited():
    llp = result(rank_legal_forms(for_body("alongside", "gms"), CONTENT), LLP)
    assert llp.possible and llp.blockers == []
    [note] = llp.notes
    assert "the sources pull two ways" in note.heading
    rule, mmp = note.points[0], note.points[1]
    assert "GMS practices would be prevented from forming LLPs" in rule.text
    assert rule.cite.section == "Legal structures: Limited liability partnerships"
    assert "Midlands Medical Partnership" in mmp.text and "walk-in centre as a joint venture" in mmp.text
    assert mmp.cite.section == "Case study: Midlands Medical Partnership"
    assert "Not possible" not in everything_said(llp)


def test_a_charity_working_alongside_gms_practices_is_not_called_not_possible_on_a_gms_pms_pension_rule():
    charity = result(rank_legal_forms(for_body("alongside", "gms", nhs_pension="very"), CONTENT), CHARITY)
    assert charity.possible and charity.restrictions == [] and charity.blockers == []
    assert any("for GMS or PMS contracting only" in n.heading for n in charity.notes)
    assert not any("NHS Pension" in r for r in charity.reasons_down)


def test_not_sure_what_the_body_would_do_shows_both_readings_and_calls_nothing_not_possible_outright():
    profile = for_body("not_sure", "gms", nhs_pension="very")
    coop = result(rank_options(profile, CONTENT), COOPERATIVE)
    llp = result(rank_legal_forms(profile, CONTENT), LLP)
    charity = result(rank_legal_forms(profile, CONTENT), CHARITY)
    for fit in (coop, llp, charity):
        assert fit.possible and fit.blockers == [] and fit.restrictions == []
        assert any(c.condition.startswith("Not possible if the new body would hold your GMS contracts: ")
                   for c in fit.blocked_if), fit.id
        assert any(n.heading.startswith("If instead the new body worked alongside") for n in fit.notes), fit.id
    assert any("Midlands Medical Partnership" in p.text for n in llp.notes for p in n.points)


def test_an_old_answers_file_without_the_body_question_still_loads_and_reads_as_holding_the_core_contracts():
    example = EXAMPLES / "urban_federation.json"
    assert "body_role" not in example.read_text(encoding="utf-8")
    profile = parse_answers(example.read_bytes()).profile
    assert profile.body_role is None and profile.contracts
    as_core = profile.model_copy(update={"body_role": "hold_core"})
    assert rank_options(profile, CONTENT) == rank_options(as_core, CONTENT)
    assert rank_legal_forms(profile, CONTENT) == rank_legal_forms(as_core, CONTENT)
