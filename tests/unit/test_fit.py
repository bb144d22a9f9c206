"""The fit engine, on scenarios built from the BMA guidance's own statements (a small hand-made content set).

Each hard rule is tested twice: the practice it bars sees "not possible" with the citation, and the same practice
against a copy of the content without that rule sees the option as possible, so the rule comes from the data.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Practice, Preferences, Profile
from assessment.content_models import (
    Aim,
    CaseStudy,
    Citation,
    CitedText,
    Content,
    ContractRule,
    Flag,
    LegalStructure,
    SettingNote,
    Source,
    StructuralOption,
)
from assessment.fit import has_fit_answers, names_setting, rank_legal_forms, rank_options
from tests.factories import make_content

LEGAL = Citation(source="bma_gpc", section="Legal structures")
OPTIONS = Citation(source="bma_gpc", section="Structural options available to practices")
LLP_RULE = "As the regulations currently stand, GMS practices would be prevented from forming LLPs."
COOP_RULE = "Cooperatives cannot hold GMS or PMS contracts."
CHARITY_PENSION = "No eligibility for NHS Pension Scheme for GMS/PMS contracting."


def said(text: str) -> CitedText:
    return CitedText(text=text, cite=LEGAL)


def flag(value: str, note: str = "As the guidance says.") -> Flag:
    return Flag(value=value, note=note, cite=None if value == "not_stated" else LEGAL)


def rules(**status: str) -> list[ContractRule]:
    """One rule per contract; unnamed contracts are "not_stated"."""
    reasons = {"barred": "Barred by the guidance.", "allowed": "Allowed by the guidance.", "not_stated": "Not stated."}
    return [ContractRule(contract=c, status=status.get(c, "not_stated"), reason=reasons[status.get(c, "not_stated")],
                         cite=LEGAL) for c in ("gms", "pms", "apms")]


def legal(id: str, name: str, *, contracts=None, pension="not_stated", liability="not_stated", equity="not_stated",
          profit="not_stated", pension_note="As the guidance says.") -> LegalStructure:
    return LegalStructure(
        id=id, name=name, description=f"{name}.", advantages=[said(f"{name} advantage.")],
        disadvantages=[said(f"{name} disadvantage.")], contracts=contracts or rules(),
        nhs_pension=flag(pension, pension_note), limited_liability=flag(liability), equity_access=flag(equity),
        profit_making=flag(profit),
    )


def option(id: str, name: str, integration: int, *, aims=(), contracts=(), setting_notes=()) -> StructuralOption:
    return StructuralOption(
        id=id, name=name, kind="bma_option", description=f"{name}.", cite=OPTIONS,
        advantages=[CitedText(text=f"{name} advantage.", cite=OPTIONS)],
        disadvantages=[CitedText(text=f"{name} disadvantage.", cite=OPTIONS)],
        contracts=list(contracts), integration=integration, integration_cite=OPTIONS, aims=list(aims),
        setting_notes=[SettingNote(text=t, cite=OPTIONS) if isinstance(t, str)
                       else SettingNote(text=t[0], cite=OPTIONS, leans=t[1]) for t in setting_notes],
    )


def bma_content() -> Content:
    """The BMA's legal structures and structural options, reduced to the facts the fit engine reads."""
    llp_rules = [ContractRule(contract="gms", status="barred", reason=LLP_RULE, cite=LEGAL),
                 ContractRule(contract="pms", status="not_stated", reason="Not stated.", cite=LEGAL),
                 ContractRule(contract="apms", status="not_stated", reason="Not stated.", cite=LEGAL)]
    coop_rules = [ContractRule(contract="gms", status="barred", reason=COOP_RULE, cite=OPTIONS),
                  ContractRule(contract="pms", status="barred", reason=COOP_RULE, cite=OPTIONS),
                  ContractRule(contract="apms", status="allowed", reason="Can hold APMS contracts.", cite=OPTIONS)]
    base = make_content()
    return base.model_copy(update={
        "sources": [Source(id="bma_gpc", file="001.txt", title="Collaborative GP Alliances and Federations",
                           author="BMA General Practitioners Committee", year="not stated", summary="Guidance.")],
        "aims": [Aim(id="share_costs", label="Share staff, premises or back-office costs", cite=OPTIONS),
                 Aim(id="urgent_care", label="Provide out-of-hours or urgent care", cite=OPTIONS)],
        "legal_structures": [
            legal("partnership", "GP partnership", liability="no", equity="no", profit="yes"),
            legal("company_shares", "Private company limited by shares", pension="conditional", liability="yes",
                  equity="yes", profit="yes"),
            legal("cic", "Community interest company", pension="yes", liability="yes", equity="conditional",
                  profit="no"),
            legal("charity_cio", "Charity or CIO", pension="no", pension_note=CHARITY_PENSION, liability="yes",
                  equity="no", profit="no"),
            legal("llp", "Limited liability partnership", contracts=llp_rules, liability="yes", equity="no"),
            legal("company_guarantee", "Company limited by guarantee", liability="yes", equity="no", profit="no"),
        ],
        "structural_options": [
            option("simple_alliance", "Simple alliance", 0, aims=["share_costs"]),
            option("joint_premises", "Joint premises", 0, aims=["share_costs"],
                   setting_notes=[("Fewer local surgeries can mean rural patients travel further.", {"rural": -1})]),
            option("merger", "Merger", 2, contracts=[
                ContractRule(contract=c, status="allowed", reason="Merged practices can hold GMS, PMS and APMS "
                             "contracts.", cite=OPTIONS) for c in ("gms", "pms", "apms")]),
            option("gp_cooperative", "GP co-operative", 1, aims=["urgent_care"], contracts=coop_rules),
        ],
    })


CONTENT = bma_content()


def practice(*contracts: str, setting=None, aims=(), **preferences) -> Profile:
    return Profile(practices=[Practice(name="Test", list_size=9000, contracts=list(contracts), setting=setting)],
                   aims=list(aims), preferences=Preferences(**preferences))


def by_id(results):
    return {r.id: r for r in results}


def without_rule(content: Content, kind: str, item_id: str, contract: str) -> Content:
    """A copy of the content in which one item's rule for one contract is no longer "barred"."""
    items = []
    for item in getattr(content, kind):
        if item.id == item_id:
            changed = [r.model_copy(update={"status": "not_stated"}) if r.contract == contract else r
                       for r in item.contracts]
            item = item.model_copy(update={"contracts": changed})
        items.append(item)
    return content.model_copy(update={kind: items})


# --- hard rules ----------------------------------------------------------------------------------------


def test_a_gms_practice_sees_an_llp_as_not_possible_with_the_bma_reason_and_citation():
    llp = by_id(rank_legal_forms(practice("gms"), CONTENT))["llp"]
    assert not llp.possible
    assert [b.sentence for b in llp.blockers] == [f"Not possible: {LLP_RULE[:-1]}. You hold a GMS contract."]
    assert llp.blockers[0].cite == LEGAL


def test_without_the_barred_rule_a_gms_practice_may_form_an_llp():
    llp = by_id(rank_legal_forms(practice("gms"), without_rule(CONTENT, "legal_structures", "llp", "gms")))["llp"]
    assert llp.possible and llp.blockers == []


def test_the_llp_rule_bars_only_gms_so_a_pms_practice_may_form_an_llp():
    assert by_id(rank_legal_forms(practice("pms"), CONTENT))["llp"].possible


def test_a_gms_and_pms_practice_sees_a_cooperative_as_not_possible_once_naming_both_contracts():
    coop = by_id(rank_options(practice("gms", "pms"), CONTENT))["gp_cooperative"]
    assert not coop.possible
    assert [b.reason for b in coop.blockers] == ["Cooperatives cannot hold GMS or PMS contracts. You hold GMS and "
                                                 "PMS contracts."]
    assert coop.blockers[0].cite == OPTIONS


def test_without_the_barred_rules_a_gms_practice_may_form_a_cooperative():
    content = without_rule(CONTENT, "structural_options", "gp_cooperative", "gms")
    assert by_id(rank_options(practice("gms"), content))["gp_cooperative"].possible


def test_an_apms_only_practice_may_form_a_cooperative_and_it_rises_because_it_can_hold_apms():
    coop = by_id(rank_options(practice("apms"), CONTENT))["gp_cooperative"]
    assert coop.possible
    assert any(reason.startswith("Rises (+1) because you hold an APMS contract and the sources say this can hold "
                                 "APMS contracts") for reason in coop.reasons_up)


def test_a_rule_barring_only_apms_reads_an_apms_contract():
    content = CONTENT.model_copy(update={"structural_options": [
        option("apms_barred", "Barred for APMS", 1, contracts=[
            ContractRule(contract="apms", status="barred", reason="Cannot hold APMS contracts.", cite=OPTIONS)])]})
    unknown = rank_options(practice(), content)[0]
    held = rank_options(practice("apms"), content)[0]
    assert [c.condition for c in unknown.blocked_if] == [
        "Not possible if you hold an APMS contract: Cannot hold APMS contracts."]
    assert [b.reason for b in held.blockers] == ["Cannot hold APMS contracts. You hold an APMS contract."]


PENSION_SENTENCE = (f"Not possible: NHS Pension Scheme eligibility through a charity or CIO for GMS or PMS "
                    f"contracting. The sources say: “{CHARITY_PENSION}”")


def test_a_charity_is_not_possible_when_the_pension_is_very_important_to_a_gms_practice():
    charity = by_id(rank_legal_forms(practice("gms", nhs_pension="very"), CONTENT))["charity_cio"]
    assert not charity.possible
    assert [b.sentence for b in charity.blockers] == [
        f"{PENSION_SENTENCE} You hold a GMS contract. You said the NHS Pension is very important."]
    assert charity.blockers[0].cite == LEGAL
    assert charity.restrictions == []  # said once, as the blocker


@pytest.mark.parametrize("pension", [None, "not_important", "somewhat"])
@pytest.mark.parametrize("contract", ["gms", "pms"])
def test_a_gms_or_pms_practice_always_sees_that_a_charity_gives_no_nhs_pension_whatever_it_said(contract, pension):
    charity = by_id(rank_legal_forms(practice(contract, nhs_pension=pension), CONTENT))["charity_cio"]
    assert charity.possible  # the form is ruled out only where the pension is very important
    assert [r.sentence for r in charity.restrictions] == [
        f"{PENSION_SENTENCE} You hold a {contract.upper()} contract."]
    assert charity.restrictions[0].cite == LEGAL
    assert charity.restrictions[0].citation == "BMA General Practitioners Committee, Legal structures"


def test_the_missing_pension_lowers_a_charity_only_where_the_pension_matters():
    scores = {pension: by_id(rank_legal_forms(practice("gms", nhs_pension=pension), CONTENT))["charity_cio"].score
              for pension in (None, "not_important", "somewhat")}
    assert scores == {None: 0, "not_important": 0, "somewhat": -1}


def test_a_form_whose_content_gives_no_pension_rule_shows_no_pension_statement():
    content = CONTENT.model_copy(update={"legal_structures": [
        lg.model_copy(update={"nhs_pension": flag("yes")}) if lg.id == "charity_cio" else lg
        for lg in CONTENT.legal_structures]})
    charity = by_id(rank_legal_forms(practice("gms"), content))["charity_cio"]
    assert charity.restrictions == [] and charity.blockers == []


def test_when_no_contract_is_given_the_charity_pension_rule_shows_as_a_condition_for_gms_or_pms():
    charity = by_id(rank_legal_forms(practice(nhs_pension="very"), CONTENT))["charity_cio"]
    assert charity.possible and charity.blockers == [] and charity.restrictions == []
    assert [c.condition for c in charity.blocked_if] == [
        f"Not possible if you hold a GMS or PMS contract: NHS Pension Scheme eligibility through a charity or CIO for "
        f"GMS or PMS contracting. The sources say: “{CHARITY_PENSION}”"]
    assert charity.blocked_if[0].cite == LEGAL


def test_an_apms_only_practice_sees_no_charity_pension_statement_as_the_rule_concerns_gms_and_pms():
    charity = by_id(rank_legal_forms(practice("apms"), CONTENT))["charity_cio"]
    assert charity.restrictions == [] and charity.blockers == [] and charity.blocked_if == []


def test_a_charity_becomes_possible_when_the_content_no_longer_says_it_lacks_pension_eligibility():
    content = CONTENT.model_copy(update={"legal_structures": [
        lg.model_copy(update={"nhs_pension": flag("yes")}) if lg.id == "charity_cio" else lg
        for lg in CONTENT.legal_structures]})
    assert by_id(rank_legal_forms(practice("gms", nhs_pension="very"), content))["charity_cio"].possible


def test_the_pension_rule_blocks_only_when_the_pension_is_very_important_and_the_contract_is_gms_or_pms():
    somewhat = by_id(rank_legal_forms(practice("gms", nhs_pension="somewhat"), CONTENT))["charity_cio"]
    apms = by_id(rank_legal_forms(practice("apms", nhs_pension="very"), CONTENT))["charity_cio"]
    assert somewhat.possible and apms.possible
    # Still a strong reason against it, named in words.
    assert any("NHS Pension" in r for r in somewhat.reasons_down)
    assert any(r.startswith("Falls (-2)") and "NHS Pension" in r for r in apms.reasons_down)


def test_when_no_contract_is_given_barred_rules_show_as_conditions_not_blockers():
    results = by_id(rank_options(practice(), CONTENT))
    coop = results["gp_cooperative"]
    assert coop.possible and coop.blockers == []
    assert [b.condition for b in coop.blocked_if] == [
        "Not possible if you hold a GMS or PMS contract: Cooperatives cannot hold GMS or PMS contracts."]


def test_options_that_are_not_possible_rank_after_every_possible_one():
    ranked = rank_options(practice("gms", autonomy="not_important", aims=["urgent_care"]), CONTENT)
    assert [r.possible for r in ranked] == sorted((r.possible for r in ranked), reverse=True)
    assert ranked[-1].id == "gp_cooperative"


# --- soft fit --------------------------------------------------------------------------------------------


def test_when_independence_is_very_important_options_that_keep_practices_separate_rank_above_a_merger():
    ranked = [r.id for r in rank_options(practice(autonomy="very"), CONTENT)]
    assert ranked.index("simple_alliance") < ranked.index("gp_cooperative") < ranked.index("merger")
    merger = by_id(rank_options(practice(autonomy="very"), CONTENT))["merger"]
    assert merger.reasons_down == [
        "Falls (-2) because you said keeping each practice's independence is very important, and in this option "
        "the practices become one organisation (BMA General Practitioners Committee, Structural options available "
        "to practices)"]


def test_when_independence_does_not_matter_it_raises_and_lowers_nothing():
    results = rank_options(practice(autonomy="not_important"), CONTENT)
    assert all(r.score == 0 and not r.reasons_up and not r.reasons_down for r in results)


def test_an_option_rises_for_each_of_the_practices_aims_it_serves_naming_the_aim():
    alliance = by_id(rank_options(practice(aims=["share_costs"]), CONTENT))["simple_alliance"]
    assert alliance.score == 1
    assert "“Share staff, premises or back-office costs”" in alliance.reasons_up[0]


def test_several_aims_an_option_serves_add_a_point_each_in_one_cited_reason():
    content = CONTENT.model_copy(update={"structural_options": [
        option("simple_alliance", "Simple alliance", 0, aims=["share_costs", "urgent_care"])]})
    alliance = rank_options(practice(aims=["share_costs", "urgent_care", "workforce"]), content)[0]
    assert alliance.score == 2 and len(alliance.reasons_up) == 1
    assert alliance.reasons_up[0].startswith("Rises (+2) because it serves 2 of your aims: “Share staff")


def test_wanting_profit_raises_a_company_limited_by_shares_and_lowers_a_cic_and_a_charity():
    results = by_id(rank_legal_forms(practice(profit="profit"), CONTENT))
    assert results["company_shares"].score > 0 > results["cic"].score
    assert results["charity_cio"].score < 0
    assert "you want to make and share a profit" in results["cic"].reasons_down[0]


def test_running_not_for_profit_raises_a_cic_above_a_company_limited_by_shares():
    ranked = [r.id for r in rank_legal_forms(practice(profit="not_for_profit"), CONTENT)]
    assert ranked.index("cic") < ranked.index("company_shares")


def test_needing_capital_raises_forms_with_equity_access_and_lowers_those_without():
    results = by_id(rank_legal_forms(practice(need_capital=True), CONTENT))
    assert results["company_shares"].score == 2 and results["cic"].score == 1
    assert results["llp"].score == -2 and any("raise capital" in r for r in results["llp"].reasons_down)


def test_when_limited_liability_is_very_important_a_partnership_falls():
    partnership = by_id(rank_legal_forms(practice(limited_liability="very"), CONTENT))["partnership"]
    assert partnership.score == -2 and "limited liability is very important" in partnership.reasons_down[0]


def test_a_rural_practice_sees_what_the_sources_say_about_joint_premises_in_rural_areas():
    rural = by_id(rank_options(practice(setting="rural"), CONTENT))["joint_premises"]
    urban = by_id(rank_options(practice(setting="urban"), CONTENT))["joint_premises"]
    assert [n.text for n in rural.setting_notes] == ["Fewer local surgeries can mean rural patients travel further."]
    assert urban.setting_notes == []


def test_a_rural_practice_sees_joint_premises_fall_because_of_what_the_sources_say_about_rural_patients():
    rural = by_id(rank_options(practice(setting="rural"), CONTENT))["joint_premises"]
    urban = by_id(rank_options(practice(setting="urban"), CONTENT))["joint_premises"]
    assert rural.reasons_down == [
        "Falls (-1) because your practice is rural, and the sources say: “Fewer local surgeries can mean rural "
        "patients travel further.” (BMA General Practitioners Committee, Structural options available to practices)"]
    assert rural.score == -1 and urban.score == 0


def test_without_the_setting_note_in_the_content_a_rural_practice_sees_no_change_from_its_setting():
    content = CONTENT.model_copy(update={"structural_options": [
        o.model_copy(update={"setting_notes": []}) if o.id == "joint_premises" else o
        for o in CONTENT.structural_options]})
    joint = by_id(rank_options(practice(setting="rural"), content))["joint_premises"]
    assert joint.score == 0 and joint.reasons_down == [] and joint.setting_notes == []


def test_a_note_that_names_a_setting_with_no_leaning_is_shown_but_moves_nothing():
    content = CONTENT.model_copy(update={"structural_options": [
        option("super_partnership", "Super-partnership", 2,
               setting_notes=["Works in very different settings: urban, inner-city Birmingham and rural Nairn."])]})
    result = rank_options(practice(setting="urban"), content)[0]
    assert [n.text[:30] for n in result.setting_notes] == ["Works in very different settin"]
    assert result.score == 0 and not result.reasons_up and not result.reasons_down


def test_a_suburban_practice_is_not_shown_notes_about_urban_areas():
    content = CONTENT.model_copy(update={"structural_options": [
        option("super_partnership", "Super-partnership", 2, setting_notes=["Thrives in urban, inner-city areas."])]})
    assert rank_options(practice(setting="suburban"), content)[0].setting_notes == []
    assert len(rank_options(practice(setting="urban"), content)[0].setting_notes) == 1


@pytest.mark.parametrize(("text", "setting", "named"), [
    ("in urban, inner-city Birmingham", "urban", True),
    ("in suburban streets", "urban", False),
    ("Urban areas", "urban", True),
    ("rural patients scattered across remote areas", "remote", True),
    ("remoteness", "remote", False),
])
def test_a_setting_is_named_only_as_a_whole_word(text, setting, named):
    assert names_setting(text, setting) is named


def test_in_a_group_the_reason_says_which_of_the_practices_is_in_that_setting():
    group = Profile(practices=[Practice(name="A", setting="rural"), Practice(name="B", setting="urban")])
    joint = by_id(rank_options(group, CONTENT))["joint_premises"]
    assert joint.reasons_down[0].startswith("Falls (-1) because one of your practices is rural, and the sources say")


def test_with_an_empty_profile_everything_is_possible_and_nothing_rises_or_falls():
    for result in rank_options(Profile(), CONTENT) + rank_legal_forms(Profile(), CONTENT):
        assert result.possible and result.score == 0 and not result.reasons_up and not result.reasons_down
    assert not has_fit_answers(Profile())


def test_each_result_carries_the_contents_advantages_and_disadvantages_with_citations():
    partnership = by_id(rank_legal_forms(Profile(), CONTENT))["partnership"]
    assert [a.text for a in partnership.advantages] == ["GP partnership advantage."]
    assert partnership.disadvantages[0].citation == "BMA General Practitioners Committee, Legal structures"


# --- every point is explained --------------------------------------------------------------------------

importance = st.sampled_from([None, "not_important", "somewhat", "very"])
profiles = st.builds(
    lambda contracts, setting, aims, prefs: Profile(
        practices=[Practice(list_size=5000, contracts=sorted(contracts), setting=setting)], aims=aims,
        preferences=prefs),
    st.sets(st.sampled_from(["gms", "pms", "apms"])),
    st.sampled_from([None, "urban", "suburban", "rural", "remote"]),
    st.lists(st.sampled_from(["share_costs", "urgent_care"]), unique=True),
    st.builds(Preferences, autonomy=importance, profit=st.sampled_from([None, "profit", "not_for_profit",
                                                                        "no_preference"]),
              need_capital=st.sampled_from([None, True, False]), nhs_pension=importance,
              limited_liability=importance),
)
POINTS = re.compile(r"^(?:Rises \(\+(\d+(?:\.5)?)\)|Falls \((-\d+(?:\.5)?)\)) because ")


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_every_point_of_every_score_comes_with_a_sentence_saying_why(profile):
    for result in rank_options(profile, CONTENT) + rank_legal_forms(profile, CONTENT):
        points = [float(m.group(1) or m.group(2)) for m in map(POINTS.match, result.reasons_up + result.reasons_down)]
        assert len(points) == len(result.reasons_up) + len(result.reasons_down)
        assert sum(points) == result.score == sum(p.points for p in result.score_parts)
        assert result.possible == (result.blockers == [])
        assert not {b.reason for b in result.restrictions} & {b.reason for b in result.blockers}


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_every_gms_or_pms_practice_sees_that_a_charity_gives_no_nhs_pension(profile):
    charity = by_id(rank_legal_forms(profile, CONTENT))["charity_cio"]
    pension = [b for b in charity.blockers + charity.restrictions if "NHS Pension" in b.sentence]
    if profile.contracts & {"gms", "pms"}:
        assert [b.sentence.startswith("Not possible: NHS Pension") for b in pension] == [True]
        assert charity.possible == (profile.preferences.nhs_pension != "very")
    else:
        assert pension == []


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_a_blocker_only_ever_names_a_contract_the_practice_holds(profile):
    for result in rank_options(profile, CONTENT) + rank_legal_forms(profile, CONTENT):
        for blocker in result.blockers:
            assert set(blocker.contracts) <= profile.contracts


def test_case_study_examples_are_named_for_a_structural_option():
    case = CaseStudy(id="badger", name="BADGER", org_type="GP co-operative", country="UK", setting="urban",
                     purpose=CitedText(text="Out of hours.", cite=OPTIONS),
                     what_they_did=[CitedText(text="Ran out-of-hours care.", cite=OPTIONS)], sources=[OPTIONS])
    content = CONTENT.model_copy(update={
        "case_studies": [case],
        "structural_options": [o.model_copy(update={"examples": ["badger"]}) if o.id == "gp_cooperative" else o
                               for o in CONTENT.structural_options]})
    assert by_id(rank_options(Profile(), content))["gp_cooperative"].examples == ["BADGER"]


# --- half points and where each point comes from ----------------------------------------------------------


def test_a_conditional_fact_that_is_somewhat_important_adds_half_a_point_with_its_reason():
    company = by_id(rank_legal_forms(practice(nhs_pension="somewhat"), CONTENT))["company_shares"]
    assert company.score == 0.5
    assert company.reasons_up == [
        "Rises (+0.5) because you said access to the NHS Pension is somewhat important, and the sources say it "
        "can, with conditions (As the guidance says.; BMA General Practitioners Committee, Legal structures)"]


def test_a_conditional_fact_that_is_very_important_adds_a_whole_point():
    assert by_id(rank_legal_forms(practice(nhs_pension="very"), CONTENT))["company_shares"].score == 1


def test_the_points_a_fact_scores_come_from_the_content_not_the_code():
    method = CONTENT.structures_method
    facts = method.facts.model_copy(update={"points": {**method.facts.points, "conditional": 1.5}})
    content = CONTENT.model_copy(update={"structures_method": method.model_copy(update={"facts": facts})})
    assert by_id(rank_legal_forms(practice(nhs_pension="somewhat"), content))["company_shares"].score == 1.5


def test_each_score_says_where_each_point_comes_from_with_the_rule_behind_it():
    company = by_id(rank_legal_forms(practice(nhs_pension="somewhat", limited_liability="very"), CONTENT))[
        "company_shares"]
    assert [(p.points, p.what) for p in company.score_parts] == [(0.5, "NHS Pension"), (2, "limited liability")]
    assert company.why_score == "+0.5 NHS Pension, +2 limited liability = 2.5"
    assert all(p.rule == " ".join(CONTENT.structures_method.facts.why.split()) for p in company.score_parts)
