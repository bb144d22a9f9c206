"""Compare with case studies: the evidence heatmap beside your levels, whom to learn from, closest peers and scale."""

from __future__ import annotations

import streamlit as st

from assessment.comparison_charts import (
    evidence_heatmap,
    evidence_list_table,
    evidence_note,
    evidence_table,
    scale_screen_chart,
    scale_table,
)
from assessment.content import get_content
from assessment.findings import findings_for
from assessment.text import cite_text
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link, plain_table

content = get_content()
findings = findings_for(get_answers(), content)
levels = findings.summary if findings.has_levels else None

st.title("Compare with case studies")
st.caption(escape_markdown(findings.display_name))
st.write("You are here; these are the organisations in the sources that got furthest on each design principle, "
         "and what they did. Every fact below cites the passage it comes from.")

if findings.needs:
    with st.container(border=True):
        st.info("Some of this page needs more of your answers:", icon=":material/info:")
        for need in findings.needs:
            st.write(need.why)
            page_link(need.page, icon=":material/arrow_forward:")

st.header("Which case studies exemplify each principle", divider="grey")
st.write("A filled square means the sources give that organisation as an example of the principle. Hover over or tap "
         "it for what it did and where the sources say so. Your own levels are on the left, on the same rows. On a "
         "phone the chart is wider than the screen: swipe it sideways to see the case studies.")
st.altair_chart(evidence_heatmap(content, levels),
                alt="Heatmap of design principles against case studies, with your levels beside it; the same facts "
                    "are in the table below.")
st.caption(escape_markdown(evidence_note(content)))
with st.expander("Show the heatmap as a table"):
    plain_table(evidence_table(content, levels))
    st.write("Each marked square in words:")
    plain_table(evidence_list_table(content))

st.header("Learn from", divider="grey")
lessons = findings.lessons
if not lessons:
    st.write("Your largest gaps between where you are and where you want to be will appear here, with the case "
             "studies that got furthest on each. Set a target above your current level on a principle to see them.")
for item in lessons:
    lesson = item.lesson
    with st.container(border=True):
        st.markdown(f"**Principle {lesson.principle}\\. {escape_markdown(lesson.title)}**: you are at level "
                    f"{lesson.current} and aim for {lesson.target}.")
        if not lesson.exemplars:
            st.write("The sources give no case study as an example of this principle.")
        for group in item.groups:
            names = ", ".join(f"**{escape_markdown(ex.case_name)}** ({escape_markdown(ex.org_type)})"
                              for ex in group.exemplars)
            st.markdown(f"- {names}: {escape_markdown(group.text)}")
            st.caption("Source: " + escape_markdown(group.citations))
if lessons:
    page_link("action-plan", label="Turn these into actions", icon=":material/arrow_forward:")

st.header("Closest peers", divider="grey")
peers = findings.peers
if content.peer_method is not None:
    st.caption("Weighed on health system, scale, setting, the structure that fits you, contract, your largest gaps "
               "and your aims; only case studies alike enough are offered. Why: "
               + escape_markdown(f"{content.peer_method.rationale.text.strip()} "
                                 f"(Source: {cite_text(content.peer_method.rationale.cite, content)})"))
if not peers:
    st.write(escape_markdown(findings.no_close_peer))
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
scale = findings.scale
if scale.you is None:
    st.write("Give your registered list size in the practice profile to see yourselves on this chart.")
st.altair_chart(scale_screen_chart(scale), width="stretch", alt="Chart of each organisation's population on a log scale, yours "
                                          "highlighted; the same figures are in the table below.")
with st.expander("Show the scale chart as a table"):
    plain_table(scale_table(scale))
if scale.not_stated:
    st.subheader("Scale not stated")
    st.write("The sources give no single population figure for these case studies, so they are not charted:")
    st.markdown("\n".join(f"- **{escape_markdown(n.case_name)}**: {escape_markdown(n.note)}"
                          for n in scale.not_stated))
