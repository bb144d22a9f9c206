"""The PDF's first page: who the summary is for, and "What to do next", for a partner who reads nothing else.

It prints `findings.next_steps` as the Results page does, in the same words; nothing here decides. Every part is
drawn small enough, and user text cut short enough, that the whole summary stays on page 1 (a test checks this
against the longest text the answers file allows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fpdf.enums import Align, XPos, YPos

from assessment.findings import Findings
from assessment.report.layout import BODY_W, FONT, Writer, clean, long_date, one_line

TITLE = "What to do next"
# The longest an action or owner prints here; the Action plan section later in the PDF gives them in full.
ACTION_CHARS = 180
OWNER_CHARS = 60
NAME_CHARS = 120


def masthead(w: Writer, findings: Findings, *, title: str, today: dt.date, roles: Sequence[str] = ()) -> None:
    """The summary's title, the practice (or practices), the date and who answered, in three lines."""
    pdf = w.pdf
    w.para("GroupUp", size=9, grey=True)
    pdf.set_font(FONT, "B", 17)
    with w.tagged("H1"):
        pdf.multi_cell(BODY_W, 8, clean(title), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    w.para(one_line(" & ".join(findings.practice_names), NAME_CHARS), size=12, bold=True)
    who = f" · Respondent role{'s' if len(roles) > 1 else ''}: {', '.join(roles)}" if roles else ""
    w.para(f"Prepared {long_date(today)}{who}", size=9, grey=True)


def _sub(w: Writer, text: str) -> None:
    w.space(1.5)
    w.para(text, size=10.5, bold=True, role="H2")


def what_to_do_next(w: Writer, findings: Findings) -> None:
    steps = findings.next_steps
    w.space(2)
    pdf = w.pdf
    pdf.set_font(FONT, "B", 14)
    pdf.start_section(TITLE, level=0)
    with w.tagged("H1"):
        pdf.multi_cell(BODY_W, 7, TITLE, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    with w.artifact():
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.l_margin + BODY_W, pdf.get_y() + 0.5)
        pdf.set_line_width(0.2)
    w.space(2.5)
    w.para(steps.standing, size=9.5)
    if steps.missing:
        w.para("Not answered yet, so left out below:", size=9, bold=True)
        for item in steps.missing:
            w.bullet(item, size=8.5)

    _sub(w, "Your top priorities")
    if steps.priorities_note:
        w.para(steps.priorities_note, size=9)
    for step in steps.priorities:
        w.para(step.heading, size=9.5, bold=True, role="H3")
        if step.case_name:
            w.para(f"What a case study did: {step.case_name}. {step.did} [{step.citation}]", size=8.5, indent=4)
        else:
            w.para("The sources give no case study as an example of this principle.", size=8.5, indent=4,
                   grey=True)

    _sub(w, "The structure that fits you best")
    best = steps.structure
    if best is None:
        w.para(steps.structure_note, size=9)
    else:
        w.para(best.sentence, size=9.5, bold=True)
        w.para(f"[{best.option_citation}; {best.legal_form_citation}]", size=8, grey=True)
        if best.constraint:
            w.para(f"The constraint that matters most for you: {best.constraint} [{best.constraint_citation}]"
                   + (f" {best.constraint_assumes}" if best.constraint_assumes else ""), size=8.5)
        elif best.no_constraint:
            w.para(best.no_constraint, size=8.5)
    w.para(findings.fit.caveat, size=7.5, grey=True)

    _sub(w, "First actions")
    if steps.actions:
        for action in steps.actions:
            owner = one_line(action.owner, OWNER_CHARS) or "no owner yet"
            due = f"by {long_date(action.due)}" if action.due else "no date yet"
            w.bullet(f"{one_line(action.action, ACTION_CHARS)} ({owner}, {due})", size=9)
        w.para("The whole plan is in the Action plan section.", size=8, grey=True)
    else:
        w.para(steps.actions_note, size=9)
