"""The tagged PDF (issue 12): a screen reader finds the headings, paragraphs, lists, tables and figures of a
self-assessment's and a workshop's PDF in its structure tree, in reading order, and no text outside it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.report import Document, Writer, build_pdf
from assessment.scoring import BANDS
from assessment.workshop import Consensus, Participant, Workshop, aggregate_participants, plan_item, workshop_pdf
from assessment.workshop_charts import pdf_charts

CONTENT = get_content()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "urban_federation.json"
TITLE = "Collaboration self-assessment summary"
# Operators that put something on the page: showing text, painting a path, drawing an image or a shading.
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh"}


@dataclass
class Node:
    """A structure element as a reader meets it: its role, its own marked content and its children, in order."""

    role: str
    alt: str | None
    scope: str | None
    items: list[Node | tuple[int, int]] = field(default_factory=list)  # a child, or (page index, MCID)

    def kids(self) -> list[Node]:
        return [item for item in self.items if isinstance(item, Node)]

    def walk(self):
        yield self
        for kid in self.kids():
            yield from kid.walk()

    def marks(self) -> list[tuple[int, int]]:
        return [m for item in self.items for m in (item.marks() if isinstance(item, Node) else [item])]


@dataclass
class Tagged:
    tree: Node
    text: dict[tuple[int, int], str]  # (page index, MCID) → the text drawn in it
    untagged: list[tuple[int, str]]  # (page index, text) drawn neither in the tree nor as an artifact
    artifact_text: list[str]
    parent_tree: dict[tuple[int, int], pikepdf.Object]  # (page index, MCID) → element, as the ParentTree says
    element_of: dict[tuple[int, int], pikepdf.Object]  # (page index, MCID) → the element whose /K holds it
    data: bytes
    pdf: pikepdf.Pdf  # kept open: the pikepdf objects above belong to it

    def text_of(self, node: Node) -> str:
        return " ".join(" ".join(self.text.get(mark, "") for mark in node.marks()).split())

    def all(self, role: str) -> list[Node]:
        return [node for node in self.tree.walk() if node.role == role]


def read_tree(data: bytes) -> Tagged:
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    element_of: dict[tuple[int, int], pikepdf.Object] = {}

    def node(elem: pikepdf.Object) -> Node:
        attrs = elem.get("/A")
        made = Node(str(elem["/S"])[1:], str(elem["/Alt"]) if "/Alt" in elem else None,
                    str(attrs["/Scope"])[1:] if attrs is not None and "/Scope" in attrs else None)
        home = pages.get(elem["/Pg"].objgen) if "/Pg" in elem else None
        kids = elem.get("/K")
        for kid in [] if kids is None else kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                mark = (home, int(kid))
            elif kid.get("/Type") == "/MCR":
                mark = (pages[kid["/Pg"].objgen], int(kid["/MCID"]))
            else:
                made.items.append(node(kid))
                continue
            element_of[mark] = elem
            made.items.append(mark)
        return made

    root = pdf.Root.StructTreeRoot
    tree = node(root["/K"][0] if isinstance(root["/K"], pikepdf.Array) else root["/K"])
    nums = root.ParentTree["/Nums"]
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    parent_tree = {}
    for index, page in enumerate(pdf.pages):
        if "/StructParents" in page.obj:
            for mcid, elem in enumerate(by_key[int(page.obj.StructParents)]):
                parent_tree[(index, mcid)] = elem

    text: dict[tuple[int, int], list[str]] = {}
    untagged: list[tuple[int, str]] = []
    artifact_text: list[str] = []
    for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        stack: list[tuple[str, int | None]] = []

        def before(op, args, cm, tm, stack=stack):
            if op == b"BDC":
                props = args[1]
                stack.append((str(args[0]), int(props["/MCID"]) if "/MCID" in props else None))
            elif op == b"BMC":
                stack.append((str(args[0]), None))
            elif op == b"EMC":
                stack.pop()

        def on_text(chunk, cm, tm, font, size, stack=stack, index=index):
            if not chunk.strip():
                return
            mcid = next((m for _, m in reversed(stack) if m is not None), None)
            if mcid is not None:
                text.setdefault((index, mcid), []).append(chunk)
            elif any(tag == "/Artifact" for tag, _ in stack):
                artifact_text.append(chunk)
            else:
                untagged.append((index, chunk))

        page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    return Tagged(tree, {k: " ".join(" ".join(v).split()) for k, v in text.items()}, untagged, artifact_text,
                  parent_tree, element_of, data, pdf)


def painted_outside_marked_content(data: bytes) -> list[tuple[int, str]]:
    """Every operator that paints something and is in no marked-content sequence (tagged or artifact)."""
    outside = []
    for index, page in enumerate(pikepdf.open(io.BytesIO(data)).pages):
        depth = 0
        for _, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
            elif op == "EMC":
                depth -= 1
            elif op in PAINTING and depth == 0:
                outside.append((index, op))
    return outside


def person(number: int, practice: str, role: str, level: int) -> Participant:
    answers = Answers(readiness={q.id: number % 3 for q in CONTENT.readiness.questions})
    for n in range(1, 13):
        answers.principles[n] = PrincipleAnswer(current=(level + n) % 4, target=4)
    return Participant(id=number, workshop_id=1, practice=practice, role=role, answers=answers,
                       updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


def workshop_bytes() -> bytes:
    workshop = Workshop(id=1, name="North away-day", join_code="ABCDE23456", practices=["Ash Surgery", "Beech"],
                        sections=["readiness", "principles"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    people = [person(1, "Ash Surgery", "nurse", 0), person(2, "Ash Surgery", "gp_partner", 2),
              person(3, "Beech", "practice_manager", 1)]
    agg = aggregate_participants(people, workshop.practices)
    agreed = {n: Consensus(principle=n, level=1, target=3) for n in range(1, 4)}
    plan = [plan_item("Share a duty doctor rota", principle=1, owner="Dr Ash", due=dt.date(2026, 5, 1))]
    return workshop_pdf(workshop, agg, agreed, CONTENT, participants=people,
                        charts=pdf_charts(workshop, agg, CONTENT), plan=plan)


@pytest.fixture(scope="module")
def assessment() -> Tagged:
    answers = parse_answers(EXAMPLE.read_bytes())
    return read_tree(build_pdf(answers, CONTENT, today=dt.date(2026, 3, 1)))


@pytest.fixture(scope="module")
def workshop() -> Tagged:
    return read_tree(workshop_bytes())


@pytest.fixture(params=["assessment", "workshop"])
def either(request) -> Tagged:
    return request.getfixturevalue(request.param)


def outline_titles(data: bytes) -> list[str]:
    return [item.title for item in PdfReader(io.BytesIO(data)).outline]


def test_the_section_headings_are_h1s_in_the_order_of_the_pages_with_the_section_titles_as_their_text(assessment):
    h1 = [assessment.text_of(n) for n in assessment.all("H1")]
    # The title heads page 1 and the cover; every other H1 is a section of the bookmarks, in the same order.
    assert h1 == [TITLE, "What to do next", TITLE] + outline_titles(assessment.data)[1:]
    order = ["Headline scores", "Charts", "Gaps, ranked", "Learn from the case studies",
             "Structures and legal forms that might fit", "Action plan", "Appendix: sources and method"]
    assert [t for t in h1 if t in order] == order
    headings = [(n.role, assessment.text_of(n)) for n in assessment.tree.kids() if n.role in ("H1", "H2", "H3")]
    scores = headings.index(("H1", "Headline scores"))
    assert headings[scores + 1:scores + 3] == [("H2", "What the bands mean"),
                                               ("H2", "Design principles: current and target levels")]
    assert ("H2", "Your top priorities") in headings


def test_no_heading_level_is_skipped_so_a_reader_s_list_of_headings_nests(either):
    levels = [int(n.role[1]) for n in either.tree.kids() if n.role[0] == "H" and n.role[1:].isdigit()]
    assert levels[0] == 1
    assert [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1] == []
    assert 3 in levels  # deeper levels are kept where they follow on


def test_the_workshop_pdf_has_its_group_sections_as_h1_headings(workshop):
    h1 = [workshop.text_of(n) for n in workshop.all("H1")]
    assert h1 == ["Workshop: North away-day"] + outline_titles(workshop.data)  # the cover's title, then sections
    for title in ("Workshop results", "The group's gaps, from its agreed levels", "The group's action plan",
                  "How the room answered: " + CONTENT.readiness.title):
        assert title in h1


def test_every_table_has_a_header_row_of_th_cells_with_column_scope_and_then_rows_of_td_cells(either):
    tables = either.all("Table")
    assert tables
    for table in tables:
        rows = table.kids()
        assert all(row.role == "TR" for row in rows) and len(rows) >= 2
        assert [(c.role, c.scope) for c in rows[0].kids()] == [("TH", "Column")] * len(rows[0].kids())
        for row in rows[1:]:
            assert [c.role for c in row.kids()] == ["TD"] * len(rows[0].kids())


def test_a_table_reads_its_headers_and_cells_as_printed(assessment):
    scores = next(t for t in assessment.all("Table")
                  if assessment.text_of(t.kids()[0].kids()[0]) == "Section")
    assert [assessment.text_of(c) for c in scores.kids()[0].kids()] == ["Section", "Score (0–100)", "Band",
                                                                        "Answered"]
    first = [assessment.text_of(c) for c in scores.kids()[1].kids()]
    assert first[0] == CONTENT.readiness.title


def test_the_workshop_tables_read_the_agreed_levels_and_the_plan(workshop):
    cells = [workshop.text_of(c) for t in workshop.all("Table") for row in t.kids() for c in row.kids()]
    assert "Agreed now" in cells and "Share a duty doctor rota" in cells and "Dr Ash" in cells


def test_bullets_in_a_row_are_one_list_of_items_each_with_its_mark_and_its_text(assessment):
    bands = next(n for n in assessment.all("L")
                 if any(BANDS[0].meaning.split()[0] in assessment.text_of(item) for item in n.kids()))
    items = bands.kids()
    assert len(items) == len(BANDS)
    for item, band in zip(items, BANDS, strict=True):
        assert [k.role for k in item.kids()] == ["Lbl", "LBody"]
        assert assessment.text_of(item.kids()[0]) == "•"
        assert assessment.text_of(item.kids()[1]).startswith(f"{band.label} ({band.low} to ")


def test_every_figure_has_alternative_text(either):
    figures = either.all("Figure")
    assert figures
    assert all(f.alt and f.alt.strip() for f in figures)


def test_the_charts_are_figures_read_out_by_their_descriptions(assessment):
    alts = [f.alt for f in assessment.all("Figure")]
    assert any(alt.startswith("One bar per section") for alt in alts)
    assert len(alts) == 4  # the example practice has a level, a score, case studies and a list size to chart


def test_the_tree_reads_the_content_in_the_order_it_is_printed_page_by_page(either):
    marks = either.tree.marks()
    assert len(marks) > 100 and marks == sorted(marks)  # drawn top to bottom, so page and MCID order is print order


def test_every_piece_of_marked_content_belongs_to_the_element_the_parent_tree_names(either):
    assert either.element_of  # (page, MCID) pairs the tree reaches
    assert set(either.parent_tree) == set(either.element_of)
    assert all(either.parent_tree[m].objgen == either.element_of[m].objgen for m in either.element_of)
    assert set(either.text) <= set(either.element_of)  # no text in an MCID the tree does not reach


def test_no_text_is_drawn_outside_the_tree_except_the_running_header_and_page_numbers(either):
    assert either.untagged == []
    assert any(t.startswith("Page 2 of") for t in either.artifact_text)
    assert not any(t.startswith("Page ") for t in either.text.values())


def test_nothing_is_painted_outside_marked_content(either):
    assert painted_outside_marked_content(either.data) == []


def test_the_tagged_text_is_the_page_text_without_header_and_footer(assessment):
    tagged = " ".join(assessment.text_of(n) for n in assessment.tree.kids())
    for words in ("What to do next", "Gaps, ranked", "Appendix: sources and method", "Page 1 of"):
        assert (words in tagged) == (words != "Page 1 of")


def test_the_pdf_is_marked_and_names_its_language_and_title(either):
    pdf = pikepdf.open(io.BytesIO(either.data))
    assert bool(pdf.Root.MarkInfo.Marked) and str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) in (TITLE, "Workshop: North away-day")


def test_qpdf_finds_no_errors(either, tmp_path):
    path = tmp_path / "tagged.pdf"
    path.write_bytes(either.data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def small_document(draw) -> Tagged:
    pdf = Document("Running title")
    pdf.describe("Tags", "a test")
    pdf.add_page()
    draw(Writer(pdf))
    return read_tree(bytes(pdf.output()))


def test_a_paragraph_cut_by_a_page_break_is_one_element_that_goes_on_on_the_next_page():
    long = " ".join(f"word{n}" for n in range(400))

    def draw(w: Writer) -> None:
        w.pdf.set_y(w.pdf.h - w.pdf.b_margin - 12)
        w.para(long)

    doc = small_document(draw)
    (para,) = doc.all("P")
    assert [page for page, _ in para.marks()] == [0, 1]
    assert doc.text_of(para) == long and doc.untagged == []
    elem = next(e for e in doc.element_of.values() if str(e["/S"]) == "/P")
    second = elem["/K"][1]  # on another page than the element's /Pg: a reference that names its page
    assert second["/Type"] == "/MCR" and second["/Pg"].objgen == doc.pdf.pages[1].obj.objgen


def test_a_table_over_two_pages_repeats_its_header_row_as_an_artifact_not_as_a_second_header():
    rows = [[f"Row {n}", f"Value {n}"] for n in range(50)]
    doc = small_document(lambda w: w.table(["Name", "Value"], rows))
    (table,) = doc.all("Table")
    assert len(table.kids()) == 51
    assert sum(1 for row in table.kids() if row.kids()[0].role == "TH") == 1
    assert [doc.text_of(c) for c in table.kids()[-1].kids()] == ["Row 49", "Value 49"]
    assert {page for page, _ in table.marks()} == {0, 1}
    assert "Name" in doc.artifact_text  # drawn again at the top of page 2, for sight only


def test_drawing_inside_a_figure_is_the_figure_alone():
    def draw(w: Writer) -> None:
        with w.figure("Two bars, the first twice as long"):
            w.pdf.rect(20, 40, 80, 5, style="F")
            w.para("A label inside the chart")
        w.para("After the chart")

    doc = small_document(draw)
    assert [n.role for n in doc.tree.kids()] == ["Figure", "P"]
    assert doc.text_of(doc.tree.kids()[0]) == "A label inside the chart"
    assert doc.tree.kids()[0].alt == "Two bars, the first twice as long"


def rects_below_the_bottom_margin(data: bytes) -> list[int]:
    """Pages with a rectangle (a table cell's border) that runs into the bottom margin."""
    pdf = pikepdf.open(io.BytesIO(data))
    margin = 18 * 72 / 25.4 - 0.01  # points: MARGIN
    return [index for index, page in enumerate(pdf.pages) for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "re" and min(float(operands[1]), float(operands[1]) + float(operands[3])) < margin]


def test_a_table_row_too_tall_for_a_page_goes_on_over_the_next_pages_within_the_margins():
    note = " ".join(f"point{n}" for n in range(700))  # as long as a workshop's agreed note may be
    def draw(w: Writer) -> None:
        w.para("Before the table")
        w.table(["Principle", "Note"], [["1. Early access", note], ["2. Next", "ok"]], widths=[8, 2])

    doc = small_document(draw)
    (table,) = doc.all("Table")
    _, long_row, last = table.kids()
    assert doc.text_of(long_row.kids()[1]) == note  # read whole, as one cell
    assert len({page for page, _ in long_row.kids()[1].marks()}) >= 3
    assert long_row.kids()[0].marks()[0][0] == 0  # it starts on the first page, under the table's header row
    assert [doc.text_of(c) for c in last.kids()] == ["2. Next", "ok"]
    assert rects_below_the_bottom_margin(doc.data) == [] and doc.untagged == []
