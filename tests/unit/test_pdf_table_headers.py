"""No table header in either PDF has a word broken across two lines ("Peopl/e", "Media/n"): each column is made at
least as wide as its longest header word, taking the room from columns that can spare it."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import parse_answers
from assessment.report import build_pdf
from assessment.report.layout import Writer, widen_for_words
from tests.unit.test_pdf_tags import CONTENT, EXAMPLE, read_tree, workshop_bytes


def printed_headers(build, monkeypatch) -> tuple[list[str], set[str]]:
    """(the text of every header cell as the PDF reads it, line by line; every header as it was given)."""
    given: set[str] = set()
    table = Writer.table

    def recording(self, headers, *args, **kwargs):
        given.update(" ".join(h.split()) for h in headers)
        return table(self, headers, *args, **kwargs)

    monkeypatch.setattr(Writer, "table", recording)
    tagged = read_tree(build())
    return [tagged.text_of(cell) for cell in tagged.all("TH")], given


@pytest.mark.parametrize("build", [
    pytest.param(lambda: build_pdf(parse_answers(EXAMPLE.read_bytes()), CONTENT, today=dt.date(2026, 3, 1)),
                 id="self-assessment"),
    pytest.param(workshop_bytes, id="workshop"),
])
def test_no_table_header_word_is_broken_across_lines(build, monkeypatch):
    printed, given = printed_headers(build, monkeypatch)
    assert printed
    # Each printed line is read as its own piece of text, so a word broken across lines reads as "Peopl e".
    assert [text for text in printed if text not in given] == []


def test_a_column_too_narrow_for_its_header_word_is_widened_from_the_columns_that_can_spare_it():
    assert widen_for_words([10, 2, 10], [4, 5, 8]) == pytest.approx([7.75, 5, 9.25])  # 3 taken as 6 : 2
    assert widen_for_words([10, 5], [3, 4]) == [10, 5]  # every word fits already
    assert widen_for_words([3, 3], [4, 4]) == [3, 3]  # no width would fit them all: left as given
