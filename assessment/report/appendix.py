"""The PDF's appendix: the sources behind every fact, and our own scoring method (content/scoring_method.md)
drawn from its Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from assessment.content import CONTENT_DIR
from assessment.content_models import Content
from assessment.report.layout import Writer

METHOD_FILE = "scoring_method.md"


def _markdown(w: Writer, text: str) -> None:
    """Our own method document, drawn as headings, lists, tables and paragraphs. Inline marks are dropped."""

    def plain(s: str) -> str:
        s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
        return " ".join(re.sub(r"(\*\*|__|`|\*)", "", s).split())

    block: list[str] = []  # lines of the paragraph or list item being read
    mark: str | None = None  # the list item's bullet or number; None for a paragraph
    after_list = False
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal mark, after_list
        if block:
            if mark is None:
                if after_list:
                    w.space(1.5)
                w.para(plain(" ".join(block)), size=9)
            else:
                w.bullet(plain(" ".join(block)), size=9, mark=mark)
            after_list = mark is not None
        block.clear()
        mark = None

    def flush_table() -> None:
        rows = [r for r in table if not all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) for c in r)]
        if rows:
            width = max(len(r) for r in rows)
            rows = [[plain(c) for c in r] + [""] * (width - len(r)) for r in rows]
            w.table(rows[0], rows[1:], size=8.5)
        table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            flush()
            table.append(stripped.strip("|").split("|"))
            continue
        if table:
            flush_table()
        heading = re.match(r"^(#{1,6})\s+(.*)", stripped)
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            w.heading(plain(heading.group(2)), 2 if len(heading.group(1)) == 1 else 3)
        elif item:
            flush()
            mark = "•" if item.group(1) in "-*+" else item.group(1)
            block.append(item.group(2))
        else:
            block.append(stripped)  # a paragraph line, or the continuation of a list item
    flush()
    flush_table()


_YEAR = re.compile(r"\d{4}(?:\s*[–/-]\s*\d{2,4})?")


def _byline(author: str, year: str) -> str:
    """"Author. Year." with whatever the source does not state left out (the content says "not stated (…)")."""
    parts = [" ".join(author.split()).rstrip(".")] if not author.strip().lower().startswith("not stated") else []
    if _YEAR.fullmatch(year.strip()):
        parts.append(year.strip())
    return ". ".join(parts) + "." if parts else ""


def appendix(w: Writer, content: Content, method: str | None) -> None:
    w.pdf.add_page()
    w.heading("Appendix: sources and method")
    w.heading("Sources", 2)
    w.para("Every question, descriptor and case-study fact in GroupUp is written in our own words from a passage "
           "in these documents, and cites the document and section.", size=9)
    if not content.sources:
        w.para("No sources are listed in this copy of the content.", size=9)
    for source in content.sources:
        w.keep(18)
        w.para(f"{source.title}", size=9.5, bold=True)
        byline = _byline(source.author, source.year)
        if byline:
            w.para(byline, size=9)
        w.para(source.summary, size=9, grey=True)
    if method:
        if not method.lstrip().startswith("# "):
            w.heading("Method", 2)
        _markdown(w, method)
    else:
        w.heading("Method", 2)
        w.para("Scores are the mean of the answers given in each section, on a scale of 0 to 100. The bands are "
               "listed with the headline scores. Gaps are ranked by size, then by the lower current level, then by "
               "how many of the six characteristics of high-quality primary care the principle supports.", size=9)


def read_method(content_dir: Path | None = None) -> str | None:
    path = (content_dir or CONTENT_DIR) / METHOD_FILE
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None

