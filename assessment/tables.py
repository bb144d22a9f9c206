"""Tidy tables of one assessment, one per kind of record, for an Excel workbook and a CSV per kind (in a zip).

Each table has its own columns, each of one type: levels and counts as whole numbers, scores as numbers, dates
as dates, the rest as text. A cell never holds "8 of 9 answered" in a column of codes. Every text cell goes
through the one formula guard (assessment.csvfile.spreadsheet_cell), in the workbook as in the CSV files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from assessment.answers import Answers
from assessment.content_models import Content, QuestionSection
from assessment.csvfile import csv_bytes, spreadsheet_cell
from assessment.export import _profile_rows
from assessment.findings import Findings, findings_for

Value = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: type  # str, int, float or dt.date: what every cell of the column holds (or None, left empty)
    width: int = 14  # characters, for the workbook


@dataclass(frozen=True)
class Table:
    kind: str  # the sheet's and the CSV file's name
    columns: tuple[Column, ...]
    rows: list[dict[str, Value]]


def _text(width: int, name: str) -> Column:
    return Column(name, str, width)


PROFILE = (_text(26, "id"), _text(50, "item"), _text(30, "value"), _text(40, "value_label"))
ANSWERS = (_text(12, "section"), _text(16, "question_id"), _text(70, "question"), Column("level", int, 8),
           Column("not_sure", int, 9), _text(30, "answer_label"), _text(40, "note"))
PRINCIPLES = (Column("principle", int, 10), _text(40, "title"), _text(14, "group"), Column("current", int, 9),
              Column("target", int, 8), Column("gap", int, 6), Column("score", float, 8),
              Column("not_sure", int, 9), _text(40, "note"))
SCORES = (_text(16, "section_id"), _text(50, "section"), Column("score", float, 8), _text(16, "band"),
          Column("answered", int, 9), Column("not_sure", int, 9), Column("unanswered", int, 11),
          Column("questions", int, 10))
GAPS = (Column("rank", int, 6), Column("principle", int, 10), _text(40, "title"), Column("current", int, 9),
        Column("target", int, 8), Column("gap", int, 6), _text(10, "priority"), _text(70, "why"))
ACTIONS = (_text(14, "action_id"), Column("principle", int, 10), _text(40, "principle_title"),
           _text(60, "action"), _text(20, "owner"), Column("due", dt.date, 12), _text(14, "status"),
           _text(40, "started_from"))


def _answer_rows(section: QuestionSection, key: str, given: dict, notes: dict[str, str]) -> list[dict[str, Value]]:
    labels = {option.value: option.label for option in section.scale}
    out: list[dict[str, Value]] = []
    for question in section.questions:
        value = given.get(question.id)
        level = value if isinstance(value, int) and not isinstance(value, bool) else None
        out.append({"section": key, "question_id": question.id, "question": question.text, "level": level,
                    "not_sure": int(value == "not_sure"),
                    "answer_label": ("Not sure" if value == "not_sure" else
                                     labels.get(level, "") if level is not None else "Not answered"),
                    "note": notes.get(question.id, "")})
    return out


def tidy_tables(answers: Answers, content: Content, findings: Findings | None = None) -> list[Table]:
    """The six tables: profile, answers, principles, scores, gaps and actions, in that order."""
    findings = findings or findings_for(answers, content)
    summary = findings.summary
    profile = [{"id": r["id"], "item": r["item"], "value": r["answer"], "value_label": r.get("answer_label", "")}
               for r in _profile_rows(answers, content)]
    given = (_answer_rows(content.readiness, "readiness", answers.readiness, answers.notes.readiness)
             + _answer_rows(content.components, "components", answers.components, answers.notes.components))
    principles = [{"principle": p.number, "title": p.title, "group": p.group, "current": p.current,
                   "target": p.target, "gap": p.gap, "score": p.score, "not_sure": int(p.not_sure), "note": p.note}
                  for p in summary.principles]
    scores = [{"section_id": s.id, "section": s.title, "score": s.score, "band": s.band.label if s.band else "",
               "answered": s.answered, "not_sure": s.not_sure, "unanswered": s.unanswered, "questions": s.total}
              for s in summary.sections]
    gaps = [{"rank": g.rank, "principle": g.number, "title": g.title, "current": g.current, "target": g.target,
             "gap": g.gap, "priority": g.priority, "why": g.why} for g in summary.gaps]
    actions = [{"action_id": a.id, "principle": a.principle, "principle_title": a.principle_title,
                "action": a.action, "owner": a.owner, "due": a.due, "status": a.status,
                "started_from": a.started_from} for a in findings.actions]
    return [Table("profile", PROFILE, profile), Table("answers", ANSWERS, given),
            Table("principles", PRINCIPLES, principles), Table("scores", SCORES, scores),
            Table("gaps", GAPS, gaps), Table("actions", ACTIONS, actions)]


def _typed(value: Any, column: Column) -> Value:
    """A cell as its column's type; text always through the formula guard."""
    if value is None or value == "" and column.kind is not str:
        return None
    if column.kind is int:
        return int(value)
    if column.kind is float:
        return float(value)
    if column.kind is dt.date:
        return value
    return spreadsheet_cell(str(value))


def tables_zip(tables: list[Table]) -> bytes:
    """One tidy CSV per table, each named after its kind of record, in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            rows = [{c.name: ("" if (v := _typed(row.get(c.name), c)) is None else
                              v.isoformat() if isinstance(v, dt.date) else v) for c in table.columns}
                    for row in table.rows]
            archive.writestr(f"{table.kind}.csv", csv_bytes([c.name for c in table.columns], rows))
    return buffer.getvalue()


def workbook_bytes(tables: list[Table]) -> bytes:
    """An Excel workbook: one sheet per table, its header row frozen and bold, each column of one type."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.kind)
        sheet.append([c.name for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_typed(row.get(c.name), c) for c in table.columns])
        for index, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = column.width
            if column.kind is dt.date:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = "yyyy-mm-dd"
            elif column.kind is str:
                # Text stays text: never read back as a number, a date or a formula.
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
