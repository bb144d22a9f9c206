"""The PDF summary: valid, readable text in any script, every section present, nothing overflowing the page."""

import datetime as dt
import io
import os
import shutil
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from assessment.actions import action_from_suggestion, add_action, cite_text, make_action, suggest_actions
from assessment.answers import Answers, Practice, PrincipleAnswer
from assessment.charts import score_text
from assessment.compare import evidence_matrix, exemplars_for, learn_from, scale_points
from assessment.content import get_content
from assessment.report import (
    MARGIN,
    ReportSection,
    ReportTable,
    build_pdf,
    clean,
    report_charts,
)
from assessment.scoring import score

ODD_NAME = "St Mary's & Dr Ó'Brien — \"Northside\" £"
MARKUP = "**not bold** __not underlined__ <b>not html</b> [not a link](http://example.com) $x$"
LEGAL_CAVEAT = get_content().structures_method.legal_caveat.plain


def require(tool: str) -> None:
    """CI installs the PDF tools (.ci/run), so there a missing tool is a failure, not a skip."""
    if shutil.which(tool):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing, but CI installs it")
    pytest.skip(f"{tool} is not installed here")


def full_answers(content) -> Answers:
    """Every question and principle answered, two practices, and an action plan with awkward text."""
    answers = Answers()
    answers.profile.practices = [Practice(name=ODD_NAME, list_size=9800, gp_partners=5, setting="urban",
                                          contracts=["gms"]),
                                 Practice(name="Riverside Surgery", list_size=6200, setting="rural", contracts=["pms"])]
    answers.profile.respondent_role = "practice_manager"
    answers.profile.aims = [a.id for a in content.aims][:3]
    for section in (content.readiness, content.components):
        top = len(section.scale) - 1
        given = {q.id: i % (top + 1) for i, q in enumerate(section.questions)}
        given[section.questions[0].id] = "not_sure"
        setattr(answers, section.id, given)
    for p in content.principles:
        current = p.number % 3
        answers.principles[p.number] = PrincipleAnswer(current=current, target=min(4, current + 1 + p.number % 2),
                                                       note=f"Note on {p.title}")
    answers.principles[12] = PrincipleAnswer(not_sure=True)
    for number in (1, 2, 4):
        add_action(answers, make_action(f"Close the gap on principle {number} with the neighbours",
                                        principle=number, owner=f"Owner {number} Ó'Brien",
                                        due=dt.date(2026, number, 15)))
    for number in range(1, 13):
        suggestions = suggest_actions(number, content)
        if suggestions:
            add_action(answers, action_from_suggestion(suggestions[0]))
            break
    add_action(answers, make_action(MARKUP, owner="Dr " + "Longname" * 12))
    answers.updated = dt.datetime(2026, 2, 3, 10, 0, tzinfo=dt.UTC)
    return answers


@pytest.fixture(scope="module")
def content():
    return get_content()


@pytest.fixture(scope="module")
def full(content):
    answers = full_answers(content)
    return answers, build_pdf(answers, content, today=dt.date(2026, 3, 1))


@pytest.fixture(scope="module")
def empty_pdf(content):
    return build_pdf(Answers(), content)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture(scope="module")
def full_text(full):
    return text_of(full[1])


@pytest.mark.parametrize("which", ["full", "empty"])
def test_a_full_and_an_empty_assessment_both_export_a_pdf_that_qpdf_passes(which, full, empty_pdf, tmp_path):
    require("qpdf")
    path = tmp_path / f"{which}.pdf"
    path.write_bytes(full[1] if which == "full" else empty_pdf)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_text_holds_the_practice_name_with_its_apostrophes_accent_dash_quotes_and_pound_sign(full_text):
    assert ODD_NAME in full_text


def test_the_text_names_every_practice_in_a_group(full_text):
    assert "Riverside Surgery" in full_text


def test_the_text_holds_every_design_principle_title(content, full_text):
    missing = [p.title for p in content.principles if " ".join(p.title.split()) not in full_text]
    assert missing == []


def test_the_text_holds_every_action_and_its_owner(full, full_text):
    answers, _ = full
    for action in answers.actions:
        assert " ".join(action.action.split()) in full_text
    assert "Owner 4 Ó'Brien" in full_text


def test_markup_typed_by_the_user_is_printed_as_typed(full_text):
    assert MARKUP in full_text


def test_the_cover_gives_the_date_and_the_respondent_role(full):
    cover = " ".join(PdfReader(io.BytesIO(full[1])).pages[0].extract_text().split())
    assert "1 March 2026" in cover and "Practice manager" in cover and ODD_NAME in cover


def test_every_page_is_a4_and_numbered(full):
    pages = PdfReader(io.BytesIO(full[1])).pages
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
        assert f"Page {number} of {len(pages)}" in page.extract_text()


def test_headline_scores_are_given_with_their_bands(content, full_text):
    assert "Headline scores" in full_text
    assert content.readiness.title in full_text
    assert any(band in full_text for band in ("Area of concern", "Developing", "Strength"))


def test_ranked_gaps_name_their_priority(full_text):
    assert "Gaps, ranked" in full_text and "Why it ranks here" in full_text
    assert "High" in full_text or "Medium" in full_text


def test_the_structures_section_carries_the_legal_caveat(full_text):
    assert "Structures and legal forms" in full_text
    assert LEGAL_CAVEAT in full_text


def test_the_appendix_lists_every_source_by_title(content, full_text):
    assert "Appendix: sources and method" in full_text
    for source in content.sources:
        assert " ".join(source.title.split()) in full_text


def test_the_method_document_is_included_when_present(content):
    pdf = build_pdf(Answers(), content, method="# How we score\n\nScores run from **zero** to a hundred.\n\n"
                                               "- one point\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    text = text_of(pdf)
    assert "How we score" in text and "Scores run from zero to a hundred." in text and "one point" in text


def test_an_empty_assessment_says_what_is_missing_rather_than_failing(empty_pdf):
    text = text_of(empty_pdf)
    assert "Unnamed practice" in text and "No gaps yet" in text and "No actions recorded yet" in text


def test_every_page_renders_with_pdftoppm(full, tmp_path):
    require("pdftoppm")
    path = tmp_path / "summary.pdf"
    path.write_bytes(full[1])
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True, timeout=120)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(PdfReader(io.BytesIO(full[1])).pages)
    for png in pngs:
        with Image.open(png) as img:
            assert img.size[0] > 100 and img.getextrema() != ((255, 255), (255, 255), (255, 255))


def test_a_very_long_unbroken_name_stays_inside_the_right_margin(content, tmp_path):
    require("pdftoppm")
    answers = Answers()
    answers.profile.practices = [Practice(name="W" * 200)]
    path = tmp_path / "long.pdf"
    path.write_bytes(build_pdf(answers, content))
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "40", "-f", "1", "-l", "2", str(path), str(tmp_path / "p")],
                   check=True, timeout=60)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2
    for png in pngs:
        with Image.open(png) as img:
            width, height = img.size
            margin_px = int(width * (MARGIN - 4) / 210)
            strip = img.convert("L").crop((width - margin_px, 0, width, height))
            assert strip.getextrema()[0] > 200, f"ink in the right margin of {png.name}"


def test_text_the_fonts_cannot_draw_is_replaced_and_control_characters_dropped():
    assert clean("a\x00b\x07c\u202ed中\r\ne") == "abcd\ufffd\ne"
    assert clean("O\u0301") == "Ó"


def test_an_emoji_the_fonts_cannot_draw_prints_as_its_name_not_a_replacement_mark():
    assert clean("🏥 team") == "[hospital] team"
    assert clean("👍🏽 agreed") == "[thumbs up sign] agreed"  # the skin tone, which only changes the look, is dropped
    assert "\ufffd" not in clean("👩🏽\u200d⚕️ nurse")


def test_an_emoji_in_a_note_reaches_the_pdf_by_name(content):
    answers = Answers(principles={1: PrincipleAnswer(current=1, target=3, note="Named GP 🏥 for every patient")})
    text = text_of(build_pdf(answers, content))
    assert "Named GP [hospital] for every patient" in text
    assert "\ufffd" not in text


def test_an_unsupported_character_in_a_name_does_not_stop_the_export(content):
    answers = Answers()
    answers.profile.practices = [Practice(name="Practice 中 \u202eevil")]
    assert "Practice" in text_of(build_pdf(answers, content))


def test_extra_sections_come_after_the_action_plan_and_before_the_appendix(content):
    extra = ReportSection(title="Workshop results", paragraphs=["Twelve people took part."],
                          tables=[ReportTable(headers=["Role", "People"], rows=[["GP partner", "5"]])])
    text = text_of(build_pdf(Answers(), content, title="Workshop summary", extra_sections=[extra]))
    assert text.index("Action plan") < text.index("Workshop results") < text.index("Appendix: sources")
    assert "Twelve people took part." in text and "GP partner" in text and "Workshop summary" in text


def test_the_caller_can_choose_which_standard_sections_to_include(content):
    text = text_of(build_pdf(Answers(), content, sections=("cover", "scores")))
    assert "Headline scores" in text and "Action plan" not in text and "Appendix" not in text


def test_an_unknown_section_name_is_refused(content):
    with pytest.raises(ValueError, match="unknown report sections"):
        build_pdf(Answers(), content, sections=("cover", "summary"))


CHART_TITLES = ("Design principles: where you are now and where you want to be", "Section scores",
                "Case studies that exemplify each design principle", "Scale: your practice beside the case studies")


def image_count(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_four_charts_the_issue_asks_for_are_drawn_as_vectors_under_their_titles(content, full, full_text):
    answers, pdf = full
    charts = report_charts(answers, content, score(answers, content))
    assert [c.title for c in charts] == list(CHART_TITLES)
    assert all(not c.empty_text and c.figure is not None for c in charts)
    assert image_count(pdf) == 0  # no chart is a picture: each is drawn in lines, shapes and text
    for title in CHART_TITLES:
        assert title in full_text


def test_the_heatmap_and_scale_charts_hold_the_same_facts_as_the_compare_page(content, full):
    from assessment.comparison_charts import evidence_cases, scale_label

    answers, _ = full
    summary = score(answers, content)
    charts = {c.title: c for c in report_charts(answers, content, summary)}
    grid = charts[CHART_TITLES[2]].figure
    marked = {(row, column) for r, row in enumerate(grid.rows) for c, column in enumerate(grid.columns)
              if grid.marked[r][c]}
    titles = {p.number: f"{p.number}. {p.title}" for p in content.principles}
    assert grid.columns == evidence_cases(content)
    assert marked == {(titles[cell.principle], cell.case_name) for cell in evidence_matrix(content)}
    assert [(row.now, row.target) for row in grid.levels.rows] == [(p.current, p.target) for p in summary.principles]
    scale = charts[CHART_TITLES[3]].figure
    points = sorted(scale_points(answers.profile, content).points, key=lambda p: (p.population, p.name))
    assert [(row.label, row.value, row.you) for row in scale.rows] == [
        (scale_label(p.name, p.org_type), p.population, p.kind == "you") for p in points]


def test_the_heatmap_is_followed_by_a_table_naming_each_principles_case_studies(content, full_text):
    by_principle: dict[int, list[str]] = {}
    for cell in evidence_matrix(content):
        by_principle.setdefault(cell.principle, []).append(cell.case_name)
    assert "Case studies the sources give as examples" in full_text
    for names in by_principle.values():
        assert ", ".join(names) in full_text


def test_the_scale_chart_is_followed_by_its_figures_and_the_case_studies_with_no_scale(content, full, full_text):
    answers, _ = full
    data = scale_points(answers.profile, content)
    assert data.points and data.not_stated
    for point in data.points:
        if point.kind == "case_study":
            assert f"{point.name} {point.org_type} {point.population:,}" in full_text
    assert "Scale not stated" in full_text
    for missing in data.not_stated:
        assert f"{missing.case_name}: {missing.note}" in full_text


def test_an_empty_assessment_prints_a_sentence_instead_of_an_empty_chart(content, empty_pdf):
    from assessment.comparison_charts import MARKED

    text = text_of(empty_pdf)
    assert "No design principle has a level yet, so there is nothing to chart." in text
    assert "No section has a score yet, so there is nothing to chart." in text
    # The heatmap and the scale chart still have the case studies to show, so they are drawn.
    assert MARKED in text and "Population served (log scale)" in text


def test_the_headline_table_prints_each_score_as_the_section_chart_labels_it(content, full, full_text):
    answers, _ = full
    summary = score(answers, content)
    assert any(s.score != round(s.score) for s in summary.sections), "needs a score with a decimal to mean much"
    bars = report_charts(answers, content, summary)[1].figure
    labels = {bar.label: bar.text for bar in bars.rows}
    for section in summary.sections:
        assert labels[section.title] == f"{score_text(section.score)} ({section.band.label})"
        assert f"{section.title} {score_text(section.score)} {section.band.label}" in full_text


def test_the_learn_from_section_names_the_same_case_studies_as_the_compare_page_with_citations(content, full,
                                                                                              full_text):
    answers, _ = full
    lessons = learn_from(score(answers, content), content)
    assert any(lesson.exemplars for lesson in lessons), "the answers should have a top gap some case study addresses"
    for lesson in lessons:
        assert f"{lesson.principle}. {lesson.title}: you are at level {lesson.current} and aim for" in full_text
        for ex in lesson.exemplars:
            assert f"{ex.case_name} ({ex.org_type})" in full_text
            assert ex.text in full_text and ex.citation in full_text


def test_a_sentence_the_sources_give_for_several_case_studies_is_printed_once_naming_them_all(content):
    shared = {}  # principle: a sentence learn_from gives for more than one case study
    for number in range(1, 13):
        texts = [ex.text for ex in exemplars_for(number, content)]
        repeated = [t for t in texts if texts.count(t) > 1]
        if repeated:
            shared[number] = repeated[0]
    assert shared, "the content should have a passage naming several case studies together"
    answers = Answers()
    for number in list(shared)[:3]:
        answers.principles[number] = PrincipleAnswer(current=0, target=4)
    text = text_of(build_pdf(answers, content, sections=("learn_from",)))
    for number in list(shared)[:3]:
        assert text.count(shared[number]) == 1
        for ex in exemplars_for(number, content):
            assert ex.case_name in text


def test_an_action_started_from_a_suggestion_prints_the_case_study_and_its_citation(content, full, full_text):
    answers, _ = full
    (action,) = [a for a in answers.actions if a.suggestion_from]
    case = next(c for c in content.case_studies if c.id == action.suggestion_from)
    link = next(link for link in case.principles if link.number == action.principle)
    assert f"Started from a case study: {case.name}. Source: {cite_text(link.cite, content)}" in full_text


def test_the_appendix_leaves_out_a_year_or_author_the_source_does_not_state(content, full_text):
    appendix = full_text[full_text.index("Appendix: sources and method"):]
    assert "not stated" not in appendix.lower().split("how groupup scores")[0]
    dated = [s for s in content.sources if s.year.strip().isdigit() and not s.author.startswith("not stated")]
    assert dated
    for source in dated:
        assert f"{source.author}. {source.year}." in appendix
    undated = [s for s in content.sources if not s.year.strip().isdigit() and not s.author.startswith("not stated")]
    for source in undated:
        assert f"{source.author.rstrip('.')}." in appendix


def test_a_name_holding_the_page_count_alias_is_printed_as_typed(content):
    answers = Answers()
    answers.profile.practices = [Practice(name="Ash {nb}")]
    pdf = build_pdf(answers, content)
    pages = PdfReader(io.BytesIO(pdf)).pages
    cover = " ".join(pages[0].extract_text().split())
    assert "Ash {nb}" in cover
    assert f"Page 1 of {len(pages)}" in cover


def test_the_pdf_names_its_language_shows_its_title_in_the_window_and_carries_xmp_metadata():
    from pathlib import Path

    from pypdf import PdfReader

    from assessment.answers import parse_answers
    from assessment.content import get_content
    from assessment.report import build_pdf

    example = Path(__file__).resolve().parents[2] / "examples" / "small_rural_gms.json"
    answers = parse_answers(example.read_bytes())
    answers.profile.practices[0].name = "Fell & <Dale> Surgery"
    reader = PdfReader(io.BytesIO(build_pdf(answers, get_content())))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_title["x-default"] == "Collaboration self-assessment summary"
    assert xmp.dc_language == ["en-GB"] and "Fell & <Dale> Surgery" in xmp.dc_description["x-default"]
