"""Autosave's decision: save a self-assessment now, or keep it pending in the tab and save it on a later try.

The Streamlit side (ui/autosave.py) holds an AutosaveStatus per tab and only draws it; the storage is passed in,
so a test can hand these functions a small fake that fails on demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from assessment.answers import Answers, check_answers
from assessment.content_models import Content
from assessment.errors import GroupUpError

# A change waits at most this long for a busy database: the page still has to be drawn after it, and a person
# must be told what happened within five seconds. A retry of pending answers, on a later run, waits only
# briefly, so the page stays quick while the database is busy.
CHANGE_WAIT_S = 2.0
RETRY_WAIT_S = 0.3
# No retry this soon after the last try (a change and the run it causes would otherwise try twice in a row).
RETRY_GAP_S = 1.0
# While answers are pending, the sidebar tries again this often without anyone clicking.
RETRY_EVERY_S = 5

PENDING_MESSAGE = "Your answers are kept in this tab and will be saved as soon as the database is free."
SAVED_MESSAGE = "Your answers have now been saved."


class SelfAssessmentStore(Protocol):
    def save_self_assessment(self, answers: Answers, code: str | None = None, *, wait_s: float = ...) -> str: ...


class ResumeStore(Protocol):
    def load_self_assessment_and_earlier(self, code: str,
                                         client: str | Mapping[str, int]) -> tuple[Answers, Answers | None]: ...


def resume_with_earlier(store: ResumeStore, code: str, client: str | Mapping[str, int],
                        content: Content) -> tuple[Answers, Answers | None]:
    """The answers saved under a resume code, checked as an uploaded file is (saved before a check existed, they
    must still not crash a page), with the earlier assessment kept beside them: None if none, or if it no longer
    passes the check, and the answers still come back. Raises a GroupUpError with a message for people."""
    answers, earlier = store.load_self_assessment_and_earlier(code, client)
    check_answers(answers, content)
    if earlier is not None:
        try:
            check_answers(earlier, content)
        except GroupUpError:
            earlier = None
    return answers, earlier


class AutosaveStatus(BaseModel):
    """Where one tab's autosave stands: its resume code, and whether its latest answers are still unsaved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str | None = None
    pending: bool = False
    # Set on the save that ends a pending spell, so the sidebar can say the answers are safe now.
    caught_up: bool = False
    tried_at: float | None = None  # when the last save was tried, on the caller's clock (seconds)

    @property
    def message(self) -> str | None:
        if self.pending:
            return PENDING_MESSAGE
        return SAVED_MESSAGE if self.caught_up else None


def _save(store: SelfAssessmentStore, answers: Answers, status: AutosaveStatus, wait_s: float,
          now: float) -> AutosaveStatus:
    try:
        code = store.save_self_assessment(answers, status.code, wait_s=wait_s)
    except GroupUpError:
        # Nothing is lost: the answers stay in the tab, and the next try saves whatever they are by then.
        return status.model_copy(update={"pending": True, "caught_up": False, "tried_at": now})
    return AutosaveStatus(code=code, pending=False, caught_up=status.pending, tried_at=now)


def save_change(store: SelfAssessmentStore, answers: Answers, status: AutosaveStatus, now: float) -> AutosaveStatus:
    """After a change to the answers: save them, waiting a few seconds at most for a busy database.

    Once the person has been told their answers are pending, a further change waits only briefly: they know,
    and every click should not stall while the database stays busy.
    """
    return _save(store, answers, status, RETRY_WAIT_S if status.pending else CHANGE_WAIT_S, now)


def retry_pending(store: SelfAssessmentStore, answers: Answers, status: AutosaveStatus, now: float) -> AutosaveStatus:
    """On a later run: save answers that are still pending, with a brief wait.

    Saved answers are left alone, and so are answers tried less than RETRY_GAP_S ago.
    """
    if not status.pending or (status.tried_at is not None and now - status.tried_at < RETRY_GAP_S):
        return status
    return _save(store, answers, status, RETRY_WAIT_S, now)
