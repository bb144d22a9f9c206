"""The findings object: built once from answers (or a workshop's agreed levels), frozen, and what every view reads."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from assessment.answers import Action, Answers, Practice, Preferences, PrincipleAnswer, Profile, parse_answers
from assessment.content import get_content
from assessment.export import answers_csv
from assessment.findings import Findings, build_findings, findings_for, findings_from_levels
from assessment.report import render_pdf

ROOT = Path(__file__).resolve().parents[2]
# Words no rule writes, each distinct from the others.
OPTION_REASON, GAP_REASON, NAME = "Zq option reason 7731", "Zq gap reason 7732", "Zq practice 7733"


@pytest.fixture(scope="module")
def content():
    return get_content()


@pytest.fixture(scope="module")
def federation():
    return parse_answers((ROOT / "examples" / "urban_federation.json").read_bytes())


def test_building_findings_twice_from_the_same_answers_gives_the_same_findings(federation, content):
    assert build_findings(federation, content) == build_findings(federation, content)


def test_findings_cannot_be_changed_once_built(federation, content):
    findings = build_findings(federation, content)
    with pytest.raises(ValidationError):
        findings.display_name = "Someone else"


def test_findings_for_recalls_equal_answers_and_rebuilds_when_an_answer_changes(federation, content):
    first = findings_for(federation, content)
    assert findings_for(federation.model_copy(deep=True), content) is first
    changed = federation.model_copy(deep=True)
    changed.principles[1] = PrincipleAnswer(current=0, target=4)
    assert findings_for(changed, content) is not first
    assert findings_for(changed, content).summary.principles[0].gap == 4


def test_a_gms_practice_for_which_the_pension_matters_somewhat_finds_the_charity_restricted(content):
    answers = Answers(profile=Profile(practices=[Practice(contracts=["gms"])],
                                      preferences=Preferences(nhs_pension="somewhat")))
    charity = next(r for r in build_findings(answers, content).fit.legal_forms if r.id == "charity_cio")
    assert charity.possible
    assert [r.sentence.split(".")[0] for r in charity.restrictions] == [
        "Not possible: NHS Pension Scheme eligibility through a charity or charitable incorporated organisation "
        "(CIO) for GMS or PMS contracting"]


def test_the_plan_is_ordered_by_the_rank_of_each_actions_gap(content):
    answers = Answers(principles={2: PrincipleAnswer(current=0, target=4), 5: PrincipleAnswer(current=1, target=2)},
                      actions=[Action(id="a1", action="General one"), Action(id="a2", principle=5, action="Five"),
                               Action(id="a3", principle=2, action="Two")])
    plan = build_findings(answers, content).actions
    assert [a.id for a in plan] == ["a3", "a2", "a1"]
    assert plan[0].where.startswith("2. ") and plan[-1].where == "General"


def test_a_workshops_agreed_levels_make_the_same_findings_as_a_practice_answering_those_levels(content):
    agreed = findings_from_levels({3: (1, 3), 7: 2, 9: PrincipleAnswer(current=0, target=2, note="Kept")}, content,
                                  profile=Profile(practices=[Practice(name="North"), Practice(name="South")]))
    same = build_findings(Answers(profile=Profile(practices=[Practice(name="North"), Practice(name="South")]),
                                  principles={3: PrincipleAnswer(current=1, target=3), 7: PrincipleAnswer(current=2),
                                              9: PrincipleAnswer(current=0, target=2, note="Kept")}), content)
    assert agreed.kind == "workshop"
    assert agreed.model_copy(update={"kind": "self_assessment"}) == same
    assert [g.number for g in agreed.gaps] == [9, 3]  # both two levels apart; 9 starts lower


# --- each view's text is built from the findings ---------------------------------------------------------------


def sentinel_findings(answers: Answers, content) -> Findings:
    """Real findings with a made-up reason on the first option and a made-up gap reason: words no rule writes."""
    findings = build_findings(answers, content)
    option = findings.fit.options[0].model_copy(update={"reasons_up": [OPTION_REASON]})
    gap = findings.gaps[0].model_copy(update={"why": GAP_REASON})
    summary = findings.summary.model_copy(update={"gaps": [gap, *findings.gaps[1:]]})
    fit = findings.fit.model_copy(update={"options": [option, *findings.fit.options[1:]]})
    return findings.model_copy(update={"fit": fit, "summary": summary, "display_name": NAME})


def test_the_pdf_prints_what_the_findings_hold_and_works_nothing_out_again(federation, content):
    pdf = render_pdf(sentinel_findings(federation, content), content, sections=("gaps", "fit"))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert OPTION_REASON in text and GAP_REASON in text and NAME in text


def test_the_csv_prints_the_gaps_the_findings_hold(federation, content):
    rows = csv.DictReader(io.StringIO(answers_csv(federation, content, sentinel_findings(federation, content))
                                      .decode("utf-8-sig")))
    assert GAP_REASON in [r["note"] for r in rows if r["part"] == "gap"]


# What only the core may call: anything that scores, compares or fits answers.
DECIDING = {
    "score", "check_answers", "rank_gaps", "rank_options", "rank_legal_forms", "fit_option", "fit_legal_form",
    "has_fit_answers", "learn_from", "closest_peers", "fitting_models", "comparison_needs", "has_levels",
    "scale_points", "evidence_matrix", "group_exemplars", "exemplars_for", "build_findings",
}
# Modules allowed to import check_answers: loading a file checks its values before anything is shown.
MAY_CHECK = {"ui/widgets.py"}
VIEWS = sorted([*ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("assessment/report/*.py"),
                ROOT / "app.py"])


@pytest.mark.parametrize("path", VIEWS, ids=[str(p.relative_to(ROOT)) for p in VIEWS])
def test_views_and_the_pdf_code_import_nothing_that_scores_compares_or_fits(path):
    imported = {alias.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("assessment")
                for alias in node.names}
    allowed = {"check_answers"} if str(path.relative_to(ROOT)) in MAY_CHECK else set()
    assert not (imported & DECIDING) - allowed
