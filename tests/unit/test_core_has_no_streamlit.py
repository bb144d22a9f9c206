"""The domain core must run without a browser: nothing in assessment/ may import streamlit."""

import ast
from pathlib import Path

ASSESSMENT = Path(__file__).resolve().parents[2] / "assessment"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_in_assessment_imports_streamlit():
    offenders = [p.name for p in ASSESSMENT.rglob("*.py") if "streamlit" in imported_modules(p)]
    assert offenders == []


def test_the_import_check_notices_a_streamlit_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from streamlit import session_state\n")
    assert "streamlit" in imported_modules(module)
