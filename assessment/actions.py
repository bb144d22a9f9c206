"""The action plan's core: suggestions drawn from the case studies, and adding, editing or deleting actions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict

from assessment.answers import Action, Answers
from assessment.content_models import Citation, Content
from assessment.errors import DuplicateAction
from assessment.text import cite_text


class Suggestion(BaseModel):
    """What one case study did for a principle, offered as a starting point for an action."""

    model_config = ConfigDict(frozen=True)

    principle: int
    case_study_id: str
    case_study_name: str
    text: str
    cite: Citation
    citation: str  # the cite as a reader looks it up, e.g. "Nuffield Trust and The King's Fund 2013, Box 6"


def suggest_actions(principle_number: int, content: Content) -> list[Suggestion]:
    """Suggestions for one principle: each case study's note for it, then what it did from the same passage.

    A case study's `what_they_did` items are not tied to principles, so only those cited from the very
    passage that links the case to this principle are offered; anything else would be a guess.
    """
    suggestions: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()

    def offer(case_id: str, name: str, text: str, cite: Citation) -> None:
        key = (case_id, " ".join(text.split()).lower())
        if key in seen:
            return
        seen.add(key)
        suggestions.append(Suggestion(principle=principle_number, case_study_id=case_id, case_study_name=name,
                                      text=" ".join(text.split()), cite=cite, citation=cite_text(cite, content)))

    for case in content.case_studies:
        for link in case.principles:
            if link.number != principle_number:
                continue
            offer(case.id, case.name, link.note, link.cite)
            for did in case.what_they_did:
                if did.cite == link.cite:
                    offer(case.id, case.name, did.text, did.cite)
    return suggestions


def new_action_id() -> str:
    return "a" + uuid.uuid4().hex[:12]


def make_action(text: str, *, principle: int | None = None, owner: str = "", due: dt.date | None = None,
                suggestion_from: str | None = None) -> Action:
    """A new, not-started action. Raises pydantic's ValidationError when the text is empty or too long."""
    return Action(id=new_action_id(), principle=principle, action=text.strip(), owner=owner.strip(), due=due,
                  suggestion_from=suggestion_from)


def suggested_text(suggestion: Suggestion) -> str:
    """The notes describe what a case did, so an action started from one says whom to learn from."""
    return f"Learn from {suggestion.case_study_name}: {suggestion.text}"


def action_from_suggestion(suggestion: Suggestion) -> Action:
    """A starting point for the practice to edit."""
    return make_action(suggested_text(suggestion), principle=suggestion.principle,
                       suggestion_from=suggestion.case_study_id)


def suggestion_in_plan(suggestion: Suggestion, actions: list[Action]) -> bool:
    """True while the plan holds an action started from this suggestion and not yet reworded."""
    text = suggested_text(suggestion)
    return any(a.principle == suggestion.principle and a.suggestion_from == suggestion.case_study_id
               and a.action == text for a in actions)


def _same_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def duplicate_of(answers: Answers, action: Action) -> Action | None:
    """An action already in the plan for the same principle with the same words (ignoring case and spacing)."""
    words = _same_words(action.action)
    return next((a for a in answers.actions if a.principle == action.principle and _same_words(a.action) == words),
                None)


def add_action(answers: Answers, action: Action) -> None:
    """Add an action to the plan. Raises DuplicateAction if the plan already holds it for that principle."""
    if duplicate_of(answers, action) is not None:
        where = f"design principle {action.principle}" if action.principle else "your other actions"
        raise DuplicateAction(f"“{action.action}” is already in your plan under {where}, so it was not added again.")
    answers.actions = [*answers.actions, action]


def update_action(answers: Answers, action_id: str, **changes: Any) -> None:
    """Change some fields of one action. Validation errors leave the action as it was."""
    for index, action in enumerate(answers.actions):
        if action.id == action_id:
            data = action.model_dump()
            data.update(changes)
            if isinstance(data.get("action"), str):
                data["action"] = data["action"].strip()
            new = Action.model_validate(data)
            answers.actions = [*answers.actions[:index], new, *answers.actions[index + 1:]]
            return


def delete_action(answers: Answers, action_id: str) -> None:
    answers.actions = [a for a in answers.actions if a.id != action_id]


def actions_for(answers: Answers, principle: int | None) -> list[Action]:
    return [a for a in answers.actions if a.principle == principle]
