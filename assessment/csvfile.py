"""Writing CSV files a spreadsheet opens safely: the one guard against formulas, and the one writer, for every CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection"); no text cell may.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float


def spreadsheet_cell(value: Cell | None) -> Cell:
    """One CSV cell made safe for spreadsheets: text starting like a formula gets a leading ' to keep it text.

    Numbers stay numbers (a gap of -1 is a real value, and the writer leaves it unquoted); everything else is
    text, whatever it holds, and is guarded.
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value).replace("\r\n", "\n")
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Cell | None]]) -> bytes:
    """A CSV file's bytes, every cell guarded and every text cell quoted, in UTF-8 with a byte-order mark.

    The byte-order mark lets spreadsheet programs show £ and accents; quoting every text cell (numbers are
    left bare) keeps separators, quotes and line breaks inside their cell, as OWASP advises.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="", lineterminator="\r\n",
                            quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    writer.writerows({column: spreadsheet_cell(row.get(column)) for column in columns} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
