"""GroupUp's entry point: sets up state and the navigation, then runs the chosen page."""

from __future__ import annotations

import streamlit as st

from ui import autosave
from ui.layout import sidebar
from ui.nav import PAGES, page_file
from ui.state import init_state, pop_flash

st.set_page_config(page_title="GroupUp", page_icon=":material/diversity_3:", layout="wide")
init_state()
autosave.install()  # save the answers under a resume code after every change
autosave.resume_from_link()  # ?resume=CODE brings back autosaved answers

sections: dict[str, list[st.Page]] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(str(page_file(spec)), title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
    )
# Every page stays listed: collapsed behind "View more", Export and the workshop pages were easy to miss.
page = st.navigation(sections, expanded=True)
sidebar()
message = pop_flash()
if message:
    kind, text = message
    getattr(st, kind)(text)
page.run()
