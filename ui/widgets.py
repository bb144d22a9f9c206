"""Widget helpers shared by the self-assessment pages: escaping, questions on a scale, loading answers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from assessment.actions import cite_text
from assessment.answers import NOT_SURE, NOTE_LIMIT, Answers, parse_answers
from assessment.content import get_content
from assessment.content_models import Citation, Content, Question, QuestionSection
from assessment.errors import GroupUpError, InvalidAnswersFile, excerpt
from assessment.findings import CharacteristicsKey
from assessment.progress import progress_of
from assessment.services import read_answers_file
from assessment.storage import format_code
from assessment.text import within
from ui.nav import PAGES, ROOT, PageSpec
from ui.state import Keys, flash, get_value, seed, set_answers, update_answers, widget_key, widget_value

NOT_SURE_LABEL = "Not sure"
EXAMPLES_DIR = ROOT / "examples"
_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|$~:=")


def escape_markdown(text: str) -> str:
    """Text shown through Markdown exactly as written: no links, emphasis, HTML or maths."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


# In a widget's label (or a heading), Streamlit renders only inline Markdown: emphasis, strikethrough, code, links
# (GitHub's bare web and email addresses too), maths, and `:name:`/`:colour[...]` directives; block markers at a
# line's start (a heading's "#", a list's "-" or "1.") are dropped. A label is also read out as written (its
# aria-label), so a backslash that is not needed is read aloud: escape only what would format, nothing else.
_LABEL_SPECIAL = set("\\`*_~[]$<>")
_LABEL_INLINE = re.compile(r":(?=[A-Za-z_/])|(?<=www)\.|(?<=[A-Za-z0-9])@(?=[A-Za-z0-9])", re.IGNORECASE)
_LABEL_BLOCK = re.compile(r"^([ \t]*)(#{1,6}|[+=-]+|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)
NUMBER_GAP = "\u00a0"  # after "1.", a no-break space: CommonMark reads no list marker, a screen reader a space


def escape_label(text: str) -> str:
    """Text for a widget label or heading that shows and is read exactly as written, with a backslash only
    before a character that would otherwise format it (so "long-term viability." keeps its hyphen and full stop
    bare, while "*" or "[link](...)" typed by someone is still shown as typed)."""
    text = "".join("\\" + ch if ch in _LABEL_SPECIAL else ch for ch in str(text))
    text = _LABEL_INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _LABEL_BLOCK.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def numbered_label(number: int | str, text: str) -> str:
    """ "1. The question" as a label or heading: the number's full stop followed by a no-break space rather
    than "1\\.", so it is neither a list marker (which Streamlit would drop) nor a backslash read aloud."""
    return f"{number}.{NUMBER_GAP}{escape_label(text)}"


def plain_table(frame: pd.DataFrame) -> None:
    """A chart's table alternative, its first column as row headers, every cell reading exactly as written.

    st.table renders each cell as Markdown, so "10. One shared patient record" would become a numbered list (its
    marker cut to "l0." and its text raised above the row's other cells): every cell is escaped first.
    """
    shown = frame.astype("string").fillna("—").map(escape_markdown)
    st.table(shown.set_index(shown.columns[0]))


T = TypeVar("T")


def or_flash(call: Callable[[], T]) -> T | None:
    """What a call into the core returns, or None once its named error's message is flashed for the next run."""
    try:
        return call()
    except GroupUpError as exc:
        flash("error", escape_markdown(str(exc)))
        return None


def cite(citation: Citation, content: Content) -> str:
    """A citation as escaped Markdown, ready for st.caption."""
    return "Source: " + escape_markdown(cite_text(citation, content))


def page(url_path: str) -> PageSpec:
    return next(p for p in PAGES if p.url_path == url_path)


def page_link(url_path: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to another page of the app (never a Markdown link, which would reload and lose the session)."""
    spec = page(url_path)
    st.page_link(spec.path, label=label or spec.title, icon=icon or spec.icon)


# --- questions on a scale (readiness and collaboration components) --------------------------------------


def _save_question(section_id: str, question_id: str) -> None:
    value = widget_value(widget_key(section_id, question_id))
    update_answers(lambda answers: answers.answer_question(section_id, question_id, value))


def kept_text(key: str, limit: int, what: str) -> str:
    """A text box's value, cut to what its field holds. Streamlit's own limit on a box throws a longer paste away
    without a word (a tester's 201-character name "did nothing"), so boxes have none: the text is cut here, the box
    shows what was kept, and a message says so."""
    kept, cut = within(widget_value(key) or "", limit)
    if cut:
        st.session_state[key] = kept
        flash("warning", f"{what} can be at most {limit:,} characters, so only the first {limit:,} were kept.")
    return kept


def _save_note(section_id: str, question_id: str) -> None:
    text = kept_text(widget_key(section_id, question_id, "note"), NOTE_LIMIT, "An evidence note")
    update_answers(lambda answers: answers.note_question(section_id, question_id, text))


def question_note(section: QuestionSection, question: Question, notes: dict[str, str]) -> None:
    """An optional evidence note under a question: one line, its label read out but not shown."""
    key = widget_key(section.id, question.id, "note")
    seed(key, notes.get(question.id, ""))
    st.text_input("Evidence or note (optional)", key=key, label_visibility="collapsed",
                  placeholder="Evidence or note (optional)", on_change=_save_note, args=(section.id, question.id))


def question_help(question: Question, content: Content) -> str:
    """A question's tooltip: its help, then its source (a hover or a tap away, not read under every question)."""
    source = cite(question.cite, content)
    return f"{question.help}\n\n{source}" if question.help else source


def question_radio(section: QuestionSection, question: Question, number: int, given: dict,
                   content: Content) -> None:
    """One question: a point on the section's scale, or "Not sure". Unanswered until the person picks."""
    key = widget_key(section.id, question.id)
    seed(key, given.get(question.id))
    labels = {option.value: option.label for option in section.scale} | {NOT_SURE: NOT_SURE_LABEL}
    st.radio(
        numbered_label(number, question.text),
        options=list(labels),
        format_func=labels.__getitem__,
        index=None,
        key=key,
        help=question_help(question, content),
        horizontal=True,
        on_change=_save_question,
        args=(section.id, question.id),
    )


def question_page(section: QuestionSection, answers: Answers, content: Content) -> None:
    """The body of a page of questions answered on one scale (readiness or collaboration components)."""
    given = getattr(answers, section.id)
    progress = progress_of(section.id, answers, content)
    with st.expander("About these questions"):
        st.write(escape_markdown(section.intro))
    st.caption(f"{progress.done} of {progress.total} answered. \"{NOT_SURE_LABEL}\" is counted apart, not as a low "
               "score; the question mark by each question gives its help and source.")
    for number, question in enumerate(section.questions, start=1):
        with st.container(border=True):
            question_radio(section, question, number, given, content)
            question_note(section, question, getattr(answers.notes, section.id))


# --- loading an answers file (upload or example) --------------------------------------------------------


def load_answers(raw: bytes | str, where: str) -> tuple[str, str]:
    """Replace the answers with a file's, or leave them untouched. Returns (kind, escaped message) to show."""
    try:
        answers = read_answers_file(raw, get_content())
    except InvalidAnswersFile as exc:
        return "error", escape_markdown(f"{where} could not be loaded. {exc} Your current answers have not changed.")
    replaced = get_value(Keys.RESUME_CODE)
    set_answers(answers)
    message = f"Loaded the answers for {excerpt(answers.profile.display_name, 80)} from {where}."
    if replaced:
        # Said where the person is looking, not only in the sidebar: a tester replaced their own answers with an
        # example and found no way back.
        message += (f" The answers this tab had before are still saved: to go back to them, carry on from resume "
                    f"code {format_code(replaced)}.")
    return "success", escape_markdown(message)


@functools.cache
def _example_label(path: Path, mtime: float) -> str:
    try:
        return parse_answers(path.read_bytes()).profile.display_name
    except (OSError, InvalidAnswersFile):
        return path.stem.replace("_", " ").capitalize()


def example_files(directory: Path | None = None) -> list[tuple[Path, str]]:
    """Each example answers file with a readable name (its practices' names), sorted by file name."""
    paths = sorted((directory or EXAMPLES_DIR).glob("*.json"))
    return [(path, _example_label(path, path.stat().st_mtime)) for path in paths]


def load_example(path: Path, label: str) -> None:
    kind, message = load_answers(path.read_bytes(), f"the example \"{label}\"")
    flash(kind, message)


def characteristics_key(key: CharacteristicsKey) -> None:
    """The six characteristics a gap's count counts, where they come from, and that the mapping is GroupUp's own."""
    with st.expander(key.title, icon=":material/help:"):
        st.markdown(escape_markdown(key.intro))
        st.markdown("\n".join(f"- {escape_markdown(line.words)}" for line in key.lines))
        st.markdown(escape_markdown(key.reading))
        st.caption("GroupUp's judgement, from " + escape_markdown(key.reading_citation))
