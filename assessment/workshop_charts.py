"""Charts for the workshop dashboard (Altair), each with a table that says the same for people who cannot see it.

Every chart is drawn from an Aggregate, whose size depends on the principles, practices and roles, never on the
number of participants, so a room of a thousand draws as quickly as a room of ten.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import altair as alt
import pandas as pd

from assessment.answers import ACTION_STATUS_LABELS, ROLE_LABELS
from assessment.content_models import Content
from assessment.scoring import Gap
from assessment.workshop import (
    LEVELS,
    NOT_SHOWN_BY_ROLE,
    PRINCIPLES,
    Aggregate,
    Consensus,
    GroupSpread,
    PlanItem,
    PrincipleChange,
    Workshop,
    responses_rows,
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


def _ordered_roles(agg: Aggregate) -> list[str]:
    return sorted(agg.by_role, key=lambda r: list(ROLE_LABELS).index(r) if r in ROLE_LABELS else 99)


def _not_shown_by_role(agg: Aggregate, practice: str) -> int:
    """People in a shown practice whose practice-and-role group is too small to show. Already derivable from the
    practice's total and its shown groups, so it reveals nothing more; without it a practice whose every role is
    small drew as an empty row."""
    shown = sum(n for (p, _), n in agg.by_practice_and_role.items() if p == practice)
    return max(0, agg.by_practice[practice] - shown)


def responses_table(agg: Aggregate) -> pd.DataFrame:
    """One row per practice, one column per role shown, people in groups too small to show, and a total: the
    core's responses_rows, where a group not shown reads NOT_SHOWN, never 0 (see not_shown_note)."""
    headers, rows = responses_rows(agg)
    frame = pd.DataFrame(rows, columns=headers)
    counts = [h for h in (NOT_SHOWN_BY_ROLE, "Total") if h in headers]
    return frame.astype(dict.fromkeys(counts, "int64"))


def responses_chart(agg: Aggregate) -> alt.Chart:
    """A bar per shown practice as long as its total, split by role; people in groups too small to show by role
    make a grey part of their own, so every practice shown has its whole bar."""
    rows = [{"practice": p, "role": role_label(r), "responses": n} for (p, r), n in agg.by_practice_and_role.items()]
    rows += [{"practice": p, "role": NOT_SHOWN_BY_ROLE, "responses": n} for p in agg.by_practice
             if (n := _not_shown_by_role(agg, p))]
    data = pd.DataFrame(rows, columns=["practice", "role", "responses"])
    largest = max(agg.by_practice.values(), default=1)
    step = max(1, -(-largest // 8))  # at most about eight ticks, each a whole number of people
    # The legend names only what a bar draws: a role shown in the room but in no practice's shown group (a "GP
    # partner" spread one or two to a practice) drew nothing, yet was listed. Each role keeps its colour by its place
    # among the room's roles, so a role's colour does not change as others come and go.
    palette = dict(zip([role_label(r) for r in _ordered_roles(agg)],
                       ["#005EB8", "#41B6E6", "#009639", "#ED8B00", "#7C2855", "#330072", "#00A499", "#AE2573"] * 2,
                       strict=False)) | {NOT_SHOWN_BY_ROLE: "#AEB7BD"}
    drawn = [name for name in palette if name in {row["role"] for row in rows}]
    colours = alt.Scale(domain=drawn, range=[palette[name] for name in drawn])
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("sum(responses):Q", title="Responses", scale=alt.Scale(domain=[0, largest], nice=False),
                axis=alt.Axis(values=list(range(0, largest + 1, step)), format="d", tickMinStep=1)),
        y=alt.Y("practice:N", title=None, sort=list(agg.by_practice), scale=alt.Scale(domain=list(agg.by_practice)),
                axis=alt.Axis(labelLimit=240)),
        color=alt.Color("role:N", title="Role", scale=colours, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("practice:N", title="Practice"), alt.Tooltip("role:N", title="Role"),
                 alt.Tooltip("responses:Q", title="Responses")],
    ).properties(height=alt.Step(28))


# --- levels per principle ----------------------------------------------------------------------------------


def distribution_table(agg: Aggregate, content: Content) -> pd.DataFrame:
    """Current levels and targets per principle, side by side."""
    labels = principle_labels(content)
    rows = []
    for s in agg.principles:
        sp, tg = s.spread, s.target
        # A principle too few answered is blank, not 0: someone did answer it (the note beneath says so).
        rows.append({
            "Principle": labels[s.principle], "Answers": None if s.withheld else sp.n,
            **{f"Level {lv}": None if s.withheld else sp.counts[lv] for lv in LEVELS},
            "Not sure": s.not_sure, "Lowest": sp.low, "Median": sp.median, "Highest": sp.high, "Range": sp.range,
            "IQR": sp.iqr, "Disagreement": "Yes" if s.disagreement else "",
            "Roles split": ", ".join(role_label(r) for r in s.flagged_roles),
            "Practices split": ", ".join(s.flagged_practices),
            "Targets given": None if s.target_withheld else tg.n, "Lowest target": tg.low, "Median target": tg.median, "Highest target": tg.high,
        })
    return pd.DataFrame(rows).astype({"Answers": "Int64", **{f"Level {lv}": "Int64" for lv in LEVELS},
                                      "Targets given": "Int64", "Lowest": "Int64", "Highest": "Int64", "Range": "Int64",
                                      "Median": "Float64", "IQR": "Float64", "Lowest target": "Int64",
                                      "Median target": "Float64", "Highest target": "Int64"})


def _people_legend(largest: int) -> alt.Legend:
    # Whole people only: a size legend left to itself offers "0.5 people".
    step = max(1, -(-largest // 4))
    return alt.Legend(values=list(range(step, largest + 1, step)) or [1], format="d")


def distribution_chart(agg: Aggregate, content: Content, which: str = "current") -> alt.LayerChart:
    """A strip of dots per principle: one dot per level chosen, sized by how many chose it; a bar marks the median.
    which: "current" levels (principles where views range by two levels or more are drawn in red) or "target"."""
    labels = principle_labels(content)
    order = [labels[n] for n in PRINCIPLES]
    target = which == "target"

    def of(s):
        return s.target if target else s.spread

    dots = pd.DataFrame(
        [{"principle": labels[s.principle], "level": lv, "count": of(s).counts[lv],
          "view": "Views 2+ levels apart" if of(s).disagreement else "Views within 1 level"}
         for s in agg.principles for lv in LEVELS if of(s).counts[lv]],
        columns=["principle", "level", "count", "view"],
    )
    medians = pd.DataFrame(
        [{"principle": labels[s.principle], "median": of(s).median} for s in agg.principles
         if of(s).median is not None],
        columns=["principle", "median"],
    )
    largest = int(dots["count"].max()) if len(dots) else 1
    y = alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelLimit=320))
    x_scale = alt.Scale(domain=[-0.5, 4.5])
    strip = alt.Chart(dots).mark_circle(opacity=0.8).encode(
        x=alt.X("level:Q", scale=x_scale, title=f"{'Target' if target else 'Current'} level ({LEVELS[0]} to {LEVELS[-1]})",
                axis=alt.Axis(values=list(LEVELS))),
        y=y,
        size=alt.Size("count:Q", title="People", scale=alt.Scale(range=[40, 900], domain=[0, largest]),
                      legend=_people_legend(largest)),
        # No legend for the colours: the page says what they mean in words above the charts. Vega-Lite starts a
        # legend below the plot at the plot's left edge, so in half the dashboard at 1366 px "Views 2+ levels
        # apart" ran past the picture's edge and was cut to "Viev"; on a phone both labels were.
        color=alt.Color("view:N", title=None, legend=None,
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
        for g in _groups(agg, by)
    ]
    frame = pd.DataFrame(rows, columns=["Principle", name, "Answers", "Lowest", "Highest", "Range", "Disagreement"])
    return frame.sort_values(["Disagreement", "Range"], ascending=[False, False], kind="stable").reset_index(drop=True)


def disagreement_chart(agg: Aggregate, content: Content, by: str) -> alt.LayerChart:
    """Principles by groups, each cell the range of views within that group; ranges of 2+ are outlined in red."""
    labels = principle_labels(content)
    data = pd.DataFrame(
        [{"principle": labels[g.principle], "group": role_label(g.group) if by == "role" else g.group,
          "range": g.spread.range, "flag": g.spread.disagreement, "label": _fmt(g.spread.range)}
         for g in _groups(agg, by)],
        columns=["principle", "group", "range", "flag", "label"],
    )
    order = [labels[n] for n in PRINCIPLES]
    base = alt.Chart(data).encode(
        x=alt.X("group:N", title="Role" if by == "role" else "Practice", axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        y=alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None, axis=alt.Axis(labelLimit=320)),
    )
    cells = base.mark_rect(strokeWidth=3).encode(
        # The legend's title on two lines: on one, a phone cut it at the picture's edge ("Range of leve").
        color=alt.Color("range:Q", title=["Range of", "levels"], scale=alt.Scale(domain=[0, 4], scheme="oranges")),
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
                # Every principle labelled: left to itself, Vega drops labels that overlap and shows only 1, 5, 9.
                axis=alt.Axis(labelAngle=-40, labelLimit=180, labelOverlap=False)),
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
        rows.append({"Principle": labels[s.principle], "Agreed now": agreed.level if agreed else None,
                     "Views now (when agreed)": (f"{agreed.low} to {agreed.high}" if agreed and agreed.low
                                                 is not None else ""),
                     "Agreed target": agreed.target if agreed else None,
                     "Targets (when agreed)": (f"{agreed.target_low} to {agreed.target_high}" if agreed and
                                               agreed.target_low is not None else ""),
                     "Views now (today)": f"{s.spread.low} to {s.spread.high}" if s.spread.n else "",
                     "Median now": s.spread.median, "Note": agreed.note if agreed else ""})
    return pd.DataFrame(rows).astype({"Agreed now": "Int64", "Agreed target": "Int64", "Median now": "Float64"})


def gaps_table(gaps: Sequence[Gap]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Rank": g.rank, "Principle": f"{g.number}. {g.title}", "Agreed now": g.current, "Agreed target": g.target,
          "Gap": g.gap, "Priority": g.priority.capitalize()} for g in gaps],
        columns=["Rank", "Principle", "Agreed now", "Agreed target", "Gap", "Priority"])


def plan_table(plan: Sequence[PlanItem], content: Content) -> pd.DataFrame:
    labels = principle_labels(content)
    return pd.DataFrame(
        [{"Action": i.action, "Principle": labels[i.principle] if i.principle else "", "Owner": i.owner,
          "Due": i.due.strftime("%d %b %Y") if i.due else "", "Status": ACTION_STATUS_LABELS[i.status]}
         for i in plan],
        columns=["Action", "Principle", "Owner", "Due", "Status"])


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


def distribution_figure(agg: Aggregate, content: Content, which: str = "current"):
    """distribution_chart as a figure for the PDF, drawn as vectors: the same counts, medians and flags."""
    from assessment.report.vector_charts import StripFigure, StripRow

    labels = principle_labels(content)
    target = which == "target"
    rows = []
    for s in agg.principles:
        spread = s.target if target else s.spread
        rows.append(StripRow(label=labels[s.principle], counts=[spread.counts[lv] for lv in LEVELS],
                             median=spread.median, flagged=spread.disagreement))
    return StripFigure(rows=rows, levels=list(LEVELS),
                       axis_title=f"{'Target' if target else 'Current'} level ({LEVELS[0]} to {LEVELS[-1]})",
                       plain_label="Views within 1 level", flagged_label="Views 2+ levels apart",
                       plain_colour=DOT_COLOUR, flagged_colour=FLAG_COLOUR, median_colour=MEDIAN_COLOUR)


def heatmap_figure(agg: Aggregate, content: Content):
    """heatmap_chart as a figure for the PDF: each practice's median current level for each principle."""
    from assessment.report.vector_charts import ShadeFigure

    labels = principle_labels(content)
    medians = agg.medians()
    practices = list(agg.by_practice)
    return ShadeFigure(rows=practices, columns=[labels[n] for n in PRINCIPLES],
                       values=[[medians.get((practice, n)) for n in PRINCIPLES] for practice in practices],
                       top=LEVELS[-1], column_title="Design principle", legend_title="Median level")


def pdf_charts(workshop: Workshop, agg: Aggregate, content: Content) -> list[tuple[str, object, str]]:
    """The charts the workshop PDF carries, as (title, figure drawn as vectors or None when there is nothing to
    draw, words for a reader who cannot see it), drawn from the same aggregate as the dashboard's charts, so what is suppressed there is suppressed here."""
    if "principles" not in workshop.sections or not agg.participants:
        return []
    return [
        ("Where people place each principle", distribution_figure(agg, content),
         "For each principle, how many people chose each level, with the median marked."),
        ("Where people want each principle to be", distribution_figure(agg, content, "target"),
         "For each principle, how many people chose each target level, with the median marked."),
        ("Median level by practice", heatmap_figure(agg, content) if agg.by_practice_spread else None,
         "Each practice's median current level for each of the twelve principles."),
    ]


# --- joining from the projector ----------------------------------------------------------------------------


def join_qr_png(link: str, scale: int = 12) -> bytes:
    """The join link as a QR code, drawn here (no web service), as a PNG large enough to scan across a room.

    Error correction "M" and a four-module quiet zone, as phone cameras expect; at scale 12 a typical join link
    is about 450 pixels square.
    """
    import segno  # only when a dashboard is drawn

    out = io.BytesIO()
    segno.make_qr(link, error="m").save(out, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return out.getvalue()
