"""Autosave's decision, with a small fake storage: a refused save keeps the answers pending, a later try saves them."""

from __future__ import annotations

from assessment.answers import Answers, PrincipleAnswer
from assessment.autosave import (
    CHANGE_WAIT_S,
    PENDING_MESSAGE,
    RETRY_GAP_S,
    RETRY_WAIT_S,
    SAVED_MESSAGE,
    AutosaveStatus,
    resume_with_earlier,
    retry_pending,
    save_change,
)
from assessment.content import get_content
from assessment.storage import StorageError


class FakeStore:
    """Saves into a dict, or refuses as a stopped database would while `down` is set."""

    def __init__(self) -> None:
        self.down = False
        self.saved: dict[str, Answers] = {}
        self.waits: list[float] = []

    def save_self_assessment(self, answers: Answers, code: str | None = None, *, wait_s: float) -> str:
        self.waits.append(wait_s)
        if self.down:
            raise StorageError("GroupUp could not reach its database just now.")
        code = code or f"CODE{len(self.saved)}"
        self.saved[code] = answers.model_copy(deep=True)
        return code


def answers_with(level: int) -> Answers:
    answers = Answers()
    answers.readiness["q1"] = level
    return answers


def test_a_change_is_saved_under_a_new_code_and_nothing_is_pending():
    store = FakeStore()
    status = save_change(store, answers_with(1), AutosaveStatus(), now=10.0)
    assert status == AutosaveStatus(code="CODE0", tried_at=10.0) and status.message is None
    assert store.saved["CODE0"].readiness["q1"] == 1


def test_a_change_the_database_refuses_is_kept_pending_with_a_plain_message():
    store = FakeStore()
    store.down = True
    status = save_change(store, answers_with(2), AutosaveStatus(), now=10.0)
    assert status.pending and status.message == PENDING_MESSAGE
    assert store.saved == {} and store.waits == [CHANGE_WAIT_S]


def test_pending_answers_are_saved_by_a_later_retry_once_the_database_is_back_and_that_is_said():
    store = FakeStore()
    status = save_change(store, answers_with(1), AutosaveStatus(), now=10.0)
    store.down = True
    status = save_change(store, answers_with(2), status, now=20.0)
    status = retry_pending(store, answers_with(3), status, now=25.0)  # still down: still pending, nothing lost
    assert status.pending and store.saved["CODE0"].readiness["q1"] == 1
    store.down = False
    status = retry_pending(store, answers_with(3), status, now=30.0)
    assert status == AutosaveStatus(code="CODE0", pending=False, caught_up=True, tried_at=30.0)
    assert status.message == SAVED_MESSAGE
    assert store.saved["CODE0"].readiness["q1"] == 3  # the latest answers, under the same code


def test_retries_and_changes_while_pending_wait_only_briefly():
    store = FakeStore()
    store.down = True
    status = save_change(store, answers_with(1), AutosaveStatus(), now=10.0)
    status = retry_pending(store, answers_with(1), status, now=15.0)
    save_change(store, answers_with(2), status, now=20.0)
    assert store.waits == [CHANGE_WAIT_S, RETRY_WAIT_S, RETRY_WAIT_S]


def test_no_retry_follows_a_try_made_moments_ago():
    store = FakeStore()
    store.down = True
    status = save_change(store, answers_with(1), AutosaveStatus(), now=10.0)
    assert retry_pending(store, answers_with(1), status, now=10.0 + RETRY_GAP_S / 2) is status
    retry_pending(store, answers_with(1), status, now=10.0 + RETRY_GAP_S)
    assert store.waits == [CHANGE_WAIT_S, RETRY_WAIT_S]


def test_a_retry_with_nothing_pending_does_not_touch_the_database():
    store = FakeStore()
    status = AutosaveStatus(code="CODE9")
    assert retry_pending(store, answers_with(1), status, now=10.0) is status
    assert store.waits == []


class ResumeStoreWithEarlier:
    """Gives back one saved pair of answers and the earlier assessment kept with them."""

    def __init__(self, answers: Answers, earlier: Answers | None) -> None:
        self.pair = (answers, earlier)

    def load_self_assessment_and_earlier(self, code: str, client) -> tuple[Answers, Answers | None]:
        return self.pair


def test_resuming_brings_back_the_earlier_assessment_kept_with_the_answers():
    store = ResumeStoreWithEarlier(answers_with(2), answers_with(1))
    answers, earlier = resume_with_earlier(store, "CODE0", "tab", get_content())
    assert (answers.readiness["q1"], earlier.readiness["q1"]) == (2, 1)


def test_an_earlier_assessment_the_content_no_longer_allows_is_dropped_and_the_answers_still_come_back():
    unknown_principle = Answers(principles={13: PrincipleAnswer(current=1, target=2)})  # there are twelve
    answers, earlier = resume_with_earlier(ResumeStoreWithEarlier(answers_with(2), unknown_principle), "CODE0", "tab",
                                           get_content())
    assert (answers.readiness["q1"], earlier) == (2, None)
