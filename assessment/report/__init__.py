"""The PDF summary of one assessment (A4, printable in black and white), drawn from its Findings.

Where things are: `layout` (page geometry, fonts, safe text, the drawing vocabulary), `printed_charts` (each chart's
figure and table), `vector_charts` (figures drawn as vectors), `self_assessment` (cover, scores, gaps, learn from,
fit, action plan), `workshop_sections` (sections a caller adds, as a workshop does), `appendix` (sources and method). Building many
PDFs from the command line is in `assessment.cli`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from assessment.answers import Answers
from assessment.content_models import Content
from assessment.findings import Findings, findings_for
from assessment.report import first_page
from assessment.report import self_assessment as sa
from assessment.report.appendix import METHOD_FILE, appendix, read_method
from assessment.report.layout import MARGIN, Document, Writer, clean, one_line
from assessment.report.printed_charts import (
    ReportChart,
    ReportTable,
    draw_charts,
    findings_charts,
    report_charts,
)
from assessment.report.self_assessment import FIT_INTRO, fit_words
from assessment.report.workshop_sections import (
    LevelSource,
    LevelSources,
    ReportCover,
    ReportSection,
    draw_extra_section,
)

__all__ = [
    "FIT_INTRO", "MARGIN", "METHOD_FILE", "SECTIONS", "Document", "LevelSource", "LevelSources", "ReportChart", "ReportCover", "ReportSection",
    "ReportTable", "Writer", "build_pdf", "clean", "findings_charts", "fit_words", "read_method",
    "render_pdf", "report_charts",
]

# The standard sections, in order, declared once. build_pdf(sections=...) picks some of them.
SECTIONS: tuple[str, ...] = ("next_steps", "cover", "profile", "scores", "change", "charts", "gaps", "learn_from", "fit",
                             "actions", "notes", "appendix")


def render_pdf(
    findings: Findings,
    content: Content,
    *,
    title: str | None = None,
    extra_sections: Sequence[ReportSection] = (),
    sections: Collection[str] = SECTIONS,
    roles: Sequence[str] | None = None,
    today: dt.date | None = None,
    method: str | None = None,
    cover: ReportCover | None = None,
    level_sources: LevelSources | None = None,
) -> bytes:
    """The PDF of some findings, as bytes. Content is read only for the sources in the appendix and the heatmap.

    title: the cover's title (default "Collaboration self-assessment summary").
    extra_sections: drawn after the standard sections and before the appendix (e.g. a workshop's results).
    sections: which of SECTIONS to include, in their fixed order.
    roles: respondent roles for the cover (default: the findings' respondent role).
    method: the method text for the appendix (default: content/scoring_method.md, where present).
    cover: who the report is about when it is not one practice (a workshop's room): the cover's subject, details
    and intro, and the subject in every page header, in place of the practice names and respondent role.
    level_sources: where each principle's levels came from, when not one practice's answers (a workshop's agreed
    levels or the room's medians): a column of the levels table, with a note above it.
    """
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown report sections: {sorted(unknown)}")
    title = title or "Collaboration self-assessment summary"
    today = today or dt.date.today()
    if roles is None:
        roles = [findings.respondent_role] if findings.respondent_role else []
    charts = findings_charts(findings, content) if "charts" in sections else []

    subject = cover.subject if cover else findings.display_name
    pdf = Document(one_line(f"{title} — {subject}", 110))
    pdf.describe(clean(title), clean(subject))
    w = Writer(pdf)
    pdf.add_page()
    if "next_steps" in sections:  # page 1, for a partner who reads nothing else: a test keeps it to one page
        first_page.masthead(w, findings, title=title, today=today, roles=roles)
        first_page.what_to_do_next(w, findings)
        pdf.add_page()
    if "cover" in sections:
        sa.cover(w, findings, title=title, today=today, roles=roles, about=cover)
        pdf.add_page()
    if "profile" in sections:
        sa.profile(w, findings)
    if "scores" in sections:
        sa.scores(w, findings, level_sources)
    if "change" in sections:
        sa.change(w, findings)
    if charts:
        draw_charts(w, charts)
    if "gaps" in sections:
        sa.gaps(w, findings)
    if "learn_from" in sections:
        sa.learn_from(w, findings)
    if "fit" in sections:
        sa.fit(w, findings)
    if "actions" in sections:
        sa.actions(w, findings)
    if "notes" in sections:
        sa.notes(w, findings)
    for extra in extra_sections:
        draw_extra_section(w, extra)
    if "appendix" in sections:
        appendix(w, content, method if method is not None else read_method())
    return bytes(pdf.output())


def build_pdf(answers: Answers, content: Content, *, findings: Findings | None = None, **options: Any) -> bytes:
    """The PDF summary of one assessment, as bytes: render_pdf of the answers' findings.

    findings: pass them when the caller has built them already (as the Export page has), so nothing is worked
    out twice; otherwise they are built (or recalled) here. options: render_pdf's keyword arguments (title,
    extra_sections, sections, roles, today, method).
    """
    return render_pdf(findings if findings is not None else findings_for(answers, content), content, **options)
