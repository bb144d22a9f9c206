"""Set a practice against the case studies: the evidence matrix, whom to learn from, closest peers and scale."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment.actions import cite_text
from assessment.answers import Profile
from assessment.content_models import CaseStudy, Citation, CitedText, Content, Figure
from assessment.scoring import Summary

NOT_STATED = "Not stated in the sources"

# How much each kind of likeness counts towards a peer's rank. Scale counts most: it is the one fact the sources
# give for most case studies, and the one that most changes what is feasible.
SCALE_WEIGHT = 2.0
SETTING_WEIGHT = 1.0
MODEL_WEIGHT = 1.0
AIMS_WEIGHT = 1.0
# Within this ratio of sizes two organisations are called "a similar size".
SIMILAR_SIZE_RATIO = 1.5


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CitedPoint(Frozen):
    """A statement from the content with its citation in words, ready to show."""

    text: str
    cite: Citation
    citation: str  # e.g. "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 3"


def cited(item: CitedText, content: Content) -> CitedPoint:
    return CitedPoint(text=" ".join(item.text.split()), cite=item.cite, citation=cite_text(item.cite, content))


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


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“'\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a passage (whitespace tidied); the whole passage if it is one sentence."""
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


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


def lower_first(text: str) -> str:
    """Lower-case the first letter, unless the text starts with initials ("GP co-operative" stays)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def fitting_models(profile: Profile, content: Content) -> set[str]:
    """The structural options that fit the profile best, when its answers set any apart; otherwise none."""
    from assessment.fit import rank_options  # fit is the heavier module; compare should import without it

    ranked = [r for r in rank_options(profile, content) if r.possible]
    if not ranked or not (ranked[0].reasons_up or ranked[0].reasons_down):
        return set()
    best = ranked[0].score
    if all(r.score == best for r in ranked):
        return set()
    return {r.id for r in ranked if r.score == best}


def _peer(case: CaseStudy, profile: Profile, content: Content, models: set[str]) -> Peer | None:
    reasons: list[str] = []
    similarity = 0.0
    yours = profile.total_list_size
    figure = population_figure(case)
    contrasts: list[str] = []
    if yours and figure is not None:
        who = "your practices' combined list" if len(profile.practices) > 1 else "your list"
        words = (f"population {figure.value:,} (the sources say “{' '.join(figure.text.split())}”) "
                 f"vs {who} of {yours:,}: {_size_words(figure.value, yours)}")
        alike = scale_similarity(figure.value, yours)
        # Scale is a likeness only when it adds to the similarity; ten times apart or more, it is a difference.
        (reasons if alike > 0 else contrasts).append(words)
        similarity += SCALE_WEIGHT * alike
    if case.setting in profile.settings:
        reasons.append(f"also {case.setting}")
        similarity += SETTING_WEIGHT
    if case.model is not None and case.model in models:
        option = next(o for o in content.structural_options if o.id == case.model)
        reasons.append(f"its model, {lower_first(option.name)}, is among the structures that fit your answers best")
        similarity += MODEL_WEIGHT
    labels = {a.id: a.label for a in content.aims}
    shared = [aim for aim in profile.aims if aim in case.aims]
    if shared:
        reasons.append("also aims to " + "; and to ".join(lower_first(labels.get(a, a)) for a in shared))
        similarity += AIMS_WEIGHT * len(shared) / len(profile.aims)
    if not reasons or similarity <= 0:
        return None
    return Peer(case_id=case.id, case_name=case.name, org_type=case.org_type, country=case.country,
                reasons=reasons, similarity=round(similarity, 4), contrasts=contrasts)


def closest_peers(profile: Profile, content: Content, n: int = 5) -> list[Peer]:
    """The n case studies most like the practice by scale, setting, model and aims; none when nothing is alike."""
    models = fitting_models(profile, content)
    peers = [p for case in content.case_studies if (p := _peer(case, profile, content, models)) is not None]
    peers.sort(key=lambda p: (-p.similarity, p.case_name))
    return peers[:n]


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
        return [CitedPoint(text=" ".join(f.text.split()), cite=f.cite, citation=cite_text(f.cite, content))
                for f in items]

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
