"""Welcome: what GroupUp is for, privacy, the sources and their dates, and where to start."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from ui.state import widget_key
from ui.widgets import escape_markdown, example_files, load_example, page

content = get_content()

st.title("GroupUp")
st.subheader("Should your practice work with others at scale, and how?")
st.write(
    "GroupUp helps GP practices in England think through collaborating: in a network, federation, "
    "super-partnership or merger, while keeping the local, personal care patients value. It is for GP partners, "
    "practice managers and practice teams, on their own or together at an away-day."
)
st.markdown(
    "It takes about **15 minutes**. You will:\n"
    "1. describe your practice (or practices),\n"
    "2. answer the BMA's readiness questions,\n"
    "3. place yourselves on the twelve design principles for general practice at scale,\n"
    "4. check the essential components of a successful collaboration,\n\n"
    "and then see your results: scores, the gaps to work on first, and what others have done."
)

with st.container(border=True):
    st.markdown("**Your answers stay private.** As you answer, GroupUp saves them in its own database, on the "
                "computer that runs GroupUp, under a resume code that only this tab is shown: a reload or a closed "
                "tab loses nothing. Nothing is sent anywhere else. **Forget saved answers** in the sidebar deletes "
                "that copy at any time, and copies nobody has touched for six months are deleted anyway. "
                "**Save answers (JSON)** keeps a copy of your own.")

if st.button("Start: describe your practice", key=widget_key("start"), type="primary",
             icon=":material/arrow_forward:"):
    st.switch_page(page("profile").path)

examples = example_files()
if examples:
    st.subheader("Try an example practice")
    st.write("Load a made-up practice's answers to see how GroupUp works. They replace the answers in this tab; "
             "any you had stay saved under their own resume code, shown in the sidebar.")
    columns = st.columns(min(len(examples), 3))
    for index, (path, label) in enumerate(examples):
        columns[index % len(columns)].button(
            f"Try: {label}", key=widget_key("example", path.stem), icon=":material/science:",
            on_click=load_example, args=(path, label),
        )

st.subheader("Where the content comes from")
st.write("Every question, descriptor and case study cites one of these documents:")
st.markdown("\n".join(
    f"- **{escape_markdown(s.title)}**, {escape_markdown(s.author)}. Date: {escape_markdown(s.year)}."
    for s in content.sources
))
st.warning(
    "The sources date from 2011 to 2013, and the legal and contract details in them from 2012–13. Contracts, "
    "regulations and NHS structures have changed since. GroupUp is not legal advice, nor financial or tax advice: "
    "take professional advice before choosing a structure.",
    icon=":material/gavel:",
)
