"""Scale out for real: two app servers on one PostgreSQL, participants on one and the facilitator on the other,
and every answer reaches the dashboard."""

from __future__ import annotations

import csv
import io
import time
import urllib.parse
import uuid

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from assessment.storage import Storage, format_code
from tests.browser import st
from tests.browser.conftest import served_app
from tests.browser.test_workshop_flow import choose_in_selectbox, click
from tests.browser.test_workshop_trust_flow import download, open_dashboard
from tests.unit.storage_backends import postgres_url


@pytest.fixture
def shared_database() -> str:
    """A PostgreSQL URL whose tables live in a schema of this test's own."""
    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options={urllib.parse.quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.mark.browser
@pytest.mark.postgres
def test_answers_given_on_one_server_all_reach_the_dashboard_on_another(shared_database, tmp_path, new_page):
    storage = Storage(shared_database)
    created = storage.create_workshop("Two servers", ["Ash Surgery", "Beech Practice"], ["principles"], min_group=2)
    storage.dispose()
    with (served_app({"GROUPUP_DATABASE_URL": shared_database, "GROUPUP_DATA_DIR": str(tmp_path / "a")},
                     tmp_path / "a.log") as one,
          served_app({"GROUPUP_DATABASE_URL": shared_database, "GROUPUP_DATA_DIR": str(tmp_path / "b")},
                     tmp_path / "b.log") as other):
        levels = ["1 · ", "3 · "]
        for level in levels:
            participant = new_page()
            participant.goto(f"{one}/join?code={format_code(created.workshop.join_code)}")
            st.wait_idle(participant)
            choose_in_selectbox(participant, "Your practice", "Ash Surgery")
            choose_in_selectbox(participant, "Your role", "Nurse")
            click(participant, "Start answering")
            first = st.main(participant).get_by_test_id("stExpander").filter(visible=True).first
            first.locator("summary").click()
            now = first.get_by_test_id("stRadio").filter(has_text="Where is your practice now?")
            expect(now.locator('[role="radiogroup"] label').first).to_be_visible()
            st.choose(now, next(o for o in st.options(now) if o.startswith(level)))

        # Both answers stored (each page saves on its own run) before the dashboard is read from the other server.
        storage = Storage(shared_database)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            stored = [p for p in storage.participants(created.workshop.id)
                      if p.answers.principles.get(1) and p.answers.principles[1].current is not None]
            if len(stored) == len(levels):
                break
            time.sleep(0.5)
        storage.dispose()
        assert len(stored) == len(levels), "a participant's answer never reached the shared database"

        facilitator = new_page()
        open_dashboard(facilitator, other, created.facilitator_key)
        joined = st.main(facilitator).get_by_test_id("stMetric").filter(has_text="People joined")
        expect(joined).to_contain_text("2", timeout=20_000)
        st.main(facilitator).get_by_role("tab", name="Export").click()
        rows = list(csv.DictReader(io.StringIO(download(facilitator, "Download workshop CSV").decode("utf-8-sig"))))
        (room,) = [r for r in rows if r["record"] == "principle" and r["item_id"] == "1"]
        assert (room["people"], room["low"], room["high"]) == ("2", "1", "3")
