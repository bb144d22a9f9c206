"""Pydantic models for the evidence content in content/*.yaml: the schema every entry must meet."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SourceId = Literal["nuffield2013", "bma_gpc", "nuffield_ipa2012", "nz_alliance", "mhn_blog2011"]

# Stable machine ids: lower-case words joined by underscores, e.g. "simple_alliance".
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Every content model refuses unknown fields, so a typo in YAML fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where in the evidence a fact comes from."""

    source: SourceId
    # Chapter/section and box/table, as a reader would look it up, e.g. "Chapter 5, Box 3".
    section: Text


class CitedText(Strict):
    """One statement written in our words, with the passage it rests on."""

    text: Text
    cite: Citation


class Source(Strict):
    id: SourceId
    file: Text
    title: Text
    author: Text
    year: Text  # "2013", or "not stated" where the document gives no date
    summary: Text


SUMMARY_MAX_WORDS = 25


class Level(Strict):
    level: int = Field(ge=0)  # the levels there are: framework.yaml
    label: Text  # short name, e.g. "Not in place"
    # One line written from the descriptor, shown by default so the page can be read in minutes; no new facts.
    summary: Text
    descriptor: Text  # what a practice at this level actually does, specific to the principle

    @field_validator("summary")
    @classmethod
    def summary_is_one_short_line(cls, summary: str) -> str:
        words = len(summary.split())
        if words > SUMMARY_MAX_WORDS:
            raise ValueError(f"a level's summary is at most {SUMMARY_MAX_WORDS} words; this one has {words}")
        return summary


class Principle(Strict):
    number: int = Field(ge=1)  # the numbers there are, and each one's group: framework.yaml
    id: Slug
    group: Slug
    title: Text
    statement: Text  # the report's own sentence, quoted exactly
    statement_cite: Citation
    why_it_matters: Text
    levels: list[Level]
    cites: list[Citation] = Field(min_length=1)  # passages the descriptors were written from


class PrincipleGroup(Strict):
    """The report's split of the design principles, e.g. "Clinical care": principles 1 to 7."""

    id: Slug
    label: Text  # as the report heads the group, e.g. "Clinical care"
    score_title: Text  # the section score's name, e.g. "Design principles: clinical care"
    principles: list[int] = Field(min_length=1)
    cite: Citation


class Framework(Strict):
    """The shape of the design principles: the maturity levels and the groups (and so how many principles)."""

    levels: list[int] = Field(min_length=2)
    level_cite: Text  # why these levels: GroupUp's own scale, not the report's
    characteristics_cite: Citation  # where the six characteristics of high-quality primary care are set out
    characteristics_reading: CitedText  # that which principles support which characteristic is GroupUp's reading
    groups: list[PrincipleGroup] = Field(min_length=1)

    @field_validator("levels")
    @classmethod
    def levels_count_up_from_zero(cls, levels: list[int]) -> list[int]:
        if levels != list(range(len(levels))):
            raise ValueError("levels must be 0, 1, 2, ... in order")
        return levels

    @property
    def numbers(self) -> list[int]:
        """Every principle number, in order."""
        return sorted(n for g in self.groups for n in g.principles)

    def group_of(self, number: int) -> str | None:
        return next((g.id for g in self.groups if number in g.principles), None)


class Characteristic(Strict):
    id: Slug
    title: Text
    description: Text
    principles: list[int] = Field(min_length=1)
    cite: Citation


class ScaleOption(Strict):
    value: int = Field(ge=0)
    label: Text


class Question(Strict):
    """A readiness question or essential component, answered on its section's scale."""

    id: Slug
    text: Text  # the question as the user sees it
    help: Text  # plain-English explanation, shown as a tooltip
    cite: Citation


class QuestionSection(Strict):
    id: Literal["readiness", "components"]
    title: Text
    intro: Text
    scale: list[ScaleOption] = Field(min_length=2)  # ordered worst to best; "Not sure" is added by the app
    questions: list[Question] = Field(min_length=1)

    @field_validator("scale")
    @classmethod
    def scale_counts_up_from_zero(cls, scale: list[ScaleOption]) -> list[ScaleOption]:
        if [s.value for s in scale] != list(range(len(scale))):
            raise ValueError("scale values must be 0, 1, 2, ... in order")
        return scale


class Aim(Strict):
    """A reason practices give for working together; used in the profile and for peer matching."""

    id: Slug
    label: Text
    cite: Citation


ContractType = Literal["gms", "pms", "apms"]
Permission = Literal["allowed", "barred", "not_stated"]


class ContractRule(Strict):
    contract: ContractType
    status: Permission
    reason: Text
    cite: Citation
    # What the rule is about: whether the new body can *hold* the contract (e.g. "co-operatives cannot hold GMS or
    # PMS contracts"), or whether practices holding it may *form* the body (e.g. "GMS practices would be prevented
    # from forming LLPs"). A holding rule bears only on a body that would hold the practices' core contracts.
    about: Literal["holding", "forming"] = "holding"
    # What the sources show of a body of this kind working alongside practices that keep their own contracts, where
    # it bears on this rule (e.g. BADGER arranging out-of-hours care beside its members' contracts).
    alongside: list[CitedText] = Field(default_factory=list)


FlagValue = Literal["yes", "no", "conditional", "not_stated"]


class Flag(Strict):
    """A yes/no/conditional fact about a legal form, with why."""

    value: FlagValue
    note: Text
    cite: Citation | None = None
    # The core contracts the source ties this fact to ("for GMS/PMS contracting"), if it ties it to any: the fact
    # then bears only on a body that would hold those contracts.
    for_contracts: list[ContractType] = Field(default_factory=list)

    @model_validator(mode="after")
    def stated_facts_are_cited(self) -> Flag:
        if self.value != "not_stated" and self.cite is None:
            raise ValueError("a stated value needs a cite")
        return self


class LegalStructure(Strict):
    id: Slug
    name: Text
    description: Text
    advantages: list[CitedText]
    disadvantages: list[CitedText]
    contracts: list[ContractRule]
    nhs_pension: Flag
    limited_liability: Flag
    equity_access: Flag
    profit_making: Flag  # suitable for distributing profit to owners

    @field_validator("contracts")
    @classmethod
    def one_rule_per_contract(cls, rules: list[ContractRule]) -> list[ContractRule]:
        if sorted(r.contract for r in rules) != ["apms", "gms", "pms"]:
            raise ValueError("must give exactly one rule each for gms, pms and apms")
        return rules


Setting = Literal["urban", "suburban", "rural", "remote"]


def names_setting(text: str, setting: str) -> bool:
    """Whether a passage names a setting as a whole word ("urban" is not named by "suburban")."""
    return re.search(rf"\b{re.escape(setting)}\b", text, re.IGNORECASE) is not None


class SettingNote(CitedText):
    """What a source says about an option in a setting, and which way that leans for a practice in it."""

    # +1 where the note speaks for the option in that setting, -1 where against. A setting the note names but
    # that is not listed here is shown to the practice and moves nothing.
    leans: dict[Setting, Literal[-1, 1]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def leans_only_on_settings_it_names(self) -> SettingNote:
        unnamed = [s for s in self.leans if not names_setting(self.text, s)]
        if unnamed:
            raise ValueError(f"leans on {', '.join(unnamed)}, which the note does not name")
        return self


class StructuralOption(Strict):
    id: Slug
    name: Text
    kind: Literal["bma_option", "report_model"]
    description: Text
    cite: Citation
    advantages: list[CitedText]
    disadvantages: list[CitedText]
    examples: list[Slug] = Field(default_factory=list)  # case study ids
    contracts: list[ContractRule] = Field(default_factory=list)  # only where a source states a rule
    # How far the option keeps each practice independent: 0 = practices remain separate, 2 = one organisation.
    integration: int = Field(ge=0, le=2)
    integration_cite: Citation
    aims: list[Slug] = Field(default_factory=list)  # aim ids the sources say this option serves
    setting_notes: list[SettingNote] = Field(default_factory=list)  # e.g. what the sources say about rural areas


class Figure(Strict):
    """One scale figure exactly as a source gives it."""

    value: int | None = None  # a number for charts, where the source gives one
    text: Text  # the source's own figure, e.g. "over 60,000 patients"
    cite: Citation
    # What the figure counts, where it is not what its list suggests: e.g. GPs an out-of-hours service works for,
    # listed under GPs but not its own. Shown beside the figure.
    counts: Text | None = None


class PrincipleLink(Strict):
    number: int = Field(ge=1)
    cite: Citation
    note: Text  # what the box or passage says this organisation did


class CaseStudy(Strict):
    id: Slug
    name: Text
    org_type: Text  # as the source names the type, e.g. "Super-partnership"
    model: Slug | None = None  # structural option id closest to it, where the sources make it clear
    country: Text
    setting: Literal["urban", "suburban", "rural", "remote", "mixed", "not_stated"]
    setting_note: Text | None = None
    population: list[Figure] = Field(default_factory=list)  # empty means "not stated"
    practices: list[Figure] = Field(default_factory=list)
    gps: list[Figure] = Field(default_factory=list)
    staff: list[Figure] = Field(default_factory=list)
    legal_form: CitedText | None = None  # None means the sources do not state it
    purpose: CitedText
    what_they_did: list[CitedText] = Field(min_length=1)
    principles: list[PrincipleLink] = Field(default_factory=list)
    aims: list[Slug] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)


def _in_halves(points: float) -> float:
    if (points * 2) % 1:
        raise ValueError("points are whole or half points, e.g. 1 or 0.5")
    return points


Points = Annotated[float, AfterValidator(_in_halves)]
ImportanceId = Literal["very", "somewhat", "not_important"]


class Importance(Strict):
    weight: int = Field(ge=0)  # what an answer of this importance multiplies a fact's points by
    words: Text  # e.g. "very important"


class PointsRule(Strict):
    points: Points
    why: Text  # the judgement, in words a reviewer can dispute


class FactPoints(Strict):
    """Points for each value a cited fact about a legal form can take."""

    points: dict[FlagValue, Points]
    why: Text

    @field_validator("points")
    @classmethod
    def every_value_scored(cls, points: dict[str, float]) -> dict[str, float]:
        missing = {"yes", "no", "conditional", "not_stated"} - set(points)
        if missing:
            raise ValueError(f"give points for {', '.join(sorted(missing))}")
        return points


class IntegrationLevel(Strict):
    """How far an option joins the practices up, in words, and what that is worth to independence."""

    level: int = Field(ge=0, le=2)
    words: Text
    points: Points  # per point of weight on "keeping each practice's independence"


class Caveat(Strict):
    text: Text
    cites: list[Citation] = Field(min_length=1)

    @property
    def plain(self) -> str:
        """The text as one line, as every view shows it."""
        return " ".join(self.text.split())


class StructuresMethod(Strict):
    """How the fit weighs answers against structures and legal forms: judgements, kept as content to review."""

    legal_caveat: Caveat
    importance: dict[ImportanceId, Importance]
    contract_allowed: PointsRule  # the sources say the option can hold a contract the practice holds
    aim_served: PointsRule  # per aim of the practice's that the sources say the option serves
    setting_leaning: PointsRule  # per point a setting note leans, for or against
    facts: FactPoints  # liability and the NHS Pension: multiplied by the answer's importance weight
    profit_wanted: FactPoints  # the practice wants to make and share a profit: by profit-making
    not_for_profit: FactPoints  # the practice wants to run not-for-profit: by profit-making
    capital_needed: FactPoints  # the practice needs to raise capital: by equity finance
    integration: list[IntegrationLevel]
    integration_why: Text

    @field_validator("integration")
    @classmethod
    def one_entry_per_level(cls, levels: list[IntegrationLevel]) -> list[IntegrationLevel]:
        if [lv.level for lv in levels] != [0, 1, 2]:
            raise ValueError("must give integration levels 0, 1, 2 in order")
        return levels

    @field_validator("importance")
    @classmethod
    def every_importance_weighed(cls, importance: dict[str, Importance]) -> dict[str, Importance]:
        missing = {"very", "somewhat", "not_important"} - set(importance)
        if missing:
            raise ValueError(f"give a weight for {', '.join(sorted(missing))}")
        return importance


class PeerWeights(Strict):
    """How much each kind of likeness adds to a case study's claim to be a practice's peer."""

    health_system: float = Field(ge=0)
    scale: float = Field(ge=0)
    setting: float = Field(ge=0)
    model: float = Field(ge=0)
    contract: float = Field(ge=0)
    top_gap: float = Field(ge=0)
    aims: float = Field(ge=0)


class HealthSystem(Strict):
    id: Slug
    name: Text  # in a sentence: "also in the NHS in England"
    similarity: float = Field(ge=0, le=1)  # the share of the health_system weight a case study here earns
    countries: list[Text] = Field(min_length=1)  # as content/case_studies.yaml spells them


class CaseContracts(Strict):
    case: Slug
    contracts: list[ContractType] = Field(min_length=1)
    cite: Citation


class PeerMethod(Strict):
    """content/peers_method.yaml: the judgements behind "closest peers", with the passage they rest on."""

    rationale: CitedText
    weights: PeerWeights
    threshold: float = Field(gt=0)  # a case study whose likenesses add up to less is not offered
    top_gaps: int = Field(ge=1, le=12)
    health_systems: list[HealthSystem] = Field(min_length=1)
    case_contracts: list[CaseContracts] = Field(default_factory=list)

    def health_system(self, country: str) -> HealthSystem | None:
        return next((h for h in self.health_systems if country in h.countries), None)


class Content(Strict):
    """All the evidence content, validated together so cross-references can be checked."""

    sources: list[Source]
    framework: Framework
    structures_method: StructuresMethod
    principles: list[Principle]
    characteristics: list[Characteristic]
    readiness: QuestionSection
    components: QuestionSection
    aims: list[Aim]
    structural_options: list[StructuralOption]
    legal_structures: list[LegalStructure]
    case_studies: list[CaseStudy]
    peer_method: PeerMethod | None = None  # None only in hand-made test content: then no peer is offered
