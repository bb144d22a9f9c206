"""Autosave of the self-assessment under a resume code, resuming from a code or a ?resume=CODE link, and who is asking.

app.py calls install() and resume_from_link() on every run; ui/layout.py shows autosave_panel() in the sidebar.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assessment.answers import Answers
from assessment.errors import GroupUpError
from assessment.storage import RESUME_CODE_LENGTH, format_code, get_storage, normalise_code
from ui.state import Keys, flash, get_value, on_answers_changed, set_answers, set_value, widget_key, widget_value
from ui.widgets import escape_markdown

RESUME_PARAM = "resume"
# Wrong codes allowed per window: a browser tab gets few; a whole address (a practice's shared internet
# connection, or a room on the same wifi at an away-day) gets many more.
SESSION_LIMIT = 5
ADDRESS_LIMIT = 60
# Behind a reverse proxy every request comes from the proxy's address. Name the header the proxy sets
# (e.g. X-Forwarded-For) and the address it appends last is used instead.
CLIENT_IP_HEADER_ENV = "GROUPUP_CLIENT_IP_HEADER"


def pick_client_address(peer: str | None, forwarded: str | None, trust_header: bool) -> str | None:
    """The client's address: the last one a trusted proxy appended to its header, else the connection's peer.

    Only the last entry is the proxy's own record; earlier ones are whatever the client chose to send.
    """
    candidate = (forwarded or "").split(",")[-1].strip() if trust_header else (peer or "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _client_address() -> str | None:
    header = os.environ.get(CLIENT_IP_HEADER_ENV, "").strip()
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get(header) if header else None
    except Exception:  # noqa: BLE001 — no request context (bare mode, AppTest); the session alone will do
        return None
    return pick_client_address(peer, forwarded, trust_header=bool(header))


def client_keys() -> dict[str, int]:
    """Who is trying a code, for slowing repeated wrong codes: this tab's session, and its network address."""
    ctx = get_script_run_ctx()
    keys = {f"session:{ctx.session_id if ctx else 'none'}": SESSION_LIMIT}
    address = _client_address()
    if address:
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
    """Open (and so create or migrate) the database as the app starts, and autosave every change."""
    on_answers_changed(_autosave)
    try:
        get_storage()
    except GroupUpError as exc:
        set_value(Keys.AUTOSAVE_ERROR, str(exc))


def resume_with_code(typed: str) -> tuple[str, str]:
    """Load the answers saved under a typed or linked code. Returns (kind, escaped message); a miss changes nothing."""
    code = normalise_code(typed)
    if len(code) != RESUME_CODE_LENGTH:
        return "error", ("That resume code is not the right length: it has fifteen letters and digits, like "
                         "ABCDE\\-23456\\-FGHJK. Nothing in this tab has been changed.")
    try:
        answers = get_storage().load_self_assessment(code, client_keys())
    except GroupUpError as exc:
        return "error", escape_markdown(f"Your answers could not be restored. {exc}")
    set_answers(answers, resume_code=code)
    return "success", escape_markdown(
        f"Welcome back. Your answers for {answers.profile.display_name} have been restored.")


def resume_from_link() -> None:
    """If the address has ?resume=CODE, load those answers once per session. A wrong code changes nothing."""
    typed = st.query_params.get(RESUME_PARAM)
    if not typed:
        return
    code = normalise_code(typed)
    if code in (get_value(Keys.RESUME_CODE), get_value(Keys.RESUME_TRIED)):
        return
    set_value(Keys.RESUME_TRIED, code)
    flash(*resume_with_code(code))


def _resume_typed() -> None:
    typed = widget_value(widget_key("autosave", "code")) or ""
    if typed.strip():
        flash(*resume_with_code(typed))


def _forget() -> None:
    code = get_value(Keys.RESUME_CODE)
    if code is None:
        return
    try:
        get_storage().delete_self_assessment(code)
    except GroupUpError as exc:
        flash("error", escape_markdown(f"The saved copy could not be deleted. {exc}"))
        return
    set_value(Keys.RESUME_CODE, None)
    set_value(Keys.RESUME_TRIED, code)  # the address may still carry it until the next change
    st.query_params.pop(RESUME_PARAM, None)
    flash("success", "The saved copy of your answers has been deleted from GroupUp's database. The answers are "
                     "still in this tab until you close it; the next change starts a new saved copy.")


def resume_link(code: str) -> str:
    return f"{app_base_url()}/?{RESUME_PARAM}={format_code(code)}"


def autosave_panel() -> None:
    """The sidebar's autosave note: the code or link to carry on later, a box to type one, and a way to forget."""
    code = get_value(Keys.RESUME_CODE)
    error = get_value(Keys.AUTOSAVE_ERROR)
    st.subheader("Autosave")
    if error:
        st.warning(f"Your latest change could not be saved automatically. {escape_markdown(error)} Save your "
                   "answers to a file to be safe.", icon=":material/cloud_off:")
    if code is None:
        st.caption("Your answers will be saved automatically once you start, with a code to carry on later.")
    else:
        # Keep the address bar's link current, so reloading the tab brings the answers back.
        if st.query_params.get(RESUME_PARAM) != format_code(code):
            st.query_params[RESUME_PARAM] = format_code(code)
        st.caption(":material/cloud_done: Saved automatically. To carry on later or on another computer, keep "
                   "this resume code or link. Anyone who has it can see and change these answers.")
        st.code(format_code(code), language=None)
        st.code(resume_link(code), language=None, wrap_lines=True)
    earlier = get_value(Keys.EARLIER_CODE)
    if earlier and earlier != code:
        st.caption(f"The answers this tab had before are still saved under {format_code(earlier)}.")
    with st.expander("Carry on from a resume code"):
        st.text_input("Resume code", key=widget_key("autosave", "code"), placeholder="ABCDE-23456-FGHJK",
                      max_chars=40, help="The fifteen letters and digits shown here when you last answered.")
        st.button("Carry on", key=widget_key("autosave", "resume"), on_click=_resume_typed,
                  icon=":material/restore:")
    if code is not None:
        st.button("Forget saved answers", key=widget_key("autosave", "forget"), on_click=_forget,
                  icon=":material/delete:",
                  help="Delete the copy GroupUp keeps under your resume code. The answers stay in this tab.")
