"""The README's "Where things are" table names every module of the core and every folder a newcomer looks for."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Where things are", 1)[1].split("\n## ", 1)[0]
MODULES = sorted(p.stem for p in (ROOT / "assessment").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("module", MODULES)
def test_the_readme_says_where_each_core_module_is_and_what_it_holds(module):
    assert f"{module}.py`" in TABLE


@pytest.mark.parametrize("thing", ["A new page", "A new chart", "A new table", "A new principle descriptor"])
def test_the_readme_says_where_a_new_thing_goes(thing):
    assert f"**{thing}**" in TABLE


PACKAGE_MODULES = sorted(f"{p.parent.name}/{p.name}" for p in (ROOT / "assessment").glob("*/*.py")
                         if p.parent.name != "migrations" and p.stem != "__init__")


@pytest.mark.parametrize("module", PACKAGE_MODULES)
def test_the_readme_names_each_module_of_a_core_package_in_that_packages_row(module):
    package, name = module.split("/")
    rows = [line for line in TABLE.splitlines() if line.startswith(f"| `assessment/{package}/`")]
    assert rows and f"`{name}`" in rows[0]
