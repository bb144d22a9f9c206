"""One respondent's answers (profile, questions, principles, action plan), and reading them from JSON."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from assessment.errors import InvalidAnswersFile, UnknownSchemaVersion, excerpt

if TYPE_CHECKING:
    from assessment.content_models import Content

SCHEMA_VERSION = 2
# Largest answers file we accept; a real one is a few kilobytes.
MAX_ANSWERS_BYTES = 1_000_000
# The range of due dates every page can show: the Action plan's date box uses these same bounds, so a date in a
# shared file is never one that the box refuses (Streamlit's own range, 1900 to 9999, is far wider than a plan).
DUE_EARLIEST = dt.date(2000, 1, 1)
DUE_LATEST = dt.date(2100, 12, 31)

Setting = Literal["urban", "suburban", "rural", "remote"]
Contract = Literal["gms", "pms", "apms"]
Importance = Literal["not_important", "somewhat", "very"]
Role = Literal[
    "gp_partner",
    "salaried_gp",
    "practice_manager",
    "nurse",
    "other_clinician",
    "administrative",
    "patient_representative",
    "other",
]
ROLE_LABELS: dict[str, str] = {
    "gp_partner": "GP partner",
    "salaried_gp": "Salaried GP",
    "practice_manager": "Practice manager",
    "nurse": "Nurse",
    "other_clinician": "Other clinician",
    "administrative": "Administrative staff",
    "patient_representative": "Patient representative",
    "other": "Other",
}
# The profile's choices in words: one set, used by the Practice profile page, the CSV and the PDF.
SETTING_LABELS = {"urban": "Urban", "suburban": "Suburban", "rural": "Rural", "remote": "Remote"}
CONTRACT_LABELS = {"gms": "GMS", "pms": "PMS", "apms": "APMS"}
IMPORTANCE_LABELS = {"not_important": "Not important", "somewhat": "Somewhat important", "very": "Very important"}
# What the new body would do: the BMA guidance's contract rules turn on it (see assessment/fit.py).
BodyRole = Literal["hold_core", "alongside", "not_sure"]
BODY_ROLE_LABELS = {
    "hold_core": "Hold the practices' core GMS, PMS or APMS contracts",
    "alongside": "Work alongside the practices for other contracts and services; the practices keep their own "
                 "contracts",
    "not_sure": "Not sure yet",
}
PROFIT_LABELS = {"profit": "Able to make a profit for its owners", "not_for_profit": "Not for profit",
                 "no_preference": "No preference"}
YES_NO_LABELS = {True: "Yes", False: "No"}
# What the practice wants from a structure, asked once: each Preferences field, its question, its answers in words.
# The Practice profile page asks them in this order, and the CSV writes them with these words.
PREFERENCE_QUESTIONS: tuple[tuple[str, str, dict[Any, str]], ...] = (
    ("autonomy", "How important is it that each practice keeps its independence?", IMPORTANCE_LABELS),
    ("profit", "Should the organisation be able to make a profit?", PROFIT_LABELS),
    ("need_capital", "Will you need to raise money (capital) for premises or growth?", YES_NO_LABELS),
    ("nhs_pension", "How important is access to the NHS Pension Scheme?", IMPORTANCE_LABELS),
    ("limited_liability", "How important is limited liability?", IMPORTANCE_LABELS),
)
ActionStatus = Literal["not_started", "in_progress", "done", "on_hold"]
ACTION_STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "on_hold": "On hold",
}


NOTE_LIMIT: Final = 2000  # characters in an evidence note, on a principle, question or component


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @classmethod
    def text_limit(cls, field: str) -> int:
        """The most characters a text field holds (its max_length), so a page can say so and cut to it."""
        return next(m.max_length for m in cls.model_fields[field].metadata if hasattr(m, "max_length"))


class Practice(Model):
    name: str = Field(default="", max_length=200)
    list_size: int | None = Field(default=None, ge=0, le=2_000_000)
    gp_partners: int | None = Field(default=None, ge=0, le=1000)
    gp_salaried: int | None = Field(default=None, ge=0, le=1000)
    nurses: int | None = Field(default=None, ge=0, le=5000)
    other_staff: int | None = Field(default=None, ge=0, le=20000)
    setting: Setting | None = None
    contracts: list[Contract] = Field(default_factory=list)

    @field_validator("contracts")
    @classmethod
    def _each_contract_once(cls, contracts: list[str]) -> list[str]:
        # The contracts box cannot show one choice twice.
        return _once_each(contracts, "contract type")


class Preferences(Model):
    """What the practice wants from a structure; each bears on which legal forms fit."""

    autonomy: Importance | None = None  # keeping each practice's independence
    profit: Literal["profit", "not_for_profit", "no_preference"] | None = None
    need_capital: bool | None = None  # needs to raise money for premises or growth
    nhs_pension: Importance | None = None
    limited_liability: Importance | None = None


class Profile(Model):
    practices: list[Practice] = Field(default_factory=lambda: [Practice()], min_length=1, max_length=50)
    current_collaborations: str = Field(default="", max_length=2000)
    aims: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=50)  # content/aims.yaml ids
    preferences: Preferences = Field(default_factory=Preferences)
    respondent_role: Role | None = None
    body_role: BodyRole | None = None  # what the new body would do; None (files saved before it was asked) = unsaid

    @field_validator("aims")
    @classmethod
    def _each_aim_once(cls, aims: list[str]) -> list[str]:
        # The aims box cannot show one choice twice.
        return _once_each(aims, "aim")

    @property
    def total_list_size(self) -> int | None:
        sizes = [p.list_size for p in self.practices if p.list_size is not None]
        return sum(sizes) if sizes else None

    @property
    def contracts(self) -> set[str]:
        return {c for p in self.practices for c in p.contracts}

    @property
    def settings(self) -> set[str]:
        return {p.setting for p in self.practices if p.setting}

    @property
    def display_name(self) -> str:
        names = [p.name.strip() for p in self.practices if p.name.strip()]
        return " & ".join(names) if names else "Unnamed practice"


def _once_each(items: list[str], what: str) -> list[str]:
    repeated = next((item for i, item in enumerate(items) if item in items[:i]), None)
    if repeated is not None:
        raise ValueError(f"lists the {what} \"{excerpt(repeated)}\" twice; give each once")
    return items


NOT_SURE: Final = "not_sure"

# A question answer: a point on the section's scale, or "not_sure". Absent means unanswered.
# Strict, so that JSON `true` or `1.0` in a hand-edited file is refused rather than read as 1.
QuestionAnswer = StrictInt | Literal["not_sure"]
# Content ids are short words; a long one in a file is not a question GroupUp ever asked.
QuestionId = Annotated[str, Field(min_length=1, max_length=100)]


class PrincipleAnswer(Model):
    current: StrictInt | None = Field(default=None, ge=0, le=4)
    target: StrictInt | None = Field(default=None, ge=0, le=4)
    not_sure: bool = False
    note: str = Field(default="", max_length=NOTE_LIMIT)

    @property
    def now(self) -> int | Literal["not_sure"] | None:
        """Where you are now as one choice: a level, "not_sure", or None before anything is chosen."""
        return NOT_SURE if self.not_sure else self.current

    def choose_now(self, choice: int | Literal["not_sure"] | None) -> None:
        """Record where you are now. "Not sure" clears the level, which sets the principle aside from the scores."""
        self.not_sure = choice == NOT_SURE
        self.current = None if self.not_sure else choice

    @property
    def target_below_now(self) -> bool:
        """The target is lower than the current level: allowed (a service may be given up), but worth a question."""
        return not self.not_sure and self.current is not None and self.target is not None and self.target < self.current

    @property
    def done(self) -> bool:
        """Considered: marked "not sure", or both where you are now and where you want to be are chosen."""
        return self.not_sure or (self.current is not None and self.target is not None)


class Action(Model):
    id: str = Field(min_length=1, max_length=40)
    principle: int | None = Field(default=None, ge=1, le=12)
    action: str = Field(min_length=1, max_length=1000)
    owner: str = Field(default="", max_length=200)
    due: dt.date | None = None
    status: ActionStatus = "not_started"
    suggestion_from: str | None = Field(default=None, max_length=100)  # case study id, where it began as a suggestion

    @field_validator("due")
    @classmethod
    def _due_in_range(cls, due: dt.date | None) -> dt.date | None:
        if due is not None and not DUE_EARLIEST <= due <= DUE_LATEST:
            raise ValueError(f"is {due.isoformat()}, but should be between {DUE_EARLIEST:%-d %B %Y} and "
                             f"{DUE_LATEST:%-d %B %Y}")
        return due


NoteText = Annotated[str, Field(max_length=NOTE_LIMIT)]


class QuestionNotes(Model):
    """Evidence notes on readiness questions and collaboration components, by question id. Optional, so a file
    saved before notes existed still loads."""

    readiness: dict[QuestionId, NoteText] = Field(default_factory=dict)
    components: dict[QuestionId, NoteText] = Field(default_factory=dict)


class Answers(Model):
    """Everything one respondent has entered. Saved and resumed as JSON."""

    schema_version: Literal[2] = SCHEMA_VERSION
    app: Literal["groupup"] = "groupup"
    profile: Profile = Field(default_factory=Profile)
    readiness: dict[QuestionId, QuestionAnswer] = Field(default_factory=dict)
    components: dict[QuestionId, QuestionAnswer] = Field(default_factory=dict)
    principles: dict[int, PrincipleAnswer] = Field(default_factory=dict)
    actions: list[Action] = Field(default_factory=list, max_length=200)
    updated: dt.datetime | None = None
    notes: QuestionNotes = Field(default_factory=QuestionNotes)
    created: dt.datetime | None = None  # the first change; with `updated`, dates the assessment for a later compare

    @field_validator("actions")
    @classmethod
    def _action_ids_unique(cls, actions: list[Action]) -> list[Action]:
        # Each action's boxes on the Action plan page are keyed by its id: two with one id cannot both be shown.
        seen: set[str] = set()
        for action in actions:
            if action.id in seen:
                raise ValueError(f"gives the id \"{excerpt(action.id)}\" to two actions; each needs its own id")
            seen.add(action.id)
        return actions

    def answer_question(self, section_id: Literal["readiness", "components"], question_id: str,
                        value: QuestionAnswer | None) -> None:
        """Record a readiness or components answer; None takes the answer back, leaving the question unanswered."""
        given = getattr(self, section_id)
        if value is None:
            given.pop(question_id, None)
        else:
            given[question_id] = value

    def note_question(self, section_id: Literal["readiness", "components"], question_id: str, text: str | None) -> None:
        """Record the evidence note on a readiness question or component; an empty note is removed."""
        notes = dict(getattr(self.notes, section_id))
        text = (text or "").strip()
        if text:
            notes[question_id] = text
        else:
            notes.pop(question_id, None)
        # Checked before it replaces the old notes, so a refused note leaves them as they were.
        self.notes = QuestionNotes.model_validate({**self.notes.model_dump(), section_id: notes})

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)


def _migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept principle answers as a list, each naming its principle's number, and had no action plan."""
    out = dict(data)
    principles = out.get("principles")
    if isinstance(principles, list):
        migrated: dict[str, Any] = {}
        for position, item in enumerate(principles, start=1):
            number = item.get("number") if isinstance(item, dict) else None
            if not isinstance(number, int) or isinstance(number, bool):
                raise InvalidAnswersFile(
                    f"This older (version 1) file has an answer without a principle number (answer {position} of "
                    f"{len(principles)}), so GroupUp cannot tell which design principle it is for. Add its "
                    "\"number\" in the file."
                )
            if str(number) in migrated:
                raise InvalidAnswersFile(
                    f"This older (version 1) answers file answers design principle {excerpt(number, 12)} twice, so "
                    "GroupUp cannot tell which answer to keep. Remove one of them in the file."
                )
            migrated[str(number)] = {k: v for k, v in item.items() if k != "number"}
        out["principles"] = migrated
    out.setdefault("actions", [])
    out["schema_version"] = 2
    return out


MIGRATIONS = {1: _migrate_v1}


# --- reading a file: every refusal names the field, quotes at most a short excerpt, and says what to do ----

PLEASE = "Please choose the .json file GroupUp saved for you."
FIX_IT = "Correct it in the file, or load the file GroupUp saved."

# What a person calls each field, by its place in the file.
_PROFILE_FIELDS = {
    "practices": "the list of practices",
    "current_collaborations": "how you work with other practices now",
    "aims": "what you most want to achieve",
    "preferences": "what you want from a structure",
    "respondent_role": "your role",
}
_PRACTICE_FIELDS = {"name": "name", "list_size": "list size", "gp_partners": "number of GP partners",
                    "gp_salaried": "number of salaried GPs", "nurses": "number of nurses",
                    "other_staff": "number of other staff", "setting": "setting", "contracts": "contract types"}
_PREFERENCE_FIELDS = {"autonomy": "keeping each practice's independence", "profit": "making a profit",
                      "need_capital": "raising money", "nhs_pension": "the NHS Pension Scheme",
                      "limited_liability": "limited liability"}
_PRINCIPLE_FIELDS = {"current": "level now", "target": "target level", "not_sure": "\"not sure\" mark",
                     "note": "note"}
_ACTION_FIELDS = {"id": "id", "principle": "design principle", "action": "words", "owner": "owner",
                  "due": "due date", "status": "status", "suggestion_from": "case study"}
_TOP_FIELDS = {"schema_version": "the format number (schema_version)", "app": "the \"app\" marker",
               "profile": "the practice profile", "readiness": "the readiness section",
               "components": "the collaboration components section", "principles": "the design principles section",
               "actions": "the action plan", "updated": "the date last changed"}
_SECTIONS = {"readiness": "readiness", "components": "collaboration components"}


def _ordinal(position: object) -> str:
    return str(position + 1) if isinstance(position, int) else excerpt(position)


def _quoted(name: object) -> str:
    return f"\"{excerpt(name)}\""


def field_name(loc: tuple[Any, ...]) -> str:
    """Where in the file a problem is, in words: ("actions", 3, "due") is "action 4's due date"."""
    # Pydantic adds a step naming the type it tried for an either-or value ("int", "literal['not_sure']").
    loc = tuple(p for p in loc if not (isinstance(p, str) and (p in ("int", "str", "bool", "none")
                                                                or p.startswith(("literal[", "function-")))))
    if not loc:
        return "the file"
    head, rest = loc[0], loc[1:]
    if head in _SECTIONS:
        if not rest:
            return _TOP_FIELDS[head]
        if rest[-1] == "[key]":
            return f"a {_SECTIONS[head]} question id, {_quoted(rest[0])},"
        return f"the {_SECTIONS[head]} answer to {_quoted(rest[0])}"
    if head == "principles" and rest:
        if rest[-1] == "[key]":
            return f"the design principle numbered {_quoted(rest[0])}"
        number = f"design principle {excerpt(rest[0])}"
        return f"{number}'s {_PRINCIPLE_FIELDS.get(rest[1], _quoted(rest[1]))}" if len(rest) > 1 else number
    if head == "actions" and rest:
        action = f"action {_ordinal(rest[0])}"
        return f"{action}'s {_ACTION_FIELDS.get(rest[1], _quoted(rest[1]))}" if len(rest) > 1 else action
    if head == "profile" and rest:
        field, more = rest[0], rest[1:]
        if field == "practices" and more:
            practice = f"practice {_ordinal(more[0])}"
            return f"{practice}'s {_PRACTICE_FIELDS.get(more[1], _quoted(more[1]))}" if len(more) > 1 else practice
        if field == "preferences" and more:
            return f"the preference on {_PREFERENCE_FIELDS.get(more[0], _quoted(more[0]))}"
        if field == "aims" and more:
            return f"aim {_ordinal(more[0])}"
        return _PROFILE_FIELDS.get(field, _quoted(field))
    if head in _TOP_FIELDS and not rest:
        return _TOP_FIELDS[head]
    return " in ".join(_quoted(p) for p in reversed(loc[-2:]))


def _sentence(text: str) -> str:
    """Text to start a sentence with: its first letter made a capital."""
    return text[:1].upper() + text[1:]


def _shown(value: object) -> str:
    """The value a problem is about, if it is short and simple enough to quote; else nothing."""
    if isinstance(value, bool):
        return " (it says " + ("true" if value else "false") + ")"
    if isinstance(value, int | float) and len(repr(value)) <= 20:
        return f" (it says {_number(value)})"
    if isinstance(value, str) and value.strip():
        return f" (it says \"{excerpt(value)}\")"
    if value is None:
        return " (it is empty)"
    return ""


def _number(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _problem(err: dict[str, Any]) -> str:
    """What is wrong with one value, in words, from pydantic's error type (never its programmer's wording)."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", "is not a value GroupUp can use"))
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not something a GroupUp answers file holds"
    if kind == "string_too_long":
        return f"is longer than the {ctx.get('max_length', 0):,} characters allowed"
    if kind == "string_too_short":
        return "is empty, and needs some words"
    if kind == "too_long":
        return f"has more than the {ctx.get('max_length', 0):,} entries allowed"
    if kind == "too_short":
        return "needs at least one entry"
    if kind in ("greater_than_equal", "greater_than"):
        return f"should be at least {_number(ctx.get('ge', ctx.get('gt')))}"
    if kind in ("less_than_equal", "less_than"):
        return f"should be at most {_number(ctx.get('le', ctx.get('lt')))}"
    if kind.startswith("int_"):
        return "should be a whole number"
    if kind.startswith("bool_"):
        return "should be true or false"
    if kind.startswith("string_"):
        return "should be text"
    if kind.startswith("date_"):
        return "should be a date written like 2026-03-31"
    if kind.startswith("datetime_"):
        return "should be a date and time written like 2026-03-31T09:30:00"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return f"should be one of {expected}" if len(expected) <= 60 else "is not one of the choices GroupUp offers"
    if kind == "list_type":
        return "should be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "is not laid out as GroupUp saves it"
    return "is not a value GroupUp can use"


def describe(error: ValidationError) -> str:
    """The first problem pydantic found, in plain words, and how many more there are. Short by design."""
    errors = error.errors(include_url=False)
    first = errors[0]
    # An either-or value (a level or "not_sure") fails twice, once for each kind; count it once.
    fields = {field_name(tuple(e["loc"])) for e in errors}
    problem = _problem(first)
    loc = tuple(first["loc"])
    if loc[0] in _SECTIONS and len(loc) > 1 and loc[-1] != "[key]":
        problem = "should be a point on the scale or \"not_sure\""
    where = field_name(loc)
    message = f"{where} {problem}"
    if first["type"] != "value_error" and '"' not in where:  # one quotation per message keeps it short
        message += _shown(first.get("input"))
    message = _sentence(message) + "."
    more = len(fields) - 1
    if more > 0:
        message += f" There {'is' if more == 1 else 'are'} {more} more problem{'s' if more > 1 else ''} like it."
    return message


def refuse(problem: str, fix: str = FIX_IT) -> InvalidAnswersFile:
    return InvalidAnswersFile(f"{problem} {fix}".strip())


# --- decoding: the encodings Windows programs save, and JSON that says one thing once -------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _one_of_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys without a word; a hand-edited file may mean the first.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKey(key)
        out[key] = value
    return out


class _NotANumber(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)  # NaN and Infinity are not JSON, and no GroupUp value is either


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding)
    return raw.decode("utf-8")


def _load_json(raw: bytes | str) -> Any:
    try:
        text = _decode(raw)
    except UnicodeDecodeError as exc:
        raise refuse("This file is not a GroupUp answers file: it is not readable JSON text (parts of it are not "
                     "text at all).", PLEASE) from exc
    try:
        return json.loads(text, object_pairs_hook=_one_of_each, parse_constant=_refuse_constant)
    except _RepeatedKey as exc:
        raise refuse(f"This file has \"{excerpt(exc.key)}\" twice in one place, so GroupUp cannot tell which value "
                     "to keep. Remove one of them, or load the file GroupUp saved.",
                     "") from exc
    except json.JSONDecodeError as exc:
        raise refuse("This file is not a GroupUp answers file: it is not readable JSON text "
                     f"(the problem is at line {exc.lineno}, column {exc.colno}).", PLEASE) from exc
    except _NotANumber as exc:
        raise refuse(f"This file is not a GroupUp answers file: it holds {exc}, which is not a number JSON allows.",
                     PLEASE) from exc
    except RecursionError as exc:
        # json gives up on lists or objects nested around a thousand deep; a GroupUp file nests five.
        raise refuse("This file is not a GroupUp answers file: its contents are nested far too deeply to read.",
                     PLEASE) from exc
    except ValueError as exc:
        # Python refuses to read a whole number of more than 4,300 digits (a guard against slow conversions).
        raise refuse("This file is not a GroupUp answers file: it holds a number thousands of digits long, too "
                     "large to read.", PLEASE) from exc


def _check_text(data: Any) -> None:
    """Refuse text no page can show or save: control characters, and halves of characters (lone surrogates)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                _check_string(loc + (key,), key)
                stack.append((loc + (key,), item))
        elif isinstance(value, list):
            stack.extend((loc + (i,), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_string(loc, value)


def _check_string(loc: tuple[Any, ...], text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise refuse(f"{_sentence(field_name(loc))} holds a broken character (half of an "
                     "emoji or symbol).") from exc
    if any(ch < " " and ch not in "\t\n\r" for ch in text):
        raise refuse(f"{_sentence(field_name(loc))} holds a control character, which is "
                     "not text.")


def parse_answers(raw: bytes | str) -> Answers:
    """Read an answers file, migrating older versions. Raises a named error a person can act on.

    Accepts UTF-8 (with or without a byte-order mark) and UTF-16 or UTF-32 with one, as Windows programs save.
    """
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > MAX_ANSWERS_BYTES:
        raise refuse(f"This file is {size / 1_000_000:.1f} MB. GroupUp answers files are a few kilobytes; "
                     "the largest accepted is 1 MB.", PLEASE)
    data = _load_json(raw)
    if not isinstance(data, dict) or data.get("app") != "groupup":
        raise refuse("This JSON file was not saved by GroupUp (it has no \"app\": \"groupup\" marker), "
                     "so it cannot be loaded.", PLEASE)
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise refuse("This answers file has no valid schema_version (a whole number), so GroupUp cannot tell "
                     "how to read it.", PLEASE)
    if version > SCHEMA_VERSION:
        raise UnknownSchemaVersion(
            f"This answers file was saved by a newer version of GroupUp (format {excerpt(version, 12)}; this copy "
            f"reads up to {SCHEMA_VERSION}). Please update GroupUp, or ask whoever sent it for an older copy."
        )
    if version not in MIGRATIONS and version != SCHEMA_VERSION:
        raise UnknownSchemaVersion(f"Answers format {excerpt(version, 12)} is not one GroupUp knows: formats run "
                                   f"from 1 to {SCHEMA_VERSION}. {PLEASE}")
    _check_text(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise refuse(describe(exc)) from exc


# --- against the content: every id a page looks up, and every answer on its section's scale -------------


def check_answers(answers: Answers, content: Content) -> None:
    """Refuse what a page would show wrongly or not at all: answers off the scale, and aims, principles or case
    studies the content does not have."""
    for section in (content.readiness, content.components):
        # An answer to a question the content no longer asks is kept but never shown or scored (see score()).
        top = len(section.scale) - 1
        where = _SECTIONS[section.id]
        for qid, value in getattr(answers, section.id).items():
            if isinstance(value, int) and not 0 <= value <= top:
                raise refuse(f"The {where} answer to {_quoted(qid)} is {excerpt(value, 12)}, but that section's "
                             f"answers run from 0 to {top}.")
    numbers = {p.number for p in content.principles}
    for number in answers.principles:
        if number not in numbers:
            raise refuse(f"There is no design principle {excerpt(number, 12)}; they are numbered "
                         f"{min(numbers)} to {max(numbers)}.")
    aims = {aim.id for aim in content.aims}
    for aim in answers.profile.aims:
        if aim not in aims:
            raise refuse(f"What you most want to achieve includes {_quoted(aim)}, which is not an aim GroupUp "
                         "offers.")
    cases = {case.id for case in content.case_studies}
    for position, action in enumerate(answers.actions, start=1):
        if action.principle is not None and action.principle not in numbers:
            raise refuse(f"Action {position} is for design principle {action.principle}, which does not exist.")
        if action.suggestion_from is not None and action.suggestion_from not in cases:
            raise refuse(f"Action {position} says it began from the case study {_quoted(action.suggestion_from)}, "
                         "which GroupUp does not have.")
