"""The pages, the PDF and the CSV say the same thing: what the Structures and Results pages show is in the PDF and
the CSV, word for word, for every example practice and for practices made up from seeds."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.answers import Answers, Practice, Preferences, PrincipleAnswer, Profile, parse_answers
from assessment.content import get_content
from assessment.export import answers_csv
from assessment.findings import build_findings
from assessment.report import build_pdf
from tests.factories import generated_answers

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
SEEDS = (1, 2, 3, 5, 8, 13)


def words(text: str) -> str:
    """Text as a reader sees it: Markdown escapes and material icons gone, whitespace folded."""
    text = re.sub(r":material/[a-z_]+:", "", text)
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def squashed(text: str) -> str:
    """Text with no whitespace at all: the PDF wraps lines inside words such as "GMS/PMS" and "co-operative"."""
    return "".join(words(text).split())


def pdf_text(pdf: bytes) -> str:
    """The body text of every page, read on across page breaks: each page's running title and page number go."""
    body = []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        lines = (page.extract_text() or "").splitlines()
        if lines and re.fullmatch(r"Page \d+ of \d+", lines[-1]):
            lines = lines[:-1]
        body.extend(lines[1:] if index else lines)
    return squashed(" ".join(body))


def in_pdf(text: str, pdf: str) -> bool:
    return squashed(text) in pdf


def practices() -> list[tuple[str, Answers]]:
    aims = [aim.id for aim in get_content().aims]
    made = [
        # A GMS practice for which the pension matters somewhat: a charity is possible, but not with the NHS Pension.
        ("gms, pension somewhat", Answers(profile=Profile(
            practices=[Practice(name="Café Ørsted", contracts=["gms"], setting="rural")],
            preferences=Preferences(nhs_pension="somewhat")), principles={6: PrincipleAnswer(current=1, target=4)})),
        # What the new body would do: working alongside, or not sure (both readings), each shown with its notes.
        *[(f"gms and pms, body {role}", Answers(profile=Profile(
            practices=[Practice(name="Northside", contracts=["gms", "pms"], setting="rural")],
            preferences=Preferences(nhs_pension="very", limited_liability="somewhat"), body_role=role)))
          for role in ("alongside", "not_sure")],
        # No contracts given: every contract rule shows as a condition.
        ("no contracts", Answers(profile=Profile(practices=[Practice(name="=SUM(A1)", setting="urban")],
                                                 aims=aims[:2]))),
    ]
    return ([(path.stem, parse_answers(path.read_bytes())) for path in EXAMPLES] + made
            + [(f"seed {seed}", generated_answers(seed, aims)) for seed in SEEDS])


PRACTICES = practices()


@pytest.fixture(scope="module")
def pdfs() -> dict[str, str]:
    """The PDF's text for each practice: its gaps and fit sections (the charts add nothing these tests read)."""
    content = get_content()
    return {name: pdf_text(build_pdf(answers, content, sections=("gaps", "fit"))) for name, answers in PRACTICES}


def structures_page_says(at) -> list[str]:
    """Every verdict heading, blocker, restriction and condition the Structures page shows, in its words."""
    said = [words(e.value) for e in at.error] + [words(w.value) for w in at.warning[1:]]  # [0]: the legal caveat
    said += [re.sub(r"^#+ ", "", words(m.value)) for m in at.markdown if re.match(r"#+ ", m.value)]
    # What the sources say of a rule for the body's use: the heading and each cited passage, one per line.
    said += [words(line).removeprefix("- ") for i in at.info if i.icon == ":material/balance:"
             for line in i.value.splitlines()]
    # Why each score: the one-line account of its points.
    said += [words(c.value).split(". How many points")[0].removesuffix(".") for c in at.caption
             if c.value.startswith("Why this score: ")]
    return said


@pytest.mark.parametrize(("name", "answers"), PRACTICES, ids=[name for name, _ in PRACTICES])
def test_every_verdict_blocker_condition_and_restriction_on_the_structures_page_is_in_the_pdf(
        app_test, pdfs, name, answers):
    at = app_test(answers, page="structures")
    assert not at.exception
    said = structures_page_says(at)
    # A GMS or PMS practice always meets some "not possible", unless the new body would work alongside its contracts
    # or it is not sure, when the rules about holding those contracts are shown as readings, not verdicts.
    assert any("(not possible for you)" in s for s in said) == bool(
        answers.profile.contracts & {"gms", "pms"} and answers.profile.body_role not in ("alongside", "not_sure"))
    missing = [s for s in said if not in_pdf(s, pdfs[name])]
    assert not missing, f"on the Structures page but not in the PDF: {missing}"


@pytest.mark.parametrize(("name", "answers"), PRACTICES, ids=[name for name, _ in PRACTICES])
def test_every_gap_on_the_results_page_is_in_the_pdf_and_the_csv(app_test, pdfs, name, answers):
    at = app_test(answers, page="results")
    assert not at.exception
    gaps = build_findings(answers, get_content()).gaps
    shown = [words(c.value) for c in at.caption if any(words(g.why) == words(c.value) for g in gaps)]
    assert len(shown) == len(gaps), "the Results page shows every gap's reason"
    rows = list(csv.DictReader(io.StringIO(answers_csv(answers, get_content()).decode("utf-8-sig"))))
    csv_gaps = {(r["item"], words(r["note"])) for r in rows if r["part"] == "gap"}
    for gap in gaps:
        assert in_pdf(f"{gap.number}. {gap.title}", pdfs[name])
        assert in_pdf(gap.why, pdfs[name])
        assert (gap.title, words(gap.why)) in csv_gaps
        assert any(f"{gap.rank}. {gap.title}" in words(m.value) for m in at.markdown)


def test_a_charity_shows_no_nhs_pension_for_gms_contracting_on_the_page_and_in_the_pdf(app_test, pdfs):
    name, answers = next((n, a) for n, a in PRACTICES if n == "gms, pension somewhat")
    said = [s for s in structures_page_says(app_test(answers, page="structures"))
            if s.startswith("Not possible: NHS Pension Scheme eligibility") and "for GMS or PMS contracting" in s]
    assert said and all(in_pdf(s, pdfs[name]) for s in said)


def test_with_no_contracts_given_the_conditions_on_the_page_are_in_the_pdf(app_test, pdfs):
    name, answers = next((n, a) for n, a in PRACTICES if n == "no contracts")
    said = [s for s in structures_page_says(app_test(answers, page="structures")) if s.startswith("Not possible if")]
    assert said and all(in_pdf(s, pdfs[name]) for s in said)


# --- each page's text comes from the findings ------------------------------------------------------------------

OPTION_REASON, GAP_REASON, PEER_REASON = "Zq option reason 7731", "Zq gap reason 7732", "Zq peer reason 7734"


@pytest.fixture
def made_up_findings(monkeypatch, example_answers):
    """The pages are handed findings with words no rule writes: what they show must be those words."""
    import assessment.findings as findings_module

    real = findings_module.build_findings(example_answers("urban_federation"), get_content())
    option = real.fit.options[0].model_copy(update={"reasons_up": [OPTION_REASON]})
    gap = real.gaps[0].model_copy(update={"why": GAP_REASON})
    peer = real.peers[0].model_copy(update={"reasons": [PEER_REASON]})
    made = real.model_copy(update={
        "fit": real.fit.model_copy(update={"options": [option, *real.fit.options[1:]]}),
        "summary": real.summary.model_copy(update={"gaps": [gap, *real.gaps[1:]]}),
        "peers": [peer, *real.peers[1:]],
    })
    monkeypatch.setattr(findings_module, "findings_for", lambda answers, content, earlier=None: made)
    return example_answers("urban_federation")


@pytest.mark.parametrize(("page", "words_shown"), [("structures", OPTION_REASON), ("results", GAP_REASON),
                                                   ("compare", PEER_REASON), ("action-plan", GAP_REASON)])
def test_each_page_shows_what_the_findings_hold(app_test, made_up_findings, page, words_shown):
    at = app_test(made_up_findings, page=page)
    assert not at.exception
    shown = " ".join(words(e.value) for e in [*at.markdown, *at.caption])
    assert words_shown in shown
