"""Answers and scores as one CSV table a practice can open in a spreadsheet."""

from __future__ import annotations

import datetime as dt

from assessment.answers import Answers
from assessment.change import Change, date_words, level_words, score_words, signed
from assessment.content_models import Content, QuestionSection
from assessment.csvfile import Cell, csv_bytes
from assessment.findings import Findings, findings_for
from assessment.profile_facts import number, profile_facts
from assessment.text import slug

# The change since an earlier assessment has columns of its own, named for what they hold: a change_principle row
# fills the current and target ones (beside the now values in current and target), a change_section row the score
# ones (beside the now score in score). Every other row leaves them empty.
CHANGE_COLUMNS = ("earlier_current", "current_change", "earlier_target", "target_change", "earlier_score",
                  "score_change")
COLUMNS = ("part", "section", "id", "item", "answer", "answer_label", "current", "target", "gap", "priority",
           "score", "band", "owner", "due", "status", *CHANGE_COLUMNS, "note")

PROFILE = "Practice profile"

def _question_rows(section: QuestionSection, given: dict, notes: dict[str, str]) -> list[dict[str, str]]:
    labels = {opt.value: opt.label for opt in section.scale}
    rows = []
    for q in section.questions:
        value = given.get(q.id)
        if value == "not_sure":
            answer, label = "not_sure", "Not sure"
        elif isinstance(value, int):
            answer, label = value, labels.get(value, "")
        else:
            answer, label = "", "Not answered"
        rows.append({"part": "question", "section": section.title, "id": q.id, "item": q.text,
                     "answer": answer, "answer_label": label, "note": notes.get(q.id, "")})
    return rows


def _change_rows(delta: Change) -> list[dict[str, Cell]]:
    """The change since an earlier assessment: the now values in their usual columns, the earlier values and the
    change in CHANGE_COLUMNS (empty where either side is unanswered), and the same in words in the note."""
    since = f"earlier assessment {date_words(delta.earlier_date)}, this one {date_words(delta.this_date)}"
    out: list[dict[str, Cell]] = []
    for s in delta.sections:
        before, now = score_words(s.earlier_score), score_words(s.score)
        out.append({"part": "change_section", "section": "Change since last time", "id": s.id, "item": s.title,
                    "answer": f"{before} → {now}", "score": number(s.score), "earlier_score": number(s.earlier_score),
                    "score_change": number(s.change),
                    "note": f"Score {before} then, {now} now ({signed(s.change)}); {since}"})
    for p in delta.principles:
        now = f"{level_words(p.earlier_current, p.earlier_not_sure)} → {level_words(p.current, p.not_sure)}"
        target = f"{level_words(p.earlier_target)} → {level_words(p.target)}"
        out.append({"part": "change_principle", "section": "Change since last time", "id": str(p.number),
                    "item": p.title, "answer": now, "current": number(p.current), "target": number(p.target),
                    "earlier_current": number(p.earlier_current), "current_change": number(p.current_change),
                    "earlier_target": number(p.earlier_target), "target_change": number(p.target_change),
                    "note": f"Now {now} ({signed(p.current_change)}); target {target} "
                            f"({signed(p.target_change)}); {since}"})
    return out


def _profile_rows(answers: Answers, content: Content) -> list[dict[str, Cell]]:
    """The whole practice profile (assessment.profile_facts, which the PDF prints too) as rows."""
    return [{"part": "profile", "section": PROFILE, "id": f.id, "item": f.item, "answer": f.answer,
             "answer_label": f.words} for f in profile_facts(answers, content)]


def rows(answers: Answers, content: Content, findings: Findings | None = None) -> list[dict[str, Cell]]:
    """Every profile fact, answer, score, gap and action as a flat row with the COLUMNS as keys.

    The answers give the profile and each question's answer as entered; the findings (built here when not given)
    give every score, gap and the ordered plan, as the pages and the PDF show them. Values are as entered:
    csv_bytes guards each cell against spreadsheet formulas as it writes.
    """
    findings = findings or findings_for(answers, content)
    summary = findings.summary
    out = _profile_rows(answers, content)
    out.extend(_question_rows(content.readiness, answers.readiness, answers.notes.readiness))
    out.extend(_question_rows(content.components, answers.components, answers.notes.components))
    levels = {p.number: {lv.level: lv.label for lv in p.levels} for p in content.principles}
    for p in summary.principles:
        out.append({
            "part": "principle", "section": f"Design principles: {p.group}", "id": str(p.number), "item": p.title,
            "answer": "not_sure" if p.not_sure else "",
            "answer_label": ("Not sure" if p.not_sure else
                             levels[p.number].get(p.current, "") if p.current is not None else "Not answered"),
            "current": number(p.current), "target": number(p.target), "gap": number(p.gap), "score": number(p.score),
            "note": p.note,
        })
    for s in summary.sections:
        out.append({"part": "section_score", "section": s.title, "id": s.id, "item": s.title,
                    "answer": f"{s.answered} of {s.total} answered", "score": number(s.score),
                    "band": s.band.label if s.band else "Not scored"})
    for g in summary.gaps:
        out.append({"part": "gap", "section": "Ranked gaps", "id": str(g.number), "item": g.title,
                    "answer": f"rank {g.rank}", "current": g.current, "target": g.target,
                    "gap": g.gap, "priority": g.priority, "note": g.why})
    if findings.change is not None:
        out.extend(_change_rows(findings.change))
    for a in findings.actions:
        out.append({"part": "action", "section": a.principle_title, "id": a.id, "item": a.action,
                    "owner": a.owner, "due": a.due.isoformat() if a.due else "", "status": a.status})
    return out


def answers_csv(answers: Answers, content: Content, findings: Findings | None = None) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, so spreadsheet programs show £ and accents."""
    return csv_bytes(COLUMNS, rows(answers, content, findings))


def file_stem(answers: Answers, day: dt.date) -> str:
    """A safe download name, e.g. "groupup-st-marys-dr-obrien-2026-03-01": ASCII only, no path characters."""
    return f"groupup-{slug(answers.profile.display_name) or 'practice'}-{day.isoformat()}"
