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
from assessment.autosave import AutosaveStatus


class Keys:
    """Every session-state key GroupUp uses. Widget keys are built with widget_key()."""

    ANSWERS = "gu_answers"
    FLASH = "gu_flash"  # (kind, message) shown once at the top of the next run
    UPLOAD_NONCE = "gu_upload_nonce"  # bumped to give the uploader a fresh, empty key
    UPLOAD_MESSAGE = "gu_upload_message"  # (kind, message) about the last upload, shown once under the uploader
    RESUME_CODE = "gu_resume_code"  # autosave code for this browser's self-assessment
    WORKSHOP = "gu_workshop"  # participant's joined workshop context (dict), if any
    FACILITATOR = "gu_facilitator"  # facilitator's workshop context (dict), if any
    RESUME_TRIED = "gu_resume_tried"  # the ?resume= code this session has already tried to load
    AUTOSAVE_ERROR = "gu_autosave_error"  # why the database could not be opened at all, if it could not
    AUTOSAVE = "gu_autosave"  # assessment.autosave.AutosaveStatus: are this tab's answers saved yet
    EARLIER_CODE = "gu_earlier_code"  # the resume code of answers this tab replaced wholesale, still saved
    PRINCIPLE_SHOWN = "gu_principle_shown"  # the design principle the principles page shows; None: not yet chosen
    RETRY_ARMED = "gu_retry_armed"  # a page waiting for the database has drawn once and now retries
    DEVICE_TRIED = "gu_device_tried"  # this session has already looked at the device's workshop cookie
    JOIN_LINK_TRIED = "gu_join_link_tried"  # the ?code= of a join link this session has already tried
    EARLIER = "gu_earlier"  # an earlier assessment (Answers) set beside this one on Results, the PDF and the CSV
    EARLIER_NONCE = "gu_earlier_nonce"  # bumped to give the earlier-file uploader a fresh, empty key


DEFAULTS: dict[str, Callable[[], Any]] = {
    Keys.ANSWERS: Answers,
    Keys.FLASH: lambda: None,
    Keys.UPLOAD_NONCE: lambda: 0,
    Keys.UPLOAD_MESSAGE: lambda: None,
    Keys.RESUME_CODE: lambda: None,
    Keys.WORKSHOP: lambda: None,
    Keys.FACILITATOR: lambda: None,
    Keys.RESUME_TRIED: lambda: None,
    Keys.AUTOSAVE_ERROR: lambda: None,
    Keys.AUTOSAVE: AutosaveStatus,
    Keys.EARLIER_CODE: lambda: None,
    Keys.PRINCIPLE_SHOWN: lambda: None,
    Keys.RETRY_ARMED: lambda: False,
    Keys.DEVICE_TRIED: lambda: False,
    Keys.JOIN_LINK_TRIED: lambda: None,
    Keys.EARLIER: lambda: None,
    Keys.EARLIER_NONCE: lambda: 0,
}


def init_state() -> None:
    # Called by every accessor, so several times a rerun: the last key declared is set last, once all are.
    if _LAST_KEY in st.session_state:
        return
    for key, make in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = make()


_LAST_KEY = next(reversed(DEFAULTS))


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


def set_answers(answers: Answers, resume_code: str | None = None) -> None:
    """Replace the whole answers object (e.g. after an upload) and drop seeded widget values.

    The new answers are autosaved under `resume_code` (when resuming those very answers) or a fresh code,
    never over the replaced ones, which stay saved under their own code.
    """
    init_state()
    replaced = st.session_state[Keys.RESUME_CODE]
    if replaced and replaced != resume_code:
        st.session_state[Keys.EARLIER_CODE] = replaced
    st.session_state[Keys.RESUME_CODE] = resume_code
    st.session_state[Keys.ANSWERS] = answers
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("w_")]:
        del st.session_state[key]
    _after_change(answers)


def update_answers(change: Callable[[Answers], None]) -> None:
    """Apply a change to the answers in place, then run the change hooks."""
    answers = get_answers()
    change(answers)
    if answers.created is None:  # the first change made in GroupUp dates the assessment; a loaded file keeps its own
        answers.created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _after_change(answers)  # after dating it, so autosave keeps the date too


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


def reset_widget(key: str, value: Any) -> None:
    """Put a value into a widget from a callback (e.g. empty a box once its text is used): the browser shows it too.

    Deleting the key instead leaves the browser showing the old text, which the next run sends back.
    """
    st.session_state[key] = value


def widget_value(key: str) -> Any:
    """A widget's current value, read in its on_change callback."""
    return st.session_state.get(key)


def forget_widgets(prefix: str) -> None:
    """Drop the values of widgets whose key starts with widget_key(prefix), so they are seeded afresh."""
    start = widget_key(prefix)
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(start)]:
        del st.session_state[key]


def upload_key() -> str:
    """The answers uploader's key. Not a "w_" key: set_answers clears those, and this must outlive a load."""
    init_state()
    return f"gu_upload_{st.session_state[Keys.UPLOAD_NONCE]}"


def finish_upload(message: tuple[str, str]) -> None:
    """Record what became of an upload, and give the uploader a fresh key so it shows empty again."""
    st.session_state.pop(upload_key(), None)
    st.session_state[Keys.UPLOAD_NONCE] += 1
    st.session_state[Keys.UPLOAD_MESSAGE] = message


def pop_upload_message() -> tuple[str, str] | None:
    init_state()
    value = st.session_state[Keys.UPLOAD_MESSAGE]
    st.session_state[Keys.UPLOAD_MESSAGE] = None
    return value


def get_value(key: str) -> Any:
    """A plain (non-widget) value from the registry, e.g. get_value(Keys.WORKSHOP)."""
    init_state()
    return st.session_state[key]


def set_value(key: str, value: Any) -> None:
    """Set a plain value declared in Keys (never a widget's: those are written by their widgets)."""
    if key not in DEFAULTS:
        raise KeyError(f"{key!r} is not declared in ui.state.Keys")
    st.session_state[key] = value
