"""The PDF's structures and legal forms section: the real fit, its reasons, and every "Not possible" with its source."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.answers import Answers, parse_answers
from assessment.content import get_content
from assessment.fit import rank_legal_forms, rank_options
from assessment.report import build_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LEGAL_CAVEAT = get_content().structures_method.legal_caveat.plain


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture(scope="module")
def content():
    return get_content()


@pytest.fixture(scope="module")
def gms():
    """A single GMS practice that says the NHS Pension is very important."""
    return parse_answers((EXAMPLES / "small_rural_gms.json").read_bytes())


@pytest.fixture(scope="module")
def gms_text(gms, content):
    return text_of(build_pdf(gms, content, sections=("fit",)))


def test_a_gms_practice_is_told_a_co_operative_is_not_possible_and_why(gms_text):
    assert "Not possible: Co-operatives cannot hold GMS or PMS contracts. You hold a GMS contract." in gms_text


def test_a_gms_practice_is_told_an_llp_is_not_possible_and_why(gms_text):
    assert "Not possible: As the regulations stood when the BMA wrote its guidance, GMS practices would be " \
           "prevented from forming LLPs. You hold a GMS contract." in gms_text


def test_every_hard_constraint_is_printed_with_its_citation(gms, content, gms_text):
    blocked = [r for r in rank_options(gms.profile, content) + rank_legal_forms(gms.profile, content)
               if not r.possible]
    assert len(blocked) >= 2
    for result in blocked:
        assert f"{result.name} (not possible for you)" in gms_text
        for blocker in result.blockers:
            assert f"{' '.join(blocker.sentence.split())} (Source: {blocker.citation})" in gms_text


def test_each_option_says_which_answers_raised_or_lowered_it(gms, content, gms_text):
    results = rank_options(gms.profile, content) + rank_legal_forms(gms.profile, content)
    reasons = [r for result in results for r in result.reasons_up + result.reasons_down]
    assert any(r.startswith("Falls") for r in reasons) and any(r.startswith("Rises") for r in reasons)
    for reason in reasons:
        assert " ".join(reason.split()) in gms_text


def test_each_option_gives_its_fit_in_words_the_best_first(gms, content, gms_text):
    options = rank_options(gms.profile, content)
    assert f"1. {options[0].name} Fit: Best fit with your answers." in gms_text
    assert gms_text.count("Fit: Not possible for you.") == sum(
        not r.possible for r in options + rank_legal_forms(gms.profile, content))


def test_the_fit_section_keeps_the_caveat_that_the_sources_are_old_and_this_is_not_legal_advice(gms_text):
    assert LEGAL_CAVEAT in gms_text
    assert "2012" in LEGAL_CAVEAT and "not legal" in LEGAL_CAVEAT  # the one caveat, read from the content


def test_with_no_contract_given_each_contract_rule_is_shown_as_a_condition(content):
    text = text_of(build_pdf(Answers(), content, sections=("fit",)))
    assert "Not possible if you hold a GMS or PMS contract: Co-operatives cannot hold GMS or PMS contracts." in text
    assert "Not possible:" not in text
    assert "nothing is ruled out or ranked for you" in text


def test_each_scored_option_says_in_one_line_where_its_points_come_from(gms, content, gms_text):
    scored = [r for r in rank_options(gms.profile, content) + rank_legal_forms(gms.profile, content)
              if r.score_parts]
    assert scored
    for result in scored:
        assert f"Why this score: {result.why_score}" in gms_text


def test_a_body_working_alongside_gms_practices_shows_the_llp_rule_and_the_mmp_joint_venture_in_the_pdf(gms, content):
    alongside = gms.model_copy(update={"profile": gms.profile.model_copy(update={"body_role": "alongside"})})
    text = text_of(build_pdf(alongside, content, sections=("fit",)))
    assert "the sources pull two ways on GMS practices forming this" in text
    assert "formed an LLP with the local out-of-hours service (BADGER) to run a walk-in centre as a joint " \
           "venture" in text
    assert "(Source: BMA General Practitioners Committee, Case study: Midlands Medical Partnership)" in text
    assert "Not possible: Co-operatives cannot hold GMS or PMS contracts" not in text


def test_the_pdf_says_how_it_read_an_unanswered_question_on_what_the_new_body_would_do(gms, content, gms_text):
    assert gms.profile.body_role is None
    assert "the contract rules are applied as if it would hold your practices' core contracts" in gms_text
