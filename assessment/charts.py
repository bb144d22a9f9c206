"""Chart specs for the results (Altair), each with a matching table for people who cannot see the chart."""

from __future__ import annotations

import functools
import json
from typing import Any

import altair as alt
import pandas as pd

from assessment.scoring import BANDS, MAX_LEVEL, Summary

# NHS identity colours, chosen to stay apart for common colour-blindness and in black-and-white print, where
# only lightness is left: red prints mid grey (45%), warm yellow light (77%), dark green dark (22%). NHS green
# #007F3B printed as 43%, the same grey as the red. Bands are also named in text.
BAND_COLOURS = {"concern": "#D5281B", "developing": "#FFB81C", "strength": "#00401E"}
NOW_COLOUR = "#005EB8"
TARGET_COLOUR = "#330072"
NOT_ANSWERED = "Not answered"


def score_text(score: float) -> str:
    """A section score as every view prints it: to the one decimal place scoring keeps, with no trailing ".0".

    Rounding to a whole number would print 39.6, an area of concern, as "40", the start of the next band.
    """
    return f"{score:g}"


def section_scores_table(summary: Summary) -> pd.DataFrame:
    """One row per section: its score (0-100), band and how many items were answered."""
    return pd.DataFrame(
        [
            {
                "Section": s.title,
                "Score (0-100)": s.score,
                "Band": s.band.label if s.band else NOT_ANSWERED,
                "Answered": s.answered,
                "Not sure": s.not_sure,
                "Unanswered": s.unanswered,
                "Questions": s.total,
            }
            for s in summary.sections
        ],
        columns=["Section", "Score (0-100)", "Band", "Answered", "Not sure", "Unanswered", "Questions"],
    ).astype({"Score (0-100)": "Float64"})


def principles_table(summary: Summary) -> pd.DataFrame:
    """One row per design principle: where you are now, where you want to be, and the gap."""
    rows = []
    for p in summary.principles:
        rows.append({
            "Principle": f"{p.number}. {p.title}",
            "Group": p.group_label,
            "Now": p.current,
            "Target": p.target,
            "Gap": p.gap,
            "Status": "Not sure" if p.not_sure else (NOT_ANSWERED if p.current is None else "Answered"),
        })
    table = pd.DataFrame(rows, columns=["Principle", "Group", "Now", "Target", "Gap", "Status"])
    # Whole levels, with a blank (not NaN) where there is no answer.
    return table.astype({"Now": "Int64", "Target": "Int64", "Gap": "Int64"})



def now_and_target_marks() -> dict:
    """How a principle's "now" and "target" points look on screen (the PDF's figure draws the same). Shape as
    well as colour tells them apart; the target is a larger, hollow diamond drawn over the filled circle, so where
    now equals target both stay visible."""
    kinds = ["Now", "Target"]
    return {
        "color": alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[NOW_COLOUR, TARGET_COLOUR]),
                           legend=alt.Legend(title=None, orient="bottom")),
        "shape": alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "diamond"])),
        "fill": alt.Fill("kind:N", scale=alt.Scale(domain=kinds, range=[NOW_COLOUR, "transparent"]), legend=None),
        "size": alt.Size("kind:N", scale=alt.Scale(domain=kinds, range=[110, 260]), legend=None),
        "tooltip": [alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("kind:N", title=" "),
                    alt.Tooltip("level:Q", title="Level")],
    }


def row_note(p: Any) -> str:
    """What a principle's row says where it has no level to plot: "Not sure", "Not answered", or nothing (the
    screen chart and the PDF's figure both write it in the plot, so a blank row is never left unexplained)."""
    return "Not sure" if p.not_sure else ("" if p.current is not None or p.target is not None else NOT_ANSWERED)


def now_and_target_data(summary: Summary) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """Each principle's row name, its now and target points, and the span between them where both are given."""
    order = [f"{p.number}. {p.title}" for p in summary.principles]
    points, spans = [], []
    for p, name in zip(summary.principles, order, strict=True):
        if p.current is not None:
            points.append({"principle": name, "level": p.current, "kind": "Now"})
        if p.target is not None:
            points.append({"principle": name, "level": p.target, "kind": "Target"})
        if p.current is not None and p.target is not None:
            spans.append({"principle": name, "low": min(p.current, p.target), "high": max(p.current, p.target)})
    return (order, pd.DataFrame(points, columns=["principle", "level", "kind"]),
            pd.DataFrame(spans, columns=["principle", "low", "high"]))


# --- on screen: charts that fit any width -----------------------------------------------------------------
# On a 390 px phone a label column beside the plot leaves no room for the plot, so on screen each row's label is
# written above its row, across the whole width, and the plot takes the width of the page ("container").
SCREEN_WRAP = 40  # characters a label line holds before it wraps: about 300 px at the 13 px label font
SCREEN_FONT = 13
ROW_LINE = 16  # pixels per line of a row's label


def wrap_label(text: str, width: int = SCREEN_WRAP) -> str:
    """A label broken into lines of at most `width` characters at spaces, so it is read whole on any screen."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


MARK_ROOM = 28  # pixels under a row's label for its bar or dots


def screen_rows(order: list[str], field: str, names: list[str] | None = None
                ) -> tuple[alt.Y, alt.Chart, int, dict[str, float]]:
    """Rows for a chart drawn across the page: the y encoding, a layer writing each row's name (default: its
    key) at the top of its row, the height of a row, and for each row the yOffset that puts its marks just under
    its own name (a name may take more lines than another's)."""
    wrapped = [wrap_label(name) for name in names or order]
    lines = [label.count("\n") + 1 for label in wrapped]
    step = max(lines, default=1) * ROW_LINE + MARK_ROOM
    labels = pd.DataFrame({field: order, "row_label": wrapped})
    y = alt.Y(f"{field}:N", sort=order, scale=alt.Scale(domain=order, paddingInner=0, paddingOuter=0),
              title=None, axis=None)
    text = alt.Chart(labels).mark_text(
        align="left", baseline="top", lineBreak="\n", fontSize=SCREEN_FONT, lineHeight=ROW_LINE,
        yOffset=-step / 2 + 2, color="#212B32",
    ).encode(x=alt.value(0), y=y, text="row_label:N")
    # A yOffset encoding counts from the top of the row's band, not its middle.
    below = {key: n * ROW_LINE + MARK_ROOM / 2 + 2 for key, n in zip(order, lines, strict=True)}
    return y, text, step, below


def under_label() -> alt.YOffset:
    """The yOffset encoding that sets each row's marks under its own name (see screen_rows, with_offsets)."""
    return alt.YOffset("row_offset:Q", scale=None)


def with_offsets(frame: pd.DataFrame, field: str, below: dict[str, float]) -> pd.DataFrame:
    """The chart's data with each row's offset under its name, for under_label()."""
    return frame.assign(row_offset=[below[key] for key in frame[field]])


def section_scores_screen_chart(summary: Summary) -> alt.LayerChart:
    """The section scores as rows across the page: "Title: 33.3 (Area of concern)" above each bar."""
    order = [s.title for s in summary.sections]
    rows = [{"section": s.title, "score": s.score, "band": s.band.label} for s in summary.sections
            if s.score is not None and s.band is not None]
    data = pd.DataFrame(rows, columns=["section", "score", "band"])
    named = [f"{s.title}: {score_text(s.score)} ({s.band.label})" if s.score is not None and s.band else
             f"{s.title}: {NOT_ANSWERED.lower()}" for s in summary.sections]
    y, text, step, below = screen_rows(order, "section", named)
    x = alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score (0 to 100)")
    bars = alt.Chart(with_offsets(data, "section", below)).mark_bar(height=14).encode(
        x=x, y=y, yOffset=under_label(),
        color=alt.Color("band:N", scale=alt.Scale(domain=[b.label for b in BANDS], range=[BAND_COLOURS[b.id] for b in BANDS]),
                        legend=alt.Legend(title="Band", orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("score:Q", title="Score"),
                 alt.Tooltip("band:N", title="Band")],
    )
    edges = pd.DataFrame({"edge": [b.low for b in BANDS[1:]]})
    rules = alt.Chart(edges).mark_rule(strokeDash=[4, 3], color="#4C6272").encode(x="edge:Q")
    return alt.layer(rules, bars, text).properties(title="Section scores", width="container", height=alt.Step(step))


def principles_screen_chart(summary: Summary) -> alt.LayerChart:
    """Each principle as a row across the page: its name above, now and target on the 0-4 scale below."""
    order, point_data, span_data = now_and_target_data(summary)
    y, text, step, below = screen_rows(order, "principle")
    x_scale = alt.Scale(domain=[-0.2, MAX_LEVEL + 0.2], nice=False)
    lines = alt.Chart(with_offsets(span_data, "principle", below)).mark_rule(color="#AEB7BD", strokeWidth=3).encode(
        yOffset=under_label(),
        x=alt.X("low:Q", scale=x_scale, title="Level (0 = not in place, 4 = fully in place)",
                axis=alt.Axis(values=list(range(MAX_LEVEL + 1)), format="d")),
        x2="high:Q", y=y,
    )
    # A hollow target diamond drawn over a filled "now" circle: where they are equal, both stay visible.
    dots = alt.Chart(with_offsets(point_data, "principle", below)).mark_point(strokeWidth=2, opacity=1).encode(
        x=alt.X("level:Q", scale=x_scale), y=y, yOffset=under_label(),
        **now_and_target_marks(),
    )
    # A row with no level says why ("Not sure"), written at the start of the scale as the PDF's figure does.
    notes = pd.DataFrame([{"principle": name, "note": row_note(p), "at": 0}
                          for p, name in zip(summary.principles, order, strict=True) if row_note(p)],
                         columns=["principle", "note", "at"])
    said = alt.Chart(with_offsets(notes, "principle", below)).mark_text(
        align="left", baseline="middle", dx=2, fontSize=SCREEN_FONT, color="#4C6272",
    ).encode(x=alt.X("at:Q", scale=x_scale), y=y, yOffset=under_label(), text="note:N")
    # Short enough for a phone whole; the page's heading above it names the design principles.
    return alt.layer(lines, dots, text, said).properties(
        title="Where you are now and where you want to be", width="container",
        height=alt.Step(step),
    )


@functools.lru_cache(maxsize=256)
def _spec_json(summary_json: str) -> tuple[str, str]:
    summary = Summary.model_validate_json(summary_json)
    return (json.dumps(section_scores_screen_chart(summary).to_dict()),
            json.dumps(principles_screen_chart(summary).to_dict()))


def results_chart_specs(summary: Summary) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two results charts as drawn on screen (section scores, principles), as Vega-Lite specs built once per
    distinct summary. They fit any width; the PDF draws its own figures, as vectors, from the same summary
    (assessment/report/printed_charts.py).

    Building and validating an Altair chart takes tens of milliseconds, and the Results page reruns with the
    same answers far more often than with new ones. Each call returns fresh dicts the caller may change.
    """
    sections, principles = _spec_json(summary.model_dump_json())
    return json.loads(sections), json.loads(principles)
