"""Reading answers files: good files load, older ones migrate, bad ones get a clear message."""

import json

import pytest

from assessment.answers import MAX_ANSWERS_BYTES, SCHEMA_VERSION, Answers, PrincipleAnswer, parse_answers
from assessment.errors import InvalidAnswersFile, UnknownSchemaVersion


def answers_json(**changes) -> str:
    data = json.loads(Answers().to_json())
    data.update(changes)
    return json.dumps(data)


def test_a_saved_file_loads_back_to_the_same_answers():
    answers = Answers()
    answers.profile.practices[0].name = "St Mary's & Dr Ó'Brien — \"Northside\" £"
    answers.readiness["q1"] = 2
    answers.principles[3] = PrincipleAnswer(current=1, target=3, note="we use e-consults")
    assert parse_answers(answers.to_json()) == answers


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
    ],
    ids=["binary", "broken-json", "foreign-json", "json-list", "future-version", "bad-version",
         "wrong-answer-type", "level-out-of-range", "wrong-profile-type"],
)
def test_a_bad_file_gets_a_clear_message(raw, error, words):
    with pytest.raises(error) as caught:
        parse_answers(raw)
    assert words in str(caught.value)


def test_an_oversized_file_is_refused_before_it_is_parsed():
    raw = b" " * (MAX_ANSWERS_BYTES + 1)
    with pytest.raises(InvalidAnswersFile, match="largest accepted is 1 MB"):
        parse_answers(raw)
