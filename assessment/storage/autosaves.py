"""Self-assessments autosaved under a resume code: saved, resumed, forgotten, and purged when long untouched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import sqlalchemy as sa

from assessment.answers import Answers, parse_answers
from assessment.errors import GroupUpError
from assessment.storage.codes import RESUME_CODE_LENGTH, Throttle, digest, new_code, normalise_code
from assessment.storage.engine import WRITE_WAIT_S, _now, _upsert
from assessment.storage.schema import self_assessments


class ResumeCodeNotFound(GroupUpError):
    """No saved self-assessment matches the resume code."""



class Autosaves(Throttle):
    """Every read and write of autosaved self-assessments."""

    # --- autosaved self-assessments ----------------------------------------------------------------------

    def save_self_assessment(self, answers: Answers, code: str | None = None, *,
                             wait_s: float = WRITE_WAIT_S, earlier: Answers | None = None) -> str:
        """Save answers under a resume code (a new one if none is given), with the earlier assessment they are set
        beside (None: none, and any kept before is dropped). Returns the code.

        Waits at most `wait_s` seconds for a busy database, then raises StorageError.
        """
        code = normalise_code(code) if code else new_code(RESUME_CODE_LENGTH)
        values = {"code_hash": digest(code), "answers": answers.model_dump_json(), "updated": _now(),
                  "earlier": None if earlier is None else earlier.model_dump_json()}
        self._write(lambda conn: _upsert(conn, self_assessments, values, ["code_hash"]), wait_s)
        return code

    def load_self_assessment(self, code: str, client: str | Mapping[str, int]) -> Answers:
        return self.load_self_assessment_and_earlier(code, client)[0]

    def load_self_assessment_and_earlier(self, code: str,
                                         client: str | Mapping[str, int]) -> tuple[Answers, Answers | None]:
        """The answers saved under a resume code, and the earlier assessment kept with them (or None).

        An earlier assessment that no longer reads (saved by a GroupUp whose content has since changed) is left
        out rather than keeping the answers themselves from coming back.
        """
        wanted = normalise_code(code)
        row = self._throttled_lookup(
            client,
            lambda conn: conn.execute(sa.select(self_assessments.c.answers, self_assessments.c.earlier)
                                      .where(self_assessments.c.code_hash == digest(wanted))).first(),
            ResumeCodeNotFound("No saved answers match that resume code. Check the link or code; "
                               "nothing in this tab has been changed."))
        # Through the file reader, so answers saved by an older GroupUp are migrated like an uploaded file.
        answers = parse_answers(row.answers)
        try:
            earlier = None if row.earlier is None else parse_answers(row.earlier)
        except GroupUpError:
            earlier = None
        return answers, earlier

    def delete_self_assessment(self, code: str) -> bool:
        """Forget the answers saved under a resume code. Returns whether there were any."""
        wanted = digest(normalise_code(code))
        deleted = self._write(lambda conn: conn.execute(
            self_assessments.delete().where(self_assessments.c.code_hash == wanted)).rowcount)
        self._wipe([self_assessments])
        return deleted > 0

    def purge_stale_self_assessments(self, older_than_days: int) -> int:
        """Delete autosaved answers nobody has touched for a while. Returns how many went."""
        cutoff = _now() - dt.timedelta(days=older_than_days)
        deleted = self._write(lambda conn: conn.execute(
            self_assessments.delete().where(self_assessments.c.updated < cutoff)).rowcount)
        if deleted:
            self._wipe([self_assessments])
        return deleted
