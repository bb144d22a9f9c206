"""One respondent's answers (profile, questions, principles, action plan), and reading them from JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from assessment.errors import InvalidAnswersFile, UnknownSchemaVersion

SCHEMA_VERSION = 2
# Largest answers file we accept; a real one is a few kilobytes.
MAX_ANSWERS_BYTES = 1_000_000

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
PROFIT_LABELS = {"profit": "Able to make a profit for its owners", "not_for_profit": "Not for profit",
                 "no_preference": "No preference"}
YES_NO_LABELS = {True: "Yes", False: "No"}
ActionStatus = Literal["not_started", "in_progress", "done", "on_hold"]
ACTION_STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "on_hold": "On hold",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Practice(Model):
    name: str = Field(default="", max_length=200)
    list_size: int | None = Field(default=None, ge=0, le=2_000_000)
    gp_partners: int | None = Field(default=None, ge=0, le=1000)
    gp_salaried: int | None = Field(default=None, ge=0, le=1000)
    nurses: int | None = Field(default=None, ge=0, le=5000)
    other_staff: int | None = Field(default=None, ge=0, le=20000)
    setting: Setting | None = None
    contracts: list[Contract] = Field(default_factory=list)


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
    aims: list[str] = Field(default_factory=list)  # aim ids from content/aims.yaml
    preferences: Preferences = Field(default_factory=Preferences)
    respondent_role: Role | None = None

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


NOT_SURE: Final = "not_sure"

# A question answer: a point on the section's scale, or "not_sure". Absent means unanswered.
# Strict, so that JSON `true` or `1.0` in a hand-edited file is refused rather than read as 1.
QuestionAnswer = StrictInt | Literal["not_sure"]


class PrincipleAnswer(Model):
    current: StrictInt | None = Field(default=None, ge=0, le=4)
    target: StrictInt | None = Field(default=None, ge=0, le=4)
    not_sure: bool = False
    note: str = Field(default="", max_length=2000)

    @property
    def now(self) -> int | Literal["not_sure"] | None:
        """Where you are now as one choice: a level, "not_sure", or None before anything is chosen."""
        return NOT_SURE if self.not_sure else self.current

    def choose_now(self, choice: int | Literal["not_sure"] | None) -> None:
        """Record where you are now. "Not sure" clears the level, which sets the principle aside from the scores."""
        self.not_sure = choice == NOT_SURE
        self.current = None if self.not_sure else choice

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
    suggestion_from: str | None = None  # case study id, where the action began as a suggestion


class Answers(Model):
    """Everything one respondent has entered. Saved and resumed as JSON."""

    schema_version: Literal[2] = SCHEMA_VERSION
    app: Literal["groupup"] = "groupup"
    profile: Profile = Field(default_factory=Profile)
    readiness: dict[str, QuestionAnswer] = Field(default_factory=dict)
    components: dict[str, QuestionAnswer] = Field(default_factory=dict)
    principles: dict[int, PrincipleAnswer] = Field(default_factory=dict)
    actions: list[Action] = Field(default_factory=list, max_length=200)
    updated: dt.datetime | None = None

    def answer_question(self, section_id: Literal["readiness", "components"], question_id: str,
                        value: QuestionAnswer | None) -> None:
        """Record a readiness or components answer; None takes the answer back, leaving the question unanswered."""
        given = getattr(self, section_id)
        if value is None:
            given.pop(question_id, None)
        else:
            given[question_id] = value

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
                    f"This older (version 1) answers file has a design principle answer without a principle "
                    f"number (answer {position} of {len(principles)}), so GroupUp cannot tell which principle "
                    "it belongs to. Nothing has been changed."
                )
            if str(number) in migrated:
                raise InvalidAnswersFile(
                    f"This older (version 1) answers file answers design principle {number} twice, so GroupUp "
                    "cannot tell which answer to keep. Nothing has been changed."
                )
            migrated[str(number)] = {k: v for k, v in item.items() if k != "number"}
        out["principles"] = migrated
    out.setdefault("actions", [])
    out["schema_version"] = 2
    return out


MIGRATIONS = {1: _migrate_v1}


def _describe(error: ValidationError) -> str:
    parts = []
    for err in error.errors()[:3]:
        where = " > ".join(str(p) for p in err["loc"]) or "the file"
        parts.append(f"{where}: {err['msg']}")
    more = len(error.errors()) - 3
    tail = f" (and {more} more problems)" if more > 0 else ""
    return "; ".join(parts) + tail


def parse_answers(raw: bytes | str) -> Answers:
    """Read an answers file, migrating older versions. Raises a named error a person can act on."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_ANSWERS_BYTES:
        raise InvalidAnswersFile(
            f"This file is {size / 1_000_000:.1f} MB. GroupUp answers files are a few kilobytes; "
            "the largest accepted is 1 MB. Please choose the file GroupUp saved for you."
        )
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidAnswersFile(
            "This file is not a GroupUp answers file: it is not readable JSON text "
            f"({exc.__class__.__name__}). Please choose the .json file GroupUp saved for you."
        ) from exc
    except RecursionError as exc:
        # json gives up on lists or objects nested around a thousand deep; a GroupUp file nests five.
        raise InvalidAnswersFile(
            "This file is not a GroupUp answers file: its contents are nested far too deeply to read. "
            "Please choose the .json file GroupUp saved for you."
        ) from exc
    except ValueError as exc:
        # Python refuses to read a whole number of more than 4,300 digits (a guard against slow conversions).
        raise InvalidAnswersFile(
            "This file is not a GroupUp answers file: it holds a number thousands of digits long, too large to "
            "read. Please choose the .json file GroupUp saved for you."
        ) from exc
    if not isinstance(data, dict) or data.get("app") != "groupup":
        raise InvalidAnswersFile(
            "This JSON file was not saved by GroupUp (it has no \"app\": \"groupup\" marker), "
            "so it cannot be loaded. Please choose the file GroupUp saved for you."
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidAnswersFile("This answers file has no valid schema_version, so GroupUp cannot tell how to read it.")
    if version > SCHEMA_VERSION:
        raise UnknownSchemaVersion(
            f"This answers file was saved by a newer version of GroupUp (format {version}; this copy "
            f"reads up to {SCHEMA_VERSION}). Please update GroupUp, or ask whoever sent it for an older copy."
        )
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise UnknownSchemaVersion(f"Answers format {version} is not one GroupUp knows.")
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise InvalidAnswersFile(
            f"This answers file has values GroupUp cannot use: {_describe(exc)}. "
            "Nothing has been changed."
        ) from exc
