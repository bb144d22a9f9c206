"""Wrong codes are counted exactly, even when many arrive at once, and a throttled person is told how long to wait."""
# ruff: noqa: F811  (open_storage is a fixture imported from storage_backends; ruff reads it as redefined)

from __future__ import annotations

import threading
from collections import Counter

import pytest

from assessment.errors import TooManyAttempts, WorkshopNotFound
from assessment.storage import wait_text
from tests.unit.storage_backends import count_rows, open_storage  # noqa: F401  (the fixture)


def test_two_hundred_parallel_wrong_codes_from_one_address_get_exactly_the_limit_of_look_ups(open_storage):
    storage = open_storage(failure_limit=60, failure_window_s=300)
    storage.create_workshop("Away day", ["Ash Surgery"], ["principles"])
    n = 200
    barrier = threading.Barrier(n)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def guess() -> None:
        try:
            barrier.wait(timeout=60)
            storage.workshop_by_code("ZZZZZ-ZZZZZ", client="ip:10.0.0.7")
            outcome = "found"
        except WorkshopNotFound:
            outcome = "looked up"
        except TooManyAttempts:
            outcome = "refused"
        except BaseException as exc:  # noqa: BLE001 — counted and shown below
            outcome = f"{exc.__class__.__name__}: {exc}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=guess) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert outcomes == {"looked up": 60, "refused": 140}
    assert count_rows(storage, "failed_attempts", client="ip:10.0.0.7") == 60


@pytest.mark.parametrize(("seconds", "words"), [
    (1, "1 second"), (45, "45 seconds"), (60, "1 minute"), (61, "2 minutes"), (240, "4 minutes"),
    (300, "5 minutes"),
])
def test_a_wait_is_said_in_seconds_under_a_minute_and_in_whole_minutes_rounded_up_beyond(seconds, words):
    assert wait_text(seconds) == words
