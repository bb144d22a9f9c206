"""The PDF's first page is "What to do next", whole: everything in the summary is on page 1 and none of it spills
onto page 2, even with the longest text the answers file allows."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.actions import add_action, make_action
from assessment.answers import Answers, Practice
from assessment.content import get_content
from assessment.findings import build_findings
from assessment.report import build_pdf
from assessment.report.first_page import ACTION_CHARS

CONTENT = get_content()
EXAMPLES = Path(__file__).parents[2] / "examples"


# Page 1 and what follows it; the charts and the fit, slow to draw, have tests of their own in test_report.py.
SECTIONS = ("next_steps", "cover", "scores", "gaps", "actions")


def summary_pdf(answers: Answers) -> bytes:
    return build_pdf(answers, CONTENT, today=dt.date(2026, 12, 1), sections=SECTIONS)


@functools.cache
def longest_pdf() -> bytes:
    return summary_pdf(longest())


def pages(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def example(name: str) -> Answers:
    return Answers.model_validate_json((EXAMPLES / f"{name}.json").read_text())


def longest() -> Answers:
    """The example federation with the longest practice names, actions and owners the answers file accepts."""
    answers = example("urban_federation")
    answers.profile.practices = [Practice(name=f"{i} " + "Very Long Practice Name " * 8, list_size=9000,
                                          setting="urban", contracts=["gms"]) for i in range(1, 9)]
    answers.actions = []
    for i in range(5):
        add_action(answers, make_action(f"Action {i} " + "with a great deal to say about it " * 28,
                                        principle=answers.principles and 10, owner="Owner " + "Longname " * 21,
                                        due=dt.date(2027, 1, 1 + i)))
    return answers


def summary_phrases(answers: Answers) -> list[str]:
    steps = build_findings(answers, CONTENT).next_steps
    phrases = ["What to do next", steps.standing[:80], "Your top priorities", "The structure that fits you best",
               "First actions"]
    phrases += [p.heading for p in steps.priorities] + [p.case_name for p in steps.priorities if p.case_name]
    if steps.structure:
        phrases += [steps.structure.sentence]
        if steps.structure.constraint_assumes:
            phrases += [steps.structure.constraint_assumes]
        if steps.structure.no_constraint:
            phrases += [steps.structure.no_constraint]
    phrases += [a.action[:60] for a in steps.actions] + ([steps.actions_note] if steps.actions_note else [])
    return phrases


@pytest.mark.parametrize("name", ["urban_federation", "small_rural_gms", "alongside", "empty", "longest"])
def test_the_whole_summary_is_on_page_one_and_none_of_it_on_page_two(name):
    answers = {"empty": Answers, "longest": longest,
               "alongside": lambda: with_body_role(example("small_rural_gms"), "alongside")}.get(
        name, lambda: example(name))()
    first, second, *_ = pages(longest_pdf() if name == "longest" else summary_pdf(answers))
    for phrase in summary_phrases(answers):
        assert " ".join(phrase.split()) in first, phrase
    assert "What to do next" not in second
    assert "First actions" not in second


def test_a_long_action_is_cut_short_on_page_one_and_given_in_full_in_the_plan():
    answers = longest()
    text = " ".join(pages(longest_pdf()))
    full = answers.actions[0].action
    assert len(full) > ACTION_CHARS
    assert full[:ACTION_CHARS - 1].rstrip() + "…" in text
    assert "The whole plan is in the Action plan section." in text


def test_page_one_draws_inside_the_page_with_pdftoppm(tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed here")
    path = tmp_path / "summary.pdf"
    path.write_bytes(longest_pdf())
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
                   check=True, capture_output=True)
    assert list(tmp_path.glob("p-*1.png"))


def with_body_role(answers: Answers, role: str | None) -> Answers:
    return answers.model_copy(update={"profile": answers.profile.model_copy(update={"body_role": role})})


def test_page_one_says_the_contract_constraint_assumes_the_body_holds_the_core_contracts_until_the_profile_says():
    first = pages(summary_pdf(example("small_rural_gms")))[0]
    assert ("Co-operatives cannot hold GMS or PMS contracts. You hold a GMS contract. [BMA General Practitioners "
            "Committee, Structural options available to practices: GP co-operatives] This assumes the new body would "
            "hold your core contracts, as you have not said what it would do: answer “What would the new body do?” "
            "in the practice profile.") in first


def test_page_one_gives_the_constraint_without_the_assumption_once_the_profile_says_what_the_body_would_do():
    first = pages(summary_pdf(with_body_role(example("small_rural_gms"), "hold_core")))[0]
    assert "Co-operatives cannot hold GMS or PMS contracts. You hold a GMS contract." in first
    assert "This assumes the new body" not in first


def test_the_pdf_gaps_name_the_characteristics_they_count_and_list_the_six_with_whose_reading_the_mapping_is():
    # The pages read as one text, without the footer and running header a page break puts mid-sentence.
    text = re.sub(r" ?Page \d+ of \d+ Collaboration self-assessment summary — Fellside Surgery", "",
                  " ".join(pages(summary_pdf(example("small_rural_gms")))))
    assert ("supports 2 of the six characteristics of high-quality primary care (Population-oriented, Safe and high "
            "quality).") in text
    assert "The six characteristics of high-quality primary care" in text
    for line in ["Comprehensive: principles 3, 6, 8 and 9", "Person-centred: principles 4, 6, 7 and 8",
                 "Population-oriented: principles 5, 10, 11 and 12", "Coordinated: principles 3, 6 and 10",
                 "Accessible: principles 1, 2, 4 and 9", "Safe and high quality: principles 5, 10, 11 and 12"]:
        assert line in text, line
    assert "The characteristics are from Nuffield Trust and The King's Fund 2013, Chapter 3, Table 1." in text
    assert ("Which design principles support which characteristic is GroupUp's own reading, not the report's") in text
    assert "[GroupUp's judgement, from Nuffield Trust and The King's Fund 2013, Chapter 3; Chapter 5]" in text
