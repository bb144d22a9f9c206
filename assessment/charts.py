"""Chart specs for the results (Altair), each with a matching table for people who cannot see the chart."""

from __future__ import annotations

import functools
import json
from typing import Any

import altair as alt
import pandas as pd

from assessment.scoring import BANDS, MAX_LEVEL, Summary

# NHS identity colours, chosen to stay apart for common colour-blindness; bands are also named in text.
BAND_COLOURS = {"concern": "#D5281B", "developing": "#FFB81C", "strength": "#007F3B"}
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


def section_scores_chart(summary: Summary) -> alt.Chart:
    """Horizontal bars, one per section with a score, coloured and labelled by band."""
    rows = [
        {"section": s.title, "score": s.score, "band": s.band.label,
         "label": f"{score_text(s.score)} ({s.band.label})"}
        for s in summary.sections
        if s.score is not None and s.band is not None
    ]
    data = pd.DataFrame(rows, columns=["section", "score", "band", "label"])
    order = [s.title for s in summary.sections]
    # Every section keeps its row, so one with no answers shows as an empty bar rather than vanishing.
    y = alt.Y("section:N", sort=order, title=None, axis=alt.Axis(labelLimit=260), scale=alt.Scale(domain=order))
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score (0 to 100)"),
        y=y,
        color=alt.Color(
            "band:N",
            scale=alt.Scale(domain=[b.label for b in BANDS], range=[BAND_COLOURS[b.id] for b in BANDS]),
            legend=alt.Legend(title="Band", orient="bottom"),
        ),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("score:Q", title="Score"),
                 alt.Tooltip("band:N", title="Band")],
    )
    # Labels sit in a column to the right of the 100 line, where no bar end or band line can run through them.
    labels = alt.Chart(data).mark_text(align="left", dx=8).encode(
        x=alt.datum(100), y=y, text="label:N"
    )
    # Band boundaries drawn as thin lines, so the thresholds are visible without colour.
    edges = pd.DataFrame({"edge": [b.low for b in BANDS[1:]]})
    rules = alt.Chart(edges).mark_rule(strokeDash=[4, 3], color="#4C6272").encode(x="edge:Q")
    return alt.layer(bars, rules, labels).properties(
        title="Section scores", width=420, height=alt.Step(34)
    )


def principles_table(summary: Summary) -> pd.DataFrame:
    """One row per design principle: where you are now, where you want to be, and the gap."""
    rows = []
    for p in summary.principles:
        rows.append({
            "Principle": f"{p.number}. {p.title}",
            "Group": "Clinical care" if p.group == "clinical" else "Organisation",
            "Now": p.current,
            "Target": p.target,
            "Gap": p.gap,
            "Status": "Not sure" if p.not_sure else (NOT_ANSWERED if p.current is None else "Answered"),
        })
    table = pd.DataFrame(rows, columns=["Principle", "Group", "Now", "Target", "Gap", "Status"])
    # Whole levels, with a blank (not NaN) where there is no answer.
    return table.astype({"Now": "Int64", "Target": "Int64", "Gap": "Int64"})


def principles_chart(summary: Summary) -> alt.Chart:
    """Each principle's current and target level on the 0-4 scale, joined by a line showing the gap."""
    order = [f"{p.number}. {p.title}" for p in summary.principles]
    points = []
    spans = []
    for p in summary.principles:
        name = f"{p.number}. {p.title}"
        if p.current is not None:
            points.append({"principle": name, "level": p.current, "kind": "Now"})
        if p.target is not None:
            points.append({"principle": name, "level": p.target, "kind": "Target"})
        if p.current is not None and p.target is not None:
            spans.append({"principle": name, "low": min(p.current, p.target), "high": max(p.current, p.target)})
    point_data = pd.DataFrame(points, columns=["principle", "level", "kind"])
    span_data = pd.DataFrame(spans, columns=["principle", "low", "high"])
    x_scale = alt.Scale(domain=[0, MAX_LEVEL], nice=False)
    y = alt.Y("principle:N", sort=order, title=None, axis=alt.Axis(labelLimit=300),
              scale=alt.Scale(domain=order))
    lines = alt.Chart(span_data).mark_rule(color="#AEB7BD", strokeWidth=3).encode(
        x=alt.X("low:Q", scale=x_scale, title="Level (0 = not in place, 4 = fully in place)",
                axis=alt.Axis(tickMinStep=1, values=list(range(MAX_LEVEL + 1)))),
        x2="high:Q",
        y=y,
    )
    dots = alt.Chart(point_data).mark_point(filled=True, size=110).encode(
        x=alt.X("level:Q", scale=x_scale),
        y=y,
        color=alt.Color("kind:N", scale=alt.Scale(domain=["Now", "Target"], range=[NOW_COLOUR, TARGET_COLOUR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        # Shape as well as colour tells "now" from "target".
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=["Now", "Target"], range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("level:Q", title="Level")],
    )
    return alt.layer(lines, dots).properties(
        title="Design principles: where you are now and where you want to be", width=420, height=alt.Step(26)
    )


@functools.lru_cache(maxsize=256)
def _spec_json(summary_json: str) -> tuple[str, str]:
    summary = Summary.model_validate_json(summary_json)
    return json.dumps(section_scores_chart(summary).to_dict()), json.dumps(principles_chart(summary).to_dict())


def results_chart_specs(summary: Summary) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two results charts as Vega-Lite specs (section scores, principles), built once per distinct summary.

    Building and validating an Altair chart takes tens of milliseconds, and the Results page reruns with the
    same answers far more often than with new ones. Each call returns fresh dicts the caller may change.
    """
    sections, principles = _spec_json(summary.model_dump_json())
    return json.loads(sections), json.loads(principles)
