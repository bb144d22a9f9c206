"""Readiness: the BMA's questions to ask before collaborating, each on its scale or "Not sure"."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link, question_page

content = get_content()
answers = get_answers()

st.title(escape_markdown(content.readiness.title))
question_page(content.readiness, answers, content)
page_link("principles", label="Next: design principles", icon=":material/arrow_forward:")
