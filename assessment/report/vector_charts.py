"""The PDF's charts drawn as vectors with fpdf2's own shapes and text, so print is sharp at any size.

Each figure is plain data (a pydantic model built from the findings or a workshop's aggregate, in
`printed_charts` and `workshop_charts`) and one function here draws it. Nothing is rasterised: rows are labelled
whole (wrapped rather than cut short), and every distinction a chart makes is drawn in shape or lightness as well
as colour, so a black-and-white print keeps it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Annotated, Literal

from fpdf import FPDF
from pydantic import BaseModel, Field

from assessment.report.layout import FONT, clean

PT = 25.4 / 72  # mm per point
LABEL_PT = 7.0  # row labels, tick labels and legends
TITLE_PT = 7.5  # axis titles, in bold
INK = (33, 43, 50)  # the text colour the app uses on screen (#212B32)
AXIS = (76, 98, 114)  # #4C6272: axis lines and tick labels, 6.4:1 on white
GRID = (216, 221, 224)
MINOR_GRID = (236, 239, 241)
GAP_LINE = (174, 183, 189)  # #AEB7BD: the line from now to target, as on screen
WHITE = (255, 255, 255)
ROW_GAP = 1.6  # mm of white above and below a row's label
TARGET_HALF = 2.1  # mm from a target diamond's centre to its points


def rgb(colour: str) -> tuple[int, int, int]:
    """'#D5281B' as (213, 40, 27)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


# --- the figures, as data ----------------------------------------------------------------------------------


class LevelRow(BaseModel):
    label: str
    now: int | None = None
    target: int | None = None
    note: str = ""  # printed in the plot where there is no level, e.g. "Not sure"


class LevelsFigure(BaseModel):
    """Rows on a 0 to max_level scale: a filled circle now, a hollow diamond target over it, a line between."""

    kind: Literal["levels"] = "levels"
    rows: list[LevelRow]
    max_level: int
    axis_title: str
    now_label: str = "Now"
    target_label: str = "Target"
    now_colour: str
    target_colour: str


class Bar(BaseModel):
    label: str
    value: float | None = None
    text: str = ""  # written to the right of the plot, e.g. "50 (Developing)"
    colour: str = "#000000"


class Swatch(BaseModel):
    label: str
    colour: str


class BarsFigure(BaseModel):
    """Horizontal bars from 0 to `top`, dashed lines at `edges`, and each bar's words in a column on the right."""

    kind: Literal["bars"] = "bars"
    rows: list[Bar]
    top: float = 100
    tick_step: float = 10
    edges: list[float] = Field(default_factory=list)
    axis_title: str
    legend_title: str = ""
    legend: list[Swatch] = Field(default_factory=list)


class GridFigure(BaseModel):
    """Rows against columns, a filled square where a row and a column meet; optionally each row's own levels in a
    panel on its left, on the same rows."""

    kind: Literal["grid"] = "grid"
    rows: list[str]
    columns: list[str]
    marked: list[list[bool]]  # [row][column]
    column_title: str
    marked_label: str
    unmarked_label: str
    marked_colour: str
    unmarked_colour: str
    levels: LevelsFigure | None = None  # one row per grid row, in the same order


class ScaleRow(BaseModel):
    label: str
    value: float = Field(gt=0)
    you: bool = False


class ScaleFigure(BaseModel):
    """One dot per row on a log scale; the practice's own row a larger diamond, labelled."""

    kind: Literal["scale"] = "scale"
    rows: list[ScaleRow]
    axis_title: str
    you_text: str = "You"
    you_legend: str = "Your practice"
    other_legend: str = "Case study"
    you_colour: str
    other_colour: str


class StripRow(BaseModel):
    label: str
    counts: list[int]  # people at each of the figure's levels
    median: float | None = None
    flagged: bool = False


class StripFigure(BaseModel):
    """One row per principle: a dot at each level as large as the number who chose it, the number beside it, and a
    bar at the median. A flagged row's dots are rings, so they stand apart in grey as well as in colour."""

    kind: Literal["strip"] = "strip"
    rows: list[StripRow]
    levels: list[int]
    axis_title: str
    plain_label: str
    flagged_label: str
    plain_colour: str
    flagged_colour: str
    median_colour: str


class ShadeFigure(BaseModel):
    """Rows against columns, each cell shaded by its value (darker is higher) and its value written in it."""

    kind: Literal["shade"] = "shade"
    rows: list[str]
    columns: list[str]
    values: list[list[float | None]]  # [row][column]; None leaves the cell empty
    top: float
    column_title: str
    legend_title: str


Figure = Annotated[LevelsFigure | BarsFigure | GridFigure | ScaleFigure | StripFigure | ShadeFigure,
                   Field(discriminator="kind")]


# --- drawing helpers ---------------------------------------------------------------------------------------


def _font(pdf: FPDF, size: float = LABEL_PT, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)


def _line_h(size: float = LABEL_PT) -> float:
    return size * PT * 1.2


def _text(pdf: FPDF, x: float, middle: float, text: str, align: str = "L") -> None:
    """One line of text in the current font, its middle at `middle`, aligned at x to the left, right or centre."""
    if align != "L":
        width = pdf.get_string_width(text)
        x -= width if align == "R" else width / 2
    pdf.text(x, middle + pdf.font_size * 0.36, text)


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` in lines no wider than `width` in the current font, broken at spaces (a longer word at a letter)."""
    lines: list[str] = []
    for word in clean(text).split():
        while pdf.get_string_width(word) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and pdf.get_string_width(word[:cut]) > width:
                cut -= 1
            if lines and pdf.get_string_width(lines[-1] + " " + word[:cut]) <= width:
                lines[-1] += " " + word[:cut]
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if lines and pdf.get_string_width(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _widest(pdf: FPDF, texts: Sequence[str]) -> float:
    return max((pdf.get_string_width(clean(t)) for t in texts), default=0.0)


def _diamond(pdf: FPDF, cx: float, cy: float, half: float, style: str) -> None:
    pdf.polygon([(cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy)], style=style)


def _now_mark(pdf: FPDF, cx: float, cy: float, colour: str) -> None:
    pdf.set_fill_color(*rgb(colour))
    pdf.circle(cx, cy, 1.35, style="F")


def _gap_line(pdf: FPDF, x_now: float, x_target: float, y: float, width: float) -> None:
    """The line from now to target, stopping at the hollow diamond's edge so the diamond stays clear inside."""
    end = x_target - math.copysign(TARGET_HALF, x_target - x_now)
    pdf.set_draw_color(*GAP_LINE)
    pdf.set_line_width(width)
    pdf.line(x_now, y, end, y)


def _target_mark(pdf: FPDF, cx: float, cy: float, colour: str) -> None:
    """Hollow, larger and drawn last: over an equal "now" circle, both stay visible."""
    pdf.set_draw_color(*rgb(colour))
    pdf.set_line_width(0.45)
    _diamond(pdf, cx, cy, TARGET_HALF, "D")


def _legend(pdf: FPDF, x: float, y: float, width: float, items: Sequence[tuple[Callable[[float, float], None], str]],
            title: str = "", draw: bool = True) -> float:
    """A row of legend entries (a mark drawn by the callable, then its words), wrapping onto more rows; its height."""
    _font(pdf)
    line = 4.6
    cx, cy = x, y + line / 2
    if title:
        _font(pdf, bold=True)
        if draw:
            _text(pdf, cx, cy, clean(title))
        cx += pdf.get_string_width(clean(title)) + 3
        _font(pdf)
    for mark, label in items:
        words = clean(label)
        need = 5 + pdf.get_string_width(words) + 5
        if cx + need > x + width and cx > x:
            cx, cy = x, cy + line
        if draw:
            mark(cx + 2, cy)
            _font(pdf)
            _text(pdf, cx + 5, cy, words)
        cx += need
    return cy + line / 2 - y


def _axis_ticks(pdf: FPDF, ticks: Sequence[tuple[float, str]], top: float, bottom: float, x0: float, x1: float,
                title: str, *, labels_above: bool = False, grid: bool = True) -> float:
    """Grid lines and tick labels for an x axis drawn from x0 to x1 (ticks as (x, label)); the title under (or over)
    the labels. Returns the height the labels and title take beyond the plot."""
    pdf.set_line_width(0.15)
    if grid:
        pdf.set_draw_color(*GRID)
        for x, _ in ticks:
            pdf.line(x, top, x, bottom)
    pdf.set_draw_color(*AXIS)
    edge = top if labels_above else bottom
    pdf.line(x0, edge, x1, edge)
    _font(pdf, colour=AXIS)
    step = -1 if labels_above else 1
    for x, label in ticks:
        pdf.line(x, edge, x, edge + step * 1.0)
        _text(pdf, x, edge + step * 2.8, label, align="C")
    _font(pdf, TITLE_PT, bold=True)
    _text(pdf, (x0 + x1) / 2, edge + step * 6.6, clean(title), align="C")
    return 8.6


class _Rows:
    """Row labels wrapped to a column, each row as tall as its label (and at least `least`)."""

    def __init__(self, pdf: FPDF, labels: Sequence[str], width: float, least: float) -> None:
        _font(pdf)
        self.lines = [wrap(pdf, label, width) for label in labels]
        self.heights = [max(least, len(lines) * _line_h() + ROW_GAP) for lines in self.lines]
        self.width = min(width, max((pdf.get_string_width(line) for lines in self.lines for line in lines),
                                    default=0.0))

    @property
    def height(self) -> float:
        return sum(self.heights)

    def middles(self, top: float) -> list[float]:
        out, y = [], top
        for h in self.heights:
            out.append(y + h / 2)
            y += h
        return out

    def draw_labels(self, pdf: FPDF, right: float, top: float) -> None:
        """Each label right-aligned against `right`, its lines centred on its row."""
        _font(pdf)
        for lines, middle in zip(self.lines, self.middles(top), strict=True):
            first = middle - (len(lines) - 1) * _line_h() / 2
            for i, line in enumerate(lines):
                _text(pdf, right, first + i * _line_h(), line, align="R")


def _label_width(pdf: FPDF, labels: Sequence[str], share: float, width: float) -> float:
    _font(pdf)
    return min(_widest(pdf, labels), width * share)


# --- the figures -------------------------------------------------------------------------------------------


def _levels(pdf: FPDF, fig: LevelsFigure, x: float, y: float, width: float, draw: bool) -> float:
    rows = _Rows(pdf, [r.label for r in fig.rows], _label_width(pdf, [r.label for r in fig.rows], 0.5, width), 5.4)
    x0 = x + rows.width + 3 + 3  # a mark at 0 keeps clear of the labels
    x1 = x + width - 3
    top = y + 1

    def at(level: float) -> float:
        return x0 + (x1 - x0) * level / fig.max_level

    bottom = top + rows.height
    legend_y = bottom + 9.6
    if draw:
        _axis_ticks(pdf, [(at(v), str(v)) for v in range(fig.max_level + 1)], top, bottom, at(0) - 3, x1 + 3,
                    fig.axis_title)
        rows.draw_labels(pdf, x + rows.width, top)
        for row, middle in zip(fig.rows, rows.middles(top), strict=True):
            if row.now is not None and row.target is not None and row.now != row.target:
                _gap_line(pdf, at(row.now), at(row.target), middle, 1.0)
            if row.now is not None:
                _now_mark(pdf, at(row.now), middle, fig.now_colour)
            if row.target is not None:
                _target_mark(pdf, at(row.target), middle, fig.target_colour)
            if row.now is None and row.target is None and row.note:
                _font(pdf, colour=AXIS)
                _text(pdf, at(0) + 2, middle, clean(row.note))
    legend = _legend(pdf, x0, legend_y, x1 - x0, [
        (lambda cx, cy: _now_mark(pdf, cx, cy, fig.now_colour), fig.now_label),
        (lambda cx, cy: _target_mark(pdf, cx, cy, fig.target_colour), fig.target_label),
    ], draw=draw)
    return legend_y + legend - y


def _bars(pdf: FPDF, fig: BarsFigure, x: float, y: float, width: float, draw: bool) -> float:
    _font(pdf)
    right_w = _widest(pdf, [b.text for b in fig.rows]) + 3
    rows = _Rows(pdf, [b.label for b in fig.rows], _label_width(pdf, [b.label for b in fig.rows], 0.4, width), 6.2)
    x0 = x + rows.width + 3
    x1 = x + width - right_w
    top = y + 1
    bottom = top + rows.height

    def at(value: float) -> float:
        return x0 + (x1 - x0) * max(0.0, min(value, fig.top)) / fig.top

    legend_y = bottom + 9.6
    if draw:
        ticks = [(at(v), f"{v:g}") for v in _steps(fig.top, fig.tick_step)]
        _axis_ticks(pdf, ticks, top, bottom, x0, x1, fig.axis_title)
        rows.draw_labels(pdf, x + rows.width, top)
        for bar, middle, h in zip(fig.rows, rows.middles(top), rows.heights, strict=True):
            if bar.value is not None:
                pdf.set_fill_color(*rgb(bar.colour))
                bar_h = min(4.4, h - 1.4)
                pdf.rect(x0, middle - bar_h / 2, at(bar.value) - x0, bar_h, style="F")
            _font(pdf)
            _text(pdf, x1 + 3, middle, clean(bar.text))
        # The band boundaries, dashed, over the bars, so the thresholds read without colour.
        pdf.set_draw_color(*AXIS)
        pdf.set_line_width(0.25)
        pdf.set_dash_pattern(dash=1.2, gap=0.9)
        for edge in fig.edges:
            pdf.line(at(edge), top, at(edge), bottom)
        pdf.set_dash_pattern()

    def swatch(colour: str) -> Callable[[float, float], None]:
        def mark(cx: float, cy: float) -> None:
            pdf.set_fill_color(*rgb(colour))
            pdf.rect(cx - 1.6, cy - 1.6, 3.2, 3.2, style="F")
        return mark

    legend = _legend(pdf, x0, legend_y, width - (x0 - x), [(swatch(s.colour), s.label) for s in fig.legend],
                     title=fig.legend_title, draw=draw)
    return legend_y + legend - y


def _steps(top: float, step: float) -> list[float]:
    count = int(round(top / step))
    return [i * step for i in range(count + 1)]


def _vertical_labels(pdf: FPDF, labels: Sequence[str], lefts: Sequence[float], cell: float, base: float,
                     draw: bool) -> float:
    """Column labels written upwards from `base`, each centred on its column; their height."""
    _font(pdf)
    tallest = _widest(pdf, labels)
    if draw:
        for label, left in zip(labels, lefts, strict=True):
            x = left + cell / 2 + pdf.font_size * 0.36
            with pdf.rotation(90, x, base):
                pdf.text(x, base, clean(label))
    return tallest


def _grid(pdf: FPDF, fig: GridFigure, x: float, y: float, width: float, draw: bool) -> float:
    panel = 30.0 if fig.levels is not None else 0.0
    columns = max(1, len(fig.columns))
    label_w = _label_width(pdf, fig.rows, 0.42, width)
    cell = max(3.5, min(6.0, (width - label_w - panel - 8) / columns))
    label_w = min(label_w, width - panel - 8 - cell * columns)
    rows = _Rows(pdf, fig.rows, label_w, cell)
    panel_x0 = x + rows.width + 3
    grid_x0 = panel_x0 + panel + (4 if panel else 0)
    lefts = [grid_x0 + i * cell for i in range(len(fig.columns))]
    header = _vertical_labels(pdf, fig.columns, lefts, cell, 0, draw=False) + 2
    title_h = 5.0
    top = y + title_h + header + 2
    bottom = top + rows.height
    if draw:
        _font(pdf, TITLE_PT, bold=True)
        _text(pdf, grid_x0 + cell * columns / 2, y + title_h / 2, clean(fig.column_title), align="C")
        _vertical_labels(pdf, fig.columns, lefts, cell, top - 2, draw=True)
        rows.draw_labels(pdf, x + rows.width, top)
        pdf.set_draw_color(*WHITE)
        pdf.set_line_width(0.35)
        marked, unmarked = rgb(fig.marked_colour), rgb(fig.unmarked_colour)
        row_top = top
        for r, h in enumerate(rows.heights):
            for c, left in enumerate(lefts):
                pdf.set_fill_color(*(marked if fig.marked[r][c] else unmarked))
                pdf.rect(left, row_top, cell, h, style="DF")
            row_top += h
        if fig.levels is not None:
            lv = fig.levels
            a0, a1 = panel_x0 + 2.5, panel_x0 + panel - 2.5

            def at(level: float) -> float:
                return a0 + (a1 - a0) * level / lv.max_level

            pdf.set_line_width(0.15)
            pdf.set_draw_color(*GRID)
            for v in range(lv.max_level + 1):
                pdf.line(at(v), top, at(v), bottom)
            pdf.set_draw_color(*AXIS)
            pdf.line(panel_x0, top, panel_x0 + panel, top)
            _font(pdf, colour=AXIS)
            for v in range(lv.max_level + 1):
                pdf.line(at(v), top, at(v), top - 1)
                _text(pdf, at(v), top - 2.6, str(v), align="C")
            _font(pdf, TITLE_PT, bold=True)
            _text(pdf, panel_x0 + panel / 2, top - 6.4, clean(lv.axis_title), align="C")
            for row, middle in zip(lv.rows, rows.middles(top), strict=True):
                if row.now is not None and row.target is not None and row.now != row.target:
                    _gap_line(pdf, at(row.now), at(row.target), middle, 0.8)
                if row.now is not None:
                    _now_mark(pdf, at(row.now), middle, lv.now_colour)
                if row.target is not None:
                    _target_mark(pdf, at(row.target), middle, lv.target_colour)

    def square(colour: str, outline: bool) -> Callable[[float, float], None]:
        def mark(cx: float, cy: float) -> None:
            pdf.set_fill_color(*rgb(colour))
            pdf.set_draw_color(*AXIS)
            pdf.set_line_width(0.15)
            pdf.rect(cx - 1.6, cy - 1.6, 3.2, 3.2, style="DF" if outline else "F")
        return mark

    items: list[tuple[Callable[[float, float], None], str]] = []
    if fig.levels is not None:
        lv = fig.levels
        items += [(lambda cx, cy: _now_mark(pdf, cx, cy, lv.now_colour), lv.now_label),
                  (lambda cx, cy: _target_mark(pdf, cx, cy, lv.target_colour), lv.target_label)]
    items += [(square(fig.marked_colour, False), fig.marked_label), (square(fig.unmarked_colour, True),
                                                                     fig.unmarked_label)]
    legend = _legend(pdf, x, bottom + 3, width, items, draw=draw)
    return bottom + 3 + legend - y


def _short_number(value: float) -> str:
    """1000 as "1k", 2000000 as "2M": a log axis's tick labels."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _scale(pdf: FPDF, fig: ScaleFigure, x: float, y: float, width: float, draw: bool) -> float:
    labels = [r.label for r in fig.rows]
    rows = _Rows(pdf, labels, _label_width(pdf, labels, 0.5, width), 4.8)
    values = [r.value for r in fig.rows]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    if high <= low:
        high = low * 10
    _font(pdf, bold=True)
    x0 = x + rows.width + 3 + 3
    x1 = x + width - 3 - pdf.get_string_width(clean(fig.you_text)) - 4
    top = y + 1
    bottom = top + rows.height
    span = math.log10(high) - math.log10(low)

    def at(value: float) -> float:
        return x0 + (x1 - x0) * (math.log10(value) - math.log10(low)) / span

    legend_y = bottom + 9.6
    if draw:
        powers = [low * 10 ** i for i in range(round(span) + 1)]
        pdf.set_draw_color(*MINOR_GRID)
        pdf.set_line_width(0.1)
        for power in powers[:-1]:
            for step in range(2, 10):
                pdf.line(at(power * step), top, at(power * step), bottom)
        _axis_ticks(pdf, [(at(p), _short_number(p)) for p in powers], top, bottom, x0 - 3, x1 + 3, fig.axis_title)
        rows.draw_labels(pdf, x + rows.width, top)
        for row, middle in zip(fig.rows, rows.middles(top), strict=True):
            cx = at(row.value)
            if row.you:
                pdf.set_fill_color(*rgb(fig.you_colour))
                _diamond(pdf, cx, middle, 2.0, "F")
                _font(pdf, bold=True)
                _text(pdf, cx + 3, middle, clean(fig.you_text))
            else:
                pdf.set_fill_color(*rgb(fig.other_colour))
                pdf.circle(cx, middle, 1.2, style="F")

    def you(cx: float, cy: float) -> None:
        pdf.set_fill_color(*rgb(fig.you_colour))
        _diamond(pdf, cx, cy, 2.0, "F")

    def other(cx: float, cy: float) -> None:
        pdf.set_fill_color(*rgb(fig.other_colour))
        pdf.circle(cx, cy, 1.2, style="F")

    items = [(other, fig.other_legend)] + ([(you, fig.you_legend)] if any(r.you for r in fig.rows) else [])
    legend = _legend(pdf, x0, legend_y, x1 - x0, items, draw=draw)
    return legend_y + legend - y


def _strip(pdf: FPDF, fig: StripFigure, x: float, y: float, width: float, draw: bool) -> float:
    labels = [r.label for r in fig.rows]
    rows = _Rows(pdf, labels, _label_width(pdf, labels, 0.45, width), 8.4)
    x0 = x + rows.width + 3
    x1 = x + width
    low, high = fig.levels[0] - 0.5, fig.levels[-1] + 0.5
    top = y + 1
    bottom = top + rows.height
    largest = max((n for r in fig.rows for n in r.counts), default=1) or 1

    def at(level: float) -> float:
        return x0 + (x1 - x0) * (level - low) / (high - low)

    def radius(count: int) -> float:
        return max(0.7, 3.6 * math.sqrt(count / largest))  # area, not radius, grows with the count

    def dot(cx: float, cy: float, r: float, flagged: bool) -> None:
        if flagged:
            pdf.set_draw_color(*rgb(fig.flagged_colour))
            pdf.set_fill_color(*WHITE)
            pdf.set_line_width(0.6)
            pdf.circle(cx, cy, max(r - 0.3, 0.5), style="DF")
        else:
            pdf.set_fill_color(*rgb(fig.plain_colour))
            pdf.circle(cx, cy, r, style="F")

    legend_y = bottom + 9.6
    if draw:
        _axis_ticks(pdf, [(at(v), str(v)) for v in fig.levels], top, bottom, x0, x1, fig.axis_title)
        rows.draw_labels(pdf, x + rows.width, top)
        for row, middle, h in zip(fig.rows, rows.middles(top), rows.heights, strict=True):
            for level, count in zip(fig.levels, row.counts, strict=True):
                if count:
                    r = radius(count)
                    dot(at(level), middle, r, row.flagged)
                    _font(pdf, 6.0, colour=INK)
                    _text(pdf, at(level) + r + 0.7, middle - r * 0.6, str(count))
            if row.median is not None:
                pdf.set_fill_color(*rgb(fig.median_colour))
                pdf.rect(at(row.median) - 0.4, middle - min(h, 8.4) * 0.42, 0.8, min(h, 8.4) * 0.84, style="F")

    def median(cx: float, cy: float) -> None:
        pdf.set_fill_color(*rgb(fig.median_colour))
        pdf.rect(cx - 0.4, cy - 2, 0.8, 4, style="F")

    legend = _legend(pdf, x0, legend_y, x1 - x0, [
        (lambda cx, cy: dot(cx, cy, 1.5, False), fig.plain_label),
        (lambda cx, cy: dot(cx, cy, 1.5, True), fig.flagged_label),
        (median, "Median"),
        (lambda cx, cy: None, "Dot size: how many people chose that level (the number beside it)"),
    ], draw=draw)
    return legend_y + legend - y


# d3's "blues", the scheme the dashboard's heatmap uses: light for low, dark for high.
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]


def shade(value: float, top: float) -> tuple[int, int, int]:
    t = max(0.0, min(1.0, value / top)) * (len(BLUES) - 1)
    i = min(int(t), len(BLUES) - 2)
    a, b = rgb(BLUES[i]), rgb(BLUES[i + 1])
    f = t - i
    return tuple(round(a[k] + (b[k] - a[k]) * f) for k in range(3))  # type: ignore[return-value]


def _shade(pdf: FPDF, fig: ShadeFigure, x: float, y: float, width: float, draw: bool) -> float:
    columns = max(1, len(fig.columns))
    label_w = _label_width(pdf, fig.rows, 0.35, width)
    cell = max(5.0, min(9.0, (width - label_w - 4) / columns))
    rows = _Rows(pdf, fig.rows, label_w, min(cell, 7.0))
    x0 = x + rows.width + 3
    lefts = [x0 + i * cell for i in range(len(fig.columns))]
    header = _vertical_labels(pdf, fig.columns, lefts, cell, 0, draw=False) + 2
    title_h = 5.0
    top = y + title_h + header + 2
    bottom = top + rows.height
    if draw:
        _font(pdf, TITLE_PT, bold=True)
        _text(pdf, x0 + cell * columns / 2, y + title_h / 2, clean(fig.column_title), align="C")
        _vertical_labels(pdf, fig.columns, lefts, cell, top - 2, draw=True)
        rows.draw_labels(pdf, x + rows.width, top)
        pdf.set_draw_color(*WHITE)
        pdf.set_line_width(0.35)
        row_top = top
        for values, h, middle in zip(fig.values, rows.heights, rows.middles(top), strict=True):
            for value, left in zip(values, lefts, strict=True):
                if value is None:
                    continue
                pdf.set_fill_color(*shade(value, fig.top))
                pdf.rect(left, row_top, cell, h, style="DF")
                _font(pdf, colour=WHITE if value >= fig.top * 0.625 else INK)
                _text(pdf, left + cell / 2, middle, f"{value:g}", align="C")
            row_top += h

    def swatch(value: float) -> Callable[[float, float], None]:
        def mark(cx: float, cy: float) -> None:
            pdf.set_fill_color(*shade(value, fig.top))
            pdf.set_draw_color(*AXIS)
            pdf.set_line_width(0.15)
            pdf.rect(cx - 1.6, cy - 1.6, 3.2, 3.2, style="DF")
        return mark

    steps = _steps(fig.top, 1)
    legend = _legend(pdf, x, bottom + 3, width, [(swatch(v), f"{v:g}") for v in steps], title=fig.legend_title,
                     draw=draw)
    return bottom + 3 + legend - y


_DRAWERS: dict[str, Callable[..., float]] = {
    "levels": _levels, "bars": _bars, "grid": _grid, "scale": _scale, "strip": _strip, "shade": _shade,
}


def figure_height(pdf: FPDF, figure: Figure, width: float) -> float:
    """How tall `figure` is drawn at `width` (mm), without drawing it."""
    return _DRAWERS[figure.kind](pdf, figure, 0.0, 0.0, width, False)


def split_to_fit(pdf: FPDF, figure: Figure, width: float, height: float) -> list[Figure]:
    """The figure as parts no taller than `height`, each with whole rows, to draw on a page each. Only a shaded grid
    is split (a workshop's practices, up to 30 of them); every other figure has rows the content fixes and fits a
    page, and is returned whole."""
    if not isinstance(figure, ShadeFigure) or len(figure.rows) < 2 or figure_height(pdf, figure, width) <= height:
        return [figure]
    count = len(figure.rows) - 1
    while count > 1 and figure_height(pdf, _shade_rows(figure, 0, count), width) > height:
        count -= 1
    return [_shade_rows(figure, 0, count),
            *split_to_fit(pdf, _shade_rows(figure, count, len(figure.rows)), width, height)]


def _shade_rows(figure: ShadeFigure, start: int, end: int) -> ShadeFigure:
    return figure.model_copy(update={"rows": figure.rows[start:end], "values": figure.values[start:end]})


def draw_figure(pdf: FPDF, figure: Figure, x: float, y: float, width: float) -> float:
    """Draw `figure` with its top left corner at (x, y), `width` mm wide; its height. The caller has left room."""
    with pdf.local_context():  # colours, line width and font come back as they were, for the tables that follow
        return _DRAWERS[figure.kind](pdf, figure, x, y, width, True)
