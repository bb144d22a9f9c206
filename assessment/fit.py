"""Which structural options and legal forms fit a practice: hard rules from the sources, then a simple soft score.

Hard rules come only from the content: a ContractRule with status "barred" for a contract the practice holds,
and a legal form with no NHS Pension eligibility when the pension is very important to a GMS or PMS practice.
Change the content and the result follows. The soft score adds or takes points for each answer that bears on an
option, and every point comes with a sentence naming the answer behind it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment.actions import cite_text
from assessment.answers import Preferences, Profile
from assessment.compare import CitedPoint, cited
from assessment.content_models import Citation, Content, ContractRule, Flag, LegalStructure, StructuralOption

CONTRACT_NAMES = {"gms": "GMS", "pms": "PMS", "apms": "APMS"}
# The BMA guidance ties NHS Pension eligibility to "GMS/PMS contracting" (Legal structures: Charity or CIO).
PENSION_CONTRACTS = frozenset({"gms", "pms"})
IMPORTANCE_WEIGHT = {"very": 2, "somewhat": 1, "not_important": 0}
IMPORTANCE_WORDS = {"very": "very important", "somewhat": "somewhat important", "not_important": "not important"}
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
        names = " or ".join(CONTRACT_NAMES[c] for c in self.contracts) or "particular"
        return f"Not possible if you hold a {names} contract: {self.reason}"


class FitResult(Frozen):
    id: str
    name: str
    kind: Literal["structural_option", "legal_structure"]
    description: str
    possible: bool
    blockers: list[Blocker]
    blocked_if: list[Blocker]  # rules that would bar it if the practice held a contract it has not told us about
    score: int  # the sum of the points behind reasons_up and reasons_down; for ordering
    reasons_up: list[str]
    reasons_down: list[str]
    setting_notes: list[CitedPoint]  # what the sources say about this option in the practice's setting
    advantages: list[CitedPoint]
    disadvantages: list[CitedPoint]
    examples: list[str] = []  # case study names, for structural options


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


def _held_words(contracts: list[str]) -> str:
    names = [CONTRACT_NAMES[c] for c in contracts]
    return f"a {names[0]} contract" if len(names) == 1 else f"{' and '.join(names)} contracts"


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
            name = CONTRACT_NAMES[rule.contract]
            tally.add(1, f"you hold a {name} contract and the sources say this can hold {name} contracts "
                         f"({cite_text(rule.cite, content)})")
    return _blockers(barred, content, held=True), _blockers(unknown, content, held=False)


def _setting_notes(option: StructuralOption, profile: Profile, content: Content) -> list[CitedPoint]:
    """The option's setting notes that name one of the practice's settings."""
    settings = profile.settings
    return [cited(note, content) for note in option.setting_notes
            if any(s in note.text.lower() for s in settings)]


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
    for aim in profile.aims:
        if aim in option.aims:
            label = labels.get(aim, aim)
            tally.add(1, f"it serves one of your aims: “{label}” ({cite_text(option.cite, content)})")


def _rank(results: list[FitResult]) -> list[FitResult]:
    """Possible ones first, then by score; content order breaks ties so the ranking is stable."""
    order = {r.id: index for index, r in enumerate(results)}
    return sorted(results, key=lambda r: (not r.possible, -r.score, order[r.id]))


def fit_option(option: StructuralOption, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    blockers, blocked_if = _contract_rules(option.contracts, profile, content, tally)
    _autonomy(option, profile.preferences, content, tally)
    _aims(option, profile, content, tally)
    names = {c.id: c.name for c in content.case_studies}
    return FitResult(
        id=option.id, name=option.name, kind="structural_option", description=" ".join(option.description.split()),
        possible=not blockers, blockers=blockers, blocked_if=blocked_if, score=tally.score,
        reasons_up=tally.up, reasons_down=tally.down, setting_notes=_setting_notes(option, profile, content),
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


def _pension_blocker(legal: LegalStructure, profile: Profile, content: Content) -> Blocker | None:
    flag = legal.nhs_pension
    held = sorted(profile.contracts & PENSION_CONTRACTS)
    if flag.value != "no" or profile.preferences.nhs_pension != "very" or not held or flag.cite is None:
        return None
    note = " ".join(flag.note.split()).rstrip(".")
    return Blocker(reason=f"{note}. You said the NHS Pension is very important, and you hold {_held_words(held)}.",
                   cite=flag.cite, citation=cite_text(flag.cite, content), contract=held[0], contracts=held)


def fit_legal_form(legal: LegalStructure, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    prefs = profile.preferences
    blockers, blocked_if = _contract_rules(legal.contracts, profile, content, tally)
    pension = _pension_blocker(legal, profile, content)
    if pension is not None:
        blockers.append(pension)
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
        disadvantages=[cited(d, content) for d in legal.disadvantages],
    )


def rank_legal_forms(profile: Profile, content: Content) -> list[FitResult]:
    """Every legal form, the possible ones first, best fit first."""
    return _rank([fit_legal_form(legal, profile, content) for legal in content.legal_structures])


def has_fit_answers(profile: Profile) -> bool:
    """Whether the profile holds anything the fit engine weighs (otherwise every option ties)."""
    prefs = profile.preferences
    return bool(profile.contracts or profile.aims or profile.settings
                or any(v is not None for v in prefs.model_dump().values()))
