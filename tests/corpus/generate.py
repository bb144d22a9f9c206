"""Write the corpus of bad and unusual answers files (run once; the files are committed for review).

    .venv/bin/python tests/corpus/generate.py

A file named bad_*.json must be refused with a short plain message; ok_*.json must load and show on every page.
Each starts from the small rural example, so a refused file that slipped through would visibly change the answers.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASE: dict[str, Any] = json.loads((HERE.parents[1] / "examples" / "small_rural_gms.json").read_text())


def file(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def with_practice(**changes: Any) -> dict[str, Any]:
    data = file()
    data["profile"]["practices"][0].update(changes)
    return data


def with_profile(**changes: Any) -> dict[str, Any]:
    data = file()
    data["profile"].update(changes)
    return data


def action(**changes: Any) -> dict[str, Any]:
    return {"id": "a1", "principle": 1, "action": "Agree a shared rota", "owner": "Priya Shah", "due": "2026-05-01",
            "status": "not_started", **changes}


def with_actions(*actions: dict[str, Any]) -> dict[str, Any]:
    return file(actions=list(actions))


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def everywhere(text: str) -> dict[str, Any]:
    """The same text in every free-text field a file can carry, the action id included."""
    data = file()
    data["profile"]["practices"][0]["name"] = text[:200]
    data["profile"]["current_collaborations"] = text[:2000]
    for answer in data["principles"].values():
        answer["note"] = text[:2000]
    data["actions"] = [action(id=text[:40], action=text[:1000], owner=text[:200]),
                       action(id="second", principle=None, action=text[:1000], owner=text[:200])]
    return data


FIRST_QUESTION = next(iter(BASE["readiness"]))
GOOD_TEXT = dumps(file())
V1 = {"app": "groupup", "schema_version": 1, "readiness": {FIRST_QUESTION: 2},
      "principles": [{"number": 4, "current": 1, "target": 3, "note": "From our review"}]}

CORPUS: dict[str, bytes] = {
    # --- not JSON, or broken JSON ---
    "bad_empty": b"",
    "bad_whitespace_only": b"   \n\t  \n",
    "bad_truncated": GOOD_TEXT[: len(GOOD_TEXT) // 2],
    "bad_trailing_comma": b'{"app": "groupup", "schema_version": 2,}',
    "bad_single_quotes": b"{'app': 'groupup', 'schema_version': 2}",
    "bad_binary_png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "bad_nan": b'{"app": "groupup", "schema_version": 2, "profile": {"practices": [{"list_size": NaN}]}}',
    "bad_latin1_pound_sign": '{"app": "groupup", "schema_version": 2, "profile": {"practices": '
                             '[{"name": "£5 Surgery"}]}}'.encode("latin-1"),
    "bad_utf16_without_bom": json.dumps(file()).encode("utf-16-le"),
    "bad_two_documents": GOOD_TEXT + GOOD_TEXT,
    # --- other programs' JSON ---
    "bad_npm_package": dumps({"name": "my-app", "version": "1.0.0", "dependencies": {}}),
    "bad_json_list": b"[1, 2, 3]",
    "bad_json_string": b'"groupup"',
    "bad_json_null": b"null",
    "bad_other_app_marker": dumps(file(app="GroupUp 2")),
    "bad_geojson": dumps({"type": "FeatureCollection", "features": []}),
    # --- wrong and future schema versions ---
    "bad_future_version": dumps(file(schema_version=3)),
    "bad_version_zero": dumps(file(schema_version=0)),
    "bad_version_negative": dumps(file(schema_version=-1)),
    "bad_version_as_text": dumps(file(schema_version="2")),
    "bad_version_as_decimal": dumps(file(schema_version=2.0)),
    "bad_version_enormous": dumps(file(schema_version=10**30)),
    "bad_version_missing": dumps({k: v for k, v in file().items() if k != "schema_version"}),
    "bad_v1_principle_without_number": dumps({**V1, "principles": [{"current": 1}]}),
    "bad_v1_principle_twice": dumps({**V1, "principles": [{"number": 4, "current": 1}, {"number": 4}]}),
    "ok_version_1": dumps(V1),
    # --- wrong types ---
    "bad_answer_as_words": dumps(file(readiness={FIRST_QUESTION: "quite ready"})),
    "bad_answer_as_true": dumps(file(readiness={FIRST_QUESTION: True})),
    "bad_answer_as_decimal": dumps(file(readiness={FIRST_QUESTION: 1.0})),
    "bad_principles_as_list": dumps(file(principles=[{"current": 1}])),
    "bad_profile_as_text": dumps(file(profile="Riverside Surgery")),
    "bad_no_practices": dumps(with_profile(practices=[])),
    "bad_list_size_as_words": dumps(with_practice(list_size="about six thousand")),
    "bad_actions_as_object": dumps(file(actions={"a1": action()})),
    "bad_role_not_offered": dumps(with_profile(respondent_role="chief executive")),
    "bad_updated_not_a_date": dumps(file(updated="last Tuesday")),
    # --- out of range ---
    "bad_answer_off_the_scale": dumps(file(readiness={FIRST_QUESTION: 57})),
    "bad_answer_negative": dumps(file(readiness={FIRST_QUESTION: -1})),
    "bad_principle_level_5": dumps(file(principles={"3": {"current": 5, "target": 4}})),
    "bad_principle_13": dumps(file(principles={"13": {"current": 1, "target": 2}})),
    "bad_principle_number_as_words": dumps(file(principles={"three": {"current": 1}})),
    "bad_list_size_three_million": dumps(with_practice(list_size=3_000_000)),
    "bad_due_1900": dumps(with_actions(action(due="1900-01-01"))),
    "bad_due_9999": dumps(with_actions(action(due="9999-12-31"))),
    "bad_due_1999_12_31": dumps(with_actions(action(due="1999-12-31"))),
    "bad_due_not_a_date": dumps(with_actions(action(due="next Tuesday"))),
    "bad_due_impossible_date": dumps(with_actions(action(due="2026-02-30"))),
    "bad_action_for_principle_0": dumps(with_actions(action(principle=0))),
    "bad_status_not_offered": dumps(with_actions(action(status="abandoned"))),
    # --- duplicates and unknown ids ---
    "bad_two_actions_one_id": dumps(with_actions(action(), action(action="Another action"))),
    "bad_duplicate_key_at_top": b'{"app": "groupup", "schema_version": 2, "schema_version": 1}',
    "bad_duplicate_key_in_a_practice": GOOD_TEXT.replace(b'"name": ', b'"name": "Decoy", "name": ', 1),
    "bad_duplicate_key_in_an_action": b'{"app": "groupup", "schema_version": 2, "actions": [{"id": "a1", '
                                      b'"action": "One", "action": "Two"}]}',
    "bad_aim_twice": dumps(with_profile(aims=[BASE["profile"]["aims"][0]] * 2)),
    "bad_contract_twice": dumps(with_practice(contracts=["gms", "gms"])),
    "bad_unknown_aim": dumps(with_profile(aims=["world_domination"])),
    "bad_unknown_case_study": dumps(with_actions(action(suggestion_from="no_such_case"))),
    "bad_unknown_field": dumps(file(password="hunter2")),
    # --- huge and deeply nested ---
    "bad_nested_50000_deep": b"[" * 50_000 + b"]" * 50_000,
    "bad_nested_inside_an_answer": dumps(file(readiness={FIRST_QUESTION: [[[[[[[[[[1]]]]]]]]]]})),
    "bad_5000_digit_number": b'{"app": "groupup", "schema_version": 2, "readiness": {"q": ' + b"9" * 5000 + b"}}",
    "bad_500000_character_action_id": dumps(with_actions(action(id="=HYPERLINK(" + "x" * 500_000))),
    "bad_long_practice_name": dumps(with_practice(name="Riverside " * 30)),
    "bad_long_note": dumps(file(principles={"1": {"current": 1, "target": 2, "note": "n" * 2001}})),
    "bad_long_question_id": dumps(file(readiness={"q" * 10_000: 1})),
    "bad_201_actions": dumps(with_actions(*(action(id=f"a{i}") for i in range(201)))),
    "bad_51_aims": dumps(with_profile(aims=[f"aim_{i}" for i in range(51)])),
    "bad_null_character_in_name": dumps(with_practice(name="Riverside\u0000Surgery")),
    "bad_escape_character_in_owner": dumps(with_actions(action(owner="\u001b[31mred"))),
    "bad_lone_surrogate_in_note": b'{"app": "groupup", "schema_version": 2, "principles": {"1": {"note": "\\ud83d"}}}',
    # --- ordinary files as Windows programs save them ---
    "ok_utf8_with_bom": b"\xef\xbb\xbf" + dumps(with_practice(name="Ty Newydd Surgery, Llanfair £")),
    "ok_utf16_le_with_bom": dumps(with_practice(name="Ysgol Feddygol")).decode().encode("utf-16"),
    "ok_utf16_be_with_bom": b"\xfe\xff" + dumps(file()).decode().encode("utf-16-be"),
    "ok_windows_line_endings": dumps(file()).replace(b"\n", b"\r\n"),
    "ok_minimal": b'{"app": "groupup", "schema_version": 2}',
    "ok_due_dates_at_the_limits": dumps(with_actions(action(due="2000-01-01"), action(id="a2", due="2100-12-31"))),
    "ok_retired_question_id": dumps(file(readiness={**BASE["readiness"], "a_question_no_longer_asked": 1})),
    # --- hostile but valid text in every free-text field ---
    "ok_html_and_script": dumps(everywhere('<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>')),
    "ok_markdown": dumps(everywhere("**bold** _it_ [link](http://example.com) ![i](http://x/y.png) # Head `c` "
                                    "$x^2$ :red[red] :material/home: <br> | a | b |")),
    "ok_pdf_page_alias": dumps(everywhere("Page {nb} of {nb} {nb}{nb}")),
    "ok_formulas": dumps(everywhere('=HYPERLINK("http://example.com","Click")')),
    "ok_formulas_plus_and_at": dumps(everywhere("+1+1 @SUM(1) -2+3")),
    "ok_formulas_tab_and_return": dumps(everywhere("\t=1+1\r=2+2\r\n\"quoted\", comma; semi")),
    "ok_right_to_left_override": dumps(everywhere("Riverside \u202egnp.exe\u202c Surgery \u200f\u05e9\u05dc\u05d5\u05dd")),
    "ok_zero_width": dumps(everywhere("Zero\u200bwidth\u200d\u2060joiner\ufeffhere")),
    "ok_emoji": dumps(everywhere("Surgery 🏥👩🏽‍⚕️🇬🇧 café — “quotes” ½")),
    "ok_longest_allowed_text": dumps(everywhere("Longest text " * 200)),
    "ok_whitespace_only_text": dumps(everywhere(" \n\t ")),
    "ok_fifty_practices_with_long_names": dumps(with_profile(practices=[{"name": f"{i} " + "Long Name " * 19}
                                                                       for i in range(50)])),
}


def main() -> None:
    for old in HERE.glob("*.json"):
        old.unlink()
    for name, data in CORPUS.items():
        (HERE / f"{name}.json").write_bytes(data)
    print(f"wrote {len(CORPUS)} files to {HERE}")


if __name__ == "__main__":
    main()
