"""The plain-English scoring method states exactly what scoring.py does."""

from __future__ import annotations

import re

import pytest

from assessment.content import CONTENT_DIR, get_content
from assessment.scoring import BANDS, LOW_COVERAGE

METHOD = (CONTENT_DIR / "scoring_method.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("band", BANDS, ids=[b.id for b in BANDS])
def test_the_method_gives_each_bands_thresholds_exactly(band):
    row = next(line for line in METHOD.splitlines() if line.startswith(f"| {band.label} |"))
    if band is BANDS[-1]:
        assert f"from {band.low} up to and including {band.high}" in row
    else:
        assert f"from {band.low} up to, but not including, {band.high}" in row
    assert band.meaning in row


def test_the_method_explains_not_sure_coverage_and_how_gaps_are_ranked():
    for phrase in ('"Not sure"', "coverage", "largest gap", "lower level now", "six characteristics",
                   "principle number"):
        assert phrase.lower() in METHOD.lower(), phrase


def test_the_method_names_exactly_the_bands_there_are():
    table_rows = re.findall(r"^\| ([A-Z][a-z ]+) \| from", METHOD, flags=re.M)
    assert table_rows == [b.label for b in BANDS]


def test_the_method_gives_the_low_coverage_threshold_the_results_page_uses():
    prose = " ".join(METHOD.split())  # the document is wrapped, so a phrase may span lines
    assert f"If fewer than {LOW_COVERAGE:.0%} of the questions" in prose


STRUCTURES = " ".join(METHOD.split("## How the structures are ranked")[1].split("## ")[0].split())


def test_the_method_states_the_structures_points_the_content_gives():
    method = get_content().structures_method
    weights = {key: int(i.weight) for key, i in method.importance.items()}
    assert f"very important counts {weights['very']}, somewhat important {weights['somewhat']}" in STRUCTURES
    facts = method.facts.points
    assert f"a stated \"yes\" is worth {facts['yes']:g} point" in STRUCTURES
    assert f"a stated \"no\" takes {-facts['no']:g} away" in STRUCTURES
    assert facts["conditional"] == 0.5 and "is worth half a point" in STRUCTURES and "(+0.5)" in STRUCTURES
    for rule, words in ((method.profit_wanted, "make a profit"), (method.not_for_profit, "not-for-profit"),
                        (method.capital_needed, "raise capital")):
        sentence = STRUCTURES.split(words, 1)[1].split(".")[0]
        values = [rule.points[v] for v in ("yes", "conditional", "no")]
        if rule is method.not_for_profit:
            values = [rule.points[v] for v in ("no", "conditional", "yes")]
        assert [float(x) for x in re.findall(r"[+-]\d+", sentence)] == values, words
    assert method.contract_allowed.points == method.aim_served.points == method.setting_leaning.points == 1
    assert [lv.points for lv in method.integration] == [1, 0, -1]


def test_the_method_says_a_holding_rule_applies_only_to_a_body_holding_the_core_contracts():
    for phrase in ("applies only if the new body would hold your practices' core contracts",
                   "both are shown, each cited", "If you are not sure, both readings are shown"):
        assert phrase in STRUCTURES
