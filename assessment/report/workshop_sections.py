"""Sections a caller adds to the PDF after the standard ones, as a workshop does with its group results: plain
paragraphs, tables and charts."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assessment.report.layout import Writer
from assessment.report.printed_charts import ReportChart, ReportTable, draw_chart


class ReportSection(BaseModel):
    """An extra section supplied by the caller (e.g. a workshop's group results). Plain text only."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    tables: list[ReportTable] = Field(default_factory=list)
    charts: list[ReportChart] = Field(default_factory=list)


class ReportCover(BaseModel):
    """Who a report is about, when that is not one practice: a workshop names its room, never a respondent role.

    subject: the line under the cover's title, and after the title in every page header. details: (label,
    value) lines on the cover, in place of the practice's respondent role. intro: the cover's paragraph saying
    what the summary sets out.
    """

    subject: str = Field(min_length=1)
    details: list[tuple[str, str]] = Field(default_factory=list)
    intro: str = Field(min_length=1)


class LevelSource(BaseModel):
    """Where one principle's row in the levels table came from, when not one practice's own answers: source
    ("Agreed", "Room's median"), and the words printed in place of a target the findings do not have."""

    source: str = Field(min_length=1)
    no_target: str = "—"


class LevelSources(BaseModel):
    """The levels table's sources, for a report whose levels are not one practice's own (a workshop's): a note
    above the table saying what each source means, and each principle's source, printed as a column of its own."""

    note: str = Field(min_length=1)
    by_principle: dict[int, LevelSource]


def draw_extra_section(w: Writer, section: ReportSection) -> None:
    w.heading(section.title)
    for text in section.paragraphs:
        w.para(text)
    for table in section.tables:
        w.table(table.headers, table.rows, table.widths)
    for chart in section.charts:
        draw_chart(w, chart)

