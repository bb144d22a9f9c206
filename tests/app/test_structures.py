"""The Structures page: ranked options and legal forms, "Not possible" with reason and source, and why each sits where."""

from __future__ import annotations

from assessment.answers import Answers, Practice, Preferences, Profile
from assessment.content import get_content
from assessment.fit import rank_legal_forms, rank_options


def practice(*contracts: str, **preferences) -> Answers:
    return Answers(profile=Profile(practices=[Practice(name="Hill Street", list_size=12000, setting="rural",
                                                        contracts=list(contracts))],
                                   preferences=Preferences(**preferences)))


def text_of(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def test_the_page_says_the_sources_date_from_2012_13_and_this_is_not_legal_advice(app_test):
    at = app_test(page="structures")
    assert not at.exception
    warning = at.warning[0].value.replace("\\", "")
    assert "2012–13" in warning and "changed since" in warning and "not legal advice" in warning


def test_with_an_empty_profile_nothing_is_ruled_out_and_the_page_points_to_the_profile(app_test):
    at = app_test(page="structures")
    assert at.error == []
    assert "You have not yet given your contracts" in at.info[0].value
    assert "profile" in [link.proto.page for link in at.get("page_link")]


def test_every_option_and_legal_form_is_shown_in_ranked_order(app_test):
    answers = practice("gms", autonomy="very", need_capital=True)
    content = get_content()
    at = app_test(answers, page="structures")
    shown = text_of(at)
    for ranked in (rank_options(answers.profile, content), rank_legal_forms(answers.profile, content)):
        positions = [shown.index(f"{rank}. {r.name}") for rank, r in enumerate(ranked, start=1)]
        assert positions == sorted(positions)


def test_a_gms_practice_sees_each_structure_the_sources_bar_as_not_possible_with_reason_and_source(app_test):
    answers = practice("gms", nhs_pension="very")
    content = get_content()
    blocked = [r for r in rank_options(answers.profile, content) + rank_legal_forms(answers.profile, content)
               if not r.possible]
    at = app_test(answers, page="structures")
    assert blocked
    shown = errors(at)
    for result in blocked:
        assert f"{result.name} (not possible for you)" in text_of(at)
        for blocker in result.blockers:
            assert f"{blocker.sentence} (Source: {blocker.citation})" in shown


def test_a_practice_that_has_not_given_its_contract_sees_the_contract_rules_as_warnings(app_test):
    answers = practice(autonomy="somewhat")
    content = get_content()
    conditions = [c for r in rank_options(answers.profile, content) + rank_legal_forms(answers.profile, content)
                  for c in r.blocked_if]
    at = app_test(answers, page="structures")
    assert conditions and at.error == []
    warnings = [w.value.replace("\\", "") for w in at.warning]
    for condition in conditions:
        assert f"{condition.condition} (Source: {condition.citation})" in warnings


def test_each_result_says_in_words_which_answers_raised_or_lowered_it(app_test):
    answers = practice("gms", autonomy="very", profit="not_for_profit", limited_liability="very")
    content = get_content()
    at = app_test(answers, page="structures")
    shown = text_of(at)
    reasons = [reason for r in rank_options(answers.profile, content) + rank_legal_forms(answers.profile, content)
               for reason in r.reasons_up + r.reasons_down]
    assert any("independence is very important" in r for r in reasons)
    for reason in reasons:
        assert f"- {reason}" in shown


def test_advantages_and_disadvantages_are_shown_with_their_sources(app_test):
    content = get_content()
    at = app_test(practice("pms"), page="structures")
    legal = content.legal_structures[0]
    expander_text = "\n".join(m.value for e in at.expander for m in e.markdown).replace("\\", "")
    assert legal.advantages and legal.disadvantages
    first = rank_legal_forms(practice("pms").profile, content)
    result = next(r for r in first if r.id == legal.id)
    assert f"- {result.advantages[0].text} (Source: {result.advantages[0].citation})" in expander_text
    assert f"- {result.disadvantages[0].text} (Source: {result.disadvantages[0].citation})" in expander_text


def test_the_page_runs_with_the_example_practice_loaded(app_test, example_answers):
    answers = example_answers("urban_federation")
    at = app_test(answers, page="structures")
    assert not at.exception
    blocked = [r for r in rank_legal_forms(answers.profile, get_content()) if not r.possible]
    assert len([e for e in errors(at) if e.startswith("Not possible:")]) >= len(blocked)


def test_a_gms_practice_that_left_the_pension_unanswered_still_sees_a_charity_gives_no_nhs_pension(app_test):
    answers = practice("gms")
    charity = next(r for r in rank_legal_forms(answers.profile, get_content()) if r.restrictions)
    at = app_test(answers, page="structures")
    assert charity.possible and f"{charity.name} (not possible for you)" not in text_of(at)
    for restriction in charity.restrictions:
        assert restriction.sentence.startswith("Not possible: NHS Pension")
        assert f"{restriction.sentence} (Source: {restriction.citation})" in errors(at)


def test_a_body_working_alongside_gms_practices_shows_the_rule_and_what_the_sources_say_of_that_use(app_test):
    answers = practice("gms")
    answers.profile.body_role = "alongside"
    at = app_test(answers, page="structures")
    assert not at.exception
    notes = [i.value.replace("\\", "") for i in at.info]
    assert any("the sources pull two ways on GMS practices forming this" in n and "Midlands Medical Partnership" in n
               and "(Source: BMA General Practitioners Committee, Case study: Midlands Medical Partnership)" in n
               for n in notes)
    assert any("this rule is about the body holding GMS contracts" in n and "BADGER" in n for n in notes)
    assert not any("Co-operatives cannot hold" in e for e in errors(at))


def test_an_unanswered_body_question_says_the_rules_are_read_as_holding_the_core_contracts(app_test):
    at = app_test(practice("gms"), page="structures")
    assert any("as if it would hold your practices' core contracts" in i.value for i in at.info)
    assert any("Co-operatives cannot hold GMS or PMS contracts" in e for e in errors(at))


def test_each_scored_option_says_why_this_score_and_where_each_point_comes_from(app_test):
    answers = practice("gms", nhs_pension="somewhat", limited_liability="very")
    company = next(r for r in rank_legal_forms(answers.profile, get_content()) if r.id == "company_by_shares")
    at = app_test(answers, page="structures")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(f"Why this score: {company.why_score}." in c for c in captions)
    assert "+0.5 NHS Pension" in company.why_score
    assert "counts half, so that a somewhat important answer and a conditional fact still add half a point" \
        in " ".join(text_of(at).split())
