"""Every workshop dashboard chart's Vega-Lite spec renders to PNG, for an empty room, a small one and a split one."""

from __future__ import annotations

import pytest
import vl_convert as vlc

from assessment.workshop import Aggregate, Consensus, Response, aggregate, compare
from assessment.workshop_charts import (
    comparison_chart,
    disagreement_chart,
    distribution_chart,
    heatmap_chart,
    responses_chart,
)
from tests.factories import make_content

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CONTENT = make_content()
PRACTICES = ["Ash Surgery", "Birch Medical Centre"]


def response(practice: str, role: str, **levels: int) -> Response:
    """levels: p1=2 means principle 1 at level 2."""
    return Response(practice=practice, role=role, levels={int(k[1:]): v for k, v in levels.items()})


ROOMS: dict[str, Aggregate] = {
    "nobody has answered": aggregate([], PRACTICES),
    "one person": aggregate([response("Ash Surgery", "gp_partner", p1=2, p5=3)], PRACTICES),
    # Three people in each role at each practice, so no group is too small to be shown, with views far apart.
    "a split room": aggregate([
        response(practice, role, **{f"p{n}": (n + i + shift) % 5 for n in range(1, 13)})
        for practice, shift in zip(PRACTICES, (0, 2), strict=True)
        for role in ("gp_partner", "nurse", "practice_manager")
        for i in range(3)
    ], PRACTICES),
}
CHARTS = {
    "responses": lambda agg: responses_chart(agg),
    "distribution": lambda agg: distribution_chart(agg, CONTENT),
    "disagreement by role": lambda agg: disagreement_chart(agg, CONTENT, "role"),
    "disagreement by practice": lambda agg: disagreement_chart(agg, CONTENT, "practice"),
    "compatibility heatmap": lambda agg: heatmap_chart(agg, CONTENT),
}


def renders(chart) -> bytes:
    return vlc.vegalite_to_png(chart.to_json())


@pytest.mark.parametrize("room", list(ROOMS))
@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_workshop_chart_renders_to_a_png(chart, room):
    png = renders(CHARTS[chart](ROOMS[room]))
    assert png.startswith(PNG_SIGNATURE) and len(png) > 1000


@pytest.mark.parametrize(("before", "after"), [
    ("nobody has answered", "nobody has answered"),
    ("one person", "a split room"),
    ("a split room", "a split room"),
])
def test_the_reassessment_comparison_chart_renders_to_a_png(before, after):
    agreed = {1: Consensus(principle=1, level=2, low=0, high=4)}
    changes = compare(ROOMS[before], ROOMS[after], agreed if before != after else {}, agreed, CONTENT)
    png = renders(comparison_chart(changes))
    assert png.startswith(PNG_SIGNATURE) and len(png) > 1000


def rows(chart) -> list[dict]:
    return [row for rows in chart.to_dict()["datasets"].values() for row in rows]


@pytest.mark.parametrize("chart", list(CHARTS))
def test_the_split_room_puts_data_in_every_chart_so_the_render_tests_draw_real_marks(chart):
    assert rows(CHARTS[chart](ROOMS["a split room"]))


def test_the_split_room_is_drawn_as_disagreement():
    assert any(r.get("view") == "Views 2+ levels apart" for r in rows(CHARTS["distribution"](ROOMS["a split room"])))
    assert any(r.get("flag") for r in rows(CHARTS["disagreement by role"](ROOMS["a split room"])))


def test_the_join_qr_code_decodes_to_the_join_link_and_is_big_enough_for_a_projector():
    import io

    import zxingcpp
    from PIL import Image

    from assessment.workshop_charts import join_qr_png

    link = "https://groupup.example.nhs.uk/join?code=7KQ2M-XD4RP"
    image = Image.open(io.BytesIO(join_qr_png(link)))
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == link
    assert image.width >= 400  # shown at 360 px; scanned from the back of a room


def test_the_distribution_legend_offers_whole_people_only():
    room = aggregate([response("Ash Surgery", "nurse", p1=lv) for lv in (0, 1, 1, 2, 2, 2, 3)], PRACTICES)
    spec = distribution_chart(room, CONTENT).to_dict()
    legend = spec["layer"][0]["encoding"]["size"]["legend"]
    assert legend["format"] == "d" and all(isinstance(v, int) for v in legend["values"])


def test_the_heatmap_labels_every_principle():
    spec = heatmap_chart(ROOMS["a split room"], CONTENT).to_dict()
    axis = spec["layer"][0]["encoding"]["x"]["axis"] if "encoding" in spec["layer"][0] else spec["encoding"]["x"]["axis"]
    assert axis["labelOverlap"] is False
