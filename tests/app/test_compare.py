"""The Compare page: the evidence heatmap beside your levels, whom to learn from, closest peers and scale."""

from __future__ import annotations

import json

import pyarrow as pa

from assessment.answers import Answers, Practice, Preferences, PrincipleAnswer, Profile
from assessment.compare import group_exemplars, learn_from, scale_points
from assessment.comparison_charts import evidence_left_out, evidence_note
from assessment.content import get_content
from assessment.findings import build_findings
from assessment.scoring import score
from ui.widgets import escape_markdown


def text_of(at) -> str:
    """Everything written on the page as markdown, with Markdown escapes removed."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def charts(at) -> list[dict]:
    """Each chart's spec, with its data rows (sent separately, as Arrow) under "rows"."""
    specs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["rows"] = [row for ds in chart.proto.datasets
                        for row in pa.ipc.open_stream(ds.data.data).read_all().to_pylist()]
        specs.append(spec)
    return specs


def principles_with_cases() -> list[int]:
    """Principles the content links to at least one case study, most-linked first."""
    counts: dict[int, int] = {}
    for case in get_content().case_studies:
        for link in case.principles:
            counts[link.number] = counts.get(link.number, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def assessed_practice(name: str = "Riverside Surgery") -> Answers:
    """An urban GMS practice of 45,000 with gaps on the principles the case studies exemplify most."""
    top = principles_with_cases()[:3]
    return Answers(
        profile=Profile(practices=[Practice(name=name, list_size=45000, setting="urban", contracts=["gms"])],
                        aims=["extend_services", "workforce"], preferences=Preferences(autonomy="somewhat")),
        principles={n: PrincipleAnswer(current=0, target=3 + (i == 0)) for i, n in enumerate(top)},
    )


def test_with_nothing_answered_the_page_says_what_to_fill_in_and_links_to_those_pages(app_test):
    at = app_test(page="compare")
    assert not at.exception
    assert "needs more of your answers" in at.info[0].value
    assert {"principles", "profile"} <= {link.proto.page for link in at.get("page_link")}
    assert "Set a target above your current level" in text_of(at)
    assert "No peers yet: give your list size" in text_of(at)


def test_the_heatmap_is_drawn_even_with_nothing_answered_since_it_shows_the_evidence(app_test):
    at = app_test(page="compare")
    heatmap = charts(at)[0]
    marked = [r for r in heatmap["rows"] if r.get("mark") == "Exemplifies this principle"]
    assert len(marked) == sum(len(c.principles) for c in get_content().case_studies)


def test_learn_from_lists_the_case_studies_behind_the_largest_gaps_each_with_its_source(app_test):
    answers = assessed_practice()
    lessons = learn_from(score(answers, get_content()), get_content())
    at = app_test(answers, page="compare")
    shown = text_of(at)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert lessons and all(lesson.exemplars for lesson in lessons)
    for lesson in lessons:
        assert f"Principle {lesson.principle}. {lesson.title}" in shown
        for exemplar in lesson.exemplars:
            assert f"**{exemplar.case_name}** ({exemplar.org_type})" in shown
            assert exemplar.citation in captions
        for group in group_exemplars(lesson.exemplars):
            assert shown.count(group.text) == 1, "a sentence the sources give for several case studies shows once"


def test_your_levels_appear_beside_the_heatmap(app_test):
    answers = assessed_practice()
    at = app_test(answers, page="compare")
    rows = [r for r in charts(at)[0]["rows"] if r.get("kind")]
    assert len(rows) == 2 * len(answers.principles)


def test_each_closest_peer_is_shown_with_its_reasons_and_never_a_bare_number(app_test):
    answers = assessed_practice()
    peers = build_findings(answers, get_content()).peers
    at = app_test(answers, page="compare")
    shown = text_of(at)
    assert peers
    for peer in peers:
        assert peer.case_name in shown
        for reason in peer.reasons:
            assert f"- {reason}" in shown
        assert f"{peer.similarity}" not in shown


def test_the_scale_chart_highlights_the_practice_and_lists_the_cases_whose_scale_is_not_stated(app_test):
    answers = assessed_practice()
    at = app_test(answers, page="compare")
    scale = charts(at)[1]
    yours = [r for r in scale["rows"] if r.get("you")]
    assert [(r["name"], r["population"]) for r in yours] == [("Riverside Surgery", 45000)]
    shown = text_of(at)
    for missing in scale_points(answers.profile, get_content()).not_stated:
        assert missing.case_name in shown
    assert any(t.value is not None for t in at.table)  # the tables behind the charts are drawn


def test_a_practice_name_is_shown_as_plain_text_never_as_markdown(app_test):
    name = "**Bold** [click](https://example.com) <b>x</b>"
    at = app_test(assessed_practice(name), page="compare")
    assert at.caption[0].value == escape_markdown(name)


def test_the_page_runs_with_the_example_practice_loaded(app_test, example_answers):
    answers = example_answers("urban_federation")
    at = app_test(answers, page="compare")
    assert not at.exception
    for lesson in learn_from(score(answers, get_content()), get_content()):
        assert lesson.title in text_of(at)


def test_the_page_says_which_case_studies_the_heatmap_leaves_out_and_why(app_test):
    content = get_content()
    at = app_test(page="compare")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert evidence_note(content) in captions
    for name in evidence_left_out(content):
        assert name in evidence_note(content)
    assert evidence_left_out(content)  # the real content has case studies that exemplify no principle


def test_a_peer_far_larger_than_you_shows_its_scale_under_unlike_you_not_alike_because(app_test, example_answers):
    answers = example_answers("small_rural_gms")  # Fellside Surgery, 4,300 patients
    peers = build_findings(answers, get_content()).peers
    contrasted = [p for p in peers if p.contrasts]
    assert contrasted, "the example practice has a peer ten or more times its size"
    shown = text_of(at := app_test(answers, page="compare"))
    assert not at.exception
    for peer in contrasted:
        assert "Unlike you:\n" + "\n".join(f"- {c}" for c in peer.contrasts) in shown
        for contrast in peer.contrasts:
            assert f"Alike because:\n- {contrast}" not in shown


def test_the_scale_chart_names_each_organisations_type_beside_it(app_test):
    at = app_test(assessed_practice(), page="compare")
    rows = charts(at)[1]["rows"]
    points = [r for r in rows if "name" in r]  # the rest are the names written above each row
    assert points and all(r["label"] == f"{r['name']} ({r['type']})" for r in points)
    written = " ".join(r["row_label"].replace("\n", " ") for r in rows if "row_label" in r)
    assert all(r["label"] in written for r in points if r["type"] != "Your practice")


def test_a_peer_shows_how_it_differs_as_well_as_why_it_was_chosen(app_test, example_answers):
    answers = example_answers("small_rural_gms")
    peers = build_findings(answers, get_content()).peers
    shown = text_of(at := app_test(answers, page="compare"))
    assert not at.exception
    assert any(p.contrasts for p in peers)
    for peer in peers:
        assert "Alike because:\n" + "\n".join(f"- {r}" for r in peer.reasons) in shown
        if peer.contrasts:
            assert "Unlike you:\n" + "\n".join(f"- {c}" for c in peer.contrasts) in shown


def test_where_no_case_study_is_close_enough_the_page_says_so_and_offers_none(app_test):
    # A practice abroad in all but name: a list size and nothing else the English case studies share enough of.
    answers = Answers(profile=Profile(practices=[Practice(name="Tiny Surgery", list_size=150, setting="remote",
                                                          contracts=["apms"])]))
    found = build_findings(answers, get_content())
    at = app_test(answers, page="compare")
    assert found.peers == []
    assert "No case study in the sources is close enough to your practice" in text_of(at)
    assert "Alike because" not in text_of(at)
