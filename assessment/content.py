"""Load content/*.yaml, validate it against the models, and check every cross-reference."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from assessment.content_models import (
    Aim,
    CaseStudy,
    Characteristic,
    Content,
    Framework,
    LegalStructure,
    PeerMethod,
    Principle,
    QuestionSection,
    Source,
    StructuralOption,
    StructuresMethod,
)
from assessment.errors import ContentError

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

# One file per field of Content; a list file holds many entries, a section file one mapping.
FILES: dict[str, tuple[str, Any]] = {
    "sources": ("sources.yaml", list[Source]),
    "framework": ("framework.yaml", Framework),
    "structures_method": ("structures_method.yaml", StructuresMethod),
    "principles": ("principles.yaml", list[Principle]),
    "characteristics": ("characteristics.yaml", list[Characteristic]),
    "readiness": ("readiness.yaml", QuestionSection),
    "components": ("components.yaml", QuestionSection),
    "aims": ("aims.yaml", list[Aim]),
    "structural_options": ("structural_options.yaml", list[StructuralOption]),
    "legal_structures": ("legal_structures.yaml", list[LegalStructure]),
    "case_studies": ("case_studies.yaml", list[CaseStudy]),
    "peer_method": ("peers_method.yaml", PeerMethod),
}


def _entry_name(data: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """Turn a validation location into 'entry 3 (hurley_group)' plus the remaining field path."""
    if isinstance(data, list) and loc and isinstance(loc[0], int):
        index = loc[0]
        item = data[index] if index < len(data) else None
        label = item.get("id") or item.get("number") if isinstance(item, dict) else None
        return (f"entry {index + 1}" + (f" ({label})" if label else "")), loc[1:]
    return "", loc


def _load_file(directory: Path, filename: str, kind: Any) -> Any:
    path = directory / filename
    where = f"content/{filename}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(f"{where}: file is missing") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError(f"{where}: not valid YAML: {exc}") from exc
    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            entry, rest = _entry_name(data, tuple(err["loc"]))
            field = ".".join(str(p) for p in rest) or "(whole entry)"
            lines.append(f"{where}: {entry + ', ' if entry else ''}field {field}: {err['msg']}")
        raise ContentError("\n".join(lines)) from exc


def _duplicates(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    return sorted({v for v in values if v in seen or seen.add(v)}, key=str)


def check_references(content: Content) -> list[str]:
    """Cross-file checks a schema alone cannot make. Returns problems, each naming file and entry."""
    problems: list[str] = []
    framework = content.framework
    numbers = [p.number for p in content.principles]
    expected = framework.numbers
    if sorted(numbers) != expected:
        problems.append(f"content/principles.yaml: expected principles {expected[0]} to {expected[-1]} once each "
                        f"(framework.yaml), found {sorted(numbers)}")
    if expected != list(range(1, len(expected) + 1)):
        problems.append(f"content/framework.yaml: the groups must number the principles 1 to {len(expected)} "
                        f"once each, found {expected}")
    for principle in content.principles:
        group = framework.group_of(principle.number)
        if principle.group != group:
            problems.append(f"content/principles.yaml: principle {principle.number} is in group '{group}' "
                            f"(framework.yaml), not '{principle.group}'")
        if [lv.level for lv in principle.levels] != framework.levels:
            problems.append(f"content/principles.yaml: principle {principle.number} must list exactly the levels "
                            f"{', '.join(map(str, framework.levels))} in order (framework.yaml)")
    checks = {
        "principles.yaml": [p.id for p in content.principles],
        "characteristics.yaml": [c.id for c in content.characteristics],
        "aims.yaml": [a.id for a in content.aims],
        "structural_options.yaml": [o.id for o in content.structural_options],
        "legal_structures.yaml": [lg.id for lg in content.legal_structures],
        "case_studies.yaml": [c.id for c in content.case_studies],
        "readiness.yaml": [q.id for q in content.readiness.questions],
        "components.yaml": [q.id for q in content.components.questions],
    }
    for filename, ids in checks.items():
        for dup in _duplicates(ids):
            problems.append(f"content/{filename}: id '{dup}' is used more than once")
    aim_ids = set(checks["aims.yaml"])
    option_ids = set(checks["structural_options.yaml"])
    case_ids = set(checks["case_studies.yaml"])
    for held in content.peer_method.case_contracts if content.peer_method else []:
        if held.case not in case_ids:
            problems.append(f"content/peers_method.yaml: case_contracts: '{held.case}' is not a case study id")
    for ch in content.characteristics:
        for n in ch.principles:
            if n not in numbers:
                problems.append(f"content/characteristics.yaml: {ch.id}: principle {n} does not exist")
    for opt in content.structural_options:
        for ex in opt.examples:
            if ex not in case_ids:
                problems.append(f"content/structural_options.yaml: {opt.id}: example '{ex}' is not a case study id")
        for aim in opt.aims:
            if aim not in aim_ids:
                problems.append(f"content/structural_options.yaml: {opt.id}: aim '{aim}' is not in aims.yaml")
    for case in content.case_studies:
        for link in case.principles:
            if link.number not in numbers:
                problems.append(f"content/case_studies.yaml: {case.id}: principle {link.number} does not exist")
        if case.model is not None and case.model not in option_ids:
            problems.append(f"content/case_studies.yaml: {case.id}: model '{case.model}' is not a structural option id")
        for aim in case.aims:
            if aim not in aim_ids:
                problems.append(f"content/case_studies.yaml: {case.id}: aim '{aim}' is not in aims.yaml")
        if content.peer_method is not None and content.peer_method.health_system(case.country) is None:
            problems.append(f"content/case_studies.yaml: {case.id}: country '{case.country}' is in no health system "
                            "of content/peers_method.yaml")
        linked = [p.number for p in case.principles]
        for dup in _duplicates(linked):
            problems.append(f"content/case_studies.yaml: {case.id}: principle {dup} is linked twice")
    return problems


def load_content(directory: Path | None = None) -> Content:
    """Read and validate every content file. Raises ContentError naming each problem."""
    directory = directory or CONTENT_DIR
    parts: dict[str, Any] = {}
    errors: list[str] = []
    for field, (filename, kind) in FILES.items():
        try:
            parts[field] = _load_file(directory, filename, kind)
        except ContentError as exc:
            errors.append(str(exc))
    if errors:
        raise ContentError("\n".join(errors))
    content = Content(**parts)
    problems = check_references(content)
    if problems:
        raise ContentError("\n".join(problems))
    return content


@functools.cache
def get_content() -> Content:
    """The shipped content, loaded and validated once per process (it is immutable)."""
    return load_content()


def content_as_dict(content: Content) -> dict[str, Any]:
    """Plain JSON-ready data, with each case study's principles as a list of numbers."""
    data = content.model_dump(mode="json")
    data["design_principles"] = data.pop("principles")
    data["readiness_questions"] = data.pop("readiness")
    data["essential_components"] = data.pop("components")
    for case in data["case_studies"]:
        case["principle_evidence"] = case["principles"]
        case["principles"] = [link["number"] for link in case["principle_evidence"]]
    return data


def model_lookup(items: list[BaseModel], key: str = "id") -> dict[Any, BaseModel]:
    return {getattr(item, key): item for item in items}
