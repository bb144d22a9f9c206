"""Autosave of the self-assessment under a resume code, resuming from a ?resume=CODE link, and who is asking.

app.py calls install() and resume_from_link() on every run; ui/layout.py shows autosave_panel() in the sidebar.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assessment.answers import Answers
from assessment.errors import GroupUpError
from assessment.storage import RESUME_CODE_LENGTH, format_code, get_storage, normalise_code
from ui.state import Keys, flash, get_value, on_answers_changed, set_answers, set_value
from ui.widgets import escape_markdown

RESUME_PARAM = "resume"
# Wrong codes allowed per window: a browser tab gets few; a whole address (a practice's shared internet
# connection, or a room on the same wifi at an away-day) gets many more.
SESSION_LIMIT = 5
ADDRESS_LIMIT = 60


def client_keys() -> dict[str, int]:
    """Who is trying a code, for slowing repeated wrong codes: this tab's session, and its network address."""
    ctx = get_script_run_ctx()
    keys = {f"session:{ctx.session_id if ctx else 'none'}": SESSION_LIMIT}
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 — no request context (bare mode); the session alone will do
        address = None
    if isinstance(address, str) and address:
        keys[f"ip:{address}"] = ADDRESS_LIMIT
    return keys


def app_base_url() -> str:
    """The app's address without page or query, e.g. https://groupup.example.nhs.uk; empty if unknown."""
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001
        url = None
    if not isinstance(url, str) or not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _autosave(answers: Answers) -> None:
    """Run after every change to the answers: save them under this tab's resume code, making one at first."""
    try:
        code = get_storage().save_self_assessment(answers, get_value(Keys.RESUME_CODE))
    except GroupUpError as exc:
        # Never lose the change in the tab because the database is away; say so in the sidebar instead.
        set_value(Keys.AUTOSAVE_ERROR, str(exc))
        return
    set_value(Keys.AUTOSAVE_ERROR, None)
    set_value(Keys.RESUME_CODE, code)
    st.query_params[RESUME_PARAM] = format_code(code)


def install() -> None:
    on_answers_changed(_autosave)


def resume_from_link() -> None:
    """If the address has ?resume=CODE, load those answers once per session. A wrong code changes nothing."""
    typed = st.query_params.get(RESUME_PARAM)
    if not typed:
        return
    code = normalise_code(typed)
    if code in (get_value(Keys.RESUME_CODE), get_value(Keys.RESUME_TRIED)):
        return
    set_value(Keys.RESUME_TRIED, code)
    try:
        answers = get_storage().load_self_assessment(code, client_keys()) if len(code) == RESUME_CODE_LENGTH \
            else None
    except GroupUpError as exc:
        flash("error", f"Your answers could not be restored from the link. {exc}")
        return
    if answers is None:
        flash("error", "That resume code is not the right length: it has fifteen letters and digits, like "
                       "ABCDE-23456-FGHJK. Nothing in this tab has been changed.")
        return
    set_value(Keys.RESUME_CODE, code)
    set_answers(answers)
    flash("success", escape_markdown(
        f"Welcome back. Your answers for {answers.profile.display_name} have been restored."))


def resume_link(code: str) -> str:
    return f"{app_base_url()}/?{RESUME_PARAM}={format_code(code)}"


def autosave_panel() -> None:
    """A small note for the sidebar: whether answers are autosaved, and the code or link to carry on later."""
    code = get_value(Keys.RESUME_CODE)
    error = get_value(Keys.AUTOSAVE_ERROR)
    st.subheader("Autosave")
    if error:
        st.warning(f"Your latest change could not be saved automatically. {error} Save your answers to a file "
                   "to be safe.", icon=":material/cloud_off:")
    if code is None:
        st.caption("Your answers will be saved automatically once you start, with a code to carry on later.")
        return
    # Keep the address bar's link current, so reloading the tab brings the answers back.
    if st.query_params.get(RESUME_PARAM) != format_code(code):
        st.query_params[RESUME_PARAM] = format_code(code)
    st.caption(":material/cloud_done: Saved automatically. To carry on later or on another computer, keep this "
               "resume code or link. Anyone who has it can see and change these answers.")
    st.code(format_code(code), language=None)
    st.code(resume_link(code), language=None, wrap_lines=True)
