"""Every file in tests/corpus goes through the real upload after a good file: refused ones change nothing, and
accepted ones show on every page. Either way no page raises, and the message is short and plain.

One AppTest is shared by the whole module (starting the app is the slow part); each file is its own test, and
each is uploaded on a different page in turn. An accepted file is then shown on every page. A refused file is
shown on the page it was uploaded on; the answers are then asserted equal to the good file's, and the good
file's run of every page (the first test) covers the rest without repeating it sixty times.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Answers, parse_answers
from assessment.content import get_content
from assessment.csvfile import FORMULA_START
from assessment.export import answers_csv
from tests.app.helpers import APP, go_to, saved_answers
from ui import widgets
from ui.layout import UPLOAD_LABEL
from ui.nav import PAGES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted(CORPUS.glob("*.json"))
# Each file is uploaded on a page of its own, in turn round the pages whose sidebar offers the upload (the
# workshop pages do not: nobody there is filling in a self-assessment).
UPLOAD_PAGES = [spec for spec in PAGES if spec.self_assessment]
CASES = [(path, UPLOAD_PAGES[i % len(UPLOAD_PAGES)].url_path) for i, path in enumerate(FILES)]
GOOD = widgets.EXAMPLES_DIR / "urban_federation.json"
# Words only a programmer would write: exception names and pydantic's own phrasing.
PROGRAMMER_WORDS = re.compile(r"Error\b|Exception|Traceback|validation error|Input should|input_value|"
                              r"type=|\[key\]|errors\.pydantic|Value error|JSONDecode|Unicode|Recursion")


def comparable(answers: Answers) -> dict:
    return answers.model_dump(exclude={"updated"})


def upload(at: AppTest, data: bytes, name: str) -> AppTest:
    (widget,) = [u for u in at.sidebar.get("file_uploader") if u.label == UPLOAD_LABEL]
    widget.set_value((name, data, "application/json"))
    return at.run()


def shown(element) -> str:
    """A message as the person reads it: without the backslashes that escape Markdown."""
    return re.sub(r"\\(.)", r"\1", element.value)


@pytest.fixture(scope="module")
def shared_app() -> Iterator[AppTest]:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    yield at


def test_the_corpus_holds_at_least_forty_files_some_to_refuse_and_some_to_accept():
    assert len(FILES) >= 40
    assert any(p.name.startswith("ok_") for p in FILES) and any(p.name.startswith("bad_") for p in FILES)
    assert all(p.name.startswith(("ok_", "bad_")) for p in FILES)


def test_the_good_file_loads_and_every_page_shows_it(shared_app):
    at = upload(shared_app, GOOD.read_bytes(), "good.json")
    assert comparable(saved_answers(at)) == comparable(parse_answers(GOOD.read_bytes()))
    for spec in PAGES:
        go_to(at, spec.url_path)
        assert not at.exception, f"{spec.title}: {at.exception}"


@pytest.mark.parametrize(("path", "page"), CASES, ids=[p.stem for p, _ in CASES])
def test_a_corpus_file_is_refused_plainly_or_shown_on_every_page(shared_app, path, page):
    at = go_to(shared_app, page)
    good = parse_answers(GOOD.read_bytes())
    if comparable(saved_answers(at)) != comparable(good):
        upload(at, GOOD.read_bytes(), "good.json")
    assert comparable(saved_answers(at)) == comparable(good)

    upload(at, path.read_bytes(), path.name)
    assert not at.exception, at.exception
    messages = [shown(m) for m in [*at.sidebar.error, *at.sidebar.success]]
    assert len(messages) == 1, messages
    (message,) = messages
    assert len(message) < 300, message
    assert not PROGRAMMER_WORDS.search(message), message
    if path.name.startswith("bad_"):
        assert at.sidebar.error, message
        assert "Your current answers have not changed" in message
        assert comparable(saved_answers(at)) == comparable(good), "a refused file changed the answers"
    else:
        assert at.sidebar.success, message
        assert comparable(saved_answers(at)) == comparable(parse_answers(path.read_bytes()))

        for spec in PAGES:
            go_to(at, spec.url_path)
            assert not at.exception, f"{spec.title}: {at.exception}"
        rows = list(csv.reader(io.StringIO(answers_csv(saved_answers(at), get_content()).decode("utf-8-sig"))))
        assert all(not cell.startswith(FORMULA_START) or re.fullmatch(r"-\d+(\.\d+)?", cell)
                   for row in rows for cell in row)
