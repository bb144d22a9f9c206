"""GroupUp's one stylesheet (ui/style.css) and one script (ui/frames.js), injected on every run.

The stylesheet makes captions readable and gives every control a visible focus outline; the script lets a chart
that scrolls inside its own frame be reached and scrolled from the keyboard, and lets Tab leave a date box from its
last part, so that a date typed into it is saved.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

STYLESHEET = Path(__file__).with_name("style.css")
SCRIPT = Path(__file__).with_name("frames.js")


class _Markup:
    """Markup st.html shows as it is: given a str, st.html dedents it on every call (0.2 ms for these 4 kB)."""

    def __init__(self, html: str) -> None:
        self._html = html

    def _repr_html_(self) -> str:
        return self._html


@functools.cache
def markup() -> _Markup:
    """The stylesheet and the script as one piece of markup, read and built once per process."""
    css = STYLESHEET.read_text(encoding="utf-8")
    js = SCRIPT.read_text(encoding="utf-8")
    return _Markup(f"<style>{css}</style><script>{js}</script>")


def inject() -> None:
    """Called by app.py on every run. The script only changes attributes in the page; it sends nothing anywhere."""
    st.html(markup(), unsafe_allow_javascript=True)
