"""Design principles, one at a time: where the practice is now and where it wants to be on each of the twelve."""

from __future__ import annotations

import streamlit as st

from assessment.answers import NOTE_LIMIT, Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.content_models import Principle
from assessment.progress import progress_of
from ui.principle_text import details_text, level_options
from ui.state import (
    Keys,
    forget_widgets,
    get_answers,
    get_value,
    seed,
    set_value,
    update_answers,
    widget_key,
    widget_value,
)
from ui.widgets import kept_text, numbered_label, page_link

JUMP_KEY = widget_key("principle_jump")
TARGET_BELOW_NOW = ("Your target is below where you are now: is that right? You can keep it (for example, if you "
                    "plan to hand a service over), or choose another level.")


def show(number: int) -> None:
    """Show another principle; the jump list is seeded afresh so it names the one shown."""
    set_value(Keys.PRINCIPLE_SHOWN, number)
    forget_widgets("principle_jump")


def _save(number: int, field: str) -> None:
    key = widget_key("principle", number, field)
    value = kept_text(key, NOTE_LIMIT, "An evidence note") if field == "note" else widget_value(key)
    was_done = False

    def change(answers: Answers) -> None:
        nonlocal was_done
        given = answers.principles.setdefault(number, PrincipleAnswer())
        was_done = given.done
        if field == "current":
            given.choose_now(value)
        else:
            setattr(given, field, value)

    update_answers(change)
    # The choice that first finishes a principle (its target, or "Not sure") moves on, saving a click.
    given = get_answers().principles[number]
    # A target below the current level stays on screen with its question, rather than moving on unseen.
    if field != "note" and not was_done and given.done and not given.target_below_now \
            and number < len(get_content().principles):
        show(number + 1)


def _jump() -> None:
    show(widget_value(JUMP_KEY))


def principle_form(principle: Principle, given: PrincipleAnswer | None) -> None:
    n = principle.number
    now, target = level_options(n)
    st.header(numbered_label(n, principle.title))  # h2: the page title is the only heading above it
    with st.expander("The principle in full, why it matters, each level in full, and the sources"):
        st.markdown(details_text(n))
    seed(widget_key("principle", n, "current"), given.now if given else None)
    st.radio("Where are you now?", options=list(now), format_func=now.get, index=None,
             key=widget_key("principle", n, "current"), on_change=_save, args=(n, "current"),
             help="Choose the level that best describes what you do today, or \"Not sure\".")
    seed(widget_key("principle", n, "note"), given.note if given else "")
    st.text_area("Evidence or notes (optional)", key=widget_key("principle", n, "note"), height=68,
                 on_change=_save, args=(n, "note"),
                 help="What makes you place yourselves here, for example a policy, an audit or a service.")
    seed(widget_key("principle", n, "target"), given.target if given else None)
    st.radio("Where do you want to be?", options=list(target), format_func=target.get, index=None, horizontal=True,
             key=widget_key("principle", n, "target"), on_change=_save, args=(n, "target"),
             help="The level you aim to reach in the next two or three years.")
    if given is not None and given.target_below_now:
        st.info(TARGET_BELOW_NOW, icon=":material/help:")


content = get_content()
answers = get_answers()
principles = {p.number: p for p in content.principles}
# The principle shown travels in the address too, so a tab that reconnects after a restart, or is reloaded, opens
# where the person was (a tester's next click after a restart landed on principle 1 and changed its answer).
PLACE_PARAM = "principle"
placed = get_value(Keys.PRINCIPLE_SHOWN)
if placed is None:
    linked = st.query_params.get(PLACE_PARAM, "")
    placed = int(linked) if linked.isdigit() else 1
shown = min(max(placed, 1), len(principles))
if st.query_params.get(PLACE_PARAM) != str(shown):
    st.query_params[PLACE_PARAM] = str(shown)

st.title("Design principles")
st.write("For each principle, choose where you are now and where you want to be: that moves you on to the next.")
with st.expander("About the twelve principles"):
    st.write("Twelve design principles for general practice working at scale, from *Securing the future of general "
             "practice* (Nuffield Trust and The King's Fund, 2013). For each, choose where you are now and where you "
             "want to be; choosing where you want to be moves you on. Choose \"Not sure\" if you do not know: that "
             "moves you on too, and the principle is set aside from the scores.")
progress = progress_of("principles", answers, content)
st.caption(f"{progress.done} of {progress.total} principles answered.")

done = {n for n, given in answers.principles.items() if given.done}
seed(JUMP_KEY, shown)
st.selectbox("Principle", options=list(principles), key=JUMP_KEY, on_change=_jump,
             format_func=lambda n: f"{n}. {principles[n].title}" + (" ✓" if n in done else ""))

with st.container(border=True):
    principle_form(principles[shown], answers.principles.get(shown))

back, forward = st.columns(2)
back.button("Previous principle", key=widget_key("principle_previous"), icon=":material/arrow_back:",
            disabled=shown == 1, on_click=show, args=(shown - 1,), use_container_width=True)
if shown < len(principles):
    forward.button("Next principle", key=widget_key("principle_next"), icon=":material/arrow_forward:",
                   type="primary", on_click=show, args=(shown + 1,), use_container_width=True)
else:
    with forward:
        page_link("components", label="Next: collaboration components", icon=":material/arrow_forward:")
