"""Autosave of the self-assessment under a resume code, resuming from a code or a ?resume=CODE link, and who is asking.

app.py calls install() and resume_from_link() on every run; ui/layout.py shows autosave_panel() in the sidebar.
"""

from __future__ import annotations

import ipaddress
import time
from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assessment import autosave as service
from assessment.answers import Answers
from assessment.content import get_content
from assessment.errors import GroupUpError, excerpt
from assessment.settings import settings
from assessment.storage import FAILURE_LIMIT, RESUME_CODE_LENGTH, format_code, get_storage, normalise_code
from ui import reconnect
from ui.state import (
    Keys,
    flash,
    get_answers,
    get_value,
    on_answers_changed,
    set_answers,
    set_value,
    widget_key,
    widget_value,
)
from ui.widgets import escape_markdown

RESUME_PARAM = "resume"
# Wrong codes allowed per window: a browser tab gets few; a whole address (a practice's shared internet
# connection, or a room on the same wifi at an away-day) gets many more.
SESSION_LIMIT = FAILURE_LIMIT
ADDRESS_LIMIT = 60


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
    # Behind a reverse proxy every request comes from the proxy's address. GROUPUP_CLIENT_IP_HEADER names the
    # header the proxy sets (e.g. X-Forwarded-For), and the address it appends last is used instead.
    header = (settings().client_ip_header or "").strip()
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


class _AppStore:
    """The process's storage, opened when first used, so a database that cannot be opened counts as busy."""

    def save_self_assessment(self, answers: Answers, code: str | None = None, *, wait_s: float) -> str:
        # The earlier assessment set beside these answers on Results is saved with them, so a reload brings it back.
        return get_storage().save_self_assessment(answers, code, wait_s=wait_s, earlier=get_value(Keys.EARLIER))


def _status() -> service.AutosaveStatus:
    # The resume code is kept under its own key, which set_answers() also sets.
    return get_value(Keys.AUTOSAVE).model_copy(update={"code": get_value(Keys.RESUME_CODE)})


def _keep(status: service.AutosaveStatus) -> None:
    set_value(Keys.AUTOSAVE, status)
    set_value(Keys.RESUME_CODE, status.code)
    if status.code is not None:
        st.query_params[RESUME_PARAM] = format_code(status.code)


def _autosave(answers: Answers) -> None:
    """Run after every change to the answers: save them under this tab's resume code, making one at first."""
    _keep(service.save_change(_AppStore(), answers, _status(), time.monotonic()))


def save_now() -> None:
    """Save the answers now, with the earlier assessment set beside them: for a change that is not to the answers
    themselves (setting or putting away an earlier assessment), which the change hooks do not see."""
    _autosave(get_answers())


def retry_pending() -> None:
    """Save answers a busy database refused earlier; a no-op when everything is saved."""
    if get_value(Keys.AUTOSAVE).pending:
        _keep(service.retry_pending(_AppStore(), get_answers(), _status(), time.monotonic()))


def install() -> None:
    """Open (and so create or migrate) the database as the app starts, and autosave every change.

    Answers a busy database refused are tried again by the sidebar's autosave panel, on every run.
    """
    on_answers_changed(_autosave)
    try:
        get_storage()
    except GroupUpError as exc:
        set_value(Keys.AUTOSAVE_ERROR, str(exc))
        return
    set_value(Keys.AUTOSAVE_ERROR, None)


def resume_with_code(typed: str) -> tuple[str, str]:
    """Load the answers saved under a typed or linked code. Returns (kind, escaped message); a miss changes nothing."""
    code = normalise_code(typed)
    if len(code) != RESUME_CODE_LENGTH:
        return "error", ("That resume code is not the right length: it has fifteen letters and digits, like "
                         "ABCDE\\-23456\\-FGHJK. Nothing in this tab has been changed.")
    try:
        answers, earlier = service.resume_with_earlier(get_storage(), code, client_keys(), get_content())
    except GroupUpError as exc:
        return "error", escape_markdown(f"Your answers could not be restored. {exc}")
    set_value(Keys.EARLIER, earlier)  # first: restoring the answers saves them again, with the earlier one
    set_answers(answers, resume_code=code)
    return "success", escape_markdown(
        f"Welcome back. Your answers for {excerpt(answers.profile.display_name, 80)} have been restored.")


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


def autosave_panel(self_assessment: bool = True) -> None:
    """The sidebar's autosave note; while answers wait for the database, it tries again every few seconds.

    It is also the app's one timed fragment, which makes a tab that reconnects after a restart run the app again
    (ui/reconnect.py explains why that matters). On the workshop pages it is drawn all the same, for its timer,
    but says nothing about resume codes unless this tab's own self-assessment answers are still waiting.
    """
    pending = get_value(Keys.AUTOSAVE).pending
    st.fragment(_panel, run_every=reconnect.panel_timer(service.RETRY_EVERY_S, pending))(pending, self_assessment)


def _panel(was_pending: bool, self_assessment: bool = True) -> None:
    """Whether the latest answers are saved yet, the code or link to carry on later, a box to type one, forget."""
    # Every run of the page draws this panel, and so does each timed run while answers wait: both try again.
    if was_pending:
        retry_pending()
    code = get_value(Keys.RESUME_CODE)
    status = _status()
    error = get_value(Keys.AUTOSAVE_ERROR)
    if not self_assessment:
        # Someone joining or running a workshop is not filling in a self-assessment: a resume code here would read
        # as if it kept their workshop answers. Only answers this tab gave earlier and has not saved yet are named.
        if status.pending:
            st.subheader("Autosave")
            st.warning(f"Your self-assessment: {status.message}", icon=":material/cloud_off:")
        return
    st.subheader("Autosave")
    if status.pending:
        st.warning(status.message, icon=":material/cloud_off:")
        if error:
            st.caption(escape_markdown(error))
    elif status.caught_up:
        st.success(status.message, icon=":material/cloud_done:")
        set_value(Keys.AUTOSAVE, status.model_copy(update={"caught_up": False}))  # said once
    if code is None:
        st.caption("Your answers will be saved automatically once you start, with a code to carry on later.")
    else:
        # Keep the address bar's link current, so reloading the tab brings the answers back.
        if st.query_params.get(RESUME_PARAM) != format_code(code):
            st.query_params[RESUME_PARAM] = format_code(code)
        st.caption(":material/cloud_done: Saved automatically. To carry on later or on another computer, keep "
                   "this resume code or link. Anyone who has it can see and change these answers.")
        st.code(format_code(code), language=None, wrap_lines=True)
        st.code(resume_link(code), language=None, wrap_lines=True)
    earlier = get_value(Keys.EARLIER_CODE)
    if earlier and earlier != code:
        st.caption(f"The answers this tab had before are still saved under {format_code(earlier)}.")
    with st.expander("Carry on from a resume code"), st.form(widget_key("autosave", "resume_form"), border=False):
        # A form, so that pressing Enter in the box carries on, as "Carry on" does (a tester pressed Enter and
        # nothing happened), while leaving the box half-typed does nothing.
        st.text_input("Resume code", key=widget_key("autosave", "code"), placeholder="ABCDE-23456-FGHJK",
                      max_chars=40, help="The fifteen letters and digits shown here when you last answered.")
        resume = st.form_submit_button("Carry on", key=widget_key("autosave", "resume"), icon=":material/restore:")
    forget = code is not None and st.button(
        "Forget saved answers", key=widget_key("autosave", "forget"), icon=":material/delete:",
        help="Delete the copy GroupUp keeps under your resume code. The answers stay in this tab.")
    if resume or forget:
        # Not on_click: this panel is a fragment, so a click in it reruns the panel alone. Act, then run the
        # whole page, so that the restored answers, the progress and the message drawn outside it show at once.
        if resume:
            _resume_typed()
        else:
            _forget()
        st.rerun()
