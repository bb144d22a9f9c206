"""Once per server process, what the app loads at start-up is moved out of the garbage collector's way."""

from __future__ import annotations

import gc
import threading

_runs = 0
_lock = threading.Lock()


def freeze_what_is_loaded() -> None:
    """Called by app.py at the start of every run; on the second run in the process, freeze what is loaded.

    Python's full collection walks every object it tracks and holds every session up while it does: with a hundred
    workshop participants, eight times in a run of benchmarks/load.py, up to 2 s each on a busy machine. By the
    second run the first has imported Streamlit, pandas, Altair, pydantic and the app's pages and loaded the
    content, objects that live as long as the process; gc.freeze() puts them in a generation no collection walks
    again (the full collections then took at most 0.3 to 1.0 s, about half as long in all). Sessions' own objects
    are made later and are collected as before; what the first session held and drops later stays, a megabyte or
    two once per process.
    """
    global _runs
    with _lock:
        _runs += 1
        if _runs != 2:
            return
    gc.collect()  # garbage from the first run is not frozen with the rest
    gc.freeze()
