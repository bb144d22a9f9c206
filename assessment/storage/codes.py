"""Join codes, resume codes, facilitator keys and participant tokens, the digest stored in their place, and the
throttle on wrong codes that every lookup by a secret goes through."""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from assessment.errors import GroupUpError, TooManyAttempts
from assessment.storage.engine import Database, T
from assessment.storage.schema import failed_attempts

# Crockford's base 32: no I, L, O or U. Typed codes are read forgivingly (O as 0, I and L as 1).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
JOIN_CODE_LENGTH = 10  # 50 bits
RESUME_CODE_LENGTH = 15  # 75 bits: it opens one person's answers, with no second factor
GROUP = 5  # shown as XXXXX-XXXXX
FACILITATOR_KEY_LENGTH = 25  # 125 bits, shown as five groups of five

# Wrong codes: after this many failures in the window from one client, further tries wait.
FAILURE_LIMIT = 5
FAILURE_WINDOW_S = 300
THROTTLE_LOCK_SPACE = 4242002  # PostgreSQL advisory locks per client key (4242001 is the schema's)


def new_code(length: int = JOIN_CODE_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """A typed code in its stored form: upper case, separators dropped, look-alike letters read as digits."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def format_code(code: str) -> str:
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def code_bits(length: int) -> float:
    return length * math.log2(len(ALPHABET))


def new_facilitator_key() -> str:
    """A key a facilitator can write down and type back: Crockford letters and digits in groups, as the join code,
    "7KQ2M-9XD4T-..." (125 bits). It is read as codes are: any case, with or without the dashes."""
    return format_code(new_code(FACILITATOR_KEY_LENGTH))


def key_digest(key: str) -> str:
    """What is stored for a facilitator key: the digest of its normal form as a code (any case, no dashes)."""
    return digest(normalise_code(key))


def key_digests(typed: str) -> list[str]:
    """The digests a typed facilitator key may be stored under: its normal form as a code, and (for keys issued
    before keys were codes, random URL-safe strings) exactly as typed."""
    wanted = typed.strip()
    return list(dict.fromkeys([key_digest(wanted), digest(wanted)])) if wanted else []


def new_participant_token() -> str:
    return secrets.token_urlsafe(18)


def digest(secret: str) -> str:
    """What is stored in place of a key or token. They are long random strings, so a plain SHA-256 suffices."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()



def wait_text(seconds: int) -> str:
    """A wait in words a person reads at a glance: "45 seconds", "1 minute", "4 minutes" (rounded up)."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class Throttle(Database):
    """Lookups by a secret, refused for a while to a client that has got too many wrong."""

    failure_limit: int
    failure_window_s: float
    clock: Callable[[], float]


    def _check_throttle(self, conn: Connection, clients: Mapping[str, int], now: float) -> None:
        since = now - self.failure_window_s
        for client, limit in clients.items():
            times = conn.execute(
                sa.select(failed_attempts.c.at)
                .where(failed_attempts.c.client == client, failed_attempts.c.at > since)
                .order_by(failed_attempts.c.at)
            ).scalars().all()
            if len(times) >= limit:
                # Wait until enough of the failures have aged out of the window to allow one more try.
                wait = max(1, math.ceil(times[len(times) - limit] + self.failure_window_s - now))
                raise TooManyAttempts(f"Too many wrong codes from this device. Try again in {wait_text(wait)}.",
                                      wait_seconds=wait)

    def _clients(self, client: str | Mapping[str, int]) -> dict[str, int]:
        return {client: self.failure_limit} if isinstance(client, str) else dict(client)

    def _throttled_lookup(self, client: str | Mapping[str, int], find: Callable[[Connection], T | None],
                          not_found: GroupUpError) -> T:
        """Run a lookup by a secret unless the client has failed too often; a miss counts as a failure.

        The check, the lookup and the count of a miss are one write transaction, holding a lock per client (SQLite's
        one write lock; a PostgreSQL advisory lock per client key), so parallel tries from one client are counted
        one after another and exactly `limit` of them are looked up. While a client waits, even the right code is
        refused: looking it up would tell a guesser that it was right. The message says how long to wait.
        """
        clients = self._clients(client)

        def job(conn: Connection) -> T | None:
            if conn.dialect.name == "postgresql":
                for key in sorted(clients):  # in one order everywhere, so two transactions never deadlock
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:space, hashtext(:client))"),
                                 {"space": THROTTLE_LOCK_SPACE, "client": key})
            now = self.clock()
            self._check_throttle(conn, clients, now)
            found = find(conn)
            if found is None:
                conn.execute(failed_attempts.insert(), [{"client": c, "at": now} for c in clients])
                # Old failures no longer count; clear them as we go so the table stays small.
                conn.execute(failed_attempts.delete().where(failed_attempts.c.at < now - self.failure_window_s))
                last_try.append(self._one_try_left(conn, clients, now))
            return found

        last_try: list[bool] = []
        found = self._write(job)
        if found is None:
            if last_try and last_try[-1]:
                # Said before the lock, not only after it: a person about to be locked out can stop and check.
                raise type(not_found)(f"{not_found} One more wrong try locks this device for up to "
                                      f"{wait_text(math.ceil(self.failure_window_s))}.")
            raise not_found
        return found

    def _one_try_left(self, conn: Connection, clients: Mapping[str, int], now: float) -> bool:
        """Whether the next wrong try by any of these clients reaches its limit (the same limits that lock)."""
        since = now - self.failure_window_s
        for client, limit in clients.items():
            count = conn.execute(sa.select(sa.func.count()).select_from(failed_attempts).where(
                failed_attempts.c.client == client, failed_attempts.c.at > since)).scalar_one()
            if count == limit - 1:
                return True
        return False
