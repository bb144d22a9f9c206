"""The PDF's self-assessment sections, drawn from one Findings object: cover, headline scores, ranked gaps, whom to
learn from, the structures and legal forms with every verdict, blocker, condition and restriction, and the plan.

Nothing here scores, compares or fits: each section prints what the findings hold, in the Structures, Results and
Compare pages' words, so the page and the PDF cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fpdf.enums import Align, XPos, YPos

from assessment.findings import Findings
from assessment.fit import FitResult
from assessment.report.layout import BODY_W, FONT, Writer, clean, long_date
from assessment.scoring import BANDS, MAX_LEVEL, SectionScore
from assessment.text import and_list, first_sentence

if TYPE_CHECKING:
    from assessment.report.workshop_sections import LevelSources, ReportCover

FIT_INTRO = ("Ranked from your practice profile. A structure the sources rule out for you is marked \"Not "
             "possible\", with the reason and where it is stated. The others are ordered by how your answers bear "
             "on them, and each says which of your answers raised or lowered it.")


PRACTICE_INTRO = ("This summary sets out a practice's own view of where it stands on the readiness questions, the "
                  "essential components of a successful collaboration and the twelve design principles for general "
                  "practice at scale; the gaps it most wants to close; what the case studies did; which structures "
                  "and legal forms might fit; and its action plan.")


def cover(w: Writer, findings: Findings, *, title: str, today: dt.date, roles: Sequence[str],
          about: ReportCover | None = None) -> None:
    """The cover: a practice's names and respondent role, or (given about) the subject and details it names."""
    pdf = w.pdf
    summary = findings.summary
    pdf.set_y(40)
    w.para("GroupUp", size=11, grey=True)
    pdf.set_font(FONT, "B", 22)
    with w.tagged("H1"):
        pdf.multi_cell(BODY_W, 10, clean(title), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.space(8)
    names = [about.subject] if about else findings.practice_names
    pdf.set_font(FONT, "B", 16 if len(names) == 1 else 13)
    for name in names:
        with w.tagged("P"):
            pdf.multi_cell(BODY_W, 8 if len(names) == 1 else 6.5, clean(name), align=Align.L,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.space(10)
    pdf.set_font(FONT, "", 10)
    w.label_value("Prepared", long_date(today))
    if findings.updated:
        w.label_value("Answers last changed", long_date(findings.updated.date()))
    if about:
        for label, value in about.details:
            w.label_value(label, value)
    else:
        w.label_value("Respondent role" + ("s" if len(roles) > 1 else ""), ", ".join(roles) or "Not stated")
    if findings.total_list_size is not None:
        w.label_value("Registered patients", f"{findings.total_list_size:,}")
    w.label_value("Questions answered",
                  f"{summary.answered_items} of {summary.total_items}"
                  + (f" ({summary.not_sure_items} marked not sure)" if summary.not_sure_items else ""))
    w.space(12)
    w.para(about.intro if about else PRACTICE_INTRO, size=9.5)
    w.para(findings.fit.caveat, size=9, grey=True)


def profile(w: Writer, findings: Findings) -> None:
    """The practice profile as answered, every question with its answer (the CSV's profile rows, in words)."""
    if not findings.profile:
        return
    w.heading("Your practice profile")
    w.table(["Question", "Your answer"], [[f.item, f.shown] for f in findings.profile], widths=[70, BODY_W - 70])


def _answered(s: SectionScore) -> str:
    return f"{s.answered} of {s.total}" + (f"; {s.not_sure} not sure" if s.not_sure else "")


def scores(w: Writer, findings: Findings, sources: LevelSources | None = None) -> None:
    """Headline scores, the bands, and the principles' current and target levels; given sources (a workshop's),
    the levels table says on each row where its levels came from, and why a target is missing."""
    from assessment.charts import score_text  # the chart's labels and this table print a score the same way

    summary = findings.summary
    w.heading("Headline scores")
    w.para("Each section is scored from 0 to 100: the mean of the answers given, each on its own scale. "
           "\"Not sure\" and unanswered items are left out of the score and counted beside it.", size=9)
    rows = [[s.title, score_text(s.score) if s.score is not None else "—", s.band.label if s.band else "Not scored",
             _answered(s)] for s in summary.sections]
    w.table(["Section", "Score (0–100)", "Band", "Answered"], rows, widths=[44, 16, 20, 20], size=9)
    w.heading("What the bands mean", 3)
    for band in BANDS:
        top = "100" if band is BANDS[-1] else f"under {band.high}"
        w.bullet(f"{band.label} ({band.low} to {top}): {band.meaning}", size=9)
    w.heading("Design principles: current and target levels", 2)
    w.para(f"Levels run from 0 (not in place) to {MAX_LEVEL}. The gap is the target minus the current level.",
           size=9)
    if sources:
        w.para(sources.note, size=9)
    rows = []
    for p in summary.principles:
        source = sources.by_principle.get(p.number) if sources else None
        if p.not_sure:
            row = [str(p.number), p.title, "Not sure", "", ""]
        else:
            row = [str(p.number), p.title,
                   "—" if p.current is None else str(p.current),
                   (source.no_target if source else "—") if p.target is None else str(p.target),
                   "—" if p.gap is None else f"{p.gap:+d}" if p.gap else "0"]
        rows.append(row + ([source.source if source else ""] if sources else []))
    if sources:
        w.table(["No.", "Principle", "Current", "Target", "Gap", "Levels from"], rows,
                widths=[7, 48, 11, 14, 8, 22], size=9)
    else:
        w.table(["No.", "Principle", "Current", "Target", "Gap"], rows, widths=[7, 63, 12, 12, 10], size=9)


def gaps(w: Writer, findings: Findings) -> None:
    w.heading("Gaps, ranked")
    if not findings.gaps:
        w.para("No gaps yet: a gap appears when a design principle has a target above its current level.")
        return
    w.para("Largest gap first; then the lower current level; then the principle that supports more of the six "
           "characteristics of high-quality primary care.", size=9)
    rows = [[str(g.rank), f"{g.number}. {g.title}", f"{g.current} → {g.target}", str(g.gap),
             g.priority.capitalize(), g.why] for g in findings.gaps]
    w.table(["Rank", "Principle", "Now → target", "Gap", "Priority", "Why it ranks here"], rows,
            widths=[10, 42, 15, 8, 13, 52])
    key = findings.characteristics
    w.para(key.title, size=9, bold=True)
    w.para(key.intro, size=8.5)
    for line in key.lines:
        w.bullet(line.words, size=8.5)
    w.para(f"{key.reading} [GroupUp's judgement, from {key.reading_citation}]", size=8.5)


def learn_from(w: Writer, findings: Findings) -> None:
    # The same lessons, in the same order and grouping, as the Compare page: both read findings.lessons.
    w.heading("Learn from the case studies")
    lessons = findings.lessons
    if not lessons:
        w.para("Once you have set targets above your current levels, this section lists what the case studies did "
               "for the principles where your gaps are largest.")
        return
    w.para(f"For your {len(lessons)} largest gap{'s' if len(lessons) > 1 else ''}: the organisations the sources "
           "give as examples of that principle, what they did, in our words, and where to read more.", size=9)
    for item in lessons:
        lesson = item.lesson
        w.heading(f"{lesson.principle}. {lesson.title}: you are at level {lesson.current} and aim for "
                  f"{lesson.target}", 3)
        if not lesson.exemplars:
            w.para("The sources give no case study as an example of this principle.", size=9, grey=True)
            continue
        for group in item.groups:
            names = and_list([f"{ex.case_name} ({ex.org_type})" for ex in group.exemplars])
            w.bullet(f"{names}: {group.text} [{group.citations}]", size=9)


def fit_words(result: FitResult, best: float | None) -> str:
    """How well an option fits, in words; `best` is the top score among the possible ones."""
    if not result.possible:
        return "Not possible for you"
    if not (result.reasons_up or result.reasons_down):
        return "None of your answers raises or lowers it"
    if best is not None and result.score == best and result.score > 0:
        return "Best fit with your answers"
    if result.score >= 2:
        return "A good fit with your answers"
    if result.score > 0:  # whole or half points: 0.5 and 1 both lean its way
        return "Some fit with your answers"
    if result.score == 0:
        return "Your answers pull both ways and cancel out"
    return "A poor fit with your answers"


def _fit_result(w: Writer, rank: int, result: FitResult, best: float | None, ranked: bool) -> None:
    w.heading(f"{rank}. {result.name}" + ("" if result.possible else " (not possible for you)"), 3)
    if ranked:  # with no answers to weigh, "none of your answers…" under every option would say nothing new
        w.para(f"Fit: {fit_words(result, best)}.", size=9, bold=True)
    w.para(first_sentence(result.description), size=8.5, grey=True)
    # A restriction does not rule the whole form out on these answers, but what it rules out is as firm: the
    # Structures page shows both as "Not possible", and so does this.
    for blocker in result.blockers + result.restrictions:
        w.bullet(f"{blocker.sentence} (Source: {blocker.citation})", size=9, mark="✗", bold=True)
    for condition in result.blocked_if:
        w.bullet(f"{condition.condition} (Source: {condition.citation})", size=9, mark="?")
    for note in result.notes:
        w.bullet(note.heading, size=9, mark="?")
        for point in note.points:
            w.bullet(f"{point.text} (Source: {point.citation})", size=8.5)
    for reason in result.reasons_up + result.reasons_down:
        w.bullet(reason, size=8.5)
    if result.score_parts:
        w.para(f"Why this score: {result.why_score} (points as in the scoring method, \u201cHow the structures "
               "are ranked\u201d).", size=8.5, grey=True)
    for note in result.setting_notes:
        w.bullet(f"About your setting: {note.text} (Source: {note.citation})", size=8.5)
    if result.examples:
        w.para("Examples among the case studies: " + ", ".join(result.examples), size=8.5, grey=True)


def _fit_list(w: Writer, title: str, intro: str, results: Sequence[FitResult], ranked: bool) -> None:
    w.heading(title, 2)
    w.para(intro, size=9)
    scores_ = [r.score for r in results if r.possible and (r.reasons_up or r.reasons_down)]
    best = max(scores_) if scores_ else None
    for rank, result in enumerate(results, start=1):
        _fit_result(w, rank, result, best, ranked)


def fit(w: Writer, findings: Findings) -> None:
    fit_ = findings.fit
    w.heading("Structures and legal forms that might fit")
    w.para(fit_.caveat, size=9, bold=True)
    w.para(FIT_INTRO, size=9)
    if not fit_.ranked:
        w.para("You have not yet given your contracts, setting, aims or preferences, so nothing is ruled out or "
               "ranked for you: these are in the order the sources give them. Fill in the practice profile in "
               "GroupUp to rank them.", size=9)
    elif not fit_.contracts_given:
        w.para("You have not said which contracts you hold (GMS, PMS or APMS). Some structures are not possible "
               "with some contracts: each is listed under the structure it concerns.", size=9)
    if fit_.ranked and not fit_.body_role:
        w.para("You have not said what the new body would do, so the contract rules are applied as if it would hold "
               "your practices' core contracts. Some rules are about holding those contracts and would not apply to "
               "a body working alongside them.", size=9)
    elif fit_.body_role:
        w.para(f"What the new body would do: {fit_.body_role}.", size=9)
    _fit_list(w, "Ways of working together", "How far the practices join up: from simple alliances, where each "
              "stays independent, to a merger.", fit_.options, fit_.ranked)
    _fit_list(w, "Legal forms", "The legal form a collaboration takes, which decides liability, finance, profit "
              "and the NHS Pension.", fit_.legal_forms, fit_.ranked)


def actions(w: Writer, findings: Findings) -> None:
    w.heading("Action plan")
    if not findings.actions:
        w.para("No actions recorded yet. Use the Action plan page to choose the gaps to act on.")
        return
    rows = [[a.where, a.action + (f"\n({a.started_from})" if a.started_from else ""), a.owner or "—",
             a.due.strftime("%d %b %Y") if a.due else "—", a.status] for a in findings.actions]
    w.table(["Principle", "Action", "Owner", "Due", "Status"], rows, widths=[30, 62, 24, 16, 15])


def notes(w: Writer, findings: Findings) -> None:
    """The practice's own evidence notes, each printed under the item it is about."""
    if not findings.notes:
        return
    w.heading("Your evidence and notes")
    w.para("What you wrote beside your answers, as you wrote it.", size=9)
    section = None
    for note in findings.notes:
        if note.section != section:
            section = note.section
            w.heading(section, 3)
        w.para(note.item, size=9.5, bold=True)
        w.para(note.note, size=9.5, indent=4)


def change(w: Writer, findings: Findings) -> None:
    """The change since an earlier assessment, per section score and per principle, with both dates."""
    from assessment.change import date_words, level_words, score_words, signed

    delta = findings.change
    if delta is None:
        return
    w.heading("Change since last time")
    w.para(f"This assessment ({date_words(delta.this_date)}) beside the earlier one for "
           f"{delta.earlier_name} ({date_words(delta.earlier_date)}).", size=9)
    if delta.order_note:
        w.para(delta.order_note, size=9, bold=True)
    w.table(["Section", "Earlier score", "Now", "Change"],
            [[s.title, score_words(s.earlier_score), score_words(s.score), signed(s.change)] for s in delta.sections],
            widths=[52, 16, 16, 16], size=9)
    w.table(["No.", "Principle", "Now: earlier → now", "Change", "Target: earlier → now", "Change"],
            [[str(p.number), p.title,
              f"{level_words(p.earlier_current, p.earlier_not_sure)} → {level_words(p.current, p.not_sure)}",
              signed(p.current_change), f"{level_words(p.earlier_target)} → {level_words(p.target)}",
              signed(p.target_change)] for p in delta.principles],
            widths=[7, 45, 17, 10, 17, 10], size=8.5)
