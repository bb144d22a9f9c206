"""Every test gets a throwaway data directory, so no test reads or writes the repository's ./data."""

from __future__ import annotations

import os

import pytest

from assessment.storage import clear_storage_cache


@pytest.fixture(scope="session", autouse=True)
def isolated_data_dir(tmp_path_factory):
    saved = {name: os.environ.get(name) for name in ("GROUPUP_DATA_DIR", "GROUPUP_DATABASE_URL")}
    os.environ["GROUPUP_DATA_DIR"] = str(tmp_path_factory.mktemp("groupup-data"))
    os.environ.pop("GROUPUP_DATABASE_URL", None)
    clear_storage_cache()
    yield
    clear_storage_cache()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
