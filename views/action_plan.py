"""Action plan: for each gap the practice acts on, what it will do, who owns it, by when, and how it stands."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from assessment.actions import (
    Suggestion,
    action_from_suggestion,
    actions_for,
    add_action,
    delete_action,
    make_action,
    suggest_actions,
    suggestion_in_plan,
    update_action,
)
from assessment.answers import ACTION_STATUS_LABELS, DUE_EARLIEST, DUE_LATEST, Action
from assessment.content import get_content
from assessment.content_models import Content
from assessment.errors import DuplicateAction
from assessment.findings import findings_for
from ui.state import flash, forget_widgets, get_answers, reset_widget, seed, update_answers, widget_key, widget_value
from ui.widgets import characteristics_key, cite, escape_markdown, kept_text, numbered_label, page_link

FIELDS = ("action", "owner", "due", "status")


def _key(action_id: str, field: str) -> str:
    return widget_key("action", action_id, field)


def _new_key(principle: int | None) -> str:
    return widget_key("new_action", principle or "general", "text")


TEXT_LIMITS = {"action": (Action.text_limit("action"), "An action"), "owner": (Action.text_limit("owner"), "An owner")}


def _save(action_id: str, field: str) -> None:
    key = _key(action_id, field)
    value = kept_text(key, *TEXT_LIMITS[field]) if field in TEXT_LIMITS else widget_value(key)
    try:
        update_answers(lambda answers: update_action(answers, action_id, **{field: value}))
    except ValidationError:
        # Reseed from the saved action, so the box never shows something that was not kept.
        forget_widgets(f"action_{action_id}")
        flash("warning", "An action needs some words (up to 1,000 characters), so that change was not kept.")


def _delete(action_id: str) -> None:
    update_answers(lambda answers: delete_action(answers, action_id))
    forget_widgets(f"action_{action_id}")


def _add_suggestion(suggestion: Suggestion) -> None:
    try:
        update_answers(lambda answers: add_action(answers, action_from_suggestion(suggestion)))
    except DuplicateAction as exc:
        flash("info", escape_markdown(str(exc)))


def _add_new(principle: int | None) -> None:
    text = kept_text(_new_key(principle), *TEXT_LIMITS["action"])
    try:
        action = make_action(text, principle=principle)
    except ValidationError:
        flash("warning", "Write the action first (up to 1,000 characters), then press Add action.")
        return
    try:
        update_answers(lambda answers: add_action(answers, action))
    except DuplicateAction as exc:
        flash("info", escape_markdown(str(exc)))
    reset_widget(_new_key(principle), "")  # an empty box for the next one, in the browser too


def action_editor(action: Action) -> None:
    for field in FIELDS:
        seed(_key(action.id, field), getattr(action, field))
    with st.container(border=True):
        st.text_area("Action", key=_key(action.id, "action"), height=80,
                     on_change=_save, args=(action.id, "action"))
        owner, due, status = st.columns([3, 2, 2], vertical_alignment="bottom")
        owner.text_input("Owner (a named person)", key=_key(action.id, "owner"),
                         on_change=_save, args=(action.id, "owner"))
        due.date_input("Due by", key=_key(action.id, "due"), format="DD/MM/YYYY",
                       min_value=DUE_EARLIEST, max_value=DUE_LATEST,
                       on_change=_save, args=(action.id, "due"))
        status.selectbox("Status", options=list(ACTION_STATUS_LABELS), format_func=ACTION_STATUS_LABELS.get,
                         key=_key(action.id, "status"), on_change=_save, args=(action.id, "status"))
        # On a line of its own, at the width its label needs: as an eighth of the row above it was cut to "De…" at
        # 1280 px, and to its icon alone at 1024 px, where it also squeezed the date.
        st.button("Delete this action", key=widget_key("delete_action", action.id), icon=":material/delete:",
                  on_click=_delete, args=(action.id,), help="Remove this action from the plan")


def new_action_box(principle: int | None) -> None:
    text_key = _new_key(principle)
    box, button = st.columns([5, 1], vertical_alignment="bottom")
    box.text_input("Your own action", key=text_key, placeholder="What will you do?")
    button.button("Add action", key=widget_key("add_action", principle or "general"), icon=":material/add:",
                  on_click=_add_new, args=(principle,))


def suggestions_list(principle: int, suggestions: list[Suggestion], actions: list[Action], content: Content) -> None:
    if not suggestions:
        st.caption("The case studies give no example for this principle.")
        return
    st.markdown("**What the case studies did**")
    for index, suggestion in enumerate(suggestions):
        text, button = st.columns([5, 1], vertical_alignment="center")
        # Content text is ours, but it is escaped all the same: a $ or * in it must not turn into markup.
        text.markdown(f"**{escape_markdown(suggestion.case_study_name)}**: {escape_markdown(suggestion.text)}")
        text.caption(cite(suggestion.cite, content))
        used = suggestion_in_plan(suggestion, actions)
        button.button("In your plan" if used else "Use this", key=widget_key("suggest", principle, index),
                      icon=":material/check:" if used else ":material/add_task:", disabled=used,
                      on_click=_add_suggestion, args=(suggestion,),
                      help="Start an action from this example; you can then edit it")


content = get_content()
answers = get_answers()
findings = findings_for(answers, content)
gaps = findings.gaps

st.title("Action plan")
st.write("Choose the gaps you will act on. For each, record what you will do, who owns it and when it is due; "
         "start from what the case studies did, or write your own. Actions are saved with your answers.")

if answers.actions:
    counts = {label: sum(a.status == status for a in answers.actions) for status, label in ACTION_STATUS_LABELS.items()}
    st.caption(f"{len(answers.actions)} action{'s' if len(answers.actions) != 1 else ''}: "
               + ", ".join(f"{n} {label.lower()}" for label, n in counts.items() if n))

if not gaps:
    st.info("No gaps yet. A gap appears when a design principle's target is above its current level: set both on "
            "the Design principles page.", icon=":material/info:")
    page_link("principles")

if gaps:
    characteristics_key(findings.characteristics)

gap_numbers = {g.number for g in gaps}
for gap in gaps:
    mine = actions_for(answers, gap.number)
    label = (f"{gap.title}: level {gap.current} now, target {gap.target} "
             f"({gap.priority} priority){' · ' + str(len(mine)) + ' action' + ('s' if len(mine) != 1 else '') if mine else ''}")
    with st.expander(numbered_label(gap.rank, label), expanded=bool(mine) or gap.rank == 1):
        st.caption(escape_markdown(gap.why))
        for action in mine:
            action_editor(action)
        suggestions_list(gap.number, suggest_actions(gap.number, content), answers.actions, content)
        new_action_box(gap.number)

# Actions whose gap has since closed, or that belong to no principle, are kept and shown here.
others = [a for a in answers.actions if a.principle not in gap_numbers]
st.header("Other actions", divider="grey")
titles = {p.number: p.title for p in content.principles}
for action in others:
    if action.principle:
        st.caption(escape_markdown(f"Principle {action.principle}: {titles.get(action.principle, '')} "
                                   "(no gap at present)"))
    action_editor(action)
new_action_box(None)
