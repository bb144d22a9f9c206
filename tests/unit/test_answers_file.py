"""Reading answers files: good files load, older ones migrate, bad ones get a clear message."""

import json
from pathlib import Path

import pytest

from assessment.answers import MAX_ANSWERS_BYTES, SCHEMA_VERSION, Answers, PrincipleAnswer, parse_answers
from assessment.errors import InvalidAnswersFile, UnknownSchemaVersion

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
        (answers_json(readiness={"q1": "lots"}), InvalidAnswersFile, "readiness"),
        (answers_json(principles={"2": {"current": 9}}), InvalidAnswersFile, "principles"),
        (answers_json(profile={"practices": [{"list_size": "big"}]}), InvalidAnswersFile, "list_size"),
        (answers_json(schema_version=0), UnknownSchemaVersion, "format 0 is not one GroupUp knows"),
        (answers_json(readiness={"q1": True}), InvalidAnswersFile, "readiness > q1"),
        (answers_json(readiness={"q1": 1.0}), InvalidAnswersFile, "readiness > q1"),
        (answers_json(principles={"2": {"current": True}}), InvalidAnswersFile, "principles > 2 > current"),
        (answers_json(principles={"2": {"target": "3"}}), InvalidAnswersFile, "principles > 2 > target"),
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
