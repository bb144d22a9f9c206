"""Reading answers files: good files load, older ones migrate, bad ones get a clear message."""

import codecs
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import (
    DUE_EARLIEST,
    DUE_LATEST,
    MAX_ANSWERS_BYTES,
    SCHEMA_VERSION,
    Answers,
    PrincipleAnswer,
    check_answers,
    parse_answers,
)
from assessment.content import get_content
from assessment.content_models import Aim
from assessment.errors import InvalidAnswersFile, UnknownSchemaVersion, excerpt
from tests.factories import CITE, make_content

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
# Both are under 1 MB, and both once crashed the reader instead of getting a message.
DEEPLY_NESTED = "[" * 50_000 + "]" * 50_000
HUGE_NUMBER = '{"app": "groupup", "schema_version": 2, "readiness": {"q1": ' + "9" * 5000 + "}}"


def answers_json(**changes) -> str:
    data = json.loads(Answers().to_json())
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_file_loads_and_saves_back_unchanged(example):
    answers = parse_answers(example.read_bytes())
    assert parse_answers(answers.to_json()) == answers
    assert answers.readiness and answers.principles


def test_a_saved_file_loads_back_to_the_same_answers():
    answers = Answers()
    answers.profile.practices[0].name = "St Mary's & Dr Ó'Brien — \"Northside\" £"
    answers.readiness["q1"] = 2
    answers.principles[3] = PrincipleAnswer(current=1, target=3, note="we use e-consults")
    assert parse_answers(answers.to_json()) == answers


@pytest.mark.parametrize(
    "principles",
    [[{"current": 2, "target": 3}], [{"number": None, "current": 2}], [{"number": "four", "current": 2}],
     [{"number": True, "current": 2}], ["principle 4 is at level 2"]],
    ids=["no-number", "null-number", "text-number", "true-number", "not-an-object"],
)
def test_a_version_1_principle_answer_without_a_number_gets_a_clear_message(principles):
    v1 = {"app": "groupup", "schema_version": 1, "principles": [{"number": 1, "current": 0}, *principles]}
    with pytest.raises(InvalidAnswersFile) as caught:
        parse_answers(json.dumps(v1))
    message = str(caught.value)
    assert "without a principle number (answer 2 of 2)" in message
    assert "None" not in message and "[key]" not in message


def test_a_version_1_file_answering_one_principle_twice_is_refused_rather_than_losing_an_answer():
    v1 = {"app": "groupup", "schema_version": 1,
          "principles": [{"number": 4, "current": 2}, {"number": 4, "current": 0}]}
    with pytest.raises(InvalidAnswersFile, match="answers design principle 4 twice"):
        parse_answers(json.dumps(v1))


def test_a_version_1_file_is_migrated_with_its_principle_answers_kept():
    v1 = {"app": "groupup", "schema_version": 1,
          "principles": [{"number": 4, "current": 2, "target": 3}]}
    answers = parse_answers(json.dumps(v1))
    assert answers.schema_version == SCHEMA_VERSION
    assert answers.principles[4].current == 2 and answers.principles[4].target == 3
    assert answers.actions == []


@pytest.mark.parametrize(
    ("raw", "error", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00binary", InvalidAnswersFile, "not readable JSON"),
        ("{not json", InvalidAnswersFile, "not readable JSON"),
        ('{"name": "a different program"}', InvalidAnswersFile, "not saved by GroupUp"),
        ("[1, 2, 3]", InvalidAnswersFile, "not saved by GroupUp"),
        (answers_json(schema_version=99), UnknownSchemaVersion, "newer version of GroupUp"),
        (answers_json(schema_version="two"), InvalidAnswersFile, "no valid schema_version"),
        (answers_json(readiness={"q1": "lots"}), InvalidAnswersFile, 'The readiness answer to "q1" should be'),
        (answers_json(principles={"2": {"current": 9}}), InvalidAnswersFile, "Design principle 2's level now should be at most 4 (it says 9)"),
        (answers_json(profile={"practices": [{"list_size": "big"}]}), InvalidAnswersFile, "Practice 1's list size should be a whole number"),
        (answers_json(schema_version=0), UnknownSchemaVersion, "format 0 is not one GroupUp knows"),
        (answers_json(readiness={"q1": True}), InvalidAnswersFile, 'The readiness answer to "q1" should be a point on the scale or "not_sure"'),
        (answers_json(readiness={"q1": 1.0}), InvalidAnswersFile, 'The readiness answer to "q1" should be a point'),
        (answers_json(principles={"2": {"current": True}}), InvalidAnswersFile, "Design principle 2's level now should be a whole number (it says true)"),
        (answers_json(principles={"2": {"target": "3"}}), InvalidAnswersFile, "Design principle 2's target level should be a whole number (it says \"3\")"),
        (DEEPLY_NESTED, InvalidAnswersFile, "nested far too deeply"),
        (HUGE_NUMBER, InvalidAnswersFile, "a number thousands of digits long"),
    ],
    ids=["binary", "broken-json", "foreign-json", "json-list", "future-version", "bad-version",
         "wrong-answer-type", "level-out-of-range", "wrong-profile-type", "version-0", "true-as-answer",
         "float-as-answer", "true-as-level", "text-as-level", "deeply-nested", "huge-number"],
)
def test_a_bad_file_gets_a_clear_message(raw, error, words):
    with pytest.raises(error) as caught:
        parse_answers(raw)
    assert words in str(caught.value)


def test_an_oversized_file_is_refused_before_it_is_parsed():
    raw = b" " * (MAX_ANSWERS_BYTES + 1)
    with pytest.raises(InvalidAnswersFile, match="largest accepted is 1 MB"):
        parse_answers(raw)


def test_every_bad_file_message_reads_as_plain_english_without_python_terms():
    for raw in (DEEPLY_NESTED, HUGE_NUMBER):
        with pytest.raises(InvalidAnswersFile) as caught:
            parse_answers(raw)
        assert "Recursion" not in str(caught.value) and "int_max_str_digits" not in str(caught.value)
        assert str(caught.value).endswith("Please choose the .json file GroupUp saved for you.")


# --- a principle's "where you are now", including "not sure" -------------------------------------------


def test_choosing_not_sure_about_now_clears_the_level_and_marks_the_principle_not_sure():
    given = PrincipleAnswer(current=2, target=3)
    given.choose_now("not_sure")
    assert (given.now, given.current, given.not_sure, given.target) == ("not_sure", None, True, 3)


def test_choosing_a_level_after_not_sure_clears_not_sure():
    given = PrincipleAnswer(not_sure=True)
    given.choose_now(1)
    assert (given.now, given.current, given.not_sure) == (1, 1, False)


def test_a_new_principle_answer_has_nothing_chosen_for_now():
    assert PrincipleAnswer().now is None


@pytest.mark.parametrize(("given", "done"), [
    (PrincipleAnswer(), False),
    (PrincipleAnswer(current=2), False),
    (PrincipleAnswer(target=3, note="no idea yet"), False),
    (PrincipleAnswer(current=0, target=0), True),
    (PrincipleAnswer(not_sure=True), True),
])
def test_a_principle_answer_is_done_with_both_levels_or_not_sure(given, done):
    assert given.done is done


def test_answering_a_question_records_it_and_answering_none_takes_it_back():
    answers = Answers()
    answers.answer_question("readiness", "time_for_the_future", 2)
    answers.answer_question("components", "cpd", "not_sure")
    assert (answers.readiness, answers.components) == ({"time_for_the_future": 2}, {"cpd": "not_sure"})
    answers.answer_question("readiness", "time_for_the_future", None)
    assert answers.readiness == {}


# --- files as other programs save them ------------------------------------------------------------------


def named(name: str) -> str:
    return answers_json(profile={"practices": [{"name": name}]})


@pytest.mark.parametrize(("encode"), [
    lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    lambda text: text.encode("utf-16"),  # Notepad's "Unicode": little-endian with a byte-order mark
    lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    lambda text: text.encode("utf-32"),
    lambda text: "\ufeff" + text,
], ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "text-with-bom"])
def test_a_file_saved_with_a_byte_order_mark_or_as_utf16_loads(encode):
    answers = parse_answers(encode(named("Ysbyty Gwynedd £ Ó'Brien")))
    assert answers.profile.practices[0].name == "Ysbyty Gwynedd £ Ó'Brien"


@pytest.mark.parametrize(("raw", "key"), [
    ('{"app": "groupup", "app": "groupup", "schema_version": 2}', '"app"'),
    ('{"app": "groupup", "schema_version": 2, "principles": {"1": {"current": 1, "current": 4}}}', '"current"'),
    ('{"app": "groupup", "schema_version": 2, "principles": {"1": {}, "1": {"current": 2}}}', '"1"'),
])
def test_a_key_given_twice_anywhere_is_refused_naming_the_key(raw, key):
    with pytest.raises(InvalidAnswersFile) as caught:
        parse_answers(raw)
    assert f"This file has {key} twice in one place" in str(caught.value)


# --- everything a page shows is checked when the file is read ------------------------------------------


def with_actions(*actions: dict) -> str:
    return answers_json(actions=[{"id": "a1", "action": "Agree a rota", **a} for a in actions])


@pytest.mark.parametrize("due", ["1900-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_a_due_date_the_date_box_cannot_show_is_refused(due):
    with pytest.raises(InvalidAnswersFile, match=f"Action 1's due date is {due}, but should be between "
                                                 "1 January 2000 and 31 December 2100"):
        parse_answers(with_actions({"due": due}))


def test_due_dates_on_the_limits_are_kept():
    raw = answers_json(actions=[{"id": "a1", "action": "x", "due": DUE_EARLIEST.isoformat()},
                                {"id": "a2", "action": "y", "due": DUE_LATEST.isoformat()}])
    assert [a.due for a in parse_answers(raw).actions] == [dt.date(2000, 1, 1), dt.date(2100, 12, 31)]


def test_two_actions_with_one_id_are_refused():
    with pytest.raises(InvalidAnswersFile, match='gives the id "a1" to two actions'):
        parse_answers(with_actions({}, {"action": "Another"}))


@pytest.mark.parametrize(("change", "words"), [
    ({"profile": {"aims": ["capacity", "capacity"]}}, 'lists the aim "capacity" twice'),
    ({"profile": {"practices": [{"contracts": ["gms", "gms"]}]}}, 'lists the contract type "gms" twice'),
    ({"profile": {"practices": [{"name": "Ash\u0000Tree"}]}}, "Practice 1's name holds a control character"),
    ({"principles": {"1": {"note": "\ud83d"}}}, "Design principle 1's note holds a broken character"),
    ({"profile": {"practices": [{"name": "x" * 201}]}}, "Practice 1's name is longer than the 200 characters"),
    ({"readiness": {"q" * 101: 1}}, "is longer than the 100 characters allowed"),
])
def test_what_no_page_could_show_is_refused_when_the_file_is_read(change, words):
    with pytest.raises(InvalidAnswersFile) as caught:
        parse_answers(answers_json(**change))
    assert words in str(caught.value)


@pytest.mark.parametrize(("change", "words"), [
    ({"profile": {"aims": ["world_domination"]}}, '"world_domination", which is not an aim GroupUp offers'),
    ({"actions": [{"id": "a1", "action": "x", "suggestion_from": "nowhere"}]}, 'case study "nowhere"'),
    ({"readiness": {"readiness_1": 4}}, 'The readiness answer to "readiness_1" is 4'),
    ({"principles": {"0": {}}}, "There is no design principle 0"),
])
def test_ids_and_levels_the_content_does_not_have_are_refused(change, words):
    content = make_content().model_copy(update={"aims": [Aim(id="capacity", label="Capacity", cite=CITE)]})
    with pytest.raises(InvalidAnswersFile) as caught:
        check_answers(parse_answers(answers_json(**change)), content)
    assert words in str(caught.value)


def test_an_answer_to_a_question_no_longer_asked_is_kept_but_not_refused():
    answers = parse_answers(answers_json(readiness={"retired_question": 1}))
    check_answers(answers, make_content())
    assert answers.readiness == {"retired_question": 1}


# --- every refusal is short, plain, and quotes at most a short excerpt ----------------------------------

CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("bad_*.json"))
PROGRAMMER_WORDS = ("Error", "Exception", "validation error", "Input should", "input_value", "[key]", "type=",
                    "Value error", "JSONDecode", "Unicode")


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_every_bad_corpus_file_gets_a_short_plain_message_that_says_what_to_do(path):
    with pytest.raises(InvalidAnswersFile) as caught:
        check_answers(parse_answers(path.read_bytes()), get_content())
    message = str(caught.value)
    assert len(message) <= 200, message  # pages add about 100 characters around it, and must stay under 300
    assert not any(word in message for word in PROGRAMMER_WORDS), message
    assert re.search(r"Correct|Remove|Add|choose|load|update", message), message
    assert not re.search(r"\w{41,}", message), "a quotation longer than 40 characters"


def test_a_500000_character_id_is_quoted_as_40_characters_with_an_ellipsis():
    with pytest.raises(InvalidAnswersFile) as caught:
        parse_answers(with_actions({"id": "=HYPERLINK(" + "x" * 500_000}))
    (quoted,) = re.findall(r'"([^"]*)"', str(caught.value))
    assert len(quoted) == 40 and quoted.endswith("…") and quoted.startswith("=HYPERLINK(")


def test_an_excerpt_drops_direction_overrides_and_zero_width_characters():
    assert excerpt("abc\u202edef\u200bghi\u0000") == "abcdefghi"
    assert excerpt("word " * 20) == "word word word word word word word word…"


# --- any value anywhere: a refusal in plain words, never a crash ----------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
# Where a hand edit might put something: each place a field of the file sits.
PLACES = [("schema_version",), ("profile",), ("profile", "practices"), ("profile", "practices", 0, "name"),
          ("profile", "practices", 0, "list_size"), ("profile", "practices", 0, "contracts"), ("profile", "aims"),
          ("profile", "preferences", "profit"), ("profile", "respondent_role"), ("readiness",),
          ("readiness", "readiness_1"), ("principles",), ("principles", "1"), ("principles", "1", "current"),
          ("principles", "1", "note"), ("actions",), ("actions", 0), ("actions", 0, "id"), ("actions", 0, "due"),
          ("actions", 0, "principle"), ("updated",), ("extra",)]


def placed(where: tuple, value: object) -> str:
    data = json.loads(answers_json(profile={"practices": [{"name": "Ash"}]}, readiness={"readiness_1": 1},
                                   principles={"1": {"current": 1}}, actions=[{"id": "a1", "action": "Do it"}]))
    holder = data
    for step in where[:-1]:
        holder = holder.setdefault(step, {}) if isinstance(holder, dict) else holder[step]
    holder[where[-1]] = value
    return json.dumps(data)


@settings(max_examples=150, deadline=None)
@given(where=st.sampled_from(PLACES), value=JSON_VALUES)
def test_any_value_in_any_place_is_read_or_refused_in_a_short_plain_message(where, value):
    try:
        check_answers(parse_answers(placed(where, value)), make_content())
    except InvalidAnswersFile as refused:
        message = str(refused)
        assert len(message) <= 200, message
        assert not any(word in message for word in PROGRAMMER_WORDS), message
