"""The one registry of session-state keys, and the only code that reads or writes them.

Answers live in one pydantic model under a plain (non-widget) key, because Streamlit deletes a
widget's state when its page is not drawn. Widgets are seeded from the model and write back in
their on_change callbacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from assessment.answers import Answers


class Keys:
    """Every session-state key GroupUp uses. Widget keys are built with widget_key()."""

    ANSWERS = "gu_answers"
    FLASH = "gu_flash"  # (kind, message) shown once at the top of the next run
    UPLOAD_NONCE = "gu_upload_nonce"  # bumped to give the uploader a fresh, empty key
    RESUME_CODE = "gu_resume_code"  # autosave code for this browser's self-assessment
    WORKSHOP = "gu_workshop"  # participant's joined workshop context (dict), if any
    FACILITATOR = "gu_facilitator"  # facilitator's workshop context (dict), if any


DEFAULTS: dict[str, Callable[[], Any]] = {
    Keys.ANSWERS: Answers,
    Keys.FLASH: lambda: None,
    Keys.UPLOAD_NONCE: lambda: 0,
    Keys.RESUME_CODE: lambda: None,
    Keys.WORKSHOP: lambda: None,
    Keys.FACILITATOR: lambda: None,
}


def init_state() -> None:
    for key, make in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = make()


def widget_key(*parts: object) -> str:
    return "w_" + "_".join(str(p) for p in parts)


def get_answers() -> Answers:
    init_state()
    return st.session_state[Keys.ANSWERS]


def _after_change(answers: Answers) -> None:
    answers.updated = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for hook in _CHANGE_HOOKS:
        hook(answers)


_CHANGE_HOOKS: list[Callable[[Answers], None]] = []


def on_answers_changed(hook: Callable[[Answers], None]) -> None:
    """Register a hook (e.g. autosave) run after every change to the answers."""
    if hook not in _CHANGE_HOOKS:
        _CHANGE_HOOKS.append(hook)


def set_answers(answers: Answers) -> None:
    """Replace the whole answers object (e.g. after an upload) and drop seeded widget values."""
    st.session_state[Keys.ANSWERS] = answers
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("w_")]:
        del st.session_state[key]
    _after_change(answers)


def update_answers(change: Callable[[Answers], None]) -> None:
    """Apply a change to the answers in place, then run the change hooks."""
    answers = get_answers()
    change(answers)
    _after_change(answers)


def seed(key: str, value: Any) -> None:
    """Give a widget its value from the model when it is first drawn on this visit to the page."""
    if key not in st.session_state:
        st.session_state[key] = value


def flash(kind: str, message: str) -> None:
    st.session_state[Keys.FLASH] = (kind, message)


def pop_flash() -> tuple[str, str] | None:
    init_state()
    value = st.session_state.get(Keys.FLASH)
    st.session_state[Keys.FLASH] = None
    return value
