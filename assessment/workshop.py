"""Workshop mode's pure core: the records a workshop keeps, and the group aggregates drawn from them.

Aggregation builds one histogram per principle (and per principle and role, and per principle and practice) in a
single pass over the responses. Levels run 0 to 4, so every statistic (median, quartiles, range) is read off a
five-slot histogram: the cost grows linearly with the number of participants and nothing is sorted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from assessment.actions import new_action_id
from assessment.answers import (
    ACTION_STATUS_LABELS,
    ROLE_LABELS,
    Action,
    ActionStatus,
    Answers,
    Practice,
    PrincipleAnswer,
    Profile,
    Role,
)
from assessment.content import get_content
from assessment.content_models import Content, Principle, QuestionSection
from assessment.csvfile import csv_bytes
from assessment.errors import GroupUpError
from assessment.scoring import Gap
from assessment.text import Frozen, and_list, slug

if TYPE_CHECKING:
    from assessment.findings import Findings
    from assessment.report import ReportCover

SectionId = Literal["readiness", "principles", "components"]
SECTION_LABELS: dict[str, str] = {
    "readiness": "Readiness",
    "principles": "Design principles",
    "components": "Collaboration components",
}
# The counts the content defines (content/framework.yaml): the maturity levels and the principle numbers.
LEVELS = tuple(get_content().framework.levels)
PRINCIPLES = tuple(get_content().framework.numbers)


def level_names(principle: Principle) -> dict[int, str]:
    """Each level of a principle as participants choose it ("1 · Early steps"), so that the levels the room agrees
    read as the levels its people chose."""
    return {lv.level: f"{lv.level} · {lv.label}" for lv in principle.levels}


# Views this many levels apart or more are flagged for discussion.
DISAGREEMENT_RANGE = 2
MAX_PRACTICES = 30
# Every view leaves out a practice, a role, or a practice and role, with fewer people than the workshop's
# minimum group size: a "group" of one would put that one person's answers on the projector. The facilitator
# chooses the minimum when creating the workshop; it is never below MIN_GROUP_SIZE.
MIN_GROUP_SIZE = 2
DEFAULT_MIN_GROUP = 3
MAX_MIN_GROUP = 20


class InvalidWorkshop(GroupUpError):
    """A new workshop's details cannot be used; the message says which and why."""


class AnsweringClosed(GroupUpError):
    """The facilitator has closed answering, so answers can no longer be changed."""


def check_min_group(value: object) -> int:
    """The minimum group size a facilitator chose, checked: a whole number from 2 to 20."""
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise InvalidWorkshop(f"Choose the smallest group to show as a whole number from {MIN_GROUP_SIZE} to "
                              f"{MAX_MIN_GROUP}.")
    if not MIN_GROUP_SIZE <= value <= MAX_MIN_GROUP:
        raise InvalidWorkshop(f"The smallest group to show must be from {MIN_GROUP_SIZE} to {MAX_MIN_GROUP} people: "
                              f"fewer than {MIN_GROUP_SIZE} would show one person's answers on their own.")
    return int(value)


def workshop_details(name: str, practices_text: str, sections: Sequence[str]) -> tuple[str, list[str], list[str]]:
    """Check what a facilitator typed to create a workshop: (name, practice names one per line, sections)."""
    name = name.strip()
    if not name:
        raise InvalidWorkshop("Give the workshop a name, for example \"North Locality away-day, March\".")
    if len(name) > 200:
        raise InvalidWorkshop("The workshop name is too long: keep it under 200 characters.")
    practices: list[str] = []
    for line in practices_text.splitlines():
        practice = " ".join(line.split())
        if practice and practice.casefold() not in {p.casefold() for p in practices}:
            practices.append(practice[:200])
    if not practices:
        raise InvalidWorkshop("List the practices taking part, one per line.")
    if len(practices) > MAX_PRACTICES:
        raise InvalidWorkshop(f"A workshop can include up to {MAX_PRACTICES} practices; {len(practices)} were listed.")
    chosen = [s for s in SECTION_LABELS if s in sections]
    if not chosen:
        raise InvalidWorkshop("Choose at least one part of the assessment for participants to answer.")
    return name, practices, chosen


class Workshop(Frozen):
    id: int
    name: str = Field(min_length=1, max_length=200)
    join_code: str  # normalised: ten characters, no separator
    practices: list[str] = Field(min_length=1, max_length=MAX_PRACTICES)
    sections: list[SectionId] = Field(min_length=1)
    created: dt.datetime
    min_group: int = Field(default=DEFAULT_MIN_GROUP, ge=MIN_GROUP_SIZE, le=MAX_MIN_GROUP)
    answering_closed: bool = False


class Participant(Frozen):
    id: int
    workshop_id: int
    practice: str
    role: Role
    answers: Answers
    updated: dt.datetime
    finished: bool = False


class Response(Frozen):
    """What aggregation needs from one participant: who they are and their current level per principle."""

    practice: str
    role: str
    levels: dict[int, int]  # principle number -> current level; "not sure" and unanswered are left out
    not_sure: frozenset[int] = frozenset()  # principles answered "not sure"
    targets: dict[int, int] = Field(default_factory=dict)  # principle number -> target level
    finished: bool = False

    @classmethod
    def of(cls, participant: Participant) -> Response:
        given = participant.answers.principles
        return cls(practice=participant.practice, role=participant.role, levels=current_levels(participant.answers),
                   not_sure=frozenset(n for n, a in given.items() if a.not_sure),
                   targets={n: a.target for n, a in given.items() if a.target is not None},
                   finished=participant.finished)


class Consensus(Frozen):
    """The current and target levels the group agreed for one principle, each with its range of views kept."""

    principle: int = Field(ge=1, le=12)
    level: int | None = Field(default=None, ge=0, le=4)  # the agreed current level
    note: str = Field(default="", max_length=2000)
    low: int | None = Field(default=None, ge=0, le=4)  # lowest individual current level when agreed
    high: int | None = Field(default=None, ge=0, le=4)
    target: int | None = Field(default=None, ge=0, le=4)  # the agreed target level
    target_low: int | None = Field(default=None, ge=0, le=4)  # lowest individual target when agreed
    target_high: int | None = Field(default=None, ge=0, le=4)


def answers_given(answers: Answers) -> int:
    """How many questions someone has answered, as the facilitator's People list counts them. A principle counts
    once it has a current level, a target or "not sure": the dashboard shows a current level as soon as it is
    given, so counting only principles with both levels said "0 answers" of people whose levels were on show."""
    principles = sum(1 for a in answers.principles.values() if a.not_sure or a.current is not None
                     or a.target is not None)
    return principles + len(answers.readiness) + len(answers.components)


def current_levels(answers: Answers) -> dict[int, int]:
    return {n: a.current for n, a in answers.principles.items() if not a.not_sure and a.current is not None}


# --- statistics from a histogram ---------------------------------------------------------------------------


class Spread(Frozen):
    """The spread of current levels among some group of participants for one principle."""

    n: int
    counts: tuple[int, ...]  # how many chose each point of the scale: level 0, 1, 2, ...
    low: int | None
    high: int | None
    q1: float | None
    median: float | None
    q3: float | None

    @property
    def range(self) -> int | None:
        return None if self.low is None else self.high - self.low

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None else self.q3 - self.q1

    @property
    def disagreement(self) -> bool:
        return self.range is not None and self.range >= DISAGREEMENT_RANGE


def _nth(counts: Sequence[int], index: int) -> int:
    """The value at a 0-based position of the sorted values a histogram stands for."""
    seen = 0
    for level, count in enumerate(counts):
        seen += count
        if index < seen:
            return level
    raise IndexError(index)


def _quantile(counts: Sequence[int], n: int, p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, and pandas')."""
    h = (n - 1) * p
    lower = int(h)
    below = _nth(counts, lower)
    if h == lower:
        return float(below)
    return below + (h - lower) * (_nth(counts, lower + 1) - below)


def spread(counts: Sequence[int]) -> Spread:
    n = sum(counts)
    if n == 0:
        return Spread(n=0, counts=tuple(counts), low=None, high=None, q1=None, median=None, q3=None)
    present = [level for level, count in enumerate(counts) if count]
    return Spread(n=n, counts=tuple(counts), low=present[0], high=present[-1], q1=_quantile(counts, n, 0.25),
                  median=_quantile(counts, n, 0.5), q3=_quantile(counts, n, 0.75))


# --- aggregation -------------------------------------------------------------------------------------------


class GroupSpread(Frozen):
    principle: int
    group: str  # a role id or a practice name
    spread: Spread


class PrincipleSummary(Frozen):
    principle: int
    spread: Spread  # current levels; empty when fewer than the minimum group answered
    not_sure: int
    flagged_roles: list[str]  # roles within which views range by two levels or more
    flagged_practices: list[str]
    target: Spread = Field(default_factory=lambda: spread([0, 0, 0, 0, 0]))  # target levels, likewise
    withheld: bool = False  # some answered, but fewer than the minimum group, so nothing is shown
    target_withheld: bool = False  # likewise for targets

    @property
    def disagreement(self) -> bool:
        return self.spread.disagreement


class Aggregate(Frozen):
    """Everything the facilitator's dashboard shows, computed from the responses in one pass.

    Already suppressed: no practice, role, or practice and role with fewer people than min_group appears in it,
    and no principle or group cell answered by fewer than min_group people carries levels. The hidden_* counts
    say how much was left out, so each view can say so.
    """

    participants: int
    by_practice: dict[str, int]  # shown practices only
    by_role: dict[str, int]  # shown roles only
    by_practice_and_role: dict[tuple[str, str], int]  # shown pairs only
    principles: list[PrincipleSummary]
    by_role_spread: list[GroupSpread]
    by_practice_spread: list[GroupSpread]
    min_group: int = DEFAULT_MIN_GROUP
    finished: int = 0
    hidden_practices: int = 0  # practices (of the workshop's, or answering) with fewer than min_group people
    hidden_roles: int = 0
    hidden_pairs: int = 0  # practice-and-role groups with fewer than min_group people, within shown practices
    # Cells of a shown practice or role left out as well, because the room's spread less the cells shown would
    # otherwise leave the levels of fewer than min_group people to be worked out by subtraction.
    hidden_practice_cells: int = 0
    hidden_role_cells: int = 0

    def principle(self, number: int) -> PrincipleSummary:
        return self.principles[number - 1]

    def medians(self) -> dict[tuple[str, int], float | None]:
        """(practice, principle) -> median current level, for the compatibility heatmap."""
        return {(g.group, g.principle): g.spread.median for g in self.by_practice_spread}

    @property
    def withheld_principles(self) -> int:
        return sum(1 for p in self.principles if p.withheld)

    def left_out(self, *kinds: str, questions: int = 0) -> str:
        """What a view left out and why, in one short sentence, for kinds among "practices", "roles", "pairs",
        "principles" and "questions" (how many questions were left out is the caller's to count: see
        question_spreads). Figures held back by _complement are named only as "some other figures": their count
        helps nobody in the room, and the reason is what matters."""
        nouns = {"practices": ("practice", "practices"), "roles": ("role", "roles"),
                 "pairs": ("role within a practice", "roles within practices"),
                 "principles": ("principle", "principles"), "questions": ("question", "questions")}
        counts = {"practices": self.hidden_practices, "roles": self.hidden_roles, "pairs": self.hidden_pairs,
                  "principles": self.withheld_principles, "questions": questions}
        cells = {"practices": self.hidden_practice_cells, "roles": self.hidden_role_cells}
        groups: dict[str, list[str]] = {"people": [], "answers": []}
        given = [(kind, counts[kind]) for kind in kinds if counts[kind]]
        for kind, n in given:
            one, many = nouns[kind]
            groups["answers" if kind in ("principles", "questions") else "people"].append(
                f"{n} {one if n == 1 else many}")
        worked_out = any(cells.get(kind, 0) for kind in kinds)
        parts = [f"{and_list(names)} with fewer than {self.min_group} {unit}" for unit, names in groups.items()
                 if names]
        if not parts:
            return ("Some figures are not shown, so that no one person's answers can be worked out from the "
                    "others.") if worked_out else ""
        single = len(given) == 1 and given[0][1] == 1
        subject = parts[0] if len(parts) == 1 else f"{parts[0]}, and {parts[1]},"
        sentence = f"{subject} {'is' if single else 'are'} not shown"
        if worked_out:
            sentence += (", nor are some other figures, so that no one person's answers can be picked out or worked "
                         "out from the others.")
        else:
            sentence += ", so that no one person's answers can be picked out."
        return sentence[0].upper() + sentence[1:]

    def nothing_shown(self, by: str, lead: str) -> str:
        """Why a view of figures by role or by practice (by: "role" or "practice") has nothing to show, after
        lead (e.g. "Nothing to show by role yet"). True to the reason: no group large enough yet, or figures held
        back because the few people outside the groups shown could otherwise be worked out."""
        plural = "roles" if by == "role" else "practices"
        shown = self.by_role if by == "role" else self.by_practice
        held_back = self.hidden_role_cells if by == "role" else self.hidden_practice_cells
        size = self.min_group
        if not shown:
            return f"{lead}: no {by} has {size} or more people answering."
        if held_back:
            return (f"{lead}: fewer than {size} people outside the {plural} large enough to show have answered, "
                    f"and showing those {plural}' figures would give the others' answers away.")
        return f"{lead}: no {by} has {size} or more people who have answered the same principle."


# What the dashboard and the PDF say in place of the practices' heatmap when it has nothing to draw.
HEATMAP_LEAD = "No median levels by practice to show yet"

# Printed in a table wherever a group's figure is not shown, in place of a number (never a 0 that is not true).
NOT_SHOWN = "–"
NOT_SHOWN_BY_ROLE = "Roles not shown"


def not_shown_note(min_group: int) -> str:
    """What NOT_SHOWN means, for the caption or note beside a table that prints it."""
    return (f"\u201c{NOT_SHOWN}\u201d means not shown: fewer than {min_group} of the practice's people have that "
            "role (perhaps none).")


def responses_rows(agg: Aggregate) -> tuple[list[str], list[list[str]]]:
    """Who has answered, as (headers, rows) of text for the dashboard's table and the PDF: a row per shown practice,
    a column per shown role (NOT_SHOWN where that practice's group in that role is too small, or empty: telling
    the two apart would say where the small groups are), people not shown by role, and the total."""
    roles = sorted(agg.by_role, key=lambda r: list(ROLE_LABELS).index(r) if r in ROLE_LABELS else 99)
    hidden = {p: max(0, total - sum(n for (q, _), n in agg.by_practice_and_role.items() if q == p))
              for p, total in agg.by_practice.items()}
    extra = [NOT_SHOWN_BY_ROLE] if any(hidden.values()) else []
    headers = ["Practice", *[ROLE_LABELS.get(r, r) for r in roles], *extra, "Total"]
    rows = []
    for practice, total in agg.by_practice.items():
        cells = [str(n) if (n := agg.by_practice_and_role.get((practice, role))) else NOT_SHOWN for role in roles]
        rows.append([practice, *cells, *([str(hidden[practice])] if extra else []), str(total)])
    return headers, rows


def _empty() -> list[int]:
    return [0, 0, 0, 0, 0]


def aggregate(responses: Iterable[Response], practices: Sequence[str] = (),
              min_group: int = DEFAULT_MIN_GROUP) -> Aggregate:
    """Group statistics from individual responses, with every group smaller than min_group left out.

    `practices` lists the workshop's practices, so one with no responses yet is counted among those left out
    rather than vanishing without a word.
    """
    min_group = max(MIN_GROUP_SIZE, min_group)
    overall = {n: _empty() for n in PRINCIPLES}
    targets = {n: _empty() for n in PRINCIPLES}
    not_sure = dict.fromkeys(PRINCIPLES, 0)
    by_role: dict[tuple[int, str], list[int]] = {}
    by_practice: dict[tuple[int, str], list[int]] = {}
    practice_counts: dict[str, int] = dict.fromkeys(practices, 0)
    role_counts: dict[str, int] = {}
    pair_counts: dict[tuple[str, str], int] = {}
    total = finished = 0
    for response in responses:
        total += 1
        finished += response.finished
        practice, role = response.practice, response.role
        practice_counts[practice] = practice_counts.get(practice, 0) + 1
        role_counts[role] = role_counts.get(role, 0) + 1
        pair_counts[(practice, role)] = pair_counts.get((practice, role), 0) + 1
        for number in response.not_sure:
            if number in not_sure:
                not_sure[number] += 1
        for number, level in response.targets.items():
            if number in targets:
                targets[number][level] += 1
        for number, level in response.levels.items():
            if number not in overall:
                continue  # a principle number the content does not have
            overall[number][level] += 1
            key_role, key_practice = (number, role), (number, practice)
            if key_role not in by_role:
                by_role[key_role] = _empty()
            if key_practice not in by_practice:
                by_practice[key_practice] = _empty()
            by_role[key_role][level] += 1
            by_practice[key_practice][level] += 1
    shown_practices = {p: n for p, n in practice_counts.items() if n >= min_group}
    shown_roles = {r: n for r, n in role_counts.items() if n >= min_group}
    shown_pairs = {k: n for k, n in pair_counts.items() if n >= min_group and k[0] in shown_practices
                   and k[1] in shown_roles}
    hidden_pairs = sum(1 for k, n in pair_counts.items() if k[0] in shown_practices and k not in shown_pairs)

    def cells(table: dict[tuple[int, str], list[int]], shown: dict[str, int],
              order: dict[str, int]) -> tuple[list[GroupSpread], int]:
        # A cell answered by fewer than min_group people is left out even within a large enough group.
        kept = [(key, counts) for key, counts in table.items() if key[1] in shown and sum(counts) >= min_group]
        kept, complemented = _complement(kept, overall, min_group)
        kept.sort(key=lambda kv: (kv[0][0], order.get(kv[0][1], 0), kv[0][1]))
        return [GroupSpread(principle=n, group=g, spread=spread(c)) for (n, g), c in kept], complemented

    practice_order = {p: i for i, p in enumerate(practice_counts)}
    role_spreads, role_cells_hidden = cells(by_role, shown_roles, {})
    practice_spreads, practice_cells_hidden = cells(by_practice, shown_practices, practice_order)
    # Practices the workshop lists but nobody from has answered show as empty rows, as before.
    flagged_roles: dict[int, list[str]] = {n: [] for n in PRINCIPLES}
    for g in role_spreads:
        if g.spread.disagreement:
            flagged_roles[g.principle].append(g.group)
    flagged_practices: dict[int, list[str]] = {n: [] for n in PRINCIPLES}
    for g in practice_spreads:
        if g.spread.disagreement:
            flagged_practices[g.principle].append(g.group)
    summaries = []
    for n in PRINCIPLES:
        enough = sum(overall[n]) >= min_group
        enough_targets = sum(targets[n]) >= min_group
        summaries.append(PrincipleSummary(
            principle=n, spread=spread(overall[n] if enough else _empty()), not_sure=not_sure[n],
            flagged_roles=flagged_roles[n], flagged_practices=flagged_practices[n],
            target=spread(targets[n] if enough_targets else _empty()),
            withheld=bool(sum(overall[n])) and not enough,
            target_withheld=bool(sum(targets[n])) and not enough_targets))
    return Aggregate(participants=total, by_practice=shown_practices, by_role=shown_roles,
                     by_practice_and_role=shown_pairs, principles=summaries, by_role_spread=role_spreads,
                     by_practice_spread=practice_spreads, min_group=min_group, finished=finished,
                     hidden_practices=len(practice_counts) - len(shown_practices),
                     hidden_roles=len(role_counts) - len(shown_roles), hidden_pairs=hidden_pairs,
                     hidden_practice_cells=practice_cells_hidden, hidden_role_cells=role_cells_hidden)


def _complement(kept: list[tuple[tuple[int, str], list[int]]], overall: dict[int, list[int]],
                min_group: int) -> tuple[list[tuple[tuple[int, str], list[int]]], int]:
    """Leave out more group cells where the whole room's spread for a principle, less the cells shown, would be
    the levels of 1 to min_group - 1 people: with 4 in the room and a practice of 3 shown, the room less that
    practice is the fourth person's level. The smallest shown cell goes too, which leaves a remainder of
    min_group or more (each shown cell has at least min_group people). Returns the cells kept and how many went."""
    by_principle: dict[int, list[tuple[tuple[int, str], list[int]]]] = {}
    for item in kept:
        by_principle.setdefault(item[0][0], []).append(item)
    result, dropped = [], 0
    for number, group in by_principle.items():
        group.sort(key=lambda kv: (sum(kv[1]), kv[0][1]))
        while group and 0 < sum(overall[number]) - sum(sum(c) for _, c in group) < min_group:
            group.pop(0)
            dropped += 1
        result.extend(group)
    return result, dropped


def aggregate_participants(participants: Iterable[Participant], practices: Sequence[str] = (),
                           min_group: int = DEFAULT_MIN_GROUP) -> Aggregate:
    return aggregate((Response.of(p) for p in participants), practices, min_group)


def workshop_aggregate(workshop: Workshop, participants: Iterable[Participant]) -> Aggregate:
    """The room's aggregate with this workshop's own minimum group size."""
    return aggregate_participants(participants, workshop.practices, workshop.min_group)


class QuestionSpread(Frozen):
    question_id: str
    text: str
    spread: Spread  # empty when fewer than the minimum group answered
    not_sure: int
    withheld: bool = False


def question_spreads(participants: Iterable[Participant], section: QuestionSection,
                     min_group: int = DEFAULT_MIN_GROUP) -> list[QuestionSpread]:
    """For a readiness or components section: how the room answered each question, in one pass. A question
    fewer than min_group people answered shows no answers, so that nobody's can be read off it."""
    size = len(section.scale)
    counts = {q.id: [0] * size for q in section.questions}
    not_sure = {q.id: 0 for q in section.questions}
    for p in participants:
        for qid, value in getattr(p.answers, section.id).items():
            if qid not in counts:
                continue
            if value == "not_sure":
                not_sure[qid] += 1
            elif isinstance(value, int) and 0 <= value < size:
                counts[qid][value] += 1
    result = []
    for q in section.questions:
        given = sum(counts[q.id])
        enough = given >= max(MIN_GROUP_SIZE, min_group)
        result.append(QuestionSpread(question_id=q.id, text=q.text, spread=spread(counts[q.id] if enough else
                                                                                     [0] * size),
                                     not_sure=not_sure[q.id], withheld=bool(given) and not enough))
    return result


def median_level(spread_: Spread) -> int | None:
    """The group's level on a scale: the median, rounded down (a half-way median does not claim the higher level)."""
    return None if spread_.median is None else int(spread_.median)


def question_rows(participants: Iterable[Participant], section: QuestionSection,
                  min_group: int = DEFAULT_MIN_GROUP) -> tuple[list[str], list[list[str]]]:
    """How the room answered a readiness or components section, as (headers, rows) for a table or the PDF."""
    scale = {o.value: o.label for o in section.scale}
    headers = ["Question", "Answers", "Not sure", *scale.values(), "Median"]
    rows = []
    for q in question_spreads(participants, section, min_group):
        if q.withheld:
            rows.append([q.text, f"Fewer than {min_group}", str(q.not_sure), *([""] * len(scale)), ""])
            continue
        level = median_level(q.spread)
        rows.append([q.text, str(q.spread.n), str(q.not_sure), *(str(q.spread.counts[v]) for v in scale),
                     "" if level is None else scale[level]])
    return headers, rows


def withheld_questions_note(rows: Sequence[Sequence[str]], min_group: int) -> str:
    """What a question table from question_rows left out, and why, in words ("" when nothing was)."""
    n = sum(1 for row in rows if row[1].startswith("Fewer than"))
    if not n:
        return ""
    return (f"{n} question{'s' if n != 1 else ''} with fewer than {min_group} answers "
            f"{'are' if n != 1 else 'is'} not shown, so that no one person's answers can be picked out.")


# --- consensus, gaps and the group's plan ------------------------------------------------------------------


def consensus_for(summary: PrincipleSummary, level: int | None, note: str = "",
                  target: int | None = None) -> Consensus:
    """The group's agreed current and target levels, keeping the range of individual views each was agreed from."""
    return Consensus(principle=summary.principle, level=level, note=note.strip(), low=summary.spread.low,
                     high=summary.spread.high, target=target, target_low=summary.target.low,
                     target_high=summary.target.high)


def agreed_answers(consensus: dict[int, Consensus]) -> Answers:
    """The agreed levels as one set of answers, so the group's gaps follow the same rules as a self-assessment."""
    answers = Answers()
    for n, c in sorted(consensus.items()):
        if c.level is not None:
            answers.principles[n] = PrincipleAnswer(current=c.level, target=c.target, note=c.note)
    return answers


def workshop_gaps(consensus: dict[int, Consensus], content: Content) -> list[Gap]:
    """The group's gaps between agreed current and agreed target levels, ranked as a self-assessment's are: read
    from the findings the core builds for a workshop's agreed levels, the same object a practice's views read."""
    from assessment.findings import findings_from_levels  # the findings pull in comparison and fit

    return findings_from_levels(agreed_answers(consensus).principles, content).gaps


class PlanItem(Frozen):
    """One action in the group's plan from the day."""

    id: str = Field(min_length=1, max_length=40)
    action: str = Field(min_length=1, max_length=1000)
    principle: int | None = Field(default=None, ge=1, le=12)
    owner: str = Field(default="", max_length=200)
    due: dt.date | None = None
    status: ActionStatus = "not_started"

    def as_action(self) -> Action:
        return Action(id=self.id, action=self.action, principle=self.principle, owner=self.owner, due=self.due,
                      status=self.status)


def plan_item(action: str, *, principle: int | None = None, owner: str = "", due: dt.date | None = None,
              status: str = "not_started", item_id: str | None = None) -> PlanItem:
    """A plan item from what the facilitator typed. Raises InvalidWorkshop, naming what to fix."""
    action = " ".join(action.split())
    if not action:
        raise InvalidWorkshop("Write what the action is, for example \"Draft a shared rota for nurses\".")
    if len(action) > 1000:
        raise InvalidWorkshop("Keep the action under 1,000 characters.")
    owner = " ".join(owner.split())
    if len(owner) > 200:
        raise InvalidWorkshop("Keep the owner's name under 200 characters.")
    if status not in ACTION_STATUS_LABELS:
        raise InvalidWorkshop("Choose a status for the action.")
    return PlanItem(id=item_id or new_action_id(), action=action, principle=principle, owner=owner, due=due,
                    status=status)


# --- re-assessment -----------------------------------------------------------------------------------------


class PrincipleChange(Frozen):
    principle: int
    title: str
    before_median: float | None
    after_median: float | None
    before_agreed: int | None
    after_agreed: int | None

    @property
    def median_change(self) -> float | None:
        if self.before_median is None or self.after_median is None:
            return None
        return self.after_median - self.before_median

    @property
    def agreed_change(self) -> int | None:
        if self.before_agreed is None or self.after_agreed is None:
            return None
        return self.after_agreed - self.before_agreed


def compare(before: Aggregate, after: Aggregate, before_consensus: dict[int, Consensus],
            after_consensus: dict[int, Consensus], content: Content) -> list[PrincipleChange]:
    """Change per principle between an earlier workshop and a later one: group medians and agreed levels."""
    titles = {p.number: p.title for p in content.principles}
    changes = []
    for n in PRINCIPLES:
        b, a = before_consensus.get(n), after_consensus.get(n)
        changes.append(PrincipleChange(
            principle=n, title=titles.get(n, f"Principle {n}"),
            before_median=before.principle(n).spread.median, after_median=after.principle(n).spread.median,
            before_agreed=b.level if b else None, after_agreed=a.level if a else None,
        ))
    return changes


def compare_workshops(before: Sequence[Participant], after: Sequence[Participant],
                      before_consensus: dict[int, Consensus], after_consensus: dict[int, Consensus],
                      content: Content, practice: str | None = None,
                      min_group: int = DEFAULT_MIN_GROUP) -> list[PrincipleChange]:
    """Change per principle between two workshops, for the whole room or for one practice's people.

    Agreed levels belong to the whole room, so a single practice is compared on its medians alone. A practice
    with fewer than min_group people in either workshop shows nothing.
    """
    if practice is not None:
        before = [p for p in before if p.practice == practice]
        after = [p for p in after if p.practice == practice]
        before_consensus, after_consensus = {}, {}
    return compare(aggregate_participants(before, (), min_group), aggregate_participants(after, (), min_group),
                   before_consensus, after_consensus, content)


def shared_practices(earlier: Workshop, later: Workshop, earlier_people: Sequence[Participant] = (),
                     later_people: Sequence[Participant] = ()) -> list[str]:
    """Practices that took part in both workshops with enough people in each to be shown, in the later order."""
    size = max(earlier.min_group, later.min_group)
    before = {p: sum(1 for x in earlier_people if x.practice == p) for p in earlier.practices}
    after = {p: sum(1 for x in later_people if x.practice == p) for p in later.practices}
    return [p for p in later.practices if p in before and before[p] >= size and after[p] >= size]


def export_stem(workshop: Workshop) -> str:
    """A file name for the workshop's downloads, from its name, by the same rule as a practice's downloads."""
    return slug(workshop.name) or "workshop"


# --- exports -----------------------------------------------------------------------------------------------

# The workshop CSV carries what the dashboard may show and nothing more: counts of people in the groups large
# enough to be shown, the spread of views for each principle and question (for the room, and for each shown role
# and practice), then the agreed levels, the ranked gaps and the plan. It has no row per person: with their
# practice and role beside them, one person's answers could be read off the file.
CSV_COLUMNS = ["record", "section", "item_id", "item", "group", "people", "not_sure", "low", "q1", "median", "q3",
               "high", "at_0", "at_1", "at_2", "at_3", "at_4", "target_low", "target_median", "target_high",
               "value", "target", "note", "group_low", "group_high", "rank", "priority", "owner", "due", "status"]
ROOM = "Whole room"
NOBODY_PICKED_OUT = "So no one person's answers can be picked out."


def _value(value: object) -> str:
    return "" if value is None else "Not sure" if value == "not_sure" else str(value)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _spread_cells(s: Spread) -> dict[str, str]:
    cells = {"people": str(s.n), "low": _value(s.low), "q1": _number(s.q1), "median": _number(s.median),
             "q3": _number(s.q3), "high": _value(s.high)}
    return cells | {f"at_{level}": str(count) for level, count in enumerate(s.counts)}


def _csv_note(agg: Aggregate, withheld_questions: int) -> str:
    """What the CSV leaves out and why, in words, as the dashboard says it."""
    note = (f"This file holds figures for groups of {agg.min_group} or more people only, and no row for any one "
            "person.")
    left_out = agg.left_out("practices", "roles", "pairs", "principles", "questions", questions=withheld_questions)
    return f"{note} {left_out or NOBODY_PICKED_OUT}"


def workshop_rows(workshop: Workshop, participants: Sequence[Participant], consensus: dict[int, Consensus],
                  content: Content, plan: Sequence[PlanItem] = ()) -> list[dict[str, str]]:
    """Long-format rows of what the dashboard may show, from the same suppression (workshop_aggregate): a note
    of what was left out, the number of people in each shown group, each principle's and question's spread of
    views (a principle or question fewer than the minimum answered is left out), then the agreed levels with
    their ranges, the ranked gaps and the plan."""
    agg = workshop_aggregate(workshop, participants)
    titles = {p.number: p.title for p in content.principles}
    question_parts = [(part, question_spreads(participants, part, agg.min_group))
                      for part in (content.readiness, content.components) if part.id in workshop.sections]
    withheld_questions = sum(q.withheld for _, spreads in question_parts for q in spreads)
    rows: list[dict[str, str]] = [{"record": "about", "note": _csv_note(agg, withheld_questions)},
                                  {"record": "people", "group": ROOM, "people": str(agg.participants)}]
    rows += [{"record": "people", "group": practice, "people": str(n)} for practice, n in agg.by_practice.items()]
    rows += [{"record": "people", "group": ROLE_LABELS.get(role, role), "people": str(n)} for role, n in agg.by_role.items()]
    rows += [{"record": "people", "group": f"{practice} · {ROLE_LABELS.get(role, role)}", "people": str(n)}
             for (practice, role), n in agg.by_practice_and_role.items()]
    for part, spreads in question_parts:
        for q in spreads:
            if not q.spread.n:  # fewer than the minimum answered: left out, and counted in the note
                continue
            rows.append({"record": "question", "section": part.id, "item_id": q.question_id, "item": q.text,
                         "group": ROOM, "not_sure": str(q.not_sure)} | _spread_cells(q.spread))
    if "principles" in workshop.sections:
        for s in agg.principles:
            if not s.spread.n:
                continue
            item = {"record": "principle", "section": "principles", "item_id": str(s.principle),
                    "item": titles.get(s.principle, "")}
            rows.append(item | {"group": ROOM, "not_sure": str(s.not_sure), "target_low": _value(s.target.low),
                                "target_median": _number(s.target.median), "target_high": _value(s.target.high)}
                        | _spread_cells(s.spread))
        for g in agg.by_role_spread:
            rows.append({"record": "principle_by_role", "section": "principles", "item_id": str(g.principle),
                         "item": titles.get(g.principle, ""), "group": ROLE_LABELS.get(g.group, g.group)} | _spread_cells(g.spread))
        for g in agg.by_practice_spread:
            rows.append({"record": "principle_by_practice", "section": "principles", "item_id": str(g.principle),
                         "item": titles.get(g.principle, ""), "group": g.group} | _spread_cells(g.spread))
    for n in PRINCIPLES:
        c = consensus.get(n)
        if c is not None:
            rows.append({"record": "agreed", "section": "principles", "item_id": str(n), "item": titles.get(n, ""),
                         "value": _value(c.level), "target": _value(c.target), "note": c.note,
                         "group_low": _value(c.low), "group_high": _value(c.high),
                         "target_low": _value(c.target_low), "target_high": _value(c.target_high)})
    for gap in workshop_gaps(consensus, content):
        rows.append({"record": "gap", "section": "principles", "item_id": str(gap.number), "item": gap.title,
                     "value": str(gap.current), "target": str(gap.target), "rank": str(gap.rank),
                     "priority": gap.priority.capitalize(), "note": gap.why})
    for item in plan:
        rows.append({"record": "action", "section": "principles" if item.principle else "",
                     "item_id": _value(item.principle), "item": titles.get(item.principle, "") if item.principle
                     else "", "value": item.action, "owner": item.owner,
                     "due": item.due.isoformat() if item.due else "", "status": ACTION_STATUS_LABELS[item.status]})
    return [{column: row.get(column, "") for column in CSV_COLUMNS} for row in rows]


def workshop_csv(workshop: Workshop, participants: Sequence[Participant], consensus: dict[int, Consensus],
                 content: Content, plan: Sequence[PlanItem] = ()) -> bytes:
    # Written by the one CSV writer, which guards every cell against spreadsheet formulas.
    return csv_bytes(tuple(CSV_COLUMNS), workshop_rows(workshop, participants, consensus, content, plan))


def group_answers(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus],
                  participants: Sequence[Participant] = (), content: Content | None = None,
                  plan: Sequence[PlanItem] = ()) -> Answers:
    """The group's answers for the PDF: the agreed current and target levels where there are some, else the
    median current level rounded down (with no target, so no gap is claimed that the group did not agree).

    Readiness and components questions (given participants and content) take the room's median answer. The
    profile names only the practices large enough to be shown.
    """
    shown = [Practice(name=name[:200]) for name in aggregate_.by_practice]
    # The profile needs a name; with no practice large enough to name, it says how many took part.
    answers = Answers(profile=Profile(practices=shown or [Practice(name=f"{len(workshop.practices)} practices")]))
    if "principles" in workshop.sections:
        for summary in aggregate_.principles:
            agreed = consensus.get(summary.principle)
            if agreed and agreed.level is not None:
                answers.principles[summary.principle] = PrincipleAnswer(current=agreed.level, target=agreed.target,
                                                                        note=agreed.note)
            elif (level := median_level(summary.spread)) is not None:
                answers.principles[summary.principle] = PrincipleAnswer(current=level,
                                                                        note=agreed.note if agreed else "")
    if content is not None:
        for section in (content.readiness, content.components):
            if section.id in workshop.sections:
                given = getattr(answers, section.id)
                for q in question_spreads(participants, section, aggregate_.min_group):
                    if (level := median_level(q.spread)) is not None:
                        given[q.question_id] = level
    answers.actions = [item.as_action() for item in plan]
    return answers


AGREED = "Agreed"
ROOM_MEDIAN = "Room's median"
NOT_AGREED = "Not agreed"
LEVEL_SOURCES_NOTE = (f"\u201c{AGREED}\u201d rows hold the levels the room agreed. \u201c{ROOM_MEDIAN}\u201d rows hold the "
                      "median of everyone's current levels, rounded down, where the room has not agreed one; a target "
                      "is only ever the room's agreed one. A gap is counted only where the room agreed both levels.")


def level_sources(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus]):
    """Where each principle's levels in the workshop PDF come from (group_answers' rule): the room's agreed
    current level, else its median; and, where there is no target, why not."""
    from assessment.report import LevelSource, LevelSources  # fpdf only when asked

    by_principle = {}
    for summary in aggregate_.principles:
        agreed = consensus.get(summary.principle)
        target = agreed.target if agreed else None
        if agreed and agreed.level is not None:
            source = AGREED
        elif summary.spread.n:
            source = ROOM_MEDIAN
        elif summary.withheld:
            source = f"Fewer than {aggregate_.min_group} answers"
        else:
            source = "No answers yet"
        # An agreed target beside a current level the room has not agreed is kept out of the findings (no gap is
        # claimed), but it was agreed, so the table says so rather than "not agreed".
        no_target = NOT_AGREED if target is None else f"{target} agreed, no current agreed"
        by_principle[summary.principle] = LevelSource(source=source, no_target=no_target)
    return LevelSources(note=LEVEL_SOURCES_NOTE, by_principle=by_principle)


def _range(low: int | None, high: int | None) -> str:
    return "" if low is None else f"{low} to {high}"


def group_findings(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus],
                   participants: Sequence[Participant] = (), content: Content | None = None,
                   plan: Sequence[PlanItem] = ()) -> Findings:
    """The group's findings, the same object a practice gets, built from group_answers' agreed (else median)
    levels, the room's median answers and the group's plan."""
    from assessment.findings import build_findings  # scoring, comparison and fit only when asked

    content = content or get_content()
    group = group_answers(workshop, aggregate_, consensus, participants, content, plan)
    return build_findings(group, content).model_copy(update={"kind": "workshop"})


def workshop_pdf(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus], content: Content,
                 participants: Sequence[Participant] = (), charts: Sequence[tuple[str, Any, str]] = (),
                 plan: Sequence[PlanItem] = ()) -> bytes:
    """The workshop's PDF: the group's levels (agreed, else median) through the report module, plus its spreads,
    the agreed levels with their ranges, the ranked gaps and the plan.

    participants give the readiness and components tables; charts: (title, figure, alt text), as pdf_charts gives.
    """
    from assessment.report import ReportChart, ReportSection, ReportTable, render_pdf  # fpdf only when asked

    titles = {p.number: p.title for p in content.principles}
    rows = []
    for s in aggregate_.principles:
        agreed = consensus.get(s.principle)
        kept = "" if not agreed or agreed.low is None else f" (views then {agreed.low} to {agreed.high})"
        kept_target = ("" if not agreed or agreed.target_low is None
                       else f" (views then {agreed.target_low} to {agreed.target_high})")
        people = f"Fewer than {aggregate_.min_group}" if s.withheld else str(s.spread.n)
        rows.append([f"{s.principle}. {titles.get(s.principle, '')}", people,
                     _range(s.spread.low, s.spread.high), "" if s.spread.median is None else f"{s.spread.median:g}",
                     _range(s.target.low, s.target.high),
                     "" if not agreed or agreed.level is None else f"{agreed.level}{kept}",
                     "" if not agreed or agreed.target is None else f"{agreed.target}{kept_target}",
                     "Yes" if s.disagreement else "", agreed.note if agreed else ""])
    question_tables = []
    for part in (content.readiness, content.components):
        if part.id in workshop.sections:
            headers, body = question_rows(participants, part, aggregate_.min_group)
            question_tables.append((part.title, headers, body, withheld_questions_note(body, aggregate_.min_group)))
    gaps = workshop_gaps(consensus, content)
    left_out = aggregate_.left_out("practices", "roles", "principles")
    shown_practices = len(aggregate_.by_practice)
    paragraphs = [
        f"{_people(aggregate_.participants)} answered in the workshop \"{workshop.name}\"; "
        f"{shown_practices} {'practice' if shown_practices == 1 else 'practices'} had {aggregate_.min_group} or "
        "more people answering. The levels "
        "above are the group's agreed levels where recorded, and otherwise the median of individual views, "
        "rounded down. Gaps are counted only where the group agreed both a current and a target level.",
        "Views two or more levels apart are marked as disagreement: worth discussing before acting.",
    ]
    if left_out:
        paragraphs.append(left_out)
    section = ReportSection(
        title="Workshop results",
        paragraphs=paragraphs,
        tables=[ReportTable(headers=["Principle", "People", "Views now", "Median", "Targets", "Agreed now",
                                     "Agreed target", "Apart?", "Note"],
                            rows=rows, widths=[3.6, 1.1, 1.3, 1.2, 1.3, 2.0, 2.0, 1.1, 2.3])]
        if "principles" in workshop.sections else [],
        # Only the heatmap can be empty: it says what the dashboard says in its place.
        charts=[ReportChart(title=title, figure=figure, alt_text=alt,
                            empty_text="" if figure is not None else aggregate_.nothing_shown("practice", HEATMAP_LEAD))
                for title, figure, alt in charts],
    )
    headers, who = responses_rows(aggregate_)
    who_section = ReportSection(
        title="Who answered",
        paragraphs=[f"How many people answered from each practice with {aggregate_.min_group} or more, by role."
                    if who else f"No practice had {aggregate_.min_group} or more people answering, so none is shown.",
                    *([not_shown_note(aggregate_.min_group)] if any(NOT_SHOWN in row for row in who) else []),
                    *([note] if (note := aggregate_.left_out("practices", "roles", "pairs")) else [])],
        tables=[ReportTable(headers=headers, rows=who, widths=[3.6, *([1.6] * (len(headers) - 1))])] if who else [],
    )
    gap_section = ReportSection(
        title="The group's gaps, from its agreed levels",
        paragraphs=["Ranked as in a self-assessment: largest gap first, then the lower current level."
                    if gaps else "No gaps yet: the group has not agreed both a current and a target level for any "
                    "principle where the target is higher."],
        tables=[ReportTable(headers=["Rank", "Principle", "Agreed now", "Agreed target", "Gap", "Priority"],
                            rows=[[str(g.rank), f"{g.number}. {g.title}", str(g.current), str(g.target), str(g.gap),
                                   g.priority.capitalize()] for g in gaps],
                            widths=[1.2, 6.0, 2.0, 2.2, 1.2, 2.0])] if gaps else [],
    )
    plan_section = ReportSection(
        title="The group's action plan",
        paragraphs=["What the group agreed to do, who leads each action and by when."
                    if plan else "No actions were recorded in the workshop."],
        tables=[ReportTable(headers=["Action", "Principle", "Owner", "Due", "Status"],
                            rows=[[item.action, titles.get(item.principle, "") if item.principle else "",
                                   item.owner, item.due.strftime("%d %b %Y") if item.due else "",
                                   ACTION_STATUS_LABELS[item.status]] for item in plan],
                            widths=[5.6, 3.0, 2.4, 1.8, 1.8])] if plan else [],
    )
    question_sections = [
        ReportSection(title=f"How the room answered: {title}",
                      paragraphs=["How many chose each answer, and the median answer (rounded down).",
                                  *([note] if note else [])],
                      tables=[ReportTable(headers=headers, rows=body,
                                          widths=[3.6, 1.8, 1.4, *([2.2] * (len(headers) - 4)), 1.8])])
        for title, headers, body, note in question_tables]
    return render_pdf(group_findings(workshop, aggregate_, consensus, participants, content, plan), content,
                      title=f"Workshop: {workshop.name}",
                      extra_sections=[who_section, section, gap_section, plan_section, *question_sections], roles=[],
                      sections=("cover", "scores", "charts", "appendix"), cover=room_cover(workshop, aggregate_),
                      level_sources=level_sources(workshop, aggregate_, consensus)
                      if "principles" in workshop.sections else None)


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _practices(n: int) -> str:
    return f"{n} {'practice' if n == 1 else 'practices'}"


# What the workshop's participants answered, for the PDF's cover, in the words the self-assessment's cover uses.
SECTION_WORDS = {"readiness": "the readiness questions",
                 "components": "the essential components of a successful collaboration",
                 "principles": "the twelve design principles for general practice at scale"}


def room_cover(workshop: Workshop, aggregate_: Aggregate) -> ReportCover:
    """The workshop PDF's cover: the room (how many people, from how many practices, which are shown), never a
    respondent role or one practice's name standing for the whole room."""
    from assessment.report import ReportCover  # fpdf only when asked

    size = aggregate_.min_group
    listed, named = len(workshop.practices), len(aggregate_.by_practice)
    if not named:
        shown = f"None of {listed}: {'it' if listed == 1 else 'each'} had fewer than {size} people answering"
    else:
        left_out = listed - named
        others = ("" if not left_out else
                  f"; the {'other' if left_out == 1 else f'other {left_out}'} had fewer than {size} people answering")
        shown = f"{', '.join(aggregate_.by_practice)} ({named} of {listed}{others})"
    answering = str(aggregate_.participants) + (f" ({aggregate_.finished} finished)" if aggregate_.finished
                                                else "")
    parts = and_list([SECTION_WORDS[s] for s in workshop.sections])
    return ReportCover(
        # Not "from N practices": counting the practices anyone came from would say how many of the small ones
        # had nobody, which no view says; the practices invited is what the dashboard shows too.
        subject=f"{_people(aggregate_.participants)} answering; {_practices(listed)} invited",
        details=[("People answering", answering), ("Practices shown", shown),
                 ("Groups shown", f"{size} or more people only")],
        intro=(f"This summary sets out the views of the {_people(aggregate_.participants)} who answered in the "
               f"workshop \"{workshop.name}\": where the room stands on {parts}; the spread of their views; the "
               "levels and gaps the group agreed; and its action plan. It shows only groups of "
               f"{size} or more people, so that no one person's answers can be picked out."))
