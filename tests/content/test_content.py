"""The shipped content is complete, cross-referenced and traceable to the source documents."""

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from assessment.content import CONTENT_DIR, get_content, load_content
from assessment.errors import ContentError


@cache
def source_text(sources_dir: Path, source_id: str) -> str:
    """The source document with white space folded, for checking quotes and figures."""
    filename = next(s.file for s in get_content().sources if s.id == source_id)
    return fold((sources_dir / filename).read_text(encoding="utf-8"))


def fold(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def appears_in(sources_dir: Path, fragment: str, source_id: str) -> bool:
    haystack = source_text(sources_dir, source_id)
    needle = fold(fragment)
    # Text extraction sometimes joins a hyphenated line break ("decision- making" -> "decisionmaking").
    return needle in haystack or needle.replace("-", "") in haystack.replace("-", "")


def test_the_shipped_content_loads_and_validates():
    content = load_content()
    assert len(content.principles) == 12


def test_there_are_twelve_principles_each_with_five_descriptors():
    principles = get_content().principles
    assert [p.number for p in principles] == list(range(1, 13))
    assert all(len({lv.descriptor for lv in p.levels}) == 5 for p in principles)


def test_principles_one_to_seven_are_clinical_and_eight_to_twelve_organisational():
    groups = {p.number: p.group for p in get_content().principles}
    assert {n for n, g in groups.items() if g == "clinical"} == set(range(1, 8))


@pytest.mark.parametrize("number", range(1, 13))
def test_each_principle_statement_is_quoted_exactly_from_the_report(sources_dir, number):
    principle = next(p for p in get_content().principles if p.number == number)
    assert appears_in(sources_dir, principle.statement, principle.statement_cite.source), principle.statement


def test_there_are_six_characteristics_and_each_is_served_by_some_principle():
    characteristics = get_content().characteristics
    assert len(characteristics) == 6
    assert all(c.principles for c in characteristics)


def test_there_are_seventeen_essential_components():
    assert len(get_content().components.questions) == 17


def test_the_readiness_questions_include_the_four_threats():
    text = " ".join(q.text.lower() for q in get_content().readiness.questions)
    for threat in ("shrinking resource", "consultation times", "reduced access", "redundanc"):
        assert threat in text, threat


def test_every_case_study_cites_a_source():
    assert all(case.sources for case in get_content().case_studies)


def test_every_principle_is_exemplified_by_at_least_one_case_study():
    exemplified = {link.number for case in get_content().case_studies for link in case.principles}
    assert exemplified == set(range(1, 13))


def test_the_report_appendix_and_the_bma_case_studies_are_all_present():
    names = " | ".join(c.name.lower() for c in get_content().case_studies)
    for expected in ("monarch", "hokianga", "bromley", "botermarkt", "kangasala", "health e1", "leicester",
                     "midlands health network", "zio", "alberta", "tower hamlets", "pallant", "hurley",
                     "the practice", "parkinsonnet", "whitstable", "freeman", "vitality", "nairn", "geisinger",
                     "kaiser", "derbyshire", "at medics", "suffolk", "midlands medical partnership", "badger",
                     "independent practitioner"):
        assert expected in names, expected


def test_an_organisation_in_both_sources_is_one_entry_citing_both():
    hurley = [c for c in get_content().case_studies if "hurley" in c.name.lower()]
    assert len(hurley) == 1
    assert {s.source for s in hurley[0].sources} >= {"nuffield2013", "bma_gpc"}


def all_figures():
    for case in get_content().case_studies:
        for field in ("population", "practices", "gps", "staff"):
            for figure in getattr(case, field):
                yield pytest.param(figure, id=f"{case.id}-{field}-{figure.text[:30]}")


@pytest.mark.parametrize("figure", list(all_figures()))
def test_every_scale_figure_is_worded_exactly_as_in_its_source(sources_dir, figure):
    assert appears_in(sources_dir, figure.text, figure.cite.source), f"{figure.text!r} not found in {figure.cite.source}"


def test_legal_forms_hold_one_rule_for_each_contract_type():
    for form in get_content().legal_structures:
        assert sorted(r.contract for r in form.contracts) == ["apms", "gms", "pms"]


def test_the_bma_hard_constraints_are_in_the_content():
    forms = {f.id: f for f in get_content().legal_structures}
    options = {o.id: o for o in get_content().structural_options}
    llp_gms = next(r for r in forms["llp"].contracts if r.contract == "gms")
    assert llp_gms.status == "barred"
    coop = {r.contract: r.status for r in options["gp_cooperative"].contracts}
    assert coop["gms"] == coop["pms"] == "barred"
    assert forms["charity_cio"].nhs_pension.value == "no"


# --- load errors name the file, the entry and the field --------------------------------------------

@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_a_missing_field_is_reported_with_file_entry_and_field(content_copy):
    path = content_copy / "case_studies.yaml"
    text = path.read_text(encoding="utf-8")
    first_country = re.search(r"^(\s*)country:.*\n", text, re.M)
    path.write_text(text[: first_country.start()] + text[first_country.end():], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    message = str(caught.value)
    assert "content/case_studies.yaml" in message and "entry 1" in message and "country" in message


def test_a_misspelt_field_is_refused(content_copy):
    path = content_copy / "aims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label:", "lable:", 1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"aims.yaml: entry 1 \(extend_services\), field lable"):
        load_content(content_copy)


def test_a_case_study_citing_a_principle_that_does_not_exist_is_refused(content_copy):
    path = content_copy / "case_studies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"number: \d+", "number: 13", text, count=1), encoding="utf-8")
    with pytest.raises(ContentError, match=r"case_studies.yaml: bromley_by_bow: principle 13 does not exist"):
        load_content(content_copy)


def test_the_framework_sets_how_many_principles_there_are_and_which_group_each_is_in(content_copy):
    path = content_copy / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("principles: [8, 9, 10, 11, 12]", "principles: [7, 8, 9, 10, 11, 12]"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"groups must number the principles 1 to 13 once each"):
        load_content(content_copy)


def test_a_principle_must_give_exactly_the_levels_the_framework_declares(content_copy):
    path = content_copy / "framework.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("levels: [0, 1, 2, 3, 4]", "levels: [0, 1, 2, 3]"),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"principle 1 must list exactly the levels 0, 1, 2, 3 in order"):
        load_content(content_copy)


def test_the_shipped_framework_is_the_reports_twelve_principles_in_two_groups_on_five_levels(sources_dir):
    framework = get_content().framework
    assert framework.levels == [0, 1, 2, 3, 4]
    assert [(g.label, g.principles) for g in framework.groups] == [
        ("Clinical care", [1, 2, 3, 4, 5, 6, 7]), ("Organisation", [8, 9, 10, 11, 12])]
    assert all(appears_in(sources_dir, g.label, g.cite.source) for g in framework.groups)


def test_a_structures_method_giving_a_point_that_is_not_a_whole_or_half_point_is_refused(content_copy):
    path = content_copy / "structures_method.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("conditional: 0.5,", "conditional: 0.3,", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match=r"structures_method.yaml: field facts.points.conditional: .*half points"):
        load_content(content_copy)


def test_the_legal_caveat_is_written_once_in_content_and_read_by_every_view():
    caveat = get_content().structures_method.legal_caveat.plain
    assert "not legal advice" in caveat and "2012–13" in caveat
    root = CONTENT_DIR.parent
    for path in [*root.glob("assessment/**/*.py"), *root.glob("views/*.py"), *root.glob("ui/*.py"), root / "app.py"]:
        text = path.read_text(encoding="utf-8")
        assert "not legal advice" not in text and "not legal, financial" not in text, path


def test_a_reference_to_an_unknown_case_study_is_refused(content_copy):
    path = content_copy / "structural_options.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"examples:\s*\n(\s*)- \w+", r"examples:\n\1- no_such_case", text, count=1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="example 'no_such_case' is not a case study id"):
        load_content(content_copy)


def test_broken_yaml_is_reported_with_its_file(content_copy):
    (content_copy / "principles.yaml").write_text("- number: [1\n", encoding="utf-8")
    with pytest.raises(ContentError, match="content/principles.yaml: not valid YAML"):
        load_content(content_copy)


# --- level summaries: short enough to read the page in minutes -------------------------------------

def test_every_level_of_every_principle_has_a_one_line_summary_of_at_most_25_words():
    for principle in get_content().principles:
        for level in principle.levels:
            assert 0 < len(level.summary.split()) <= 25, (principle.number, level.level, level.summary)


def test_a_level_summary_over_25_words_is_refused_with_the_count(content_copy):
    path = content_copy / "principles.yaml"
    text = path.read_text(encoding="utf-8")
    long_summary = "summary: >-\n        " + " ".join(["word"] * 26) + "\n"
    path.write_text(re.sub(r"summary: >-\n(\s+\S.*\n)+?(?=\s+descriptor:)", long_summary, text, count=1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="at most 25 words; this one has 26"):
        load_content(content_copy)


def test_a_level_without_a_summary_is_refused(content_copy):
    path = content_copy / "principles.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"      summary: >-\n(        \S.*\n)+", "", text, count=1), encoding="utf-8")
    with pytest.raises(ContentError, match="principles.yaml.*summary"):
        load_content(content_copy)


@pytest.mark.parametrize("case_id", ["derbyshire_health_united", "badger_group"])
def test_gp_figures_of_out_of_hours_services_say_they_count_gps_served_not_employed(case_id):
    from assessment.compare import case_facts

    content = get_content()
    case = next(c for c in content.case_studies if c.id == case_id)
    [gps] = [f.values for f in case_facts(case, content) if f.label == "GPs"]
    assert gps and all("not GPs" in g.text and "employs" in g.text for g in gps)


def test_the_chart_axes_top_level_is_the_top_of_the_frameworks_levels():
    from assessment.scoring import MAX_LEVEL
    from assessment.workshop import LEVELS, PRINCIPLES

    framework = get_content().framework
    assert MAX_LEVEL == max(framework.levels) and list(LEVELS) == framework.levels
    assert list(PRINCIPLES) == framework.numbers


def test_the_principle_score_sections_and_group_labels_follow_the_framework():
    from assessment.answers import Answers, PrincipleAnswer
    from assessment.scoring import score

    content = get_content()
    renamed = [g.model_copy(update={"label": f"{g.label} (renamed)", "score_title": f"Score for {g.id}"})
               for g in content.framework.groups]
    content = content.model_copy(update={"framework": content.framework.model_copy(update={"groups": renamed})})
    summary = score(Answers(principles={1: PrincipleAnswer(current=2, target=3)}), content)
    assert [s.title for s in summary.sections][-2:] == ["Score for clinical", "Score for organisation"]
    assert summary.principles[0].group_label == "Clinical care (renamed)"
    assert summary.principles[0].score == 50
