"""The findings: everything any view shows about one assessment, worked out once by the core.

`build_findings(answers, content)` is the one pure function that scores, compares and fits; it returns a frozen
`Findings`. The Results, Compare and Structures pages, the PDF (`assessment.report`), the CSV
(`assessment.export`) and the command line render that object and compute nothing of their own, so they cannot
disagree. A workshop builds the same object from its agreed levels with `findings_from_levels(...)`.
`findings_for(answers, content)` is `build_findings` remembered by the answers' content, for pages that rerun.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Literal

from assessment.answers import (
    ACTION_STATUS_LABELS,
    BODY_ROLE_LABELS,
    ROLE_LABELS,
    Action,
    Answers,
    PrincipleAnswer,
    Profile,
)
from assessment.change import Change, assessed_on, compare_assessments
from assessment.compare import (
    EvidenceCell,
    Lesson,
    Need,
    Peer,
    ScaleData,
    SharedLesson,
    closest_peers,
    comparison_needs,
    evidence_matrix,
    group_exemplars,
    has_levels,
    learn_from,
    no_close_peer,
    scale_points,
)
from assessment.content_models import Content
from assessment.fit import FitResult, has_fit_answers, rank_legal_forms, rank_options
from assessment.next_steps import WhatToDoNext, what_to_do_next
from assessment.profile_facts import ProfileFact, profile_facts
from assessment.scoring import Gap, PrincipleResult, SectionScore, Summary, score
from assessment.text import Frozen, cite_text

NO_PRINCIPLE = "General"


class PlannedAction(Frozen):
    """One action of the plan, in the order the plan is shown: by the rank of its principle's gap."""

    id: str
    principle: int | None
    principle_title: str  # "Care coordination", or "General"
    where: str  # "6. Care coordination", or "General"
    action: str
    owner: str
    due: dt.date | None
    status: str  # in words, e.g. "In progress"
    started_from: str  # where an action begun from a suggestion came from, in words; "" otherwise


class EvidenceNote(Frozen):
    """A note the practice wrote on one item, as the PDF prints it under the item."""

    section: str  # "Readiness", "Design principles", ...
    item: str  # "3. Is the practice viable in the long term?"
    note: str  # as typed


class LessonFinding(Frozen):
    """A lesson with its exemplars already gathered, so every view shows one sentence once."""

    lesson: Lesson
    groups: list[SharedLesson]


class FitFindings(Frozen):
    """Every structural option and legal form with its verdict, blockers, conditions and restrictions."""

    ranked: bool  # whether the profile holds anything the fit weighs; otherwise everything is in content order
    contracts_given: bool
    options: list[FitResult]
    legal_forms: list[FitResult]
    caveat: str  # the one legal caveat, from the content (structures_method.yaml)
    body_role: str = ""  # what the new body would do, in words; "" when not said (the rules read it as holding them)

    @property
    def all(self) -> list[FitResult]:
        return [*self.options, *self.legal_forms]


class CharacteristicLine(Frozen):
    """One characteristic of high-quality primary care and the design principles GroupUp reads as supporting it."""

    title: str
    principles: list[int]

    @property
    def words(self) -> str:
        """"Coordinated: principles 3, 6 and 10"."""
        numbers = [str(n) for n in self.principles]
        listed = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        return f"{self.title}: principle{'s' if len(numbers) != 1 else ''} {listed}"


class CharacteristicsKey(Frozen):
    """The characteristics a gap's "supports N of the six" counts, where they come from, and whose reading the
    mapping to principles is: so that a reader can judge the count, which breaks ties between equal gaps."""

    lines: list[CharacteristicLine]
    source: str  # where the characteristics are set out, in words
    reading: str  # that the mapping is GroupUp's own reading, from the content
    reading_citation: str

    @property
    def title(self) -> str:
        return "The six characteristics of high-quality primary care"

    @property
    def intro(self) -> str:
        """What the count does in the ranking (scoring.rank_gaps), so that a reader can weigh it."""
        return (f"Each gap says how many of these it supports, by the design principles listed against each. The "
                f"count only puts one gap before another of the same size starting at the same level; a gap's "
                f"priority follows its size and starting level alone. The characteristics are from {self.source}.")


def characteristics_key(content: Content) -> CharacteristicsKey:
    framework = content.framework
    return CharacteristicsKey(
        lines=[CharacteristicLine(title=c.title, principles=sorted(c.principles)) for c in content.characteristics],
        source=cite_text(framework.characteristics_cite, content),
        reading=" ".join(framework.characteristics_reading.text.split()),
        reading_citation=cite_text(framework.characteristics_reading.cite, content))


class Findings(Frozen):
    """What one assessment (or one workshop's agreed levels) comes to. Views read it; they never decide."""

    kind: Literal["self_assessment", "workshop"] = "self_assessment"
    display_name: str
    practice_names: list[str]
    respondent_role: str  # in words; "" when not given
    total_list_size: int | None
    updated: dt.datetime | None
    summary: Summary  # section scores and bands, principles now and target, ranked gaps, coverage; the charts' data
    evidence: list[EvidenceCell]  # the heatmap: which case studies exemplify which principle
    has_levels: bool
    lessons: list[LessonFinding]
    needs: list[Need]
    peers: list[Peer]  # at least content/peers_method.yaml's threshold alike, closest first
    no_close_peer: str = ""  # when peers is empty, why, in words
    scale: ScaleData
    fit: FitFindings
    actions: list[PlannedAction]
    notes: list[EvidenceNote] = []  # in the order the pages ask: readiness, principles, components
    assessed_on: dt.date | None = None
    change: Change | None = None  # beside an earlier assessment, when one is set
    next_steps: WhatToDoNext  # "What to do next": the top of Results and the PDF's first page
    profile: list[ProfileFact] = []  # the practice profile, question by question; empty for a workshop
    characteristics: CharacteristicsKey  # what the gaps' count of characteristics counts, and whose reading it is

    @property
    def sections(self) -> list[SectionScore]:
        return self.summary.sections

    @property
    def principles(self) -> list[PrincipleResult]:
        return self.summary.principles

    @property
    def gaps(self) -> list[Gap]:
        return self.summary.gaps

    @property
    def nothing_answered(self) -> bool:
        return self.summary.answered_items == 0 and self.summary.not_sure_items == 0


def _started_from(action: Action, content: Content) -> str:
    """Where an action begun from a suggestion came from: the case study, and the passage linking it to the
    action's principle."""
    if not action.suggestion_from:
        return ""
    case = next((c for c in content.case_studies if c.id == action.suggestion_from), None)
    if case is None:
        return f"Started from a case study: {action.suggestion_from}"
    link = next((link for link in case.principles if link.number == action.principle), None)
    if link is None:
        return f"Started from a case study: {case.name}"
    return f"Started from a case study: {case.name}. Source: {cite_text(link.cite, content)}"


def _plan(answers: Answers, content: Content, summary: Summary) -> list[PlannedAction]:
    titles = {p.number: p.title for p in content.principles}
    order = {g.number: g.rank for g in summary.gaps}
    ordered = sorted(answers.actions, key=lambda a: (order.get(a.principle, 99) if a.principle else 100,
                                                     a.principle or 0))
    return [
        PlannedAction(id=a.id, principle=a.principle,
                      principle_title=titles.get(a.principle, NO_PRINCIPLE) if a.principle else NO_PRINCIPLE,
                      where=f"{a.principle}. {titles.get(a.principle, '')}".strip() if a.principle else NO_PRINCIPLE,
                      action=a.action, owner=a.owner, due=a.due, status=ACTION_STATUS_LABELS[a.status],
                      started_from=_started_from(a, content))
        for a in ordered
    ]


def _notes(answers: Answers, content: Content) -> list[EvidenceNote]:
    """Every evidence note on an item the content still has, in the pages' order; blank notes are left out."""

    def questions(section) -> list[EvidenceNote]:
        given = getattr(answers.notes, section.id)
        return [EvidenceNote(section=section.title, item=f"{n}. {q.text}", note=given[q.id].strip())
                for n, q in enumerate(section.questions, start=1) if given.get(q.id, "").strip()]

    principles = [EvidenceNote(section="Design principles", item=f"{p.number}. {p.title}",
                               note=answers.principles[p.number].note.strip())
                  for p in content.principles
                  if p.number in answers.principles and answers.principles[p.number].note.strip()]
    return [*questions(content.readiness), *principles, *questions(content.components)]


def _practice_names(profile: Profile) -> list[str]:
    names = [p.name.strip() for p in profile.practices if p.name.strip()]
    return names or ["Unnamed practice"]


def build_findings(answers: Answers, content: Content, earlier: Answers | None = None) -> Findings:
    """Score, compare and fit one set of answers against the content, once. Pure: same inputs, same findings.

    earlier: an earlier assessment of the same practice, to show the change since then.
    """
    profile = answers.profile
    summary = score(answers, content)
    change = (compare_assessments(earlier, score(earlier, content), answers, summary)
              if earlier is not None else None)
    options = rank_options(profile, content)
    role = profile.respondent_role
    peers = closest_peers(profile, content, options=options, summary=summary)
    lessons = [LessonFinding(lesson=lesson, groups=group_exemplars(lesson.exemplars))
               for lesson in learn_from(summary, content)]
    fit = FitFindings(ranked=has_fit_answers(profile), contracts_given=bool(profile.contracts), options=options,
                      legal_forms=rank_legal_forms(profile, content),
                      caveat=content.structures_method.legal_caveat.plain,
                      body_role=BODY_ROLE_LABELS[profile.body_role] if profile.body_role else "")
    actions = _plan(answers, content, summary)
    return Findings(
        display_name=profile.display_name,
        practice_names=_practice_names(profile),
        profile=profile_facts(answers, content),
        respondent_role=ROLE_LABELS[role] if role else "",
        total_list_size=profile.total_list_size,
        updated=answers.updated,
        summary=summary,
        evidence=evidence_matrix(content),
        has_levels=has_levels(summary),
        lessons=lessons,
        needs=comparison_needs(profile, summary),
        peers=peers,
        no_close_peer=no_close_peer(profile, content, peers),
        scale=scale_points(profile, content),
        fit=fit,
        actions=actions,
        notes=_notes(answers, content),
        assessed_on=assessed_on(answers),
        change=change,
        next_steps=what_to_do_next(summary, [item.lesson for item in lessons], peers, fit.options, fit.legal_forms,
                                   fit.ranked, actions, content, body_role_given=profile.body_role is not None),
        characteristics=characteristics_key(content),
    )


Levels = Mapping[int, "int | tuple[int | None, int | None] | PrincipleAnswer"]


def findings_from_levels(levels: Levels, content: Content, *, profile: Profile | None = None,
                         readiness: Mapping[str, int] | None = None,
                         components: Mapping[str, int] | None = None) -> Findings:
    """The findings of a group: a workshop's agreed level per principle, as the same object a practice gets.

    levels: principle number -> the agreed current level, a (current, target) pair, or a PrincipleAnswer (to keep a
    note). readiness and components: question id -> the room's answer. profile: the practices taking part.
    """
    principles: dict[int, PrincipleAnswer] = {}
    for number, given in levels.items():
        if isinstance(given, PrincipleAnswer):
            principles[number] = given
        elif isinstance(given, tuple):
            principles[number] = PrincipleAnswer(current=given[0], target=given[1])
        else:
            principles[number] = PrincipleAnswer(current=given)
    answers = Answers(profile=profile or Profile(), principles=principles, readiness=dict(readiness or {}),
                      components=dict(components or {}))
    return build_findings(answers, content).model_copy(update={"kind": "workshop"})


def answers_key(answers: Answers) -> str:
    """A hash of the answers' content: equal answers, equal key, whatever object holds them."""
    return hashlib.sha256(answers.model_dump_json().encode()).hexdigest()


_MEMO: dict[tuple[int, str], tuple[Content, Findings]] = {}
_MEMO_SIZE = 32


def findings_for(answers: Answers, content: Content, earlier: Answers | None = None) -> Findings:
    """build_findings, remembered for the last few answers seen with this content (pages rerun on every click)."""
    key = (id(content), answers_key(answers) + (answers_key(earlier) if earlier is not None else ""))
    held = _MEMO.get(key)
    if held is not None and held[0] is content:
        return held[1]
    found = build_findings(answers, content, earlier)
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO), key), None)
    _MEMO[key] = (content, found)
    return found
