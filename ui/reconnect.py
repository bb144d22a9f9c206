"""Make a tab that reconnects to a restarted server run the app again at once, so that its next answer counts.

On reconnecting, Streamlit's browser side reruns the script only if a run was under way or a fragment refreshes
itself on a timer (checked in 1.67's bundled JavaScript). Otherwise, after a restart or a deploy, or a connection
dropped for longer than `server.disconnectedSessionTTL`, the tab goes on showing the old session's page while
the server holds a new, empty session. The person's next answer is then that session's first run, in which no
on_change callback fires, and it is silently lost. So every full run draws one fragment on a timer, and the
resume code autosave keeps in the address brings the answers back first.

That fragment is the sidebar's autosave panel (ui/autosave.py), which already has a timer while answers wait for
the database: `panel_timer` gives it a long one the rest of the time. A second, empty fragment did this until
December 2026; every fragment copies the page's layout state and opens a container of its own on every run, so one
is cheaper than two. tests/app/test_reconnect_timer.py checks that every run leaves exactly one timer.
"""

from __future__ import annotations

import datetime as dt

# Only the timer's existence matters when nothing waits to be saved; each tick redraws the panel, so keep it rare.
TICK = dt.timedelta(hours=1)


def panel_timer(retry_every_s: float, pending: bool) -> float | dt.timedelta:
    """How often the autosave panel reruns itself: soon while answers wait for the database, else once an hour."""
    return retry_every_s if pending else TICK
