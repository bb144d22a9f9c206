"""Result charts render to PNG, and each has a table alternative with one row per item charted."""

from __future__ import annotations

import pytest
import vl_convert as vlc

from assessment.charts import (
    principles_chart,
    principles_table,
    results_chart_specs,
    score_text,
    section_scores_chart,
    section_scores_table,
)
from assessment.scoring import score
from tests.factories import make_answers, make_content

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CONTENT = make_content(readiness=3, components=3)
SUMMARIES = {
    "nothing answered": score(make_answers(), CONTENT),
    "partly answered": score(make_answers(readiness={"readiness_1": 3, "readiness_2": "not_sure"},
                                          principles={1: (0, 3), 2: "not_sure", 9: (2, 2)}), CONTENT),
    "fully answered": score(make_answers(readiness={f"readiness_{i}": i for i in range(1, 4)},
                                         components={f"components_{i}": 3 for i in range(1, 4)},
                                         principles={n: (n % 5, 4) for n in range(1, 13)}), CONTENT),
}
CHARTS = {"section scores": section_scores_chart, "principles": principles_chart}


@pytest.mark.parametrize("case", list(SUMMARIES))
@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_chart_renders_to_a_png(chart, case):
    png = vlc.vegalite_to_png(CHARTS[chart](SUMMARIES[case]).to_json())
    assert png.startswith(PNG_SIGNATURE) and len(png) > 2000


def test_the_section_table_has_one_row_per_section_with_score_and_band():
    table = section_scores_table(SUMMARIES["partly answered"])
    assert list(table["Section"]) == ["Readiness", "Components", "Design principles: clinical care",
                                      "Design principles: organisation"]
    assert table.loc[0, "Score (0-100)"] == 100.0 and table.loc[0, "Band"] == "Strength"
    assert (table.loc[0, "Answered"], table.loc[0, "Not sure"], table.loc[0, "Unanswered"]) == (1, 1, 1)
    assert table.loc[1, "Band"] == "Not answered"


def test_the_principles_table_has_twelve_rows_with_now_target_and_gap():
    table = principles_table(SUMMARIES["partly answered"])
    assert len(table) == 12 and table.loc[0, "Principle"] == "1. Principle 1"
    assert (table.loc[0, "Now"], table.loc[0, "Target"], table.loc[0, "Gap"]) == (0, 3, 3)
    assert table.loc[1, "Status"] == "Not sure" and table.loc[2, "Status"] == "Not answered"
    assert list(table["Group"]).count("Clinical care") == 7


def test_the_section_chart_draws_a_bar_only_for_scored_sections():
    spec = section_scores_chart(SUMMARIES["partly answered"]).to_dict()
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    rows = spec["datasets"][bars["data"]["name"]]
    assert [(r["section"], r["score"]) for r in rows] == [
        ("Readiness", 100.0), ("Design principles: clinical care", 0.0), ("Design principles: organisation", 50.0)]


def test_the_section_labels_sit_right_of_the_100_line_where_no_band_line_or_bar_end_runs_through_them():
    spec = section_scores_chart(SUMMARIES["fully answered"]).to_dict()
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    rules = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    edges = [row["edge"] for row in spec["datasets"][rules["data"]["name"]]]
    assert text["encoding"]["x"]["datum"] == 100 and text["mark"]["align"] == "left"
    assert edges and max(edges) < 100
    assert [layer["mark"]["type"] for layer in spec["layer"]][-1] == "text"  # drawn over any line, not under


@pytest.mark.parametrize(("value", "words"), [(47.1, "47.1"), (63.0, "63"), (39.6, "39.6"), (100.0, "100")])
def test_a_score_is_printed_to_the_decimal_place_scoring_keeps(value, words):
    assert score_text(value) == words  # never "40" for 39.6, which is in the band below 40


def test_each_section_label_gives_the_score_as_printed_and_its_band():
    summary = SUMMARIES["partly answered"]
    spec = section_scores_chart(summary).to_dict()
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    labels = {r["section"]: r["label"] for r in spec["datasets"][text["data"]["name"]]}
    assert labels == {s.title: f"{score_text(s.score)} ({s.band.label})" for s in summary.sections
                      if s.score is not None}


def test_the_principles_chart_marks_now_and_target_for_each_answered_principle():
    spec = principles_chart(SUMMARIES["partly answered"]).to_dict()
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    rows = spec["datasets"][dots["data"]["name"]]
    assert {(r["principle"], r["kind"], r["level"]) for r in rows} == {
        ("1. Principle 1", "Now", 0), ("1. Principle 1", "Target", 3),
        ("9. Principle 9", "Now", 2), ("9. Principle 9", "Target", 2)}


def test_the_results_page_specs_are_the_charts_as_vega_lite_and_fresh_on_each_call():
    summary = SUMMARIES["partly answered"]
    sections, principles = results_chart_specs(summary)
    assert sections == section_scores_chart(summary).to_dict()
    assert principles == principles_chart(summary).to_dict()
    sections["title"] = "changed by a caller"
    assert results_chart_specs(summary)[0]["title"] == "Section scores"


def test_the_results_page_specs_follow_the_answers():
    empty, _ = results_chart_specs(SUMMARIES["nothing answered"])
    full, _ = results_chart_specs(SUMMARIES["fully answered"])
    assert empty != full
