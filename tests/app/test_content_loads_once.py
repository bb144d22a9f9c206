"""The content is read from disk once per process, not on every rerun or page."""

from __future__ import annotations

import assessment.content
from tests.app.helpers import go_to


def test_content_is_loaded_once_across_reruns_and_pages(app_test, monkeypatch):
    calls = []
    load = assessment.content.load_content

    def counting_load(*args, **kwargs):
        calls.append(1)
        return load(*args, **kwargs)

    monkeypatch.setattr(assessment.content, "load_content", counting_load)
    assessment.content.get_content.cache_clear()
    try:
        at = app_test()
        for page in ["profile", "readiness", "principles", "components", "results", "welcome"]:
            go_to(at, page)
            at.run()
        assert not at.exception
        assert len(calls) == 1
    finally:
        assessment.content.get_content.cache_clear()
