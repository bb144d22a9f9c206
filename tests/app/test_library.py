"""The case-study library: filters by type, country and principle; each entry's facts as worded, with cites."""

from __future__ import annotations

from assessment.actions import cite_text
from assessment.compare import NOT_STATED
from assessment.content import get_content
from ui.state import widget_key


def titles(at) -> list[str]:
    """The case-study entries: expanders in the main area (the sidebar has its own)."""
    return [e.label.replace("\\", "") for e in at.main.expander]


def expected_title(case) -> str:
    return f"{case.name}: {case.org_type}, {case.country}"


def entry_text(at, case) -> str:
    expander = next(e for e in at.main.expander if e.label.replace("\\", "") == expected_title(case))
    return "\n".join(m.value for m in expander.markdown).replace("\\", "")


def test_with_no_filter_every_case_study_is_listed_in_content_order(app_test):
    at = app_test(page="library")
    assert not at.exception
    assert titles(at) == [expected_title(c) for c in get_content().case_studies]


def test_filtering_by_type_shows_only_case_studies_of_that_type(app_test):
    at = app_test(page="library")
    org_type = get_content().case_studies[0].org_type
    at.multiselect(key=widget_key("library", "types")).set_value([org_type]).run()
    expected = [expected_title(c) for c in get_content().case_studies if c.org_type == org_type]
    assert titles(at) == expected and len(expected) < len(get_content().case_studies)


def test_filtering_by_country_shows_only_case_studies_from_that_country(app_test):
    at = app_test(page="library")
    at.multiselect(key=widget_key("library", "countries")).set_value(["New Zealand"]).run()
    expected = [expected_title(c) for c in get_content().case_studies if c.country == "New Zealand"]
    assert expected and titles(at) == expected


def test_filtering_by_principle_shows_the_case_studies_that_exemplify_it(app_test):
    content = get_content()
    number = next(link.number for c in content.case_studies for link in c.principles)
    at = app_test(page="library")
    at.multiselect(key=widget_key("library", "principles")).set_value([number]).run()
    expected = [expected_title(c) for c in content.case_studies if any(lk.number == number for lk in c.principles)]
    assert titles(at) == expected and len(expected) < len(content.case_studies)
    assert f"Showing {len(expected)} of {len(content.case_studies)} case studies." in [c.value for c in at.caption]


def test_filters_that_match_nothing_say_so(app_test):
    at = app_test(page="library")
    at.multiselect(key=widget_key("library", "countries")).set_value(["Belgium"])
    at.multiselect(key=widget_key("library", "types")).set_value(["Super-partnership"]).run()
    assert titles(at) == [] and "No case study matches" in at.info[0].value


def test_each_entry_shows_its_figures_as_worded_its_legal_form_and_what_is_not_stated(app_test):
    content = get_content()
    at = app_test(page="library")
    with_figures = next(c for c in content.case_studies if c.population and c.legal_form)
    text = entry_text(at, with_figures)
    for figure in with_figures.population:
        assert f"Population served: “{' '.join(figure.text.split())}” (Source: {cite_text(figure.cite, content)})" in text
    assert f"Legal form: “{' '.join(with_figures.legal_form.text.split())}”" in text
    without = next(c for c in content.case_studies if not c.population and c.legal_form is None)
    text = entry_text(at, without)
    assert f"Population served: {NOT_STATED}" in text and f"Legal form: {NOT_STATED}" in text


def test_each_entry_lists_what_it_did_and_the_principles_it_exemplifies_with_cites(app_test):
    content = get_content()
    case = next(c for c in content.case_studies if c.principles)
    text = entry_text(app_test(page="library"), case)
    for did in case.what_they_did:
        assert f"{' '.join(did.text.split())} (Source: {cite_text(did.cite, content)})" in text
    for link in case.principles:
        assert f"{' '.join(link.note.split())} (Source: {cite_text(link.cite, content)})" in text
