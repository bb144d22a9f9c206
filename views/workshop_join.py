"""Join a workshop: enter its code, say which practice and role you are, and answer; each answer is saved at once."""

from __future__ import annotations

import re

import streamlit as st

from assessment.answers import ROLE_LABELS, Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.content_models import Principle, QuestionSection
from assessment.errors import GroupUpError, WorkshopNotFound
from assessment.storage import Storage, StorageError, format_code, get_storage, normalise_code
from assessment.workshop import SECTION_LABELS, AnsweringClosed, Participant, Workshop, level_names
from ui.autosave import app_base_url, client_keys
from ui.retry import back_online, offline_retrying
from ui.state import Keys, flash, forget_widgets, get_value, seed, set_value, widget_key, widget_value
from ui.widgets import NOT_SURE, NOT_SURE_LABEL, escape_markdown, numbered_label, or_flash

CODE_PARAM = "code"
TOKEN_PARAM = "participant"
# The device remembers who it joined as, so reopening the join link continues as the same participant.
COOKIE = "groupup_participant"
COOKIE_DAYS = 30
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
SAVE_RETRY = "3s"
FINISHED = ("You have finished: thank you. You can still change any answer until the facilitator closes "
            "answering.")


def context() -> dict:
    """This tab's workshop: its id and, once started, the participant's id, personal token and answers."""
    return get_value(Keys.WORKSHOP) or {}


def _joined(workshop: Workshop) -> None:
    set_value(Keys.WORKSHOP, {"workshop_id": workshop.id})


def _became(participant: Participant, token: str) -> None:
    set_value(Keys.WORKSHOP, {"workshop_id": participant.workshop_id, "participant_id": participant.id,
                              "token": token, "answers": participant.answers, "finished": participant.finished,
                              "unsaved": False, "remember": True})
    forget_widgets("wsj")
    st.query_params[TOKEN_PARAM] = token
    st.query_params.pop(CODE_PARAM, None)


def remember_device(token: str | None) -> None:
    """Set (or, with None, clear) the cookie that lets this device continue as the same participant.

    Streamlit reads cookies (st.context.cookies) but cannot set them, so a line of script in the page does.
    The token is checked to be plain URL-safe characters before it goes into the script.
    """
    if token is not None and not TOKEN_SHAPE.fullmatch(token):
        return
    value = f"{token}; max-age={COOKIE_DAYS * 86400}" if token else "; max-age=0"
    st.html(f"<script>document.cookie = '{COOKIE}={value}; path=/; SameSite=Strict';</script>",
            unsafe_allow_javascript=True)


def _device_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 — no request context (bare mode); there is nothing to continue
        return None
    return token if isinstance(token, str) and TOKEN_SHAPE.fullmatch(token) else None


def _join(storage: Storage) -> None:
    typed = widget_value(widget_key("wsj_code")) or ""
    workshop = or_flash(lambda: storage.workshop_by_code(typed, client_keys()))
    if workshop is None:
        return
    _joined(workshop)


def _start(storage: Storage, workshop_id: int) -> None:
    practice = widget_value(widget_key("wsj_who", "practice"))
    role = widget_value(widget_key("wsj_who", "role"))
    if practice is None or role is None:
        flash("error", "Choose your practice and your role first.")
        return
    try:
        joined = storage.add_participant(workshop_id, practice, role)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    _became(joined.participant, joined.token)


def _leave() -> None:
    set_value(Keys.WORKSHOP, {"forget_device": True})
    forget_widgets("wsj")
    st.query_params.pop(TOKEN_PARAM, None)


def _store(storage: Storage, ctx: dict) -> None:
    """Save this participant's answers as they are in the session. A failed save keeps them in the session,
    marked unsaved, and is tried again every few seconds until the database takes them."""
    try:
        storage.save_participant_answers(ctx["participant_id"], ctx["answers"])
    except StorageError:
        # Redraw the whole page only when this is news (the banner then keeps retrying), never on each retry.
        set_value(Keys.WORKSHOP, ctx | {"unsaved": True, "redraw": ctx.get("redraw") or not ctx.get("unsaved")})
        return
    except AnsweringClosed as exc:
        set_value(Keys.WORKSHOP, ctx | {"unsaved": False, "closed": True, "redraw": True})
        flash("error", escape_markdown(f"Your last answer was not saved. {exc}"))
        return
    except GroupUpError as exc:
        set_value(Keys.WORKSHOP, ctx | {"unsaved": False, "redraw": True})
        flash("error", escape_markdown(f"Your last answer was not saved. {exc}"))
        return
    set_value(Keys.WORKSHOP, ctx | {"unsaved": False, "redraw": ctx.get("unsaved", False)})


def _save(storage: Storage, change) -> None:
    """Apply a change to this participant's answers and store them straight away."""
    ctx = context()
    change(ctx["answers"])
    _store(storage, ctx)


@st.fragment(run_every=SAVE_RETRY)
def unsaved_banner(storage: Storage) -> None:
    """While answers are unsaved, say so and try again every few seconds; once saved, say that too."""
    ctx = context()
    if ctx.get("unsaved") and ctx.get("retry_armed"):
        _store(storage, ctx)
        ctx = context()
    if ctx.get("unsaved"):
        set_value(Keys.WORKSHOP, ctx | {"retry_armed": True})
        st.warning("Your latest answers are **not saved yet, retrying**: GroupUp cannot reach its database just "
                   "now. Keep this tab open; they are kept here and saved as soon as it is back.",
                   icon=":material/sync_problem:")
    elif ctx.get("retry_armed"):
        set_value(Keys.WORKSHOP, ctx | {"retry_armed": False})
        st.success("All your answers are saved.", icon=":material/cloud_done:")


def _finish(storage: Storage, finished: bool) -> None:
    ctx = context()
    try:
        storage.set_finished(ctx["participant_id"], finished)
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    # "carried_on" only says so beside the button, once: the person pressed it down there.
    set_value(Keys.WORKSHOP, ctx | {"finished": finished, "carried_on": not finished})


def _save_question(storage: Storage, section_id: str, question_id: str) -> None:
    value = widget_value(widget_key("wsj", section_id, question_id))
    _save(storage, lambda answers: answers.answer_question(section_id, question_id, value))


def _save_principle(storage: Storage, number: int, field: str) -> None:
    value = widget_value(widget_key("wsj", "principle", number, field))

    def change(answers: Answers) -> None:
        given = answers.principles.setdefault(number, PrincipleAnswer())
        if field == "current":
            given.choose_now(value)
        else:
            given.target = value

    _save(storage, change)


def redraw_page_if_needed() -> None:
    """An answer reruns only its own fragment, which keeps a room of phones cheap to serve. When a save failed,
    answering closed or saving came back, the rest of the page has something new to say: run it whole."""
    ctx = context()
    if ctx.get("redraw"):
        set_value(Keys.WORKSHOP, ctx | {"redraw": False})
        st.rerun(scope="app")


@st.fragment
def questions_block(storage: Storage, section_id: str, closed: bool) -> None:
    section = getattr(get_content(), section_id)
    questions(storage, section, getattr(context()["answers"], section_id), closed)
    redraw_page_if_needed()


@st.fragment
def principle_block(storage: Storage, p: Principle, closed: bool) -> None:
    answers: Answers = context()["answers"]
    principle(storage, p, answers.principles.get(p.number), closed)
    done = sum(1 for a in answers.principles.values() if a.done)
    st.caption(f"{done} of {len(get_content().principles)} principles answered.")
    redraw_page_if_needed()


def questions(storage: Storage, section: QuestionSection, given: dict, closed: bool = False) -> None:
    st.write(escape_markdown(section.intro))
    labels = {o.value: o.label for o in section.scale} | {NOT_SURE: NOT_SURE_LABEL}
    for number, question in enumerate(section.questions, start=1):
        key = widget_key("wsj", section.id, question.id)
        seed(key, given.get(question.id))
        st.radio(numbered_label(number, question.text), options=list(labels), format_func=labels.get,
                 index=None, key=key, help=question.help, horizontal=True, on_change=_save_question,
                 args=(storage, section.id, question.id), disabled=closed)


def principle(storage: Storage, p: Principle, given: PrincipleAnswer | None, closed: bool = False) -> None:
    n = p.number
    levels = level_names(p)
    st.markdown("\n".join(f"- **{lv.level} · {escape_markdown(lv.label)}**: {escape_markdown(lv.descriptor)}"
                          for lv in p.levels))
    seed(widget_key("wsj", "principle", n, "current"), given.now if given else None)
    st.radio("Where is your practice now?", options=[*levels, NOT_SURE],
             format_func=(levels | {NOT_SURE: NOT_SURE_LABEL}).get, index=None, horizontal=True,
             key=widget_key("wsj", "principle", n, "current"), on_change=_save_principle, args=(storage, n, "current"),
             disabled=closed)
    seed(widget_key("wsj", "principle", n, "target"), given.target if given else None)
    st.radio("Where should it be?", options=list(levels), format_func=levels.get, index=None, horizontal=True,
             key=widget_key("wsj", "principle", n, "target"), on_change=_save_principle, args=(storage, n, "target"),
             disabled=closed)


def answer(storage: Storage, workshop: Workshop, ctx: dict) -> None:
    content = get_content()
    link = f"{app_base_url()}/join?{TOKEN_PARAM}={ctx['token']}"
    closed = workshop.answering_closed or ctx.get("closed", False)
    with st.container():  # one slot, there or not, so that the tabs below keep their place (see NOTICES)
        if ctx.get("unsaved") or ctx.get("retry_armed"):
            # Only while something waits to be saved: a timer in every participant's tab would load the server.
            unsaved_banner(storage)
    if closed:
        st.info("The facilitator has closed answering. Your answers are saved and shown here, but can no longer "
                "be changed.", icon=":material/lock:")
    elif ctx.get("finished"):
        st.success(FINISHED, icon=":material/task_alt:")
    else:
        st.success("You are in. Each answer is saved as soon as you give it; the facilitator sees the room's "
                   "answers together, never yours by name. Reopening the join link on this device carries on "
                   "from here.", icon=":material/check_circle:")
    st.write("To carry on later on another device, use your personal link. Keep it private: anyone who has it "
             "can change your answers.")
    st.code(link, language=None, wrap_lines=True)
    names = [SECTION_LABELS[s] for s in workshop.sections]
    # The key lets the browser keep the tab chosen even if the tabs are ever drawn afresh.
    for tab, section_id in zip(st.tabs(names, key=widget_key("wsj_tabs")), workshop.sections, strict=True):
        with tab:
            if section_id == "principles":
                st.caption("Open each principle to answer it. Each answer is saved as you give it.")
                for p in content.principles:
                    with st.expander(numbered_label(p.number, p.title)):
                        principle_block(storage, p, closed)
            else:
                questions_block(storage, section_id, closed)
    if not closed:
        # Said again here, where the button was pressed: at the foot of a long tab the top is out of sight.
        if ctx.get("finished"):
            st.success(FINISHED, icon=":material/task_alt:")
            st.button("I want to carry on answering", key=widget_key("wsj_unfinish"), on_click=_finish,
                      args=(storage, False), icon=":material/edit:")
        else:
            if ctx.get("carried_on"):
                st.info("You can carry on answering. Each answer is still saved as you give it; press "
                        "\"I've finished\" again when you are done.", icon=":material/edit:")
            st.button("I've finished", key=widget_key("wsj_finish"), type="primary", on_click=_finish,
                      args=(storage, True), icon=":material/task_alt:")
    st.button("Leave this workshop on this device", key=widget_key("wsj_leave"), on_click=_leave,
              icon=":material/logout:")


def choose_who(storage: Storage, workshop: Workshop) -> None:
    st.write("Say which practice you are from and your role. Your answers are shown to the facilitator only "
             "as part of the group.")
    st.selectbox("Your practice", options=workshop.practices, index=None, key=widget_key("wsj_who", "practice"))
    st.selectbox("Your role", options=list(ROLE_LABELS), format_func=ROLE_LABELS.get, index=None,
                 key=widget_key("wsj_who", "role"))
    st.button("Start answering", key=widget_key("wsj_who", "start"), type="primary", on_click=_start,
              args=(storage, workshop.id), icon=":material/arrow_forward:")
    st.button("Not this workshop? Enter another code", key=widget_key("wsj_who", "other"), on_click=_other_code,
              icon=":material/keyboard:")


def _other_code() -> None:
    set_value(Keys.WORKSHOP, None)
    forget_widgets("wsj")
    st.query_params.pop(CODE_PARAM, None)


def enter_code(storage: Storage) -> None:
    st.write("Your facilitator will give you a code of ten letters and digits, like ABCDE-23456.")
    seed(widget_key("wsj_code"), st.query_params.get(CODE_PARAM, ""))
    st.text_input("Workshop code", key=widget_key("wsj_code"), max_chars=20, placeholder="ABCDE-23456")
    st.button("Join", key=widget_key("wsj_join"), type="primary", on_click=_join, args=(storage,),
              icon=":material/login:")


def resume_from_link(storage: Storage) -> None:
    """?participant=TOKEN continues a participant's answers, on this device or another."""
    token = st.query_params.get(TOKEN_PARAM)
    if not token or token == context().get("token"):
        return
    try:
        participant = storage.participant_by_token(token, client_keys())
    except StorageError:
        offline_retrying()  # the link stays in the address bar, and is tried again
        st.stop()
    except GroupUpError as exc:
        st.query_params.pop(TOKEN_PARAM, None)
        st.error(escape_markdown(str(exc)))
        return
    _became(participant, token)


def join_from_link(storage: Storage) -> None:
    """A join link (?code=..., which the facilitator's QR code opens) joins at once: everyone in the room is
    spared a press of "Join". Tried once per session and code, so a wrong code, or "Leave", leaves the person at
    the code box; while the database is away the page tries again by itself."""
    code = st.query_params.get(CODE_PARAM)
    if not code or context() or get_value(Keys.JOIN_LINK_TRIED) == code:
        return
    set_value(Keys.JOIN_LINK_TRIED, code)
    try:
        workshop = storage.workshop_by_code(code, client_keys())
    except StorageError:
        set_value(Keys.JOIN_LINK_TRIED, None)
        offline_retrying()
        return
    except GroupUpError as exc:
        st.error(escape_markdown(str(exc)))
        return
    back_online()
    _joined(workshop)


def resume_on_this_device(storage: Storage) -> None:
    """Reopening the join link (or page) on a device that already joined continues as the same participant,
    unless the link is for a different workshop."""
    token = _device_token()
    # Once per session: the cookies Streamlit reports are those the tab opened with, so after "Leave" they
    # would otherwise bring the participant straight back.
    if get_value(Keys.DEVICE_TRIED) or context() or not token or st.query_params.get(TOKEN_PARAM):
        return
    set_value(Keys.DEVICE_TRIED, True)
    try:
        participant = storage.participant_by_token(token, client_keys())
        workshop = storage.workshop(participant.workshop_id)
    except StorageError:
        set_value(Keys.DEVICE_TRIED, False)  # try again once the database is back
        offline_retrying()
        st.stop()
    except GroupUpError:
        set_value(Keys.WORKSHOP, {"forget_device": True})  # removed, or the workshop deleted: start afresh
        return
    code = st.query_params.get(CODE_PARAM)
    if code and normalise_code(code) != workshop.join_code:
        return
    _became(participant, token)


st.title("Join a workshop")
# NOTICES: what comes and goes at the top of the page (the device's cookie script on the run after joining, a
# link's error, the database being away) is drawn in this one slot. Anything appearing or vanishing above the
# tabs moves them on the page, and the browser then draws them afresh: back on the first tab, every principle
# closed, the person left looking at another tab's last questions.
notices = st.container()
with notices:
    try:
        storage = get_storage()
    except GroupUpError as exc:
        st.error(escape_markdown(str(exc)))
        st.stop()

    resume_from_link(storage)
    resume_on_this_device(storage)
    join_from_link(storage)
    ctx = context()
    if ctx.get("forget_device"):
        remember_device(None)
        set_value(Keys.WORKSHOP, None)
        ctx = {}
    elif ctx.get("remember"):
        remember_device(ctx["token"])
        set_value(Keys.WORKSHOP, ctx | {"remember": False})
if not ctx:
    enter_code(storage)
    st.stop()
with notices:
    try:
        workshop = storage.workshop(ctx["workshop_id"])
    except WorkshopNotFound as exc:
        set_value(Keys.WORKSHOP, {"forget_device": True})
        st.error(escape_markdown(str(exc)))
        st.stop()
    except GroupUpError:
        # Never back to code entry because of a failed read: keep this participant's place and answers.
        workshop = ctx.get("workshop")
        if workshop is None:
            offline_retrying()
            st.stop()
        offline_retrying()
    else:
        back_online()
        set_value(Keys.WORKSHOP, context() | {"workshop": workshop})
        ctx = context()

st.header(escape_markdown(workshop.name))
st.caption(f"Workshop code {format_code(workshop.join_code)}")
if "participant_id" not in ctx:
    choose_who(storage, workshop)
else:
    answer(storage, workshop, ctx)
