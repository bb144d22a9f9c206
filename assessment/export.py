"""Answers and scores as one CSV table a practice can open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata

from assessment.answers import (
    ACTION_STATUS_LABELS,
    CONTRACT_LABELS,
    IMPORTANCE_LABELS,
    PROFIT_LABELS,
    ROLE_LABELS,
    SETTING_LABELS,
    YES_NO_LABELS,
    Answers,
)
from assessment.content_models import Content, QuestionSection
from assessment.scoring import Summary, score

COLUMNS = ("part", "section", "id", "item", "answer", "answer_label", "current", "target", "gap", "priority",
           "score", "band", "owner", "due", "status", "note")

PROFILE = "Practice profile"
# Each practice's counts: field, what the row says.
PRACTICE_COUNTS = (("list_size", "list size"), ("gp_partners", "GP partners"), ("gp_salaried", "salaried GPs"),
                   ("nurses", "nurses"), ("other_staff", "other staff"))
# Preferences: field, the question, its answers in words.
PREFERENCES = (
    ("autonomy", "How important is it that each practice keeps its independence?", IMPORTANCE_LABELS),
    ("profit", "Should the organisation be able to make a profit?", PROFIT_LABELS),
    ("need_capital", "Will you need to raise money (capital) for premises or growth?", YES_NO_LABELS),
    ("nhs_pension", "How important is access to the NHS Pension Scheme?", IMPORTANCE_LABELS),
    ("limited_liability", "How important is limited liability?", IMPORTANCE_LABELS),
)

# A spreadsheet runs a cell starting with one of these as a formula; user text must never do that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """User-typed text made safe for spreadsheets: a leading formula character is quoted."""
    value = value.replace("\r\n", "\n")
    return "'" + value if value.startswith(_FORMULA_START) else value


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _question_rows(section: QuestionSection, given: dict) -> list[dict[str, str]]:
    labels = {opt.value: opt.label for opt in section.scale}
    rows = []
    for q in section.questions:
        value = given.get(q.id)
        if value == "not_sure":
            answer, label = "not_sure", "Not sure"
        elif isinstance(value, int):
            answer, label = str(value), labels.get(value, "")
        else:
            answer, label = "", "Not answered"
        rows.append({"part": "question", "section": section.title, "id": q.id, "item": q.text,
                     "answer": answer, "answer_label": label})
    return rows


def _profile_row(row_id: str, item: str, answer: str, label: str = "") -> dict[str, str]:
    return {"part": "profile", "section": PROFILE, "id": row_id, "item": item, "answer": answer,
            "answer_label": label}


def _profile_rows(answers: Answers, content: Content) -> list[dict[str, str]]:
    """The whole practice profile: each practice's facts, then what the group wants and who answered."""
    profile = answers.profile
    out = []
    for i, practice in enumerate(profile.practices, start=1):
        out.append(_profile_row(f"practice_{i}_name", f"Practice {i} name", _text(practice.name)))
        out.append(_profile_row(f"practice_{i}_setting", f"Practice {i} setting", practice.setting or "",
                                SETTING_LABELS.get(practice.setting, "") if practice.setting else ""))
        out.append(_profile_row(f"practice_{i}_contracts", f"Practice {i} contracts", ";".join(practice.contracts),
                                ", ".join(CONTRACT_LABELS[c] for c in practice.contracts)))
        for field, words in PRACTICE_COUNTS:
            out.append(_profile_row(f"practice_{i}_{field}", f"Practice {i} {words}", _num(getattr(practice, field))))
    labels = {aim.id: aim.label for aim in content.aims}
    # Aim ids come from the answers file, so an unknown one is user text like any other.
    out.append(_profile_row("aims", "What you most want to achieve by working together",
                            _text(";".join(profile.aims)), _text("; ".join(labels.get(a, a) for a in profile.aims))))
    prefs = profile.preferences
    for field, question, words in PREFERENCES:
        value = getattr(prefs, field)
        answer = "" if value is None else str(value).lower()
        out.append(_profile_row(f"preference_{field}", question, answer, words.get(value, "") if value is not None
                                else "Not answered"))
    out.append(_profile_row("current_collaborations", "How you work with other practices now",
                            _text(profile.current_collaborations)))
    role = profile.respondent_role
    out.append(_profile_row("respondent_role", "Respondent role", role or "",
                            ROLE_LABELS.get(role, "") if role else ""))
    return out


def rows(answers: Answers, content: Content, summary: Summary | None = None) -> list[dict[str, str]]:
    """Every profile fact, answer, score, gap and action as a flat row with the COLUMNS as keys."""
    summary = summary or score(answers, content)
    out = _profile_rows(answers, content)
    out.extend(_question_rows(content.readiness, answers.readiness))
    out.extend(_question_rows(content.components, answers.components))
    levels = {p.number: {lv.level: lv.label for lv in p.levels} for p in content.principles}
    for p in summary.principles:
        out.append({
            "part": "principle", "section": f"Design principles: {p.group}", "id": str(p.number), "item": p.title,
            "answer": "not_sure" if p.not_sure else "",
            "answer_label": ("Not sure" if p.not_sure else
                             levels[p.number].get(p.current, "") if p.current is not None else "Not answered"),
            "current": _num(p.current), "target": _num(p.target), "gap": _num(p.gap), "score": _num(p.score),
            "note": _text(p.note),
        })
    for s in summary.sections:
        out.append({"part": "section_score", "section": s.title, "id": s.id, "item": s.title,
                    "answer": f"{s.answered} of {s.total} answered", "score": _num(s.score),
                    "band": s.band.label if s.band else "Not scored"})
    for g in summary.gaps:
        out.append({"part": "gap", "section": "Ranked gaps", "id": str(g.number), "item": g.title,
                    "answer": f"rank {g.rank}", "current": str(g.current), "target": str(g.target),
                    "gap": str(g.gap), "priority": g.priority, "note": g.why})
    titles = {p.number: p.title for p in content.principles}
    for a in answers.actions:
        out.append({"part": "action", "section": titles.get(a.principle, "General") if a.principle else "General",
                    "id": a.id, "item": _text(a.action), "owner": _text(a.owner),
                    "due": a.due.isoformat() if a.due else "", "status": ACTION_STATUS_LABELS[a.status]})
    return out


def answers_csv(answers: Answers, content: Content, summary: Summary | None = None) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, so spreadsheet programs show £ and accents."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(answers, content, summary))
    return buffer.getvalue().encode("utf-8-sig")


def file_stem(answers: Answers, day: dt.date) -> str:
    """A safe download name, e.g. "groupup-st-marys-dr-obrien-2026-03-01": ASCII only, no path characters."""
    folded = unicodedata.normalize("NFKD", answers.profile.display_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower().replace("'", "")).strip("-")[:60].rstrip("-")
    return f"groupup-{slug or 'practice'}-{day.isoformat()}"
