"""The PDF's charts are drawn as vectors: sharp in print, their words real text, each one tagged figure, and their
bands apart in greyscale as well as in colour; the workshop PDF's charts too."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from assessment.answers import Answers
from assessment.comparison_charts import MARKED, UNMARKED, evidence_cases
from assessment.content import get_content
from assessment.findings import findings_for
from assessment.report import build_pdf, findings_charts
from assessment.report.layout import BODY_W, MARGIN, Document
from assessment.report.printed_charts import section_scores_figure
from assessment.report.vector_charts import Bar, BarsFigure, ScaleFigure, ScaleRow, draw_figure
from assessment.scoring import score
from assessment.workshop import Workshop, aggregate_participants, workshop_pdf
from assessment.workshop_charts import pdf_charts
from tests.unit.test_report import full_answers, require
from tests.unit.test_workshop_pdf import person

CONTENT = get_content()


@pytest.fixture(scope="module")
def full() -> tuple[Answers, bytes]:
    answers = full_answers(CONTENT)
    return answers, build_pdf(answers, CONTENT, today=dt.date(2026, 3, 1))


@pytest.fixture(scope="module")
def workshop() -> bytes:
    room = Workshop(id=1, name="Away day", join_code="ABCDE23456", sections=["principles"],
                    practices=["Ash Surgery", "Beech Practice"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, room.practices[i % 2], ("nurse", "gp_partner", "practice_manager")[i % 3], i, 1)
              for i in range(6)]
    agg = aggregate_participants(people, room.practices)
    return workshop_pdf(room, agg, {}, CONTENT, participants=people, charts=pdf_charts(room, agg, CONTENT))


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text as pdftotext reads it, whitespace made single spaces."""
    require("pdftotext")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def chart_pages(pdf: bytes, titles: list[str], tmp_path: Path) -> list[int]:
    texts = page_texts(pdf, tmp_path)
    return sorted({next(i for i, text in enumerate(texts) if title in text) for title in titles})


def drawing_operators(page: pikepdf.Page) -> set[str]:
    return {str(op) for _, op in pikepdf.parse_content_stream(page)}


def figures(pdf: bytes) -> list[str]:
    """The alt text of every /Figure in the structure tree."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        walk(doc.Root.StructTreeRoot.get("/K"))
    return found


def test_no_page_of_the_summary_holds_a_picture_and_the_chart_pages_are_drawn_in_shapes(full, tmp_path):
    answers, pdf = full
    titles = [c.title for c in findings_charts(findings_for(answers, CONTENT), CONTENT)]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert [page.get_images() for page in doc.pages if page.get_images()] == []
        for index in chart_pages(pdf, titles, tmp_path):
            ops = drawing_operators(doc.pages[index])
            assert {"re", "f", "c", "l"} <= ops, f"page {index + 1} draws no rectangles, curves or lines"


def test_each_chart_is_one_tagged_figure_read_out_by_its_alt_text(full):
    answers, pdf = full
    alts = [c.alt_text for c in findings_charts(findings_for(answers, CONTENT), CONTENT)]
    assert [alt for alt in figures(pdf) if alt in alts] == alts


def test_the_charts_words_are_text_in_the_pdf_axes_legends_rows_and_columns_whole(full, tmp_path):
    answers, pdf = full
    summary = score(answers, CONTENT)
    texts = page_texts(pdf, tmp_path)
    charts = " ".join(texts[i] for i in chart_pages(pdf, ["Design principles: where you are now",
                                                           "Case studies that exemplify", "Scale: your practice"],
                                                     tmp_path))
    for words in ["Level (0 = not in place, 4 = fully in place)", "Score (0 to 100)", "Area of concern", "Developing",
                  "Strength", "Band", "Now", "Target", "You now", "Your target", MARKED, UNMARKED, "Case study",
                  "Your level (0-4)", "Population served (log scale)", "You", "Your practices", "Not sure", "10k",
                  "1M"]:
        assert words in charts, words
    for p in summary.principles:
        assert f"{p.number}. {p.title}" in charts
    for name in evidence_cases(CONTENT):
        assert name in charts  # written upwards above its column, whole


def test_a_long_row_label_is_wrapped_onto_more_lines_rather_than_cut_short(tmp_path):
    name = "The Very Long Named Health Centre of the Northern Fells and Dales Partnership (Super-partnership)"
    pdf = Document("test")
    pdf.add_page()
    figure = ScaleFigure(rows=[ScaleRow(label=name, value=16_000), ScaleRow(label="Ash (Network)", value=9e5)],
                         axis_title="Population served (log scale)", you_colour="#D5281B", other_colour="#4C6272")
    draw_figure(pdf, figure, MARGIN, 30, 90)  # narrow, so the label must wrap
    text = " ".join(page_texts(bytes(pdf.output()), tmp_path))
    assert name in text and "…" not in text


def _grey_runs(pgm: bytes, x: int) -> list[int]:
    """The grey of each run of at least five identical pixels darker than the grid lines, down column x, top first."""
    image = Image.open(io.BytesIO(pgm))  # pdftoppm -gray writes a greyscale PGM
    assert image.mode == "L"
    column = [image.getpixel((x, y)) for y in range(image.height)]
    runs, start = [], 0
    for y in range(1, len(column) + 1):
        if y == len(column) or column[y] != column[start]:
            if y - start >= 5 and column[start] < 210:
                runs.append(column[start])
            start = y
    return runs


def test_the_three_bands_print_as_three_clearly_different_greys(tmp_path):
    require("pdftoppm")
    summary = score(Answers(), CONTENT)
    swatches = section_scores_figure(summary).legend  # the band colours the PDF's section chart uses
    assert [s.label for s in swatches] == ["Area of concern", "Developing", "Strength"]
    pdf = Document("test")
    pdf.add_page()
    draw_figure(pdf, BarsFigure(rows=[Bar(label="", value=100, colour=s.colour) for s in swatches],
                                axis_title="Score"), MARGIN, 30, BODY_W)
    path = tmp_path / "bands.pdf"
    path.write_bytes(bytes(pdf.output()))
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", str(path)],
                         capture_output=True, check=True, timeout=60).stdout
    # Down the middle of the page: the three bars, top to bottom (the legend's swatches come after them).
    concern, developing, strength = _grey_runs(pgm, round(105 / 25.4 * 50))[:3]
    assert strength < concern < developing  # dark green darkest, red mid grey, yellow lightest
    assert min(concern - strength, developing - concern) >= 40, (strength, concern, developing)


def test_the_workshop_pdf_draws_its_charts_as_vectors_with_their_words_as_text(workshop, tmp_path):
    titles = ["Where people place each principle", "Where people want each principle to be",
              "Median level by practice"]
    with pikepdf.open(io.BytesIO(workshop)) as doc:
        assert [page.get_images() for page in doc.pages if page.get_images()] == []
        for index in chart_pages(workshop, titles, tmp_path):
            assert {"re", "f", "c"} <= drawing_operators(doc.pages[index])
    texts = page_texts(workshop, tmp_path)
    charts = " ".join(texts[i] for i in chart_pages(workshop, titles, tmp_path))
    for words in ["Current level (0 to 4)", "Target level (0 to 4)", "Views within 1 level", "Views 2+ levels apart",
                  "Median level", "Design principle", "Ash Surgery", "Beech Practice"]:
        assert words in charts, words
    assert [alt for alt in figures(workshop) if alt.startswith(("For each principle", "Each practice's"))] == [
        "For each principle, how many people chose each level, with the median marked.",
        "For each principle, how many people chose each target level, with the median marked.",
        "Each practice's median current level for each of the twelve principles."]


def test_a_heatmap_of_thirty_practices_goes_over_two_pages_each_part_above_the_page_foot(tmp_path):
    require("pdftoppm")
    names = [f"Practice {i} of the Northern Fells" for i in range(30)]
    room = Workshop(id=1, name="Big day", join_code="ABCDE23456", practices=names, sections=["principles"],
                    created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(i, names[i % 30], ("nurse", "gp_partner", "practice_manager")[i // 30], i % 5, 1)
              for i in range(90)]
    agg = aggregate_participants(people, room.practices)
    pdf = workshop_pdf(room, agg, {}, CONTENT, participants=people, charts=pdf_charts(room, agg, CONTENT))
    alt = "Each practice's median current level for each of the twelve principles."
    assert [a for a in figures(pdf) if a.startswith(alt[:-1])] == [f"{alt} (part 1 of 2)", f"{alt} (part 2 of 2)"]
    texts = page_texts(pdf, tmp_path)
    first = next(i for i, text in enumerate(texts) if "Median level by practice" in text)
    assert all(name in texts[first] + texts[first + 1] for name in names)
    path = tmp_path / "room.pdf"
    path.write_bytes(pdf)
    for page in (first + 1, first + 2):
        pgm = subprocess.run(["pdftoppm", "-gray", "-r", "50", "-f", str(page), "-l", str(page), str(path)],
                             capture_output=True, check=True, timeout=60).stdout
        image = Image.open(io.BytesIO(pgm))
        foot = [image.getpixel((x, y)) for x in range(image.width)
                for y in range(round(280 / 25.4 * 50), round(284 / 25.4 * 50))]  # the bottom margin, above the footer
        assert min(foot) > 240, f"page {page} draws into its bottom margin"


@pytest.fixture(scope="module")
def urban_federation() -> tuple[Answers, bytes]:
    answers = Answers.model_validate_json((Path(__file__).parents[2] / "examples" / "urban_federation.json").read_text())
    return answers, build_pdf(answers, CONTENT, today=dt.date(2026, 3, 1))


def test_in_the_example_federations_pdf_every_scale_label_and_legend_entry_is_printed_whole(urban_federation, tmp_path):
    from assessment.report.printed_charts import scale_figure

    answers, pdf = urban_federation
    figure = scale_figure(findings_for(answers, CONTENT))
    require("pdftotext")
    path = tmp_path / "uf.pdf"
    path.write_bytes(pdf)
    # -raw keeps the drawing order, so a wrapped label's lines stay together (-layout slots the "You" mark between).
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    page = next(p for p in raw.split("\f") if "Scale: your practice" in p)
    words = " ".join(page.split())
    cut = [row.label for row in figure.rows if " ".join(row.label.split()) not in words]
    assert not cut, f"labels not printed whole: {cut}"
    assert "…" not in page.split("Scale: your practice", 1)[1]
    assert figure.you_legend in words and figure.other_legend in words
    # Its two kinds of mark differ in colour (the drawing also gives the practice a diamond, the rest circles).
    assert figure.you_colour.lower() != figure.other_colour.lower()

