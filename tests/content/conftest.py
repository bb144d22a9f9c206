"""Where the source documents are, for the tests that check content against them (GROUPUP_SOURCES_DIR).

A clone of GroupUp on its own has no copy of the sources, so outside CI those tests skip and say why; under
CI=true a missing folder fails them, because there the sources must be present and every check must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessment.settings import Settings, env_name, settings

SOURCES_DIR_ENV = env_name("sources_dir")
DEFAULT_SOURCES_DIR = Settings.model_fields["sources_dir"].default


def configured_sources_dir() -> Path:
    """The folder GROUPUP_SOURCES_DIR names (a relative path counts from the repository root)."""
    return settings().sources_path.resolve()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The source documents' folder; skips the test outside CI when it is missing, fails it under CI=true."""
    folder = configured_sources_dir()
    if folder.is_dir() and any(folder.glob("*.txt")):
        return folder
    message = (f"the source documents are not at {folder}: set {SOURCES_DIR_ENV} to the folder holding them "
               f"(default {DEFAULT_SOURCES_DIR}, beside the repository) to check content against them")
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)
