"""Structures and legal forms: which fit the practice's profile, what rules them out, and the sources' pros and cons."""

from __future__ import annotations

import streamlit as st

from assessment.compare import CitedPoint
from assessment.content import get_content
from assessment.fit import FitResult, has_fit_answers, rank_legal_forms, rank_options
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link

DISCLAIMER = (
    "The sources date from 2012–13. Contracts, regulations and NHS structures, and so the rules below, have changed "
    "since. This is not legal advice, nor financial or tax advice: take professional advice before choosing a "
    "structure or legal form."
)


def cited_list(points: list[CitedPoint]) -> str:
    return "\n".join(f"- {escape_markdown(p.text)} (Source: {escape_markdown(p.citation)})" for p in points)


def result_card(rank: int, result: FitResult) -> None:
    with st.container(border=True):
        heading = f"{rank}\\. {escape_markdown(result.name)}"
        st.markdown(f"#### {heading}" if result.possible else f"#### {heading} (not possible for you)")
        st.write(escape_markdown(result.description))
        # A restriction does not rule the whole form out on these answers, but what it rules out is as firm.
        for blocker in result.blockers + result.restrictions:
            st.error(f"{escape_markdown(blocker.sentence)} (Source: {escape_markdown(blocker.citation)})",
                     icon=":material/block:")
        for condition in result.blocked_if:
            st.warning(f"{escape_markdown(condition.condition)} (Source: {escape_markdown(condition.citation)})",
                       icon=":material/help:")
        if result.reasons_up or result.reasons_down:
            st.markdown("**Why it sits here**\n" + "\n".join(
                f"- {escape_markdown(r)}" for r in result.reasons_up + result.reasons_down))
        elif result.possible:
            st.caption("None of your answers raised or lowered it.")
        if result.setting_notes:
            st.markdown("**What the sources say about your setting**\n" + cited_list(result.setting_notes))
        if result.examples:
            st.caption("Examples among the case studies: " + escape_markdown(", ".join(result.examples)))
        with st.expander("Advantages and disadvantages"):
            st.markdown("**Advantages**\n" + (cited_list(result.advantages) or "- None stated in the sources"))
            st.markdown("**Disadvantages**\n" + (cited_list(result.disadvantages) or "- None stated in the sources"))


content = get_content()
profile = get_answers().profile

st.title("Structures and legal forms")
st.caption(escape_markdown(profile.display_name))
st.warning(DISCLAIMER, icon=":material/gavel:")
st.write("Ranked from your practice profile. A structure the sources rule out for you is marked **Not possible**, "
         "with the reason and where it is stated. The others are ordered by how your answers bear on them, and each "
         "says which answers raised or lowered it.")
if not has_fit_answers(profile):
    st.info("You have not yet given your contracts, setting, aims or preferences, so nothing is ruled out or "
            "ranked for you: these are in the order the sources give them.", icon=":material/info:")
    page_link("profile", label="Fill in your practice profile", icon=":material/arrow_forward:")
elif not profile.contracts:
    st.info("You have not said which contracts you hold (GMS, PMS or APMS). Some structures are not possible with "
            "some contracts: these are shown as warnings.", icon=":material/info:")
    page_link("profile", label="Add your contracts to the practice profile", icon=":material/arrow_forward:")

options_tab, legal_tab = st.tabs(["Ways of working together", "Legal forms"])
with options_tab:
    st.write("How far the practices join up: from simple alliances, where each stays independent, to a merger.")
    for rank, result in enumerate(rank_options(profile, content), start=1):
        result_card(rank, result)
with legal_tab:
    st.write("The legal form a collaboration takes, which decides liability, finance, profit and the NHS Pension.")
    for rank, result in enumerate(rank_legal_forms(profile, content), start=1):
        result_card(rank, result)
