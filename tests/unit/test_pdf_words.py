"""Text read from the PDF's tags keeps its words: where a line wraps, the last word of one line and the first of
the next are read as two words, as a screen reader (or `pdfinfo -struct-text`) reads them, not run together."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessment.answers import parse_answers
from assessment.content import get_content
from assessment.report import Document, Writer, build_pdf
from assessment.report.word_breaks import keep_break_spaces
from tests.unit.test_pdf_tags import workshop_bytes

CONTENT = get_content()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "urban_federation.json"

for tool in ("pdfinfo", "pdftotext"):
    if shutil.which(tool) is None:  # installed by `make test`; a machine without poppler cannot check this
        pytest.fail(f"{tool} (poppler-utils) is needed to read the PDF's text", pytrace=False)


def tagged_text(data: bytes, tmp: Path) -> list[tuple[str, str]]:
    """Each element's own text (its role, its text) as poppler reads it from the structure tree, in reading order.
    A figure is left out with all it holds: a reader reads out its alternative text instead."""
    path = tmp / "tagged.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    found: list[tuple[str, str]] = []
    roles: list[tuple[int, str]] = []  # the elements enclosing the current line, with their indentation
    for line in out.splitlines():
        indent, body = len(line) - len(line.lstrip()), line.strip()
        while roles and roles[-1][0] >= indent:
            roles.pop()
        if body.startswith('"'):
            if not any(role == "Figure" for _, role in roles):
                found.append((roles[-1][1] if roles else "", body[1:-1]))
        elif body:
            roles.append((indent, body.split(" ")[0].rstrip(":")))  # "TH: (block)" where it has attributes
    return found


def page_text(data: bytes, tmp: Path) -> str:
    path = tmp / "page.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def words(text: str) -> str:
    return " ".join(text.split())


def content_texts() -> list[str]:
    """Every sentence or longer text in the content, whitespace made single spaces."""
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

    walk(json.loads(CONTENT.model_dump_json()))
    return sorted({words(t) for t in found if len(t) > 60})


@dataclass
class Read:
    """One PDF as a screen reader reads it from its tags, and as pdftotext reads its pages."""

    tagged: list[tuple[str, str]]
    printed: str  # whitespace made single spaces

    @property
    def tagged_words(self) -> str:
        return words(" ".join(text for _, text in self.tagged))


def read(data: bytes, tmp: Path) -> Read:
    return Read(tagged_text(data, tmp), words(page_text(data, tmp)))


@pytest.fixture(scope="module")
def assessment_pdf(tmp_path_factory) -> Read:
    data = build_pdf(parse_answers(EXAMPLE.read_bytes()), CONTENT, today=dt.date(2026, 3, 1))
    return read(data, tmp_path_factory.mktemp("assessment"))


@pytest.fixture(scope="module")
def workshop_pdf(tmp_path_factory) -> Read:
    return read(workshop_bytes(), tmp_path_factory.mktemp("workshop"))


def botermarkt_fact() -> str:
    case = next(c for c in CONTENT.case_studies if c.id == "botermarkt")
    return next(p.note for p in case.principles if p.note and "multi-morbidity specially" in p.note)


def test_known_long_sentences_of_the_assessment_pdf_are_read_from_its_tags_with_their_spaces(assessment_pdf):
    example = json.loads(EXAMPLE.read_text())
    sentences = [CONTENT.structures_method.legal_caveat.text, botermarkt_fact(), example["actions"][0]["action"]]
    for sentence in sentences:
        assert sentence in assessment_pdf.printed  # on the page, line after line
        assert sentence in assessment_pdf.tagged_words  # and in the tags, each word whole


def test_known_long_sentences_of_the_workshop_pdf_are_read_from_its_tags_with_their_spaces(workshop_pdf):
    caveat = CONTENT.structures_method.legal_caveat.text
    assert caveat in workshop_pdf.printed and caveat in workshop_pdf.tagged_words
    question = next(q.text for q in CONTENT.readiness.questions if "(often multiple)" in q.text)
    assert ("TD", question) in workshop_pdf.tagged  # a table cell, read whole
    # pdftotext reads the next column's figures into the cell's lines, so on the page: each of its words
    assert all(word in workshop_pdf.printed.split() for word in question.split())


@pytest.mark.parametrize("which", ["assessment_pdf", "workshop_pdf"])
def test_every_content_text_printed_whole_is_read_whole_from_the_tags(which, request):
    pdf: Read = request.getfixturevalue(which)
    shown = [text for text in content_texts() if text in pdf.printed]
    assert len(shown) >= 5  # enough of the content is printed for this to mean something
    assert [text[:70] for text in shown if text not in pdf.tagged_words] == []


def test_every_word_read_from_the_assessment_pdf_s_tags_is_a_word_printed_on_its_pages(assessment_pdf):
    # Two words run together ("clinicaldesign") are no word on the page, where each line ends at a word. (The
    # workshop PDF's narrowest columns cut a long word such as "People" over two lines, which pdftotext then
    # reads as two words, so this holds for the assessment's wider columns only.)
    tagged = set(assessment_pdf.tagged_words.split())
    assert len(tagged) > 500
    assert sorted(tagged - set(assessment_pdf.printed.split())) == []


LONG = ("Practices that share a duty doctor, a clinical pharmacist and one shared patient record find that "
        "continuity of care and clinical design principles reinforce each other over the years")


def small_document(draw, tmp: Path) -> list[tuple[str, str]]:
    pdf = Document("Running title")
    pdf.describe("Words", "a test")
    pdf.add_page()
    draw(Writer(pdf))
    return tagged_text(bytes(pdf.output()), tmp)


def test_a_wrapped_heading_paragraph_list_item_label_and_table_cell_each_read_their_words_whole(tmp_path):
    def draw(w: Writer) -> None:
        w.heading(LONG, level=1)
        w.para(LONG)
        w.bullet(LONG)
        w.label_value("Answers last changed on", LONG)
        w.table(["Heading of a narrow column", "Text"], [[LONG, LONG]], widths=[1, 3])

    read = small_document(draw, tmp_path)
    assert ("H1", LONG) in read and ("P", LONG) in read and ("LBody", LONG) in read
    assert ("Lbl", "Answers last changed on") in read and ("LBody", LONG) in read
    assert ("TH", "Heading of a narrow column") in read
    assert [role for role, text in read if text == LONG].count("TD") == 2


def test_text_broken_by_a_newline_reads_as_separate_words(tmp_path):
    read = small_document(lambda w: w.para("First line.\nSecond line."), tmp_path)
    assert read == [("P", "First line. Second line.")]


def test_a_table_row_cut_by_page_breaks_reads_its_cell_whole_with_every_space(tmp_path):
    note = " ".join(f"point{n}" for n in range(700))

    def draw(w: Writer) -> None:
        w.table(["Principle", "Note"], [["1. Early access", note]], widths=[8, 2])

    read = small_document(draw, tmp_path)
    cell = [text for role, text in read if role == "TD"][1:]  # the note, in a piece for each page
    assert len(cell) >= 3 and "".join(cell) == note


def test_the_spaces_kept_at_line_ends_change_nothing_drawn_where_it_shows(tmp_path):
    def draw(w: Writer) -> None:
        w.heading(LONG, level=1)
        w.para(LONG)
        w.bullet(LONG)
        w.table(["Heading of a narrow column", "Text"], [[LONG, LONG]], widths=[1, 3])

    def png(data: bytes, name: str) -> bytes:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / name)],
                       check=True, timeout=60)
        return next(tmp_path.glob(f"{name}-*.png")).read_bytes()

    def document() -> bytes:
        pdf = Document("Running title")
        pdf.add_page()
        draw(Writer(pdf))
        return bytes(pdf.output())

    kept = document()
    keep_break_spaces(False)  # fpdf2's own line breaking, which drops them
    try:
        dropped = document()
    finally:
        keep_break_spaces()
    assert kept != dropped
    assert png(kept, "kept") == png(dropped, "dropped")
