"""Setting the practice against the case studies: evidence matrix, whom to learn from, peers, scale, library."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Practice, Preferences, Profile
from assessment.compare import (
    NOT_STATED,
    case_facts,
    closest_peers,
    comparison_needs,
    evidence_matrix,
    filter_case_studies,
    first_sentence,
    fitting_models,
    has_levels,
    learn_from,
    peer_candidates,
    scale_points,
    scale_similarity,
)
from assessment.content import get_content
from assessment.content_models import (
    Aim,
    CaseStudy,
    Citation,
    CitedText,
    Content,
    Figure,
    HealthSystem,
    PeerMethod,
    PeerWeights,
    PrincipleLink,
    Source,
    StructuralOption,
)
from assessment.scoring import score
from tests.factories import make_answers, make_content

BOX = Citation(source="nuffield2013", section="Chapter 5, Box 9")
APPENDIX = Citation(source="nuffield2013", section="Appendix 1")


def figure(value: int | None, text: str) -> Figure:
    return Figure(value=value, text=text, cite=APPENDIX)


def case(id: str, name: str, *, org_type="Network", country="United Kingdom", setting="not_stated", population=(),
         model=None, aims=(), links=(), legal_form=None) -> CaseStudy:
    return CaseStudy(
        id=id, name=name, org_type=org_type, model=model, country=country, setting=setting,
        population=list(population), purpose=CitedText(text=f"{name} purpose.", cite=APPENDIX),
        what_they_did=[CitedText(text=f"{name} did things.", cite=APPENDIX)],
        principles=[PrincipleLink(number=n, cite=BOX, note=note) for n, note in links], aims=list(aims),
        legal_form=CitedText(text=legal_form, cite=APPENDIX) if legal_form else None, sources=[APPENDIX],
    )


def option(id: str, name: str, integration: int, aims=()) -> StructuralOption:
    cite = Citation(source="nuffield2013", section="Chapter 4")
    return StructuralOption(id=id, name=name, kind="report_model", description=name, cite=cite, advantages=[],
                            disadvantages=[], integration=integration, integration_cite=cite, aims=list(aims))


def peer_method(threshold: float = 0.01, **weights: float) -> PeerMethod:
    """A peers method for the small content below: by default only scale, setting, model and aims count, and any
    likeness at all is enough (the real content's weights and threshold are tested further down)."""
    given = {"health_system": 0.0, "scale": 2.0, "setting": 1.0, "model": 1.0, "contract": 0.0, "top_gap": 0.0,
             "aims": 1.0} | weights
    return PeerMethod(
        rationale=CitedText(text="Why.", cite=APPENDIX), weights=PeerWeights(**given), threshold=threshold,
        top_gaps=3, health_systems=[
            HealthSystem(id="nhs_uk", name="the NHS in the United Kingdom", similarity=1.0,
                         countries=["United Kingdom"]),
            HealthSystem(id="nhs_scotland", name="the NHS in Scotland", similarity=0.5,
                         countries=["United Kingdom (Scotland)"]),
            HealthSystem(id="abroad", name="a health system outside the UK", similarity=0.0, countries=["Belgium"]),
        ])


def case_content() -> Content:
    return make_content().model_copy(update={
        "peer_method": peer_method(),
        "sources": [Source(id="nuffield2013", file="004.txt", title="Securing the future of general practice",
                           author="Nuffield Trust and The King's Fund (Smith J and others)", year="2013",
                           summary="Report.")],
        "aims": [Aim(id="extend_services", label="Offer a wider range of services", cite=APPENDIX),
                 Aim(id="workforce", label="Offer staff careers and development", cite=APPENDIX)],
        "structural_options": [option("network_federation", "Network or federation", 0, aims=["workforce"]),
                               option("super_partnership", "Super-partnership", 2, aims=["extend_services"])],
        "case_studies": [
            case("vitality", "The Vitality Partnership", org_type="Super-partnership", setting="urban",
                 model="super_partnership", aims=["extend_services", "workforce"],
                 population=[figure(50000, "covers 50,000 patients"), figure(51000, "51,000 patients")],
                 links=[(9, "Runs its own GP training. It also has nurses."), (3, "Shares data across sites.")],
                 legal_form="A partnership."),
            case("nairn", "Nairn Healthcare Group", org_type="Super-partnership", country="United Kingdom (Scotland)",
                 setting="rural", links=[(9, "Trains its own staff.")], aims=["extend_services"]),
            case("tower", "Tower Hamlets networks", setting="urban", population=[figure(None, "approximately 30–40,000 "
                                                                                      "patients")],
                 model="network_federation", aims=["workforce"]),
            case("badger", "BADGER", org_type="GP co-operative", population=[figure(1300000, "over 1.3 million "
                                                                                      "patients")]),
            case("botermarkt", "Botermarkt", org_type="Community health organisation", country="Belgium",
                 setting="urban", population=[figure(6000, "6,000 patients")], links=[(4, "Longer consultations.")]),
        ],
    })


CONTENT = case_content()


def profile(*list_sizes: int, setting=None, aims=(), **preferences) -> Profile:
    practices = [Practice(name=f"P{i}", list_size=size, setting=setting) for i, size in enumerate(list_sizes)]
    return Profile(practices=practices or [Practice(setting=setting)], aims=list(aims),
                   preferences=Preferences(**preferences))


# --- evidence matrix -------------------------------------------------------------------------------------


def test_the_evidence_matrix_has_one_cell_per_principle_link_in_the_content_ordered_by_principle():
    cells = evidence_matrix(CONTENT)
    assert [(c.principle, c.case_id) for c in cells] == [(3, "vitality"), (4, "botermarkt"), (9, "vitality"),
                                                         (9, "nairn")]
    assert cells[2].note == "Runs its own GP training. It also has nurses."
    assert cells[2].citation == "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 9"
    assert cells[2].principle_title == "Principle 9"


# --- learn from ------------------------------------------------------------------------------------------


def test_learn_from_gives_the_case_studies_behind_each_of_the_largest_gaps_one_cited_sentence_each():
    summary = score(make_answers(principles={9: (0, 4), 4: (1, 3), 3: (2, 3), 1: (3, 4)}), CONTENT)
    lessons = learn_from(summary, CONTENT)
    assert [lesson.principle for lesson in lessons] == [9, 4, 3]  # the three largest gaps, largest first
    nine = lessons[0]
    assert (nine.current, nine.target, nine.gap) == (0, 4, 4)
    assert [(e.case_name, e.text) for e in nine.exemplars] == [
        ("The Vitality Partnership", "Runs its own GP training."), ("Nairn Healthcare Group", "Trains its own staff.")]
    assert nine.exemplars[0].citation == "Nuffield Trust and The King's Fund 2013, Chapter 5, Box 9"


def test_learn_from_is_empty_when_there_are_no_gaps_and_a_gap_with_no_exemplar_says_so_by_being_empty():
    assert learn_from(score(make_answers(), CONTENT), CONTENT) == []
    lesson = learn_from(score(make_answers(principles={12: (0, 2)}), CONTENT), CONTENT)[0]
    assert lesson.principle == 12 and lesson.exemplars == []


def test_learn_from_takes_at_most_max_gaps():
    summary = score(make_answers(principles={n: (0, 4) for n in range(1, 13)}), CONTENT)
    assert len(learn_from(summary, CONTENT, max_gaps=2)) == 2


def test_first_sentence_keeps_a_single_sentence_whole_and_cuts_at_the_first_full_stop_otherwise():
    assert first_sentence("Runs  its own\n training.") == "Runs its own training."
    assert first_sentence("Did one thing. Then another.") == "Did one thing."
    assert first_sentence("Cares for 6,000 patients, e.g. refugees.") == "Cares for 6,000 patients, e.g. refugees."


# --- closest peers ---------------------------------------------------------------------------------------


def test_a_peer_is_shown_with_reasons_that_name_its_figure_your_size_setting_and_shared_aims():
    peers = closest_peers(profile(45000, setting="urban", aims=["extend_services"]), CONTENT)
    assert peers[0].case_name == "The Vitality Partnership"
    assert peers[0].reasons == [
        "population 50,000 (the sources say “covers 50,000 patients”) vs your list of 45,000: a similar size",
        "also urban",
        "its model, super-partnership, is among the structures that fit your answers best",
        "also aims to offer a wider range of services",
    ]


def test_a_group_of_practices_is_compared_by_its_combined_list():
    peers = closest_peers(profile(20000, 25000), CONTENT)
    assert peers[0].case_name == "The Vitality Partnership"
    assert "vs your practices' combined list of 45,000" in peers[0].reasons[0]


def test_a_case_far_larger_is_said_to_be_so():
    badger = next(p for p in closest_peers(profile(300000), CONTENT) if p.case_id == "badger")
    assert badger.reasons == ["population 1,300,000 (the sources say “over 1.3 million patients”) vs your list of "
                              "300,000: about 4 times larger"]


def test_a_case_ten_times_larger_or_more_is_too_far_off_in_scale_to_be_a_peer_on_that_alone():
    assert "badger" not in [p.case_id for p in closest_peers(profile(130000), CONTENT)]


def test_a_peer_ten_times_larger_or_more_shows_its_scale_as_a_contrast_never_as_a_likeness():
    vitality = next(p for p in closest_peers(profile(4300, aims=["extend_services"]), CONTENT)
                    if p.case_id == "vitality")
    assert not any(r.startswith("population") for r in vitality.reasons)
    assert "also aims to offer a wider range of services" in vitality.reasons
    assert vitality.contrasts == ["population 50,000 (the sources say “covers 50,000 patients”) vs your list of "
                                  "4,300: about 12 times larger"]


def test_a_peer_within_ten_times_your_size_counts_its_scale_as_a_likeness_and_has_no_contrast():
    vitality = next(p for p in closest_peers(profile(45000), CONTENT) if p.case_id == "vitality")
    assert vitality.reasons[0].endswith("a similar size") and vitality.contrasts == []


def test_fellside_surgery_does_not_count_zio_forty_times_larger_as_alike():
    content = get_content()
    fellside = Profile(practices=[Practice(name="Fellside Surgery", list_size=4300, setting="rural",
                                           contracts=["gms"])],
                       aims=["sustainability", "workforce", "share_costs", "extend_services"],
                       preferences=Preferences(autonomy="very"))
    peers = {p.case_name: p for p in peer_candidates(fellside, content)}
    zio = next(p for name, p in peers.items() if name.startswith("ZIO"))
    assert not any("40 times larger" in r for r in zio.reasons)
    assert [c for c in zio.contrasts if c.endswith("about 40 times larger")]
    for peer in peers.values():
        for reason in peer.reasons:
            if match := POPULATION.match(reason):
                assert scale_similarity(int(match.group(1).replace(",", "")), 4300) > 0


def test_a_case_whose_model_fits_your_answers_best_is_a_peer_for_that_reason():
    # Wanting independence puts the network (integration 0) first, so Tower Hamlets is a peer for its model.
    peers = closest_peers(profile(setting="remote", autonomy="very"), CONTENT)
    assert [(p.case_id, p.reasons) for p in peers] == [
        ("tower", ["its model, network or federation, is among the structures that fit your answers best"])]


def test_with_nothing_in_the_profile_there_are_no_peers_rather_than_arbitrary_ones():
    assert closest_peers(Profile(), CONTENT) == []


def test_closest_peers_returns_at_most_n():
    assert len(closest_peers(profile(40000, setting="urban", aims=["extend_services", "workforce"]), CONTENT,
                             n=2)) == 2


sizes = st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=0, max_size=4)
profiles = st.builds(
    lambda sizes, setting, aims, autonomy: Profile(
        practices=[Practice(list_size=s, setting=setting) for s in sizes] or [Practice(setting=setting)],
        aims=aims, preferences=Preferences(autonomy=autonomy)),
    sizes, st.sampled_from([None, "urban", "suburban", "rural", "remote"]),
    st.lists(st.sampled_from(["extend_services", "workforce"]), unique=True),
    st.sampled_from([None, "not_important", "somewhat", "very"]),
)
POPULATION = re.compile(r"^population ([\d,]+) \(the sources say “(.+)”\) vs your (?:list|practices' combined list) "
                        r"of ([\d,]+): (.+)$")


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_every_reason_given_for_a_peer_is_true_of_the_data(p):
    cases = {c.id: c for c in CONTENT.case_studies}
    labels = {a.id: a.label.lower() for a in CONTENT.aims}
    for peer in closest_peers(p, CONTENT):
        assert peer.reasons, "a peer is never shown without a reason"
        case = cases[peer.case_id]
        for contrast in peer.contrasts:
            if not (match := POPULATION.match(contrast)):
                assert contrast in (f"in {case.country}: a health system outside the UK, not the NHS",
                                    f"{case.setting}, where you are {p.practices[0].setting}")
                continue
            theirs, words, yours, size = match.groups()
            assert any(f.value == int(theirs.replace(",", "")) and f.text == words for f in case.population)
            assert scale_similarity(int(theirs.replace(",", "")), int(yours.replace(",", ""))) == 0
            assert size.startswith("about ")
        for reason in peer.reasons:
            if match := POPULATION.match(reason):
                theirs, words, yours, size = match.groups()
                assert any(f.value == int(theirs.replace(",", "")) and f.text == words for f in case.population)
                assert int(yours.replace(",", "")) == p.total_list_size
                # A scale reason is listed as a likeness only when it adds to the similarity.
                assert scale_similarity(int(theirs.replace(",", "")), p.total_list_size) > 0
                ratio = int(theirs.replace(",", "")) / p.total_list_size
                assert (size == "a similar size") == (1 / 1.5 <= ratio <= 1.5)
                assert ("larger" in size) == (ratio > 1.5) and ("of your size" in size or "smaller" in size) == (
                    ratio < 1 / 1.5)
            elif reason.startswith("also aims to "):
                for aim in reason.removeprefix("also aims to ").split("; and to "):
                    aim_id = next(k for k, v in labels.items() if v == aim)
                    assert aim_id in case.aims and aim_id in p.aims
            elif reason.startswith("also "):
                assert case.setting == reason.removeprefix("also ") and case.setting in p.settings
            else:
                option = next(o for o in CONTENT.structural_options if o.id == case.model)
                assert reason == f"its model, {option.name.lower()}, is among the structures that fit your answers best"
                assert case.model in fitting_models(p, CONTENT)


# --- what the comparison still needs ---------------------------------------------------------------------


def test_with_nothing_answered_the_comparison_needs_levels_and_the_profile():
    summary = score(make_answers(), CONTENT)
    assert not has_levels(summary)
    assert [n.page for n in comparison_needs(Profile(), summary)] == ["principles", "profile"]


def test_levels_on_one_principle_and_a_list_size_with_a_setting_need_nothing_more():
    summary = score(make_answers(principles={4: (1, 3)}), CONTENT)
    assert has_levels(summary)
    assert comparison_needs(profile(6000, setting="urban"), summary) == []


def test_a_list_size_with_aims_but_no_setting_is_enough_for_peers_and_without_a_list_size_it_is_not():
    summary = score(make_answers(principles={4: (1, 3)}), CONTENT)
    assert comparison_needs(profile(6000, aims=["workforce"]), summary) == []
    [need] = comparison_needs(profile(setting="urban", aims=["workforce"]), summary)
    assert need.page == "profile" and "list size" in need.why


# --- scale -----------------------------------------------------------------------------------------------


def test_scale_points_chart_the_practice_and_each_case_with_a_number_and_list_the_rest_as_not_stated():
    data = scale_points(profile(20000, 25000), CONTENT)
    assert data.you is not None and data.you.population == 45000
    assert data.you.text == "45,000 registered patients across 2 practices"
    assert {p.id: p.population for p in data.points if p.kind == "case_study"} == {
        "vitality": 50000, "badger": 1300000, "botermarkt": 6000}
    assert {n.case_id: n.note for n in data.not_stated} == {
        "nairn": NOT_STATED, "tower": "No single figure: “approximately 30–40,000 patients”"}


def test_without_a_list_size_the_practice_is_not_charted():
    assert scale_points(Profile(), CONTENT).you is None


# --- library ---------------------------------------------------------------------------------------------


def test_case_facts_give_each_figure_as_worded_with_its_cite_and_leave_unstated_facts_empty():
    facts = {f.label: f.values for f in case_facts(CONTENT.case_studies[0], CONTENT)}
    assert [v.text for v in facts["Population served"]] == ["covers 50,000 patients", "51,000 patients"]
    assert facts["Population served"][0].citation == "Nuffield Trust and The King's Fund 2013, Appendix 1"
    assert facts["GPs"] == [] and [v.text for v in facts["Legal form"]] == ["A partnership."]
    assert {f.label: f.values for f in case_facts(CONTENT.case_studies[1], CONTENT)}["Legal form"] == []


def test_filters_combine_and_an_empty_filter_lets_everything_through():
    ids = lambda cases: [c.id for c in cases]  # noqa: E731
    assert len(filter_case_studies(CONTENT)) == len(CONTENT.case_studies)
    assert ids(filter_case_studies(CONTENT, org_types=["Super-partnership"])) == ["vitality", "nairn"]
    assert ids(filter_case_studies(CONTENT, org_types=["Super-partnership"], countries=["United Kingdom"])) == [
        "vitality"]
    assert ids(filter_case_studies(CONTENT, principles=[4, 3])) == ["vitality", "botermarkt"]
    assert ids(filter_case_studies(CONTENT, countries=["Belgium"], principles=[9])) == []


def test_case_studies_given_for_a_principle_in_the_same_words_are_shown_as_one_lesson_naming_each():
    from assessment.compare import Exemplar, group_exemplars

    def ex(case: str, text: str, section: str) -> Exemplar:
        cite = Citation(source="nuffield2013", section=section)
        return Exemplar(case_id=case.lower(), case_name=case, org_type="Network", text=text, cite=cite,
                        citation=f"Report, {section}")

    groups = group_exemplars([ex("Ash", "Shared records.", "Box 9"), ex("Elm", "Ran a hub.", "Box 2"),
                              ex("Oak", "Shared  records.", "Box 9"), ex("Yew", "Shared records.", "Box 10")])
    assert [([e.case_name for e in g.exemplars], g.text) for g in groups] == [
        (["Ash", "Oak", "Yew"], "Shared records."), (["Elm"], "Ran a hub.")]
    assert groups[0].citations == "Report, Box 9; Report, Box 10"
