"""GroupUp's entry point: sets up state and the navigation, then runs the chosen page."""

from __future__ import annotations

import streamlit as st

from ui import autosave, memory, style
from ui.layout import sidebar
from ui.nav import app_icon_uri, navigation_sections, spec_for
from ui.state import init_state, pop_flash

memory.freeze_what_is_loaded()  # once per process: start-up objects out of the garbage collector's way
st.set_page_config(page_title="GroupUp", page_icon=app_icon_uri(), layout="wide")
init_state()
autosave.install()  # save the answers under a resume code after every change
autosave.resume_from_link()  # ?resume=CODE brings back autosaved answers

# Every page stays listed: collapsed behind "View more", Export and the workshop pages were easy to miss.
page = st.navigation(navigation_sections(), expanded=True)
# Each tab says which page it shows ("Results – GroupUp"), so a screen reader user or someone with many tabs knows.
st.set_page_config(page_title=f"{page.title} – GroupUp")
style.inject()
# No self-assessment progress on the workshop pages; the autosave panel, on every page, also makes a tab that
# reconnects after a restart run the app again.
sidebar(spec_for(page.url_path).self_assessment)
message = pop_flash()
with st.container():  # there or not, one slot: a message coming and going moves nothing below it on the page
    if message:
        kind, text = message
        getattr(st, kind)(text)
page.run()
