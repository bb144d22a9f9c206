"""Welcome: what GroupUp is for, privacy, the sources and their dates, and where to start."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from assessment.progress import section_progress, where_to_carry_on
from ui.state import get_answers, widget_key
from ui.widgets import escape_markdown, example_files, load_example, page

content = get_content()

st.title("GroupUp")
st.header("Should your practice work with others at scale, and how?")
st.write("GroupUp helps GP practices in England think through working together, while keeping the local, personal "
         "care patients value. It takes about **15 minutes**.")
with st.expander("Who it is for and what you will do"):
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
    st.markdown("**Your answers stay private.** They are saved on the computer that runs GroupUp, and nothing is "
                "sent anywhere else.")
    with st.expander("How your answers are kept"):
        st.markdown("As you answer, GroupUp saves them in its own database, on the computer that runs GroupUp, under "
                    "a resume code that only this tab is shown: a reload or a closed tab loses nothing. Nothing is "
                    "sent anywhere else. **Forget saved answers** in the sidebar deletes that copy at any time, and "
                    "copies nobody has touched for six months are deleted anyway. **Save answers (JSON)** keeps a "
                    "copy of your own.")

progress = section_progress(get_answers(), content)
carry_on = where_to_carry_on(progress)
if carry_on is not None:
    # A returning person (a resume link, a reload, a file loaded) is taken on, not back to the start.
    if carry_on == "results":
        label = "See your results: every section is done"
    else:
        label = "Carry on: " + next(s.title for s in progress if s.id == carry_on).lower()
    if st.button(label, key=widget_key("carry_on"), type="primary", icon=":material/arrow_forward:"):
        st.switch_page(page(carry_on).path)
if st.button("Start: describe your practice" if carry_on is None else "Back to your practice profile",
             key=widget_key("start"), type="primary" if carry_on is None else "secondary",
             icon=":material/arrow_forward:" if carry_on is None else ":material/edit:"):
    st.switch_page(page("profile").path)

examples = example_files()
if examples:
    st.header("Try an example practice")
    columns = st.columns(min(len(examples), 3))
    for index, (path, label) in enumerate(examples):
        columns[index % len(columns)].button(
            f"Try: {label}", key=widget_key("example", path.stem), icon=":material/science:",
            on_click=load_example, args=(path, label),
            help="Load a made-up practice's answers to see how GroupUp works. They replace the answers in this tab; "
                 "any you had stay saved under their own resume code, shown in the sidebar.",
        )

st.header("Where the content comes from")
st.warning(
    escape_markdown(content.structures_method.legal_caveat.plain),
    icon=":material/gavel:",
)
with st.expander("The source documents, with their dates"):
    st.write("Every question, descriptor and case study cites one of these documents:")
    st.markdown("\n".join(
        f"- **{escape_markdown(s.title)}**, {escape_markdown(s.author)}. Date: {escape_markdown(s.year)}."
        for s in content.sources
    ))
