"""The PDF's page layout: A4 geometry, the bundled DejaVu fonts, text made safe to draw, and a small drawing
vocabulary (headings, paragraphs, bullets, tables, figures) over fpdf2, each tagged in the structure tree."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import Align, MethodReturnValue, XPos, YPos

from assessment.report import word_breaks  # noqa: F401  (each wrapped line keeps the space it breaks at)
from assessment.report.fast_text import add_fonts, count_lines
from assessment.report.tagging import Element, Tagger

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
METHOD_FILE = "scoring_method.md"

MARGIN = 18.0  # mm
PAGE_W = 210.0  # A4
BODY_W = PAGE_W - 2 * MARGIN
GREY = (90, 90, 90)
HEAD_FILL = (225, 225, 225)
TABLE_PADDING = 1.2  # mm inside each table cell
# fpdf2 writes the page count wherever this appears. Its default, "{nb}", could be typed into a practice name;
# a control character never can be, as clean() strips them from everything drawn.
PAGE_COUNT_ALIAS = "\x00nb"

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


# Parts of an emoji that only change how the one before looks (skin tones, the emoji/text selectors): dropped when
# the fonts cannot draw them, as the symbol they change is named instead.
_MODIFIERS = re.compile("[\U0001F3FB-\U0001F3FF\uFE00-\uFE0F\u20E3]")


def _stand_in(ch: str) -> str:
    """What the PDF prints for a character its fonts cannot draw: a symbol (an emoji, say) by its name in brackets,
    "🏥" as "[hospital]", so a note typed on a phone still reads; any other character as the replacement mark."""
    name = unicodedata.name(ch, "")
    if name and unicodedata.category(ch).startswith("S"):
        return f"[{name.lower()}]"
    return "\ufffd"


def clean(text: object) -> str:
    """Any text made safe to draw: composed accents, no control or direction characters, no missing glyphs."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("", value)
    covered = _covered_codepoints()
    value = "".join(ch for ch in value if ord(ch) in covered or not _MODIFIERS.match(ch))
    return "".join(ch if ch == "\n" or ord(ch) in covered else _stand_in(ch) for ch in value)


def one_line(text: str, limit: int) -> str:
    value = " ".join(clean(text).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def widen_for_words(cols: Sequence[float], least: Sequence[float]) -> list[float]:
    """Column widths where each column is at least its least width (so its longest header word fits on a line),
    the room taken from the columns wider than their least, in proportion to what each can spare. Unchanged when
    every column fits already, or when the least widths together are wider than the table."""
    short = sum(max(0.0, m - c) for c, m in zip(cols, least, strict=True))
    spare = [max(0.0, c - m) for c, m in zip(cols, least, strict=True)]
    if not short or sum(least) > sum(cols):
        return list(cols)
    return [max(c, m) - (room / sum(spare)) * short if room else max(c, m)
            for c, m, room in zip(cols, least, spare, strict=True)]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- the document ----------------------------------------------------------------------------------------


LANGUAGE = "en-GB"


def _xmp(title: str, subject: str) -> str:
    """XMP metadata naming the document's title, subject, language and maker (XML-escaped)."""
    t, d = html.escape(title, quote=True), html.escape(subject, quote=True)
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{d}</rdf:li></rdf:Alt></dc:description>'
        '<dc:creator><rdf:Seq><rdf:li>GroupUp</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>'
        '<xmp:CreatorTool>GroupUp</xmp:CreatorTool>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>'
    )


class Document(FPDF):
    def __init__(self, running_title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = running_title
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.alias_nb_pages(PAGE_COUNT_ALIAS, align=Align.L)
        add_fonts(self, FONT, FONT_FILES)  # add_font for each, from fonts read once per process (see fast_text)
        self.set_font(FONT, size=10)
        self.set_text_color(0)
        self.set_draw_color(0)
        self.set_line_width(0.2)
        self.struct_builder = Tagger(self)  # fpdf2's own tags only figures, flat under /Document

    @property
    def tags(self) -> Tagger:
        return self.struct_builder

    @contextmanager
    def _marked_sequence(self, **kwargs: Any) -> Iterator[Element | None]:
        """fpdf2 calls this for an image drawn with alt text: a figure in this document's tree."""
        if self.tags.busy:
            yield None
            return
        figure = self.tags.element("Figure", alt=kwargs.get("alt_text") or None)
        with self.tags.mark(figure):
            yield figure

    def _add_marked_content(self, **kwargs: Any) -> Element:
        """fpdf2 calls this for a link with alt text: an element with no content of its own."""
        return self.tags.element(str(kwargs.get("struct_type", "/Span")).lstrip("/"), alt=kwargs.get("alt_text"))

    def describe(self, title: str, subject: str) -> None:
        """The document's title, subject, language and XMP metadata, with the title shown in the viewer's window
        bar rather than the file name (PDF/UA asks for all of these)."""
        self.set_title(title)
        self.set_author("GroupUp")
        self.set_subject(subject)
        self.set_creator("GroupUp")
        self.set_lang(LANGUAGE)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_xmp_metadata(_xmp(title, subject))

    def header(self) -> None:
        if self.page_no() > 1:
            with self.tags.artifact("Pagination", "Header"):
                self.set_font(FONT, size=8)
                self.set_text_color(*GREY)
                self.set_xy(MARGIN, 8)
                self.cell(BODY_W, 5, self.fit(self.running_title, BODY_W), align=Align.L)
                self.set_text_color(0)
                self.set_xy(MARGIN, MARGIN)
        self.tags.page_starts()  # a paragraph or cell the page break cut goes on here

    def fit(self, text: str, width: float) -> str:
        """One line no wider than `width` in the current font, cut with an ellipsis where need be."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def footer(self) -> None:
        self.tags.page_ends()
        with self.tags.artifact("Pagination", "Footer"):
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.set_text_color(*GREY)
            self.cell(BODY_W, 5, f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}", align=Align.C)
            self.set_text_color(0)


def _joined(lines: Sequence[str]) -> str:
    """Lines as multi_cell broke them (each keeping the space it broke at), as one text that multi_cell breaks into
    the same lines again and reads with the same words: a line broken at a space ends in a newline (for which a
    space is drawn), a line cut mid-word runs on into the next (which is cut in the same place), and the last line
    keeps its space, so that the next piece of a row cut by a page break reads as a new word."""
    return "".join(line if index == len(lines) - 1 or not line.endswith((" ", "-")) else line.rstrip(" ") + "\n"
                   for index, line in enumerate(lines))


class Writer:
    """Small drawing vocabulary over fpdf2. Everything drawn passes through clean(), and is tagged: each method
    adds its element (heading, paragraph, list item, table, figure) to the structure tree, in reading order."""

    def __init__(self, pdf: Document) -> None:
        self.pdf = pdf
        self._list: Element | None = None  # the list that consecutive bullets (or label-value rows) join
        self._list_kind = ""
        self._heading_level = 0  # the level of the last heading tagged

    @property
    def tags(self) -> Tagger:
        return self.pdf.tags

    def _mark(self, element: Element | None) -> AbstractContextManager[None]:
        return nullcontext() if element is None else self.tags.mark(element)

    @contextmanager
    def tagged(self, role: str, **options: Any) -> Iterator[Element | None]:
        """What is drawn inside is one element of the tree: "H1", "P", …; inside a figure, part of the figure.

        A heading is tagged at most one level below the one before it, whatever its size (a small heading straight
        under a section's title is tagged H2), so that a reader's list of headings skips no level."""
        self._list = None
        if self.tags.busy:
            yield None
            return
        if re.fullmatch(r"H[1-6]", role):
            self._heading_level = min(int(role[1]), self._heading_level + 1)
            role = f"H{self._heading_level}"
        element = self.tags.element(role, **options)
        with self.tags.mark(element):
            yield element

    def artifact(self) -> AbstractContextManager[None]:
        """What is drawn inside is decoration (a rule, a border): no part of what a screen reader reads out."""
        return self.tags.artifact()

    def _list_item(self, kind: str) -> tuple[Element | None, Element | None]:
        """A new item's label and body, in the list the previous item began (of the same kind) or a new one."""
        if self.tags.busy:
            return None, None
        if self._list is None or self._list_kind != kind:
            self._list, self._list_kind = self.tags.element("L"), kind
        item = self.tags.element("LI", self._list)
        return self.tags.element("Lbl", item), self.tags.element("LBody", item)

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
        with self.tagged(f"H{level}"):
            self.pdf.multi_cell(BODY_W, size * 0.5, clean(text), align=Align.L, new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
        if level == 1:
            with self.artifact():
                self.pdf.set_line_width(0.5)
                self.pdf.line(MARGIN, self.pdf.get_y() + 1, MARGIN + BODY_W, self.pdf.get_y() + 1)
                self.pdf.set_line_width(0.2)
            self.space(3)
        else:
            self.space(1)
        self.pdf.set_font(FONT, "", 10)

    def para(self, text: str, *, size: float = 10, bold: bool = False, grey: bool = False,
             indent: float = 0, role: str = "P") -> None:
        """A paragraph; `role` tags it otherwise where it reads as something else (a sub-heading is "H2")."""
        self.pdf.set_font(FONT, "B" if bold else "", size)
        if grey:
            self.pdf.set_text_color(*GREY)
        self.pdf.set_x(MARGIN + indent)
        with self.tagged(role):
            self.pdf.multi_cell(BODY_W - indent, size * 0.48, clean(text), align=Align.L,
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_text_color(0)
        self.pdf.set_font(FONT, "", 10)
        self.space(size * 0.15)

    def lines(self, text: str, width: float, line_h: float) -> int:
        """How many lines `text` takes at `width` in the current font (as multi_cell breaks them, counted faster)."""
        return count_lines(self.pdf, text, width)

    def bullet(self, text: str, *, size: float = 10, mark: str = "•", bold: bool = False) -> None:
        """A list item. Bullets drawn one after another, with nothing else between, are one list."""
        self.pdf.set_font(FONT, "B" if bold else "", size)
        line_h = size * 0.48
        body = clean(text)
        # The mark is drawn at the y its text starts from, so both must be on one page before either is drawn:
        # a short item moves over whole, a long one with at least two lines.
        count = self.lines(body, BODY_W - 6, line_h)
        self.keep(line_h * (count if count <= 3 else 2))
        label, content = self._list_item("bullets")
        y = self.pdf.get_y()
        self.pdf.set_x(MARGIN + 2)
        with self._mark(label):
            self.pdf.cell(4, line_h, clean(mark))
        self.pdf.set_xy(MARGIN + 6, y)
        with self._mark(content):
            self.pdf.multi_cell(BODY_W - 6, line_h, body, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FONT, "", 10)
        self.space(0.8)

    def label_value(self, label: str, value: str) -> None:
        """A label beside its value ("Prepared", a date). Rows drawn one after another are one list, each item's
        label its Lbl."""
        self.pdf.set_font(FONT, "B", 10)
        label_lines = self.lines(clean(label), 45, 5.5)
        self.pdf.set_font(FONT, "", 10)
        self.keep(5.5 * max(self.lines(clean(value), BODY_W - 45, 5.5), label_lines, 1))  # both on one page
        label_tag, value_tag = self._list_item("labels")
        self.pdf.set_font(FONT, "B", 10)
        y = self.pdf.get_y()
        with self._mark(label_tag):
            self.pdf.multi_cell(45, 5.5, clean(label), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        label_bottom = self.pdf.get_y()
        self.pdf.set_xy(MARGIN + 45, y)
        self.pdf.set_font(FONT, "", 10)
        with self._mark(value_tag):
            self.pdf.multi_cell(BODY_W - 45, 5.5, clean(value), align=Align.L, new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
        # A label that wraps ("Answers last changed") is taller than its value: the next row starts below both.
        self.pdf.set_y(max(label_bottom, self.pdf.get_y()))
        self.space(1)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None,
              *, size: float = 8.5) -> None:
        """A bordered table, its header row shaded, in bold, and repeated at the top of each new page.

        Drawn cell by cell (not with fpdf2's table(), which draws its cells itself) so that each cell is a TH
        or TD in the structure tree; the repeat of the header row on a later page is an artifact."""
        self._list = None
        self.keep(20)
        self.pdf.set_font(FONT, "", size)
        relative = list(widths) if widths else [1.0] * len(headers)
        cols = [BODY_W * share / sum(relative) for share in relative]
        line_h = size * 0.5
        head = [clean(text) for text in headers]
        self.pdf.set_font(FONT, "B", size)  # no header word broken across lines where a wider column can be had
        cols = widen_for_words(cols, [2 * TABLE_PADDING + 0.1 + max(
            [0.0] + [self.pdf.get_string_width(word) for word in text.split()]) for text in head])
        body = [[clean(text) for text in values] for values in rows]

        def height(values: Sequence[str], bold: bool) -> float:
            # As multi_cell with padding measures a cell: it wraps inside the padding, not inside its cell margins.
            self.pdf.set_font(FONT, "B" if bold else "", size)
            inner = 2 * (TABLE_PADDING - self.pdf.c_margin)
            return 2 * TABLE_PADDING + line_h * max([1] + [self.lines(text, w - inner, line_h)
                                                           for w, text in zip(cols, values, strict=False) if text])

        def draw(values: Sequence[str], h: float, header: bool, cells: Sequence[Element | None]) -> None:
            y = self.pdf.get_y()
            self.pdf.set_font(FONT, "B" if header else "", size)
            if header:
                self.pdf.set_fill_color(*HEAD_FILL)
            x = MARGIN
            for w, text, cell in zip(cols, values, cells, strict=False):
                with self.artifact():
                    self.pdf.rect(x, y, w, h, style="DF" if header else "D")
                if text:
                    self.pdf.set_xy(x, y)
                    with self._mark(cell):
                        self.pdf.multi_cell(w, line_h, text, padding=TABLE_PADDING, align=Align.L,
                                            new_x=XPos.RIGHT, new_y=YPos.TOP)
                x += w
            self.pdf.set_xy(MARGIN, y + h)

        head_h = height(head, True)
        heights = [height(values, False) for values in body]
        table = None if self.tags.busy else self.tags.element("Table")

        def row_cells(header: bool) -> list[Element | None]:
            if table is None:
                return [None] * len(cols)
            row = self.tags.element("TR", table)
            return [self.tags.element("TH" if header else "TD", row,
                                      attributes="<</O /Table /Scope /Column>>" if header else None) for _ in cols]

        bottom = self.pdf.h - self.pdf.b_margin

        def next_page() -> None:
            self.pdf.add_page()
            with self.tags.artifact("Pagination"):  # the header row again, for the eye: read once, on the first
                draw(head, head_h, True, [None] * len(cols))

        first = heights[0] if heights else 0
        if self.pdf.t_margin + head_h + first > bottom:  # a first row taller than a page starts where it is
            first = 2 * TABLE_PADDING + 2 * line_h
        if self.pdf.get_y() + head_h + first > bottom:
            self.pdf.add_page()  # never the header row alone at a page's foot
        draw(head, head_h, True, row_cells(True))
        for values, h in zip(body, heights, strict=True):
            cells = row_cells(False)
            if self.pdf.get_y() + h > bottom:
                if self.pdf.t_margin + head_h + h <= bottom:
                    next_page()
                else:  # taller than a page: as many lines as fit on each page, the cells' tags going on over
                    values, h = self._split_row(values, cols, line_h, size, cells, draw, next_page)
            draw(values, h, False, cells)
        self.pdf.set_font(FONT, "", 10)
        self.space(3)

    def _split_row(self, values: Sequence[str], cols: Sequence[float], line_h: float, size: float,
                   cells: Sequence[Element | None], draw: Any, next_page: Any) -> tuple[list[str], float]:
        """Draw a row too tall for one page in pieces, a page at a time; what is left for the last page, and its
        height. Each piece holds the same lines multi_cell would give the whole cell."""
        self.pdf.set_font(FONT, "", size)
        lines = [self.pdf.multi_cell(w, line_h, text, padding=TABLE_PADDING, dry_run=True,
                                     output=MethodReturnValue.LINES) if text else []
                 for w, text in zip(cols, values, strict=False)]
        bottom = self.pdf.h - self.pdf.b_margin
        while True:
            room = int((bottom - self.pdf.get_y() - 2 * TABLE_PADDING) / line_h + 1e-6)
            if max(len(cell) for cell in lines) <= room:
                break
            if room >= 2:  # a piece of at least two lines; otherwise the row starts on the next page
                draw([_joined(cell[:room]) for cell in lines], room * line_h + 2 * TABLE_PADDING, False, cells)
                lines = [cell[room:] for cell in lines]
            next_page()
        return [_joined(cell) for cell in lines], max(1, *map(len, lines)) * line_h + 2 * TABLE_PADDING

    @contextmanager
    def figure(self, alt_text: str) -> Iterator[None]:
        """Whatever is drawn inside is one figure in the structure tree, read out as `alt_text`."""
        self._list = None
        with self.pdf._marked_sequence(alt_text=clean(alt_text) or None):
            yield
