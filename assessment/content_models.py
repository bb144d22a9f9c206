"""Pydantic models for the evidence content in content/*.yaml: the schema every entry must meet."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


class Level(Strict):
    level: int = Field(ge=0, le=4)
    label: Text  # short name, e.g. "Not in place"
    descriptor: Text  # what a practice at this level actually does, specific to the principle


class Principle(Strict):
    number: int = Field(ge=1, le=12)
    id: Slug
    group: Literal["clinical", "organisation"]
    title: Text
    statement: Text  # the report's own sentence, quoted exactly
    statement_cite: Citation
    why_it_matters: Text
    levels: list[Level]
    cites: list[Citation] = Field(min_length=1)  # passages the descriptors were written from

    @field_validator("levels")
    @classmethod
    def five_levels_in_order(cls, levels: list[Level]) -> list[Level]:
        if [lv.level for lv in levels] != [0, 1, 2, 3, 4]:
            raise ValueError("must list exactly the five levels 0, 1, 2, 3, 4 in order")
        return levels

    @model_validator(mode="after")
    def group_matches_number(self) -> Principle:
        expected = "clinical" if self.number <= 7 else "organisation"
        if self.group != expected:
            raise ValueError(f"principle {self.number} belongs to group '{expected}'")
        return self


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


class Flag(Strict):
    """A yes/no/conditional fact about a legal form, with why."""

    value: Literal["yes", "no", "conditional", "not_stated"]
    note: Text
    cite: Citation | None = None

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
    setting_notes: list[CitedText] = Field(default_factory=list)  # e.g. what the sources say about rural areas


class Figure(Strict):
    """One scale figure exactly as a source gives it."""

    value: int | None = None  # a number for charts, where the source gives one
    text: Text  # the source's own figure, e.g. "over 60,000 patients"
    cite: Citation


class PrincipleLink(Strict):
    number: int = Field(ge=1, le=12)
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


class Content(Strict):
    """All the evidence content, validated together so cross-references can be checked."""

    sources: list[Source]
    principles: list[Principle]
    characteristics: list[Characteristic]
    readiness: QuestionSection
    components: QuestionSection
    aims: list[Aim]
    structural_options: list[StructuralOption]
    legal_structures: list[LegalStructure]
    case_studies: list[CaseStudy]
