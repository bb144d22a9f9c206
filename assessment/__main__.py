"""Command line: validate content, print it as JSON, print an answers file's findings, build PDF reports in a batch,
issue a workshop's facilitator key anew."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assessment.answers import Answers
from assessment.content import content_as_dict, load_content
from assessment.content_models import Content
from assessment.errors import ContentError, GroupUpError
from assessment.findings import build_findings
from assessment.services import read_answers_file


def _load_answers(path: Path, content: Content) -> Answers:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GroupUpError(f"Cannot read {path}: {exc.strerror}.") from exc
    return read_answers_file(raw, content)


def cmd_validate(args: argparse.Namespace) -> int:
    content = load_content()
    print("Content is valid.")
    print(f"  design principles:       {len(content.principles)}")
    print(f"  characteristics:         {len(content.characteristics)}")
    print(f"  readiness questions:     {len(content.readiness.questions)}")
    print(f"  essential components:    {len(content.components.questions)}")
    print(f"  aims:                    {len(content.aims)}")
    print(f"  structural options:      {len(content.structural_options)}")
    print(f"  legal structures:        {len(content.legal_structures)}")
    print(f"  case studies:            {len(content.case_studies)}")
    return 0


def cmd_content(args: argparse.Namespace) -> int:
    data = content_as_dict(load_content())
    print(json.dumps(data, indent=2 if args.json else None, ensure_ascii=False))
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    content = load_content()
    answers = _load_answers(Path(args.answers), content)
    print(build_findings(answers, content).summary.model_dump_json(indent=2))
    return 0


def cmd_findings(args: argparse.Namespace) -> int:
    content = load_content()
    answers = _load_answers(Path(args.answers), content)
    print(build_findings(answers, content).model_dump_json(indent=2))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from assessment.published import write_lock

    path = write_lock(load_content())
    print(f"Recorded the wording of every scored item in {path.name}.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    return build_reports([Path(p) for p in args.answers], Path(args.output) if args.output else None)


# --- PDF summaries in a batch ---------------------------------------------------------------------------


def _arrow() -> str:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "→".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "->"
    return "→"


def _targets(paths: Sequence[Path], output: Path | None) -> list[Path]:
    """Where each PDF goes: the -o file for one input (if it ends .pdf); otherwise <stem>.pdf in the -o folder."""
    if len(paths) == 1 and output is not None and output.suffix.lower() == ".pdf" and not output.is_dir():
        return [output]
    folder = output if output is not None else Path.cwd()
    used: dict[str, int] = {}
    targets = []
    for path in paths:
        stem = path.stem or "summary"
        count = used.get(stem.lower(), 0) + 1
        used[stem.lower()] = count
        targets.append(folder / (f"{stem}.pdf" if count == 1 else f"{stem}-{count}.pdf"))
    return targets


def build_reports(paths: Sequence[Path], output: Path | None,
                  *, out: Callable[[str], None] | None = None, err: Callable[[str], None] | None = None) -> int:
    """Build one PDF per answers file. A bad file is reported and skipped; returns 1 if any failed, else 0.

    One file: `output` is the PDF's path if it ends in .pdf, else a folder. Several: `output` is a folder.
    Folders are created if need be; with no `output`, PDFs go in the current folder.
    """
    out = out or (lambda line: print(line, flush=True))
    err = err or (lambda line: print(line, file=sys.stderr, flush=True))
    paths = [Path(p) for p in paths]
    if len(paths) > 1 and output is not None and output.exists() and not output.is_dir():
        err(f"Error: with several answers files, -o must be a folder, and {output} is a file.")
        return 1
    from assessment.report import build_pdf, read_method  # the PDF stack is only loaded when asked for

    content = load_content()
    method = read_method()
    targets = _targets(paths, output)
    arrow = _arrow()
    failed: list[str] = []
    total = len(paths)
    for index, (path, target) in enumerate(zip(paths, targets, strict=True), start=1):
        prefix = f"[{index}/{total}] {path.name}"
        try:
            answers = _load_answers(path, content)
            pdf = build_pdf(answers, content, method=method)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(pdf)
            except OSError as exc:
                raise GroupUpError(f"Cannot write {target}: {exc.strerror}.") from exc
        except GroupUpError as exc:
            failed.append(path.name)
            err(f"{prefix}: failed: {exc}")
            continue
        out(f"{prefix} {arrow} {target}")
    if failed:
        err(f"{total - len(failed)} of {total} summaries built; failed: {', '.join(failed)}")
        return 1
    if total > 1:
        out(f"All {total} summaries built in {output if output is not None else Path.cwd()}")
    return 0


# --- workshops ------------------------------------------------------------------------------------------


def cmd_workshop_new_key(args: argparse.Namespace) -> int:
    from assessment.storage import Storage, database_url, format_code

    storage = Storage(database_url())
    try:
        issued = storage.reissue_facilitator_key(args.join_code)
    finally:
        storage.dispose()
    print(f"New facilitator key for \"{issued.workshop.name}\" ({format_code(issued.workshop.join_code)}):")
    print(f"  {issued.facilitator_key}")
    print("The old key no longer opens this workshop. Give the new one to the facilitator alone: it is not "
          "stored and cannot be shown again.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assessment", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check all content and print counts").set_defaults(func=cmd_validate)
    p = sub.add_parser("content", help="print the validated content")
    p.add_argument("--json", action="store_true", help="pretty-printed JSON (the default output is compact JSON)")
    p.set_defaults(func=cmd_content)
    p = sub.add_parser("score", help="score an answers file and print the summary as JSON")
    p.add_argument("answers")
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("findings", help="print everything GroupUp finds from an answers file, as JSON")
    p.add_argument("answers")
    p.set_defaults(func=cmd_findings)
    sub.add_parser("publish", help="record the wording of scored items after a reviewed change").set_defaults(
        func=cmd_publish)
    p = sub.add_parser("workshop", help="manage workshops in the configured database (GROUPUP_DATABASE_URL)")
    workshop_sub = p.add_subparsers(dest="workshop_command", required=True)
    p = workshop_sub.add_parser("new-key", help="issue a new facilitator key for a workshop; the old one stops working")
    p.add_argument("join_code", help="the workshop's join code, e.g. ABCDE-23456")
    p.set_defaults(func=cmd_workshop_new_key)
    p = sub.add_parser("report", help="build PDF summaries from one or more answers files")
    p.add_argument("answers", nargs="+")
    p.add_argument("-o", "--output", help="PDF file (one answers file) or folder (several)")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        print(f"Content problems found:\n{exc}", file=sys.stderr)
        return 2
    except GroupUpError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
