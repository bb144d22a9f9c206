"""In a real browser: load the example practice from the Welcome page, then compare it and see what structures fit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessment.answers import parse_answers
from assessment.compare import learn_from
from assessment.content import get_content
from assessment.findings import build_findings
from assessment.fit import rank_legal_forms, rank_options
from assessment.scoring import score
from tests.browser import st
from ui.widgets import example_files

EXAMPLE = "urban_federation"


def load_example(page, app_url):
    """Press the Welcome page's "Try" button for the example; returns the answers it loads."""
    found = [(p, lbl) for p, lbl in example_files() if p.stem == EXAMPLE]
    assert found, f"examples/{EXAMPLE}.json is missing, so the Welcome page offers no such example"
    path, label = found[0]
    page.goto(app_url)
    st.wait_idle(page)
    st.main(page).get_by_role("button", name=f"Try: {label}").click()
    st.wait_idle(page)
    return parse_answers(path.read_bytes())


@pytest.mark.browser
def test_the_example_practice_is_compared_with_the_case_studies_it_can_learn_from(app_url, new_page):
    page = new_page()
    answers = load_example(page, app_url)
    content = get_content()
    st.go_to(page, "Compare with case studies")
    main = st.main(page)
    expect(main.get_by_role("heading", name="Compare with case studies")).to_be_visible()
    # Both charts drawn (the heatmap and the scale chart).
    expect(main.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    lessons = learn_from(score(answers, content), content)
    assert lessons, "the example practice should have gaps to learn from"
    for lesson in lessons:
        expect(main.get_by_text(f"Principle {lesson.principle}. {lesson.title}", exact=False).first).to_be_visible()
        for exemplar in lesson.exemplars:
            expect(main.get_by_text(exemplar.text, exact=False).first).to_be_attached()
    peers = build_findings(answers, content).peers
    assert peers, "the example practice should have peers"
    for peer in peers:
        expect(main.get_by_text(peer.reasons[0], exact=False).first).to_be_attached()


@pytest.mark.browser
def test_the_example_practice_sees_which_structures_are_not_possible_and_why(app_url, new_page):
    page = new_page()
    answers = load_example(page, app_url)
    content = get_content()
    st.go_to(page, "Structures and legal forms")
    main = st.main(page)
    expect(main.get_by_text("not legal advice", exact=False)).to_be_visible()
    blocked = [r for r in rank_options(answers.profile, content) + rank_legal_forms(answers.profile, content)
               if not r.possible]
    assert blocked, "the example practice holds a contract that rules something out"
    main.get_by_role("tab", name="Legal forms").click()
    alerts = main.get_by_test_id("stAlert")
    for result in blocked:
        for blocker in result.blockers:
            expect(alerts.filter(has_text=blocker.sentence).first).to_be_attached()
            expect(alerts.filter(has_text=blocker.citation).first).to_be_attached()
