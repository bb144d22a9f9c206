"""Command line: validate content, print it as JSON, score an answers file, build PDF reports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assessment.answers import parse_answers
from assessment.content import content_as_dict, load_content
from assessment.errors import ContentError, GroupUpError
from assessment.scoring import check_answers, score


def _load_answers(path: Path):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GroupUpError(f"Cannot read {path}: {exc.strerror}.") from exc
    return parse_answers(raw)


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
    answers = _load_answers(Path(args.answers))
    check_answers(answers, content)
    summary = score(answers, content)
    print(summary.model_dump_json(indent=2))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from assessment.published import write_lock

    path = write_lock(load_content())
    print(f"Recorded the wording of every scored item in {path.name}.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from assessment.report import build_reports  # the PDF stack is only loaded when asked for

    return build_reports([Path(p) for p in args.answers], Path(args.output) if args.output else None)


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
    sub.add_parser("publish", help="record the wording of scored items after a reviewed change").set_defaults(
        func=cmd_publish)
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
