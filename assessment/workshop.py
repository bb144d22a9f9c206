"""Workshop mode's pure core: the records a workshop keeps, and the group aggregates drawn from them.

Aggregation builds one histogram per principle (and per principle and role, and per principle and practice) in a
single pass over the responses. Levels run 0 to 4, so every statistic (median, quartiles, range) is read off a
five-slot histogram: the cost grows linearly with the number of participants and nothing is sorted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.answers import ROLE_LABELS, Answers, Practice, PrincipleAnswer, Profile, Role
from assessment.content_models import Content, QuestionSection
from assessment.errors import GroupUpError

SectionId = Literal["readiness", "principles", "components"]
SECTION_LABELS: dict[str, str] = {
    "readiness": "Readiness",
    "principles": "Design principles",
    "components": "Collaboration components",
}
LEVELS = (0, 1, 2, 3, 4)
PRINCIPLES = tuple(range(1, 13))
# Views this many levels apart or more are flagged for discussion.
DISAGREEMENT_RANGE = 2
MAX_PRACTICES = 30
# The by-role and by-practice views leave out groups smaller than this: a "group" of one would put that one
# person's answers on the projector for the room to see.
MIN_GROUP_SIZE = 2


class InvalidWorkshop(GroupUpError):
    """A new workshop's details cannot be used; the message says which and why."""


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


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Workshop(Frozen):
    id: int
    name: str = Field(min_length=1, max_length=200)
    join_code: str  # normalised: ten characters, no separator
    practices: list[str] = Field(min_length=1, max_length=MAX_PRACTICES)
    sections: list[SectionId] = Field(min_length=1)
    created: dt.datetime


class Participant(Frozen):
    id: int
    workshop_id: int
    practice: str
    role: Role
    answers: Answers
    updated: dt.datetime


class Response(Frozen):
    """What aggregation needs from one participant: who they are and their current level per principle."""

    practice: str
    role: str
    levels: dict[int, int]  # principle number -> current level; "not sure" and unanswered are left out
    not_sure: frozenset[int] = frozenset()  # principles answered "not sure"

    @classmethod
    def of(cls, participant: Participant) -> Response:
        given = participant.answers.principles
        return cls(practice=participant.practice, role=participant.role, levels=current_levels(participant.answers),
                   not_sure=frozenset(n for n, a in given.items() if a.not_sure))


class Consensus(Frozen):
    """The level the group agreed for one principle, with the spread of individual views kept beside it."""

    principle: int = Field(ge=1, le=12)
    level: int | None = Field(default=None, ge=0, le=4)
    note: str = Field(default="", max_length=2000)
    low: int | None = Field(default=None, ge=0, le=4)  # lowest individual current level when agreed
    high: int | None = Field(default=None, ge=0, le=4)


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
    spread: Spread
    not_sure: int
    flagged_roles: list[str]  # roles within which views range by two levels or more
    flagged_practices: list[str]

    @property
    def disagreement(self) -> bool:
        return self.spread.disagreement


class Aggregate(Frozen):
    """Everything the facilitator's dashboard shows, computed from the responses in one pass."""

    participants: int
    by_practice: dict[str, int]
    by_role: dict[str, int]
    by_practice_and_role: dict[tuple[str, str], int]
    principles: list[PrincipleSummary]
    by_role_spread: list[GroupSpread]
    by_practice_spread: list[GroupSpread]

    def principle(self, number: int) -> PrincipleSummary:
        return self.principles[number - 1]

    def medians(self) -> dict[tuple[str, int], float | None]:
        """(practice, principle) -> median current level, for the compatibility heatmap."""
        return {(g.group, g.principle): g.spread.median for g in self.by_practice_spread}


def _empty() -> list[int]:
    return [0, 0, 0, 0, 0]


def aggregate(responses: Iterable[Response], practices: Sequence[str] = ()) -> Aggregate:
    """Group statistics from individual responses. `practices` lists the workshop's practices, so a practice
    with no responses yet still shows (empty) rather than vanishing."""
    overall = {n: _empty() for n in PRINCIPLES}
    not_sure = dict.fromkeys(PRINCIPLES, 0)
    by_role: dict[tuple[int, str], list[int]] = {}
    by_practice: dict[tuple[int, str], list[int]] = {(n, p): _empty() for p in practices for n in PRINCIPLES}
    practice_counts: dict[str, int] = dict.fromkeys(practices, 0)
    role_counts: dict[str, int] = {}
    pair_counts: dict[tuple[str, str], int] = {}
    total = 0
    for response in responses:
        total += 1
        practice, role = response.practice, response.role
        practice_counts[practice] = practice_counts.get(practice, 0) + 1
        role_counts[role] = role_counts.get(role, 0) + 1
        pair_counts[(practice, role)] = pair_counts.get((practice, role), 0) + 1
        for number in response.not_sure:
            if number in not_sure:
                not_sure[number] += 1
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
    role_spreads = [GroupSpread(principle=n, group=g, spread=spread(c)) for (n, g), c in sorted(by_role.items())]
    practice_order = {p: i for i, p in enumerate(practice_counts)}
    practice_spreads = [GroupSpread(principle=n, group=g, spread=spread(c))
                        for (n, g), c in sorted(by_practice.items(), key=lambda kv: (kv[0][0], practice_order[kv[0][1]]))]
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
        s = spread(overall[n])
        summaries.append(PrincipleSummary(principle=n, spread=s, not_sure=not_sure[n],
                                          flagged_roles=flagged_roles[n], flagged_practices=flagged_practices[n]))
    return Aggregate(participants=total, by_practice=practice_counts, by_role=role_counts,
                     by_practice_and_role=pair_counts, principles=summaries, by_role_spread=role_spreads,
                     by_practice_spread=practice_spreads)


def aggregate_participants(participants: Iterable[Participant], practices: Sequence[str] = ()) -> Aggregate:
    return aggregate((Response.of(p) for p in participants), practices)


class QuestionSpread(Frozen):
    question_id: str
    text: str
    spread: Spread
    not_sure: int


def question_spreads(participants: Iterable[Participant], section: QuestionSection) -> list[QuestionSpread]:
    """For a readiness or components section: how the room answered each question, in one pass."""
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
    return [QuestionSpread(question_id=q.id, text=q.text, spread=spread(counts[q.id]), not_sure=not_sure[q.id])
            for q in section.questions]


def median_level(spread_: Spread) -> int | None:
    """The group's level on a scale: the median, rounded down (a half-way median does not claim the higher level)."""
    return None if spread_.median is None else int(spread_.median)


def question_rows(participants: Iterable[Participant], section: QuestionSection) -> tuple[list[str], list[list[str]]]:
    """How the room answered a readiness or components section, as (headers, rows) for a table or the PDF."""
    scale = {o.value: o.label for o in section.scale}
    headers = ["Question", "Answers", "Not sure", *scale.values(), "Median"]
    rows = []
    for q in question_spreads(participants, section):
        level = median_level(q.spread)
        rows.append([q.text, str(q.spread.n), str(q.not_sure), *(str(q.spread.counts[v]) for v in scale),
                     "" if level is None else scale[level]])
    return headers, rows


# --- consensus and re-assessment ---------------------------------------------------------------------------


def consensus_for(summary: PrincipleSummary, level: int | None, note: str = "") -> Consensus:
    """The group's agreed level, keeping the range of individual views it was agreed from."""
    return Consensus(principle=summary.principle, level=level, note=note.strip(), low=summary.spread.low,
                     high=summary.spread.high)


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
                      content: Content, practice: str | None = None) -> list[PrincipleChange]:
    """Change per principle between two workshops, for the whole room or for one practice's people.

    Agreed levels belong to the whole room, so a single practice is compared on its medians alone.
    """
    if practice is not None:
        before = [p for p in before if p.practice == practice]
        after = [p for p in after if p.practice == practice]
        before_consensus, after_consensus = {}, {}
    return compare(aggregate_participants(before), aggregate_participants(after), before_consensus,
                   after_consensus, content)


def shared_practices(earlier: Workshop, later: Workshop) -> list[str]:
    """Practices that took part in both workshops, in the later workshop's order."""
    return [p for p in later.practices if p in set(earlier.practices)]


def export_stem(workshop: Workshop) -> str:
    """A file name for the workshop's downloads, from its name: letters and digits only."""
    return "".join(ch if ch.isalnum() else "-" for ch in workshop.name.lower()).strip("-")[:60] or "workshop"


# --- exports -----------------------------------------------------------------------------------------------

CSV_COLUMNS = ["record", "participant", "practice", "role", "section", "item_id", "item", "value", "target",
               "note", "group_low", "group_high"]


def _value(value: object) -> str:
    return "" if value is None else "Not sure" if value == "not_sure" else str(value)


def workshop_rows(workshop: Workshop, participants: Sequence[Participant], consensus: dict[int, Consensus],
                  content: Content) -> list[dict[str, str]]:
    """Long-format rows: every individual answer (participants numbered, not named), then the agreed levels."""
    titles = {p.number: p.title for p in content.principles}
    questions = {s.id: [(q.id, q.text) for q in s.questions] for s in (content.readiness, content.components)}
    rows: list[dict[str, str]] = []
    for number, p in enumerate(participants, start=1):
        base = {"record": "response", "participant": str(number), "practice": p.practice,
                "role": ROLE_LABELS.get(p.role, p.role)}
        for section in ("readiness", "components"):
            if section not in workshop.sections:
                continue
            given = getattr(p.answers, section)
            for qid, text in questions[section]:
                if qid in given:
                    rows.append(base | {"section": section, "item_id": qid, "item": text,
                                        "value": _value(given[qid])})
        if "principles" in workshop.sections:
            for n in PRINCIPLES:
                a = p.answers.principles.get(n)
                if a is not None:
                    rows.append(base | {"section": "principles", "item_id": str(n), "item": titles.get(n, ""),
                                        "value": "Not sure" if a.not_sure else _value(a.current),
                                        "target": _value(a.target), "note": a.note})
    for n in PRINCIPLES:
        c = consensus.get(n)
        if c is not None:
            rows.append({"record": "agreed", "section": "principles", "item_id": str(n), "item": titles.get(n, ""),
                         "value": _value(c.level), "note": c.note, "group_low": _value(c.low),
                         "group_high": _value(c.high)})
    return [{column: row.get(column, "") for column in CSV_COLUMNS} for row in rows]


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in a spreadsheet; a leading quote keeps it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def workshop_csv(workshop: Workshop, participants: Sequence[Participant], consensus: dict[int, Consensus],
                 content: Content) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in workshop_rows(workshop, participants, consensus, content):
        writer.writerow({k: _csv_safe(v) for k, v in row.items()})
    # UTF-8 with a byte-order mark, so Excel reads accented practice names correctly.
    return out.getvalue().encode("utf-8-sig")


def group_answers(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus],
                  participants: Sequence[Participant] = (), content: Content | None = None) -> Answers:
    """The group's answers for the PDF: the agreed level where there is one, else the median rounded down.

    Readiness and components questions (given participants and content) take the room's median answer.
    """
    answers = Answers(profile=Profile(practices=[Practice(name=name[:200]) for name in workshop.practices]))
    if "principles" in workshop.sections:
        for summary in aggregate_.principles:
            agreed = consensus.get(summary.principle)
            level = agreed.level if agreed and agreed.level is not None else median_level(summary.spread)
            if level is not None:
                answers.principles[summary.principle] = PrincipleAnswer(current=level,
                                                                        note=agreed.note if agreed else "")
    if content is not None:
        for section in (content.readiness, content.components):
            if section.id in workshop.sections:
                given = getattr(answers, section.id)
                for q in question_spreads(participants, section):
                    if (level := median_level(q.spread)) is not None:
                        given[q.question_id] = level
    return answers


def workshop_pdf(workshop: Workshop, aggregate_: Aggregate, consensus: dict[int, Consensus], content: Content,
                 participants: Sequence[Participant] = (), charts: Sequence[tuple[str, dict, str]] = ()) -> bytes:
    """The workshop's PDF: the group's levels (agreed, else median) through the report module, plus its spreads.

    participants give the readiness and components tables; charts: (title, Vega-Lite spec, alt text).
    """
    from assessment.report import ReportChart, ReportSection, ReportTable, build_pdf  # fpdf only when asked

    titles = {p.number: p.title for p in content.principles}
    rows = []
    for s in aggregate_.principles:
        agreed = consensus.get(s.principle)
        kept = "" if not agreed or agreed.low is None else f" (views then {agreed.low} to {agreed.high})"
        rows.append([f"{s.principle}. {titles.get(s.principle, '')}", str(s.spread.n),
                     "" if s.spread.low is None else f"{s.spread.low} to {s.spread.high}",
                     "" if s.spread.median is None else f"{s.spread.median:g}",
                     "" if not agreed or agreed.level is None else f"{agreed.level}{kept}",
                     "Yes" if s.disagreement else "", agreed.note if agreed else ""])
    question_tables = [(section.title, *question_rows(participants, section))
                       for section in (content.readiness, content.components) if section.id in workshop.sections]
    roles = sorted({ROLE_LABELS.get(r, r) for r in aggregate_.by_role})
    section = ReportSection(
        title="Workshop results",
        paragraphs=[
            f"{aggregate_.participants} people from {len(workshop.practices)} practices answered in the workshop "
            f"\"{workshop.name}\". The levels above are the group's agreed level where one was recorded, and "
            "otherwise the median of individual views, rounded down.",
            "Views two or more levels apart are marked as disagreement: worth discussing before acting.",
        ],
        tables=[ReportTable(headers=["Principle", "People", "Views", "Median", "Agreed", "Apart?", "Note"],
                            rows=rows, widths=[4.6, 1.3, 1.5, 1.4, 2.4, 1.3, 3.4])] if "principles" in workshop.sections
        else [],
        charts=[ReportChart(title=title, spec=spec, alt_text=alt) for title, spec, alt in charts],
    )
    question_sections = [
        ReportSection(title=f"How the room answered: {title}",
                      paragraphs=["How many chose each answer, and the median answer (rounded down)."],
                      tables=[ReportTable(headers=headers, rows=body,
                                          widths=[3.6, 1.8, 1.4, *([2.2] * (len(headers) - 4)), 1.8])])
        for title, headers, body in question_tables]
    return build_pdf(group_answers(workshop, aggregate_, consensus, participants, content), content,
                     title=f"Workshop: {workshop.name}",
                     extra_sections=[section, *question_sections], roles=roles,
                     sections=("cover", "scores", "charts", "gaps", "appendix"))
