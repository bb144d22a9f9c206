"""The core's shared text helpers: one slug rule for every download name (the one legal caveat is content)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.answers import Answers, Practice, Profile
from assessment.export import file_stem
from assessment.text import first_sentence, lower_first, slug, within
from assessment.workshop import Workshop, export_stem


@pytest.mark.parametrize(("name", "expected"), [
    ("Café Ørsted", "cafe-orsted"),
    ("St Mary's, Dr O’Brien", "st-marys-dr-obrien"),
    ("Ærø & Łódź Straße", "aero-lodz-strasse"),
    ("  --  ", ""),
    ("../../etc/passwd", "etc-passwd"),
])
def test_a_name_becomes_plain_ascii_letters_digits_and_hyphens(name, expected):
    assert slug(name) == expected


def test_a_practice_and_a_workshop_of_the_same_name_get_the_same_download_name():
    practice = Answers(profile=Profile(practices=[Practice(name="Café Ørsted")]))
    workshop = Workshop(id=1, name="Café Ørsted", join_code="ABCDE12345", practices=["Café Ørsted"],
                        sections=["principles"],
                        created=dt.datetime(2026, 3, 1))
    assert file_stem(practice, dt.date(2026, 3, 1)) == f"groupup-{export_stem(workshop)}-2026-03-01"


def test_a_long_name_is_cut_without_a_trailing_hyphen():
    assert slug("word " * 30) == ("word-" * 12).rstrip("-")


def test_first_sentence_stops_at_the_first_full_stop_before_a_capital():
    assert first_sentence("One  thing. Another thing.") == "One thing."


def test_lower_first_keeps_initials():
    assert lower_first("GP co-operative") == "GP co-operative" and lower_first("Merger") == "merger"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=250))
def test_text_within_a_limit_is_kept_whole_and_longer_text_is_cut_to_exactly_the_limit(text, limit):
    kept, cut = within(text, limit)
    assert cut == (len(text) > limit)
    assert kept == (text[:limit] if cut else text)


def test_every_text_limit_the_pages_cut_to_is_the_one_the_answers_file_enforces():
    from assessment.answers import NOTE_LIMIT, Action, PrincipleAnswer
    assert (Practice.text_limit("name"), Profile.text_limit("current_collaborations")) == (200, 2000)
    assert (Action.text_limit("action"), Action.text_limit("owner"), PrincipleAnswer.text_limit("note")) == \
        (1000, 200, NOTE_LIMIT)
    with pytest.raises(ValueError):
        Practice(name="x" * 201)
