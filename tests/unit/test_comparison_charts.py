"""The comparison charts render to PNG, and each has a table alternative holding the same facts."""

from __future__ import annotations

import pytest
import vl_convert as vlc

from assessment.answers import Practice, Profile
from assessment.compare import scale_points
from assessment.comparison_charts import (
    YES,
    evidence_cases,
    evidence_heatmap,
    evidence_left_out,
    evidence_list_table,
    evidence_note,
    evidence_table,
    scale_screen_chart,
    scale_table,
)
from assessment.content import get_content
from assessment.scoring import score
from tests.factories import make_answers
from tests.unit.test_compare_engine import case_content

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CONTENT = case_content()
SUMMARIES = {
    "no assessment": None,
    "nothing answered": score(make_answers(), CONTENT),
    "some levels": score(make_answers(principles={9: (0, 4), 3: (2, 3), 5: "not_sure"}), CONTENT),
}
PROFILES = {
    "no list size": Profile(),
    "one practice": Profile(practices=[Practice(name="Dale View", list_size=6200)]),
    "a group": Profile(practices=[Practice(name="A", list_size=20000), Practice(name="B", list_size=25000)]),
}


def datasets(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.mark.parametrize("case", list(SUMMARIES))
def test_the_evidence_heatmap_renders_to_a_png(case):
    png = vlc.vegalite_to_png(evidence_heatmap(CONTENT, SUMMARIES[case]).to_json())
    assert png.startswith(PNG_SIGNATURE) and len(png) > 2000


def test_the_heatmap_marks_exactly_the_linked_cells_and_carries_the_cited_passage_for_its_tooltip():
    spec = evidence_heatmap(CONTENT, None).to_dict()
    marked = [r for r in datasets(spec) if r.get("mark") == "Exemplifies this principle"]
    assert sorted((r["principle"], r["case"]) for r in marked) == [
        ("3. Principle 3", "The Vitality Partnership"), ("4. Principle 4", "Botermarkt"),
        ("9. Principle 9", "Nairn Healthcare Group"), ("9. Principle 9", "The Vitality Partnership")]
    nairn = next(r for r in marked if r["case"] == "Nairn Healthcare Group")
    assert (nairn["what"], nairn["source"]) == ("Trains its own staff.",
                                                "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 9")
    tooltip_fields = {t["field"] for t in spec["hconcat"][1]["encoding"]["tooltip"]}
    assert {"what", "source"} <= tooltip_fields


def test_the_heatmap_shows_your_levels_beside_the_principles():
    spec = evidence_heatmap(CONTENT, SUMMARIES["some levels"]).to_dict()
    levels = sorted((r["principle"], r["kind"], r["level"]) for r in datasets(spec) if "kind" in r)
    assert levels == [("3. Principle 3", "You now", 2), ("3. Principle 3", "Your target", 3),
                      ("9. Principle 9", "You now", 0), ("9. Principle 9", "Your target", 4)]


def test_the_evidence_table_has_twelve_rows_your_levels_and_a_column_per_exemplifying_case():
    table = evidence_table(CONTENT, SUMMARIES["some levels"])
    assert len(table) == 12
    assert list(table.columns) == ["Principle", "You now", "Your target", "The Vitality Partnership",
                                   "Nairn Healthcare Group", "Botermarkt"]
    nine = table.iloc[8]
    assert (nine["You now"], nine["Your target"]) == (0, 4)
    assert (nine["The Vitality Partnership"], nine["Botermarkt"]) == (YES, "")


def test_the_evidence_list_table_gives_every_marked_cell_with_its_source():
    table = evidence_list_table(CONTENT)
    assert len(table) == 4 and list(table.columns) == ["Principle", "Case study", "What it did", "Source"]


def test_the_scale_table_lists_every_charted_organisation_smallest_first_with_the_sources_words():
    table = scale_table(scale_points(PROFILES["one practice"], CONTENT))
    assert list(table["Organisation"]) == ["Botermarkt", "Dale View", "The Vitality Partnership", "BADGER"]
    assert table.iloc[0]["As the source puts it"] == "6,000 patients"
    assert table.iloc[1]["Type"] == "Your practice"


def test_the_scale_chart_marks_the_practice_apart_as_a_larger_diamond():
    spec = scale_screen_chart(scale_points(PROFILES["one practice"], CONTENT)).to_dict()
    dots = spec["layer"][0]
    assert [r["name"] for r in datasets(spec) if r.get("you")] == ["Dale View"]
    assert dots["encoding"]["shape"]["condition"] == {"test": "datum.you", "value": "diamond"}


def test_the_heatmap_says_which_case_studies_it_leaves_out_and_why():
    assert evidence_left_out(CONTENT) == ["Tower Hamlets networks", "BADGER"]
    note = evidence_note(CONTENT)
    assert note.startswith("Shown: the 3 of the 5 case studies that the sources give as an example of at least one "
                           "design principle.")
    assert "Left out, because the sources give them as an example of none of the twelve" in note
    assert note.endswith(": Tower Hamlets networks; BADGER.")
    subtitle = " ".join(evidence_heatmap(CONTENT, None).to_dict()["title"]["subtitle"])
    assert "3 of 5 case studies" in subtitle and "the other 2 are listed below the chart" in subtitle


def test_with_every_case_study_linked_the_note_says_all_are_shown():
    linked = CONTENT.model_copy(update={"case_studies": [c for c in CONTENT.case_studies if c.principles]})
    assert evidence_left_out(linked) == [] and evidence_note(linked) == "All 3 case studies are shown."


def test_every_real_case_study_is_either_a_heatmap_column_or_named_as_left_out():
    content = get_content()
    columns = {r["case"] for r in datasets(evidence_heatmap(content, None).to_dict()) if "case" in r}
    left_out = evidence_left_out(content)
    assert columns | set(left_out) == {c.name for c in content.case_studies}
    assert all(name in evidence_note(content) for name in left_out)


def test_the_heatmap_column_labels_are_long_enough_for_every_case_study_name():
    content = get_content()
    axis = evidence_heatmap(content, None).to_dict()["hconcat"][1]["encoding"]["x"]["axis"]
    # About 7 pixels a character at the default 10px label font.
    assert axis["labelLimit"] >= 7 * max(len(name) for name in evidence_cases(content))


def test_the_scale_chart_names_each_organisations_type_on_its_axis_so_it_reads_without_colour():
    data = scale_points(PROFILES["one practice"], CONTENT)
    spec = scale_screen_chart(data).to_dict()
    dots = spec["layer"][0]
    assert dots["encoding"]["y"]["field"] == "label"
    labels = {r["name"]: r["label"] for r in datasets(spec) if "name" in r}
    assert labels["Botermarkt"] == "Botermarkt (Community health organisation)"
    assert labels["Dale View"] == "Dale View (Your practice)"
    assert dots["encoding"]["y"]["scale"]["domain"] == [labels[p.name] for p in sorted(
        data.points, key=lambda p: (p.population, p.name))]


def test_the_scale_table_carries_each_organisations_type():
    data = scale_points(PROFILES["one practice"], CONTENT)
    table = scale_table(data)
    assert dict(zip(table["Organisation"], table["Type"], strict=True)) == {p.name: p.org_type for p in data.points}


def test_on_screen_the_scale_chart_ticks_its_log_axis_at_each_power_of_ten_and_names_every_organisation():
    data = scale_points(PROFILES["one practice"], CONTENT)
    spec = scale_screen_chart(data).to_dict()
    dots = spec["layer"][0]
    x = dots["encoding"]["x"]
    assert x["scale"]["type"] == "log" and spec["width"] == "container"
    ticks = x["axis"]["values"]
    assert all(later == earlier * 10 for earlier, later in zip(ticks, ticks[1:], strict=False))
    populations = [p.population for p in data.points]
    assert ticks[0] <= min(populations) and ticks[-1] >= max(populations)
    text = spec["layer"][1]
    names = " ".join(r["row_label"].replace("\n", " ") for r in spec["datasets"][text["data"]["name"]])
    assert all(p.name in names or p.kind == "you" for p in data.points)


def test_the_heatmaps_title_is_stacked_in_lines_short_enough_for_a_phone_and_loses_no_word():
    from assessment.comparison_charts import SUBTITLE_WRAP, TITLE_WRAP

    title = evidence_heatmap(get_content(), None).to_dict()["title"]
    for key, limit in (("text", TITLE_WRAP), ("subtitle", SUBTITLE_WRAP)):
        lines = title[key]
        assert isinstance(lines, list) and len(lines) > 1, f"the {key} is one line, cut on a phone"
        assert all(len(line) <= limit for line in lines), lines
    assert " ".join(title["text"]) == "Which case studies exemplify each design principle, beside your own levels"
