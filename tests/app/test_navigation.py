"""Moving between the self-assessment pages, in any order, loses nothing."""

from __future__ import annotations

import pytest

from assessment.content import get_content
from tests.app.helpers import go_to, saved_answers, show_principle
from ui.nav import PAGES, navigation_sections
from ui.state import widget_key

ORDERS = [
    ["results", "welcome", "profile", "readiness", "principles", "components", "results", "profile"],
    ["components", "principles", "readiness", "profile", "welcome", "results", "readiness"],
]


@pytest.mark.parametrize("order", ORDERS, ids=["forwards", "backwards"])
def test_answers_given_on_every_page_are_kept_while_moving_between_pages(app_test, order):
    content = get_content()
    readiness, component = content.readiness.questions[1], content.components.questions[-1]
    at = app_test(page="profile")
    at.text_input(key=widget_key("practice", 0, "name")).input("Dale View").run()
    at.number_input(key=widget_key("practice", 0, "list_size")).set_value(6200).run()
    go_to(at, "readiness").radio(key=widget_key("readiness", readiness.id)).set_value(2).run()
    show_principle(go_to(at, "principles"), 9).radio(key=widget_key("principle", 9, "current")).set_value(1).run()
    at.radio(key=widget_key("principle", 9, "target")).set_value(3).run()
    go_to(at, "components").radio(key=widget_key("components", component.id)).set_value("not_sure").run()

    for page in order:
        go_to(at, page)
        assert not at.exception

    answers = saved_answers(at)
    assert (answers.profile.practices[0].name, answers.profile.practices[0].list_size) == ("Dale View", 6200)
    assert answers.readiness == {readiness.id: 2}
    assert (answers.principles[9].current, answers.principles[9].target) == (1, 3)
    assert answers.components == {component.id: "not_sure"}
    # And each page shows them again when revisited.
    assert go_to(at, "profile").text_input(key=widget_key("practice", 0, "name")).value == "Dale View"
    assert go_to(at, "readiness").radio(key=widget_key("readiness", readiness.id)).value == 2
    assert show_principle(go_to(at, "principles"), 9).radio(key=widget_key("principle", 9, "target")).value == 3
    assert go_to(at, "components").radio(key=widget_key("components", component.id)).value == "not_sure"


def test_each_question_page_links_on_to_the_next(app_test):
    expected = {"profile": "readiness", "readiness": "principles", "principles": "components",
                "components": "results"}
    for page, following in expected.items():
        at = go_to(app_test(), page)
        if page == "principles":  # one principle at a time: the link on is under the last
            show_principle(at, 12)
        links = [link.proto.page for link in at.main.get("page_link")]
        assert any(link.endswith(following) for link in links), (page, links)



def test_two_tabs_running_at_once_never_share_a_page_object(app_test):
    # The navigation's pages are built once per process and copied for each run: st.navigation marks the page it
    # returns as allowed to run once, so a page object shared by two tabs running at the same moment would refuse
    # the second ("can only be called once"). Sequential AppTests cannot race, so check the copies themselves.
    at = app_test(page="principles")
    assert not at.exception and at.title[0].value == "Design principles"
    one, other = (navigation_sections() for _ in range(2))
    assert [p.title for pages in one.values() for p in pages] == [spec.title for spec in PAGES]
    assert not {id(p) for pages in one.values() for p in pages} & {id(p) for pages in other.values() for p in pages}
