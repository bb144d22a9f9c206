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
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from PIL import Image
from pydantic import BaseModel, Field

from assessment.actions import suggest_actions
from assessment.answers import ACTION_STATUS_LABELS, ROLE_LABELS, Answers, parse_answers
from assessment.content import CONTENT_DIR, load_content
from assessment.content_models import Content
from assessment.errors import GroupUpError
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


def _untitled(chart: Any) -> dict[str, Any]:
    """An Altair chart's spec without its own title: the report's heading above it says the same."""
    spec = chart.to_dict(validate=False)  # checking the schema costs more than drawing; tests draw every chart
    spec.pop("title", None)
    return spec


def report_charts(answers: Answers, content: Content, summary: Summary) -> list[ReportChart]:
    """The charts section: principles current vs target, section scores, the case-study heatmap and scale."""
    from assessment import charts  # Altair is only loaded when a report is drawn

    out = [
        ReportChart(title="Design principles: where you are now and where you want to be", spec=_untitled(charts.principles_chart(summary)),
                    alt_text="Each design principle's current level (circle) and target level (diamond) on "
                             "the scale 0 to 4, joined by a line showing the gap.",
                    note="Circles mark where you are now, diamonds where you want to be. The table of "
                         "current and target levels gives the same figures.", box_height=105),
        ReportChart(title="Section scores", spec=_untitled(charts.section_scores_chart(summary)),
                    alt_text="One bar per section, from 0 to 100, labelled with its score and band.",
                    note="Dashed lines mark the band boundaries at 40 and 70; each bar is labelled with its band.",
                    box_height=62),
    ]
    return out


# --- the document ----------------------------------------------------------------------------------------


class _Document(FPDF):
    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
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
        self.cell(BODY_W, 5, f"Page {self.page_no()} of {{nb}}", align=Align.C)
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

    def bullet(self, text: str, *, size: float = 10, mark: str = "•") -> None:
        self.pdf.set_font(FONT, "", size)
        y = self.pdf.get_y()
        self.pdf.set_x(MARGIN + 2)
        self.pdf.cell(4, size * 0.48, mark)
        self.pdf.set_xy(MARGIN + 6, y)
        self.pdf.multi_cell(BODY_W - 6, size * 0.48, clean(text), align=Align.L,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.space(0.8)

    def label_value(self, label: str, value: str) -> None:
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

    def image(self, png: bytes, *, alt_text: str, max_h: float = 150) -> None:
        with Image.open(io.BytesIO(png)) as img:
            px_w, px_h = img.size
        # The PNG is drawn at CHART_SCALE pixels per point; never wider than the text, never taller than max_h.
        w = min(BODY_W, px_w / CHART_SCALE * 25.4 / 72)
        h = w * px_h / px_w
        if h > max_h:
            w, h = w * max_h / h, max_h
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
    rows = []
    for s in summary.sections:
        rows.append([s.title, f"{s.score:.0f}" if s.score is not None else "—",
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


def _charts(w: _Writer, charts: Sequence[tuple[ReportChart, bytes]]) -> None:
    w.pdf.add_page()
    w.heading("Charts")
    w.para("Every chart's values are also given as numbers in the tables of this summary, and the charts use "
           "shapes and labels as well as shades, so they read in black and white.", size=9, grey=True)
    for chart, png in charts:
        w.heading(chart.title, 2)
        w.image(png, alt_text=chart.alt_text or chart.title, max_h=chart.box_height)
        if chart.note:
            w.para(chart.note, size=8.5, grey=True)


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


def _learn_from(w: _Writer, answers: Answers, content: Content, summary: Summary, max_gaps: int = 3,
                max_cases: int = 4) -> None:
    w.heading("Learn from the case studies")
    if not summary.gaps:
        w.para("Once you have set targets above your current levels, this section lists what the case studies did "
               "for the principles where your gaps are largest.")
        return
    w.para(f"For your {min(max_gaps, len(summary.gaps))} largest gaps: what organisations in the sources did for "
           "that principle, in our words, with where to read more.", size=9)
    for gap in summary.gaps[:max_gaps]:
        w.heading(f"{gap.number}. {gap.title} (level {gap.current} now, target {gap.target})", 3)
        suggestions = suggest_actions(gap.number, content)
        if not suggestions:
            w.para("The case studies give no example for this principle.", size=9, grey=True)
            continue
        seen: set[str] = set()
        for s in suggestions:
            if s.case_study_id in seen or len(seen) >= max_cases:
                continue  # one example per case study keeps the list short
            seen.add(s.case_study_id)
            w.bullet(f"{s.case_study_name}: {s.text} [{s.citation}]", size=9)


def _fit(w: _Writer, answers: Answers, content: Content) -> None:
    # Pending assessment/fit.py (rank_options, rank_legal_forms): its ranked results, with each "not possible"
    # reason and its cite, go here. Until then the section keeps its place and its caveat.
    w.heading("Structures and legal forms that might fit")
    w.para(LEGAL_CAVEAT, size=9, bold=True)
    w.para("The ranking of structural options and legal forms against your profile is not in this version of the "
           "summary yet: see the Structures and legal forms page in GroupUp.", size=9)


def _actions(w: _Writer, answers: Answers, content: Content, summary: Summary) -> None:
    w.heading("Action plan")
    if not answers.actions:
        w.para("No actions recorded yet. Use the Action plan page to choose the gaps to act on.")
        return
    titles = {p.number: p.title for p in content.principles}
    cases = {c.id: c.name for c in content.case_studies}
    order = {g.number: g.rank for g in summary.gaps}
    actions = sorted(answers.actions, key=lambda a: (order.get(a.principle, 99) if a.principle else 100,
                                                     a.principle or 0))
    rows = []
    for a in actions:
        text = a.action
        if a.suggestion_from:
            text += f"\n(Started from a case study: {cases.get(a.suggestion_from, a.suggestion_from)})"
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
        w.heading(chart.title, 2)
        w.image(render_chart_png(chart.spec), alt_text=chart.alt_text or chart.title, max_h=chart.box_height)
        if chart.note:
            w.para(chart.note, size=8.5, grey=True)


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


def _appendix(w: _Writer, content: Content, method: str | None) -> None:
    w.pdf.add_page()
    w.heading("Appendix: sources and method")
    w.heading("Sources", 2)
    w.para("Every question, descriptor and case-study fact in GroupUp is written in our own words from a passage "
           "in these documents, and cites the document and section.", size=9)
    if not content.sources:
        w.para("No sources are listed in this copy of the content.", size=9)
    for source in content.sources:
        w.para(f"{source.title}", size=9.5, bold=True)
        w.para(f"{source.author}. {source.year}.", size=9)
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
    rendered = [(chart, render_chart_png(chart.spec)) for chart in charts]

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
