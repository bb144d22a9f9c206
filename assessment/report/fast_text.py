"""Fonts loaded once per process and text measured faster in fpdf2, with the same widths and the same PDF.

Loading a TrueType font reads its width and glyph tables, which took about a tenth of a full summary's time for
the two fonts. `add_fonts` reads them once per process and gives each document its own copy, with a font file object of its own:
fpdf2 cuts a document's font down to the glyphs it used, in place, when it writes it.

fpdf2 2.8.9 breaks a line by measuring the line so far again after every character it adds, summing the width of
each of its characters in a Python loop: a paragraph of n characters costs about n²/2 additions, and measuring
text was over a third of a full summary's time. `measure_faster` gives a document's fonts a width method that
remembers the widths it has worked out, so measuring a line one character longer than one measured already is one
addition. The widths are exactly fpdf2's (the same table, summed in the same units). Shaped text (HarfBuzz) and
symbol fonts keep fpdf2's own method. For the same reason a line being built keeps its width as characters are
added (`keep_line_widths`), rather than fpdf2 measuring all of it again for each one. Tests hold the widths, the
line breaks and `count_lines` to fpdf2's own.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import fpdf
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import CurrentLine

# (font key, text) -> the sum of its characters' widths, in the font's units. Emptied for each new document, so
# it holds one document's text at most, and a document is never quicker for the one drawn before it.
_WIDTHS: dict[tuple[str, str], float] = {}


class _FasterTTFFont(TTFFont):
    """TTFFont whose get_text_width remembers widths (no new state on the font: an empty __slots__)."""

    __slots__ = ()

    def get_text_width(self, text: str, font_size_pt: float,
                       text_shaping_params: dict[str, Any] | None) -> tuple[int, float]:
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        key = (self.fontkey, text)
        units = _WIDTHS.get(key)
        if units is None:
            shorter = _WIDTHS.get((self.fontkey, text[:-1])) if len(text) > 1 else None
            if shorter is not None:
                units = shorter + self.cw[ord(text[-1])]
            else:
                units = sum(map(self.cw.__getitem__, map(ord, text)))
            _WIDTHS[key] = units
        return len(text), units * font_size_pt * 0.001


@functools.cache
def _loaded(family: str, style: str, path: Path) -> TTFFont:
    """The font as fpdf2 loads it, read once per process and never drawn with (so it has used no glyphs)."""
    scratch = FPDF()
    scratch.add_font(family, style, str(path))
    return scratch.fonts[f"{family.lower()}{style}"]


def add_fonts(pdf: FPDF, family: str, files: Mapping[str, Path]) -> None:
    """pdf.add_font(family, style, path) for each style, from fonts read once per process, each measuring text
    with the faster width method. The document's text width cache starts empty."""
    _WIDTHS.clear()
    for style, path in files.items():
        # The tables read from the file (widths, glyph ids, character map, descriptor) never change once read, so
        # each document shares them; what drawing changes (the glyphs used, any missing) is the document's own.
        font = copy.copy(_loaded(family, style, path))
        font.ttfont = _font_file(path)
        font.subset = SubsetMap(font)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.i = len(pdf.fonts) + 1
        font.__class__ = _FasterTTFFont
        pdf.fonts[font.fontkey] = font


# Tables fpdf2 drops from every font it embeds (its own list, in fpdf/output.py): removed before it subsets the
# font, so that the subsetter does not read the large layout tables only to throw them away. And the old `kern`
# table, which the subsetter leaves out where the font has GPOS (DejaVu does): the embedded font stays the same.
_DROPPED = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "kern")


def _font_file(path: Path) -> ttLib.TTFont:
    """The document's own font file object, lazy as fpdf2 opens it: fpdf2 cuts it down in place when it writes."""
    font = ttLib.TTFont(str(path), recalcTimestamp=False, lazy=True)
    for tag in _DROPPED:
        if tag in font:
            del font[tag]
    return font


def count_lines(pdf: FPDF, text: str, width: float) -> int:
    """How many lines pdf.multi_cell(width, ..., text) takes in the current font, worked out as fpdf2 breaks lines
    (a line ends at its last space before it would overflow, else at the character that would; a newline ends one)
    but with one addition per character, for deciding what fits on a page. A test holds it to fpdf2's own count."""
    font = pdf.current_font
    if not isinstance(font, _FasterTTFFont) or pdf.text_shaping or pdf.char_spacing or pdf.font_stretching != 100:
        from fpdf.enums import MethodReturnValue

        return len(pdf.multi_cell(width, 1, text, dry_run=True, output=MethodReturnValue.LINES))
    cw = font.cw
    scale = pdf.font_size_pt * 0.001 / pdf.k  # font units to document units
    limit = width - 2 * pdf.c_margin
    lines = 0
    paragraphs = text.replace("\r", "").split("\n")
    if len(paragraphs) > 1 and not paragraphs[-1]:
        paragraphs.pop()  # a newline at the very end starts no line of its own
    for paragraph in paragraphs:
        lines += 1
        used, last_space, i, n = 0.0, -1, 0, len(paragraph)
        started = 0  # where the current line starts
        while i < n:
            char = paragraph[i]
            step = cw[ord(char)] * scale
            if used + step - limit > 1e-9:
                if char == " ":  # a space that would overflow ends the line and is dropped
                    i += 1
                elif last_space >= started:  # break at the line's last space
                    i = last_space + 1
                elif i == started:  # not one character fits: fpdf2 refuses, so let it say so
                    from fpdf.enums import MethodReturnValue

                    return len(pdf.multi_cell(width, 1, text, dry_run=True, output=MethodReturnValue.LINES))
                if i < n:
                    lines += 1
                used, started = 0.0, i
                continue
            if char == " ":
                last_space = i
            used += step
            i += 1
    return lines


# --- a line's width, kept as characters are added --------------------------------------------------------------

_FPDF_WIDTH = CurrentLine.width  # fpdf2's own: every fragment of the line measured again on every call


def _line_width(self: CurrentLine) -> float:
    """CurrentLine.width, worked out from the width last worked out when the line has only grown since.

    While fpdf2 builds a line it only appends characters to the last fragment; it trims or re-slices only at a
    break. So when the fragment list, its length and its last fragment are the ones measured last time and that
    fragment has only grown, the width is the last width plus the width of the characters added. Anything else,
    or shaped text (whose widths do not simply add up), is measured in full, as fpdf2 does.
    """
    fragments = self.fragments
    if not fragments:
        return 0.0
    last = fragments[-1]
    length = len(last.characters)
    seen = self.__dict__.get("_groupup_width")
    if (seen is not None and seen[0] is fragments and seen[1] == len(fragments) and seen[2] is last
            and seen[3] <= length and last.text_shaping_parameters is None):
        before, last_width = seen[4], seen[5]
        if seen[3] < length:
            last_width += last.get_width(start=seen[3], initial_cs=True)
    else:
        before = sum(f.get_width(initial_cs=i > 0) for i, f in enumerate(fragments[:-1]))
        last_width = last.get_width(initial_cs=len(fragments) > 1)
    self.__dict__["_groupup_width"] = (fragments, len(fragments), last, length, before, last_width)
    return before + last_width


def keep_line_widths(enabled: bool = True) -> None:
    """Use _line_width for fpdf2's CurrentLine.width (or, with enabled=False, fpdf2's own again, for tests)."""
    CurrentLine.width = property(_line_width) if enabled else _FPDF_WIDTH  # type: ignore[method-assign]


if fpdf.__version__ == "2.8.9":  # checked against this version's line breaking; another keeps its own
    keep_line_widths()
