""""What to do next": one page a partner can read on its own, built from an assessment's scores, lessons, fit and plan.

`what_to_do_next(...)` is pure and decides nothing new: every priority is one of the ranked gaps, every example is a
case-study passage already in the content with its citation, the structure is the top of the fit ranking, and the
actions are the practice's own. Where answers are missing it says what is missing instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from assessment.compare import Lesson, Peer
from assessment.content_models import Content
from assessment.fit import Blocker, FitResult
from assessment.scoring import SectionScore, Summary
from assessment.text import Frozen, cite_text, lower_first

TOP_PRIORITIES = 3
FIRST_ACTIONS = 3
DONE = "Done"


class PlannedActionLike(Protocol):
    """What this module reads of a planned action (findings.PlannedAction, which imports this module)."""

    action: str
    owner: str
    due: dt.date | None
    status: str
    where: str


class PriorityStep(Frozen):
    """One of the top gaps, with one thing a named case study did about it."""

    rank: int
    principle: int
    title: str
    current: int
    target: int
    priority: str  # "high", "medium" or "low"
    case_name: str  # "" when the sources give no case study for this principle
    did: str  # what the case study did, in the content's words
    citation: str

    @property
    def heading(self) -> str:
        return (f"{self.rank}. {self.title}: from level {self.current} to {self.target} "
                f"({self.priority} priority)")


class StructureStep(Frozen):
    """The structure and legal form that fit best, and the one constraint that matters most."""

    option: str
    option_citation: str
    legal_form: str
    legal_form_citation: str
    constraint: str  # "" when the sources state none that bears on these answers
    constraint_citation: str
    # The assumption the constraint rests on, and how to change it: "" when it rests on nothing the practice has not
    # said. A contract rule is applied as if the new body would hold the core contracts until the profile says.
    constraint_assumes: str = ""
    # Said instead of a constraint when the fit finds none bearing on these answers: "" when there is a constraint.
    no_constraint: str = ""

    @property
    def sentence(self) -> str:
        """"Network or federation, as a community interest company (CIC) or social enterprise." """
        return f"{self.option}, as a {lower_first(self.legal_form)}."


class ActionStep(Frozen):
    action: str
    where: str
    owner: str  # "" when none is named
    due: dt.date | None

    @property
    def line(self) -> str:
        """The action with its owner and date, in words: "... (Dr Shah, by 31 March 2027)"."""
        owner = self.owner.strip() or "no owner yet"
        due = f"by {self.due.day} {self.due:%B %Y}" if self.due else "no date yet"
        return f"{self.action} ({owner}, {due})"


class WhatToDoNext(Frozen):
    """The summary at the top of Results and on the PDF's first page."""

    standing: str  # where the practice stands, in one or two sentences
    missing: list[str]  # what is not answered yet, in plain words; empty when nothing the summary needs is missing
    priorities: list[PriorityStep]
    priorities_note: str  # why there are fewer than three priorities, when there are
    structure: StructureStep | None
    structure_note: str  # why there is no structure, when there is none
    actions: list[ActionStep]
    actions_note: str  # an invitation to make actions, when there are none still to do


# How the standing sentence names each section: the sections' own titles are questions or headings.
SECTION_NAMES = {
    "readiness": "readiness to work together",
    "components": "the essential components of a collaboration",
    "principles_clinical": "the clinical design principles",
    "principles_organisation": "the organisational design principles",
}


def _score_words(section: SectionScore) -> str:
    band = section.band.label.lower() if section.band else "not scored"
    return f"{SECTION_NAMES.get(section.id, section.title)} ({section.score:g}, {band})"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def standing(summary: Summary) -> str:
    """Where the practice stands in two sentences: strongest and weakest sections, then principles and coverage.
    Areas level with each other are named together, never one picked from a tie."""
    scored = [s for s in summary.sections if s.score is not None]
    answered = (f"you answered {summary.answered_items} of {summary.total_items} questions"
                + (f" and marked {summary.not_sure_items} not sure" if summary.not_sure_items else ""))
    if not scored:
        return f"Nothing is scored yet: {answered}."
    shown = {s.id: round(s.score, 1) for s in scored}  # ties as the reader sees them, to one decimal place
    tops = [s for s in scored if shown[s.id] == max(shown.values())]
    lows = [s for s in scored if shown[s.id] == min(shown.values())]

    def together(sections: Sequence[SectionScore]) -> str:
        """ "readiness to work together and ... (each 45.8, developing)": sections level with each other."""
        band = sections[0].band.label.lower() if sections[0].band else "not scored"
        names = [SECTION_NAMES.get(x.id, x.title) for x in sections]
        return f"{_and(names)} (each {sections[0].score:g}, {band})"

    def area(sections: Sequence[SectionScore], one: str, many: str) -> str:
        return f"{one} {_score_words(sections[0])}" if len(sections) == 1 else f"{many} {together(sections)}"

    if len(scored) == 1:
        first = f"Your one scored area is {_score_words(scored[0])}."
    elif len(tops) == len(scored):
        first = f"Your scored areas stand level: {together(scored)}."
    else:
        first = (f"{area(tops, 'Your strongest area is', 'Your strongest areas are')} and "
                 f"{area(lows, 'your weakest', 'your weakest are')}.")
    placed = [p for p in summary.principles if p.current is not None]
    if len(placed) >= 2 and len({p.current for p in placed}) > 1:
        high, low = max(p.current for p in placed), min(p.current for p in placed)
        top = [p.title for p in placed if p.current == high]
        bottom = [p.title for p in placed if p.current == low]
        second = (f"Of the design principles you are furthest on {_and(top)} (level {high} of 4) and least "
                  f"far on {_and(bottom)} (level {low}); {answered}.")
    elif len(placed) >= 2:
        second = f"You placed all {len(placed)} design principles you answered at level {placed[0].current}; {answered}."
    else:
        second = f"{answered[0].upper()}{answered[1:]}."
    return f"{first} {second}"


def missing(summary: Summary, ranked_fit: bool) -> list[str]:
    out = [f"No answers yet for {SECTION_NAMES.get(s.id, s.title)}." for s in summary.sections if s.answered == 0]
    unplaced = [p for p in summary.principles if not p.not_sure and (p.current is None or p.target is None)]
    if unplaced and len(unplaced) < len(summary.principles):
        out.append(f"{len(unplaced)} of the 12 design principles have no current level or target yet, so their "
                   "gaps cannot be ranked.")
    if not ranked_fit:
        out.append("The practice profile gives no contracts, setting, aims or preferences, so no structure can be "
                   "recommended yet.")
    return out


def _example(lesson: Lesson, peers: Sequence[Peer]) -> tuple[str, str, str]:
    """One thing a case study did for the principle: a close peer's, where one is among the examples."""
    if not lesson.exemplars:
        return "", "", ""
    peer_ids = [p.case_id for p in peers]
    chosen = min(lesson.exemplars, key=lambda ex: peer_ids.index(ex.case_id) if ex.case_id in peer_ids else 99)
    return chosen.case_name, chosen.text, chosen.citation


def priorities(summary: Summary, lessons: Sequence[Lesson], peers: Sequence[Peer]) -> tuple[list[PriorityStep], str]:
    by_number = {lesson.principle: lesson for lesson in lessons}
    steps = []
    for gap in summary.gaps[:TOP_PRIORITIES]:
        lesson = by_number.get(gap.number)
        case_name, did, citation = _example(lesson, peers) if lesson else ("", "", "")
        steps.append(PriorityStep(rank=gap.rank, principle=gap.number, title=gap.title, current=gap.current,
                                  target=gap.target, priority=gap.priority, case_name=case_name, did=did,
                                  citation=citation))
    if not any(p.current is not None and p.target is not None for p in summary.principles):
        note = ("No priorities yet: place yourselves on the design principles (where you are now and where you want "
                "to be) and the largest gaps will be listed here.")
    elif len(steps) < TOP_PRIORITIES:
        note = (f"Only {len(steps)} of the design principles you placed has a target above where you are now"
                if len(steps) == 1 else
                f"Only {len(steps)} of the design principles you placed have a target above where you are now")
        note += ", so there " + ("is nothing more" if steps else "are no gaps") + " to rank."
    else:
        note = ""
    return steps, note


def _option_cite(result: FitResult, content: Content) -> str:
    option = next((o for o in content.structural_options if o.id == result.id), None)
    return cite_text(option.cite, content) if option else ""


def _legal_cite(result: FitResult) -> str:
    points = result.advantages or result.disadvantages
    return points[0].citation if points else ""


def _constraint(best_option: FitResult, best_legal: FitResult, fit: Sequence[FitResult]) -> Blocker | None:
    """The one constraint that matters most here: a limit on the recommended legal form or option first; then the
    rule that rules something out for this practice; then a rule that would apply under a contract not given, or if
    the new body held the contracts when the practice is not sure it would (on the recommendation first)."""
    for found in (best_legal.restrictions, best_option.restrictions,
                  [b for r in fit for b in r.blockers],
                  best_option.blocked_if, best_legal.blocked_if,
                  [b for r in fit for b in r.blocked_if],
                  [b for r in fit for b in r.restrictions]):
        if found:
            return found[0]
    return None


# Said where the constraint is a contract rule and the practice has not said what the new body would do (the fit then
# reads the body as holding the core contracts, as the Structures page explains).
BODY_ROLE_ASSUMED = ("This assumes the new body would hold your core contracts, as you have not said what it would "
                     "do: answer \u201cWhat would the new body do?\u201d in the practice profile.")


# Said where no rule in the sources rules out or limits any option or legal form on these answers.
NO_CONSTRAINT = ("On your answers, none of the rules the sources state rules out or limits any structure or legal "
                 "form: the choice rests on the advantages and disadvantages set out on the Structures page.")


def structure(options: Sequence[FitResult], legal_forms: Sequence[FitResult], ranked: bool,
              content: Content, body_role_given: bool = True) -> tuple[StructureStep | None, str]:
    if not ranked:
        return None, ("Give your contracts, setting, aims and preferences in the practice profile to see which way "
                      "of working together, and which legal form, fit you best.")
    option = next((r for r in options if r.possible), None)
    legal = next((r for r in legal_forms if r.possible), None)
    if option is None or legal is None:
        return None, "On your answers the sources rule out every structure or every legal form: see Structures."
    rule = _constraint(option, legal, [*options, *legal_forms])
    fit = [*options, *legal_forms]
    if rule is None:
        constraint, constraint_cite = "", ""
    elif rule in option.blocked_if or rule in legal.blocked_if:
        constraint, constraint_cite = rule.condition, rule.citation
    else:
        blocked = next((r.name for r in fit if rule in r.blockers), "")
        limited = next((r.name for r in fit if rule in r.restrictions), "")
        conditional = next((r.name for r in fit if rule in r.blocked_if), "")
        if blocked:
            constraint = f"{blocked} is not possible for you: {rule.reason}"
        elif limited:
            constraint = f"{limited}: {lower_first(rule.sentence)}"
        elif conditional:
            constraint = f"{conditional}: {lower_first(rule.condition)}"
        else:
            constraint = rule.sentence
        constraint_cite = rule.citation
    no_constraint = "" if rule is not None else NO_CONSTRAINT
    # Every rule about contracts (the contract rules and the NHS Pension fact) turns on what the body would do.
    assumes = BODY_ROLE_ASSUMED if rule is not None and rule.contracts and not body_role_given else ""
    return StructureStep(option=option.name, option_citation=_option_cite(option, content), legal_form=legal.name,
                         legal_form_citation=_legal_cite(legal), constraint=constraint,
                         constraint_citation=constraint_cite, constraint_assumes=assumes,
                         no_constraint=no_constraint), ""


def first_actions(actions: Sequence[PlannedActionLike]) -> tuple[list[ActionStep], str]:
    to_do = [a for a in actions if a.status != DONE]
    to_do.sort(key=lambda a: (a.due is None, a.due or dt.date.max))
    steps = [ActionStep(action=a.action, where=a.where, owner=a.owner, due=a.due) for a in to_do[:FIRST_ACTIONS]]
    if steps:
        return steps, ""
    if actions:
        return [], ("Every action in your plan is done. Choose the next gaps to act on in the Action plan, each "
                    "with an owner and a date.")
    return [], ("No actions yet. In the Action plan, turn each priority above into an action with an owner and a "
                "date, and bring it to the next partners' meeting.")


def what_to_do_next(summary: Summary, lessons: Sequence[Lesson], peers: Sequence[Peer], options: Sequence[FitResult],
                    legal_forms: Sequence[FitResult], ranked_fit: bool, actions: Sequence[PlannedActionLike],
                    content: Content, body_role_given: bool = True) -> WhatToDoNext:
    """The one-page summary of an assessment: standing, top priorities, best structure, first actions.

    body_role_given: whether the profile says what the new body would do; when not, a constraint from a contract
    rule says it assumes the body would hold the core contracts, and where to change that.
    """
    steps, steps_note = priorities(summary, lessons, peers)
    best, best_note = structure(options, legal_forms, ranked_fit, content, body_role_given)
    todo, todo_note = first_actions(actions)
    return WhatToDoNext(standing=standing(summary), missing=missing(summary, ranked_fit), priorities=steps,
                        priorities_note=steps_note, structure=best, structure_note=best_note, actions=todo,
                        actions_note=todo_note)
