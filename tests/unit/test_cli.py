"""The command line: validate, content --json and score, as a facilitator would run them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessment", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_validate_prints_the_counts_of_each_kind_of_content():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "design principles:       12" in result.stdout
    assert "essential components:    17" in result.stdout


def test_validate_fails_with_named_errors_on_bad_content(tmp_path, monkeypatch):
    from assessment import __main__ as cli
    from assessment import content as content_module

    broken = tmp_path / "content"
    broken.mkdir()
    for path in content_module.CONTENT_DIR.glob("*.yaml"):
        (broken / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "aims.yaml").write_text("- id: Not A Slug\n  label: x\n", encoding="utf-8")
    monkeypatch.setattr(content_module, "CONTENT_DIR", broken)
    assert cli.main(["validate"]) == 2


def test_content_json_lists_case_studies_with_their_principle_numbers():
    result = run_cli("content", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("design_principles", "case_studies", "legal_structures", "structural_options",
                "readiness_questions", "essential_components"):
        assert key in data
    principles = [n for case in data["case_studies"] for n in case["principles"]]
    assert principles and all(isinstance(n, int) and 1 <= n <= 12 for n in principles)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_score_prints_the_summary_of_an_example_file(example):
    result = run_cli("score", str(example))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {s["id"] for s in summary["sections"]} >= {"readiness", "components"}
    assert len(summary["principles"]) == 12


def test_there_are_at_least_two_example_files():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(
    ("content", "words"),
    [("not json at all", "not readable JSON"), ('{"app": "other"}', "not saved by GroupUp"),
     ('{"app": "groupup", "schema_version": 7}', "newer version"),
     ('{"app": "groupup", "schema_version": 0}', "format 0 is not one GroupUp knows"),
     ('{"app": "groupup", "schema_version": 2, "profile": {"practices": [{"list_size": "lots"}]}}',
      "Practice 1's list size should be a whole number"),
     ('{"app": "groupup", "schema_version": 2, "readiness": {"time_for_the_future": true}}',
      'The readiness answer to "time_for_the_future" should be a point on the scale'),
     ("[" * 50_000 + "]" * 50_000, "nested far too deeply"),
     ('{"app": "groupup", "schema_version": 2, "readiness": {"q": ' + "9" * 5000 + "}}",
      "a number thousands of digits long")],
    ids=["not-json", "foreign-json", "future-version", "version-0", "wrong-types", "true-as-answer",
         "deeply-nested", "huge-number"],
)
def test_score_explains_a_malformed_file_in_one_paragraph_without_a_traceback(tmp_path, content, words):
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    result = run_cli("score", str(path))
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_score_explains_a_missing_file(tmp_path):
    result = run_cli("score", str(tmp_path / "nope.json"))
    assert result.returncode == 1 and "Cannot read" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_findings_prints_everything_the_pages_show_for_an_example_file(example):
    result = run_cli("findings", str(example))
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert len(findings["summary"]["principles"]) == 12
    assert findings["fit"]["options"] and findings["fit"]["legal_forms"]
    assert "not legal advice" in findings["fit"]["caveat"]
