"""Join and resume codes: short enough to type, too many to guess, and never in sequence."""

from __future__ import annotations

import pytest

from assessment.storage import (
    ALPHABET,
    JOIN_CODE_LENGTH,
    RESUME_CODE_LENGTH,
    code_bits,
    codes,
    format_code,
    new_code,
    new_facilitator_key,
    normalise_code,
)


def test_the_alphabet_has_32_distinct_characters_without_look_alike_letters():
    assert len(set(ALPHABET)) == len(ALPHABET) == 32
    assert not set("ILOU") & set(ALPHABET)


@pytest.mark.parametrize("length", [JOIN_CODE_LENGTH, RESUME_CODE_LENGTH])
def test_every_code_carries_at_least_40_bits_of_randomness(length):
    assert code_bits(length) >= 40
    code = new_code(length)
    assert len(code) == length and set(code) <= set(ALPHABET)


def test_a_join_code_carries_fifty_bits():
    assert code_bits(JOIN_CODE_LENGTH) == 50


def test_ten_thousand_codes_are_all_different_and_use_the_whole_alphabet():
    codes = [new_code() for _ in range(10_000)]
    assert len(set(codes)) == len(codes)
    assert set("".join(codes)) == set(ALPHABET)


def test_consecutive_codes_are_not_a_sequence():
    codes = [new_code() for _ in range(200)]
    as_numbers = [int(code.translate(str.maketrans(ALPHABET, "0123456789abcdefghijklmnopqrstuv")), 32)
                  for code in codes]
    steps = {b - a for a, b in zip(as_numbers, as_numbers[1:], strict=False)}
    assert len(steps) > 190  # a counter would give one step again and again
    # Consecutive codes differ in most positions, as independent random draws do.
    differing = [sum(x != y for x, y in zip(a, b, strict=True)) for a, b in zip(codes, codes[1:], strict=False)]
    assert sum(differing) / len(differing) > 8


def test_codes_come_from_the_secrets_module(monkeypatch):
    calls = []
    monkeypatch.setattr(codes.secrets, "choice", lambda seq: calls.append(seq) or seq[0])
    assert new_code() == ALPHABET[0] * JOIN_CODE_LENGTH
    assert len(calls) == JOIN_CODE_LENGTH


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("ABCDE-23456", "ABCDE23456"), ("abcde 23456", "ABCDE23456"), ("OIL00-11111", "01100" + "11111"),
     (" abcde23456\n", "ABCDE23456")],
)
def test_a_typed_code_is_read_forgivingly(typed, stored):
    assert normalise_code(typed) == stored


def test_a_code_is_shown_in_groups_of_five():
    assert format_code("ABCDE23456") == "ABCDE-23456"
    assert format_code("ABCDE23456FGHJK") == "ABCDE-23456-FGHJK"


def test_the_facilitator_key_is_much_longer_than_the_join_code():
    key = new_facilitator_key()
    symbols = normalise_code(key)
    assert code_bits(len(symbols)) >= 2 * code_bits(JOIN_CODE_LENGTH) and key != new_facilitator_key()
