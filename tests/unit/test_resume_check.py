"""Resuming from a code checks the saved answers as an uploaded file is checked (with a small fake store)."""

from __future__ import annotations

import pytest

from assessment.answers import Answers
from assessment.autosave import resume_with_earlier
from assessment.content_models import Aim
from assessment.errors import InvalidAnswersFile
from tests.factories import CITE, make_content

CONTENT = make_content().model_copy(update={"aims": [Aim(id="capacity", label="Capacity", cite=CITE)]})


class FakeStore:
    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    def load_self_assessment_and_earlier(self, code: str, client) -> tuple[Answers, None]:
        return self.answers, None


def resume(store: FakeStore, code: str, client: str, content) -> Answers:
    return resume_with_earlier(store, code, client, content)[0]


def test_resumed_answers_the_content_can_show_come_back():
    saved = Answers(readiness={"readiness_1": 2})
    saved.profile.aims = ["capacity"]
    assert resume(FakeStore(saved), "CODE", "test", CONTENT) == saved


@pytest.mark.parametrize(("change", "words"), [
    (lambda a: a.profile.aims.append("world_domination"), '"world_domination", which is not an aim'),
    (lambda a: a.readiness.update({"readiness_1": 9}), 'The readiness answer to "readiness_1" is 9'),
])
def test_resumed_answers_a_page_could_not_show_are_refused_in_plain_words(change, words):
    saved = Answers()
    change(saved)
    with pytest.raises(InvalidAnswersFile) as caught:
        resume(FakeStore(saved), "CODE", "test", CONTENT)
    assert words in str(caught.value)
