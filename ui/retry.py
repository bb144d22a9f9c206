"""Riding out a database outage: a page that could not read says so, keeps its place, and tries again by itself."""

from __future__ import annotations

import streamlit as st

from ui.state import Keys, get_value, set_value

RETRY = "3s"  # how soon a page that could not reach the database tries again
OFFLINE = ("GroupUp cannot reach its database just now. Nothing you have done is lost: this page tries again "
           "every few seconds and carries on when the database is back.")


@st.fragment(run_every=RETRY)
def _retry() -> None:
    # Its first run is part of the page's own run; only its timed reruns rerun the page.
    if get_value(Keys.RETRY_ARMED):
        st.rerun()
    set_value(Keys.RETRY_ARMED, True)


def offline_retrying() -> None:
    """Say the database is away and rerun the whole page every few seconds until it is back."""
    st.warning(OFFLINE, icon=":material/cloud_off:")
    set_value(Keys.RETRY_ARMED, False)
    _retry()


def back_online() -> None:
    set_value(Keys.RETRY_ARMED, False)
