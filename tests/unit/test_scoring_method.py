"""The plain-English scoring method states exactly what scoring.py does."""

from __future__ import annotations

import re

import pytest

from assessment.content import CONTENT_DIR
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
