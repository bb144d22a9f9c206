"""Set a practice against the case studies: the evidence matrix, whom to learn from, closest peers and scale."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from assessment.answers import CONTRACT_LABELS, Profile
from assessment.content_models import CaseStudy, Citation, Content, Figure, PeerMethod
from assessment.fit import FitResult, rank_options
from assessment.scoring import Gap, Summary
from assessment.text import CitedPoint, Frozen, cite_text, cited, first_sentence, lower_first

NOT_STATED = "Not stated in the sources"

# The weights and threshold for closest peers are judgements, so they are content: content/peers_method.yaml.
# Within this ratio of sizes two organisations are called "a similar size".
SIMILAR_SIZE_RATIO = 1.5


# --- the evidence matrix: principles x case studies ---------------------------------------------------


class EvidenceCell(Frozen):
    """One marked cell of the heatmap: the sources give this case study as an example of this principle."""

    principle: int
    principle_title: str
    case_id: str
    case_name: str
    cite: Citation
    citation: str
    note: str


def evidence_matrix(content: Content) -> list[EvidenceCell]:
    """Every (principle, case study) pair the sources link, by principle then in the content's case order."""
    titles = {p.number: p.title for p in content.principles}
    cells = [
        EvidenceCell(principle=link.number, principle_title=titles.get(link.number, f"Principle {link.number}"),
                     case_id=case.id, case_name=case.name, cite=link.cite, citation=cite_text(link.cite, content),
                     note=" ".join(link.note.split()))
        for case in content.case_studies
        for link in case.principles
    ]
    order = {case.id: index for index, case in enumerate(content.case_studies)}
    return sorted(cells, key=lambda c: (c.principle, order[c.case_id]))


# --- learn from: the case studies behind the practice's largest gaps ------------------------------------


class Exemplar(Frozen):
    case_id: str
    case_name: str
    org_type: str
    text: str  # one sentence: what the case study did for this principle
    cite: Citation
    citation: str


class SharedLesson(Frozen):
    """Case studies the sources describe in the same words for a principle, gathered so the sentence shows once."""

    exemplars: list[Exemplar]
    text: str

    @property
    def citations(self) -> str:
        return "; ".join(dict.fromkeys(ex.citation for ex in self.exemplars))


def group_exemplars(exemplars: Sequence[Exemplar]) -> list[SharedLesson]:
    """Exemplars with the same sentence gathered into one, in first-seen order.

    Several case studies are often named together in one passage (e.g. "named among the case studies that now
    provide their own diagnostic services"), and showing that sentence once per name reads as a mistake.
    """
    groups: dict[str, list[Exemplar]] = {}
    for ex in exemplars:
        groups.setdefault(" ".join(ex.text.split()).lower(), []).append(ex)
    return [SharedLesson(exemplars=same, text=same[0].text) for same in groups.values()]


class Lesson(Frozen):
    """One of the practice's largest gaps and the case studies that got furthest on that principle."""

    principle: int
    title: str
    current: int
    target: int
    gap: int
    exemplars: list[Exemplar]


def exemplars_for(principle: int, content: Content) -> list[Exemplar]:
    return [
        Exemplar(case_id=case.id, case_name=case.name, org_type=case.org_type, text=first_sentence(link.note),
                 cite=link.cite, citation=cite_text(link.cite, content))
        for case in content.case_studies
        for link in case.principles
        if link.number == principle
    ]


def learn_from(summary: Summary, content: Content, max_gaps: int = 3) -> list[Lesson]:
    """For each of the largest gaps (in the summary's order), what the case studies that exemplify it did."""
    return [
        Lesson(principle=gap.number, title=gap.title, current=gap.current, target=gap.target, gap=gap.gap,
               exemplars=exemplars_for(gap.number, content))
        for gap in summary.gaps[:max_gaps]
    ]


# --- closest peers ------------------------------------------------------------------------------------


class Peer(Frozen):
    """A case study like the practice, with every way it is alike in words. Show the reasons, not the number."""

    case_id: str
    case_name: str
    org_type: str
    country: str
    reasons: list[str]  # ways it is alike; each adds to the similarity
    similarity: float  # for ordering only; never shown on its own
    # Ways it differs that a reader should see beside the likenesses, e.g. a scale ten or more times apart,
    # which adds nothing to the similarity and so must never be listed as a reason to be alike.
    contrasts: list[str] = []


def population_figure(case: CaseStudy) -> Figure | None:
    """The first population figure the sources give as a number (some cases give two, from different passages)."""
    return next((f for f in case.population if f.value is not None and f.value > 0), None)


def _size_words(theirs: int, yours: int) -> str:
    ratio = theirs / yours
    if 1 / SIMILAR_SIZE_RATIO <= ratio <= SIMILAR_SIZE_RATIO:
        return "a similar size"
    if ratio > 1:
        return f"about {ratio:.0f} times larger" if ratio >= 2 else "larger"
    return f"about 1/{1 / ratio:.0f} of your size" if ratio <= 0.5 else "smaller"


def scale_similarity(theirs: int, yours: int) -> float:
    """1 for the same size, falling to 0 at ten times larger or smaller (a log scale, as sizes vary so widely)."""
    return max(0.0, 1.0 - abs(math.log10(theirs) - math.log10(yours)))


def fitting_models(profile: Profile, content: Content, options: Sequence[FitResult] | None = None) -> set[str]:
    """The structural options that fit the profile best, when its answers set any apart; otherwise none.

    options: the profile's ranked structural options, when the caller has them already.
    """
    ranked = [r for r in (rank_options(profile, content) if options is None else options) if r.possible]
    if not ranked or not (ranked[0].reasons_up or ranked[0].reasons_down):
        return set()
    best = ranked[0].score
    if all(r.score == best for r in ranked):
        return set()
    return {r.id for r in ranked if r.score == best}


def _contract_words(contracts: Sequence[str]) -> str:
    return " and ".join(CONTRACT_LABELS[c] for c in sorted(contracts))


def _peer(case: CaseStudy, profile: Profile, content: Content, models: set[str], method: PeerMethod,
          gaps: Sequence[Gap]) -> Peer:
    """Every way the case study is like the practice (each adding its weight) and every way it plainly differs."""
    weights = method.weights
    reasons: list[str] = []
    contrasts: list[str] = []
    similarity = 0.0
    system = method.health_system(case.country)
    # A likeness is a reason only where its weight adds to the similarity; a difference is shown whatever it weighs.
    if system is not None and system.similarity >= 1:
        if weights.health_system:
            reasons.append(f"also in {system.name}")
    elif system is not None and system.similarity > 0:
        if weights.health_system:
            reasons.append(f"in {system.name}: close to the NHS in England, but not the same")
    else:
        contrasts.append(f"in {case.country}: {system.name if system else 'another health system'}, not the NHS")
    similarity += weights.health_system * (system.similarity if system else 0.0)
    yours = profile.total_list_size
    figure = population_figure(case)
    if yours and figure is not None:
        who = "your practices' combined list" if len(profile.practices) > 1 else "your list"
        words = (f"population {figure.value:,} (the sources say “{' '.join(figure.text.split())}”) "
                 f"vs {who} of {yours:,}: {_size_words(figure.value, yours)}")
        alike = scale_similarity(figure.value, yours)
        # Scale is a likeness only when it adds to the similarity; ten times apart or more, it is a difference.
        if alike <= 0:
            contrasts.append(words)
        elif weights.scale:
            reasons.append(words)
        similarity += weights.scale * alike
    if case.setting in profile.settings and weights.setting:
        reasons.append(f"also {case.setting}")
        similarity += weights.setting
    elif case.setting not in profile.settings and profile.settings and case.setting in ("urban", "suburban", "rural", "remote"):
        contrasts.append(f"{case.setting}, where you are {' and '.join(sorted(profile.settings))}")
    if case.model is not None and case.model in models and weights.model:
        option = next(o for o in content.structural_options if o.id == case.model)
        reasons.append(f"its model, {lower_first(option.name)}, is among the structures that fit your answers best")
        similarity += weights.model
    held = next((c for c in method.case_contracts if c.case == case.id), None)
    if held is not None and profile.contracts:
        shared = sorted(set(held.contracts) & profile.contracts)
        source = cite_text(held.cite, content)
        if shared and weights.contract:
            reasons.append(f"also holds {_contract_words(shared)} (Source: {source})")
            similarity += weights.contract
        elif not shared:
            contrasts.append(f"holds {_contract_words(held.contracts)}, where you hold "
                             f"{_contract_words(sorted(profile.contracts))} (Source: {source})")
    linked = {link.number for link in case.principles}
    for gap in gaps:
        if gap.number in linked and weights.top_gap:
            reasons.append(f"the sources give it as an example of principle {gap.number}, {gap.title}, one of your "
                           "largest gaps")
            similarity += weights.top_gap
    labels = {a.id: a.label for a in content.aims}
    shared_aims = [aim for aim in profile.aims if aim in case.aims]
    if shared_aims and weights.aims:
        reasons.append("also aims to " + "; and to ".join(lower_first(labels.get(a, a)) for a in shared_aims))
        similarity += weights.aims * len(shared_aims) / len(profile.aims)
    return Peer(case_id=case.id, case_name=case.name, org_type=case.org_type, country=case.country,
                reasons=reasons, similarity=round(similarity, 4), contrasts=contrasts)


def peer_candidates(profile: Profile, content: Content, options: Sequence[FitResult] | None = None,
                    summary: Summary | None = None) -> list[Peer]:
    """Every case study weighed as a peer, closest first, whether or not it reaches the threshold."""
    method = content.peer_method
    if method is None:
        return []
    models = fitting_models(profile, content, options)
    gaps = summary.gaps[:method.top_gaps] if summary is not None else []
    peers = [_peer(case, profile, content, models, method, gaps) for case in content.case_studies]
    peers.sort(key=lambda p: (-p.similarity, p.case_name))
    return peers


def closest_peers(profile: Profile, content: Content, n: int = 5,
                  options: Sequence[FitResult] | None = None, summary: Summary | None = None) -> list[Peer]:
    """The n case studies most like the practice, each at least content/peers_method.yaml's threshold; none when
    none is close, rather than a weak match.

    summary: the practice's scores, so that case studies exemplifying its largest gaps count as closer.
    """
    method = content.peer_method
    if method is None:
        return []
    close = [p for p in peer_candidates(profile, content, options, summary)
             if p.similarity >= method.threshold and p.reasons]
    return close[:n]


def no_close_peer(profile: Profile, content: Content, peers: Sequence[Peer]) -> str:
    """What to say when no case study is offered as a peer: "" when some are."""
    if peers:
        return ""
    if not (profile.total_list_size or profile.settings or profile.aims or profile.contracts):
        return ("No peers yet: give your list size, setting, contracts and aims in the practice profile, and set "
                "targets on the design principles, to find the case studies most like you.")
    return ("No case study in the sources is close enough to your practice to offer as a peer. Peers are weighed "
            "on health system, scale, setting, the structure that fits you, contract, your largest gaps and your "
            "aims, and a lone likeness (a similar list size abroad, say) is too weak a match to learn from.")


# --- what the page still needs from the practice --------------------------------------------------------


class Need(Frozen):
    """A part of the comparison that needs more answers: what to fill in, and the page (url path) to do it on."""

    page: Literal["principles", "profile"]
    why: str


def has_levels(summary: Summary) -> bool:
    """Whether the practice has placed itself (now or target) on any design principle."""
    return any(p.current is not None or p.target is not None for p in summary.principles)


def comparison_needs(profile: Profile, summary: Summary) -> list[Need]:
    """What the comparison lacks: levels for "learn from"; list size plus setting or aims for peers and scale."""
    needs = []
    if not has_levels(summary):
        needs.append(Need(page="principles", why="Place yourselves on the design principles (now and target) to see "
                                                 "whom to learn from for your largest gaps."))
    if not profile.total_list_size or not (profile.settings or profile.aims):
        needs.append(Need(page="profile", why="Give your list size, setting and aims in the practice profile to find "
                                              "your closest peers and see your scale beside theirs."))
    return needs


# --- scale ----------------------------------------------------------------------------------------------


class ScalePoint(Frozen):
    id: str
    name: str
    kind: Literal["you", "case_study"]
    org_type: str
    population: int
    text: str  # the figure as the source words it, or how the practice's number was made up
    citation: str


class ScaleNotStated(Frozen):
    case_id: str
    case_name: str
    note: str  # "Not stated in the sources", or the source's words where it gives no single number


class ScaleData(Frozen):
    points: list[ScalePoint]
    not_stated: list[ScaleNotStated]

    @property
    def you(self) -> ScalePoint | None:
        return next((p for p in self.points if p.kind == "you"), None)


YOU_ID = "_you"


def scale_points(profile: Profile, content: Content) -> ScaleData:
    """The practice (or group, summing its lists) and each case study with a population figure, for a log chart."""
    points: list[ScalePoint] = []
    total = profile.total_list_size
    if total:
        counted = [p for p in profile.practices if p.list_size is not None]
        text = (f"{total:,} registered patients" if len(counted) == 1
                else f"{total:,} registered patients across {len(counted)} practices")
        points.append(ScalePoint(id=YOU_ID, name=profile.display_name, kind="you", org_type="Your practice"
                                 if len(profile.practices) == 1 else "Your practices", population=total, text=text,
                                 citation="Your practice profile"))
    not_stated: list[ScaleNotStated] = []
    for case in content.case_studies:
        figure = population_figure(case)
        if figure is not None:
            points.append(ScalePoint(id=case.id, name=case.name, kind="case_study", org_type=case.org_type,
                                     population=figure.value, text=" ".join(figure.text.split()),
                                     citation=cite_text(figure.cite, content)))
        else:
            words = "; ".join(" ".join(f.text.split()) for f in case.population)
            not_stated.append(ScaleNotStated(case_id=case.id, case_name=case.name,
                                             note=f"No single figure: “{words}”" if words else NOT_STATED))
    return ScaleData(points=points, not_stated=not_stated)


# --- the case-study library -----------------------------------------------------------------------------


class Fact(Frozen):
    label: str
    values: list[CitedPoint]  # empty means not stated in the sources


def case_facts(case: CaseStudy, content: Content) -> list[Fact]:
    """A case study's scale figures exactly as the sources word them, and its legal form, each cited."""

    def figures(items: list[Figure]) -> list[CitedPoint]:
        return [CitedPoint(text=" ".join(f.text.split()) + (f" ({' '.join(f.counts.split())})" if f.counts else ""),
                           cite=f.cite, citation=cite_text(f.cite, content)) for f in items]

    return [
        Fact(label="Population served", values=figures(case.population)),
        Fact(label="Practices", values=figures(case.practices)),
        Fact(label="GPs", values=figures(case.gps)),
        Fact(label="Staff", values=figures(case.staff)),
        Fact(label="Legal form", values=[cited(case.legal_form, content)] if case.legal_form else []),
    ]


def filter_case_studies(content: Content, org_types: list[str] | None = None, countries: list[str] | None = None,
                        principles: list[int] | None = None) -> list[CaseStudy]:
    """Case studies matching every filter given; an empty or missing filter lets all through.

    Several principles chosen means a case study exemplifying any of them.
    """
    return [
        case for case in content.case_studies
        if (not org_types or case.org_type in org_types)
        and (not countries or case.country in countries)
        and (not principles or any(link.number in principles for link in case.principles))
    ]
