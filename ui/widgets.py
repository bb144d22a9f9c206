"""Widget helpers shared by the self-assessment pages: escaping, questions on a scale, loading answers."""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from assessment.actions import cite_text
from assessment.answers import NOT_SURE, Answers, parse_answers
from assessment.content import get_content
from assessment.content_models import Citation, Content, Question, QuestionSection
from assessment.errors import InvalidAnswersFile
from assessment.progress import progress_of
from assessment.scoring import check_answers
from ui.nav import PAGES, ROOT, PageSpec
from ui.state import flash, seed, set_answers, update_answers, widget_key, widget_value

NOT_SURE_LABEL = "Not sure"
EXAMPLES_DIR = ROOT / "examples"
_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|$~:=")


def escape_markdown(text: str) -> str:
    """Text shown through Markdown exactly as written: no links, emphasis, HTML or maths."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


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


def question_radio(section: QuestionSection, question: Question, number: int, given: dict) -> None:
    """One question: a point on the section's scale, or "Not sure". Unanswered until the person picks."""
    key = widget_key(section.id, question.id)
    seed(key, given.get(question.id))
    labels = {option.value: option.label for option in section.scale} | {NOT_SURE: NOT_SURE_LABEL}
    st.radio(
        f"{number}\\. {escape_markdown(question.text)}",
        options=list(labels),
        format_func=labels.__getitem__,
        index=None,
        key=key,
        help=question.help,
        horizontal=True,
        on_change=_save_question,
        args=(section.id, question.id),
    )


def question_page(section: QuestionSection, answers: Answers, content: Content) -> None:
    """The body of a page of questions answered on one scale (readiness or collaboration components)."""
    given = getattr(answers, section.id)
    progress = progress_of(section.id, answers, content)
    st.write(escape_markdown(section.intro))
    st.caption(f"{progress.done} of {progress.total} answered. Choose \"{NOT_SURE_LABEL}\" where you do not "
               "know: it is counted separately, not as a low score. Hover over the ⓘ beside a question for help.")
    for number, question in enumerate(section.questions, start=1):
        with st.container(border=True):
            question_radio(section, question, number, given)
            st.caption(cite(question.cite, content))


# --- loading an answers file (upload or example) --------------------------------------------------------


def read_answers_file(raw: bytes | str, content: Content) -> Answers:
    """A saved answers file, checked against the content. Raises InvalidAnswersFile with a message for people."""
    answers = parse_answers(raw)
    check_answers(answers, content)
    return answers


def load_answers(raw: bytes | str, where: str) -> tuple[str, str]:
    """Replace the answers with a file's, or leave them untouched. Returns (kind, escaped message) to show."""
    try:
        answers = read_answers_file(raw, get_content())
    except InvalidAnswersFile as exc:
        return "error", escape_markdown(f"{where} could not be loaded. {exc} Your current answers have not changed.")
    set_answers(answers)
    return "success", escape_markdown(f"Loaded the answers for {answers.profile.display_name} from {where}.")


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

