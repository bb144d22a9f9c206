"""Speed figures for GroupUp, each a ratio to a baseline measured in the same run.

Run with `.venv/bin/python benchmarks/run.py` (or `make bench`). Each benchmark prints one line:
"name: X.XX× (abs ms vs baseline ms)". To add one, write a function returning a Result and list it in
BENCHMARKS.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `assessment` and `ui` import when run as a script

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from streamlit.testing.v1.element_tree import Block, UnknownElement, Widget  # noqa: E402

from assessment.answers import Answers, PrincipleAnswer  # noqa: E402
from assessment.content import get_content  # noqa: E402
from ui.nav import PAGES, page_file  # noqa: E402
from ui.state import Keys  # noqa: E402

RERUNS = 40
WARMUP = 3


@dataclass
class Result:
    name: str
    ms: float
    baseline_ms: float
    goal: float | None = None

    @property
    def missed(self) -> bool:
        return self.goal is not None and self.ms / self.baseline_ms > self.goal

    def line(self) -> str:
        ratio = self.ms / self.baseline_ms
        goal = "" if self.goal is None else f" [goal ≤{self.goal:g}×: {'met' if ratio <= self.goal else 'MISSED'}]"
        return f"{self.name}: {ratio:.2f}× ({self.ms:.1f} ms vs {self.baseline_ms:.1f} ms){goal}"


def _keep_compiled_scripts() -> None:
    """Compile each script once, as a server does; AppTest otherwise recompiles every script on every run."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared


def _run_app_py_on_every_page() -> None:
    """As tests/app/conftest.py does: AppTest forgets that st.navigation replaced the pages/ folder scan."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def median_rerun_ms(*apps: AppTest, reruns: int = RERUNS) -> list[float]:
    """Median rerun time of each app. Runs are interleaved, so a busy machine slows every app alike."""
    for at in apps:
        for _ in range(WARMUP):
            at.run()
    times: list[list[float]] = [[] for _ in apps]
    for _ in range(reruns):
        for at, samples in zip(apps, times, strict=True):
            start = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - start) * 1000)
            assert not at.exception, at.exception
    return [statistics.median(samples) for samples in times]


def full_answers() -> Answers:
    """Every question answered, with gaps, so the Results page draws everything."""
    content = get_content()
    answers = Answers()
    for section in (content.readiness, content.components):
        top = len(section.scale) - 1
        for index, question in enumerate(section.questions):
            getattr(answers, section.id)[question.id] = "not_sure" if index % 7 == 6 else index % (top + 1)
    for number in range(1, 13):
        answers.principles[number] = PrincipleAnswer(current=number % 4, target=min(4, number % 4 + number % 3))
    answers.profile.practices[0].name = "Benchmark Surgery"
    return answers


def open_page(url_path: str, answers: Answers) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[Keys.ANSWERS] = answers
    at.run()
    spec = next(p for p in PAGES if p.url_path == url_path)
    at.switch_page(str(page_file(spec))).run()
    assert not at.exception, at.exception
    return at


def _walk(node) -> list:
    found = []
    for child in getattr(node, "children", {}).values():
        found.append(child)
        if isinstance(child, Block):
            found.extend(_walk(child))
    return found


def census(at: AppTest) -> Counter:
    """How many of each widget type the run drew (main area and sidebar), plus its charts."""
    counts: Counter = Counter()
    for node in _walk(at.main) + _walk(at.sidebar):
        if isinstance(node, Widget):
            counts[node.type] += 1
        elif isinstance(node, UnknownElement) and node.type in ("vega_lite_chart", "arrow_vega_lite_chart"):
            counts["chart"] += 1
    return counts


WIDGET_CODE: dict[str, str] = {
    "radio": 'st.radio("Question {i}", [0, 1, 2, 3, 4, "not_sure"], index=None, key="k{i}", horizontal=True)',
    "text_area": 'st.text_area("Note {i}", key="k{i}")',
    "text_input": 'st.text_input("Text {i}", key="k{i}")',
    "number_input": 'st.number_input("Number {i}", min_value=0, value=None, key="k{i}")',
    "multiselect": 'st.multiselect("Choose {i}", ["a", "b", "c"], key="k{i}")',
    "selectbox": 'st.selectbox("Pick {i}", ["a", "b", "c"], index=None, key="k{i}")',
    "button": 'st.button("Button {i}", key="k{i}")',
    "download_button": 'st.download_button("Download {i}", data="{{}}", file_name="f.json", key="k{i}", '
                       'on_click="ignore")',
    "file_uploader": 'st.file_uploader("Upload {i}", type=["json"], key="k{i}")',
    "checkbox": 'st.checkbox("Tick {i}", key="k{i}")',
    "chart": 'st.altair_chart(alt.Chart(DATA).mark_bar().encode(x="score:Q", y="name:N"))',
}


def baseline_script(counts: Counter) -> str:
    """A bare page drawing the same widgets and charts, with no content, state or scoring."""
    lines = ["import altair as alt", "import pandas as pd", "import streamlit as st",
             'DATA = pd.DataFrame({"name": [f"Item {n}" for n in range(12)], "score": list(range(12))})']
    i = 0
    for kind, count in sorted(counts.items()):
        if kind not in WIDGET_CODE:
            raise KeyError(f"no baseline for widget type {kind!r}: add it to WIDGET_CODE")
        for _ in range(count):
            lines.append(WIDGET_CODE[kind].format(i=i))
            i += 1
    return "\n".join(lines) + "\n"


def page_vs_baseline(name: str, url_path: str, goal: float) -> Result:
    at = open_page(url_path, full_answers())
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "baseline.py"
        script.write_text(baseline_script(census(at)))
        base = AppTest.from_file(str(script), default_timeout=60)
        base.run()
        ms, baseline_ms = median_rerun_ms(at, base)
    return Result(name, ms, baseline_ms, goal)


def design_principles_page() -> Result:
    return page_vs_baseline("design_principles_page_rerun", "principles", goal=1.5)


def results_page() -> Result:
    return page_vs_baseline("results_page_rerun", "results", goal=3)


def _median_ms(job: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def pdf_export(repeats: int = 5) -> Result:
    """The whole PDF summary of a full assessment, against drawing just its charts with vl-convert."""
    from assessment.actions import add_action, make_action
    from assessment.report import build_pdf, render_chart_png, report_charts
    from assessment.scoring import score

    content = get_content()
    answers = full_answers()
    for gap in score(answers, content).gaps:
        add_action(answers, make_action(f"Close the gap on {gap.title}", principle=gap.number, owner="A. Partner"))
    charts = report_charts(answers, content, score(answers, content))

    def charts_only() -> None:
        for chart in charts:
            render_chart_png(chart.spec)

    build_pdf(answers, content)  # vl-convert's first chart in a process pays its start-up; measure warm
    charts_only()
    baseline_ms = _median_ms(charts_only, repeats)
    return Result("pdf_export_vs_its_charts", _median_ms(lambda: build_pdf(answers, content), repeats),
                  baseline_ms, goal=2)


def _workshop_answers(i: int) -> Answers:
    """One participant's answers: every principle and readiness question, varied so spreads are non-trivial."""
    content = get_content()
    answers = Answers()
    for number in range(1, 13):
        answers.principles[number] = PrincipleAnswer(current=(i + number) % 5, target=4)
    top = len(content.readiness.scale) - 1
    for index, question in enumerate(content.readiness.questions):
        answers.readiness[question.id] = (i + index) % (top + 1)
    return answers


WORKSHOP_SIZES = (10, 100, 1000)
WORKSHOP_PRACTICES = ["Ash Surgery", "Beech Practice", "Cedar Health Centre", "Damson Medical Group"]
WORKSHOP_ROLES = ["gp_partner", "salaried_gp", "practice_manager", "nurse", "administrative"]


def _workshop_participants(n: int) -> list:
    import datetime as dt

    from assessment.workshop import Participant

    now = dt.datetime.now(dt.UTC)
    return [Participant(id=i, workshop_id=1, practice=WORKSHOP_PRACTICES[i % 4], role=WORKSHOP_ROLES[i % 5],
                        answers=_workshop_answers(i), updated=now) for i in range(n)]


def workshop_aggregation() -> list[Result]:
    """The dashboard's pure aggregation for 10, 100 and 1,000 participants, each against 10. Linear growth means
    a ratio no more than the ratio of participants (10× and 100×)."""
    from assessment.workshop import aggregate_participants

    timings = {}
    for n in WORKSHOP_SIZES:
        people = _workshop_participants(n)
        aggregate_participants(people, WORKSHOP_PRACTICES)
        timings[n] = _median_ms(lambda people=people: aggregate_participants(people, WORKSHOP_PRACTICES), 30)
    return [Result(f"workshop_aggregation_{n}_participants", timings[n], timings[10], goal=n / 10)
            for n in WORKSHOP_SIZES]


def workshop_dashboard() -> list[Result]:
    """The facilitator page's rerun (AppTest, data read from SQLite) with 100 and 1,000 participants, against 10."""
    import os

    from assessment.storage import clear_storage_cache, get_storage

    with tempfile.TemporaryDirectory() as tmp:
        previous = os.environ.get("GROUPUP_DATA_DIR")
        os.environ["GROUPUP_DATA_DIR"] = tmp
        clear_storage_cache()
        try:
            storage = get_storage()
            apps = []
            for n in WORKSHOP_SIZES:
                workshop = storage.create_workshop(f"Benchmark {n}", WORKSHOP_PRACTICES,
                                                   ["readiness", "principles"]).workshop
                for i in range(n):
                    storage.add_participant(workshop.id, WORKSHOP_PRACTICES[i % 4], WORKSHOP_ROLES[i % 5],
                                            _workshop_answers(i))
                at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
                at.session_state[Keys.FACILITATOR] = {"workshop_id": workshop.id, "new_key": None,
                                                      "opened": {workshop.id: workshop.name}, "compare_with": None}
                at.run()
                spec = next(p for p in PAGES if p.url_path == "facilitate")
                at.switch_page(str(page_file(spec))).run()
                assert not at.exception, at.exception
                assert at.metric[0].value == str(n), [m.value for m in at.metric]
                apps.append(at)
            times = median_rerun_ms(*apps, reruns=15)
        finally:
            clear_storage_cache()
            if previous is None:
                os.environ.pop("GROUPUP_DATA_DIR", None)
            else:
                os.environ["GROUPUP_DATA_DIR"] = previous
    by_size = dict(zip(WORKSHOP_SIZES, times, strict=True))
    return [Result(f"workshop_dashboard_rerun_{n}_participants", by_size[n], by_size[10], goal=3)
            for n in WORKSHOP_SIZES[1:]]


BENCHMARKS: list[Callable[[], Result | list[Result]]] = [
    design_principles_page,
    results_page,
    pdf_export,
    workshop_aggregation,
    workshop_dashboard,
]


def main() -> int:
    _run_app_py_on_every_page()
    _keep_compiled_scripts()
    get_content()  # loaded once per process, as in the app; not part of any rerun
    only = set(sys.argv[1:])  # e.g. `benchmarks/run.py workshop_dashboard` runs just that one
    missed = []
    for benchmark in BENCHMARKS:
        if only and benchmark.__name__ not in only:
            continue
        results = benchmark()
        for result in results if isinstance(results, list) else [results]:
            print(result.line(), flush=True)
            if result.missed:
                missed.append(result.name)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
