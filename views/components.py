"""Collaboration components: the essential components of a successful collaboration, each on its scale."""

from __future__ import annotations

import streamlit as st

from assessment.content import get_content
from ui.state import get_answers
from ui.widgets import escape_markdown, page_link, question_page

content = get_content()
answers = get_answers()

st.title(escape_markdown(content.components.title))
question_page(content.components, answers, content)
page_link("results", label="Next: see your results", icon=":material/arrow_forward:")
