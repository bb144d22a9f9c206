"""Charts that set the practice against the case studies (Altair), each with a table carrying the same facts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from assessment.charts import NOW_COLOUR, TARGET_COLOUR
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
    yours = alt.Chart(level_data).mark_point(filled=True, size=90).encode(
        x=alt.X("level:Q", scale=alt.Scale(domain=[0, MAX_LEVEL], nice=False), title="Your level (0-4)",
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
    return alt.hconcat(yours, heat, spacing=6).resolve_scale(color="independent", shape="independent").properties(
        title=alt.TitleParams("Which case studies exemplify each design principle, beside your own levels",
                              subtitle=subtitle)
    )


def scale_table(data: ScaleData) -> pd.DataFrame:
    """One row per organisation charted, smallest first, with the figure as the source words it."""
    rows = [{"Organisation": p.name, "Type": p.org_type, "Population": p.population, "As the source puts it": p.text,
             "Source": p.citation} for p in sorted(data.points, key=lambda p: (p.population, p.name))]
    return pd.DataFrame(rows, columns=["Organisation", "Type", "Population", "As the source puts it", "Source"])


def scale_label(name: str, org_type: str) -> str:
    """An organisation's axis label, naming its type too, so the chart reads without colour (e.g. in print)."""
    return f"{name} ({org_type})"


def scale_chart(data: ScaleData) -> alt.LayerChart:
    """Each organisation's population on a log scale, coloured by its type, with the practice highlighted.

    Thirteen or so types cannot be told apart by colour alone, least of all in black and white, so each row's axis
    label names the type as well as the organisation; colour only repeats it.
    """
    frame = pd.DataFrame(
        [{"name": p.name, "type": p.org_type, "label": scale_label(p.name, p.org_type), "population": p.population,
          "text": p.text, "source": p.citation, "you": p.kind == "you"} for p in data.points],
        columns=["name", "type", "label", "population", "text", "source", "you"],
    )
    order = list(frame.sort_values(["population", "name"])["label"]) if len(frame) else []
    you = data.you
    types = sorted({p.org_type for p in data.points if p.kind == "case_study"})
    domain = ([you.org_type] if you else []) + types
    colours = ([YOU_COLOUR] if you else []) + [_TYPE_PALETTE[i % len(_TYPE_PALETTE)] for i in range(len(types))]
    base = alt.Chart(frame).encode(
        x=alt.X("population:Q", scale=alt.Scale(type="log"), title="Population served (log scale)",
                axis=alt.Axis(format="~s")),
        y=alt.Y("label:N", sort=order, scale=alt.Scale(domain=order), title=None,
                axis=alt.Axis(labelLimit=CASE_LABEL_LIMIT + 300)),
    )
    dots = base.mark_point(filled=True, opacity=1).encode(
        color=alt.Color("type:N", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(title="Type of organisation", orient="right", labelLimit=CASE_LABEL_LIMIT)),
        shape=alt.condition("datum.you", alt.value("diamond"), alt.value("circle")),
        size=alt.condition("datum.you", alt.value(260), alt.value(110)),
        tooltip=[alt.Tooltip("name:N", title="Organisation"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("population:Q", title="Population", format=","),
                 alt.Tooltip("text:N", title="As the source puts it"), alt.Tooltip("source:N", title="Source")],
    )
    # A label beside the practice's own point, so it stands out without relying on colour.
    label = base.transform_filter("datum.you").mark_text(align="left", dx=10, fontWeight="bold").encode(
        text=alt.value("You"))
    return alt.layer(dots, label).properties(
        title=alt.TitleParams("Scale: your practice beside the case studies",
                              subtitle="Each organisation is labelled with its type, in brackets"),
        width=460, height=alt.Step(22)
    )


# Tableau's ten categorical colours then eight more muted ones: enough for every type the sources name.
_TYPE_PALETTE = ["#4C78A8", "#F58518", "#54A24B", "#B279A2", "#72B7B2", "#EECA3B", "#9D755D", "#BAB0AC",
                 "#FF9DA6", "#79706E", "#1F77B4", "#2CA02C", "#9467BD", "#8C564B", "#17BECF", "#BCBD22",
                 "#7F7F7F", "#AEC7E8", "#98DF8A", "#C5B0D5"]
