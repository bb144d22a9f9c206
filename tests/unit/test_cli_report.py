"""`python -m assessment report`: one PDF, or a batch into a folder that reports bad files and carries on."""

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from assessment.__main__ import build_reports
from assessment.answers import Answers, Practice

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "assessment", *args], cwd=cwd, capture_output=True,
                          encoding="utf-8", timeout=300, env=env)


def answers_file(folder: Path, stem: str, name: str) -> Path:
    answers = Answers()
    answers.profile.practices = [Practice(name=name)]
    path = folder / f"{stem}.json"
    path.write_text(answers.to_json(), encoding="utf-8")
    return path


def first_page_text(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_report_writes_one_pdf_to_the_path_given_with_o(tmp_path):
    source = answers_file(tmp_path, "northside", "Northside Surgery")
    result = run_cli("report", str(source), "-o", str(tmp_path / "summary.pdf"))
    assert result.returncode == 0, result.stderr
    assert "Northside Surgery" in first_page_text(tmp_path / "summary.pdf")
    assert "summary.pdf" in result.stdout


def test_a_batch_goes_into_the_folder_given_with_o_and_shows_progress(tmp_path):
    sources = [answers_file(tmp_path, stem, f"{stem.title()} Surgery") for stem in ("northside", "riverside")]
    result = run_cli("report", *map(str, sources), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "[1/2] northside.json → " in result.stdout and "[2/2] riverside.json → " in result.stdout
    assert "Riverside Surgery" in first_page_text(tmp_path / "out" / "riverside.pdf")
    assert "Northside Surgery" in first_page_text(tmp_path / "out" / "northside.pdf")


def test_a_bad_file_in_a_batch_is_named_and_the_others_are_still_built(tmp_path):
    good_1 = answers_file(tmp_path, "northside", "Northside Surgery")
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.json"
    good_2 = answers_file(tmp_path, "riverside", "Riverside Surgery")
    result = run_cli("report", str(good_1), str(bad), str(missing), str(good_2), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "[2/4] broken.json: failed: " in result.stderr and "not readable JSON" in result.stderr
    assert "[3/4] missing.json: failed: Cannot read" in result.stderr
    assert "2 of 4 summaries built; failed: broken.json, missing.json" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["northside.pdf", "riverside.pdf"]


def test_files_with_the_same_name_in_a_batch_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = answers_file(tmp_path / "a", "practice", "First Surgery")
    second = answers_file(tmp_path / "b", "practice", "Second Surgery")
    lines: list[str] = []
    assert build_reports([first, second], tmp_path / "out", out=lines.append, err=lines.append) == 0
    assert "First Surgery" in first_page_text(tmp_path / "out" / "practice.pdf")
    assert "Second Surgery" in first_page_text(tmp_path / "out" / "practice-2.pdf")


def test_a_batch_refuses_an_output_that_is_a_file(tmp_path):
    sources = [answers_file(tmp_path, stem, stem) for stem in ("one", "two")]
    existing = tmp_path / "summary.pdf"
    existing.write_bytes(b"keep me")
    errors: list[str] = []
    assert build_reports(sources, existing, out=errors.append, err=errors.append) == 1
    assert "must be a folder" in errors[0] and existing.read_bytes() == b"keep me"


def test_without_o_the_pdf_is_written_to_the_current_folder(tmp_path):
    source = answers_file(tmp_path, "northside", "Northside Surgery")
    work = tmp_path / "work"
    work.mkdir()
    result = run_cli("report", str(source), cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "northside.pdf").exists()


def test_one_file_with_o_naming_a_folder_goes_into_that_folder(tmp_path):
    source = answers_file(tmp_path, "northside", "Northside Surgery")
    lines: list[str] = []
    assert build_reports([source], tmp_path / "summaries", out=lines.append, err=lines.append) == 0
    assert "Northside Surgery" in first_page_text(tmp_path / "summaries" / "northside.pdf")
