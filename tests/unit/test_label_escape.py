"""Labels and headings carry a backslash only before a character that would format them."""

from __future__ import annotations

import pytest

from ui.widgets import escape_label, numbered_label


@pytest.mark.parametrize("text", [
    "Have we considered the practice's long-term viability?",
    "Do partners agree (and do the managers) on the aims, e.g. 24/7 care, 10.5% less cost?",
    "Note: the time for the future",
])
def test_plain_wording_keeps_its_hyphens_full_stops_and_colons_bare(text):
    assert escape_label(text) == text


@pytest.mark.parametrize(("typed", "escaped"), [
    ("*Fellside* _Surgery_", "\\*Fellside\\* \\_Surgery\\_"),
    ("[click](https://example.org)", "\\[click\\](https\\://example.org)"),
    ("www.example.org or a@b.org", "www\\.example.org or a\\@b.org"),
    ("£5 $x$ ~gone~ `code`", "£5 \\$x\\$ \\~gone\\~ \\`code\\`"),
    (":red[alarm] :smile:", "\\:red\\[alarm\\] \\:smile:"),
    ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
    ("# Heading", "\\# Heading"),
    ("- a list", "\\- a list"),
    ("12. a numbered list", "12\\. a numbered list"),
    ("back\\slash", "back\\\\slash"),
])
def test_what_someone_types_that_would_format_a_label_is_still_shown_as_typed(typed, escaped):
    assert escape_label(typed) == escaped


def test_a_numbered_label_puts_a_no_break_space_after_the_number_not_a_backslash():
    label = numbered_label(2, "Have we considered the practice's long-term viability?")
    assert label == "2.\u00a0Have we considered the practice's long-term viability?"
    assert "\\" not in label
