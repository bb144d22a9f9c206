"""Structures and legal forms: which fit the practice's profile, what rules them out, and the sources' pros and cons."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from assessment.findings import findings_for
from assessment.fit import FitResult, points_text
from assessment.text import CitedPoint
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link


def cited_list(points: list[CitedPoint]) -> str:
    return "\n".join(f"- {escape_markdown(p.text)} (Source: {escape_markdown(p.citation)})" for p in points)


def result_card(rank: int, result: FitResult) -> None:
    with st.container(border=True):
        heading = f"{rank}\\. {escape_markdown(result.name)}"
        # h2: the page title is the only heading above it (the tabs are not headings), so levels go in order.
        st.markdown(f"## {heading}" if result.possible else f"## {heading} (not possible for you)")
        st.write(escape_markdown(result.description))
        # A restriction does not rule the whole form out on these answers, but what it rules out is as firm.
        for blocker in result.blockers + result.restrictions:
            st.error(f"{escape_markdown(blocker.sentence)} (Source: {escape_markdown(blocker.citation)})",
                     icon=":material/block:")
        for condition in result.blocked_if:
            st.warning(f"{escape_markdown(condition.condition)} (Source: {escape_markdown(condition.citation)})",
                       icon=":material/help:")
        for note in result.notes:
            st.info(f"{escape_markdown(note.heading)}\n" + cited_list(note.points), icon=":material/balance:")
        if result.reasons_up or result.reasons_down:
            st.markdown("**Why it sits here**\n" + "\n".join(
                f"- {escape_markdown(r)}" for r in result.reasons_up + result.reasons_down))
            st.caption(f"Why this score: {escape_markdown(result.why_score)}. How many points each answer is worth "
                       "is set out in the scoring method, under “How the structures are ranked”.")
            with st.expander("Where each point comes from"):
                st.markdown("\n".join(f"- **{escape_markdown(points_text(p.points))} {escape_markdown(p.what)}**: "
                                       f"{escape_markdown(p.rule)}" for p in result.score_parts))
        elif result.possible:
            st.caption("None of your answers raised or lowered it.")
        if result.setting_notes:
            st.markdown("**What the sources say about your setting**\n" + cited_list(result.setting_notes))
        if result.examples:
            st.caption("Examples among the case studies: " + escape_markdown(", ".join(result.examples)))
        with st.expander("Advantages and disadvantages"):
            st.markdown("**Advantages**\n" + (cited_list(result.advantages) or "- None stated in the sources"))
            st.markdown("**Disadvantages**\n" + (cited_list(result.disadvantages) or "- None stated in the sources"))


findings = findings_for(get_answers(), get_content())
fit = findings.fit

st.title("Structures and legal forms")
st.caption(escape_markdown(findings.display_name))
st.warning(escape_markdown(fit.caveat), icon=":material/gavel:")
st.write("Ranked from your practice profile. A structure the sources rule out for you is marked **Not possible**, "
         "with the reason and where it is stated. The others are ordered by how your answers bear on them, and each "
         "says which answers raised or lowered it.")
if not fit.ranked:
    st.info("You have not yet given your contracts, setting, aims or preferences, so nothing is ruled out or "
            "ranked for you: these are in the order the sources give them.", icon=":material/info:")
    page_link("profile", label="Fill in your practice profile", icon=":material/arrow_forward:")
elif not fit.contracts_given:
    st.info("You have not said which contracts you hold (GMS, PMS or APMS). Some structures are not possible with "
            "some contracts: these are shown as warnings.", icon=":material/info:")
    page_link("profile", label="Add your contracts to the practice profile", icon=":material/arrow_forward:")

if fit.ranked and not fit.body_role:
    st.info("You have not said what the new body would do, so the contract rules are applied as if it would hold "
            "your practices' core contracts. Some rules are about holding those contracts and would not apply to a "
            "body working alongside them.", icon=":material/info:")
    page_link("profile", label="Say what the new body would do", icon=":material/arrow_forward:")
elif fit.body_role:
    st.caption(f"What the new body would do: {escape_markdown(fit.body_role)}.")

options_tab, legal_tab = st.tabs(["Ways of working together", "Legal forms"])
with options_tab:
    st.write("How far the practices join up: from simple alliances, where each stays independent, to a merger.")
    for rank, result in enumerate(fit.options, start=1):
        result_card(rank, result)
with legal_tab:
    st.write("The legal form a collaboration takes, which decides liability, finance, profit and the NHS Pension.")
    for rank, result in enumerate(fit.legal_forms, start=1):
        result_card(rank, result)
