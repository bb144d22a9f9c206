"""Each design principle's escaped text for its page, built once per process.

A page script runs afresh on every rerun, so a cache defined in it lasts one run; here, in an imported module,
it lasts the process (content is loaded once and never changes).
"""

from __future__ import annotations

import functools

from assessment.content import get_content
from ui.widgets import NOT_SURE, NOT_SURE_LABEL, cite, escape_label, escape_markdown


@functools.cache
def statement_text(number: int) -> str:
    """A principle's quoted statement, escaped once per process (content never changes)."""
    principle = next(p for p in get_content().principles if p.number == number)
    return f"> “{escape_markdown(principle.statement)}”"


@functools.cache
def details_text(number: int) -> str:
    """The principle's statement, why it matters and the full descriptor of each level, as one escaped Markdown block."""
    content = get_content()
    principle = next(p for p in content.principles if p.number == number)
    levels_list = "\n".join(f"- **{lv.level} · {escape_markdown(lv.label)}**: {escape_markdown(lv.descriptor)}"
                            for lv in principle.levels)
    sources = "; ".join(cite(c, content).removeprefix("Source: ") for c in principle.cites)
    return (f"{statement_text(number)}\n\n"
            f":gray[The statement: {cite(principle.statement_cite, content).removeprefix('Source: ')}.]\n\n"
            f"**Why it matters.** {escape_markdown(principle.why_it_matters)}\n\n{levels_list}\n\n"
            f":gray[The levels were written from: {sources}.]")


@functools.cache
def level_options(number: int) -> tuple[dict, dict]:
    """The answer options: each level with its one-line summary (where you are now), and by name (your target)."""
    principle = next(p for p in get_content().principles if p.number == number)
    now = {lv.level: f"**{lv.level} · {escape_label(lv.label)}**: {escape_label(lv.summary)}"
           for lv in principle.levels} | {NOT_SURE: NOT_SURE_LABEL}
    target = {lv.level: f"{lv.level} · {escape_label(lv.label)}" for lv in principle.levels}
    return now, target
