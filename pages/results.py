"""Results: section scores with bands, principles now and target, gaps ranked by priority, and coverage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.charts import principles_table, results_chart_specs, section_scores_table
from assessment.content import get_content
from assessment.report import read_method
from assessment.scoring import LOW_COVERAGE, score
from ui.nav import page_file
from ui.state import get_answers
from ui.widgets import escape_markdown, page, page_link

PRIORITY_ICONS = {"high": ":material/priority_high:", "medium": ":material/remove:", "low": ":material/south:"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def table(frame: pd.DataFrame) -> None:
    """A chart's table alternative: a plain HTML table, with a dash where there is no answer."""
    st.table(frame.astype("string").fillna("—").set_index(frame.columns[0]))


content = get_content()
answers = get_answers()
summary = score(answers, content)

st.title("Your results")
st.caption(escape_markdown(answers.profile.display_name))

if summary.answered_items == 0 and summary.not_sure_items == 0:
    st.info("There is nothing to score yet. Answer some questions, then come back here.", icon=":material/info:")
    page_link("profile", label="Start with your practice profile", icon=":material/arrow_forward:")
    st.stop()

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
for column, section in zip(st.columns(len(summary.sections)), summary.sections, strict=True):
    value = "No answers" if section.score is None else f"{section.score:g}"
    column.metric(escape_markdown(section.title), value, help=section.band.meaning if section.band else None)
    column.caption(f"{section.band.label if section.band else 'Not scored'} · "
                   f"{section.answered} of {section.total} answered")
sections_spec, principles_spec = results_chart_specs(summary)
st.vega_lite_chart(spec=sections_spec, alt="Bar chart of section scores; the same figures are in the table "
                "below.")
with st.expander("Show section scores as a table"):
    table(section_scores_table(summary))

st.header("Design principles: now and target", divider="grey")
st.vega_lite_chart(spec=principles_spec, alt="Chart of each design principle's current and target level; the "
                "same figures are in the table below.")
with st.expander("Show design principles as a table"):
    table(principles_table(summary))

st.header("Gaps to work on, most important first", divider="grey")
if summary.gaps:
    for gap in summary.gaps:
        with st.container(border=True):
            st.markdown(f"{PRIORITY_ICONS[gap.priority]} **{gap.rank}\\. {escape_markdown(gap.title)}**: "
                        f"{gap.priority} priority")
            st.caption(escape_markdown(gap.why))
    if page_file(page("action-plan")).exists():
        page_link("action-plan", label="Turn these gaps into an action plan", icon=":material/arrow_forward:")
else:
    st.write("No gaps yet. A gap appears when a principle's target is above where you are now.")

method = read_method()
with st.expander("How scoring works", icon=":material/help:"):
    st.markdown(method or "The scoring method is not available.")
