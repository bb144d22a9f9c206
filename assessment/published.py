"""Stable ids: a fingerprint of every scored item's wording, so an edit in place is caught.

A scored question or descriptor that changes meaning must get a new id (past assessments stay
comparable). `python -m assessment publish` records the current fingerprints in
content/published_ids.yaml after a deliberate, reviewed change of wording.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from assessment.content import CONTENT_DIR
from assessment.content_models import Content

LOCK_FILE = "published_ids.yaml"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(" ".join(p.split()) for p in parts).encode("utf-8")).hexdigest()[:12]


def fingerprints(content: Content) -> dict[str, str]:
    """Scored item id -> short hash of the wording a respondent answers."""
    prints = {}
    for section in (content.readiness, content.components):
        for q in section.questions:
            prints[f"{section.id}.{q.id}"] = _digest(q.text)
    for p in content.principles:
        prints[f"principles.{p.number}"] = _digest(p.id, *(lv.descriptor for lv in p.levels))
    return prints


def read_lock(directory: Path | None = None) -> dict[str, str]:
    path = (directory or CONTENT_DIR) / LOCK_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def write_lock(content: Content, directory: Path | None = None) -> Path:
    path = (directory or CONTENT_DIR) / LOCK_FILE
    header = "# Fingerprints of published scored items. Regenerate only with `python -m assessment publish`.\n"
    path.write_text(header + yaml.safe_dump(fingerprints(content), sort_keys=True), encoding="utf-8")
    return path


def edited_in_place(content: Content, lock: dict[str, str]) -> list[str]:
    """Published ids whose wording changed, or that disappeared."""
    now = fingerprints(content)
    return sorted(key for key, digest in lock.items() if now.get(key) != digest)
