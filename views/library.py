"""Case-study library: every case study's facts as the sources word them, what it did and which principles it shows."""

from __future__ import annotations

import streamlit as st

from assessment.actions import cite_text
from assessment.compare import NOT_STATED, case_facts, filter_case_studies
from assessment.content import get_content
from assessment.content_models import CaseStudy, Content
from ui.state import widget_key
from ui.widgets import cite, escape_label, escape_markdown

SETTING_WORDS = {"not_stated": NOT_STATED, "mixed": "Mixed"}


def case_entry(case: CaseStudy, content: Content) -> None:
    titles = {p.number: p.title for p in content.principles}
    with st.expander(escape_label(f"{case.name}: {case.org_type}, {case.country}")):
        st.markdown(f"**Purpose.** {escape_markdown(case.purpose.text)}")
        st.caption(cite(case.purpose.cite, content))
        st.markdown("**Facts**")
        setting = SETTING_WORDS.get(case.setting, case.setting.capitalize())
        note = f" ({escape_markdown(case.setting_note)})" if case.setting_note else ""
        st.markdown(f"- Setting: {escape_markdown(setting)}{note}")
        for fact in case_facts(case, content):
            if not fact.values:
                st.markdown(f"- {fact.label}: {NOT_STATED}")
            for value in fact.values:
                st.markdown(f"- {fact.label}: “{escape_markdown(value.text)}” "
                            f"(Source: {escape_markdown(value.citation)})")
        st.markdown("**What it did**")
        st.markdown("\n".join(f"- {escape_markdown(' '.join(did.text.split()))} "
                              f"(Source: {escape_markdown(cite_text(did.cite, content))})"
                              for did in case.what_they_did))
        st.markdown("**Design principles it exemplifies**")
        if not case.principles:
            st.write("The sources do not give it as an example of any of the twelve design principles.")
        for link in sorted(case.principles, key=lambda link: link.number):
            st.markdown(f"- **{link.number}\\. {escape_markdown(titles.get(link.number, ''))}**: "
                        f"{escape_markdown(' '.join(link.note.split()))} "
                        f"(Source: {escape_markdown(cite_text(link.cite, content))})")
        st.markdown("**Sources**")
        st.markdown("\n".join(f"- {escape_markdown(cite_text(source, content))}" for source in case.sources))


content = get_content()
cases = content.case_studies

st.title("Case-study library")
st.write(f"The {len(cases)} organisations the sources describe, in their words: scale, legal form, what they did and "
         "which design principles they exemplify. Where the sources give no figure, it says so.")

types, countries, principles = st.columns(3)
chosen_types = types.multiselect("Type of organisation", sorted({c.org_type for c in cases}),
                                 key=widget_key("library", "types"), placeholder="All types")
chosen_countries = countries.multiselect("Country", sorted({c.country for c in cases}),
                                         key=widget_key("library", "countries"), placeholder="All countries")
titles = {p.number: f"{p.number}. {p.title}" for p in sorted(content.principles, key=lambda p: p.number)}
chosen_principles = principles.multiselect("Design principle", list(titles), format_func=titles.__getitem__,
                                           key=widget_key("library", "principles"), placeholder="Any principle",
                                           help="Shows case studies that exemplify any of the principles chosen.")

shown = filter_case_studies(content, chosen_types, chosen_countries, chosen_principles)
st.caption(f"Showing {len(shown)} of {len(cases)} case studies.")
if not shown:
    st.info("No case study matches all of these filters. Remove one to see more.", icon=":material/filter_alt_off:")
for case in shown:
    case_entry(case, content)
