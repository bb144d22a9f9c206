"""Design principles: for each of the twelve, where the practice is now and where it wants to be."""

from __future__ import annotations

import functools

import streamlit as st

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.content_models import Principle
from assessment.progress import progress_of
from ui.state import get_answers, seed, update_answers, widget_key, widget_value
from ui.widgets import NOT_SURE, NOT_SURE_LABEL, cite, escape_markdown, page_link

GROUPS = (("clinical", "Clinical care"), ("organisation", "Organisation"))


def _save(number: int, field: str) -> None:
    value = widget_value(widget_key("principle", number, field))

    def change(answers: Answers) -> None:
        given = answers.principles.setdefault(number, PrincipleAnswer())
        if field == "current":
            given.choose_now(value)
        else:
            setattr(given, field, value)

    update_answers(change)


@functools.cache
def principle_text(number: int) -> str:
    """A principle's statement, why it matters and its five levels as one Markdown block.

    Content is loaded once per process and never changes, so the escaped text is built once, not on every rerun
    for all twelve principles.
    """
    content = get_content()
    principle = next(p for p in content.principles if p.number == number)
    levels_list = "\n".join(f"- **{lv.level} · {escape_markdown(lv.label)}**: {escape_markdown(lv.descriptor)}"
                             for lv in principle.levels)
    return (f"> “{escape_markdown(principle.statement)}”\n>\n> :gray[{cite(principle.statement_cite, content)}]"
            f"\n\n**Why it matters.** {escape_markdown(principle.why_it_matters)}\n\n{levels_list}")


def principle_form(principle: Principle, given: PrincipleAnswer | None) -> None:
    n = principle.number
    levels = {lv.level: f"{lv.level} · {lv.label}" for lv in principle.levels}
    st.markdown(principle_text(n))
    seed(widget_key("principle", n, "current"), given.now if given else None)
    st.radio("Where are you now?", options=[*levels, NOT_SURE], format_func=(levels | {NOT_SURE: NOT_SURE_LABEL}).get,
             index=None, horizontal=True, key=widget_key("principle", n, "current"), on_change=_save,
             args=(n, "current"), help="Choose the level that best describes what you do today, or \"Not sure\".")
    seed(widget_key("principle", n, "target"), given.target if given else None)
    st.radio("Where do you want to be?", options=list(levels), format_func=levels.get, index=None, horizontal=True,
             key=widget_key("principle", n, "target"), on_change=_save, args=(n, "target"),
             help="The level you aim to reach in the next two or three years.")
    seed(widget_key("principle", n, "note"), given.note if given else "")
    st.text_area("Evidence or notes (optional)", key=widget_key("principle", n, "note"), max_chars=2000, height=68,
                 on_change=_save, args=(n, "note"),
                 help="What makes you place yourselves here, for example a policy, an audit or a service.")


content = get_content()
answers = get_answers()

st.title("Design principles")
st.write("Twelve design principles for general practice working at scale, from *Securing the future of general "
         "practice* (Nuffield Trust and The King's Fund, 2013). For each, read the five levels, then choose where you "
         "are now and where you want to be. Choose \"Not sure\" if you do not know: it is counted separately.")
progress = progress_of("principles", answers, content)
st.caption(f"{progress.done} of {progress.total} principles answered.")

for tab, (group, _title) in zip(st.tabs([title for _, title in GROUPS]), GROUPS, strict=True):
    with tab:
        for principle in (p for p in content.principles if p.group == group):
            with st.expander(f"{principle.number}\\. {escape_markdown(principle.title)}"):
                principle_form(principle, answers.principles.get(principle.number))

page_link("components", label="Next: collaboration components", icon=":material/arrow_forward:")
