"""Results: section scores with bands, principles now and target, gaps ranked by priority, and coverage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.answers import Answers
from assessment.change import Change, assessed_on, date_words, level_words, load_earlier, score_words, signed
from assessment.charts import principles_table, results_chart_specs, section_scores_table
from assessment.content import get_content
from assessment.errors import GroupUpError, InvalidAnswersFile
from assessment.findings import findings_for
from assessment.report.appendix import read_method
from assessment.scoring import LOW_COVERAGE
from assessment.storage import get_storage
from ui.autosave import client_keys, save_now
from ui.nav import page_file
from ui.state import Keys, flash, get_answers, get_value, set_value, widget_key, widget_value
from ui.widgets import (
    characteristics_key,
    escape_label,
    escape_markdown,
    page,
    page_link,
    plain_table,
    read_answers_file,
)

PRIORITY_ICONS = {"high": ":material/priority_high:", "medium": ":material/remove:", "low": ":material/south:"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _earlier_upload_key() -> str:
    return f"gu_earlier_upload_{get_value(Keys.EARLIER_NONCE)}"


def _set_earlier(answers: Answers, where: str) -> None:
    set_value(Keys.EARLIER, answers)
    save_now()  # kept with the answers under their resume code, so a reload brings it back
    flash("success", escape_markdown(f"Comparing with the earlier assessment from {where} "
                                     f"({date_words(assessed_on(answers))})."))


def _earlier_from_file() -> None:
    uploaded = widget_value(_earlier_upload_key())
    set_value(Keys.EARLIER_NONCE, get_value(Keys.EARLIER_NONCE) + 1)  # an empty uploader next time
    if uploaded is None:
        return
    try:
        earlier = read_answers_file(uploaded.getvalue(), get_content())
    except InvalidAnswersFile as exc:
        flash("error", escape_markdown(f"The file \"{uploaded.name}\" could not be compared. {exc}"))
        return
    _set_earlier(earlier, f"the file \"{uploaded.name}\"")


def _earlier_from_code() -> None:
    typed = widget_value(widget_key("earlier", "code")) or ""
    try:
        earlier = load_earlier(get_storage(), typed, client_keys(), get_content())
    except GroupUpError as exc:
        flash("error", escape_markdown(f"No earlier assessment was set. {exc}"))
        return
    _set_earlier(earlier, "its resume code")


def _stop_comparing() -> None:
    set_value(Keys.EARLIER, None)
    save_now()


def change_since_last_time(delta: Change | None) -> None:
    st.header("Change since last time", divider="grey")
    if delta is not None:
        st.markdown(escape_markdown(f"This assessment ({date_words(delta.this_date)}) beside the earlier one for "
                                    f"{delta.earlier_name} ({date_words(delta.earlier_date)})."))
        if delta.order_note:
            st.warning(delta.order_note, icon=":material/swap_vert:")
        with st.container(key="change_tables"):  # styled in ui/style.css
            plain_table(pd.DataFrame({"Section": [s.title for s in delta.sections],
                                      "Earlier score": [score_words(s.earlier_score) for s in delta.sections],
                                      "Now": [score_words(s.score) for s in delta.sections],
                                      "Change": [signed(s.change) for s in delta.sections]}))
            st.caption("Each principle's level now and its target, earlier and now. On a phone, swipe the table "
                       "sideways to see every column.")
            plain_table(pd.DataFrame({
                "Principle": [f"{p.number}. {p.title}" for p in delta.principles],
                "Now: earlier → now": [f"{level_words(p.earlier_current, p.earlier_not_sure)} → "
                                       f"{level_words(p.current, p.not_sure)}" for p in delta.principles],
                "Change": [signed(p.current_change) for p in delta.principles],
                "Target: earlier → now": [f"{level_words(p.earlier_target)} → {level_words(p.target)}"
                                          for p in delta.principles],
                "Target change": [signed(p.target_change) for p in delta.principles]}))
        st.button("Stop comparing", key=widget_key("earlier", "stop"), on_click=_stop_comparing,
                  icon=":material/close:")
    with st.expander("Set an earlier assessment beside this one"):
        st.caption("Load the answers file saved last time, or type its resume code. The PDF and the CSV then show "
                   "the change too. Your own answers are not changed. The earlier assessment is kept with them "
                   "under your resume code, so reloading the page brings it back.")
        st.file_uploader("An earlier answers file", type=["json"], key=_earlier_upload_key(),
                         on_change=_earlier_from_file)
        code, go = st.columns([3, 1], vertical_alignment="bottom")
        code.text_input("Or its resume code", key=widget_key("earlier", "code"), max_chars=40,
                        placeholder="ABCDE-23456-FGHJK")
        go.button("Compare", key=widget_key("earlier", "compare"), on_click=_earlier_from_code)


content = get_content()
findings = findings_for(get_answers(), content, get_value(Keys.EARLIER))
summary = findings.summary

st.title("Your results")
st.caption(escape_markdown(findings.display_name))

if findings.nothing_answered:
    st.info("There is nothing to score yet. Answer some questions, then come back here.", icon=":material/info:")
    page_link("profile", label="Start with your practice profile", icon=":material/arrow_forward:")
    st.stop()

steps = findings.next_steps
st.header("What to do next", divider="grey")
with st.container(border=True):
    st.markdown(escape_markdown(steps.standing))
    if steps.missing:
        st.info("Not answered yet, so left out below:\n" + "\n".join(f"- {escape_markdown(m)}" for m in steps.missing),
                icon=":material/info:")
    st.subheader("Your top priorities")
    if steps.priorities_note:
        st.write(escape_markdown(steps.priorities_note))
    for step in steps.priorities:
        st.markdown(f"**{escape_markdown(step.heading)}**")
        if step.case_name:
            st.markdown(f"What a case study did: **{escape_markdown(step.case_name)}**. {escape_markdown(step.did)}")
            st.caption("Source: " + escape_markdown(step.citation))
        else:
            st.caption("The sources give no case study as an example of this principle.")
    st.subheader("The structure that fits you best")
    best = steps.structure
    if best is None:
        st.write(escape_markdown(steps.structure_note))
    else:
        st.markdown(f"**{escape_markdown(best.sentence)}**")
        st.caption("Sources: " + escape_markdown(f"{best.option_citation}; {best.legal_form_citation}"))
        if best.constraint:
            st.markdown("The constraint that matters most for you: " + escape_markdown(best.constraint))
            st.caption("Source: " + escape_markdown(best.constraint_citation))
            if best.constraint_assumes:
                st.markdown(escape_markdown(best.constraint_assumes))
                page_link("profile", label="Say what the new body would do", icon=":material/arrow_forward:")
        elif best.no_constraint:
            st.markdown(escape_markdown(best.no_constraint))
    st.subheader("First actions")
    if steps.actions:
        st.markdown("\n".join(f"- {escape_markdown(a.line)}" for a in steps.actions))
    else:
        st.write(escape_markdown(steps.actions_note))

coverage = (f"You answered {summary.answered_items} of {plural(summary.total_items, 'question')}. "
            f"You marked {summary.not_sure_items} as \"not sure\", and left {summary.unanswered_items} unanswered.")
if summary.unanswered_items:
    st.markdown(f"**You left {plural(summary.unanswered_items, 'question')} unanswered.** {coverage}")
else:
    st.markdown(coverage)
if summary.low_coverage:
    st.warning(f"Fewer than {LOW_COVERAGE:.0%} of the questions have an answer, so these scores rest on little "
               "evidence.",
               icon=":material/warning:")

st.header("Section scores", divider="grey")
# Aligned at the bottom: a title that wraps to two lines keeps its score level with the others.
for column, section in zip(st.columns(len(summary.sections), vertical_alignment="bottom"), summary.sections,
                           strict=True):
    value = "No answers" if section.score is None else f"{section.score:g}"
    column.metric(escape_label(section.title), value, help=section.band.meaning if section.band else None)
    column.caption(f"{section.band.label if section.band else 'Not scored'} · "
                   f"{section.answered} of {section.total} answered")
sections_spec, principles_spec = results_chart_specs(summary)
st.vega_lite_chart(spec=sections_spec, width="stretch", alt="Bar chart of section scores; the same figures are in the table "
                "below.")
with st.expander("Show section scores as a table"):
    plain_table(section_scores_table(summary))

st.header("Design principles: now and target", divider="grey")
st.vega_lite_chart(spec=principles_spec, width="stretch", alt="Chart of each design principle's current and target level; the "
                "same figures are in the table below.")
with st.expander("Show design principles as a table"):
    plain_table(principles_table(summary))

st.header("Gaps to work on, most important first", divider="grey")
if summary.gaps:
    for gap in summary.gaps:
        with st.container(border=True):
            st.markdown(f"{PRIORITY_ICONS[gap.priority]} **{gap.rank}\\. {escape_markdown(gap.title)}**: "
                        f"{gap.priority} priority")
            st.caption(escape_markdown(gap.why))
    characteristics_key(findings.characteristics)
    if page_file(page("action-plan")).exists():
        page_link("action-plan", label="Turn these gaps into an action plan", icon=":material/arrow_forward:")
else:
    st.write("No gaps yet. A gap appears when a principle's target is above where you are now.")

change_since_last_time(findings.change)

method = read_method()
with st.expander("How scoring works", icon=":material/help:"):
    st.markdown(method or "The scoring method is not available.")
