"""The results charts as drawn on screen, and the table alternative of each, with one row per item charted."""

from __future__ import annotations

import pytest

from assessment.charts import (
    principles_screen_chart,
    principles_table,
    results_chart_specs,
    score_text,
    section_scores_screen_chart,
    section_scores_table,
    wrap_label,
)
from assessment.scoring import score
from tests.factories import make_answers, make_content

CONTENT = make_content(readiness=3, components=3)
SUMMARIES = {
    "nothing answered": score(make_answers(), CONTENT),
    "partly answered": score(make_answers(readiness={"readiness_1": 3, "readiness_2": "not_sure"},
                                          principles={1: (0, 3), 2: "not_sure", 9: (2, 2)}), CONTENT),
    "fully answered": score(make_answers(readiness={f"readiness_{i}": i for i in range(1, 4)},
                                         components={f"components_{i}": 3 for i in range(1, 4)},
                                         principles={n: (n % 5, 4) for n in range(1, 13)}), CONTENT),
}


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
    spec = section_scores_screen_chart(SUMMARIES["partly answered"]).to_dict()
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    rows = spec["datasets"][bars["data"]["name"]]
    assert [(r["section"], r["score"]) for r in rows] == [
        ("Readiness", 100.0), ("Design principles: clinical care", 0.0), ("Design principles: organisation", 50.0)]


@pytest.mark.parametrize(("value", "words"), [(47.1, "47.1"), (63.0, "63"), (39.6, "39.6"), (100.0, "100")])
def test_a_score_is_printed_to_the_decimal_place_scoring_keeps(value, words):
    assert score_text(value) == words  # never "40" for 39.6, which is in the band below 40


def test_the_principles_chart_marks_now_and_target_for_each_answered_principle():
    spec = principles_screen_chart(SUMMARIES["partly answered"]).to_dict()
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    rows = spec["datasets"][dots["data"]["name"]]
    assert {(r["principle"], r["kind"], r["level"]) for r in rows} == {
        ("1. Principle 1", "Now", 0), ("1. Principle 1", "Target", 3),
        ("9. Principle 9", "Now", 2), ("9. Principle 9", "Target", 2)}


def test_the_results_page_specs_are_the_screen_charts_as_vega_lite_and_fresh_on_each_call():
    summary = SUMMARIES["partly answered"]
    sections, principles = results_chart_specs(summary)
    assert sections == section_scores_screen_chart(summary).to_dict()
    assert principles == principles_screen_chart(summary).to_dict()
    sections["title"] = "changed by a caller"
    assert results_chart_specs(summary)[0]["title"] == "Section scores"


def test_the_results_page_specs_follow_the_answers():
    empty, _ = results_chart_specs(SUMMARIES["nothing answered"])
    full, _ = results_chart_specs(SUMMARIES["fully answered"])
    assert empty != full


def test_a_long_label_wraps_at_spaces_into_lines_short_enough_for_a_phone_and_loses_no_word():
    label = "Derbyshire Health United (DHU) (Not-for-profit social enterprise (out-of-hours, walk-in and urgent care))"
    lines = wrap_label(label).split("\n")
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert " ".join(lines) == label


@pytest.mark.parametrize("chart", [section_scores_screen_chart, principles_screen_chart])
def test_the_screen_charts_take_the_pages_width_and_write_each_rows_name_whole_above_it(chart):
    summary = SUMMARIES["fully answered"]
    spec = chart(summary).to_dict()
    assert spec["width"] == "container"
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert "limit" not in text["mark"] and text["mark"]["lineBreak"] == "\n"
    names = [r["row_label"].replace("\n", " ") for r in spec["datasets"][text["data"]["name"]]]
    for section_or_principle, name in zip(summary.sections if chart is section_scores_screen_chart
                                          else summary.principles, names, strict=False):
        assert section_or_principle.title in name


def test_on_screen_a_section_row_names_its_score_and_band_in_words():
    summary = SUMMARIES["fully answered"]
    spec = section_scores_screen_chart(summary).to_dict()
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    first = spec["datasets"][text["data"]["name"]][0]["row_label"].replace("\n", " ")
    section = summary.sections[0]
    assert first == f"{section.title}: {section.score:g} ({section.band.label})"


def _grey(hex_colour: str) -> float:
    """The lightness a black-and-white printer keeps of a colour: its relative luminance, 0 (black) to 1."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_three_bands_print_as_clearly_different_greys():
    from assessment.charts import BAND_COLOURS

    greys = sorted(_grey(colour) ** (1 / 2.2) for colour in BAND_COLOURS.values())  # as lightness, 0 to 1
    assert all(later - earlier >= 0.15 for earlier, later in zip(greys, greys[1:], strict=False))


def test_where_now_equals_target_the_target_is_a_larger_hollow_diamond_drawn_over_the_now_circle():
    spec = principles_screen_chart(SUMMARIES["fully answered"]).to_dict()
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    encoding = dots["encoding"]
    assert encoding["shape"]["scale"]["range"] == ["circle", "diamond"]
    assert encoding["fill"]["scale"]["range"][1] == "transparent"
    now_size, target_size = encoding["size"]["scale"]["range"]
    assert target_size > now_size
    kinds = [row["kind"] for row in spec["datasets"][dots["data"]["name"]]]
    assert kinds.index("Target") > kinds.index("Now")  # each principle's target is drawn after, so on top


def test_a_principle_with_no_level_says_not_sure_or_not_answered_in_its_row_as_the_pdf_does():
    from assessment.report.printed_charts import principles_figure

    summary = SUMMARIES["partly answered"]
    spec = principles_screen_chart(summary).to_dict()
    said = next(layer for layer in spec["layer"]
                if layer["mark"]["type"] == "text" and layer["encoding"]["text"]["field"] == "note")
    on_screen = {r["principle"]: r["note"] for r in spec["datasets"][said["data"]["name"]]}
    assert on_screen["2. Principle 2"] == "Not sure"
    assert on_screen["3. Principle 3"] == "Not answered"
    assert "1. Principle 1" not in on_screen and "9. Principle 9" not in on_screen
    printed = {row.label: row.note for row in principles_figure(summary).rows if row.note}
    assert on_screen == printed
