"""Charts that set the practice against the case studies (Altair), each with a table carrying the same facts."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from assessment.charts import NOW_COLOUR, TARGET_COLOUR, wrap_label
from assessment.compare import ScaleData, evidence_matrix
from assessment.content_models import Content
from assessment.scoring import MAX_LEVEL, Summary

MARKED = "Exemplifies this principle"
UNMARKED = "Not given as an example"
MARKED_COLOUR = "#007F3B"
UNMARKED_COLOUR = "#F0F4F5"
YOU_COLOUR = "#D5281B"
YES = "Yes"
# Wide enough for the longest case-study name in the content (56 characters) to be read whole.
CASE_LABEL_LIMIT = 420


TITLE_WRAP = 36  # characters of a bold 13 px title line: under 300 px, inside a 390 px phone's chart frame
SUBTITLE_WRAP = 48  # characters of an 11 px subtitle line, the same width


def title_lines(text: str, width: int = TITLE_WRAP) -> list[str]:
    """A chart title as lines at most `width` characters long, broken at spaces, for Vega-Lite to stack."""
    return wrap_label(text, width).split("\n")


def _principle_labels(content: Content) -> list[str]:
    return [f"{p.number}. {p.title}" for p in sorted(content.principles, key=lambda p: p.number)]


def evidence_cases(content: Content) -> list[str]:
    """Names of the case studies the sources give as an example of at least one principle, in content order."""
    return [c.name for c in content.case_studies if c.principles]


def evidence_left_out(content: Content) -> list[str]:
    """Names of the case studies the heatmap leaves out: the sources give them as an example of no principle."""
    return [c.name for c in content.case_studies if not c.principles]


def evidence_note(content: Content) -> str:
    """Which case studies the heatmap shows, which it leaves out and why, in words for a caption."""
    shown, left_out = evidence_cases(content), evidence_left_out(content)
    total = len(content.case_studies)
    if not left_out:
        return f"All {total} case studies are shown."
    return (f"Shown: the {len(shown)} of the {total} case studies that the sources give as an example of at least "
            f"one design principle. Left out, because the sources give them as an example of none of the twelve "
            f"(each is in the case-study library): {'; '.join(left_out)}.")


def _levels(summary: Summary | None) -> dict[int, tuple[int | None, int | None]]:
    if summary is None:
        return {}
    return {p.number: (p.current, p.target) for p in summary.principles}


def evidence_table(content: Content, summary: Summary | None = None) -> pd.DataFrame:
    """One row per principle: your levels now and target, then "Yes" under each case study that exemplifies it."""
    cases = evidence_cases(content)
    marked = {(cell.principle, cell.case_name) for cell in evidence_matrix(content)}
    levels = _levels(summary)
    rows = []
    for principle in sorted(content.principles, key=lambda p: p.number):
        now, target = levels.get(principle.number, (None, None))
        row = {"Principle": f"{principle.number}. {principle.title}", "You now": now, "Your target": target}
        row.update({name: YES if (principle.number, name) in marked else "" for name in cases})
        rows.append(row)
    table = pd.DataFrame(rows, columns=["Principle", "You now", "Your target", *cases])
    return table.astype({"You now": "Int64", "Your target": "Int64"})


def evidence_list_table(content: Content) -> pd.DataFrame:
    """Every marked cell in words: principle, case study, what the source says it did, and where."""
    return pd.DataFrame(
        [{"Principle": f"{c.principle}. {c.principle_title}", "Case study": c.case_name, "What it did": c.note,
          "Source": c.citation} for c in evidence_matrix(content)],
        columns=["Principle", "Case study", "What it did", "Source"],
    )


def evidence_heatmap(content: Content, summary: Summary | None = None) -> alt.HConcatChart:
    """Principles down, case studies across, a filled cell where the sources show the case exemplifying it.

    Beside it, on the same rows, the practice's own level now and target, so a gap can be read across to the
    organisations that got furthest on that principle.
    """
    order = _principle_labels(content)
    cases = evidence_cases(content)
    cells = {(c.principle, c.case_name): c for c in evidence_matrix(content)}
    rows = []
    for principle in sorted(content.principles, key=lambda p: p.number):
        label = f"{principle.number}. {principle.title}"
        for name in cases:
            cell = cells.get((principle.number, name))
            rows.append({"principle": label, "case": name, "mark": MARKED if cell else UNMARKED,
                         "what": cell.note if cell else "", "source": cell.citation if cell else ""})
    grid = pd.DataFrame(rows, columns=["principle", "case", "mark", "what", "source"])
    y = alt.Y("principle:N", sort=order, scale=alt.Scale(domain=order), title=None)
    heat = alt.Chart(grid).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("case:N", sort=cases, scale=alt.Scale(domain=cases), title="Case study",
                axis=alt.Axis(labelAngle=-45, labelLimit=CASE_LABEL_LIMIT, orient="top", labelOverlap=False)),
        y=y.axis(None),
        color=alt.Color("mark:N", scale=alt.Scale(domain=[MARKED, UNMARKED], range=[MARKED_COLOUR, UNMARKED_COLOUR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("case:N", title="Case study"), alt.Tooltip("principle:N", title="Principle"),
                 alt.Tooltip("what:N", title="What it did"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=alt.Step(26), height=alt.Step(26))

    levels = _levels(summary)
    points = []
    for principle in sorted(content.principles, key=lambda p: p.number):
        now, target = levels.get(principle.number, (None, None))
        label = f"{principle.number}. {principle.title}"
        if now is not None:
            points.append({"principle": label, "level": now, "kind": "You now"})
        if target is not None:
            points.append({"principle": label, "level": target, "kind": "Your target"})
    level_data = pd.DataFrame(points, columns=["principle", "level", "kind"])
    # With no levels yet the layer is empty, and an empty mark group with a graphics role and no label is noise to a
    # screen reader (axe's svg-img-alt): hide it until there is something to say.
    yours = alt.Chart(level_data).mark_point(filled=True, size=90, aria=bool(points)).encode(
        x=alt.X("level:Q", scale=alt.Scale(domain=[0, MAX_LEVEL], nice=False), title=f"Your level (0-{MAX_LEVEL})",
                axis=alt.Axis(values=list(range(MAX_LEVEL + 1)), orient="top")),
        y=y.axis(alt.Axis(labelLimit=300)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=["You now", "Your target"],
                                                   range=[NOW_COLOUR, TARGET_COLOUR]),
                        legend=alt.Legend(title=None, orient="bottom")),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=["You now", "Your target"], range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("level:Q", title="Level")],
    ).properties(width=140, height=alt.Step(26))
    total = len(content.case_studies)
    subtitle = (f"All {total} case studies" if len(cases) == total else
                f"The {len(cases)} of {total} case studies the sources give as an example of a principle; "
                f"the other {total - len(cases)} are listed below the chart")
    # Vega-Lite never wraps a title, and on a phone the chart scrolls in a frame narrower than it: a one-line title
    # runs past the frame's edge and is read cut ("...design principle, b"). Lines short enough for a phone fit.
    return alt.hconcat(yours, heat, spacing=6).resolve_scale(color="independent", shape="independent").properties(
        title=alt.TitleParams(title_lines("Which case studies exemplify each design principle, beside your own levels"),
                              subtitle=title_lines(subtitle, SUBTITLE_WRAP), anchor="start")
    )


def scale_table(data: ScaleData) -> pd.DataFrame:
    """One row per organisation charted, smallest first, with the figure as the source words it."""
    rows = [{"Organisation": p.name, "Type": p.org_type, "Population": p.population, "As the source puts it": p.text,
             "Source": p.citation} for p in sorted(data.points, key=lambda p: (p.population, p.name))]
    return pd.DataFrame(rows, columns=["Organisation", "Type", "Population", "As the source puts it", "Source"])


def scale_label(name: str, org_type: str) -> str:
    """An organisation's axis label, naming its type too, so the chart reads without colour (e.g. in print)."""
    return f"{name} ({org_type})"


def _powers_of_ten(values: list[float]) -> list[float]:
    """The powers of ten from just below the smallest value to just above the largest: a log axis's ticks."""
    if not values:
        return [1_000, 10_000, 100_000, 1_000_000]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    ticks = [low]
    while ticks[-1] < high:
        ticks.append(ticks[-1] * 10)
    return ticks if len(ticks) > 1 else [low, low * 10]


def scale_screen_chart(data: ScaleData) -> alt.LayerChart:
    """The scale chart as drawn on screen: one row per organisation across the page, its name and type written
    above its dot, on a log axis ticked at each power of ten, so it fits a phone and a laptop alike."""
    from assessment.charts import screen_rows, under_label, with_offsets

    points = sorted(data.points, key=lambda p: (p.population, p.name))
    frame = pd.DataFrame(
        [{"name": p.name, "type": p.org_type, "label": scale_label(p.name, p.org_type), "population": p.population,
          "text": p.text, "source": p.citation, "you": p.kind == "you"} for p in points],
        columns=["name", "type", "label", "population", "text", "source", "you"],
    )
    order = list(frame["label"])
    names = [f"You: {p.text}" if p.kind == "you" else label for label, p in zip(order, points, strict=True)]
    y, text, step, below = screen_rows(order, "label", names)
    ticks = _powers_of_ten([p.population for p in points])
    x = alt.X("population:Q", title="Population served (log scale)",
              scale=alt.Scale(type="log", domain=[ticks[0], ticks[-1]], nice=False),
              axis=alt.Axis(values=ticks, format="~s", labelFlush=True))
    dots = alt.Chart(with_offsets(frame, "label", below)).mark_point(filled=True, opacity=1).encode(
        x=x, y=y, yOffset=under_label(),
        color=alt.condition("datum.you", alt.value(YOU_COLOUR), alt.value("#4C6272")),
        shape=alt.condition("datum.you", alt.value("diamond"), alt.value("circle")),
        size=alt.condition("datum.you", alt.value(260), alt.value(110)),
        tooltip=[alt.Tooltip("name:N", title="Organisation"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("population:Q", title="Population", format=","),
                 alt.Tooltip("text:N", title="As the source puts it"), alt.Tooltip("source:N", title="Source")],
    )
    return alt.layer(dots, text).properties(
        title=alt.TitleParams("Scale: your practice beside the case studies",
                              subtitle="Each organisation is labelled with its type, in brackets"),
        width="container", height=alt.Step(step),
    )
