"""Fixtures for browser tests: the real app served by `streamlit run`, driven by Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


def pytest_configure(config):
    from playwright.sync_api import expect

    # On a shared 2-core machine a rerun can take several seconds; Playwright's 5 s default is too tight.
    expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(config, items):
    # In CI a missing browser is a failure, never a silent skip.
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (run `make setup-test`)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not become healthy in {timeout}s:\n{log.read_text()}")


class Server:
    """`streamlit run app.py` on one port and data folder; a test may kill it and start it again on both."""

    def __init__(self, data_dir: Path, log: Path, port: int | None = None, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.env = env or {}
        self.log = log
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> Server:
        env = {**os.environ, "GROUPUP_DATA_DIR": str(self.data_dir)}
        env.pop("GROUPUP_DATABASE_URL", None)
        env.update(self.env)  # e.g. GROUPUP_DATABASE_URL, for servers that share one PostgreSQL
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false", "--server.port", str(self.port),
                 "--server.address", "127.0.0.1"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        _wait_healthy(self.url, self.process, self.log)
        return self

    def kill(self) -> None:
        """End the server at once, as a crash or a deploy would: no chance to close anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def served_app(env_extra: dict[str, str], log: Path) -> Iterator[str]:
    """A server of its own with these extra environment variables; yields its address."""
    server = Server(Path(env_extra.get("GROUPUP_DATA_DIR", log.parent)), log, env=env_extra)
    try:
        yield server.start().url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("groupup-data")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, app_data_dir) -> Iterator[str]:
    """The app, served on a free port with its data in a temporary folder, shared by the session's tests."""
    server = Server(app_data_dir, tmp_path_factory.mktemp("streamlit-log") / "streamlit.log")
    try:
        yield server.start().url
    finally:
        server.stop()


@pytest.fixture
def fresh_server(tmp_path) -> Iterator[Server]:
    """A server of the test's own, just started, that no browser has opened yet, with an empty data folder."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    server = Server(data_dir, tmp_path / "streamlit.log")
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def app_storage(app_url, app_data_dir):
    """The served app's own database, for setting up a test's data directly."""
    from assessment.storage import SQLITE_FILE, Storage

    storage = Storage(f"sqlite:///{app_data_dir / SQLITE_FILE}")
    yield storage
    storage.dispose()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request) -> Iterator[Callable[[], object]]:
    """Open a page in a fresh browser context (a new session); screenshots are kept if the test fails."""
    contexts = []

    def make(width: int = 1400, height: int = 1000, context=None):
        """A page in a new context of this size, or another page in an existing context (the same device)."""
        if context is not None:
            return context.new_page()
        context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": height},
                                      has_touch=width < 600, is_mobile=width < 600)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for index, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for number, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}-{number}.png"), full_page=True)
        context.close()
