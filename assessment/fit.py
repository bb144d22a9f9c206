"""Which structural options and legal forms fit a practice: hard rules from the sources, then a simple soft score.

Hard rules come only from the content: a ContractRule with status "barred" for a contract the practice holds,
and a legal form with no NHS Pension eligibility, which a GMS or PMS practice always sees as "Not possible: NHS
Pension ..." and which rules the form out when the pension is very important to it. Each rule is applied to what
it is about: a rule about holding GMS or PMS contracts bears only on a new body that would hold the practices'
core contracts (the profile asks what the body would do), and where the sources pull two ways both are shown.
Change the content and the result follows.

The soft score adds or takes points for each answer that bears on an option (contracts, aims, setting,
preferences). How many points each kind of answer and fact is worth is content too (structures_method.yaml), and
every point comes with a sentence naming the answer behind it and the passage it rests on.
"""

from __future__ import annotations

from typing import Literal

from assessment.answers import CONTRACT_LABELS, BodyRole, Preferences, Profile
from assessment.content_models import (
    Citation,
    Content,
    ContractRule,
    FactPoints,
    Flag,
    LegalStructure,
    StructuralOption,
    StructuresMethod,
    names_setting,
)
from assessment.text import CitedPoint, Frozen, cite_text, cited, lower_first

__all__ = ["Blocker", "FitResult", "RuleNote", "ScorePart", "fit_legal_form", "fit_option", "has_fit_answers",
           "names_setting", "rank_legal_forms", "rank_options"]


class Blocker(Frozen):
    """Why an option is not possible for this practice, with the passage that says so."""

    reason: str
    cite: Citation
    citation: str
    contract: str | None = None  # the (first) contract the rule concerns, e.g. "gms"
    contracts: list[str] = []  # every contract it concerns
    when: str = ""  # for a condition that turns on something other than holding the contract, e.g. the body's role

    @property
    def sentence(self) -> str:
        return f"Not possible: {self.reason}"

    @property
    def condition(self) -> str:
        """For a rule that would apply if the practice held the contract (or the body held it)."""
        if self.when:
            return f"Not possible {self.when}: {self.reason}"
        names = " or ".join(CONTRACT_LABELS[c] for c in self.contracts) or "particular"
        return f"Not possible if you hold {_a(names)} {names} contract: {self.reason}"


class RuleNote(Frozen):
    """What the sources say about a rule for the body's use, where it does not rule the option out: a heading and
    the passages, each cited (two of them where the sources pull two ways)."""

    heading: str
    points: list[CitedPoint]


class ScorePart(Frozen):
    """One part of an option's score: how many points, for what, and the rule of the method that gives them."""

    points: float
    what: str  # short, e.g. "limited liability"
    rule: str  # the method's reason for the points, from structures_method.yaml


class FitResult(Frozen):
    id: str
    name: str
    kind: Literal["structural_option", "legal_structure"]
    description: str
    possible: bool
    blockers: list[Blocker]
    blocked_if: list[Blocker]  # rules that would apply if the practice held a contract it has not told us about
    score: float  # the sum of the points behind reasons_up and reasons_down (whole or half points); for ordering
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
    # Rules that do not apply to what the body is for, or where the sources pull two ways, each passage cited.
    notes: list[RuleNote] = []
    score_parts: list[ScorePart] = []  # where each point comes from, in the order the reasons give them

    @property
    def why_score(self) -> str:
        """A one-line account of the score, e.g. "+1 GMS contract, +0.5 NHS Pension = 1.5"."""
        if not self.score_parts:
            return "No points: none of your answers bears on it."
        parts = ", ".join(f"{points_text(p.points)} {p.what}" for p in self.score_parts)
        return f"{parts} = {number_text(self.score)}"


def number_text(points: float) -> str:
    """A score in figures: "2", "1.5", "-0.5"."""
    return f"{points:g}"


def points_text(points: float) -> str:
    """Points with their sign: "+2", "+0.5", "-1"."""
    return f"{points:+g}"


class _Tally:
    """Points and the sentence behind each."""

    def __init__(self) -> None:
        self.score = 0.0
        self.up: list[str] = []
        self.down: list[str] = []
        self.parts: list[ScorePart] = []

    def add(self, points: float, because: str, what: str, rule: str) -> None:
        if points > 0:
            self.up.append(f"Rises ({points_text(points)}) because {because}")
        elif points < 0:
            self.down.append(f"Falls ({points_text(points)}) because {because}")
        if points:
            self.parts.append(ScorePart(points=points, what=what, rule=" ".join(rule.split())))
        self.score += points


# Initials read as letters: those whose name starts with a vowel sound ("an APMS contract", "an MS").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")


def _a(words: str) -> str:
    """"a" or "an" for a contract name said as letters, e.g. "a GMS", "an APMS"."""
    return "an" if words[:1].upper() in _VOWEL_SOUND_LETTERS else "a"


def _held_words(contracts: list[str]) -> str:
    names = [CONTRACT_LABELS[c] for c in contracts]
    return f"{_a(names[0])} {names[0]} contract" if len(names) == 1 else f"{' and '.join(names)} contracts"


def _names(contracts: list[str]) -> str:
    return " or ".join(CONTRACT_LABELS[c] for c in contracts)


def _role(profile: Profile) -> BodyRole:
    """What the new body would do; unanswered reads as holding the core contracts, the reading the fit always used
    (the Structures page says so)."""
    return profile.body_role or "hold_core"


def _by_reason(rules: list[ContractRule]) -> list[list[ContractRule]]:
    """Rules grouped by their reason (GMS and PMS often share one), in content order."""
    groups: dict[str, list[ContractRule]] = {}
    for rule in rules:
        groups.setdefault(" ".join(rule.reason.split()), []).append(rule)
    return list(groups.values())


def _blocker(same: list[ContractRule], content: Content, held: bool, when: str = "") -> Blocker:
    reason = " ".join(same[0].reason.split())
    contracts = [r.contract for r in same]
    if held:
        reason = f"{reason.rstrip('.')}. You hold {_held_words(contracts)}."
    return Blocker(reason=reason, cite=same[0].cite, citation=cite_text(same[0].cite, content),
                   contract=contracts[0], contracts=contracts, when=when)


def _alongside_note(same: list[ContractRule], content: Content, role: BodyRole) -> RuleNote:
    """What the sources say of the rule for a body that works alongside the practices' own contracts."""
    rule = same[0]
    names = _names([r.contract for r in same])
    said = [CitedPoint(text=" ".join(rule.reason.split()), cite=rule.cite, citation=cite_text(rule.cite, content))]
    said += [cited(point, content) for point in rule.alongside]
    if role == "not_sure":
        lead = "If instead the new body worked alongside your practices, which kept their own contracts"
    else:
        lead = "You said the new body would work alongside your practices, which keep their own contracts"
    if rule.about == "holding":
        heading = (f"{lead}: this rule is about the body holding {names} contracts, so the sources give it for "
                   f"that use only and it does not rule this out")
    elif rule.alongside:
        heading = f"{lead}: the sources pull two ways on {names} practices forming this, so weigh both"
    else:
        heading = f"{lead}: the sources give this rule for {names} practices forming this, and say no more"
    return RuleNote(heading=heading + ".", points=said)


def _contract_rules(rules: list[ContractRule], profile: Profile, content: Content,
                    tally: _Tally) -> tuple[list[Blocker], list[Blocker], list[RuleNote]]:
    """Barred rules for held contracts block; when no contract is given they are shown as conditions.

    A rule applies as a blocker only when the body would hold the practices' core contracts. For a body working
    alongside them, the rule is shown with what the sources say of that use; for "not sure", both readings.
    """
    held = profile.contracts
    role = _role(profile)
    method = content.structures_method
    barred = [r for r in rules if r.status == "barred" and (r.contract in held or not held)]
    blockers: list[Blocker] = []
    conditions: list[Blocker] = []
    notes: list[RuleNote] = []
    for same in _by_reason(barred):
        names = _names([r.contract for r in same])
        if role == "hold_core":
            (blockers if held else conditions).append(_blocker(same, content, held=bool(held)))
            continue
        if role == "not_sure":
            when = (f"if the new body would hold your {names} contracts" if held
                    else f"if the new body would hold {names} contracts")
            conditions.append(_blocker(same, content, held=bool(held), when=when))
        notes.append(_alongside_note(same, content, role))
    if role == "hold_core":
        for rule in rules:
            if rule.status == "allowed" and rule.contract in held:
                name = CONTRACT_LABELS[rule.contract]
                tally.add(method.contract_allowed.points,
                          f"you hold {_a(name)} {name} contract and the sources say this can hold {name} contracts "
                          f"({cite_text(rule.cite, content)})", f"{name} contract", method.contract_allowed.why)
    return blockers, conditions, notes


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
    rule = content.structures_method.setting_leaning
    notes = []
    for note in option.setting_notes:
        named = [s for s in settings if names_setting(note.text, s)]
        if not named:
            continue
        point = cited(note, content)
        notes.append(point)
        # One note moves the fit once, by its strongest leaning among the settings it names.
        leaning = sorted((s for s in named if note.leans.get(s)), key=lambda s: -abs(note.leans[s]))
        if leaning:
            setting = leaning[0]
            tally.add(rule.points * note.leans[setting], f"{_whose_setting(profile, setting)}, and the sources say: "
                      f"“{point.text}” ({point.citation})", f"{setting} setting", rule.why)
    return notes


def _autonomy(option: StructuralOption, prefs: Preferences, content: Content, tally: _Tally) -> None:
    method = content.structures_method
    importance = method.importance.get(prefs.autonomy) if prefs.autonomy else None
    if importance is None or not importance.weight:
        return
    level = next(lv for lv in method.integration if lv.level == option.integration)
    points = importance.weight * level.points
    where = f"{level.words} ({cite_text(option.integration_cite, content)})"
    answer = f"you said keeping each practice's independence is {importance.words}"
    if points:
        tally.add(points, f"{answer}, and in this option {where}", "independence", method.integration_why)


def _aims(option: StructuralOption, profile: Profile, content: Content, tally: _Tally) -> None:
    labels = {a.id: a.label for a in content.aims}
    served = [f"“{labels.get(aim, aim)}”" for aim in profile.aims if aim in option.aims]
    if served:
        # One rule's points an aim, in one sentence with one citation: the same passage says so for all of them.
        rule = content.structures_method.aim_served
        which = "one of your aims" if len(served) == 1 else f"{len(served)} of your aims"
        tally.add(rule.points * len(served), f"it serves {which}: {'; '.join(served)} "
                  f"({cite_text(option.cite, content)})", "aims" if len(served) > 1 else "aim", rule.why)


def _rank(results: list[FitResult]) -> list[FitResult]:
    """Possible ones first, then by score; content order breaks ties so the ranking is stable."""
    order = {r.id: index for index, r in enumerate(results)}
    return sorted(results, key=lambda r: (not r.possible, -r.score, order[r.id]))


def _result(tally: _Tally, **fields) -> FitResult:
    return FitResult(score=tally.score, reasons_up=tally.up, reasons_down=tally.down, score_parts=tally.parts,
                     **fields)


def fit_option(option: StructuralOption, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    blockers, blocked_if, notes = _contract_rules(option.contracts, profile, content, tally)
    _autonomy(option, profile.preferences, content, tally)
    _aims(option, profile, content, tally)
    setting_notes = _setting_notes(option, profile, content, tally)
    names = {c.id: c.name for c in content.case_studies}
    return _result(
        tally, id=option.id, name=option.name, kind="structural_option",
        description=" ".join(option.description.split()), possible=not blockers, blockers=blockers,
        blocked_if=blocked_if, setting_notes=setting_notes, notes=notes,
        advantages=[cited(a, content) for a in option.advantages],
        disadvantages=[cited(d, content) for d in option.disadvantages],
        examples=[names[e] for e in option.examples if e in names],
    )


def rank_options(profile: Profile, content: Content) -> list[FitResult]:
    """Every structural option, the possible ones first, best fit first."""
    return _rank([fit_option(option, profile, content) for option in content.structural_options])


# --- legal forms ----------------------------------------------------------------------------------------

FLAG_WORDS = {"yes": "the sources say it offers this", "conditional": "the sources say it can, with conditions",
              "no": "the sources say it does not", "not_stated": "the sources do not say"}


def _flag_words(flag: Flag, content: Content) -> str:
    where = f"; {cite_text(flag.cite, content)}" if flag.cite else ""
    return f"{FLAG_WORDS[flag.value]} ({' '.join(flag.note.split())}{where})"


def _weigh_flag(flag: Flag, importance: str | None, wish: str, what: str, tally: _Tally, content: Content) -> None:
    method = content.structures_method
    weight = method.importance[importance] if importance else None
    if weight is None:
        return
    points = weight.weight * method.facts.points[flag.value]
    if points:
        tally.add(points, f"you said {wish} is {weight.words}, and {_flag_words(flag, content)}", what,
                  method.facts.why)


def _weigh_fact(rule: FactPoints, flag: Flag, wish: str, on: str, what: str, tally: _Tally,
                content: Content) -> None:
    points = rule.points[flag.value]
    if points:
        tally.add(points, f"{wish}, and on {on} {_flag_words(flag, content)}", what, rule.why)


class _Pension(Frozen):
    """Where the sources' "no NHS Pension eligibility" rule lands for this practice (at most one is set)."""

    blocker: Blocker | None = None  # held GMS/PMS and the pension is very important: the form is not possible
    restriction: Blocker | None = None  # held GMS/PMS otherwise: shown as "Not possible: NHS Pension ..."
    condition: Blocker | None = None  # no contract given, or the body's role not known: shown as a condition
    note: RuleNote | None = None  # the body works alongside the contracts the fact concerns
    weighs: bool = True  # whether the pension answer weighs the fact as usual


def _pension_rule(legal: LegalStructure, profile: Profile, content: Content) -> _Pension:
    """The BMA guidance gives a charity or CIO "no eligibility for NHS Pension Scheme for GMS/PMS contracting".

    That is a fact a GMS or PMS practice must always see, whatever it said about the pension; it rules the form out
    only when the pension is very important, and otherwise the pension answer weighs it as usual. A fact the
    sources give "for GMS/PMS contracting" bears only on a body that would hold those contracts: for a body working
    alongside them it is shown, with that said, and weighs nothing; for "not sure", both.
    """
    flag = legal.nhs_pension
    role = _role(profile)
    scope = sorted(flag.for_contracts)
    if scope and role != "hold_core" and flag.cite is not None:
        lead = ("If instead the new body worked alongside your practices' own contracts" if role == "not_sure"
                else "You said the new body would work alongside your practices, which keep their own contracts")
        note = RuleNote(heading=f"{lead}: the sources give this NHS Pension fact for {_names(scope)} contracting "
                                f"only, and do not say how it stands for other contracts and services.",
                        points=[CitedPoint(text=" ".join(flag.note.split()), cite=flag.cite,
                                           citation=cite_text(flag.cite, content))])
    else:
        note = None
    if flag.value != "no" or flag.cite is None:
        return _Pension(note=note, weighs=note is None)
    scope = scope or ["gms", "pms"]
    reason = (f"NHS Pension Scheme eligibility through {_a_word(legal.name)} {lower_first(legal.name)} for "
              f"{_names(scope)} contracting. The sources say: “{' '.join(flag.note.split()).rstrip('.')}.”")
    where = {"cite": flag.cite, "citation": cite_text(flag.cite, content)}
    held = sorted(profile.contracts & set(scope))
    if profile.contracts and not held:
        return _Pension(note=note, weighs=note is None)  # the rule concerns GMS/PMS contracting only
    if role == "alongside":
        return _Pension(note=note, weighs=False)
    if role == "not_sure":
        when = f"if the new body would hold your {_names(held)} contracts" if held else \
            f"if the new body would hold {_names(scope)} contracts"
        return _Pension(condition=Blocker(reason=reason, contract=(held or scope)[0], contracts=held or scope,
                                          when=when, **where), note=note, weighs=False)
    if not profile.contracts:
        return _Pension(condition=Blocker(reason=reason, contract=scope[0], contracts=scope, **where))
    reason += f" You hold {_held_words(held)}."
    if profile.preferences.nhs_pension == "very":
        return _Pension(blocker=Blocker(reason=f"{reason} You said the NHS Pension is very important.",
                                        contract=held[0], contracts=held, **where), weighs=False)
    return _Pension(restriction=Blocker(reason=reason, contract=held[0], contracts=held, **where))


def _a_word(word: str) -> str:
    """"a" or "an" before an ordinary word."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def fit_legal_form(legal: LegalStructure, profile: Profile, content: Content) -> FitResult:
    tally = _Tally()
    prefs = profile.preferences
    method: StructuresMethod = content.structures_method
    blockers, blocked_if, notes = _contract_rules(legal.contracts, profile, content, tally)
    pension = _pension_rule(legal, profile, content)
    restrictions = [pension.restriction] if pension.restriction else []
    if pension.condition:
        blocked_if.append(pension.condition)
    if pension.blocker:
        blockers.append(pension.blocker)
    if pension.note:
        notes.append(pension.note)
    if pension.weighs:
        _weigh_flag(legal.nhs_pension, prefs.nhs_pension, "access to the NHS Pension", "NHS Pension", tally, content)
    _weigh_flag(legal.limited_liability, prefs.limited_liability, "limited liability", "limited liability", tally,
                content)
    if prefs.profit == "profit":
        _weigh_fact(method.profit_wanted, legal.profit_making, "you want to make and share a profit",
                    "profit-making", "profit", tally, content)
    elif prefs.profit == "not_for_profit":
        _weigh_fact(method.not_for_profit, legal.profit_making, "you want to run not-for-profit", "profit-making",
                    "not for profit", tally, content)
    if prefs.need_capital:
        _weigh_fact(method.capital_needed, legal.equity_access, "you need to raise capital", "equity finance",
                    "capital", tally, content)
    return _result(
        tally, id=legal.id, name=legal.name, kind="legal_structure", description=" ".join(legal.description.split()),
        possible=not blockers, blockers=blockers, blocked_if=blocked_if, setting_notes=[], notes=notes,
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
