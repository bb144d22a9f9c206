"""Compare with case studies: the evidence heatmap beside your levels, whom to learn from, closest peers and scale."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.compare import closest_peers, comparison_needs, group_exemplars, has_levels, learn_from, scale_points
from assessment.comparison_charts import (
    evidence_heatmap,
    evidence_list_table,
    evidence_note,
    evidence_table,
    scale_chart,
    scale_table,
)
from assessment.content import get_content
from assessment.scoring import score
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link


def table(frame: pd.DataFrame) -> None:
    """A chart's table alternative: a plain HTML table, with a dash where there is nothing to show."""
    st.table(frame.astype("string").fillna("—").set_index(frame.columns[0]))


content = get_content()
answers = get_answers()
profile = answers.profile
summary = score(answers, content)
levels = summary if has_levels(summary) else None

st.title("Compare with case studies")
st.caption(escape_markdown(profile.display_name))
st.write("You are here; these are the organisations in the sources that got furthest on each design principle, "
         "and what they did. Every fact below cites the passage it comes from.")

needs = comparison_needs(profile, summary)
if needs:
    with st.container(border=True):
        st.info("Some of this page needs more of your answers:", icon=":material/info:")
        for need in needs:
            st.write(need.why)
            page_link(need.page, icon=":material/arrow_forward:")

st.header("Which case studies exemplify each principle", divider="grey")
st.write("A filled square means the sources give that organisation as an example of the principle. Hover over it "
         "for what it did and where the sources say so. Your own levels are on the left, on the same rows.")
st.altair_chart(evidence_heatmap(content, levels),
                alt="Heatmap of design principles against case studies, with your levels beside it; the same facts "
                    "are in the table below.")
st.caption(escape_markdown(evidence_note(content)))
with st.expander("Show the heatmap as a table"):
    table(evidence_table(content, levels))
    st.write("Each marked square in words:")
    table(evidence_list_table(content))

st.header("Learn from", divider="grey")
lessons = learn_from(summary, content)
if not lessons:
    st.write("Your largest gaps between where you are and where you want to be will appear here, with the case "
             "studies that got furthest on each. Set a target above your current level on a principle to see them.")
for lesson in lessons:
    with st.container(border=True):
        st.markdown(f"**Principle {lesson.principle}\\. {escape_markdown(lesson.title)}**: you are at level "
                    f"{lesson.current} and aim for {lesson.target}.")
        if not lesson.exemplars:
            st.write("The sources give no case study as an example of this principle.")
        for group in group_exemplars(lesson.exemplars):
            names = ", ".join(f"**{escape_markdown(ex.case_name)}** ({escape_markdown(ex.org_type)})"
                              for ex in group.exemplars)
            st.markdown(f"- {names}: {escape_markdown(group.text)}")
            st.caption("Source: " + escape_markdown(group.citations))
if lessons:
    page_link("action-plan", label="Turn these into actions", icon=":material/arrow_forward:")

st.header("Closest peers", divider="grey")
peers = closest_peers(profile, content)
if not peers:
    st.write("No case study is like your practice on what you have told us yet. Peers are matched on scale, "
             "setting, the structure that fits you, and shared aims.")
for peer in peers:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(peer.case_name)}**: {escape_markdown(peer.org_type)}, "
                    f"{escape_markdown(peer.country)}")
        st.markdown("Alike because:\n" + "\n".join(f"- {escape_markdown(r)}" for r in peer.reasons))
        if peer.contrasts:
            st.markdown("Unlike you:\n" + "\n".join(f"- {escape_markdown(c)}" for c in peer.contrasts))
if peers:
    page_link("library", label="Read their full entries in the case-study library", icon=":material/arrow_forward:")

st.header("Scale", divider="grey")
scale = scale_points(profile, content)
if scale.you is None:
    st.write("Give your registered list size in the practice profile to see yourselves on this chart.")
st.altair_chart(scale_chart(scale), alt="Chart of each organisation's population on a log scale, yours "
                                          "highlighted; the same figures are in the table below.")
with st.expander("Show the scale chart as a table"):
    table(scale_table(scale))
if scale.not_stated:
    st.subheader("Scale not stated")
    st.write("The sources give no single population figure for these case studies, so they are not charted:")
    st.markdown("\n".join(f"- **{escape_markdown(n.case_name)}**: {escape_markdown(n.note)}"
                          for n in scale.not_stated))
