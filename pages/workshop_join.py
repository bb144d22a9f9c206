"""Join a workshop: enter its code, say which practice and role you are, and answer; each answer is saved at once."""

from __future__ import annotations

import streamlit as st

from assessment.answers import ROLE_LABELS, Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.content_models import Principle, QuestionSection
from assessment.errors import GroupUpError
from assessment.storage import Storage, format_code, get_storage
from assessment.workshop import SECTION_LABELS, Participant, Workshop
from ui.autosave import app_base_url, client_keys
from ui.state import Keys, flash, forget_widgets, get_value, seed, set_value, widget_key, widget_value
from ui.widgets import NOT_SURE, NOT_SURE_LABEL, escape_markdown

CODE_PARAM = "code"
TOKEN_PARAM = "participant"


def context() -> dict:
    """This tab's workshop: its id and, once started, the participant's id, personal token and answers."""
    return get_value(Keys.WORKSHOP) or {}


def _joined(workshop: Workshop) -> None:
    set_value(Keys.WORKSHOP, {"workshop_id": workshop.id})


def _became(participant: Participant, token: str) -> None:
    set_value(Keys.WORKSHOP, {"workshop_id": participant.workshop_id, "participant_id": participant.id,
                              "token": token, "answers": participant.answers})
    forget_widgets("wsj")
    st.query_params[TOKEN_PARAM] = token
    st.query_params.pop(CODE_PARAM, None)


def _join(storage: Storage) -> None:
    typed = widget_value(widget_key("wsj_code")) or ""
    try:
        workshop = storage.workshop_by_code(typed, client_keys())
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
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
    set_value(Keys.WORKSHOP, None)
    forget_widgets("wsj")
    st.query_params.pop(TOKEN_PARAM, None)


def _save(storage: Storage, change) -> None:
    """Apply a change to this participant's answers and store them straight away."""
    ctx = context()
    answers: Answers = ctx["answers"]
    change(answers)
    try:
        storage.save_participant_answers(ctx["participant_id"], answers)
    except GroupUpError as exc:
        flash("error", escape_markdown(f"Your last answer was not saved. {exc}"))


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


def questions(storage: Storage, section: QuestionSection, given: dict) -> None:
    st.write(escape_markdown(section.intro))
    labels = {o.value: o.label for o in section.scale} | {NOT_SURE: NOT_SURE_LABEL}
    for number, question in enumerate(section.questions, start=1):
        key = widget_key("wsj", section.id, question.id)
        seed(key, given.get(question.id))
        st.radio(f"{number}\\. {escape_markdown(question.text)}", options=list(labels), format_func=labels.get,
                 index=None, key=key, help=question.help, horizontal=True, on_change=_save_question,
                 args=(storage, section.id, question.id))


def principle(storage: Storage, p: Principle, given: PrincipleAnswer | None) -> None:
    n = p.number
    levels = {lv.level: f"{lv.level} · {lv.label}" for lv in p.levels}
    st.markdown("\n".join(f"- **{lv.level} · {escape_markdown(lv.label)}**: {escape_markdown(lv.descriptor)}"
                          for lv in p.levels))
    seed(widget_key("wsj", "principle", n, "current"), given.now if given else None)
    st.radio("Where is your practice now?", options=[*levels, NOT_SURE],
             format_func=(levels | {NOT_SURE: NOT_SURE_LABEL}).get, index=None, horizontal=True,
             key=widget_key("wsj", "principle", n, "current"), on_change=_save_principle, args=(storage, n, "current"))
    seed(widget_key("wsj", "principle", n, "target"), given.target if given else None)
    st.radio("Where should it be?", options=list(levels), format_func=levels.get, index=None, horizontal=True,
             key=widget_key("wsj", "principle", n, "target"), on_change=_save_principle, args=(storage, n, "target"))


def answer(storage: Storage, workshop: Workshop, ctx: dict) -> None:
    content = get_content()
    answers: Answers = ctx["answers"]
    link = f"{app_base_url()}/join?{TOKEN_PARAM}={ctx['token']}"
    st.success("You are in. Each answer is saved as soon as you give it; the facilitator sees the room's answers "
               "together, never yours by name.", icon=":material/check_circle:")
    with st.expander("Your personal link, to carry on later or on another device"):
        st.write("Keep this link private: anyone who has it can change your answers.")
        st.code(link, language=None, wrap_lines=True)
    names = [SECTION_LABELS[s] for s in workshop.sections]
    for tab, section_id in zip(st.tabs(names), workshop.sections, strict=True):
        with tab:
            if section_id == "principles":
                done = sum(1 for a in answers.principles.values() if a.done)
                st.caption(f"{done} of {len(content.principles)} principles answered.")
                for p in content.principles:
                    with st.expander(f"{p.number}\\. {escape_markdown(p.title)}"):
                        principle(storage, p, answers.principles.get(p.number))
            else:
                section = getattr(content, section_id)
                questions(storage, section, getattr(answers, section_id))
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
    except GroupUpError as exc:
        st.query_params.pop(TOKEN_PARAM, None)
        st.error(escape_markdown(str(exc)))
        return
    _became(participant, token)


st.title("Join a workshop")
try:
    storage = get_storage()
except GroupUpError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

resume_from_link(storage)
ctx = context()
if not ctx:
    enter_code(storage)
    st.stop()
try:
    workshop = storage.workshop(ctx["workshop_id"])
except GroupUpError as exc:
    set_value(Keys.WORKSHOP, None)
    st.error(escape_markdown(str(exc)))
    st.stop()

st.header(escape_markdown(workshop.name))
st.caption(f"Workshop code {format_code(workshop.join_code)}")
if "participant_id" not in ctx:
    choose_who(storage, workshop)
else:
    answer(storage, workshop, ctx)
