"""What the workshop's views say about groups they hide, in the room a tester ran: smallest group 2; Ash Surgery
with a GP partner and a nurse, Beech Practice with a GP partner, Cedar Health Centre with nobody. Every sentence
and figure about a hidden group must be true: no 0 for a group that has someone, no "from 3 practices" when
one had nobody, no empty chart, and a reason for an empty view that is the real one."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from pypdf import PdfReader

from assessment.answers import Answers, PrincipleAnswer
from assessment.content import get_content
from assessment.workshop import (
    AGREED,
    HEATMAP_LEAD,
    NOT_SHOWN,
    ROOM_MEDIAN,
    Consensus,
    Participant,
    Workshop,
    not_shown_note,
    responses_rows,
    workshop_aggregate,
    workshop_pdf,
)
from assessment.workshop_charts import distribution_table, pdf_charts, responses_table

CONTENT = get_content()
PRACTICES = ["Ash Surgery", "Beech Practice", "Cedar Health Centre"]
WORKSHOP = Workshop(id=1, name="North Dales away-day 2", join_code="ABCDE23456", practices=PRACTICES,
                    sections=["principles"], created=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), min_group=2)


def person(number: int, practice: str, role: str, base: int) -> Participant:
    answers = Answers()
    for n in range(1, 13):
        answers.principles[n] = PrincipleAnswer(current=(base + n) % 5, target=(base + n + 1) % 5)
    return Participant(id=number, workshop_id=1, practice=practice, role=role, answers=answers,
                       updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))


PEOPLE = [person(1, "Ash Surgery", "gp_partner", 0), person(2, "Ash Surgery", "nurse", 2),
          person(3, "Beech Practice", "gp_partner", 3)]
AGREED_1_TO_5 = {n: Consensus(principle=n, level=2, target=3) for n in range(1, 6)}


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory) -> list[str]:
    """The tester's workshop PDF, built as the Export tab builds it, as each page's text in reading layout."""
    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    path = tmp_path_factory.mktemp("wsfix") / "workshop.pdf"
    path.write_bytes(workshop_pdf(WORKSHOP, agg, AGREED_1_TO_5, CONTENT, participants=PEOPLE,
                                  charts=pdf_charts(WORKSHOP, agg, CONTENT)))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- 1. a group not shown is never a 0 ---------------------------------------------------------------------


def test_a_practice_and_role_group_too_small_to_show_reads_as_not_shown_never_as_0():
    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    headers, rows = responses_rows(agg)
    assert headers == ["Practice", "GP partner", "Roles not shown", "Total"]
    assert rows == [["Ash Surgery", NOT_SHOWN, "2", "2"]]  # Ash has one GP partner: fewer than 2, so not shown
    table = responses_table(agg).set_index("Practice")
    assert table.loc["Ash Surgery", "GP partner"] == NOT_SHOWN
    assert not_shown_note(2) == "“–” means not shown: fewer than 2 of the practice's people have that role (perhaps none)."


def test_a_role_group_large_enough_still_shows_its_count():
    people = [*PEOPLE, person(4, "Ash Surgery", "gp_partner", 1)]
    headers, rows = responses_rows(workshop_aggregate(WORKSHOP, people))
    assert dict(zip(headers, rows[0], strict=True))["GP partner"] == "2"


def test_the_workshop_pdf_shows_who_answered_with_a_hidden_group_as_not_shown_and_says_what_that_means(pdf_pages):
    text = flat(" ".join(pdf_pages))
    assert "Who answered" in text
    assert "Practice GP partner Roles not shown Total Ash Surgery – 2 2" in text
    assert not_shown_note(2) in text


# --- 2. the room on the cover and in every header ---------------------------------------------------------


def test_the_workshop_pdf_counts_the_practices_invited_never_a_false_number_the_people_came_from(pdf_pages):
    cover = flat(pdf_pages[0])
    assert "Workshop: North Dales away-day 2 3 people answering; 3 practices invited" in cover
    assert "from 3 practices" not in flat(" ".join(pdf_pages))
    for page in pdf_pages[1:]:
        assert flat(page).startswith("Workshop: North Dales away-day 2 — 3 people answering; 3 practices invited ")


# --- 3. the practices' heatmap ------------------------------------------------------------------------------


def test_an_empty_practices_heatmap_prints_the_dashboards_sentence_in_the_pdf_not_an_empty_grid(pdf_pages):
    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    assert not agg.by_practice_spread  # Ash's levels are held back: the room less Ash's two is one person
    [(title, figure, _)] = [chart for chart in pdf_charts(WORKSHOP, agg, CONTENT) if "by practice" in chart[0]]
    assert figure is None
    sentence = agg.nothing_shown("practice", HEATMAP_LEAD)
    text = flat(" ".join(pdf_pages))
    assert f"{title} {sentence}" in text
    assert "Median level 0 1 2 3 4" not in text  # no empty grid's legend


def test_a_practices_heatmap_with_levels_to_show_is_still_drawn():
    people = [*PEOPLE, person(4, "Beech Practice", "nurse", 1), person(5, "Cedar Health Centre", "nurse", 1),
              person(6, "Cedar Health Centre", "nurse", 4)]
    agg = workshop_aggregate(WORKSHOP, people)
    [(_, figure, _)] = [chart for chart in pdf_charts(WORKSHOP, agg, CONTENT) if "by practice" in chart[0]]
    assert figure is not None and figure.rows == PRACTICES


# --- 4. agreed levels and the room's medians in the levels table --------------------------------------------


def levels_rows(pdf_pages: list[str]) -> dict[int, str]:
    """The levels table's rows by principle number (each row's first line)."""
    page = next(p for p in pdf_pages if "current and target levels" in p)
    table = page[page.index("Levels from"):]
    return {int(line.split()[0]): flat(line) for line in table.splitlines()[1:]
            if line.strip() and line.split()[0].isdigit()}


def test_the_pdf_levels_table_marks_each_row_agreed_or_the_rooms_median_and_says_why_a_target_is_missing(pdf_pages):
    rows = levels_rows(pdf_pages)
    assert sorted(rows) == list(range(1, 13))
    for n in range(1, 6):
        assert rows[n].endswith("2 3 +1 Agreed"), rows[n]
    for n in range(6, 13):
        assert rows[n].endswith("Not agreed — Room's median"), rows[n]
    text = flat(" ".join(pdf_pages))
    assert f"“{AGREED}” rows hold the levels the room agreed. “{ROOM_MEDIAN}” rows hold the median" in text


def test_a_target_agreed_without_a_current_level_is_shown_as_agreed_not_as_missing():
    from assessment.workshop import level_sources

    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    sources = level_sources(WORKSHOP, agg, {7: Consensus(principle=7, target=4), 1: Consensus(principle=1, level=1)})
    assert (sources.by_principle[7].source, sources.by_principle[7].no_target) == (ROOM_MEDIAN,
                                                                                   "4 agreed, no current agreed")
    assert (sources.by_principle[1].source, sources.by_principle[1].no_target) == (AGREED, "Not agreed")


# --- 5. why a view by role or practice is empty, and the notes of what is hidden --------------------------


def test_nothing_to_show_by_role_says_the_roles_figures_were_held_back_when_that_is_why():
    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    assert agg.by_role == {"gp_partner": 2} and not agg.by_role_spread  # two GP partners answered all 12
    assert agg.nothing_shown("role", "Nothing to show by role yet") == (
        "Nothing to show by role yet: fewer than 2 people outside the roles large enough to show have answered, "
        "and showing those roles' figures would give the others' answers away.")


@pytest.mark.parametrize(("people", "reason"), [
    ([person(1, "Ash Surgery", "gp_partner", 0), person(2, "Ash Surgery", "nurse", 2)],
     "no role has 2 or more people answering."),
    ([Participant(id=n, workshop_id=1, practice="Beech Practice", role="gp_partner", answers=Answers(
        principles={n: PrincipleAnswer(current=1)}), updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)) for n in (1, 2)],
     "no role has 2 or more people who have answered the same principle."),
])
def test_nothing_to_show_by_role_gives_the_plain_reason_when_no_figures_were_held_back(people, reason):
    agg = workshop_aggregate(WORKSHOP, people)
    text = agg.nothing_shown("role", "Nothing to show by role yet")
    assert "outside the roles" not in text
    assert text == f"Nothing to show by role yet: {reason}"


def test_the_notes_of_what_is_hidden_are_one_short_plain_sentence():
    agg = workshop_aggregate(WORKSHOP, PEOPLE)
    note = agg.left_out("practices", "roles", "pairs")
    assert note == ("2 practices, 1 role and 2 roles within practices with fewer than 2 people are not shown, nor are "
                    "some other figures, so that no one person's answers can be picked out or worked out from the "
                    "others.")
    for kinds in [("practices", "roles", "pairs"), ("practices",), ("roles",), ("practices", "roles", "principles")]:
        text = agg.left_out(*kinds)
        assert text.count(".") == 1 and len(text.split()) <= 40, text
        assert "taking the shown" not in text and "single principles" not in text


def test_figures_held_back_alone_get_one_plain_sentence():
    # Three nurses and three GP partners, all shown as roles; only one GP partner answered principle 1, so the
    # nurses' figure for it beside the room's would give that one GP partner's level away, and is held back.
    def one(number: int, role: str, principles: dict[int, int]) -> Participant:
        answers = Answers(principles={n: PrincipleAnswer(current=level) for n, level in principles.items()})
        return Participant(id=number, workshop_id=1, practice="Ash Surgery", role=role, answers=answers,
                           updated=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))

    people = ([one(i, "nurse", {1: i, 2: 1}) for i in range(3)] + [one(3, "gp_partner", {1: 4, 2: 2})]
              + [one(i, "gp_partner", {2: 3}) for i in (4, 5)])
    agg = workshop_aggregate(WORKSHOP.model_copy(update={"min_group": 3}), people)
    assert agg.hidden_roles == 0 and agg.hidden_role_cells == 1
    assert agg.left_out("roles") == ("Some figures are not shown, so that no one person's answers can be worked out "
                                     "from the others.")


def test_a_principle_too_few_answered_is_blank_in_the_levels_table_and_says_fewer_than_in_the_pdf_never_0():
    people = [person(1, "Ash Surgery", "gp_partner", 0), person(2, "Ash Surgery", "nurse", 2)]
    people[1].answers.principles.pop(12)  # principle 12: one answer, fewer than 2
    agg = workshop_aggregate(WORKSHOP, people)
    row = distribution_table(agg, CONTENT).iloc[11]
    assert row[["Answers", "Level 0", "Level 4", "Targets given"]].isna().all()
    assert distribution_table(agg, CONTENT).iloc[0]["Answers"] == 2
    pdf = workshop_pdf(WORKSHOP, agg, {}, CONTENT, participants=people)
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert "12. Professional management and leadership Fewer than 2" in text
