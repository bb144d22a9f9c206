"""Workshops and what is recorded in them: their participants' answers, the agreed levels (consensus) and the
group's action plan; deleting a workshop removes every row that belongs to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from assessment.answers import Answers
from assessment.errors import GroupUpError, WorkshopNotFound
from assessment.storage.codes import (
    JOIN_CODE_LENGTH,
    Throttle,
    digest,
    format_code,
    key_digest,
    key_digests,
    new_code,
    new_facilitator_key,
    new_participant_token,
    normalise_code,
)
from assessment.storage.engine import _now, _upsert, _utc
from assessment.storage.schema import _workshop_tables, consensus, participants, workshop_actions, workshops
from assessment.workshop import DEFAULT_MIN_GROUP, AnsweringClosed, Consensus, Participant, PlanItem, Workshop


class ParticipantNotFound(GroupUpError):
    """No workshop participant matches the personal resume link."""


PARSED_ROWS_KEPT = 20_000  # participants' parsed answers kept in memory, a few MB


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator must keep: the join code for everyone, and their own key, shown only now."""

    workshop: Workshop
    facilitator_key: str


@dataclass(frozen=True)
class NewParticipant:
    participant: Participant
    token: str  # for the personal resume link; only its digest is stored



class Workshops(Throttle):
    """Every read and write of workshops, their participants, consensus and plan."""

    _parsed: dict[tuple, Participant]  # see participants()
    _parsed_lock: threading.Lock

    # --- workshops ---------------------------------------------------------------------------------------

    @staticmethod
    def _workshop(row: Any) -> Workshop:
        practices = row.practices if isinstance(row.practices, list) else json.loads(row.practices)
        sections = row.sections if isinstance(row.sections, list) else json.loads(row.sections)
        return Workshop(id=row.id, name=row.name, join_code=row.join_code, practices=practices, sections=sections,
                        created=_utc(row.created), min_group=row.min_group,
                        answering_closed=bool(row.answering_closed))

    def create_workshop(self, name: str, practices: Sequence[str], sections: Sequence[str],
                        min_group: int = DEFAULT_MIN_GROUP) -> NewWorkshop:
        key = new_facilitator_key()
        created = _now()

        def job(conn: Connection) -> Workshop:
            # A clash among 2^50 codes is vanishingly rare, but cheap to rule out.
            while True:
                code = new_code()
                if conn.execute(sa.select(workshops.c.id).where(workshops.c.join_code == code)).first() is None:
                    break
            draft = Workshop(id=0, name=name.strip(), join_code=code, practices=list(practices),
                             sections=list(sections), created=created, min_group=min_group)
            new_id = conn.execute(workshops.insert().values(
                name=draft.name, join_code=code, key_hash=key_digest(key), practices=draft.practices,
                sections=draft.sections, created=created, min_group=draft.min_group,
            )).inserted_primary_key[0]
            return draft.model_copy(update={"id": new_id, "created": _utc(created)})

        return NewWorkshop(self._write(job), key)

    def workshop(self, workshop_id: int) -> Workshop:
        row = self._read(lambda conn: conn.execute(sa.select(workshops).where(workshops.c.id == workshop_id)).first())
        if row is None:
            raise WorkshopNotFound("This workshop no longer exists. It may have been deleted by its facilitator.")
        return self._workshop(row)

    def workshop_by_code(self, code: str, client: str | Mapping[str, int]) -> Workshop:
        """The workshop a participant joins. Raises WorkshopNotFound, or TooManyAttempts after repeated misses."""
        wanted = normalise_code(code)

        def find(conn: Connection) -> Any:
            if len(wanted) != JOIN_CODE_LENGTH:
                return None
            return conn.execute(sa.select(workshops).where(workshops.c.join_code == wanted)).first()

        if wanted and len(wanted) != JOIN_CODE_LENGTH:
            # Say what is wrong with it, which no lookup is needed to tell (it still counts as a wrong try).
            miss = WorkshopNotFound(
                f"That code is {len(wanted)} letters and digits long; a workshop code has {JOIN_CODE_LENGTH}, like "
                "ABCDE-23456. Check it with your facilitator.")
        else:
            miss = WorkshopNotFound("No workshop has that code. Check it with your facilitator: it has ten letters "
                                    "and digits, like ABCDE-23456.")
        row = self._throttled_lookup(client, find, miss)
        return self._workshop(row)

    def workshop_by_key(self, key: str, client: str | Mapping[str, int]) -> Workshop:
        """The workshop a facilitator opens with their key."""
        wanted = key_digests(key)

        def find(conn: Connection) -> Any:
            if not wanted:
                return None
            return conn.execute(sa.select(workshops).where(workshops.c.key_hash.in_(wanted))).first()

        row = self._throttled_lookup(client, find, WorkshopNotFound(
            "No workshop has that facilitator key. Copy it exactly as it was shown when the workshop was created. "
            "If a new key has been issued for the workshop from the command line (workshop new-key), the old key no "
            "longer opens it: use the new one."))
        return self._workshop(row)

    def reissue_facilitator_key(self, join_code: str) -> NewWorkshop:
        """Give the workshop with this join code a new facilitator key; the old key stops opening it at once.

        For whoever runs the server, when a facilitator has lost their key or it has been seen by others.
        """
        wanted, key = normalise_code(join_code), new_facilitator_key()

        def job(conn: Connection) -> Any:
            row = conn.execute(sa.select(workshops).where(workshops.c.join_code == wanted)).first()
            if row is not None:
                conn.execute(workshops.update().where(workshops.c.id == row.id).values(key_hash=key_digest(key)))
            return row

        row = self._write(job)
        if row is None:
            raise WorkshopNotFound(f"No workshop has the join code {format_code(wanted)}. Check it with the "
                                   "facilitator: it has ten letters and digits, like ABCDE-23456.")
        return NewWorkshop(self._workshop(row), key)

    def set_answering_closed(self, workshop_id: int, closed: bool) -> None:
        """Close answering (participants can no longer change answers), or open it again."""
        self._write(lambda conn: conn.execute(workshops.update().where(workshops.c.id == workshop_id)
                                              .values(answering_closed=closed)))

    def delete_workshop(self, workshop_id: int) -> None:
        """Delete a workshop and everything recorded in it. It cannot be undone."""

        def job(conn: Connection) -> None:
            # Explicit, not left to ON DELETE CASCADE, which SQLite ignores unless told.
            conn.execute(consensus.delete().where(consensus.c.workshop_id == workshop_id))
            conn.execute(workshop_actions.delete().where(workshop_actions.c.workshop_id == workshop_id))
            conn.execute(participants.delete().where(participants.c.workshop_id == workshop_id))
            conn.execute(workshops.delete().where(workshops.c.id == workshop_id))

        self._write(job)
        self._wipe(_workshop_tables())

    # --- participants ------------------------------------------------------------------------------------

    @staticmethod
    def _participant(row: Any) -> Participant:
        return Participant(id=row.id, workshop_id=row.workshop_id, practice=row.practice, role=row.role,
                           answers=Answers.model_validate_json(row.answers), updated=_utc(row.updated),
                           finished=bool(row.finished))

    def add_participant(self, workshop_id: int, practice: str, role: str,
                        answers: Answers | None = None) -> NewParticipant:
        workshop = self.workshop(workshop_id)
        if practice not in workshop.practices:
            raise ValueError(f"{practice!r} is not one of this workshop's practices")
        token = new_participant_token()
        answers = answers or Answers()
        updated = _now()
        # Checked before writing: one bad row would make every later read of this workshop fail.
        Participant(id=0, workshop_id=workshop_id, practice=practice, role=role, answers=answers,
                    updated=_utc(updated))

        def job(conn: Connection) -> int:
            return conn.execute(participants.insert().values(
                workshop_id=workshop_id, practice=practice, role=role, token_hash=digest(token),
                answers=answers.model_dump_json(), updated=updated,
            )).inserted_primary_key[0]

        new_id = self._write(job)
        participant = Participant(id=new_id, workshop_id=workshop_id, practice=practice, role=role, answers=answers,
                                  updated=_utc(updated))
        return NewParticipant(participant, token)

    def participant_by_token(self, token: str, client: str | Mapping[str, int]) -> Participant:
        wanted = token.strip()
        row = self._throttled_lookup(
            client,
            lambda conn: conn.execute(sa.select(participants).where(participants.c.token_hash == digest(wanted))).first()
            if wanted else None,
            ParticipantNotFound("That personal link does not match any workshop answers. The workshop may have "
                                "been deleted, or the link was copied incompletely."))
        return self._participant(row)

    def _update_participant(self, participant_id: int, **values: Any) -> None:
        """Change a participant's row, unless answering is closed or the entry has gone (both said in words)."""

        def job(conn: Connection) -> str:
            row = conn.execute(sa.select(workshops.c.answering_closed)
                               .select_from(participants.join(workshops))
                               .where(participants.c.id == participant_id)).first()
            if row is None:
                return "gone"
            if row.answering_closed:
                return "closed"
            conn.execute(participants.update().where(participants.c.id == participant_id).values(**values))
            return "saved"

        outcome = self._write(job)
        if outcome == "gone":
            raise ParticipantNotFound("These answers could not be saved: the workshop has been deleted, or the "
                                      "facilitator removed this entry.")
        if outcome == "closed":
            raise AnsweringClosed("The facilitator has closed answering, so answers can no longer be changed.")

    def save_participant_answers(self, participant_id: int, answers: Answers) -> None:
        self._update_participant(participant_id, answers=answers.model_dump_json(), updated=_now())

    def set_finished(self, participant_id: int, finished: bool = True) -> None:
        """Mark a participant as having finished answering (or not, to carry on)."""
        self._update_participant(participant_id, finished=finished, updated=_now())

    def remove_participant(self, workshop_id: int, participant_id: int) -> bool:
        """Remove one participant entry (a test, a duplicate) and its answers. Returns whether it was there."""
        removed = self._write(lambda conn: conn.execute(participants.delete().where(
            participants.c.id == participant_id, participants.c.workshop_id == workshop_id)).rowcount)
        self._wipe([participants])  # gone from the database's files too, as a deleted workshop is
        return removed > 0

    def participants(self, workshop_id: int) -> list[Participant]:
        """Every participant of a workshop, read afresh from the database.

        Turning a row's JSON into answers is most of the cost of a dashboard refresh, so a row read before, unchanged
        to the byte, gives back the Participant built from it then. Callers treat these as read-only (they are
        aggregated and exported); a participant's own page loads its answers through participant_by_token.
        """
        rows = self._read(lambda conn: conn.execute(
            sa.select(participants).where(participants.c.workshop_id == workshop_id).order_by(participants.c.id)
        ).all())
        result = []
        for row in rows:
            key = (row.id, row.workshop_id, row.practice, row.role, row.answers, row.updated, bool(row.finished))
            participant = self._parsed.get(key)
            if participant is None:
                participant = self._participant(row)
                with self._parsed_lock:
                    if len(self._parsed) >= PARSED_ROWS_KEPT:
                        self._parsed.pop(next(iter(self._parsed)))  # the oldest
                    self._parsed[key] = participant
            result.append(participant)
        return result

    # --- consensus ---------------------------------------------------------------------------------------

    def save_consensus(self, workshop_id: int, agreed: Consensus) -> None:
        values = {"workshop_id": workshop_id, "principle": agreed.principle, "level": agreed.level,
                  "note": agreed.note, "low": agreed.low, "high": agreed.high, "target": agreed.target,
                  "target_low": agreed.target_low, "target_high": agreed.target_high, "updated": _now()}
        self._write(lambda conn: _upsert(conn, consensus, values, ["workshop_id", "principle"]))

    def consensus(self, workshop_id: int) -> dict[int, Consensus]:
        rows = self._read(lambda conn: conn.execute(
            sa.select(consensus).where(consensus.c.workshop_id == workshop_id)).all())
        return {row.principle: Consensus(principle=row.principle, level=row.level, note=row.note, low=row.low,
                                         high=row.high, target=row.target, target_low=row.target_low,
                                         target_high=row.target_high) for row in rows}

    # --- the group's action plan -------------------------------------------------------------------------

    def save_plan_item(self, workshop_id: int, item: PlanItem) -> None:
        """Add an action to the workshop's plan, or update it where its id is already there."""
        values = {"workshop_id": workshop_id, "id": item.id, "action": item.action, "principle": item.principle,
                  "owner": item.owner, "due": item.due, "status": item.status}

        def job(conn: Connection) -> None:
            existing = conn.execute(sa.select(workshop_actions.c.position).where(
                workshop_actions.c.workshop_id == workshop_id, workshop_actions.c.id == item.id)).first()
            if existing is None:
                last = conn.execute(sa.select(sa.func.max(workshop_actions.c.position))
                                    .where(workshop_actions.c.workshop_id == workshop_id)).scalar()
                values["position"] = (last or 0) + 1
            else:
                values["position"] = existing.position  # an update keeps the action where it was
            _upsert(conn, workshop_actions, values, ["workshop_id", "id"])

        self._write(job)

    def delete_plan_item(self, workshop_id: int, item_id: str) -> None:
        self._write(lambda conn: conn.execute(workshop_actions.delete().where(
            workshop_actions.c.workshop_id == workshop_id, workshop_actions.c.id == item_id)))

    def plan(self, workshop_id: int) -> list[PlanItem]:
        rows = self._read(lambda conn: conn.execute(
            sa.select(workshop_actions).where(workshop_actions.c.workshop_id == workshop_id)
            .order_by(workshop_actions.c.position)).all())
        return [PlanItem(id=row.id, action=row.action, principle=row.principle, owner=row.owner, due=row.due,
                         status=row.status) for row in rows]
