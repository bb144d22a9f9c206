"""Which structural options and legal forms fit a practice: hard rules from the sources, then a simple soft score.

Hard rules come only from the content: a ContractRule with status "barred" for a contract the practice holds,
and a legal form with no NHS Pension eligibility, which a GMS or PMS practice always sees as "Not possible: NHS
Pension ..." and which rules the form out when the pension is very important to it. Change the content and the
result follows. The soft score adds or takes points for each answer that bears on an option (contracts, aims,
setting, preferences), and every point comes with a sentence naming the answer behind it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment.actions import cite_text
from assessment.answers import CONTRACT_LABELS, Preferences, Profile
from assessment.compare import CitedPoint, cited, lower_first
from assessment.content_models import Citation, Content, ContractRule, Flag, LegalStructure, StructuralOption

# The BMA guidance ties NHS Pension eligibility to "GMS/PMS contracting" (Legal structures: Charity or CIO).
PENSION_CONTRACTS = frozenset({"gms", "pms"})
IMPORTANCE_WEIGHT = {"very": 2, "somewhat": 1, "not_important": 0}
IMPORTANCE_WORDS = {"very": "very important", "somewhat": "somewhat important", "not_important": "not important"}
# Which way the sources' note on an option leans for a practice in a setting. The content gives setting notes as
# cited text with no direction, so the direction is declared here, per option and setting. A leaning counts only
# while the option has a note naming that setting (as a whole word), and the reason shown quotes that note: drop
# the note from the content and the points go with it.
SETTING_LEANINGS: dict[str, dict[str, int]] = {
    # "rural practices can still collaborate to improve certain services" (BMA)
    "simple_alliance": {"rural": 1},
    # one purpose-built building "may not suit rural patients scattered across remote areas" (BMA)
    "joint_premises": {"rural": -1, "remote": -1},
    # out-of-hours co-operatives "already successfully cover considerable rural areas" (BMA)
    "gp_cooperative": {"rural": 1},
    # "most common in deprived or remote areas", bringing services to underserved areas (Nuffield, Chapter 4)
    "community_health_org": {"remote": 1},
    # The super-partnership note says it "works in very different settings": shown, but it leans neither way.
}
INTEGRATION_WORDS = {
    0: "the practices stay separate organisations",
    1: "the practices keep some independence inside a shared organisation",
    2: "the practices become one organisation",
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Blocker(Frozen):
    """Why an option is not possible for this practice, with the passage that says so."""

    reason: str
    cite: Citation
    citation: str
    contract: str | None = None  # the (first) contract the rule concerns, e.g. "gms"
    contracts: list[str] = []  # every contract it concerns

    @property
    def sentence(self) -> str:
        return f"Not possible: {self.reason}"

    @property
    def condition(self) -> str:
        """For a rule that would apply if the practice held the contract."""
        names = " or ".join(CONTRACT_LABELS[c] for c in self.contracts) or "particular"
        return f"Not possible if you hold {_a(names)} {names} contract: {self.reason}"


class FitResult(Frozen):
    id: str
    name: str
    kind: Literal["structural_option", "legal_structure"]
    description: str
    possible: bool
    blockers: list[Blocker]
    blocked_if: list[Blocker]  # rules that would apply if the practice held a contract it has not told us about
    score: int  # the sum of the points behind reasons_up and reasons_down; for ordering
    reasons_up: list[str]
    reasons_down: list[str]
    setting_notes: list[CitedPoint]  # what the sources say about this option in the practice's setting
    advantages: list[CitedPoint]
    disadvantages: list[CitedPoint]
    examples: list[str] = []  # case study names, for structural options
    # Things the sources say this form cannot give a practice holding its contracts, which do not on their own rule
    # the form out on this practice's answers (e.g. the NHS Pension through a charity, when the pension is not very
    # important). Each shows as "Not possible: ..." with its citation; a blocker is never repeated here.
    restrictions: list[Blocker] = []


class _Tally:
    """Points and the sentence behind each."""

    def __init__(self) -> None:
        self.score = 0
        self.up: list[str] = []
        self.down: list[str] = []

    def add(self, points: int, because: str) -> None:
        if points > 0:
            self.up.append(f"Rises (+{points}) because {because}")
        elif points < 0:
            self.down.append(f"Falls ({points}) because {because}")
        self.score += points


# Initials read as letters: those whose name starts with a vowel sound ("an APMS contract", "an MS").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _a(words: str) -> str:
    """"a" or "an" for a contract name said as letters, e.g. "a GMS", "an APMS"."""
    return "an" if words[:1].upper() in _VOWEL_SOUND_LETTERS else "a"


def _held_words(contracts: list[str]) -> str:
    names = [CONTRACT_LABELS[c] for c in contracts]
    return f"{_a(names[0])} {names[0]} contract" if len(names) == 1 else f"{' and '.join(names)} contracts"


def _blockers(rules: list[ContractRule], content: Content, held: bool) -> list[Blocker]:
    """One blocker per distinct reason, naming every contract it concerns (GMS and PMS often share one)."""
    by_reason: dict[str, list[ContractRule]] = {}
    for rule in rules:
        by_reason.setdefault(" ".join(rule.reason.split()), []).append(rule)
    blockers = []
    for reason, same in by_reason.items():
        contracts = [r.contract for r in same]
        if held:
            reason = f"{reason.rstrip('.')}. You hold {_held_words(contracts)}."
        blockers.append(Blocker(reason=reason, cite=same[0].cite, citation=cite_text(same[0].cite, content),
                                contract=contracts[0], contracts=contracts))
    return blockers


def _contract_rules(rules: list[ContractRule], profile: Profile, content: Content,
                    tally: _Tally) -> tuple[list[Blocker], list[Blocker]]:
    """Barred rules for held contracts block; when no contract is given they are shown as conditions."""
    held = profile.contracts
    barred = [r for r in rules if r.status == "barred" and r.contract in held]
    unknown = [r for r in rules if r.status == "barred"] if not held else []
    for rule in rules:
        if rule.status == "allowed" and rule.contract in held:
            name = CONTRACT_LABELS[rule.contract]
            tally.add(1, f"you hold {_a(name)} {name} contract and the sources say this can hold {name} contracts "
                         f"({cite_text(rule.cite, content)})")
    return _blockers(barred, content, held=True), _blockers(unknown, content, held=False)


def names_setting(text: str, setting: str) -> bool:
    """Whether a passage names a setting as a whole word ("urban" is not named by "suburban")."""
    return re.search(rf"\b{re.escape(setting)}\b", text, re.IGNORECASE) is not None


def _whose_setting(profile: Profile, setting: str) -> str:
    """Who in the profile is in this setting, in words: "your practice is rural", "2 of your practices are rural"."""
    if len(profile.practices) == 1:
        return f"your practice is {setting}"
    count = sum(p.setting == setting for p in profile.practices)
    if count == len(profile.practices):
        return f"your practices are all {setting}"
    return f"one of your practices is {setting}" if count == 1 else f"{count} of your practices are {setting}"


def _setting_notes(option: StructuralOption, profile: Profile, content: Content, tally: _Tally) -> list[CitedPoint]:
    """The option's setting notes that name one of the practice's settings; each moves the fit where it leans."""
    settings = sorted(profile.settings)
    leanings = SETTING_LEANINGS.get(option.id, {})
    notes = []
    for note in option.setting_notes:
        named = [s for s in settings if names_setting(note.text, s)]
        if not named:
            continue
        point = cited(note, content)
        notes.append(point)
        # One note moves the fit once, by its strongest leaning among the settings it names.
        leaning = sorted((s for s in named if leanings.get(s)), key=lambda s: -abs(leanings[s]))
        if leaning:
            setting = leaning[0]
            tally.add(leanings[setting], f"{_whose_setting(profile, setting)}, and the sources say: "
                                         f"“{point.text}” ({point.citation})")
    return notes


def _autonomy(option: StructuralOption, prefs: Preferences, content: Content, tally: _Tally) -> None:
    weight = IMPORTANCE_WEIGHT.get(prefs.autonomy or "", 0)
    if not weight:
        return
    # Level 0 keeps practices separate (+weight), level 2 merges them (-weight), level 1 sits between.
    points = weight * (1 - option.integration)
    where = f"{INTEGRATION_WORDS[option.integration]} ({cite_text(option.integration_cite, content)})"
    answer = f"you said keeping each practice's independence is {IMPORTANCE_WORDS[prefs.autonomy]}"
    if points:
        tally.add(points, f"{answer}, and in this option {where}")


def _aims(option: StructuralOption, profile: Profile, content: Content, tally: _Tally) -> None:
    labels = {a.id: a.label for a in content.aims}
    served = [f"“{labels.get(aim, aim)}”" for aim in profile.aims if aim in option.aims]
    if served:
        # One point an aim, in one sentence with one citation: the same passage says so for all of them.
        which = "one of your aims" if len(served) == 1 else f"{len(served)} of your aims"
        tally.add(len(served), f"it serves {which}: {'; '.join(served)} ({cite_text(option.cite, content)})")


def _rank(results: list[FitResult]) -> list[FitResult]:
    """Possible ones first, then by score; content order breaks ties so the ranking is stable."""
    order = {r.id: index for index, r in enumerate(results)}
    return sorted(results, key=lambda r: (not r.possible, -r.score, order[r.id]))


def fit_option(option: StructuralOption, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    blockers, blocked_if = _contract_rules(option.contracts, profile, content, tally)
    _autonomy(option, profile.preferences, content, tally)
    _aims(option, profile, content, tally)
    setting_notes = _setting_notes(option, profile, content, tally)
    names = {c.id: c.name for c in content.case_studies}
    return FitResult(
        id=option.id, name=option.name, kind="structural_option", description=" ".join(option.description.split()),
        possible=not blockers, blockers=blockers, blocked_if=blocked_if, score=tally.score,
        reasons_up=tally.up, reasons_down=tally.down, setting_notes=setting_notes,
        advantages=[cited(a, content) for a in option.advantages],
        disadvantages=[cited(d, content) for d in option.disadvantages],
        examples=[names[e] for e in option.examples if e in names],
    )


def rank_options(profile: Profile, content: Content) -> list[FitResult]:
    """Every structural option, the possible ones first, best fit first."""
    return _rank([fit_option(option, profile, content) for option in content.structural_options])


# --- legal forms ----------------------------------------------------------------------------------------

# What each Flag value is worth when the practice cares about the thing it describes.
FLAG_POINTS = {"yes": 1, "conditional": 0.5, "no": -1, "not_stated": 0}
FLAG_WORDS = {"yes": "the sources say it offers this", "conditional": "the sources say it can, with conditions",
              "no": "the sources say it does not", "not_stated": "the sources do not say"}


def _flag_words(flag: Flag, content: Content) -> str:
    where = f"; {cite_text(flag.cite, content)}" if flag.cite else ""
    return f"{FLAG_WORDS[flag.value]} ({' '.join(flag.note.split())}{where})"


def _weigh_flag(flag: Flag, importance: str | None, wish: str, tally: _Tally, content: Content) -> None:
    weight = IMPORTANCE_WEIGHT.get(importance or "", 0)
    points = round(weight * FLAG_POINTS[flag.value])
    if points:
        tally.add(points, f"you said {wish} is {IMPORTANCE_WORDS[importance]}, and {_flag_words(flag, content)}")


class _Pension(Frozen):
    """Where the sources' "no NHS Pension eligibility" rule lands for this practice (at most one is set)."""

    blocker: Blocker | None = None  # held GMS/PMS and the pension is very important: the form is not possible
    restriction: Blocker | None = None  # held GMS/PMS otherwise: shown as "Not possible: NHS Pension ..."
    condition: Blocker | None = None  # no contract given: shown as a condition, like the contract rules


def _pension_rule(legal: LegalStructure, profile: Profile, content: Content) -> _Pension:
    """The BMA guidance gives a charity or CIO "no eligibility for NHS Pension Scheme for GMS/PMS contracting".

    That is a fact a GMS or PMS practice must always see, whatever it said about the pension; it rules the form out
    only when the pension is very important, and otherwise the pension answer weighs it as usual.
    """
    flag = legal.nhs_pension
    if flag.value != "no" or flag.cite is None:
        return _Pension()
    scope = " or ".join(CONTRACT_LABELS[c] for c in sorted(PENSION_CONTRACTS))
    note = " ".join(flag.note.split()).rstrip(".")
    reason = (f"NHS Pension Scheme eligibility through {_a_word(legal.name)} {lower_first(legal.name)} for "
              f"{scope} contracting. The sources say: “{note}.”")
    where = {"cite": flag.cite, "citation": cite_text(flag.cite, content)}
    if not profile.contracts:
        every = sorted(PENSION_CONTRACTS)
        return _Pension(condition=Blocker(reason=reason, contract=every[0], contracts=every, **where))
    held = sorted(profile.contracts & PENSION_CONTRACTS)
    if not held:
        return _Pension()  # the rule concerns GMS/PMS contracting only
    reason += f" You hold {_held_words(held)}."
    if profile.preferences.nhs_pension == "very":
        return _Pension(blocker=Blocker(reason=f"{reason} You said the NHS Pension is very important.",
                                        contract=held[0], contracts=held, **where))
    return _Pension(restriction=Blocker(reason=reason, contract=held[0], contracts=held, **where))


def _a_word(word: str) -> str:
    """"a" or "an" before an ordinary word."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def fit_legal_form(legal: LegalStructure, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    prefs = profile.preferences
    blockers, blocked_if = _contract_rules(legal.contracts, profile, content, tally)
    pension = _pension_rule(legal, profile, content)
    restrictions = [pension.restriction] if pension.restriction else []
    if pension.condition:
        blocked_if.append(pension.condition)
    if pension.blocker:
        blockers.append(pension.blocker)
    else:
        _weigh_flag(legal.nhs_pension, prefs.nhs_pension, "access to the NHS Pension", tally, content)
    _weigh_flag(legal.limited_liability, prefs.limited_liability, "limited liability", tally, content)
    if prefs.profit == "profit":
        points = round(2 * FLAG_POINTS[legal.profit_making.value])
        if points:
            tally.add(points, f"you want to make and share a profit, and on profit-making "
                              f"{_flag_words(legal.profit_making, content)}")
    elif prefs.profit == "not_for_profit":
        # Not-for-profit practices gain from a form built for it, and lose a little from one built for profit.
        points = {"no": 2, "conditional": 1, "yes": -1}.get(legal.profit_making.value, 0)
        if points:
            tally.add(points, f"you want to run not-for-profit, and on profit-making "
                              f"{_flag_words(legal.profit_making, content)}")
    if prefs.need_capital:
        points = round(2 * FLAG_POINTS[legal.equity_access.value])
        if points:
            tally.add(points, f"you need to raise capital, and on equity finance "
                              f"{_flag_words(legal.equity_access, content)}")
    return FitResult(
        id=legal.id, name=legal.name, kind="legal_structure", description=" ".join(legal.description.split()),
        possible=not blockers, blockers=blockers, blocked_if=blocked_if, score=tally.score,
        reasons_up=tally.up, reasons_down=tally.down, setting_notes=[],
        advantages=[cited(a, content) for a in legal.advantages],
        disadvantages=[cited(d, content) for d in legal.disadvantages], restrictions=restrictions,
    )


def rank_legal_forms(profile: Profile, content: Content) -> list[FitResult]:
    """Every legal form, the possible ones first, best fit first."""
    return _rank([fit_legal_form(legal, profile, content) for legal in content.legal_structures])


def has_fit_answers(profile: Profile) -> bool:
    """Whether the profile holds anything the fit engine weighs (otherwise every option ties)."""
    prefs = profile.preferences
    return bool(profile.contracts or profile.aims or profile.settings
                or any(v is not None for v in prefs.model_dump().values()))
