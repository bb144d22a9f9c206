"""The pages of the app, declared once: app.py builds the navigation from this list."""

from __future__ import annotations

import base64
import copy
import functools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The page scripts live in views/, not pages/: Streamlit 1.67 treats a pages/ folder beside app.py as the old
# multipage mode until app.py has run once in the process, so after a restart a reconnecting tab or a bookmark
# such as /readiness ran its page alone, with no navigation, autosave or resume.

# The browser tab's icon is a file in the repository, served by the app itself: a ":material/...:" page icon
# makes the browser fetch the favicon from Google's font server, and GroupUp sends nothing anywhere.
APP_ICON = ROOT / "assets" / "groupup-icon.png"


@functools.cache
def app_icon_uri() -> str:
    """The tab's icon as a data: address, read once per process.

    Given the file's path, Streamlit reads it, opens it as an image and registers it as a new media file on every
    run of every page (about 3% of a Design principles rerun); a data: address goes to the browser as it is, and
    the browser needs nothing else to draw it.
    """
    return "data:image/png;base64," + base64.b64encode(APP_ICON.read_bytes()).decode("ascii")


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the repository root
    title: str
    icon: str
    section: str
    url_path: str
    default: bool = False

    @property
    def self_assessment(self) -> bool:
        """Whether the page belongs to one practice's own assessment, so the sidebar's progress and the saving
        of answers mean something there. The workshop pages have answers of their own, kept in the database."""
        return self.section != WORKSHOP


WORKSHOP = "Workshop"

PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/welcome.py", "Welcome", ":material/home:", "Self-assessment", "welcome", default=True),
    PageSpec("views/profile.py", "Practice profile", ":material/badge:", "Self-assessment", "profile"),
    PageSpec("views/readiness.py", "Readiness", ":material/checklist:", "Self-assessment", "readiness"),
    PageSpec("views/principles.py", "Design principles", ":material/tune:", "Self-assessment", "principles"),
    PageSpec("views/components.py", "Collaboration components", ":material/handshake:", "Self-assessment",
             "components"),
    PageSpec("views/results.py", "Results", ":material/insights:", "Self-assessment", "results"),
    PageSpec("views/compare.py", "Compare with case studies", ":material/compare:", "Learn and decide", "compare"),
    PageSpec("views/library.py", "Case-study library", ":material/menu_book:", "Learn and decide", "library"),
    PageSpec("views/structures.py", "Structures and legal forms", ":material/account_tree:", "Learn and decide",
             "structures"),
    PageSpec("views/action_plan.py", "Action plan", ":material/task_alt:", "Plan and share", "action-plan"),
    PageSpec("views/export.py", "Export", ":material/download:", "Plan and share", "export"),
    PageSpec("views/workshop_join.py", "Join a workshop", ":material/groups:", WORKSHOP, "join"),
    PageSpec("views/workshop_facilitator.py", "Facilitate a workshop", ":material/co_present:", WORKSHOP,
             "facilitate"),
)


def spec_for(url_path: str) -> PageSpec:
    """The page with this url path; the default page for "" (how st.navigation names the default page)."""
    return next((p for p in PAGES if p.url_path == url_path), next(p for p in PAGES if p.default))


def page_file(spec: PageSpec) -> Path:
    return ROOT / spec.path


@functools.cache
def _page_prototypes() -> tuple[tuple[str, object], ...]:
    import streamlit as st  # here, so that listing the pages (benchmarks, tests) needs no Streamlit

    return tuple((spec.section, st.Page(str(page_file(spec)), title=spec.title, icon=spec.icon,
                                        url_path=spec.url_path, default=spec.default)) for spec in PAGES)


def navigation_sections() -> dict[str, list]:
    """The navigation's pages by section, for st.navigation on every run.

    Building a st.Page resolves its file on disk, a seventh of a Design principles rerun for thirteen pages, so
    each is built once per process and copied on every run: st.navigation marks the page it returns as the one
    allowed to run, so two sessions running at once must never share an object.
    """
    sections: dict[str, list] = {}
    for section, prototype in _page_prototypes():
        sections.setdefault(section, []).append(copy.copy(prototype))
    return sections
