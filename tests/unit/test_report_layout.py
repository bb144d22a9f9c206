"""The PDF's page layout: no page left holding only its header and footer, and a bullet never parted from its text."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.answers import parse_answers
from assessment.content import get_content
from assessment.report import Document, Writer, build_pdf

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
FOOTER = re.compile(r"^Page \d+ of \d+$")
BULLET_TEXT = "A point that reaches the foot of the page"


def body_lines(page, running_title: str) -> list[str]:
    """A page's lines of text without its running header and page-number footer."""
    lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
    return [line for line in lines
            if line and not FOOTER.match(line) and not running_title.startswith(line.rstrip("…").strip())]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_page_of_an_examples_summary_is_empty_apart_from_its_header_and_footer(example):
    answers = parse_answers(example.read_bytes())
    reader = PdfReader(io.BytesIO(build_pdf(answers, get_content())))
    running = f"Collaboration self-assessment summary — {answers.profile.display_name}"
    bare = []
    for number, page in enumerate(reader.pages, start=1):
        words = " ".join(body_lines(page, running))
        if len(re.sub(r"\W", "", words)) < 20 and not page.images:
            bare.append((number, words))
    assert bare == []


@pytest.mark.parametrize("room", [0.3, 1.0, 2.0, 3.0, 4.0, 4.5, 6.0, 9.0])
def test_a_bullet_near_the_foot_of_a_page_stays_with_its_text(room):
    pdf = Document("Running title")
    pdf.add_page()
    writer = Writer(pdf)
    pdf.set_y(pdf.h - pdf.b_margin - room)
    writer.bullet(BULLET_TEXT)
    writer.bullet("The next point")
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(bytes(pdf.output()))).pages]
    holding = [text for text in pages if BULLET_TEXT in text]
    assert len(holding) == 1 and re.search(r"•\s*" + BULLET_TEXT, holding[0])
    assert sum(text.count("•") for text in pages) == 2
    assert all(text.replace("Running title", "").replace("•", "").strip(" 0123456789ofPage") for text in pages[1:])


def _word_boxes(pdf: bytes, page: int) -> list[tuple[str, float, float, float, float]]:
    """Each word on a page with its box (x0, y0, x1, y1), as poppler's pdftotext -bbox reads it."""
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode()
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    return [(text, float(a), float(b), float(c), float(d)) for a, b, c, d, text in found]


def test_no_words_on_the_cover_print_over_each_other_when_the_answers_carry_a_date():
    import datetime as dt

    answers = parse_answers(EXAMPLES[0].read_bytes())
    answers.updated = dt.datetime(2026, 11, 30, 9, 30)
    boxes = _word_boxes(build_pdf(answers, get_content()), 1)
    assert any(word == "Respondent" for word, *_ in boxes) and any(word == "changed" for word, *_ in boxes)
    clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
    assert clashes == []
