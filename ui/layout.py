"""Sidebar shown on every page: progress, and saving or loading answers."""

from __future__ import annotations


def sidebar() -> None:
    """Drawn by app.py on every run. (Filled in by the self-assessment pages work.)"""
