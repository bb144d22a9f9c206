"""The sidebar on every page: progress, saving answers as JSON, and resuming from a saved file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from assessment.answers import Answers, PrincipleAnswer, parse_answers
from assessment.content import get_content
from assessment.errors import InvalidAnswersFile
from tests.app.helpers import go_to, saved_answers, show_principle
from ui.layout import SAVE_LABEL, UPLOAD_LABEL
from ui.nav import PAGES
from ui.state import Keys, widget_key
from ui.widgets import read_answers_file


def uploader(at):
    (widget,) = [u for u in at.sidebar.get("file_uploader") if u.label == UPLOAD_LABEL]
    return widget


def upload(at, data: bytes, name: str = "answers.json"):
    uploader(at).set_value((name, data, "application/json"))
    return at.run()


def some_answers() -> Answers:
    readiness = get_content().readiness.questions
    return Answers(readiness={readiness[0].id: 3}, principles={2: PrincipleAnswer(current=1, target=3)})


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """What each download button hands the browser, by file name. AppTest keeps no download data itself."""
    seen: dict[str, object] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def spy(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            seen[file_name] = path_or_data
        return add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    def spy_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        # A file built on click: the test calls it, as the click would.
        if file_name:
            seen[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return seen


# --- progress -------------------------------------------------------------------------------------------


def test_the_sidebar_shows_nothing_started_for_a_new_assessment(app_test):
    at = app_test()
    progress = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Readiness: not started" in progress and "Design principles: not started" in progress
    assert [p.value for p in at.sidebar.get("progress")] == [0]


def test_the_sidebar_counts_answers_as_they_are_given(app_test):
    at = app_test(page="readiness")
    question = get_content().readiness.questions[0]
    at.radio(key=widget_key("readiness", question.id)).set_value(2).run()
    total = len(get_content().readiness.questions)
    assert f"Readiness: 1 of {total}" in "\n".join(m.value for m in at.sidebar.markdown)


def test_a_finished_section_is_marked_done(app_test):
    content = get_content()
    answers = Answers(components={q.id: "not_sure" for q in content.components.questions})
    at = app_test(answers)
    assert "Collaboration components: done" in "\n".join(m.value for m in at.sidebar.markdown)


# --- saving -----------------------------------------------------------------------------------------------


def test_save_answers_downloads_the_current_answers_as_a_groupup_file(app_test, downloads):
    at = app_test(some_answers(), page="principles")
    at.radio(key=widget_key("principle", 1, "current")).set_value(4).run()
    assert at.sidebar.download_button(key=widget_key("sidebar", "save")).label == SAVE_LABEL
    (name, make), = [(n, d) for n, d in downloads.items() if n.endswith(".json")]
    assert name.startswith("groupup-")
    data = make()
    assert parse_answers(data).principles[1].current == 4
    assert parse_answers(data).model_dump(exclude={"updated"}) == saved_answers(at).model_dump(exclude={"updated"})


# --- resuming from a file --------------------------------------------------------------------------------


def test_a_good_file_replaces_the_answers_and_says_so(app_test, example_answers):
    example = example_answers("small_rural_gms")
    at = app_test(some_answers(), page="results")
    upload(at, example.to_json().encode())
    assert saved_answers(at).model_dump(exclude={"updated"}) == example.model_dump(exclude={"updated"})
    (success,) = at.sidebar.success
    assert "Loaded the answers for" in success.value
    assert not at.sidebar.error


def test_a_loaded_file_shows_in_the_question_widgets(app_test):
    question = get_content().readiness.questions[0]
    at = app_test(page="readiness")
    at.radio(key=widget_key("readiness", question.id)).set_value(0).run()
    upload(at, some_answers().to_json().encode())
    assert at.radio(key=widget_key("readiness", question.id)).value == 3


def test_the_uploader_is_emptied_after_a_load_so_the_file_is_not_loaded_again(app_test):
    at = app_test()
    upload(at, some_answers().to_json().encode())
    assert at.session_state[Keys.UPLOAD_NONCE] == 1
    assert uploader(at).value is None
    at.run()
    assert not at.sidebar.success  # the message is shown once, not on every later run


def too_big() -> bytes:
    data = json.loads(Answers().to_json())
    data["profile"]["current_collaborations"] = "x" * 1_100_000
    return json.dumps(data).encode()


def version(value: object) -> bytes:
    data = json.loads(Answers().to_json())
    data["schema_version"] = value
    return json.dumps(data).encode()


def wrong_types() -> bytes:
    data = json.loads(Answers().to_json())
    data["profile"]["practices"] = [{"name": "Riverside", "list_size": "lots"}]
    return json.dumps(data).encode()


def off_the_scale() -> bytes:
    question = get_content().readiness.questions[0].id
    data = json.loads(Answers().to_json())
    data["readiness"] = {question: 57}
    return json.dumps(data).encode()


def true_as_an_answer() -> bytes:
    question = get_content().readiness.questions[0].id
    data = json.loads(Answers().to_json())
    data["readiness"] = {question: True}
    return json.dumps(data).encode()


def version_1(principles: list[dict]) -> bytes:
    """A file as GroupUp's first format saved it: principle answers in a list, each with its number."""
    question = get_content().readiness.questions[0].id
    return json.dumps({"app": "groupup", "schema_version": 1, "readiness": {question: 2},
                       "principles": principles}).encode()


BAD_FILES = {
    "not JSON": (b"\x89PNG\r\n\x1a\n not json at all", "not readable JSON"),
    "another program's JSON": (b'{"name": "my shopping list", "items": [1, 2]}', "not saved by GroupUp"),
    "a newer GroupUp's file": (version(99), "newer version of GroupUp"),
    "a version that never existed": (version(0), "format 0 is not one GroupUp knows"),
    "a version that is not a number": (version("two"), "no valid schema_version"),
    "wrong types": (wrong_types(), "Practice 1's list size should be a whole number"),
    "true as an answer": (true_as_an_answer(), "should be a point on the scale or \"not_sure\""),
    "over 1 MB": (too_big(), "the largest accepted is 1 MB"),
    "an answer off the scale": (off_the_scale(), "answers run from 0 to"),
    "nested tens of thousands deep": (b"[" * 50_000 + b"]" * 50_000, "nested far too deeply"),
    "a 5,000-digit number": (b'{"app": "groupup", "schema_version": 2, "readiness": {"q": ' + b"9" * 5000 + b"}}",
                             "a number thousands of digits long"),
    "a version-1 principle without its number": (version_1([{"current": 2, "target": 3}]),
                                                  "without a principle number"),
}


def assert_refused(at, before: Answers, message: str) -> None:
    assert not at.exception
    assert saved_answers(at) == before
    (error,) = at.sidebar.error
    text = error.value.replace("\\", "")
    assert message in text and "mine.json" in text and "Your current answers have not changed" in text


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_message_and_the_answers_are_untouched(app_test, kind):
    data, message = BAD_FILES[kind]
    before = some_answers()
    at = app_test(before.model_copy(deep=True), page="readiness")
    upload(at, data, name="mine.json")
    assert_refused(at, before, message)


# Every page with the sidebar's file box gets one kind of bad file, in turn, so that each page is covered without
# running every kind on every page; the test above runs every kind on one page. The workshop pages have no file
# box (tests/app/test_workshop_dashboard.py checks that).
SELF_ASSESSMENT = [spec for spec in PAGES if spec.self_assessment]
EVERY_PAGE = [(spec.url_path, kind) for spec, kind in
              zip(SELF_ASSESSMENT, [*BAD_FILES] * len(SELF_ASSESSMENT), strict=False)]


@pytest.mark.parametrize(("url_path", "kind"), EVERY_PAGE, ids=[f"{p}: {k}" for p, k in EVERY_PAGE])
def test_a_bad_file_uploaded_on_any_page_is_refused_with_its_message(app_test, url_path, kind):
    data, message = BAD_FILES[kind]
    before = some_answers()
    at = app_test(before.model_copy(deep=True), page=url_path)
    upload(at, data, name="mine.json")
    assert_refused(at, before, message)


def test_a_version_1_file_is_migrated_and_its_answers_shown(app_test):
    question = get_content().readiness.questions[0].id
    at = app_test(page="principles")
    upload(at, version_1([{"number": 4, "current": 1, "target": 3, "note": "From our 2024 review"},
                          {"number": 9, "not_sure": True}]))
    assert not at.sidebar.error
    (success,) = at.sidebar.success
    assert "Loaded the answers for" in success.value
    answers = saved_answers(at)
    assert answers.readiness == {question: 2} and answers.actions == []
    assert answers.principles == {4: PrincipleAnswer(current=1, target=3, note="From our 2024 review"),
                                  9: PrincipleAnswer(not_sure=True)}
    assert show_principle(at, 4).radio(key=widget_key("principle", 4, "target")).value == 3
    assert show_principle(at, 9).radio(key=widget_key("principle", 9, "current")).value == "not_sure"


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_the_file_reader_refuses_each_kind_of_bad_file(kind):
    data, message = BAD_FILES[kind]
    with pytest.raises(InvalidAnswersFile) as caught:
        read_answers_file(data, get_content())
    assert message in str(caught.value)


def test_the_upload_size_limit_is_set_small_in_the_server_config():
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
    assert "maxUploadSize = 1" in config


def test_an_upload_on_one_page_is_kept_on_the_others(app_test):
    at = app_test(page="readiness")
    upload(at, some_answers().to_json().encode())
    show_principle(go_to(at, "principles"), 2)
    assert at.radio(key=widget_key("principle", 2, "target")).value == 3
