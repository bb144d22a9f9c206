"""Load: N simulated workshop participants as real sessions over the server's WebSocket, as a browser does.

Starts `streamlit run app.py` on a free port with a fresh SQLite database, creates a workshop and N participant
entries, then opens N WebSocket sessions on /_stcore/stream. Each session loads its personal join link
(?participant=TOKEN) and answers a design principle every few seconds by sending the radio's new value in a
BackMsg with every widget value the session has set, as the browser's frontend does. An answer counts as stored
when the rerun it triggers has finished (the answer is written in the radio's on_change callback, before the
rerun's script body) and the page does not say it is unsaved; when it does, the harness keeps the tab open and
sends the retry banner's timed reruns, as the browser's timer would, and the answer counts once the page says it
is saved. An answer whose rerun never finished counts at the time the harness waited (TIMEOUT_S), so a session
that waited a minute is never reported as fine. The database is checked at the end for every answer sent.

    .venv/bin/python benchmarks/load.py            # N = 10, 50 and 100
    .venv/bin/python benchmarks/load.py 100        # one size
    .venv/bin/python benchmarks/load.py 20 --outage 6   # the database refuses writes for the first 6 s of answering

Prints p50 and p95 answer-to-stored time, answers lost, the server's memory (resident set) before and after with
the memory per session, and the server's CPU time for loading the sessions and per answer (CPU time is far less
disturbed by other work on the machine than wall-clock time, so it is the figure to compare changes by). Goal on the project's 2-core machine: 100 participants, p95 <= 1 s, 0 lost.
Exits non-zero when the goal is missed.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app's own packages come first

from assessment.storage import SQLITE_FILE, Storage  # noqa: E402

SIZES = (10, 50, 100)
ANSWERS_EACH = 4  # principles each participant answers
GAP_S = (2.0, 4.0)  # seconds between one participant's answers, drawn at random
GOAL_P95_S = 1.0
TIMEOUT_S = 60.0  # a run not finished by then is given up on, and its answer counted at this time
UNSAVED = "not saved yet"  # the join page's banner while an answer waits for the database
PRACTICES = ["Ash Surgery", "Beech Practice", "Cedar Health Centre", "Damson Medical Group"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def hold_write_lock(database: Path, seconds: float) -> None:
    """An outage as the app sees one: another process holds SQLite's write lock, so every save fails for a while."""
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
        conn.execute("COMMIT")
    finally:
        conn.close()


def cpu_s(pid: int) -> float:
    """The process's CPU time so far (user + system), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(data_dir: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "GROUPUP_DATA_DIR": data_dir}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError("the server did not start")


class Session:
    """One browser tab's conversation with the server: send a rerun, read ForwardMsgs until it finishes."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.radios: dict[str, tuple[str, list[str], str]] = {}  # user key -> (widget id, options, fragment id)
        self.values: dict[str, str] = {}  # widget id -> value: everything this tab has set, sent on every rerun
        self.timers: dict[str, float] = {}  # fragment id -> seconds: the page's run_every fragments
        self.page = ""  # the page's script hash, once the server has said it (navigation), as the browser keeps it
        self.alerts: dict[str, list[str]] = {}  # what the alert boxes on the page say, by the fragment they are in
        self.ws = None
        self.exceptions: list[str] = []  # any exception box the page showed: a run that failed is not a success

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{self.port}", max_size=None, open_timeout=TIMEOUT_S, ping_interval=None)

    @property
    def unsaved(self) -> bool:
        return any(UNSAVED in a for alerts in self.alerts.values() for a in alerts)

    async def rerun(self, widget: tuple[str, str] | None = None, fragment: str = "", timer: bool = False) -> float:
        """Send a rerun (with one radio's new value, if given, and the fragment it sits in, as the browser does:
        a change inside a fragment reruns only that fragment); seconds until the run finished."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = f"participant={self.token}"
        # As the browser does: the page's name from the address (/join) until the server has said which page
        # runs, then that page's hash. Without it, a whole-page rerun the script asks for opens the Welcome page.
        if self.page:
            state.page_script_hash = self.page
        else:
            state.page_name = "join"
        state.is_auto_rerun = timer
        if fragment:
            state.fragment_id = fragment
        if widget is not None:
            # A radio's value travels as its option's text in Streamlit 1.67 (RadioSerde: "string_value"), as the
            # browser sends it; an index made every run end in a TypeError on the page.
            widget_id, value = widget
            self.values[widget_id] = value
        for widget_id, value in self.values.items():  # the browser sends every widget's value, not just one
            w = state.widget_states.widgets.add()
            w.id, w.string_value = widget_id, value
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        whole = not fragment  # a fragment's run redraws only what is inside it
        if fragment:
            self.alerts.pop(fragment, None)
        while True:
            forward = ForwardMsg()
            # Bounded: a run that never finishes is reported, not waited on for ever.
            forward.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=TIMEOUT_S))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "radio":
                    radio = element.radio
                    key = radio.id.rsplit("-", 1)[-1]
                    self.radios[key] = (radio.id, list(radio.options), forward.delta.fragment_id)
                elif element.WhichOneof("type") == "alert":
                    self.alerts.setdefault(forward.delta.fragment_id, []).append(element.alert.body)
                elif element.WhichOneof("type") == "exception":
                    self.exceptions.append(f"{element.exception.type}: {element.exception.message[:120]}")
            elif kind == "new_session" and whole:  # a whole run of the page starts: everything is redrawn
                self.alerts.clear()
            elif kind == "navigation":  # which page st.navigation chose: the browser sends it back from now on
                self.page = forward.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.timers[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment_id in forward.stop_auto_rerun.fragment_ids:
                    self.timers.pop(fragment_id, None)
            elif kind == "script_finished":
                # A run stopped for a rerun the script asked for (st.rerun) is followed by that run: wait for it.
                if forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return time.perf_counter() - started
                whole = True  # the join page asks only for whole-page reruns (st.rerun(scope="app"))

    async def until_saved(self, started: float) -> None:
        """While the page says the answers are unsaved, do what the browser's timer does: rerun the page's timed
        fragments at their interval, until the page says they are saved or TIMEOUT_S has passed since `started`."""
        while time.perf_counter() - started < TIMEOUT_S:
            # The timed fragment that says so (the page has others, e.g. an hourly one the retry does not need).
            banner = [f for f, alerts in self.alerts.items() if f in self.timers and any(UNSAVED in a for a in alerts)]
            if not banner:
                return
            await asyncio.sleep(self.timers[banner[0]])
            await self.rerun(fragment=banner[0], timer=True)

    async def close(self) -> None:
        await self.ws.close()


async def participant(port: int, token: str, number: int, start: asyncio.Event, latencies: list[float],
                      errors: list[str], loaded: list[int]) -> list[tuple[int, int]]:
    """Join by personal link, then answer ANSWERS_EACH principles; returns the (principle, level) it sent."""
    session = Session(port, token)
    sent = []
    try:
        await session.connect()
        await session.rerun()
        for _ in range(3):  # a first run can end early, before the page is drawn, when another rerun follows it
            if "w_wsj_principle_1_current" in session.radios:
                break
            await session.rerun()
        loaded.append(number)
        await start.wait()
        for principle in range(1, ANSWERS_EACH + 1):
            await asyncio.sleep(random.uniform(*GAP_S))
            key = f"w_wsj_principle_{principle}_current"
            if key not in session.radios:
                errors.append(f"participant {number}: no radio {key}")
                continue
            level = (number + principle) % 5
            widget_id, options, fragment = session.radios[key]
            sent.append((principle, level))
            started = time.perf_counter()
            try:
                await session.rerun((widget_id, options[level]), fragment)
                await session.until_saved(started)
            except TimeoutError:
                latencies.append(TIMEOUT_S)  # counted at the time waited, and the session given up on
                raise
            if session.unsaved:
                errors.append(f"participant {number}: principle {principle} still unsaved after {TIMEOUT_S:g} s")
            latencies.append(time.perf_counter() - started)
        await session.close()
        errors.extend(f"participant {number}: the page showed {e}" for e in session.exceptions[:1])
    except Exception as exc:  # noqa: BLE001 — a dropped session is reported as lost answers, not a crash
        errors.append(f"participant {number}: {exc.__class__.__name__} after {len(sent)} answers sent {exc}")
    return sent


async def run_size(n: int, outage_s: float = 0.0) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        storage = Storage(f"sqlite:///{Path(data_dir) / SQLITE_FILE}")
        workshop = storage.create_workshop(f"Load {n}", PRACTICES, ["principles"]).workshop
        tokens = [storage.add_participant(workshop.id, PRACTICES[i % 4], "nurse").token for i in range(n)]
        port = free_port()
        server = start_server(data_dir, port)
        try:
            idle_mb, idle_cpu = rss_mb(server.pid), cpu_s(server.pid)
            began = time.perf_counter()
            start, latencies, errors, loaded = asyncio.Event(), [], [], []
            tasks = [asyncio.create_task(participant(port, t, i, start, latencies, errors, loaded))
                     for i, t in enumerate(tokens)]
            # Every session loads its page before the answering starts, as a room does after joining.
            deadline = time.monotonic() + 120
            while len(loaded) + len(errors) < n and time.monotonic() < deadline:
                await asyncio.sleep(0.25)
            load_s, loaded_mb, loaded_cpu = time.perf_counter() - began, rss_mb(server.pid), cpu_s(server.pid)
            own_cpu = time.process_time()
            start.set()
            if outage_s:
                outage = asyncio.create_task(asyncio.to_thread(
                    hold_write_lock, Path(data_dir) / SQLITE_FILE, outage_s + GAP_S[0]))  # answering starts after a gap
            results = await asyncio.gather(*tasks)
            if outage_s:
                await outage
            busy_mb, busy_cpu = rss_mb(server.pid), cpu_s(server.pid)
            own_cpu = time.process_time() - own_cpu
        finally:
            server.terminate()
            server.wait(timeout=20)
        stored = {p.id: p.answers for p in storage.participants(workshop.id)}
        ids = [p.id for p in storage.participants(workshop.id)]
        storage.dispose()
    lost = 0
    for pid, sent in zip(ids, results, strict=True):
        for principle, level in sent:  # every answer sent, including any whose run the harness gave up on
            answer = stored[pid].principles.get(principle)
            lost += answer is None or answer.current != level
    unsent = n * ANSWERS_EACH - sum(len(s) for s in results)  # the harness never sent them: a session failed
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else float("nan")
    return {"n": n, "answers": len(latencies), "p50": statistics.median(ordered) if ordered else float("nan"),
            "p95": p95, "timed_out": sum(t >= TIMEOUT_S for t in latencies), "lost": lost, "unsent": unsent,
            "idle_mb": idle_mb, "loaded_mb": loaded_mb, "busy_mb": busy_mb, "load_s": load_s,
            "load_cpu_s": loaded_cpu - idle_cpu, "answer_cpu_s": busy_cpu - loaded_cpu, "harness_cpu_s": own_cpu,
            "errors": errors}


def main() -> int:
    args = sys.argv[1:]
    outage_s = 0.0
    if "--outage" in args:
        at = args.index("--outage")
        outage_s = float(args[at + 1])
        del args[at:at + 2]
    sizes = [int(a) for a in args] or list(SIZES)
    missed = False
    for n in sizes:
        r = asyncio.run(run_size(n, outage_s))
        per_session = (r["loaded_mb"] - r["idle_mb"]) / n
        per_answer_ms = 1000 * r["answer_cpu_s"] / max(1, r["answers"])
        print(f"load_{n}_participants: p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms over "
              f"{r['answers']} answers ({r['timed_out']} given up on after {TIMEOUT_S:g} s); lost {r['lost']} "
              f"(not sent, a session failed first: {r['unsent']}); server memory {r['idle_mb']:.0f} MB idle, "
              f"{r['loaded_mb']:.0f} MB with {n} sessions ({per_session:.1f} MB per session), "
              f"{r['busy_mb']:.0f} MB after answering; server CPU {r['load_cpu_s']:.1f} s to load the sessions "
              f"({r['load_s']:.1f} s wall), {per_answer_ms:.0f} ms per answer (the harness itself, on the same "
              f"cores: {1000 * r['harness_cpu_s'] / max(1, r['answers']):.0f} ms)", flush=True)
        for error in r["errors"][:5]:
            print(f"  {error}", flush=True)
        if len(r["errors"]) > 5:
            print(f"  ... and {len(r['errors']) - 5} more", flush=True)
        if n >= 100 and (r["p95"] > GOAL_P95_S or r["lost"] or r["unsent"] or r["errors"]):
            print(f"  goal (p95 <= {GOAL_P95_S:g} s, 0 lost at 100 participants): MISSED", flush=True)
            missed = True
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
