"""Each wrapped line of the PDF keeps the space it was broken at, so that text read from the tags keeps its words.

fpdf2 2.8.9 drops the space where it wraps a line, and draws nothing for a newline. The page looks right, but text
read from the content, as a screen reader or `pdfinfo -struct-text` reads the structure tree, runs the last word
of one line into the first of the next ("clinicaldesign"). ISO 32000-1 (14.8.2.5, identifying word breaks) asks a
writer to mark every word break with a real space character, so a line broken at a space keeps that space at its
end, drawn after the last word where it shows nothing, and a line ended by a newline gets one. The line's measured
width is left as fpdf2 worked it out (without the space), so left-aligned text is placed exactly as before.

A real space was chosen over /ActualText on each structure element: every reader of the content (screen readers
through the tags, text extraction, search, copy and paste, reflow) finds the words from the page's own text,
whereas /ActualText is honoured unevenly, replaces the whole element's text, and would have to repeat every
paragraph in the file.
"""

from __future__ import annotations

import fpdf
from fpdf.line_break import BREAKING_SPACE_SYMBOLS_STR, NEWLINE, MultiLineBreak, TextLine

_FPDF_GET_LINE = MultiLineBreak.get_line  # fpdf2's own


def _broken_at(breaker: MultiLineBreak) -> str:
    """The character fpdf2 consumed without drawing to end the line it has just returned: the space it broke at,
    a newline, or "" (the end of the text, a word cut where it would overflow, or a soft hyphen drawn as "-")."""
    fragments, index, char = breaker.fragments, breaker.fragment_index, breaker.character_index
    if index >= len(fragments) or char == 0:
        return ""
    consumed = fragments[index].characters[char - 1]
    return consumed if consumed in BREAKING_SPACE_SYMBOLS_STR or consumed == NEWLINE else ""


def _get_line(self: MultiLineBreak) -> TextLine | None:
    """MultiLineBreak.get_line, with the space the line was broken at (or a space for a newline) kept at its end."""
    line = _FPDF_GET_LINE(self)
    if line is None or not line.fragments or not line.fragments[-1].characters:
        return line
    end = _broken_at(self)
    last = line.fragments[-1]
    if end == NEWLINE:
        end = "" if last.characters[-1] in BREAKING_SPACE_SYMBOLS_STR else " "
    if end:
        last.characters.append(end)  # the line's own fragment (fpdf2 clones each one into the line)
    return line


def keep_break_spaces(enabled: bool = True) -> None:
    """Use _get_line for fpdf2's MultiLineBreak.get_line (or, with enabled=False, fpdf2's own again, for tests)."""
    MultiLineBreak.get_line = _get_line if enabled else _FPDF_GET_LINE  # type: ignore[method-assign]


if fpdf.__version__ == "2.8.9":  # checked against this version's line breaking; another keeps its own
    keep_break_spaces()
