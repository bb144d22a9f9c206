"""Fonts read once per process and text measured faster: the same widths and line counts as fpdf2's own."""

from __future__ import annotations

import json

import pytest
from fpdf.enums import MethodReturnValue
from fpdf.fonts import TTFFont

from assessment.content import get_content
from assessment.report.fast_text import count_lines, keep_line_widths
from assessment.report.layout import FONT, Document, clean


def _texts() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(get_content().model_dump_json()))
    awkward = ["", " ", "a\n", "\n", "\n\n", "a\n\nb", "x" * 300, "word " * 50, "  two  spaces  here  ",
               "Dr " + "Longname" * 12 + " end", "St Mary's & Dr Ó'Brien — \"Northside\" £", "a " * 100]
    # Each distinct sentence or longer text once (ids and one-word labels add nothing but time), and the awkward.
    return sorted({clean(t) for t in found if len(t) > 60 and " " in t}) + [clean(t) for t in awkward]


TEXTS = _texts()
LAYOUTS = [(10, "", 174), (9, "B", 45), (8, "", 30)]  # a paragraph, a bold label, a narrow table column


@pytest.fixture(scope="module")
def pdf():
    document = Document("test")
    document.add_page()
    return document


@pytest.mark.parametrize(("size", "style", "width"), LAYOUTS)
def test_every_content_text_takes_as_many_lines_as_fpdf2_itself_would_break_it_into(pdf, size, style, width):
    pdf.set_font(FONT, style, size)
    differ = [text[:60] for text in TEXTS
              if count_lines(pdf, text, width)
              != len(pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES))]
    assert differ == []


def test_the_faster_fonts_measure_every_text_exactly_as_fpdf2_does(pdf):
    for style in ("", "B"):
        pdf.set_font(FONT, style, 9.5)
        font = pdf.current_font
        assert type(font) is not TTFFont  # the faster measure is in use
        # Line by line, as fpdf2 measures while it breaks lines: each text one character longer than the last.
        differ = [text[:60] for text in TEXTS for end in range(1, len(text) + 1)
                  if font.get_text_width(text[:end], 9.5, None) != TTFFont.get_text_width(font, text[:end], 9.5, None)]
        assert differ == []


def test_each_document_has_its_own_copy_of_each_font_and_its_own_font_file():
    first, second = Document("one"), Document("two")
    for key in first.fonts:
        assert first.fonts[key] is not second.fonts[key]
        assert first.fonts[key].ttfont is not second.fonts[key].ttfont  # fpdf2 cuts it down in place on output
        assert first.fonts[key].subset is not second.fonts[key].subset


def test_a_line_measured_as_it_grows_breaks_every_text_where_fpdf2_itself_breaks_it(pdf):
    def lines_of(text: str) -> list[str]:
        return pdf.multi_cell(60, 5, text, dry_run=True, output=MethodReturnValue.LINES)

    pdf.set_font(FONT, "", 9)
    ours = [lines_of(text) for text in TEXTS]
    keep_line_widths(False)  # fpdf2's own CurrentLine.width
    try:
        theirs = [lines_of(text) for text in TEXTS]
    finally:
        keep_line_widths()
    assert ours == theirs
