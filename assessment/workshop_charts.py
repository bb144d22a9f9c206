"""Charts for the workshop dashboard (Altair), each with a table that says the same for people who cannot see it.

Every chart is drawn from an Aggregate, whose size depends on the principles, practices and roles, never on the
number of participants, so a room of a thousand draws as quickly as a room of ten.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from assessment.answers import ROLE_LABELS
from assessment.content_models import Content
from assessment.workshop import (
    LEVELS,
    MIN_GROUP_SIZE,
    PRINCIPLES,
    Aggregate,
    Consensus,
    GroupSpread,
    PrincipleChange,
    Workshop,
)

FLAG_COLOUR = "#D5281B"
DOT_COLOUR = "#005EB8"
MEDIAN_COLOUR = "#212B32"
HEAT_SCHEME = "blues"


def principle_labels(content: Content) -> dict[int, str]:
    titles = {p.number: p.title for p in content.principles}
    return {n: f"{n}. {titles.get(n, f'Principle {n}')}" for n in PRINCIPLES}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# --- who has answered --------------------------------------------------------------------------------------


def responses_table(agg: Aggregate) -> pd.DataFrame:
    """One row per practice, one column per role present, and a total."""
    roles = sorted(agg.by_role, key=lambda r: list(ROLE_LABELS).index(r) if r in ROLE_LABELS else 99)
    rows = []
    for practice, total in agg.by_practice.items():
        row: dict[str, object] = {"Practice": practice}
        for role in roles:
            row[role_label(role)] = agg.by_practice_and_role.get((practice, role), 0)
        row["Total"] = total
        rows.append(row)
    return pd.DataFrame(rows, columns=["Practice", *[role_label(r) for r in roles], "Total"])


def responses_chart(agg: Aggregate) -> alt.Chart:
    data = pd.DataFrame(
        [{"practice": p, "role": role_label(r), "responses": n} for (p, r), n in agg.by_practice_and_role.items()],
        columns=["practice", "role", "responses"],
    )
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("sum(responses):Q", title="Responses", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("practice:N", title=None, sort=list(agg.by_practice), scale=alt.Scale(domain=list(agg.by_practice)),
                axis=alt.Axis(labelLimit=240)),
        color=alt.Color("role:N", title="Role", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("practice:N", title="Practice"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("responses:Q", title="Responses")],
    ).properties(height=alt.Step(28))


# --- levels per principle ----------------------------------------------------------------------------------


def distribution_table(agg: Aggregate, content: Content) -> pd.DataFrame:
    labels = principle_labels(content)
    rows = []
    for s in agg.principles:
        sp = s.spread
        rows.append({
            "Principle": labels[s.principle], "Answers": sp.n,
            **{f"Level {lv}": sp.counts[lv] for lv in LEVELS},
            "Not sure": s.not_sure, "Lowest": sp.low, "Median": sp.median, "Highest": sp.high, "Range": sp.range,
            "IQR": sp.iqr, "Disagreement": "Yes" if s.disagreement else "",
            "Roles split": ", ".join(role_label(r) for r in s.flagged_roles),
            "Practices split": ", ".join(s.flagged_practices),
        })
    return pd.DataFrame(rows).astype({"Lowest": "Int64", "Highest": "Int64", "Range": "Int64",
                                      "Median": "Float64", "IQR": "Float64"})


def distribution_chart(agg: Aggregate, content: Content) -> alt.LayerChart:
    """A strip of dots per principle: one dot per level chosen, sized by how many chose it; a bar marks the median.
    Principles where views range by two levels or more are drawn in red."""
    labels = principle_labels(content)
    order = [labels[n] for n in PRINCIPLES]
    dots = pd.DataFrame(
        [{"principle": labels[s.principle], "level": lv, "count": s.spread.counts[lv],
          "view": "Views 2+ levels apart" if s.disagreement else "Views within 1 level"}
         for s in agg.principles for lv in LEVELS if s.spread.counts[lv]],
        columns=["principle", "level", "count", "view"],
    )
    medians = pd.DataFrame(
        [{"principle": labels[s.principle], "median": s.spread.median} for s in agg.principles
         if s.spread.median is not None],
        columns=["principle", "median"],
    )
    y = alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelLimit=320))
    x_scale = alt.Scale(domain=[-0.5, 4.5])
    strip = alt.Chart(dots).mark_circle(opacity=0.8).encode(
        x=alt.X("level:Q", scale=x_scale, title="Current level (0 to 4)", axis=alt.Axis(values=list(LEVELS))),
        y=y,
        size=alt.Size("count:Q", title="People", scale=alt.Scale(range=[40, 900])),
        color=alt.Color("view:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=["Views within 1 level", "Views 2+ levels apart"],
                                        range=[DOT_COLOUR, FLAG_COLOUR])),
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("level:Q", title="Level"),
                 alt.Tooltip("count:Q", title="People")],
    )
    median = alt.Chart(medians).mark_tick(color=MEDIAN_COLOUR, thickness=3, size=22).encode(
        x=alt.X("median:Q", scale=x_scale), y=y, tooltip=[alt.Tooltip("median:Q", title="Median")])
    return alt.layer(strip, median).properties(height=alt.Step(30))


# --- disagreement by role or practice ----------------------------------------------------------------------


def _groups(agg: Aggregate, by: str) -> list[GroupSpread]:
    return agg.by_role_spread if by == "role" else agg.by_practice_spread


def disagreement_table(agg: Aggregate, content: Content, by: str) -> pd.DataFrame:
    """by: "role" or "practice". One row per principle and group with any answers; flagged rows first."""
    labels = principle_labels(content)
    name = "Role" if by == "role" else "Practice"
    rows = [
        {"Principle": labels[g.principle], name: role_label(g.group) if by == "role" else g.group,
         "Answers": g.spread.n, "Lowest": g.spread.low, "Highest": g.spread.high, "Range": g.spread.range,
         "Disagreement": "Yes" if g.spread.disagreement else ""}
        for g in _groups(agg, by) if g.spread.n >= MIN_GROUP_SIZE
    ]
    frame = pd.DataFrame(rows, columns=["Principle", name, "Answers", "Lowest", "Highest", "Range", "Disagreement"])
    return frame.sort_values(["Disagreement", "Range"], ascending=[False, False], kind="stable").reset_index(drop=True)


def disagreement_chart(agg: Aggregate, content: Content, by: str) -> alt.LayerChart:
    """Principles by groups, each cell the range of views within that group; ranges of 2+ are outlined in red."""
    labels = principle_labels(content)
    data = pd.DataFrame(
        [{"principle": labels[g.principle], "group": role_label(g.group) if by == "role" else g.group,
          "range": g.spread.range, "flag": g.spread.disagreement, "label": _fmt(g.spread.range)}
         for g in _groups(agg, by) if g.spread.n >= MIN_GROUP_SIZE],
        columns=["principle", "group", "range", "flag", "label"],
    )
    order = [labels[n] for n in PRINCIPLES]
    base = alt.Chart(data).encode(
        x=alt.X("group:N", title="Role" if by == "role" else "Practice", axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        y=alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelLimit=320)),
    )
    cells = base.mark_rect(strokeWidth=3).encode(
        color=alt.Color("range:Q", title="Range of levels", scale=alt.Scale(domain=[0, 4], scheme="oranges")),
        stroke=alt.condition("datum.flag", alt.value(FLAG_COLOUR), alt.value("white")),
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("group:N", title="Group"),
                 alt.Tooltip("range:Q", title="Range")],
    )
    text = base.mark_text(fontSize=13).encode(
        text="label:N", color=alt.condition("datum.range >= 3", alt.value("white"), alt.value("black")))
    return alt.layer(cells, text).properties(height=alt.Step(30))


# --- compatibility between practices -----------------------------------------------------------------------


def heatmap_table(agg: Aggregate, content: Content) -> pd.DataFrame:
    """Practices down the side, principles across: the median current level in each practice."""
    labels = principle_labels(content)
    medians = agg.medians()
    rows = [{"Practice": practice, **{labels[n]: medians.get((practice, n)) for n in PRINCIPLES}}
            for practice in agg.by_practice]
    frame = pd.DataFrame(rows, columns=["Practice", *[labels[n] for n in PRINCIPLES]])
    return frame.astype({labels[n]: "Float64" for n in PRINCIPLES})


def heatmap_chart(agg: Aggregate, content: Content) -> alt.LayerChart:
    labels = principle_labels(content)
    data = pd.DataFrame(
        [{"practice": g.group, "principle": labels[g.principle], "number": g.principle, "median": g.spread.median,
          "label": _fmt(g.spread.median)} for g in agg.by_practice_spread if g.spread.median is not None],
        columns=["practice", "principle", "number", "median", "label"],
    )
    order = [labels[n] for n in PRINCIPLES]
    base = alt.Chart(data).encode(
        x=alt.X("principle:N", sort=order, scale=alt.Scale(domain=order), title="Design principle",
                axis=alt.Axis(labelAngle=-40, labelLimit=180)),
        y=alt.Y("practice:N", sort=list(agg.by_practice), scale=alt.Scale(domain=list(agg.by_practice)), title=None,
                axis=alt.Axis(labelLimit=240)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("median:Q", title="Median level", scale=alt.Scale(domain=[0, 4], scheme=HEAT_SCHEME)),
        tooltip=[alt.Tooltip("practice:N", title="Practice"), alt.Tooltip("principle:N", title="Principle"),
                 alt.Tooltip("median:Q", title="Median level")],
    )
    text = base.mark_text(fontSize=13).encode(
        text="label:N", color=alt.condition("datum.median >= 2.5", alt.value("white"), alt.value("black")))
    return alt.layer(cells, text).properties(height=alt.Step(34))


# --- consensus and re-assessment ---------------------------------------------------------------------------


def consensus_table(agg: Aggregate, consensus: dict[int, Consensus], content: Content) -> pd.DataFrame:
    labels = principle_labels(content)
    rows = []
    for s in agg.principles:
        agreed = consensus.get(s.principle)
        rows.append({"Principle": labels[s.principle], "Agreed level": agreed.level if agreed else None,
                     "Individual views (when agreed)": (f"{agreed.low} to {agreed.high}" if agreed and agreed.low
                                                        is not None else ""),
                     "Individual views (now)": f"{s.spread.low} to {s.spread.high}" if s.spread.n else "",
                     "Median now": s.spread.median, "Note": agreed.note if agreed else ""})
    return pd.DataFrame(rows).astype({"Agreed level": "Int64", "Median now": "Float64"})


def comparison_table(changes: Sequence[PrincipleChange]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Principle": f"{c.principle}. {c.title}", "Median before": c.before_median, "Median now": c.after_median,
          "Change in median": c.median_change, "Agreed before": c.before_agreed, "Agreed now": c.after_agreed,
          "Change in agreed level": c.agreed_change} for c in changes],
    ).astype({"Median before": "Float64", "Median now": "Float64", "Change in median": "Float64",
              "Agreed before": "Int64", "Agreed now": "Int64", "Change in agreed level": "Int64"})


def comparison_chart(changes: Sequence[PrincipleChange]) -> alt.LayerChart:
    """A dumbbell per principle: the earlier workshop's median, a line, and this workshop's median."""
    order = [f"{c.principle}. {c.title}" for c in changes]
    points = pd.DataFrame(
        [{"principle": f"{c.principle}. {c.title}", "when": when, "median": value}
         for c in changes for when, value in (("Before", c.before_median), ("Now", c.after_median))
         if value is not None],
        columns=["principle", "when", "median"],
    )
    y = alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X("median:Q", scale=alt.Scale(domain=[0, 4]), title="Median current level")
    line = alt.Chart(points).mark_line(color="#768692").encode(x=x, y=y, detail="principle:N")
    dots = alt.Chart(points).mark_point(filled=True, size=120).encode(
        x=x, y=y,
        color=alt.Color("when:N", title=None, scale=alt.Scale(domain=["Before", "Now"], range=["#AEB7BD", DOT_COLOUR]),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("when:N", title=None, scale=alt.Scale(domain=["Before", "Now"], range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("when:N", title="When"),
                 alt.Tooltip("median:Q", title="Median")],
    )
    return alt.layer(line, dots).properties(height=alt.Step(30))


# --- the workshop PDF --------------------------------------------------------------------------------------


def pdf_charts(workshop: Workshop, agg: Aggregate, content: Content) -> list[tuple[str, dict, str]]:
    """The charts the workshop PDF carries, as (title, Vega-Lite spec, words for a reader who cannot see it)."""
    if "principles" not in workshop.sections or not agg.participants:
        return []
    return [
        ("Where people place each principle", distribution_chart(agg, content).to_dict(),
         "For each principle, how many people chose each level, with the median marked."),
        ("Median level by practice", heatmap_chart(agg, content).to_dict(),
         "Each practice's median current level for each of the twelve principles."),
    ]
