"""The report's charts: each chart's figure built from the findings (drawn as vectors by `vector_charts`), with the
table that carries the same facts, and the Charts section that prints them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from assessment.answers import Answers
from assessment.content_models import Content
from assessment.findings import Findings, findings_for
from assessment.report.layout import BODY_W, FONT, MARGIN, Writer
from assessment.report.vector_charts import (
    Bar,
    BarsFigure,
    Figure,
    GridFigure,
    LevelRow,
    LevelsFigure,
    ScaleFigure,
    ScaleRow,
    Swatch,
    draw_figure,
    figure_height,
    split_to_fit,
)
from assessment.scoring import MAX_LEVEL, Summary


class ReportTable(BaseModel):
    headers: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths; equal when omitted


class ReportChart(BaseModel):
    title: str
    figure: Figure | None = None  # what to draw; None, or empty_text, prints a sentence instead
    alt_text: str = ""  # what the chart shows, in words, for screen readers and for readers of a grey print
    note: str = ""
    empty_text: str = ""  # set when there is nothing to plot: this sentence is printed instead of an empty chart
    table: ReportTable | None = None  # the chart's facts as a table, printed under it
    list_title: str = ""  # a short list printed last, e.g. what the chart could not show
    list_intro: str = ""
    list_items: list[str] = Field(default_factory=list)


# --- the figures, from the findings -------------------------------------------------------------------------


def principles_figure(summary: Summary) -> LevelsFigure:
    """Each principle's level now (circle) and target (hollow diamond) on the 0 to 4 scale, as the Results page
    draws them."""
    from assessment.charts import NOW_COLOUR, TARGET_COLOUR, row_note

    return LevelsFigure(
        rows=[LevelRow(label=f"{p.number}. {p.title}", now=p.current, target=p.target, note=row_note(p))
              for p in summary.principles],
        max_level=MAX_LEVEL, axis_title=f"Level (0 = not in place, {MAX_LEVEL} = fully in place)",
        now_colour=NOW_COLOUR, target_colour=TARGET_COLOUR)


def section_scores_figure(summary: Summary) -> BarsFigure:
    """One bar per section in its band's colour, its score and band written beside it, the band edges dashed."""
    from assessment.charts import BAND_COLOURS, NOT_ANSWERED, score_text
    from assessment.scoring import BANDS

    return BarsFigure(
        rows=[Bar(label=s.title, value=s.score, colour=BAND_COLOURS[s.band.id],
                  text=f"{score_text(s.score)} ({s.band.label})") if s.score is not None and s.band is not None
              else Bar(label=s.title, text=NOT_ANSWERED) for s in summary.sections],
        edges=[b.low for b in BANDS[1:]], axis_title="Score (0 to 100)", legend_title="Band",
        legend=[Swatch(label=b.label, colour=BAND_COLOURS[b.id]) for b in BANDS])


def evidence_figure(findings: Findings, content: Content) -> GridFigure:
    """Principles down, case studies across, a filled square where the sources give the case as an example; the
    practice's own levels beside it on the same rows."""
    from assessment.charts import NOW_COLOUR, TARGET_COLOUR
    from assessment.comparison_charts import MARKED, MARKED_COLOUR, UNMARKED, UNMARKED_COLOUR, evidence_cases

    principles = sorted(content.principles, key=lambda p: p.number)
    cases = evidence_cases(content)
    marked = {(cell.principle, cell.case_name) for cell in findings.evidence}
    levels = {p.number: p for p in findings.summary.principles}
    panel = None
    if findings.has_levels:
        panel = LevelsFigure(
            rows=[LevelRow(label=str(p.number), now=levels[p.number].current if p.number in levels else None,
                           target=levels[p.number].target if p.number in levels else None) for p in principles],
            max_level=MAX_LEVEL, axis_title=f"Your level (0-{MAX_LEVEL})", now_label="You now",
            target_label="Your target", now_colour=NOW_COLOUR, target_colour=TARGET_COLOUR)
    return GridFigure(
        rows=[f"{p.number}. {p.title}" for p in principles], columns=cases,
        marked=[[(p.number, name) in marked for name in cases] for p in principles],
        column_title="Case study", marked_label=MARKED, unmarked_label=UNMARKED, marked_colour=MARKED_COLOUR,
        unmarked_colour=UNMARKED_COLOUR, levels=panel)


def scale_figure(findings: Findings) -> ScaleFigure:
    """Each organisation's population on a log scale, smallest first, named with its type; the practice a diamond."""
    from assessment.comparison_charts import YOU_COLOUR, scale_label

    # A log scale has no place for 0; a list size is checked positive when it is read, so this guards only.
    points = sorted((p for p in findings.scale.points if p.population > 0), key=lambda p: (p.population, p.name))
    return ScaleFigure(
        rows=[ScaleRow(label=scale_label(p.name, p.org_type), value=p.population, you=p.kind == "you")
              for p in points],
        axis_title="Population served (log scale)", you_colour=YOU_COLOUR, other_colour="#4C6272",
        you_legend="Your practice" if len(findings.practice_names) <= 1 else "Your practices")


# --- the charts section -------------------------------------------------------------------------------------


def _level_text(value: Any) -> str:
    """A level from a table alternative, with a dash where there is none (pandas marks it as missing)."""
    import pandas as pd

    return "—" if value is None or pd.isna(value) else str(int(value))


def _evidence_chart(findings: Findings, content: Content) -> ReportChart:
    from assessment.comparison_charts import YES, evidence_table

    has_levels = findings.has_levels
    levels = findings.summary if has_levels else None
    frame = evidence_table(content, levels)
    cases = list(frame.columns[3:])
    rows = [[str(row["Principle"]), _level_text(row["You now"]), _level_text(row["Your target"]),
             ", ".join(name for name in cases if row[name] == YES) or "None in the sources"]
            for _, row in frame.iterrows()]
    note = ("A filled square means the sources give that organisation as an example of the principle. Your own "
            "levels are on the left, on the same rows. The table below gives the same facts; the Learn from section "
            "says what each did.")
    if not has_levels:
        note = note.replace(" Your own levels are on the left, on the same rows.", "")
        note += " Place yourselves on the design principles to see your own levels beside them."
    return ReportChart(
        title="Case studies that exemplify each design principle", figure=evidence_figure(findings, content),
        alt_text="A grid of the twelve design principles (rows) against the case studies (columns). A filled "
                 "square means the sources give that case study as an example of the principle."
                 + (" Beside it, on the same rows, your level now (circle) and target (diamond)." if has_levels else ""),
        note=note,
        empty_text="" if findings.evidence else
        "The sources in this copy of the content give no case study as an example of a design principle.",
        table=ReportTable(headers=["Principle", "Now", "Target", "Case studies the sources give as examples"],
                          rows=rows, widths=[48, 11, 14, 101]),
    )


def _scale_chart(findings: Findings) -> ReportChart:
    from assessment.comparison_charts import scale_table

    data = findings.scale
    frame = scale_table(data)
    rows = [[str(r["Organisation"]), str(r["Type"]), f"{int(r['Population']):,}", str(r["As the source puts it"]),
             str(r["Source"])] for _, r in frame.iterrows()]
    note = "Each organisation's population on a log scale, so sizes from a few thousand to millions fit one chart."
    if data.you is None:
        note += " Give your registered list size in the practice profile to see yourselves on this chart."
    return ReportChart(
        title="Scale: your practice beside the case studies", figure=scale_figure(findings) if any(p.population > 0 for p in data.points) else None,
        alt_text="Each organisation's population served on a log scale, one row each, smallest first; your own "
                 "practice is a diamond labelled You. The table below gives the same figures.",
        note=note,
        empty_text="" if data.points else
        "Neither your practice nor any case study has a population figure, so there is no scale to chart.",
        table=ReportTable(headers=["Organisation", "Type", "Population", "As the source puts it", "Source"],
                          rows=rows, widths=[38, 30, 20, 41, 45]),
        list_title="Scale not stated" if data.not_stated else "",
        list_intro="The sources give no single population figure for these case studies, so they are not charted:",
        list_items=[f"{n.case_name}: {n.note}" for n in data.not_stated],
    )


def findings_charts(findings: Findings, content: Content) -> list[ReportChart]:
    """The charts section: principles current vs target, section scores, the case-study heatmap and scale.

    A chart with nothing to plot keeps its place and carries a sentence (empty_text) to print instead.
    """
    summary = findings.summary
    has_scores = any(s.score is not None for s in summary.sections)
    return [
        ReportChart(title="Design principles: where you are now and where you want to be",
                    figure=principles_figure(summary),
                    alt_text="Each design principle's current level (circle) and target level (diamond) on "
                             f"the scale 0 to {MAX_LEVEL}, joined by a line showing the gap.",
                    note="Circles mark where you are now, diamonds where you want to be. The table of "
                         "current and target levels gives the same figures.",
                    empty_text="" if findings.has_levels else
                    "No design principle has a level yet, so there is nothing to chart. Place yourselves on the "
                    "design principles, now and target, to see this chart."),
        ReportChart(title="Section scores", figure=section_scores_figure(summary),
                    alt_text="One bar per section, from 0 to 100, labelled with its score and band.",
                    note="Dashed lines mark the band boundaries at 40 and 70; each bar's score and band are "
                         "written to the right of the chart.",
                    empty_text="" if has_scores else
                    "No section has a score yet, so there is nothing to chart. Answer some questions to see it."),
        _evidence_chart(findings, content),
        _scale_chart(findings),
    ]


def report_charts(answers: Answers, content: Content, summary: Summary | None = None) -> list[ReportChart]:
    """findings_charts for one set of answers (summary is accepted for older callers; the findings carry it)."""
    return findings_charts(findings_for(answers, content), content)


def draw_chart(w: Writer, chart: ReportChart) -> None:
    """A chart under its heading (or its sentence when there is nothing to plot), its note, table and list."""
    drawn = chart.figure is not None and not chart.empty_text
    if drawn:
        # A figure taller than a page (a workshop's many practices) is drawn in parts, a page each.
        body = w.pdf.h - w.pdf.t_margin - w.pdf.b_margin - 16
        parts = split_to_fit(w.pdf, chart.figure, BODY_W, body)
        heights = [figure_height(w.pdf, part, BODY_W) for part in parts]
        w.keep(heights[0] + 14)  # the heading moves to the next page with its chart rather than sit alone above a gap
    w.heading(chart.title, 2)
    if not drawn:
        w.para(chart.empty_text or "There is nothing to chart yet.", size=9.5)
    else:
        for number, (part, height) in enumerate(zip(parts, heights, strict=True)):
            w.keep(height + 2)
            top = w.pdf.get_y()
            alt = chart.alt_text or chart.title
            with w.figure(alt if len(parts) == 1 else f"{alt} (part {number + 1} of {len(parts)})"):
                draw_figure(w.pdf, part, MARGIN, top, BODY_W)
            w.pdf.set_font(FONT, "", 10)
            w.pdf.set_y(top + height + 2)
        if chart.note:
            w.para(chart.note, size=8.5, grey=True)
    if chart.table is not None and chart.table.rows and drawn:
        w.table(chart.table.headers, chart.table.rows, chart.table.widths, size=8)
    if chart.list_items:
        if chart.list_title:
            w.heading(chart.list_title, 3)
        if chart.list_intro:
            w.para(chart.list_intro, size=9)
        for item in chart.list_items:
            w.bullet(item, size=8.5)


def draw_charts(w: Writer, charts: Sequence[ReportChart]) -> None:
    w.pdf.add_page()
    w.heading("Charts")
    w.para("Every chart's values are also given as numbers in the tables of this summary, and the charts use "
           "shapes and labels as well as shades, so they read in black and white.", size=9, grey=True)
    for chart in charts:
        draw_chart(w, chart)
