"""The pages of the app, declared once: app.py builds the navigation from this list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the repository root
    title: str
    icon: str
    section: str
    url_path: str
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/welcome.py", "Welcome", ":material/home:", "Self-assessment", "welcome", default=True),
    PageSpec("pages/profile.py", "Practice profile", ":material/badge:", "Self-assessment", "profile"),
    PageSpec("pages/readiness.py", "Readiness", ":material/checklist:", "Self-assessment", "readiness"),
    PageSpec("pages/principles.py", "Design principles", ":material/tune:", "Self-assessment", "principles"),
    PageSpec("pages/components.py", "Collaboration components", ":material/handshake:", "Self-assessment",
             "components"),
    PageSpec("pages/results.py", "Results", ":material/insights:", "Self-assessment", "results"),
    PageSpec("pages/compare.py", "Compare with case studies", ":material/compare:", "Learn and decide", "compare"),
    PageSpec("pages/library.py", "Case-study library", ":material/menu_book:", "Learn and decide", "library"),
    PageSpec("pages/structures.py", "Structures and legal forms", ":material/account_tree:", "Learn and decide",
             "structures"),
    PageSpec("pages/action_plan.py", "Action plan", ":material/task_alt:", "Plan and share", "action-plan"),
    PageSpec("pages/export.py", "Export", ":material/download:", "Plan and share", "export"),
    PageSpec("pages/workshop_join.py", "Join a workshop", ":material/groups:", "Workshop", "join"),
    PageSpec("pages/workshop_facilitator.py", "Facilitate a workshop", ":material/co_present:", "Workshop",
             "facilitate"),
)


def page_file(spec: PageSpec) -> Path:
    return ROOT / spec.path
