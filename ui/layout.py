"""Sidebar shown on every page: progress, autosave with its resume code, and saving or loading answers.

The workshop pages show none of these: progress, resume codes and saving or loading a file are about this tab's own
self-assessment, which someone joining or running a workshop is not doing. The autosave panel is still drawn there,
empty unless self-assessment answers wait to be saved, because its timer brings a reconnecting tab back."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessment.content import get_content
from assessment.errors import excerpt
from assessment.export import file_stem
from assessment.progress import overall, section_progress
from ui.autosave import autosave_panel
from ui.state import finish_upload, get_answers, pop_upload_message, upload_key, widget_key, widget_value
from ui.widgets import load_answers

UPLOAD_LABEL = "Resume from a saved file"
SAVE_LABEL = "Save answers (JSON)"


def _on_upload() -> None:
    uploaded = widget_value(upload_key())
    if uploaded is None:
        return
    # Then a fresh, empty uploader, so the same file can be chosen again and nothing lingers.
    finish_upload(load_answers(uploaded.getvalue(), f"The file \"{excerpt(uploaded.name)}\""))


def _progress() -> None:
    progress = section_progress(get_answers(), get_content())
    st.subheader("Your progress")
    share = overall(progress)
    st.progress(share, text=f"{round(share * 100)}% done")
    lines = []
    for section in progress:
        if section.complete:
            lines.append(f":material/check_circle: {section.title}: done")
        elif section.started:
            lines.append(f":material/pending: {section.title}: {section.done} of {section.total}")
        else:
            lines.append(f":material/radio_button_unchecked: {section.title}: not started")
    st.markdown("  \n".join(lines))


def _save_and_resume() -> None:
    answers = get_answers()
    st.subheader("Keep your answers")
    st.download_button(
        SAVE_LABEL,
        # Built when clicked, not on every rerun of every page (hashing the JSON each run was a fifth of a rerun).
        data=answers.to_json,
        file_name=f"{file_stem(answers, dt.date.today())}.json",
        mime="application/json",
        key=widget_key("sidebar", "save"),
        on_click="ignore",
        type="primary",
        icon=":material/save:",
        width="stretch",
        help="Download a file of everything you have entered. Load it again below to carry on later.",
    )
    st.caption("A saved file is yours to keep, share with colleagues or load on any computer running GroupUp.")
    st.file_uploader(
        UPLOAD_LABEL,
        type=["json"],
        key=upload_key(),
        on_change=_on_upload,
        help="Choose a .json file that GroupUp saved. It replaces the answers in this tab.",
    )
    message = pop_upload_message()
    if message:
        kind, text = message
        getattr(st, kind)(text)


def sidebar(self_assessment: bool = True) -> None:
    """Drawn by app.py on every run. The autosave panel is drawn on every page: its timer makes a tab that
    reconnects after a restart run the app again (ui/reconnect.py)."""
    with st.sidebar:
        if self_assessment:
            _progress()
        autosave_panel(self_assessment)
        if self_assessment:
            _save_and_resume()
