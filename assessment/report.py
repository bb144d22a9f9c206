"""The PDF summary of one assessment (A4, printable in black and white), and building many from the command line."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import Align, MethodReturnValue, TableBordersLayout, VAlign, XPos, YPos
from PIL import Image
from pydantic import BaseModel, Field

from assessment.actions import cite_text
from assessment.answers import ACTION_STATUS_LABELS, ROLE_LABELS, Action, Answers, parse_answers
from assessment.compare import first_sentence, group_exemplars, learn_from
from assessment.content import CONTENT_DIR, load_content
from assessment.content_models import Content
from assessment.errors import GroupUpError
from assessment.fit import FitResult, has_fit_answers, rank_legal_forms, rank_options
from assessment.scoring import BANDS, MAX_LEVEL, Summary, check_answers, score

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
METHOD_FILE = "scoring_method.md"

MARGIN = 18.0  # mm
PAGE_W = 210.0  # A4
BODY_W = PAGE_W - 2 * MARGIN
GREY = (90, 90, 90)
HEAD_FILL = (225, 225, 225)
CHART_SCALE = 2.0  # PNG pixels per chart point: sharp enough to print at A4 width
# fpdf2 writes the page count wherever this appears. Its default, "{nb}", could be typed into a practice name;
# a control character never can be, as clean() strips them from everything drawn.
PAGE_COUNT_ALIAS = "\x00nb"

LEGAL_CAVEAT = (
    "The sources behind these suggestions date from 2012 to 2013. Contract rules, pension rules and company "
    "law have changed since. This is not legal, financial or tax advice: take professional advice before "
    "choosing a structure or legal form."
)

# The standard sections, in order, declared once. build_pdf(sections=...) picks some of them.
SECTIONS: tuple[str, ...] = ("cover", "scores", "charts", "gaps", "learn_from", "fit", "actions", "appendix")


class ReportTable(BaseModel):
    headers: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths; equal when omitted


class ReportChart(BaseModel):
    title: str
    spec: dict[str, Any]  # a Vega-Lite spec, e.g. alt.Chart(...).to_dict()
    alt_text: str = ""  # what the chart shows, in words, for screen readers and for readers of a grey print
    note: str = ""
    box_height: float = Field(default=100.0, gt=10, le=230)  # mm: the tallest it may be drawn; shrunk to fit
    empty_text: str = ""  # set when there is nothing to plot: this sentence is printed instead of an empty chart
    table: ReportTable | None = None  # the chart's facts as a table, printed under it
    list_title: str = ""  # a short list printed last, e.g. what the chart could not show
    list_intro: str = ""
    list_items: list[str] = Field(default_factory=list)


class ReportSection(BaseModel):
    """An extra section supplied by the caller (e.g. a workshop's group results). Plain text only."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    tables: list[ReportTable] = Field(default_factory=list)
    charts: list[ReportChart] = Field(default_factory=list)


# --- text safety -----------------------------------------------------------------------------------------


@functools.cache
def _covered_codepoints() -> frozenset[int]:
    """Characters both bundled fonts can draw; anything else is replaced rather than drawn as an empty box."""
    from fontTools.ttLib import TTFont

    sets = []
    for path in FONT_FILES.values():
        with TTFont(str(path), lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*sets))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Any text made safe to draw: composed accents, no control or direction characters, no missing glyphs."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("", value)
    covered = _covered_codepoints()
    return "".join(ch if ch == "\n" or ord(ch) in covered else "\ufffd" for ch in value)


def _one_line(text: str, limit: int) -> str:
    value = " ".join(clean(text).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- charts ----------------------------------------------------------------------------------------------

# Print settings applied under every chart: the bundled font, a white page, and, for a chart that names no
# colours of its own, greys a black-and-white printer keeps apart.
PRINT_CONFIG: dict[str, Any] = {
    "font": "DejaVu Sans",
    "background": "white",
    "range": {"category": ["#1a1a1a", "#8c8c8c", "#4d4d4d", "#bfbfbf", "#666666", "#d9d9d9"]},
}


@functools.cache
def _register_fonts() -> None:
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))


def render_chart_png(spec: dict[str, Any]) -> bytes:
    """A Vega-Lite spec as PNG bytes, with no network access allowed."""
    import vl_convert

    _register_fonts()
    return vl_convert.vegalite_to_png(spec, scale=CHART_SCALE, config=PRINT_CONFIG, allowed_base_urls=[])


# A page is narrower than a screen: a chart drawn wider than this is shrunk until its text is too small to read.
PRINT_MAX_WIDTH = 340  # points of plot area
PRINT_LEGEND_LIMIT = 200  # points of legend label, so a legend in two columns is no wider than the plot
PRINT_LABEL_LIMIT = 300  # points of axis label; longer labels end in "…" (the table under the chart has them whole)


def _for_print(node: Any) -> Any:
    """A spec laid out for an A4 page: legends under the plot rather than beside it, plots and axis labels no
    wider than the page allows. Only sizes and placement change, never the data or the marks."""
    if isinstance(node, list):
        return [_for_print(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _for_print(value) for key, value in node.items()}
    legend = out.get("legend")
    if isinstance(legend, dict) and legend.get("orient") in ("left", "right"):
        out["legend"] = {**legend, "orient": "bottom", "direction": "vertical", "columns": 2,
                         "labelLimit": min(legend.get("labelLimit", PRINT_LEGEND_LIMIT), PRINT_LEGEND_LIMIT)}
    axis = out.get("axis")
    if isinstance(axis, dict) and isinstance(axis.get("labelLimit"), int | float):
        out["axis"] = {**axis, "labelLimit": min(axis["labelLimit"], PRINT_LABEL_LIMIT)}
    if isinstance(out.get("width"), int | float) and out["width"] > PRINT_MAX_WIDTH:
        out["width"] = PRINT_MAX_WIDTH
    return out


def _untitled(chart: Any) -> dict[str, Any]:
    """An Altair chart's spec, laid out for print, without its own title: the report's heading says the same."""
    spec = _for_print(chart.to_dict(validate=False))  # validating costs more than drawing; tests draw every chart
    spec.pop("title", None)
    return spec


def _level_text(value: Any) -> str:
    """A level from a table alternative, with a dash where there is none (pandas marks it as missing)."""
    import pandas as pd

    return "—" if value is None or pd.isna(value) else str(int(value))


def _evidence_chart(content: Content, summary: Summary, has_levels: bool) -> ReportChart:
    from assessment.compare import evidence_matrix
    from assessment.comparison_charts import YES, evidence_heatmap, evidence_table

    levels = summary if has_levels else None
    frame = evidence_table(content, levels)
    cases = list(frame.columns[3:])
    rows = [[str(row["Principle"]), _level_text(row["You now"]), _level_text(row["Your target"]),
             ", ".join(name for name in cases if row[name] == YES) or "None in the sources"]
            for _, row in frame.iterrows()]
    note = ("A filled square means the sources give that organisation as an example of the principle. Your own "
            "levels are on the left, on the same rows. The table below gives the same facts; the Learn from section "
            "says what each did.")
    if not has_levels:
        note += " Place yourselves on the design principles to see your own levels beside them."
    return ReportChart(
        title="Case studies that exemplify each design principle", spec=_untitled(evidence_heatmap(content, levels)),
        alt_text="A grid of the twelve design principles (rows) against the case studies (columns). A filled "
                 "square means the sources give that case study as an example of the principle. Beside it, on the "
                 "same rows, your level now (circle) and target (diamond).",
        note=note, box_height=150,
        empty_text="" if evidence_matrix(content) else
        "The sources in this copy of the content give no case study as an example of a design principle.",
        table=ReportTable(headers=["Principle", "Now", "Target", "Case studies the sources give as examples"],
                          rows=rows, widths=[48, 11, 14, 101]),
    )


def _scale_chart(answers: Answers, content: Content) -> ReportChart:
    from assessment.compare import scale_points
    from assessment.comparison_charts import scale_chart, scale_table

    data = scale_points(answers.profile, content)
    frame = scale_table(data)
    rows = [[str(r["Organisation"]), str(r["Type"]), f"{int(r['Population']):,}", str(r["As the source puts it"]),
             str(r["Source"])] for _, r in frame.iterrows()]
    note = "Each organisation's population on a log scale, so sizes from a few thousand to millions fit one chart."
    if data.you is None:
        note += " Give your registered list size in the practice profile to see yourselves on this chart."
    return ReportChart(
        title="Scale: your practice beside the case studies", spec=_untitled(scale_chart(data)),
        alt_text="Each organisation's population served on a log scale, one row each, smallest first; your own "
                 "practice is a diamond labelled You. The table below gives the same figures.",
        note=note, box_height=160,
        empty_text="" if data.points else
        "Neither your practice nor any case study has a population figure, so there is no scale to chart.",
        table=ReportTable(headers=["Organisation", "Type", "Population", "As the source puts it", "Source"],
                          rows=rows, widths=[38, 30, 20, 41, 45]),
        list_title="Scale not stated" if data.not_stated else "",
        list_intro="The sources give no single population figure for these case studies, so they are not charted:",
        list_items=[f"{n.case_name}: {n.note}" for n in data.not_stated],
    )


def report_charts(answers: Answers, content: Content, summary: Summary) -> list[ReportChart]:
    """The charts section: principles current vs target, section scores, the case-study heatmap and scale.

    A chart with nothing to plot keeps its place and carries a sentence (empty_text) to print instead.
    """
    from assessment import charts  # Altair is only loaded when a report is drawn

    has_levels = any(p.current is not None or p.target is not None for p in summary.principles)
    has_scores = any(s.score is not None for s in summary.sections)
    return [
        ReportChart(title="Design principles: where you are now and where you want to be",
                    spec=_untitled(charts.principles_chart(summary)),
                    alt_text="Each design principle's current level (circle) and target level (diamond) on "
                             "the scale 0 to 4, joined by a line showing the gap.",
                    note="Circles mark where you are now, diamonds where you want to be. The table of "
                         "current and target levels gives the same figures.", box_height=105,
                    empty_text="" if has_levels else
                    "No design principle has a level yet, so there is nothing to chart. Place yourselves on the "
                    "design principles, now and target, to see this chart."),
        ReportChart(title="Section scores", spec=_untitled(charts.section_scores_chart(summary)),
                    alt_text="One bar per section, from 0 to 100, labelled with its score and band.",
                    note="Dashed lines mark the band boundaries at 40 and 70; each bar's score and band are "
                         "written to the right of the chart.", box_height=62,
                    empty_text="" if has_scores else
                    "No section has a score yet, so there is nothing to chart. Answer some questions to see it."),
        _evidence_chart(content, summary, has_levels),
        _scale_chart(answers, content),
    ]


# --- the document ----------------------------------------------------------------------------------------


class _Document(FPDF):
    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.alias_nb_pages(PAGE_COUNT_ALIAS, align=Align.L)
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))
        self.set_font(FONT, size=10)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.set_xy(MARGIN, 8)
        self.cell(BODY_W, 5, self.fit(self.running_title, BODY_W), align=Align.L)
        self.set_text_color(0)
        self.set_xy(MARGIN, MARGIN)

    def fit(self, text: str, width: float) -> str:
        """One line no wider than `width` in the current font, cut with an ellipsis where need be."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(BODY_W, 5, f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}", align=Align.C)
        self.set_text_color(0)


class _Writer:
    """Small drawing vocabulary over fpdf2. Everything drawn passes through clean()."""

    def __init__(self, pdf: _Document) -> None:
        self.pdf = pdf

    def space(self, mm: float) -> None:
        self.pdf.ln(mm)

    def keep(self, mm: float) -> None:
        """Start a new page unless at least `mm` is left, so a heading never sits alone at a page's foot."""
        if self.pdf.get_y() + mm > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 15, 2: 12, 3: 10.5}[level]
        self.keep({1: 45, 2: 30, 3: 20}[level])
        self.space({1: 4, 2: 3, 3: 2}[level])
        self.pdf.set_font(FONT, "B", size)
        if level == 1:
            self.pdf.start_section(clean(text), level=0)
        self.pdf.multi_cell(BODY_W, size * 0.5, clean(text), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if level == 1:
            self.pdf.set_line_width(0.5)
            self.pdf.line(MARGIN, self.pdf.get_y() + 1, MARGIN + BODY_W, self.pdf.get_y() + 1)
            self.pdf.set_line_width(0.2)
            self.space(3)
        else:
            self.space(1)
        self.pdf.set_font(FONT, "", 10)

    def para(self, text: str, *, size: float = 10, bold: bool = False, grey: bool = False,
             indent: float = 0) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        if grey:
            self.pdf.set_text_color(*GREY)
        self.pdf.set_x(MARGIN + indent)
        self.pdf.multi_cell(BODY_W - indent, size * 0.48, clean(text), align=Align.L,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_text_color(0)
        self.pdf.set_font(FONT, "", 10)
        self.space(size * 0.15)

    def lines(self, text: str, width: float, line_h: float) -> int:
        """How many lines `text` takes at `width` in the current font."""
        return len(self.pdf.multi_cell(width, line_h, text, dry_run=True, output=MethodReturnValue.LINES))

    def bullet(self, text: str, *, size: float = 10, mark: str = "•", bold: bool = False) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        line_h = size * 0.48
        body = clean(text)
        # The mark is drawn at the y its text starts from, so both must be on one page before either is drawn:
        # a short item moves over whole, a long one with at least two lines.
        count = self.lines(body, BODY_W - 6, line_h)
        self.keep(line_h * (count if count <= 3 else 2))
        y = self.pdf.get_y()
        self.pdf.set_x(MARGIN + 2)
        self.pdf.cell(4, line_h, clean(mark))
        self.pdf.set_xy(MARGIN + 6, y)
        self.pdf.multi_cell(BODY_W - 6, line_h, body, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FONT, "", 10)
        self.space(0.8)

    def label_value(self, label: str, value: str) -> None:
        self.pdf.set_font(FONT, "", 10)
        self.keep(5.5 * max(self.lines(clean(value), BODY_W - 45, 5.5), 1))  # label and value on one page
        self.pdf.set_font(FONT, "B", 10)
        y = self.pdf.get_y()
        self.pdf.multi_cell(45, 5.5, clean(label), align=Align.L, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.pdf.set_xy(MARGIN + 45, y)
        self.pdf.set_font(FONT, "", 10)
        self.pdf.multi_cell(BODY_W - 45, 5.5, clean(value), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(1)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None,
              *, size: float = 8.5) -> None:
        self.keep(20)
        self.pdf.set_font(FONT, "", size)
        with self.pdf.table(
            col_widths=tuple(widths) if widths else None, width=BODY_W, align=Align.L, v_align=VAlign.T,
            text_align=Align.L, line_height=size * 0.5, padding=1.2, markdown=False,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
            borders_layout=TableBordersLayout.ALL, repeat_headings=1,
        ) as table:
            head = table.row()
            for text in headers:
                head.cell(clean(text))
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(clean(text))
        self.pdf.set_font(FONT, "", 10)
        self.space(3)

    @staticmethod
    def image_size(png: bytes, max_h: float) -> tuple[float, float]:
        """Width and height in mm: drawn at CHART_SCALE pixels per point, never wider than the text nor taller
        than max_h."""
        with Image.open(io.BytesIO(png)) as img:
            px_w, px_h = img.size
        w = min(BODY_W, px_w / CHART_SCALE * 25.4 / 72)
        h = w * px_h / px_w
        if h > max_h:
            w, h = w * max_h / h, max_h
        return w, h

    def image(self, png: bytes, *, alt_text: str, max_h: float = 150) -> None:
        w, h = self.image_size(png, max_h)
        self.keep(h + 2)
        self.pdf.image(png, x=MARGIN, y=self.pdf.get_y(), w=w, h=h, alt_text=clean(alt_text) or None)
        self.pdf.set_y(self.pdf.get_y() + h + 2)


# --- sections ----------------------------------------------------------------------------------------------


def _practice_names(answers: Answers) -> list[str]:
    names = [p.name.strip() for p in answers.profile.practices if p.name.strip()]
    return names or ["Unnamed practice"]


def _cover(w: _Writer, answers: Answers, content: Content, summary: Summary, *, title: str,
           today: dt.date, roles: Sequence[str]) -> None:
    pdf = w.pdf
    pdf.set_y(40)
    w.para("GroupUp", size=11, grey=True)
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(BODY_W, 10, clean(title), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.space(8)
    names = _practice_names(answers)
    pdf.set_font(FONT, "B", 16 if len(names) == 1 else 13)
    for name in names:
        pdf.multi_cell(BODY_W, 8 if len(names) == 1 else 6.5, clean(name), align=Align.L,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.space(10)
    pdf.set_font(FONT, "", 10)
    w.label_value("Prepared", _long_date(today))
    if answers.updated:
        w.label_value("Answers last changed", _long_date(answers.updated.date()))
    w.label_value("Respondent role" + ("s" if len(roles) > 1 else ""), ", ".join(roles) or "Not stated")
    total = answers.profile.total_list_size
    if total is not None:
        w.label_value("Registered patients", f"{total:,}")
    w.label_value("Questions answered",
                  f"{summary.answered_items} of {summary.total_items}"
                  + (f" ({summary.not_sure_items} marked not sure)" if summary.not_sure_items else ""))
    w.space(12)
    w.para("This summary sets out a practice's own view of where it stands on the readiness questions, the "
           "essential components of a successful collaboration and the twelve design principles for general "
           "practice at scale; the gaps it most wants to close; what the case studies did; which structures "
           "and legal forms might fit; and its action plan.", size=9.5)
    w.para(LEGAL_CAVEAT, size=9, grey=True)


def _scores(w: _Writer, summary: Summary) -> None:
    w.heading("Headline scores")
    w.para("Each section is scored from 0 to 100: the mean of the answers given, each on its own scale. "
           "\"Not sure\" and unanswered items are left out of the score and counted beside it.", size=9)
    from assessment.charts import score_text  # the chart's labels and this table print a score the same way

    rows = []
    for s in summary.sections:
        rows.append([s.title, score_text(s.score) if s.score is not None else "—",
                     s.band.label if s.band else "Not scored",
                     f"{s.answered} of {s.total}" + (f"; {s.not_sure} not sure" if s.not_sure else "")])
    w.table(["Section", "Score (0–100)", "Band", "Answered"], rows, widths=[44, 16, 20, 20], size=9)
    w.heading("What the bands mean", 3)
    for band in BANDS:
        top = "100" if band is BANDS[-1] else f"under {band.high}"
        w.bullet(f"{band.label} ({band.low} to {top}): {band.meaning}", size=9)
    w.heading("Design principles: current and target levels", 2)
    w.para(f"Levels run from 0 (not in place) to {MAX_LEVEL}. The gap is the target minus the current level.",
           size=9)
    rows = []
    for p in summary.principles:
        if p.not_sure:
            rows.append([str(p.number), p.title, "Not sure", "", ""])
        else:
            rows.append([str(p.number), p.title,
                         "—" if p.current is None else str(p.current),
                         "—" if p.target is None else str(p.target),
                         "—" if p.gap is None else f"{p.gap:+d}" if p.gap else "0"])
    w.table(["No.", "Principle", "Current", "Target", "Gap"], rows, widths=[7, 63, 12, 12, 10], size=9)


def _chart(w: _Writer, chart: ReportChart, png: bytes | None) -> None:
    """A chart under its heading (or its sentence when there is nothing to plot), its note, table and list."""
    if png is not None:
        _, h = w.image_size(png, chart.box_height)
        w.keep(h + 14)  # the heading moves to the next page with its chart rather than sit alone above a gap
    w.heading(chart.title, 2)
    if png is None:
        w.para(chart.empty_text or "There is nothing to chart yet.", size=9.5)
    else:
        w.image(png, alt_text=chart.alt_text or chart.title, max_h=chart.box_height)
        if chart.note:
            w.para(chart.note, size=8.5, grey=True)
    if chart.table is not None and chart.table.rows and png is not None:
        w.table(chart.table.headers, chart.table.rows, chart.table.widths, size=8)
    if chart.list_items:
        if chart.list_title:
            w.heading(chart.list_title, 3)
        if chart.list_intro:
            w.para(chart.list_intro, size=9)
        for item in chart.list_items:
            w.bullet(item, size=8.5)


def _charts(w: _Writer, charts: Sequence[tuple[ReportChart, bytes | None]]) -> None:
    w.pdf.add_page()
    w.heading("Charts")
    w.para("Every chart's values are also given as numbers in the tables of this summary, and the charts use "
           "shapes and labels as well as shades, so they read in black and white.", size=9, grey=True)
    for chart, png in charts:
        _chart(w, chart, png)


def _gaps(w: _Writer, summary: Summary) -> None:
    w.heading("Gaps, ranked")
    if not summary.gaps:
        w.para("No gaps yet: a gap appears when a design principle has a target above its current level.")
        return
    w.para("Largest gap first; then the lower current level; then the principle that supports more of the six "
           "characteristics of high-quality primary care.", size=9)
    rows = [[str(g.rank), f"{g.number}. {g.title}", f"{g.current} → {g.target}", str(g.gap),
             g.priority.capitalize(), g.why] for g in summary.gaps]
    w.table(["Rank", "Principle", "Now → target", "Gap", "Priority", "Why it ranks here"], rows,
            widths=[10, 42, 15, 8, 13, 52])


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _learn_from(w: _Writer, answers: Answers, content: Content, summary: Summary) -> None:
    # The same lessons, in the same order, as the Compare page: both come from compare.learn_from.
    w.heading("Learn from the case studies")
    lessons = learn_from(summary, content)
    if not lessons:
        w.para("Once you have set targets above your current levels, this section lists what the case studies did "
               "for the principles where your gaps are largest.")
        return
    w.para(f"For your {len(lessons)} largest gap{'s' if len(lessons) > 1 else ''}: the organisations the sources "
           "give as examples of that principle, what they did, in our words, and where to read more.", size=9)
    for lesson in lessons:
        w.heading(f"{lesson.principle}. {lesson.title}: you are at level {lesson.current} and aim for "
                  f"{lesson.target}", 3)
        if not lesson.exemplars:
            w.para("The sources give no case study as an example of this principle.", size=9, grey=True)
            continue
        for group in group_exemplars(lesson.exemplars):
            names = _and([f"{ex.case_name} ({ex.org_type})" for ex in group.exemplars])
            w.bullet(f"{names}: {group.text} [{group.citations}]", size=9)


FIT_INTRO = ("Ranked from your practice profile. A structure the sources rule out for you is marked \"Not "
             "possible\", with the reason and where it is stated. The others are ordered by how your answers bear "
             "on them, and each says which of your answers raised or lowered it.")


def fit_words(result: FitResult, best: int | None) -> str:
    """How well an option fits, in words; `best` is the top score among the possible ones."""
    if not result.possible:
        return "Not possible for you"
    if not (result.reasons_up or result.reasons_down):
        return "None of your answers raises or lowers it"
    if best is not None and result.score == best and result.score > 0:
        return "Best fit with your answers"
    if result.score >= 2:
        return "A good fit with your answers"
    if result.score == 1:
        return "Some fit with your answers"
    if result.score == 0:
        return "Your answers pull both ways and cancel out"
    return "A poor fit with your answers"


def _fit_result(w: _Writer, rank: int, result: FitResult, best: int | None, ranked: bool) -> None:
    w.heading(f"{rank}. {result.name}" + ("" if result.possible else " (not possible for you)"), 3)
    if ranked:  # with no answers to weigh, "none of your answers…" under every option would say nothing new
        w.para(f"Fit: {fit_words(result, best)}.", size=9, bold=True)
    w.para(first_sentence(result.description), size=8.5, grey=True)
    for blocker in result.blockers:
        w.bullet(f"{blocker.sentence} (Source: {blocker.citation})", size=9, mark="✗", bold=True)
    for condition in result.blocked_if:
        w.bullet(f"{condition.condition} (Source: {condition.citation})", size=9, mark="?")
    for reason in result.reasons_up + result.reasons_down:
        w.bullet(reason, size=8.5)
    for note in result.setting_notes:
        w.bullet(f"About your setting: {note.text} (Source: {note.citation})", size=8.5)
    if result.examples:
        w.para("Examples among the case studies: " + ", ".join(result.examples), size=8.5, grey=True)


def _fit_list(w: _Writer, title: str, intro: str, results: Sequence[FitResult], ranked: bool) -> None:
    w.heading(title, 2)
    w.para(intro, size=9)
    scores = [r.score for r in results if r.possible and (r.reasons_up or r.reasons_down)]
    best = max(scores) if scores else None
    for rank, result in enumerate(results, start=1):
        _fit_result(w, rank, result, best, ranked)


def _fit(w: _Writer, answers: Answers, content: Content) -> None:
    profile = answers.profile
    ranked = has_fit_answers(profile)
    w.heading("Structures and legal forms that might fit")
    w.para(LEGAL_CAVEAT, size=9, bold=True)
    w.para(FIT_INTRO, size=9)
    if not ranked:
        w.para("You have not yet given your contracts, setting, aims or preferences, so nothing is ruled out or "
               "ranked for you: these are in the order the sources give them. Fill in the practice profile in "
               "GroupUp to rank them.", size=9)
    elif not profile.contracts:
        w.para("You have not said which contracts you hold (GMS, PMS or APMS). Some structures are not possible "
               "with some contracts: each is listed under the structure it concerns.", size=9)
    _fit_list(w, "Ways of working together", "How far the practices join up: from simple alliances, where each "
              "stays independent, to a merger.", rank_options(profile, content), ranked)
    _fit_list(w, "Legal forms", "The legal form a collaboration takes, which decides liability, finance, profit "
              "and the NHS Pension.", rank_legal_forms(profile, content), ranked)


def _started_from(action: Action, content: Content) -> str:
    """Where an action begun from a suggestion came from: the case study, and the passage linking it to the
    action's principle."""
    case = next((c for c in content.case_studies if c.id == action.suggestion_from), None)
    if case is None:
        return f"Started from a case study: {action.suggestion_from}"
    link = next((link for link in case.principles if link.number == action.principle), None)
    if link is None:
        return f"Started from a case study: {case.name}"
    return f"Started from a case study: {case.name}. Source: {cite_text(link.cite, content)}"


def _actions(w: _Writer, answers: Answers, content: Content, summary: Summary) -> None:
    w.heading("Action plan")
    if not answers.actions:
        w.para("No actions recorded yet. Use the Action plan page to choose the gaps to act on.")
        return
    titles = {p.number: p.title for p in content.principles}
    order = {g.number: g.rank for g in summary.gaps}
    actions = sorted(answers.actions, key=lambda a: (order.get(a.principle, 99) if a.principle else 100,
                                                     a.principle or 0))
    rows = []
    for a in actions:
        text = a.action
        if a.suggestion_from:
            text += f"\n({_started_from(a, content)})"
        where = f"{a.principle}. {titles.get(a.principle, '')}".strip() if a.principle else "General"
        rows.append([where, text, a.owner or "—", a.due.strftime("%d %b %Y") if a.due else "—",
                     ACTION_STATUS_LABELS[a.status]])
    w.table(["Principle", "Action", "Owner", "Due", "Status"], rows, widths=[30, 62, 24, 16, 15])


def _extra(w: _Writer, section: ReportSection) -> None:
    w.heading(section.title)
    for text in section.paragraphs:
        w.para(text)
    for table in section.tables:
        w.table(table.headers, table.rows, table.widths)
    for chart in section.charts:
        _chart(w, chart, None if chart.empty_text else render_chart_png(chart.spec))


def _markdown(w: _Writer, text: str) -> None:
    """Our own method document, drawn as headings, lists, tables and paragraphs. Inline marks are dropped."""

    def plain(s: str) -> str:
        s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
        return " ".join(re.sub(r"(\*\*|__|`|\*)", "", s).split())

    block: list[str] = []  # lines of the paragraph or list item being read
    mark: str | None = None  # the list item's bullet or number; None for a paragraph
    after_list = False
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal mark, after_list
        if block:
            if mark is None:
                if after_list:
                    w.space(1.5)
                w.para(plain(" ".join(block)), size=9)
            else:
                w.bullet(plain(" ".join(block)), size=9, mark=mark)
            after_list = mark is not None
        block.clear()
        mark = None

    def flush_table() -> None:
        rows = [r for r in table if not all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) for c in r)]
        if rows:
            width = max(len(r) for r in rows)
            rows = [[plain(c) for c in r] + [""] * (width - len(r)) for r in rows]
            w.table(rows[0], rows[1:], size=8.5)
        table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            flush()
            table.append(stripped.strip("|").split("|"))
            continue
        if table:
            flush_table()
        heading = re.match(r"^(#{1,6})\s+(.*)", stripped)
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            w.heading(plain(heading.group(2)), 2 if len(heading.group(1)) == 1 else 3)
        elif item:
            flush()
            mark = "•" if item.group(1) in "-*+" else item.group(1)
            block.append(item.group(2))
        else:
            block.append(stripped)  # a paragraph line, or the continuation of a list item
    flush()
    flush_table()


_YEAR = re.compile(r"\d{4}(?:\s*[–/-]\s*\d{2,4})?")


def _byline(author: str, year: str) -> str:
    """"Author. Year." with whatever the source does not state left out (the content says "not stated (…)")."""
    parts = [" ".join(author.split()).rstrip(".")] if not author.strip().lower().startswith("not stated") else []
    if _YEAR.fullmatch(year.strip()):
        parts.append(year.strip())
    return ". ".join(parts) + "." if parts else ""


def _appendix(w: _Writer, content: Content, method: str | None) -> None:
    w.pdf.add_page()
    w.heading("Appendix: sources and method")
    w.heading("Sources", 2)
    w.para("Every question, descriptor and case-study fact in GroupUp is written in our own words from a passage "
           "in these documents, and cites the document and section.", size=9)
    if not content.sources:
        w.para("No sources are listed in this copy of the content.", size=9)
    for source in content.sources:
        w.keep(18)
        w.para(f"{source.title}", size=9.5, bold=True)
        byline = _byline(source.author, source.year)
        if byline:
            w.para(byline, size=9)
        w.para(source.summary, size=9, grey=True)
    if method:
        if not method.lstrip().startswith("# "):
            w.heading("Method", 2)
        _markdown(w, method)
    else:
        w.heading("Method", 2)
        w.para("Scores are the mean of the answers given in each section, on a scale of 0 to 100. The bands are "
               "listed with the headline scores. Gaps are ranked by size, then by the lower current level, then by "
               "how many of the six characteristics of high-quality primary care the principle supports.", size=9)


# --- public API ------------------------------------------------------------------------------------------


def read_method(content_dir: Path | None = None) -> str | None:
    path = (content_dir or CONTENT_DIR) / METHOD_FILE
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def build_pdf(
    answers: Answers,
    content: Content,
    *,
    title: str | None = None,
    extra_sections: Sequence[ReportSection] = (),
    sections: Collection[str] = SECTIONS,
    roles: Sequence[str] | None = None,
    today: dt.date | None = None,
    method: str | None = None,
) -> bytes:
    """The PDF summary of one assessment, as bytes.

    title: the cover's title (default "Collaboration self-assessment summary").
    extra_sections: drawn after the standard sections and before the appendix (e.g. a workshop's results).
    sections: which of SECTIONS to include, in their fixed order.
    roles: respondent roles for the cover (default: the answers' respondent role).
    method: the method text for the appendix (default: content/scoring_method.md, where present).
    """
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown report sections: {sorted(unknown)}")
    title = title or "Collaboration self-assessment summary"
    today = today or dt.date.today()
    summary = score(answers, content)
    if roles is None:
        role = answers.profile.respondent_role
        roles = [ROLE_LABELS[role]] if role else []
    charts = report_charts(answers, content, summary) if "charts" in sections else []
    # Drawn before any layout: vl-convert holds the GIL, so a worker thread would gain nothing.
    rendered = [(chart, None if chart.empty_text else render_chart_png(chart.spec)) for chart in charts]

    running = _one_line(f"{title} — {answers.profile.display_name}", 110)
    pdf = _Document(running)
    pdf.set_title(clean(title))
    pdf.set_author("GroupUp")
    pdf.set_subject(clean(answers.profile.display_name))
    pdf.set_creator("GroupUp")
    pdf.set_lang("en-GB")
    w = _Writer(pdf)
    pdf.add_page()
    if "cover" in sections:
        _cover(w, answers, content, summary, title=title, today=today, roles=roles)
        pdf.add_page()
    if "scores" in sections:
        _scores(w, summary)
    if rendered:
        _charts(w, rendered)
    if "gaps" in sections:
        _gaps(w, summary)
    if "learn_from" in sections:
        _learn_from(w, answers, content, summary)
    if "fit" in sections:
        _fit(w, answers, content)
    if "actions" in sections:
        _actions(w, answers, content, summary)
    for extra in extra_sections:
        _extra(w, extra)
    if "appendix" in sections:
        _appendix(w, content, method if method is not None else read_method())
    return bytes(pdf.output())


# --- command line ----------------------------------------------------------------------------------------


def _arrow() -> str:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "→".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "->"
    return "→"


def _targets(paths: Sequence[Path], output: Path | None) -> list[Path]:
    """Where each PDF goes: the -o file for one input (if it ends .pdf); otherwise <stem>.pdf in the -o folder."""
    if len(paths) == 1 and output is not None and output.suffix.lower() == ".pdf" and not output.is_dir():
        return [output]
    folder = output if output is not None else Path.cwd()
    used: dict[str, int] = {}
    targets = []
    for path in paths:
        stem = path.stem or "summary"
        count = used.get(stem.lower(), 0) + 1
        used[stem.lower()] = count
        targets.append(folder / (f"{stem}.pdf" if count == 1 else f"{stem}-{count}.pdf"))
    return targets


def build_reports(paths: Sequence[Path], output: Path | None,
                  *, out: Callable[[str], None] | None = None, err: Callable[[str], None] | None = None) -> int:
    """Build one PDF per answers file. A bad file is reported and skipped; returns 1 if any failed, else 0.

    One file: `output` is the PDF's path if it ends in .pdf, else a folder. Several: `output` is a folder.
    Folders are created if need be; with no `output`, PDFs go in the current folder.
    """
    out = out or (lambda line: print(line, flush=True))
    err = err or (lambda line: print(line, file=sys.stderr, flush=True))
    paths = [Path(p) for p in paths]
    if len(paths) > 1 and output is not None and output.exists() and not output.is_dir():
        err(f"Error: with several answers files, -o must be a folder, and {output} is a file.")
        return 1
    content = load_content()
    method = read_method()
    targets = _targets(paths, output)
    arrow = _arrow()
    failed: list[str] = []
    total = len(paths)
    for index, (path, target) in enumerate(zip(paths, targets, strict=True), start=1):
        prefix = f"[{index}/{total}] {path.name}"
        try:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise GroupUpError(f"Cannot read {path}: {exc.strerror}.") from exc
            answers = parse_answers(raw)
            check_answers(answers, content)
            pdf = build_pdf(answers, content, method=method)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(pdf)
            except OSError as exc:
                raise GroupUpError(f"Cannot write {target}: {exc.strerror}.") from exc
        except GroupUpError as exc:
            failed.append(path.name)
            err(f"{prefix}: failed: {exc}")
            continue
        out(f"{prefix} {arrow} {target}")
    if failed:
        err(f"{total - len(failed)} of {total} summaries built; failed: {', '.join(failed)}")
        return 1
    if total > 1:
        out(f"All {total} summaries built in {output if output is not None else Path.cwd()}")
    return 0
