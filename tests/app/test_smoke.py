"""Every page of the app runs without an exception, empty and with a full example loaded."""

from __future__ import annotations

import pytest

from tests.app.helpers import go_to
from ui.nav import PAGES, page_file

EXISTING = [p.url_path for p in PAGES if page_file(p).exists()]


def test_every_page_declared_in_the_navigation_exists_as_a_file():
    missing = [p.path for p in PAGES if not page_file(p).exists()]
    assert missing == []


def test_the_app_starts_without_an_exception(app_test):
    at = app_test()
    assert not at.exception


@pytest.mark.parametrize("url_path", EXISTING)
def test_each_page_runs_without_an_exception_when_nothing_is_answered(app_test, url_path):
    at = go_to(app_test(), url_path)
    assert not at.exception


@pytest.mark.parametrize("url_path", EXISTING)
def test_each_page_runs_without_an_exception_with_an_example_practice_loaded(app_test, example_answers, url_path):
    at = go_to(app_test(example_answers("urban_federation")), url_path)
    assert not at.exception
