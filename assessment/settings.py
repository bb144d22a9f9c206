"""GroupUp's settings: every GROUPUP_* environment variable, declared once here, with its default and its meaning.

Read them through settings(), which follows the environment as it is now (tests and the command line change
it). The README's settings table lists every one; a test fails when one is missing there.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assessment.errors import GroupUpError

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "GROUPUP_"


class SettingsError(GroupUpError):
    """A GROUPUP_* variable is set to something GroupUp cannot use; the message names it and says what to set."""


class Settings(BaseSettings):
    # An empty variable counts as unset, as it always has.
    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore", frozen=True, env_ignore_empty=True)

    data_dir: Path | None = Field(None, description="where the SQLite database lives; unset means ./data")
    database_url: str | None = Field(None, description="any SQLAlchemy URL; unset means SQLite in the data folder")
    autosave_days: int = Field(180, gt=0, description="autosaves untouched this many days are deleted at start")
    client_ip_header: str | None = Field(
        None, description="behind a reverse proxy, the header whose last address identifies the client")
    sources_dir: Path = Field(Path("../shared/seeds"),
                              description="where the tests find the source documents the content cites")
    test_postgres_url: str | None = Field(None, description="tests only: the PostgreSQL the storage tests use")

    @property
    def data_path(self) -> Path:
        """The data folder: as set, or ./data beside app.py."""
        return self.data_dir if self.data_dir is not None else ROOT / "data"

    @property
    def sources_path(self) -> Path:
        """The source documents' folder; a relative one is taken from the repository's folder."""
        return self.sources_dir if self.sources_dir.is_absolute() else ROOT / self.sources_dir


def env_name(field: str) -> str:
    return PREFIX + field.upper()


def declared() -> list[str]:
    """Every GROUPUP_* variable GroupUp reads, by its environment name."""
    return [env_name(name) for name in Settings.model_fields]


def settings() -> Settings:
    """The settings as the environment has them now. Raises SettingsError, naming the variable, on a bad value.

    Read through pydantic on the first call for each set of GROUPUP_* values, then remembered: the storage asks
    on every rerun of every page, and parsing the environment was a tenth of a rerun.
    """
    return _settings_for(tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith(PREFIX))))


@functools.lru_cache(maxsize=16)
def _settings_for(environment: tuple[tuple[str, str], ...]) -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = env_name(str(problem["loc"][0])) if problem.get("loc") else "A GROUPUP_ setting"
        default = Settings.model_fields[str(problem["loc"][0])].default if problem.get("loc") else None
        raise SettingsError(f"{name} is set to something GroupUp cannot use. Set it as the README's settings "
                            f"table says, or unset it to use the default ({default}).") from None
