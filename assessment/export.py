"""Answers and scores as one CSV table a practice can open in a spreadsheet."""

from __future__ import annotations

import datetime as dt

from assessment.answers import (
    BODY_ROLE_LABELS,
    CONTRACT_LABELS,
    PREFERENCE_QUESTIONS,
    ROLE_LABELS,
    SETTING_LABELS,
    Answers,
)
from assessment.change import Change, date_words, level_words, signed
from assessment.content_models import Content, QuestionSection
from assessment.csvfile import Cell, csv_bytes
from assessment.findings import Findings, findings_for
from assessment.text import slug

# The change since an earlier assessment has columns of its own, named for what they hold: a change_principle row
# fills the current and target ones (beside the now values in current and target), a change_section row the score
# ones (beside the now score in score). Every other row leaves them empty.
CHANGE_COLUMNS = ("earlier_current", "current_change", "earlier_target", "target_change", "earlier_score",
                  "score_change")
COLUMNS = ("part", "section", "id", "item", "answer", "answer_label", "current", "target", "gap", "priority",
           "score", "band", "owner", "due", "status", *CHANGE_COLUMNS, "note")

PROFILE = "Practice profile"
# Each practice's counts: field, what the row says.
PRACTICE_COUNTS = (("list_size", "list size"), ("gp_partners", "GP partners"), ("gp_salaried", "salaried GPs"),
                   ("nurses", "nurses"), ("other_staff", "other staff"))

def _num(value: float | int | None) -> Cell:
    """A number as a spreadsheet shows it: 25 not 25.0, and six significant figures at most."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = float(f"{value:g}")
        return int(value) if value.is_integer() else value
    return value


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
        before = "—" if s.earlier_score is None else f"{s.earlier_score:g}"
        now = "—" if s.score is None else f"{s.score:g}"
        out.append({"part": "change_section", "section": "Change since last time", "id": s.id, "item": s.title,
                    "answer": f"{before} → {now}", "score": _num(s.score), "earlier_score": _num(s.earlier_score),
                    "score_change": _num(s.change),
                    "note": f"Score {before} then, {now} now ({signed(s.change)}); {since}"})
    for p in delta.principles:
        now = f"{level_words(p.earlier_current, p.earlier_not_sure)} → {level_words(p.current, p.not_sure)}"
        target = f"{level_words(p.earlier_target)} → {level_words(p.target)}"
        out.append({"part": "change_principle", "section": "Change since last time", "id": str(p.number),
                    "item": p.title, "answer": now, "current": _num(p.current), "target": _num(p.target),
                    "earlier_current": _num(p.earlier_current), "current_change": _num(p.current_change),
                    "earlier_target": _num(p.earlier_target), "target_change": _num(p.target_change),
                    "note": f"Now {now} ({signed(p.current_change)}); target {target} "
                            f"({signed(p.target_change)}); {since}"})
    return out


def _profile_row(row_id: str, item: str, answer: str, label: str = "") -> dict[str, str]:
    return {"part": "profile", "section": PROFILE, "id": row_id, "item": item, "answer": answer,
            "answer_label": label}


def _profile_rows(answers: Answers, content: Content) -> list[dict[str, str]]:
    """The whole practice profile: each practice's facts, then what the group wants and who answered."""
    profile = answers.profile
    out = []
    for i, practice in enumerate(profile.practices, start=1):
        out.append(_profile_row(f"practice_{i}_name", f"Practice {i} name", practice.name))
        out.append(_profile_row(f"practice_{i}_setting", f"Practice {i} setting", practice.setting or "",
                                SETTING_LABELS.get(practice.setting, "") if practice.setting else ""))
        out.append(_profile_row(f"practice_{i}_contracts", f"Practice {i} contracts", ";".join(practice.contracts),
                                ", ".join(CONTRACT_LABELS[c] for c in practice.contracts)))
        for field, words in PRACTICE_COUNTS:
            out.append(_profile_row(f"practice_{i}_{field}", f"Practice {i} {words}", _num(getattr(practice, field))))
    labels = {aim.id: aim.label for aim in content.aims}
    out.append(_profile_row("aims", "What you most want to achieve by working together",
                            ";".join(profile.aims), "; ".join(labels.get(a, a) for a in profile.aims)))
    prefs = profile.preferences
    for field, question, words in PREFERENCE_QUESTIONS:
        value = getattr(prefs, field)
        answer = "" if value is None else str(value).lower()
        out.append(_profile_row(f"preference_{field}", question, answer, words.get(value, "") if value is not None
                                else "Not answered"))
    body = profile.body_role
    out.append(_profile_row("body_role", "What would the new body do?", body or "",
                            BODY_ROLE_LABELS[body] if body else "Not answered"))
    out.append(_profile_row("current_collaborations", "How you work with other practices now",
                            profile.current_collaborations))
    role = profile.respondent_role
    out.append(_profile_row("respondent_role", "Respondent role", role or "",
                            ROLE_LABELS.get(role, "") if role else ""))
    return out


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
            "current": _num(p.current), "target": _num(p.target), "gap": _num(p.gap), "score": _num(p.score),
            "note": p.note,
        })
    for s in summary.sections:
        out.append({"part": "section_score", "section": s.title, "id": s.id, "item": s.title,
                    "answer": f"{s.answered} of {s.total} answered", "score": _num(s.score),
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
